"""Mechanism 3: fear and missing pride narrow the horizon of proactive acts."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..state import Staff


def proactive_horizon(staff: Staff, p: StaffBehaviour) -> np.ndarray:
    """Chance scale of noticing an unspoken need, a looming problem or a thief.

    Horizon is widest for a fearless, proud employee who knows what the work
    effects; fear closes up to ``horizon_fear`` of it.  Written to ``staff.horizon``.
    """
    _widen(
        staff.pride, staff.effect_awareness, staff.fear, staff.horizon,
        p.horizon_pride_floor, p.horizon_awareness_floor, p.horizon_fear,
    )  # fmt: skip
    return staff.horizon


@njit(cache=True)
def _widen(pride, awareness, fear, horizon, pride_floor, awareness_floor, horizon_fear):
    for i in range(horizon.size):
        pride_term = pride_floor + (1.0 - pride_floor) * pride[i]
        aware_term = awareness_floor + (1.0 - awareness_floor) * awareness[i]
        horizon[i] = (1.0 - horizon_fear * fear[i]) * pride_term * aware_term
