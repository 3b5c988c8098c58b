"""Mechanism 6: colleagues infect each other; the branch climate emerges and acts back."""

from __future__ import annotations

import numpy as np

from ..config import StaffBehaviour
from ..state import Branches, Staff

_CONTAGIOUS = ("engagement", "pride", "fear_of_customers", "fear_for_job")


def team_means(values: np.ndarray, branches: Branches) -> np.ndarray:
    """Mean of a per-employee array over each branch's team (slots are contiguous)."""
    return np.add.reduceat(values, branches.staff_start, axis=-1) / branches.staff_count


def climate_index(staff: Staff, branches: Branches) -> np.ndarray:
    """Climate = mean of team engagement, team pride and team freedom from fear."""
    stacked = np.stack((staff.engagement, staff.pride, staff.fear))
    eng, pride, fear = team_means(stacked, branches)
    return (eng + pride + (1.0 - fear)) / 3.0


def spread_climate(staff: Staff, branches: Branches, p: StaffBehaviour) -> None:
    """Pull each contagious state toward the team mean, then move the climate index.

    The climate index feeds back on resources (mechanism 1), transfer
    (mechanism 7) and customers' experienced quality (mechanism 4; Schneider
    et al. 1998, C6).
    """
    stacked = np.stack([getattr(staff, name) for name in _CONTAGIOUS])
    means = team_means(stacked, branches)[:, staff.branch]
    for row, name in enumerate(_CONTAGIOUS):
        state = getattr(staff, name)
        state += p.contagion * (means[row] - state)
    branches.climate += p.climate_rate * (climate_index(staff, branches) - branches.climate)
