"""Mechanism 5: customers feed back into employees (the reinforcing loop)."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..state import Staff


def feed_back_to_staff(
    staff: Staff, served: np.ndarray, good: np.ndarray, hostile: np.ndarray, p: StaffBehaviour
) -> None:
    """Good encounters build pride and calm fear of customers; hostile ones raise that fear.

    Pride from customers is seen through the lens of effect: an employee gains
    it in proportion to effect awareness, because only who sees what the work
    effects can take pride in it.  Pride fades slowly without new sources.
    """
    _feed_back(
        served, good, hostile, staff.pride, staff.effect_awareness, staff.fear_of_customers,
        p.pride_from_customers, p.pride_decay, p.fear_customer_gain, p.fear_customer_relief,
    )  # fmt: skip


@njit(cache=True)
def _feed_back(served, good, hostile, pride, awareness, fear, from_customers, decay, gain, relief):
    for i in range(pride.size):
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
