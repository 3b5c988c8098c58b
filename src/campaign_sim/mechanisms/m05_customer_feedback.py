"""Mechanism 5: customers feed back into employees (the reinforcing loop)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed
from ..state import Staff
from .variants import alternative

#: how much of the customers' appreciation an employee turns into pride: (staff, p) -> share
PrideLens = Callable[[Staff, StaffBehaviour | CompanyParameters], np.ndarray]


@alternative(
    "customer_pride",
    "through_awareness",
    mechanism="mechanism 5",
    meaning="pride from good encounters in proportion to effect awareness (the lens of effect)",
    default=True,
)
def awareness_lens(staff: Staff, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """The published model: only who sees what the work effects can take pride in it."""
    return staff.effect_awareness


@alternative(
    "customer_pride",
    "ungated",
    mechanism="mechanism 5",
    meaning="pride from good encounters does not depend on effect awareness: every employee "
    "takes it up at the same factor, staff.ungated_pride_lens",
)
def ungated_lens(staff: Staff, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """A satisfied customer's thanks tells the employee their worth directly (Grant & Gino 2010),
    without the employee first having to see what the work effects."""
    return packed(p).per("ungated_pride_lens", "staff", staff.size).astype(staff.effect_awareness.dtype)


def feed_back_to_staff(
    staff: Staff,
    served: np.ndarray,
    good: np.ndarray,
    hostile: np.ndarray,
    p: StaffBehaviour | CompanyParameters,
    lens: PrideLens = awareness_lens,
) -> None:
    """Good encounters build pride and calm fear of customers; hostile ones raise that fear.

    Pride from customers is seen through the lens of effect: an employee gains
    it in proportion to effect awareness, because only who sees what the work
    effects can take pride in it (``lens``: the run's ``customer_pride`` variant).
    Pride fades slowly without new sources.
    """
    p = packed(p)
    _feed_back(
        served, good, hostile, staff.pride, lens(staff, p), staff.fear_of_customers,
        p.bounds("staff", staff.size), p.table(_FEEDBACK),
    )  # fmt: skip


#: the staff parameters ``_feed_back`` reads, as the rows of its ``p_k`` (one column per company)
_FEEDBACK = ("pride_from_customers", "pride_decay", "fear_customer_gain", "fear_customer_relief")


@njit(cache=True)
def _feed_back(served, good, hostile, pride, awareness, fear, staff_bounds, p_k):
    for k in range(staff_bounds.size - 1):
        from_customers, decay, gain, relief = p_k[0, k], p_k[1, k], p_k[2, k], p_k[3, k]
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            denom = max(served[i], 1.0)
            good_share = good[i] / denom
            hostile_share = hostile[i] / denom
            pr = pride[i]
            pr += from_customers * awareness[i] * good_share * (1.0 - pr)
            pr -= decay * pr
            f = fear[i]
            f += gain * hostile_share * (1.0 - f) - relief * good_share * f
            pride[i] = min(max(pr, 0.0), 1.0)
            fear[i] = min(max(f, 0.0), 1.0)
