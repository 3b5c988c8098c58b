"""What the comparison shows in numbers: signed values, costs, cumulative net benefit, break-even, seeds.

Nothing here imports Solara.  Every number the compare tab prints goes through
:func:`number` and :func:`interval`, so a sign, a decimal separator or an
interval looks the same everywhere and in both languages.

Days are working days: one model step is one working day of a branch.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import CampaignModel
from ..outputs import KPI_NAMES, OUTPUTS, STAFF_KPI_STATES
from ..scenario import Scenario
from .i18n import tr

#: the minus sign printed before negative numbers (not the hyphen)
MINUS = "\u2212"
#: seeds the compare tab may run for the interval of B - A
SEEDS_MIN, SEEDS_MAX, SEEDS_DEFAULT = 1, 30, 5
#: the band of B - A over runs: this share of the runs lies inside it (5th to 95th percentile)
BAND = 0.90
#: an ensemble member: its id in the ensemble file, its weight, its dotted scenario keys and values
Member = tuple[int, float, dict[str, float]]
#: the interval over seeds: a two-sided Student-t confidence interval for the mean, at this level
CONFIDENCE = 0.90


# ---- numbers ----------------------------------------------------------------------------------


def decimals_for(*values: float) -> int:
    """One decimal for values of 10 and more, three for smaller ones (states on a 0..1 scale)."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v)]
    return 1 if finite and max(finite) >= 10 else 3


