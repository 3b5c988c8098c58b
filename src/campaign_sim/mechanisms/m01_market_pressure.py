"""Mechanism 1: market pressure raises job fear and erodes engagement into burden."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed, per_company
from ..state import Staff


def apply_market_pressure(
    staff: Staff,
    market_pressure: float | np.ndarray,
    revenue_ratio: np.ndarray,
    support: np.ndarray,
    climate: np.ndarray,
    p: StaffBehaviour | CompanyParameters,
) -> None:
    """Job demands versus resources (Schaufeli et al. 2009, S7), per employee and day.

    Job threat comes from the market and from the branch's revenue shortfall;
    resources (supervisor support, climate, own pride and sense of effect)
    absorb part of it.  Engagement relaxes toward resources / (resources + demands).
    ``market_pressure`` and ``p`` may be a pack's (one value per company).
    """
    p = packed(p)
    _demands_and_resources(
        staff.branch, revenue_ratio, support, climate, staff.pride, staff.effect_awareness, staff.fear,
        staff.fear_for_job, staff.engagement, p.bounds("staff", staff.size),
        p.bounds("branches", revenue_ratio.size), per_company(market_pressure, p.companies),
        p.table(_DEMANDS),
    )  # fmt: skip


#: the staff parameters ``_demands_and_resources`` reads, as the rows of its ``p_k``
_DEMANDS = ("results_threat", "resource_buffer", "job_fear_rate", "fear_demand", "engagement_rate")


@njit(cache=True)
def _demands_and_resources(
    branch, revenue_ratio, support, climate, pride, awareness, fear, fear_for_job, engagement,
    staff_bounds, branch_bounds, market_pressure_k, p_k,
):  # fmt: skip
    """Per branch: threat = min(market pressure + results_threat * shortfall, 1).  Per employee:
    resources = mean of support, climate, pride, awareness; job fear moves toward threat times
    unbuffered share; engagement toward resources / (resources + demands).  Company by company
    (``*_k``: one value per company)."""
    threat = np.empty(revenue_ratio.size)
    for k in range(staff_bounds.size - 1):
        market_pressure, results_threat, resource_buffer = market_pressure_k[k], p_k[0, k], p_k[1, k]
        job_fear_rate, fear_demand, engagement_rate = p_k[2, k], p_k[3, k], p_k[4, k]
        for b in range(branch_bounds[k], branch_bounds[k + 1]):
            threat[b] = min(market_pressure + results_threat * max(0.0, 1.0 - revenue_ratio[b]), 1.0)
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            b = branch[i]
            resources = 0.25 * (support[b] + climate[b] + pride[i] + awareness[i])
            target_fear = threat[b] * (1.0 - resource_buffer * resources)
            fear_for_job[i] += job_fear_rate * (target_fear - fear_for_job[i])
            demands = market_pressure + fear_demand * fear[i]
            eng = engagement[i]
            eng += engagement_rate * (resources * (1.0 - eng) - demands * eng)
            engagement[i] = min(max(eng, 0.0), 1.0)
