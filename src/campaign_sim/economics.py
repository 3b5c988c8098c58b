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
from numba import njit

from .config import CompanyConfig
from .parameters import CompanyParameters, packed
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
    #: the ten lines above as the rows of one ``(10, branches)`` array, in field order
    table: np.ndarray | None = None

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
    company: CompanyConfig | CompanyParameters,
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
    ``revenue`` (mechanism 4).  Rent and overhead are fixed per branch and day.  The lines are
    the rows of one ``(10, branches)`` array (:attr:`DayBooks` field order), computed in one
    compiled pass.  ``company`` may be a pack's (one value per company).
    """
    company = packed(company)
    lines = _book(
        revenue, theft_loss, staff_count, absent, quits, campaign_cost,
        company.bounds("branches", revenue.size), company.table(_PRICES),
    )  # fmt: skip
    return DayBooks(*lines, table=lines)


#: the company parameters ``_book`` reads, in the order of its ``prices`` rows
_PRICES = (
    "gross_margin", "wage_per_day", "absence_cover_cost", "rent_per_day", "overhead_per_day", "hiring_cost",
    "other_shrink_share",
)  # fmt: skip


@njit(cache=True)
def _book(revenue, theft_loss, staff_count, absent, quits, campaign_cost, branch_bounds, prices):
    """:func:`book_day` branch by branch, company by company (``prices``: ``_PRICES`` as rows, one
    column per company): rows revenue, cost of goods, wages, absence cover, rent, overhead,
    hiring, shrinkage, campaign cost, profit."""
    out = np.empty((10, revenue.size))
    for k in range(branch_bounds.size - 1):
        gross_margin, wage_per_day, absence_cover_cost, rent_per_day = prices[0:4, k]
        overhead_per_day, hiring_cost, other_shrink_share = prices[4:7, k]
        _book_branches(
            branch_bounds[k], branch_bounds[k + 1], revenue, theft_loss, staff_count, absent, quits,
            campaign_cost, gross_margin, wage_per_day, absence_cover_cost, rent_per_day, overhead_per_day,
            hiring_cost, other_shrink_share, out,
        )  # fmt: skip
    return out


@njit(cache=True)
def _book_branches(
    b0, b1, revenue, theft_loss, staff_count, absent, quits, campaign_cost, gross_margin, wage_per_day,
    absence_cover_cost, rent_per_day, overhead_per_day, hiring_cost, other_shrink_share, out,
):  # fmt: skip
    for b in range(b0, b1):
        r = revenue[b]
        cost_of_goods = (1.0 - gross_margin) * r
        wages = wage_per_day * np.float64(staff_count[b])
        cover = absence_cover_cost * np.float64(absent[b])
        hiring = hiring_cost * np.float64(quits[b])
        shrinkage = theft_loss[b] + other_shrink_share * r
        campaign = campaign_cost[b]
        out[0, b], out[1, b], out[2, b], out[3, b] = r, cost_of_goods, wages, cover
        out[4, b], out[5, b], out[6, b], out[7, b] = rent_per_day, overhead_per_day, hiring, shrinkage
        out[8, b] = campaign
        profit = r - cost_of_goods - wages - cover - rent_per_day - overhead_per_day
        out[9, b] = profit - campaign - hiring - shrinkage


def smooth_revenue_ratio(branches: Branches, revenue: np.ndarray) -> None:
    """Move each branch's smoothed revenue ratio toward today's revenue / expected revenue.

    A branch with no expected revenue (visit_rate 0) counts as on target: no shortfall.
    """
    _smooth(branches.revenue_ratio, revenue, branches.expected_revenue, RESULTS_SMOOTHING)


@njit(cache=True)
def _smooth(revenue_ratio, revenue, expected, rate):
    for b in range(revenue_ratio.size):
        ratio = revenue[b] / expected[b] if expected[b] > 0 else 1.0
        revenue_ratio[b] += rate * (ratio - revenue_ratio[b])
