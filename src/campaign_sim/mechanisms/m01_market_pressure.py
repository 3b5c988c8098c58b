"""Mechanism 1: market pressure raises job fear and erodes engagement into burden."""

from __future__ import annotations

import numpy as np

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
    b = staff.branch
    threat = np.clip(market_pressure + p.results_threat * np.maximum(0.0, 1.0 - revenue_ratio), 0, 1)
    resources = 0.25 * (support[b] + climate[b] + staff.pride + staff.effect_awareness)
    target_fear = threat[b] * (1.0 - p.resource_buffer * resources)
    staff.fear_for_job += p.job_fear_rate * (target_fear - staff.fear_for_job)
    demands = market_pressure + p.fear_demand * staff.fear
    eng = staff.engagement
    eng += p.engagement_rate * (resources * (1.0 - eng) - demands * eng)
    np.clip(eng, 0.0, 1.0, out=eng)
