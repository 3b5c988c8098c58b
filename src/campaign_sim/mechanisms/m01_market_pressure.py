"""Mechanism 1: market pressure raises job fear and erodes engagement into burden."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..state import Staff


def apply_market_pressure(
    staff: Staff,
    market_pressure: float,
    revenue_ratio: np.ndarray,
    support: np.ndarray,
    climate: np.ndarray,
    p: StaffBehaviour,
) -> None:
    """Job demands versus resources (Schaufeli et al. 2009, S7), per employee and day.

    Job threat comes from the market and from the branch's revenue shortfall;
    resources (supervisor support, climate, own pride and sense of effect)
    absorb part of it.  Engagement relaxes toward resources / (resources + demands).
    """
    _demands_and_resources(
        staff.branch, revenue_ratio, support, climate, staff.pride, staff.effect_awareness, staff.fear,
        staff.fear_for_job, staff.engagement, market_pressure,
        p.results_threat, p.resource_buffer, p.job_fear_rate, p.fear_demand, p.engagement_rate,
    )  # fmt: skip


@njit(cache=True)
def _demands_and_resources(
    branch, revenue_ratio, support, climate, pride, awareness, fear, fear_for_job, engagement,
    market_pressure, results_threat, resource_buffer, job_fear_rate, fear_demand, engagement_rate,
):  # fmt: skip
    """Per branch: threat = min(market pressure + results_threat * shortfall, 1).  Per employee:
    resources = mean of support, climate, pride, awareness; job fear moves toward threat times
    unbuffered share; engagement toward resources / (resources + demands)."""
    threat = np.empty(revenue_ratio.size)
    for b in range(revenue_ratio.size):
        threat[b] = min(market_pressure + results_threat * max(0.0, 1.0 - revenue_ratio[b]), 1.0)
    for i in range(branch.size):
        b = branch[i]
        resources = 0.25 * (support[b] + climate[b] + pride[i] + awareness[i])
        target_fear = threat[b] * (1.0 - resource_buffer * resources)
        fear_for_job[i] += job_fear_rate * (target_fear - fear_for_job[i])
        demands = market_pressure + fear_demand * fear[i]
        eng = engagement[i]
        eng += engagement_rate * (resources * (1.0 - eng) - demands * eng)
        engagement[i] = min(max(eng, 0.0), 1.0)