def number(lang: str, value: float | None, decimals: int = 1, signed: bool = False) -> str:
    """``value`` with thousands separators in ``lang`` ("1,234.5" / "1.234,5").

    Negative numbers carry a minus sign, positive ones a "+" when ``signed``;
    a value that rounds to zero has no sign.  None or NaN print as "–".
    """
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{abs(value):,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if round(abs(value), decimals) == 0:
        return text
    if value < 0:
        return MINUS + text
    return "+" + text if signed else text


def interval(lang: str, lo: float, hi: float, decimals: int = 1, signed: bool = True) -> str:
    """An interval, "−12.3 to +45.6" / "−12,3 bis +45,6"."""
    return tr(
        lang,
        "num.interval",
        lo=number(lang, lo, decimals, signed),
        hi=number(lang, hi, decimals, signed),
    )


def lead(lang: str, kpi: str, diff: float, decimals: int, suffix: str = "") -> str:
    """B - A in plain words: "B better by 12.3", "A better by 0.042" (or "higher" where no side is good);
    ``suffix`` (a unit such as " EUR") follows the number, where each language puts it."""
    if not math.isfinite(diff) or round(abs(diff), decimals) == 0:
        return tr(lang, "ahead.none")
    good = OUTPUTS[kpi].good if kpi in OUTPUTS else None
    higher = "B" if diff > 0 else "A"
    value = number(lang, abs(diff), decimals) + suffix
    if good is None:
        return tr(lang, "ahead.higher", plan=higher, value=value)
    better = higher if good == "up" else ("A" if higher == "B" else "B")
    return tr(lang, "ahead.better", plan=better, value=value)


# ---- costs and payback ------------------------------------------------------------------------


@dataclass(frozen=True)
class Costs:
    """What one plan's campaigns cost so far, for all simulated branches (EUR)."""

    one_off: float
    running: float
    spent: float
    rows: tuple[dict[str, object], ...]


def costs(model: CampaignModel) -> Costs:
    """The campaign costs of a run so far, from ``model.campaigns.summary()``."""
    rows = tuple(model.campaigns.summary())
    return Costs(
        one_off=float(sum(r["money_one_off"] for r in rows)),
        running=float(sum(r["money_running"] for r in rows)),
        spent=float(sum(r["money_spent"] for r in rows)),
        rows=rows,
    )


def first_campaign_day(*scenarios: Scenario) -> int:
    """The earliest start day of any campaign of the plans compared (0 when none has a campaign)."""
    days = [c.start_day for s in scenarios for c in s.campaigns]
    return min(days, default=0)


@dataclass(frozen=True)
class Payback:
    """Cumulative net benefit of one plan over the other, company total, from the first campaign day.

    ``cumulative[d]`` is the sum over days ``start..d`` and over all branches of
    profit(B) - profit(A); profit is already net of campaign costs, so the
    cumulative includes them.  ``investor`` is the plan that spent more on
    campaigns so far ("B" when both spent the same, "" when the plans do not
    differ at all); ``break_even`` is the first
    day from which the investor's cumulative advantage stays at or above zero
    up to the last day run, None when it is behind on the last day.
    """

    start: int
    cumulative: np.ndarray  # per day from 0 to the last day run; zero before ``start``
    investor: str
    break_even: int | None

    @property
    def total(self) -> float:
        """The cumulative B - A on the last day run (EUR, all branches)."""
        return float(self.cumulative[-1]) if self.cumulative.size else 0.0

    @property
    def days(self) -> int:
        return int(self.cumulative.size)


def payback(
    profit_a: np.ndarray, profit_b: np.ndarray, start: int, spent_a: float = 0.0, spent_b: float = 0.0
) -> Payback:
    """Cumulative profit difference B - A (days x branches arrays, summed over branches) and break-even."""
    a = np.nansum(np.asarray(profit_a, float), axis=1) if np.ndim(profit_a) == 2 else np.asarray(profit_a)
    b = np.nansum(np.asarray(profit_b, float), axis=1) if np.ndim(profit_b) == 2 else np.asarray(profit_b)
    diff = np.asarray(b, float) - np.asarray(a, float)
    diff[: min(start, diff.size)] = 0.0
    cumulative = np.cumsum(diff)
    if not np.any(diff) and spent_a == spent_b:  # the same plan twice: nothing to pay back
        return Payback(start, cumulative, "", None)
    investor = "A" if spent_a > spent_b else "B"
    own = cumulative if investor == "B" else -cumulative
    days = own.size
    if days <= start:
        return Payback(start, cumulative, investor, None)
    behind = np.flatnonzero(own[start:] < 0)
    if behind.size == 0:
        day: int | None = start
    elif behind[-1] == days - start - 1:
        day = None
    else:
        day = start + int(behind[-1]) + 1
    return Payback(start, cumulative, investor, day)


def live_payback(models: Sequence[CampaignModel], start: int) -> Payback:
    """:func:`payback` of plan A's and plan B's runs so far."""
    a, b = models[0], models[1]
    return payback(a.kpis.series("profit"), b.kpis.series("profit"), start, costs(a).spent, costs(b).spent)


# ---- several seeds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedStudy:
    """B - A over several seeds of the same two plans, each run to its end.

    ``diff[kpi]`` holds, per seed, the mean over branches of B - A over the
    last quarter of the run; ``total`` the cumulative net benefit B - A on the
    last day (EUR, all branches); ``break_even`` the investor's break-even day
    per seed (None: not within the run).
    """

    seeds: tuple[int, ...]
    days: int
    quarter: int
    diff: dict[str, np.ndarray]
    total: np.ndarray
    break_even: tuple[int | None, ...]
    investor: tuple[str, ...]
    #: per staff state, per seed: its standard deviation between employees (all branches, plan A) on
    #: the first campaign day, before any campaign: the scale of field studies' standardised effects
    people_sd: dict[str, np.ndarray] = field(default_factory=dict)
    #: per KPI, per run and day: B - A of the mean over branches (for the band over runs)
    daily: dict[str, np.ndarray] = field(default_factory=dict)
    #: the ensemble member each run used (empty: every run has the scenario's own parameters)
    members: tuple[int, ...] = ()

    def band(self, kpi: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Median of B - A per day over the runs, and the band that holds :data:`BAND` of them."""
        runs = self.daily[kpi]
        tail = (1.0 - BAND) / 2
        lo, median, hi = np.nanquantile(runs, [tail, 0.5, 1.0 - tail], axis=0)
        return median, lo, hi

    def spread(self, kpi: str) -> tuple[float, float]:
        """The range that holds :data:`BAND` of the runs' last-quarter B - A (not the mean's interval:
        where a run may land)."""
        tail = (1.0 - BAND) / 2
        lo, hi = np.quantile(self.diff[kpi], [tail, 1.0 - tail])
        return float(lo), float(hi)


def worth(members: Sequence[Member]) -> float:
    """How many equally weighted members the weights are worth (Kish's effective sample size)."""
    weights = np.asarray([w for _, w, _ in members], float)
    return float(weights.sum() ** 2 / (weights**2).sum())


def draw_members(members: Sequence[Member], count: int, seed: int) -> list[Member]:
    """``count`` members drawn with probability proportional to their weight (systematic resampling:
    each member comes about ``count * weight`` times), so that runs over the drawn members weigh
    alike.  Drawn from a generator seeded by ``seed``: the same scenario draws the same members."""
    weights = np.asarray([w for _, w, _ in members], float)
    edges = np.cumsum(weights / weights.sum())
    start = np.random.default_rng(np.random.SeedSequence(seed)).uniform()
    picks = np.searchsorted(edges, (start + np.arange(count)) / count, side="right")
    return [members[min(int(i), len(members) - 1)] for i in picks]


def mean_interval(values: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """Mean and the two-sided Student-t confidence interval of the mean (NaN bounds for one value)."""
    from scipy import stats

    values = np.asarray(values, float)
    mean = float(np.mean(values))
    if values.size < 2:
        return mean, math.nan, math.nan
    half = float(stats.t.ppf(0.5 + confidence / 2, values.size - 1) * stats.sem(values))
    return mean, mean - half, mean + half


def _branch_mean(series: np.ndarray) -> np.ndarray:
    """A KPI's daily value for the company: the mean over branches (NaN where no branch has one)."""
    series = np.asarray(series, np.float64)
    if series.ndim == 1:
        return series
    with np.errstate(invalid="ignore"):
        counts = np.sum(~np.isnan(series), axis=1)
        return np.where(counts > 0, np.nansum(series, axis=1) / np.maximum(counts, 1), np.nan)


def run_seeds(
    scenario_a: Scenario,
    scenario_b: Scenario,
    seeds: int,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    members: Sequence[Member] | None = None,
) -> SeedStudy | None:
    """Run both plans for ``seeds`` seeds (the scenario's seed and the next ones) to the end.

    Each seed is a pair with common random numbers, as in the live run.  With ``members`` (an
    ensemble), run ``i`` also takes the parameters of a member drawn by weight
    (:func:`draw_members`) for both plans: the runs then vary parameters and chance together.
    ``progress(done)`` is called after each seed; None is returned when ``cancelled()`` says so.
    """
    seeds = max(SEEDS_MIN, min(SEEDS_MAX, int(seeds)))
    drawn = draw_members(members, seeds, scenario_a.run.seed) if members else []
    first = scenario_a.run.seed
    days = scenario_a.run.days
    quarter = max(1, days // 4)
    start = first_campaign_day(scenario_a, scenario_b)
    diff: dict[str, list[float]] = {k: [] for k in KPI_NAMES}
    totals: list[float] = []
    breaks: list[int | None] = []
    investors: list[str] = []
    spread: dict[str, list[float]] = {k: [] for k in STAFF_KPI_STATES}
    daily: dict[str, list[np.ndarray]] = {k: [] for k in KPI_NAMES}
    for i in range(seeds):
        seed = first + i
        models = []
        for scenario in (scenario_a, scenario_b):
            if drawn:
                scenario = scenario.with_changes(drawn[i][2])
            model = CampaignModel(scenario.with_overrides(seed=seed), seed=seed)
            for day in range(days):
                if cancelled is not None and cancelled():
                    return None
                if day == min(start, days - 1) and not models:
                    for k, sd in model.people_spread().items():
                        spread[k].append(sd)
                model.step()
            models.append(model)
        for kpi in KPI_NAMES:
            a_days, b_days = models[0].kpis.series(kpi), models[1].kpis.series(kpi)
            diff[kpi].append(float(np.nanmean(b_days[-quarter:]) - np.nanmean(a_days[-quarter:])))
            daily[kpi].append(_branch_mean(b_days) - _branch_mean(a_days))
        result = live_payback(models, start)
        totals.append(result.total)
        breaks.append(result.break_even)
        investors.append(result.investor)
        if progress is not None:
            progress(i + 1)
    return SeedStudy(
        seeds=tuple(range(first, first + seeds)),
        days=days,
        quarter=quarter,
        diff={k: np.asarray(v) for k, v in diff.items()},
        total=np.asarray(totals),
        break_even=tuple(breaks),
        investor=tuple(investors),
        people_sd={k: np.asarray(v) for k, v in spread.items()},
        daily={k: np.stack(v) for k, v in daily.items()},
        members=tuple(m for m, _, _ in drawn),
    )


# ---- against field studies ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    """One field figure (docs/EVIDENCE.md I1-I5) next to the model's standardised effect of a plan."""

    figure: object  # an ``experiments.field.FieldFigure`` (key, what, state, d, low, high, kinds, source)
    plan: str  # "B − A" or "A − B": the plan that has the campaign kinds the figure is about, first
    d: float
    low: float
    high: float

    @property
    def ratio(self) -> float:
        return self.d / self.figure.d if self.figure.d else math.nan


def field_rows(study: SeedStudy, scenarios: Sequence[Scenario], figures: Sequence[object]) -> list[FieldRow]:
    """The model's standardised effects next to the field's, as the experiments' ``field.py`` does:
    B − A of a staff state (mean over the last quarter) over that state's spread between employees
    before any campaign, per seed, with its interval over seeds.  A figure is shown where exactly
    one plan has campaigns of the kinds it is about (otherwise B − A is not that kind's effect)."""
    kinds_a = {c.kind for c in scenarios[0].campaigns}
    kinds_b = {c.kind for c in scenarios[1].campaigns}
    rows = []
    for fig in figures:
        if fig.state not in study.people_sd or fig.state not in study.diff:
            continue
        in_b, in_a = set(fig.kinds) & (kinds_b - kinds_a), set(fig.kinds) & (kinds_a - kinds_b)
        if bool(in_a) == bool(in_b):
            continue
        sign, plan = (1.0, f"B {MINUS} A") if in_b else (-1.0, f"A {MINUS} B")
        values = sign * study.diff[fig.state] / np.maximum(study.people_sd[fig.state], 1e-12)
        d, lo, hi = mean_interval(values)
        rows.append(FieldRow(fig, plan, d, lo, hi))
    return rows
