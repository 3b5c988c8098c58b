"""Mechanism 12: willingness to take part in the next campaign depends on earlier ones."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed
from ..state import Staff


def wellbeing(staff: Staff) -> np.ndarray:
    """What a participant feels a campaign did for them: pride minus fear."""
    return staff.pride - staff.fear


def evaluate_campaign(
    staff: Staff, participants: np.ndarray, wellbeing_before: np.ndarray, p: StaffBehaviour
) -> None:
    """After a campaign, participants (still in post) move their willingness toward their verdict:
    0.5 plus ``participation_sensitivity`` times the change in pride minus fear."""
    idx = np.flatnonzero(participants)
    if idx.size == 0:
        return
    change = wellbeing(staff)[idx] - wellbeing_before[idx]
    verdict = np.clip(0.5 + p.participation_sensitivity * change, 0.0, 1.0)
    w = staff.willingness[idx]
    staff.willingness[idx] = w + p.participation_learning * (verdict - w)


def drift_willingness(staff: Staff, p: StaffBehaviour | CompanyParameters) -> None:
    """Between campaigns willingness drifts slowly toward engagement."""
    p = packed(p)
    _drift(staff.willingness, staff.engagement, p.bounds("staff", staff.size), p.willingness_drift)


@njit(cache=True)
def _drift(willingness, engagement, staff_bounds, rate_k):
    for k in range(staff_bounds.size - 1):
        rate = rate_k[k]
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            willingness[i] += np.float32(rate * (engagement[i] - willingness[i]))
