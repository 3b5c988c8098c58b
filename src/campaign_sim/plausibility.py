"""The calibrated world: the published figures, how a run's KPIs give them, which figures a run leaves.

:data:`PUBLISHED` is the one table of the figures of ``docs/EVIDENCE.md`` (and the P&L
figures of ``docs/ODD.md`` 7.15) with their ranges and sources.  ``validate``
(``validation.py``) checks the shipped scenarios against it; ``run``, ``compare`` and
``sweep`` check a run's baseline against it with :func:`outside`, because the parameters
were set and fitted on a baseline inside these ranges: a run whose baseline leaves them
extrapolates, and its results say less than they seem to.

Core layer: it needs only KPI arrays (names from ``outputs.py``), never the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.special import stdtrit

from .outputs import KPI_NAMES

Archetype = Literal["retail", "bank"]

#: days in the model's year (one step = one working day; a year is 365 steps)
YEAR_DAYS = 365.0
#: two-sided confidence of the interval over branches that decides "clearly outside"
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Published:
    """One published figure: its range, source, the shipped scenario ``validate`` measures it on,
    and the archetypes whose runs are checked against it (empty: not measurable from KPIs)."""

    key: str
    what: str
    low: float
    high: float
    source: str
    scenario: str  # "baseline", "behaviour_training" or "bank_branch"
    archetypes: tuple[Archetype, ...] = ()


_BOTH: tuple[Archetype, ...] = ("retail", "bank")
_RETAIL: tuple[Archetype, ...] = ("retail",)
_BANK: tuple[Archetype, ...] = ("bank",)

#: every figure of the calibration, in the order ``validate`` prints them.  S3, S4, C3 and C4
#: apply to both archetypes (the bank keeps the behavioural defaults set on these figures).
PUBLISHED: tuple[Published, ...] = (
    Published(
        "S1_0", "training applied on the job, right after", 0.55, 0.69,
        "S1 Saks & Belcourt 2006: 62%", "behaviour_training",
    ),
    Published(
        "S1_182", "training applied on the job, at 6 months", 0.38, 0.50,
        "S1 Saks & Belcourt 2006: 44%", "behaviour_training",
    ),
    Published(
        "S1_365", "training applied on the job, at 1 year", 0.28, 0.40,
        "S1 Saks & Belcourt 2006: 34%", "behaviour_training",
    ),
    Published(
        "S3", "voluntary staff turnover a year (quits / employees in post)", 0.25, 0.55,
        "S3 NRF/BLS JOLTS: 25-55%", "baseline", _BOTH,
    ),
    Published(
        "S4", "absence, share of working days", 0.048, 0.068,
        "S4 Statistics Norway: 5.8%", "baseline", _BOTH,
    ),
    Published(
        "C2", "weight of a bad vs an equal good experience", 1.8, 2.7,
        "C2 Mittal et al. 1998: ~2:1, 2.25", "baseline",
    ),
    Published(
        "C3a", "share of unsolved problems voiced to staff", 0.40, 0.60,
        "C3 Goodman/TARP: about half", "baseline", _BOTH,
    ),
    Published(
        "C3b", "share of problems escalated further", 0.005, 0.05,
        "C3 Goodman/TARP: a few percent", "baseline", _BOTH,
    ),
    Published(
        "C4", "customer attrition a year (customers lost / active customers)", 0.07, 0.11,
        "C4 J.D. Power 2012: 7-11%", "baseline", _BOTH,
    ),
    Published(
        "C7a", "shrinkage, share of sales", 0.013, 0.017,
        "C7 NRF NRSS: 1.3-1.7%", "baseline", _RETAIL,
    ),
    Published(
        "C7b", "shoplifting, share of shrinkage", 0.25, 0.42,
        "C7 NRF NRSS: about a third", "baseline", _RETAIL,
    ),
    Published(
        "E1", "retail operating margin (profit / sales)", 0.01, 0.05,
        "E1 IfH Köln 1998: 3.3%; grocers 2-5% (Lidl 2.3%, Sainsbury's 3%, Tesco, Ahold 4%)",
        "baseline", _RETAIL,
    ),
    Published(
        "E2", "retail personnel cost (wages + absence cover), share of sales", 0.12, 0.22,
        "E2 IfH Köln 2008: 12.4% (food) to 22.1% (shoes); 1998: 16.8%", "baseline", _RETAIL,
    ),
    Published(
        "E3", "retail cost of goods, share of sales", 0.50, 0.65,
        "E3 IfH Köln 1998: 50.5%; WKO 2018 fashion: just over half", "baseline", _RETAIL,
    ),
    Published(
        "E4", "bank branch cost-income ratio (operating cost / income net of product costs)", 0.60, 0.75,
        "E4 Bundesbank 2016: all banks 70.4% (2015); savings banks 2015-2019: 69-73% (finanz-szene 2021)",
        "bank_branch", _BANK,
    ),
    Published(
        "E5", "bank branch personnel cost, share of operating cost", 0.55, 0.70,
        "E5 Bundesbank, Ertragslage: personnel about 3/5 of savings banks' administrative expenses",
        "bank_branch", _BANK,
    ),
)  # fmt: skip
BY_KEY: dict[str, Published] = {p.key: p for p in PUBLISHED}

#: operating cost = every cost but the cost of goods = revenue - cost of goods - profit
_OPERATING = {"revenue": 1.0, "cost_of_goods": -1.0, "profit": -1.0}
#: each KPI figure as a ratio of KPI sums over branches and days: (numerator, denominator, scale),
#: numerator and denominator as {KPI: coefficient}; scale 365 turns a daily rate into a yearly one
RATIOS: dict[str, tuple[dict[str, float], dict[str, float], float]] = {
    "S3": ({"quits": 1.0}, {"staff": 1.0}, YEAR_DAYS),
    "S4": ({"absence_days": 1.0}, {"staff": 1.0}, 1.0),
    "C3a": ({"complaints": 1.0}, {"unsolved_problems": 1.0}, 1.0),
    "C3b": ({"escalations": 1.0}, {"problems": 1.0}, 1.0),
    "C4": ({"churned": 1.0}, {"active_customers": 1.0}, YEAR_DAYS),
    "C7a": ({"shrinkage": 1.0}, {"revenue": 1.0}, 1.0),
    "C7b": ({"theft_loss": 1.0}, {"shrinkage": 1.0}, 1.0),
    "E1": ({"profit": 1.0}, {"revenue": 1.0}, 1.0),
    "E2": ({"wages": 1.0, "absence_cover": 1.0}, {"revenue": 1.0}, 1.0),
    "E3": ({"cost_of_goods": 1.0}, {"revenue": 1.0}, 1.0),
    # operating cost = every cost but the cost of goods = revenue - cost of goods - profit
    "E4": (
        {"revenue": 1.0, "cost_of_goods": -1.0, "profit": -1.0},
        {"revenue": 1.0, "cost_of_goods": -1.0},
        1.0,
    ),
    "E5": (
        {"wages": 1.0, "absence_cover": 1.0},
        {"revenue": 1.0, "cost_of_goods": -1.0, "profit": -1.0},
        1.0,
    ),
}
#: the margin figure of each archetype, also checked over the last quarter (is profit falling?)
MARGIN: dict[Archetype, str] = {"retail": "E1", "bank": "E4"}


@dataclass(frozen=True)
class Measured:
    """A figure measured on a run: the value, its interval over units (branches), and the window."""

    figure: Published
    value: float
    ci_low: float  # CONFIDENCE interval over the units (nan with fewer than 2)
    ci_high: float
    units: int  # branches (times replicates) the value pools
    window: str  # which days, in words
    unit: str = "branches"  # what one unit is, in words

    @property
    def outside(self) -> bool:
        """Clearly outside: the whole interval (or, with one unit, the value) lies beyond the range."""
        low, high = (self.value, self.value) if self.units < 2 else (self.ci_low, self.ci_high)
        return bool(high < self.figure.low or low > self.figure.high)

    def describe(self) -> str:
        """One line: figure, value with its interval, window, calibrated range and source."""
        f = self.figure
        spread = (
            f"{CONFIDENCE:.0%} interval over {self.units} {self.unit} {self.ci_low:.3g} to {self.ci_high:.3g}"
            if self.units >= 2
            else f"{self.units} of {self.unit}, no interval"
        )
        return (
            f"{f.key} {f.what}: {self.value:.3g} ({spread}; {self.window}); "
            f"calibrated range {f.low:.3g} to {f.high:.3g} ({f.source})"
        )


def window_means(values: np.ndarray, start: int, end: int) -> dict[str, np.ndarray]:
    """Per branch, the mean per day over days [start, end) of every KPI of a (day, kpi, branch) array
    (``model.kpis.values``)."""
    means = values[start:end].mean(axis=0, dtype=np.float64)
    return dict(zip(KPI_NAMES, means, strict=True))


def _combine(means: Mapping[str, np.ndarray], terms: dict[str, float]) -> np.ndarray:
    return sum(coef * np.asarray(means[kpi], dtype=np.float64) for kpi, coef in terms.items())


def ratio(means: Mapping[str, np.ndarray], key: str) -> tuple[float, float, float, int]:
    """A figure from per-unit KPI means: (value, interval low, interval high, units).

    The value is the ratio of sums over units (every branch-day weighs the same, as in
    ``validate``); the interval is the ratio estimator's linearised standard error over
    the units, times Student's t.
    """
    top, bottom, scale = RATIOS[key]
    y, x = _combine(means, top), _combine(means, bottom)
    n = int(np.size(x))
    total = float(np.sum(x))
    if n == 0 or total == 0:
        return float("nan"), float("nan"), float("nan"), n
    value = float(np.sum(y)) / total
    if n < 2:
        return value * scale, float("nan"), float("nan"), n
    residual = (y - value * x) / (total / n)
    se = float(np.sqrt(np.sum(residual**2) / (n * (n - 1))))
    half = float(stdtrit(n - 1, 0.5 + CONFIDENCE / 2)) * se
    return value * scale, (value - half) * scale, (value + half) * scale, n


def measure(means: Mapping[str, np.ndarray], archetype: Archetype, window: str) -> list[Measured]:
    """Every KPI figure of ``archetype`` over one window of per-unit means."""
    found = []
    for figure in PUBLISHED:
        if archetype in figure.archetypes:
            value, low, high, n = ratio(means, figure.key)
            if np.isfinite(value):
                found.append(Measured(figure, value, low, high, n, window))
    return found


def check(
    means: Mapping[str, np.ndarray],
    archetype: Archetype,
    window: str,
    last_quarter: Mapping[str, np.ndarray] | None = None,
    quarter_window: str = "last quarter",
) -> list[Measured]:
    """Every figure over ``window``, and the margin over the last quarter when given (a falling
    profit shows there first)."""
    found = measure(means, archetype, window)
    if last_quarter is not None:
        value, low, high, n = ratio(last_quarter, MARGIN[archetype])
        if np.isfinite(value):
            found.append(Measured(BY_KEY[MARGIN[archetype]], value, low, high, n, quarter_window))
    return found


def outside(measured: list[Measured]) -> list[Measured]:
    """The figures clearly outside their published range: the run has left the calibrated world."""
    return [m for m in measured if m.outside]
