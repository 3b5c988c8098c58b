"""Mechanism 3: fear and missing pride narrow the horizon of proactive acts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed
from ..state import Staff
from .m02_fear_gate import applied_ability
from .variants import alternative

#: what an employee knows that opens the horizon: (staff, p) -> a share per employee
Knowledge = Callable[[Staff, StaffBehaviour | CompanyParameters], np.ndarray]


@alternative(
    "horizon_knowledge",
    "awareness",
    mechanism="mechanism 3",
    meaning="the horizon's knowledge term is effect awareness alone; ability does not widen it",
    default=True,
)
def awareness_knowledge(staff: Staff, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """The published model: who sees what the work effects notices more (the lens of effect)."""
    return staff.effect_awareness


@alternative(
    "horizon_knowledge",
    "ability_too",
    mechanism="mechanism 3",
    meaning="applied ability widens the horizon as well: the knowledge term is "
    "(1 - horizon_ability_weight) * awareness + horizon_ability_weight * applied ability",
)
def ability_knowledge(staff: Staff, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """Proactivity needs "can do" as well as "reason to" (Parker, Bindl & Strauss 2010): one who
    knows the products and the routine notices an unspoken need or a looming problem too."""
    chi = packed(p).per("horizon_ability_weight", "staff", staff.size).astype(np.float32)
    return (np.float32(1.0) - chi) * staff.effect_awareness + chi * applied_ability(staff)


def proactive_horizon(
    staff: Staff, p: StaffBehaviour | CompanyParameters, knowledge: Knowledge = awareness_knowledge
) -> np.ndarray:
    """Chance scale of noticing an unspoken need, a looming problem or a thief.

    Horizon is widest for a fearless, proud employee who knows what the work
    effects; fear closes up to ``horizon_fear`` of it.  Written to ``staff.horizon``.
    ``knowledge`` is the run's ``horizon_knowledge`` variant (default: effect awareness).
    """
    p = packed(p)
    _widen(
        staff.pride, knowledge(staff, p), staff.fear, staff.horizon, p.bounds("staff", staff.size),
        p.table(_HORIZON),
    )  # fmt: skip
    return staff.horizon


#: the staff parameters ``_widen`` reads, as the rows of its ``p_k`` (one column per company)
_HORIZON = ("horizon_pride_floor", "horizon_awareness_floor", "horizon_fear")


@njit(cache=True)
def _widen(pride, awareness, fear, horizon, staff_bounds, p_k):
    for k in range(staff_bounds.size - 1):
        pride_floor, awareness_floor, horizon_fear = p_k[0, k], p_k[1, k], p_k[2, k]
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            pride_term = pride_floor + (1.0 - pride_floor) * pride[i]
            aware_term = awareness_floor + (1.0 - awareness_floor) * awareness[i]
            horizon[i] = (1.0 - horizon_fear * fear[i]) * pride_term * aware_term
