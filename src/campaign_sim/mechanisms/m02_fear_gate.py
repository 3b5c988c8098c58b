"""Mechanism 2: fear blocks the use of what was learned."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed
from ..state import Staff


def total_fear(staff: Staff, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """Weighted fear from customers, boss and for the job, written to ``staff.fear``."""
    p = packed(p)
    _weigh(
        staff.fear_of_customers, staff.fear_of_boss, staff.fear_for_job, staff.fear,
        p.bounds("staff", staff.size), p.table(_WEIGHTS),
    )  # fmt: skip
    return staff.fear


#: the staff parameters ``_weigh`` reads, as the rows of its ``p_k`` (one column per company)
_WEIGHTS = ("fear_weight_customers", "fear_weight_boss")


@njit(cache=True)
def _weigh(of_customers, of_boss, for_job, fear, staff_bounds, p_k):
    for k in range(staff_bounds.size - 1):
        w_customers, w_boss = p_k[0, k], p_k[1, k]
        w_job = 1.0 - w_customers - w_boss  # the rest weighs fear for the job
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            fear[i] = np.float32(of_customers[i] * w_customers) + w_boss * of_boss[i] + w_job * for_job[i]


def applied_ability(staff: Staff) -> np.ndarray:
    """Ability in use on the floor: trained know-how counts only as far as it transferred."""
    return staff.ability - staff.trained_gain * (1.0 - staff.transfer)


def deliver_behaviour(staff: Staff, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """Behaviour delivered on the floor = applied ability gated by fear and motivation.

    Only the transferred share of trained ability is applied (mechanism 7);
    fear blocks a share ``fear_block * fear`` of it (Edmondson 1999, S5) and
    lacking motivation (engagement, pride) leaves only ``motivation_floor``.
    """
    p = packed(p)
    _deliver(
        staff.ability, staff.trained_gain, staff.transfer, staff.engagement, staff.pride, staff.fear,
        staff.delivered_behaviour, p.bounds("staff", staff.size), p.table(_GATE),
    )  # fmt: skip
    return staff.delivered_behaviour


#: the staff parameters ``_deliver`` reads, as the rows of its ``p_k`` (one column per company)
_GATE = ("fear_block", "motivation_floor")


@njit(cache=True)
def _deliver(ability, trained_gain, transfer, engagement, pride, fear, out, staff_bounds, p_k):
    for k in range(staff_bounds.size - 1):
        fear_block, motivation_floor = p_k[0, k], p_k[1, k]
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            applied = ability[i] - trained_gain[i] * (1.0 - transfer[i])
            motivation = 0.5 * (engagement[i] + pride[i])
            gate = (1.0 - fear_block * fear[i]) * (motivation_floor + (1.0 - motivation_floor) * motivation)
            out[i] = applied * gate
