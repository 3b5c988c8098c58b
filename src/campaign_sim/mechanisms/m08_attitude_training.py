"""Mechanism 8: attitude training works on effect awareness, reasons and purpose.

It acts more slowly than behaviour training (content is absorbed over weeks),
and on different states: effect awareness, engagement and willingness, not ability.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed
from ..state import Staff
from .m07_behaviour_training import uptake
from .variants import alternative

#: how much of a training's content a participant takes up: (staff, participant index, p) -> share
Uptake = Callable[[Staff, np.ndarray, StaffBehaviour], np.ndarray]


@alternative(
    "attitude_uptake",
    "willingness",
    mechanism="mechanism 8",
    meaning="uptake of attitude content depends on willingness alone, as for behaviour training",
    default=True,
)
def willing_uptake(staff: Staff, idx: np.ndarray, p: StaffBehaviour) -> np.ndarray:
    """The published model: the same uptake as behaviour training (mechanism 12's willingness)."""
    return uptake(staff, idx, p)


@alternative(
    "attitude_uptake",
    "fear_gated",
    mechanism="mechanism 8",
    meaning="frightened participants also take up less attitude content: "
    "uptake times the fear gate of mechanism 2, 1 - fear_block * fear",
)
def fear_gated_uptake(staff: Staff, idx: np.ndarray, p: StaffBehaviour) -> np.ndarray:
    """Reflection on what my work effects needs the safety that fear takes away (Edmondson 1999,
    S5): the fear gate of mechanism 2 also limits how much of the workshop is taken up."""
    return uptake(staff, idx, p) * (1.0 - p.fear_block * staff.fear[idx])


def complete_attitude_training(
    staff: Staff,
    trainees: np.ndarray,
    awareness_gain: float,
    purpose_gain: float,
    p: StaffBehaviour,
    take_up: Uptake = willing_uptake,
) -> None:
    """Trainees take home ``awareness_gain`` of their awareness gap, to absorb over time,
    and a boost of engagement and willingness from clarified reasons and purpose.

    ``take_up`` is the run's ``attitude_uptake`` variant (default: willingness only)."""
    idx = np.flatnonzero(trainees)
    if idx.size == 0:
        return
    gap = np.maximum(1.0 - staff.effect_awareness[idx] - staff.attitude_pending[idx], 0.0)
    staff.attitude_pending[idx] += awareness_gain * gap * take_up(staff, idx, p)
    staff.engagement[idx] += purpose_gain * (1.0 - staff.engagement[idx])
    staff.willingness[idx] += purpose_gain * (1.0 - staff.willingness[idx])


def absorb_attitude(staff: Staff, p: StaffBehaviour | CompanyParameters) -> None:
    """Pending content turns into effect awareness; awareness erodes toward its baseline,
    faster under fear of the boss (people retreat to covering themselves)."""
    p = packed(p)
    _absorb(
        staff.attitude_pending, staff.effect_awareness, staff.awareness_baseline, staff.fear_of_boss,
        p.bounds("staff", staff.size), p.table(_ABSORB),
    )  # fmt: skip


#: the staff parameters ``_absorb`` reads, as the rows of its ``p_k`` (one column per company)
_ABSORB = ("attitude_absorb", "awareness_decay", "awareness_fear_erosion")


@njit(cache=True)
def _absorb(pending, awareness, baseline, fear_of_boss, staff_bounds, p_k):
    for k in range(staff_bounds.size - 1):
        absorb, decay, fear_erosion = p_k[0, k], p_k[1, k], p_k[2, k]
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            absorbed = np.float32(absorb * pending[i])
            pending[i] -= absorbed
            ea = awareness[i] + absorbed
            rate = min(decay * (1.0 + fear_erosion * fear_of_boss[i]), 1.0)
            ea -= rate * max(ea - baseline[i], 0.0)
            awareness[i] = min(max(ea, 0.0), 1.0)
