"""Mechanism 6: colleagues infect each other; the branch climate emerges and acts back."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..state import Branches, Staff

_CONTAGIOUS = ("engagement", "pride", "fear_of_customers", "fear_for_job")


def team_means(values: np.ndarray | tuple[np.ndarray, ...], branches: Branches) -> np.ndarray:
    """Mean of per-employee arrays over each branch's team (slots are contiguous).

    ``values``: one array (result: one mean per branch) or a tuple of arrays of one dtype
    (result: one row per array), summed in float64 in one compiled pass.
    """
    if isinstance(values, np.ndarray) and values.ndim == 1:
        return _team_means((values,), branches.staff_start, branches.staff_count)[0]
    return _team_means(tuple(values), branches.staff_start, branches.staff_count)


@njit(cache=True)
def _team_means(states, staff_start, staff_count):
    out = np.zeros((len(states), staff_start.size))
    for b in range(staff_start.size):
        first, n = staff_start[b], staff_count[b]
        for k in range(len(states)):
            total = 0.0
            for i in range(first, first + n):
                total += states[k][i]
            out[k, b] = total / n if n > 0 else np.nan
    return out


def climate_index(staff: Staff, branches: Branches) -> np.ndarray:
    """Climate = mean of team engagement, team pride and team freedom from fear."""
    eng, pride, fear = team_means((staff.engagement, staff.pride, staff.fear), branches)
    return (eng + pride + (1.0 - fear)) / 3.0


def spread_climate(staff: Staff, branches: Branches, p: StaffBehaviour) -> None:
    """Pull each contagious state toward the team mean, then move the climate index.

    The climate index feeds back on resources (mechanism 1), transfer
    (mechanism 7) and customers' experienced quality (mechanism 4; Schneider
    et al. 1998, C6).
    """
    _contagion(
        tuple(getattr(staff, name) for name in _CONTAGIOUS), branches.staff_start, branches.staff_count,
        p.contagion,
    )  # fmt: skip
    branches.climate += p.climate_rate * (climate_index(staff, branches) - branches.climate)


@njit(cache=True)
def _contagion(states, staff_start, staff_count, contagion):
    """Each state moves ``contagion`` of the way to its team's mean of the morning (synchronous)."""
    for b in range(staff_start.size):
        first, n = staff_start[b], staff_count[b]
        if n == 0:
            continue
        for state in states:
            total = 0.0
            for i in range(first, first + n):
                total += state[i]
            mean = np.float32(total / n)
            for i in range(first, first + n):
                state[i] += np.float32(contagion * (mean - state[i]))
