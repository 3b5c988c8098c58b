"""Mechanism 6: colleagues infect each other; the branch climate emerges and acts back."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed
from ..state import Branches, Staff

#: the states colleagues pass on (in ``_contagion_and_climate``'s order)
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
    out = np.empty(branches.size)
    _climate_index(staff.engagement, staff.pride, staff.fear, branches.staff_start, branches.staff_count, out)
    return out


@njit(cache=True)
def _climate_index(engagement, pride, fear, staff_start, staff_count, out):
    """:func:`climate_index` written to ``out`` (compiled; the team means summed as
    :func:`_team_means` sums them)."""
    for b in range(out.size):
        first, n = staff_start[b], staff_count[b]
        eng = prd = fr = 0.0
        for i in range(first, first + n):
            eng += engagement[i]
            prd += pride[i]
            fr += fear[i]
        if n > 0:
            out[b] = (eng / n + prd / n + (1.0 - fr / n)) / 3.0
        else:
            out[b] = np.nan


def spread_climate(staff: Staff, branches: Branches, p: StaffBehaviour | CompanyParameters) -> None:
    """Pull each contagious state toward the team mean, then move the climate index.

    The climate index feeds back on resources (mechanism 1), transfer
    (mechanism 7) and customers' experienced quality (mechanism 4; Schneider
    et al. 1998, C6).
    """
    p = packed(p)
    _contagion_and_climate(
        (staff.engagement, staff.pride, staff.fear_of_customers, staff.fear_for_job), staff.fear,
        branches.staff_start, branches.staff_count, p.bounds("branches", branches.size),
        p.table(_CLIMATE), branches.climate,
    )  # fmt: skip


#: the staff parameters ``_contagion_and_climate`` reads, as the rows of its ``p_k``
_CLIMATE = ("contagion", "climate_rate")


@njit(cache=True)
def _contagion_and_climate(states, fear, staff_start, staff_count, branch_bounds, p_k, climate):
    """:func:`_contagion`, then the climate moves ``climate_rate`` of the way to the index of the
    new states (:func:`climate_index`; ``states`` are ``_CONTAGIOUS``, engagement and pride first).
    Company by company (``branch_bounds``; ``p_k``: one column per company)."""
    for k in range(branch_bounds.size - 1):
        _contagion(states, staff_start, staff_count, branch_bounds[k], branch_bounds[k + 1], p_k[0, k])
    index = np.empty(climate.size)
    _climate_index(states[0], states[1], fear, staff_start, staff_count, index)
    for k in range(branch_bounds.size - 1):
        climate_rate = p_k[1, k]
        for b in range(branch_bounds[k], branch_bounds[k + 1]):
            climate[b] += climate_rate * (index[b] - climate[b])


@njit(cache=True, inline="always")
def _contagion(states, staff_start, staff_count, b0, b1, contagion):
    """Each state of branches ``b0`` to ``b1`` moves ``contagion`` of the way to its team's mean
    of the morning (synchronous)."""
    for b in range(b0, b1):
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
