"""Mechanism 3: fear and missing pride narrow the horizon of proactive acts."""

from __future__ import annotations

import numpy as np

from ..config import StaffBehaviour
from ..state import Staff


def proactive_horizon(staff: Staff, p: StaffBehaviour) -> np.ndarray:
    """Chance scale of noticing an unspoken need, a looming problem or a thief.

    Horizon is widest for a fearless, proud employee who knows what the work
    effects; fear closes up to ``horizon_fear`` of it.  Written to ``staff.horizon``.
    """
    pride_term = p.horizon_pride_floor + (1.0 - p.horizon_pride_floor) * staff.pride
    aware_term = p.horizon_awareness_floor + (1.0 - p.horizon_awareness_floor) * staff.effect_awareness
    np.multiply(1.0 - p.horizon_fear * staff.fear, pride_term, out=staff.horizon)
    staff.horizon *= aware_term
    return staff.horizon
