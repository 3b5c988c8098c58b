"""Books: revenue, costs and profit per branch and day, and the smoothed revenue ratio.

Money is its own mechanism (ODD 7.15): the cost lines a branch controller
recognises (cost of goods, wages, cover for absent staff, rent, overhead, hiring,
shrinkage, campaigns) are booked in one place.  The smoothed revenue ratio is explicit branch state
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
    """One day's money per branch (EUR): a controller's P&L lines."""

    revenue: np.ndarray
    cost_of_goods: np.ndarray
    wages: np.ndarray
    absence_cover: np.ndarray
    rent: np.ndarray
    overhead: np.ndarray
    hiring_cost: np.ndarray
    shrinkage: np.ndarray
    campaign_cost: np.ndarray
    profit: np.ndarray

    @property
    def operating_cost(self) -> np.ndarray:
        """Every cost but the cost of goods (the numerator of a bank's cost-income ratio)."""
        return (
            self.wages
            + self.absence_cover
            + self.rent
            + self.overhead
            + self.hiring_cost
            + self.shrinkage
            + self.campaign_cost
        )


def book_day(
    company: CompanyConfig,
    revenue: np.ndarray,
    theft_loss: np.ndarray,
    staff_count: np.ndarray,
    absent: np.ndarray,
    quits: np.ndarray,
    campaign_cost: np.ndarray,
) -> DayBooks:
    """Profit = revenue - cost of goods - wages - absence cover - rent - overhead - campaign costs
    - hiring - shrinkage.

    Absent staff stay on the payroll (sick pay continues), so an absence costs its cover on
    top of the wage; the sales it loses through service capacity are already missing from
    ``revenue`` (mechanism 4).  Rent and overhead are fixed per branch and day.
    """
    n = np.shape(revenue)
    cost_of_goods = (1.0 - company.gross_margin) * revenue
    wages = company.wage_per_day * staff_count
    cover = company.absence_cover_cost * absent
    rent = np.full(n, company.rent_per_day)
    overhead = np.full(n, company.overhead_per_day)
    hiring = company.hiring_cost * quits
    shrinkage = theft_loss + company.other_shrink_share * revenue
    profit = revenue - cost_of_goods - wages - cover - rent - overhead - campaign_cost - hiring - shrinkage
    return DayBooks(
        revenue, cost_of_goods, wages, cover, rent, overhead, hiring, shrinkage, campaign_cost, profit
    )


def smooth_revenue_ratio(branches: Branches, revenue: np.ndarray) -> None:
    """Move each branch's smoothed revenue ratio toward today's revenue / expected revenue.

    A branch with no expected revenue (visit_rate 0) counts as on target: no shortfall.
    """
    expected = branches.expected_revenue
    ratio = np.divide(revenue, expected, out=np.ones_like(revenue, dtype=float), where=expected > 0)
    branches.revenue_ratio += RESULTS_SMOOTHING * (ratio - branches.revenue_ratio)
