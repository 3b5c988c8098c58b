"""Mechanism 8: attitude training works on effect awareness, reasons and purpose.

It acts more slowly than behaviour training (content is absorbed over weeks),
and on different states: effect awareness, engagement and willingness, not ability.
"""

from __future__ import annotations

import numpy as np

from ..config import StaffBehaviour
from ..state import Staff
from .m07_behaviour_training import uptake


def complete_attitude_training(
    staff: Staff, trainees: np.ndarray, awareness_gain: float, purpose_gain: float, p: StaffBehaviour
) -> None:
    """Trainees take home ``awareness_gain`` of their awareness gap, to absorb over time,
    and a boost of engagement and willingness from clarified reasons and purpose."""
    idx = np.flatnonzero(trainees)
    if idx.size == 0:
        return
    gap = np.maximum(1.0 - staff.effect_awareness[idx] - staff.attitude_pending[idx], 0.0)
    staff.attitude_pending[idx] += awareness_gain * gap * uptake(staff, idx, p)
    staff.engagement[idx] += purpose_gain * (1.0 - staff.engagement[idx])
    staff.willingness[idx] += purpose_gain * (1.0 - staff.willingness[idx])


def absorb_attitude(staff: Staff, p: StaffBehaviour) -> None:
    """Pending content turns into effect awareness; awareness erodes toward its baseline,
    faster under fear of the boss (people retreat to covering themselves)."""
    absorbed = p.attitude_absorb * staff.attitude_pending
    staff.attitude_pending -= absorbed
    ea = staff.effect_awareness
    ea += absorbed
    rate = np.minimum(p.awareness_decay * (1.0 + p.awareness_fear_erosion * staff.fear_of_boss), 1.0)
    ea -= rate * np.maximum(ea - staff.awareness_baseline, 0.0)
    np.clip(ea, 0.0, 1.0, out=ea)
