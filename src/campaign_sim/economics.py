"""Books: revenue, costs and profit per branch and day, and the smoothed revenue ratio.

Money is its own mechanism (ODD 7.15) so that fuller economics (rent, overhead,
capacity) land in one place.  The smoothed revenue ratio is explicit branch state
(``Branches.revenue_ratio``): it is what staff read as the branch's results, and
mechanism 1 turns a shortfall into job threat.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import CompanyConfig
from .state import Branches

#: per day: how fast the smoothed revenue ratio that drives job threat follows revenue
RESULTS_SMOOTHING = 0.05


@dataclass
class DayBooks:
    """One day's money per branch (EUR)."""

    revenue: np.ndarray
    wages: np.ndarray
    hiring_cost: np.ndarray
    shrinkage: np.ndarray
    campaign_cost: np.ndarray
    profit: np.ndarray


def book_day(
    company: CompanyConfig,
    revenue: np.ndarray,
    theft_loss: np.ndarray,
    staff_count: np.ndarray,
    quits: np.ndarray,
    campaign_cost: np.ndarray,
) -> DayBooks:
    """Profit = gross margin on revenue - wages - campaign costs - hiring - shrinkage."""
    wages = company.wage_per_day * staff_count
    hiring = company.hiring_cost * quits
    shrinkage = theft_loss + company.other_shrink_share * revenue
    profit = company.gross_margin * revenue - wages - campaign_cost - hiring - shrinkage
    return DayBooks(revenue, wages, hiring, shrinkage, campaign_cost, profit)


def smooth_revenue_ratio(branches: Branches, revenue: np.ndarray) -> None:
    """Move each branch's smoothed revenue ratio toward today's revenue / expected revenue.

    A branch with no expected revenue (visit_rate 0) counts as on target: no shortfall.
    """
    expected = branches.expected_revenue
    ratio = np.divide(revenue, expected, out=np.ones_like(revenue, dtype=float), where=expected > 0)
    branches.revenue_ratio += RESULTS_SMOOTHING * (ratio - branches.revenue_ratio)
