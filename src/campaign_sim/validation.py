"""Validation: the model against the published figures in docs/EVIDENCE.md, each with its basis.

Each check runs the shipped baseline, behaviour-training or bank-branch scenario over
several seeds and compares the simulated figure (mean and sd over seeds) with the
literature's range (``plausibility.PUBLISHED``, the one table of ranges that the run
warnings use too).  ``campaign-sim validate`` prints them.  Nothing is fitted here; each
target says how its figure relates to the parameters (``basis``), because only a figure
no parameter was chosen or tuned for is evidence (docs/EVIDENCE.md, calibration discipline):

- ``set``: a parameter (or a product of parameters) *is* the figure; the check only shows it
  is wired through.
- ``fitted``: one or more parameters were chosen or tuned until the simulated figure matched.
- ``checked``: nothing was chosen or tuned for it; the only kind that tests the model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from .mechanisms import judge_treatment
from .model import CampaignModel
from .plausibility import PUBLISHED, Published, ratio, window_means
from .rng import replicate_seeds
from .scenario import Scenario
from .scenario_io import load_scenario

#: days after the end of training at which S1 reports transfer
TRANSFER_DAYS = (0, 182, 365)

Basis = Literal["set", "fitted", "checked"]
BASES: tuple[Basis, ...] = ("set", "fitted", "checked")


@dataclass(frozen=True)
class Target:
    """A published figure with how it relates to the parameters: ``basis`` and the reason in one line."""

    figure: Published
    basis: Basis
    reason: str

    @property
    def key(self) -> str:
        return self.figure.key

    @property
    def what(self) -> str:
        return self.figure.what

    @property
    def low(self) -> float:
        return self.figure.low

    @property
    def high(self) -> float:
        return self.figure.high

    @property
    def source(self) -> str:
        return self.figure.source

    @property
    def scenario(self) -> str:
        return self.figure.scenario


_TRANSFER = (
    "the transfer parameters (transfer_base, _fear, _support, _motivation, _floor, _decay) "
    "were chosen to reproduce S1 (ODD 7.7)"
)
#: key -> (basis, why), audited against docs/ODD.md section 8, the parameter tables and the
#: scenario files' comments; tests/test_docs.py checks that the ODD's table says the same
BASIS: dict[str, tuple[Basis, str]] = {
    "S1_0": ("fitted", _TRANSFER),
    "S1_182": ("fitted", _TRANSFER),
    "S1_365": ("fitted", _TRANSFER),
    "S3": (
        "set",
        "quit_base = 0.00105/day is the figure at mid states (x 365 = 0.38 a year); "
        "the check adds only the spread of states around mid",
    ),
    "S4": (
        "set",
        "absence_base = 0.057 is the figure (5.8%) at mid states; the check adds only the spread of states",
    ),
    "C2": ("set", "loss_aversion = 2.25 is the figure; the check recomputes the ratio from the parameter"),
    "C3a": ("set", "complain_share = 0.5 is the figure; the check sees the parameter plus sampling noise"),
    "C3b": (
        "set",
        "complain_share x escalate_share = 2.5% of unsolved problems was chosen as the figure; "
        "the check scales it by the unsolved share",
    ),
    "C4": (
        "fitted",
        "churn_annual, churn_loyalty and bad_switch were chosen for C4 (ODD 7.13 quotes the simulated 9.1%)",
    ),
    "C7a": ("fitted", "theft_rate, notice_max, theft_value and other_shrink_share were chosen for C7"),
    "C7b": ("fitted", "other_shrink_share was chosen so that theft is about a third of shrinkage"),
    "E1": ("fitted", "overhead_per_day = 475 was adjusted by hand until the 5-seed margin landed near 3%"),
    "E2": ("fitted", "wage_per_day = 65 was chosen so that the personnel share lands at about 19%"),
    "E3": ("set", "gross_margin = 0.4 makes the cost of goods 60% of sales by definition"),
    "E4": (
        "fitted",
        "the bank's spend_per_visit (and overhead_per_day) were adjusted until the ratio landed in range",
    ),
    "E5": (
        "fitted",
        "the bank's wage_per_day = 200 was chosen from the personnel share (bank_branch.toml, ODD 7.15)",
    ),
}

TARGETS: tuple[Target, ...] = tuple(Target(p, *BASIS[p.key]) for p in PUBLISHED)

_HELD_OUT = "held out of the ABC-SMC (a checked target of experiments/calibration.toml)"
#: key -> (basis, why) when the parameters are the calibrated ensemble's (``validate --ensemble``):
#: the ABC fitted some figures that were set or hand-fitted before; a figure it held out counts as
#: *checked* only if no parameter outside the ensemble was set or hand-fitted to it (else it keeps
#: that basis: holding a figure out of one fit does not undo another).  tests/test_validation.py
#: checks this table against the calibration definition's roles.
ENSEMBLE_BASIS: dict[str, tuple[Basis, str]] = {
    "S1_0": ("fitted", "in the ABC distance (transfer parameters calibrated)"),
    "S1_182": ("fitted", "in the ABC distance (transfer parameters calibrated)"),
    "S1_365": ("checked", _HELD_OUT + "; every transfer parameter is calibrated, none was chosen for it"),
    "S3": ("fitted", "in the ABC distance (quit_base and the quit slopes calibrated)"),
    "S4": ("fitted", "in the ABC distance (absence_base calibrated)"),
    "C2": BASIS["C2"],
    "C3a": BASIS["C3a"],
    "C3b": ("set", _HELD_OUT + ", but complain_share x escalate_share (not calibrated) were chosen as it"),
    "C4": ("fitted", "in the ABC distance (churn_annual, churn_loyalty, bad_switch calibrated)"),
    "C7a": ("fitted", "in the ABC distance (notice_max calibrated)"),
    "C7b": ("fitted", _HELD_OUT + ", but other_shrink_share (not calibrated) was chosen by hand for it"),
    "E1": ("fitted", "in the ABC distance (overhead_per_day stays hand-fitted as well)"),
    "E2": ("fitted", _HELD_OUT + ", but wage_per_day (not calibrated) was chosen by hand for it"),
    "E3": ("set", _HELD_OUT + ", but gross_margin = 0.4 makes it 60% by definition"),
    "E4": (
        "fitted",
        _HELD_OUT + ", but the bank's spend_per_visit and overhead were adjusted by hand for it",
    ),
    "E5": ("fitted", _HELD_OUT + ", but the bank's wage_per_day was chosen by hand for it"),
}
ENSEMBLE_TARGETS: tuple[Target, ...] = tuple(Target(p, *ENSEMBLE_BASIS[p.key]) for p in PUBLISHED)


def basis_summary(targets: Sequence[Target]) -> str:
    """One line: how many figures are set, fitted and checked, and which of them test the model."""
    counts = {b: sum(t.basis == b for t in targets) for b in BASES}
    line = f"{len(targets)} figures: " + ", ".join(f"{counts[b]} {b}" for b in BASES) + "; "
    if counts["checked"] == 0:
        return line + (
            "no figure is checked, so none of them tests the model "
            "(a set or fitted figure only shows that the parameters chosen for it work as intended)"
        )
    which = ", ".join(t.key for t in targets if t.basis == "checked")
    if counts["checked"] == 1:
        return line + f"only the checked figure ({which}) tests the model"
    return line + f"only the {counts['checked']} checked figures ({which}) test the model"


#: the figures of a year's KPIs of each validation scenario (``plausibility.RATIOS``)
KPI_FIGURES = {
    "baseline": ("S3", "S4", "C3a", "C3b", "C4", "C7a", "C7b", "E1", "E2", "E3"),
    "bank_branch": ("E4", "E5"),
}


def _kpi_figures(model: CampaignModel, scenario: str, company: int = 0) -> dict[str, float]:
    """A year's figures of one company of the model, computed as the run warnings compute them
    (``plausibility.ratio``): ratios of sums over branches and days, rates a year per 365 days."""
    values = model.company_values(company)
    means = window_means(values, 0, values.shape[0])
    return {key: ratio(means, key)[0] for key in KPI_FIGURES[scenario]}


def _loss_aversion_figure(model: CampaignModel, company: int = 0) -> float:
    """C2 measured on the model's own judgement: move of satisfaction after a shortfall vs an
    equal surplus of 0.1 against expectation (it can only return the parameter: C2 is set)."""
    sat0 = 0.5
    p = model.companies_config[company].customers
    d = np.array([0.1, -0.1], dtype=np.float32)
    moved = p.satisfaction_rate * (np.clip(0.5 + judge_treatment(d, p.loss_aversion), 0, 1) - sat0)
    return float(abs(moved[1]) / abs(moved[0]))


def _transfer_figures(scenario: Scenario, seed: int) -> dict[str, float]:
    """Mean transfer of trainees still in post 0, 182 and 365 days after their own training."""
    return _transfer_figures_of([scenario], seed)[0]


def _transfer_figures_of(scenarios: Sequence[Scenario], seed: int) -> list[dict[str, float]]:
    """:func:`_transfer_figures` of several companies (an ensemble's members: the same training,
    other parameters), run as one pack (``CampaignModel.pack``), each as it would run alone."""
    training = next(c for c in scenarios[0].campaigns if c.kind == "behaviour_training")
    days = training.start_day + training.duration_days + max(TRANSFER_DAYS) + 1
    for scenario in scenarios[1:]:
        if next(c for c in scenario.campaigns if c.kind == "behaviour_training") != training:
            raise ValueError("the companies of one transfer measurement need the same training")
    model = CampaignModel.pack([s.with_overrides(days=days) for s in scenarios], [seed] * len(scenarios))
    companies = [
        (
            next(r for r in model.campaigns.of_company(k).records if r.spec.kind == "behaviour_training"),
            view[0],
        )
        for k, view in enumerate(model.campaigns.views)
    ]
    values: list[dict[int, list[np.ndarray]]] = [{after: [] for after in TRANSFER_DAYS} for _ in scenarios]
    for day in range(days):
        model.step()
        for (record, staff), mine in zip(companies, values, strict=True):
            if record.session_day is None:
                continue
            finished = record.session_day + training.days_off_floor
            in_post = record.still_in_post(staff)
            for after in TRANSFER_DAYS:
                due = in_post & (finished + after == day)
                mine[after].append(staff.transfer[due])
    return [{f"S1_{after}": float(np.concatenate(v).mean()) for after, v in mine.items()} for mine in values]


@dataclass
class CheckResult:
    """A figure's mean and sd over the replicate seeds (chance only: parameters stay fixed)."""

    target: Target
    mean: float
    sd: float

    @property
    def passed(self) -> bool:
        return self.target.low <= self.mean <= self.target.high


def run_checks(
    scenarios_dir: Path,
    seeds: int = 5,
    branches: int = 20,
    progress: Callable[[int], None] | None = None,
    targets: Sequence[Target] | None = None,
    changes: Mapping[str, float] | None = None,
) -> list[CheckResult]:
    """Run the checks over ``seeds`` replicate seeds of the shipped scenarios.

    ``targets`` defaults to :data:`TARGETS` (read when called).  The bank figures (E4, E5)
    need ``bank_branch.toml``; a folder without it skips them.  ``changes`` (dotted keys, e.g.
    an ensemble member's parameters) apply to every scenario.
    """
    return members_checks(scenarios_dir, seeds, branches, progress, targets, [changes or {}])[0]


def members_checks(
    scenarios_dir: Path,
    seeds: int,
    branches: int,
    progress: Callable[[int], None] | None = None,
    targets: Sequence[Target] | None = None,
    members: Sequence[Mapping[str, float]] = ({},),
) -> list[list[CheckResult]]:
    """:func:`run_checks` for several parameter sets (an ensemble's ``members``) at once: each
    seed's runs of all members are one pack per scenario (``CampaignModel.pack``), so a member's
    figures are those it gets alone while the day's fixed cost is paid once for all of them."""
    bank_path = scenarios_dir / "bank_branch.toml"
    base = {
        "baseline": load_scenario(scenarios_dir / "baseline.toml", branches=branches, days=365),
        "behaviour": load_scenario(scenarios_dir / "behaviour_training.toml", branches=branches),
        "bank": load_scenario(bank_path, branches=branches, days=365) if bank_path.is_file() else None,
    }
    each = {
        name: None if scenario is None else [scenario.with_changes(dict(c)) for c in members]
        for name, scenario in base.items()
    }
    chosen = TARGETS if targets is None else targets
    targets = [t for t in chosen if each["bank"] is not None or t.scenario != "bank_branch"]
    values: list[dict[str, list[float]]] = [{t.key: [] for t in targets} for _ in members]
    for seed in replicate_seeds(base["baseline"].run.seed, seeds):
        same = [seed] * len(members)
        model = CampaignModel.pack(each["baseline"], same).run()
        figures = [_kpi_figures(model, "baseline", k) for k in range(len(members))]
        for k, transfer in enumerate(_transfer_figures_of(each["behaviour"], seed)):
            figures[k]["C2"] = _loss_aversion_figure(model, k)
            figures[k].update(transfer)
        if each["bank"] is not None:
            bank = CampaignModel.pack(each["bank"], same).run()
            for k in range(len(members)):
                figures[k].update(_kpi_figures(bank, "bank_branch", k))
        for mine, found in zip(values, figures, strict=True):
            for key in mine:
                mine[key].append(float(found[key]))
        if progress:
            progress(1)
    return [
        [
            CheckResult(
                t, float(np.mean(mine[t.key])), float(np.std(mine[t.key], ddof=1) if seeds > 1 else 0.0)
            )
            for t in targets
        ]
        for mine in values
    ]


def member_figures(
    task: tuple[list[int], Path, int, int, list[dict[str, float]], tuple[str, ...]],
) -> list[tuple[int, dict[str, float]]]:
    """Ensemble members' figures, each the mean over the seeds (what a worker computes for
    ``validate --ensemble``), the members run in packs (:func:`members_checks`): ``task`` is
    (positions, scenario folder, seeds, branches, each member's parameters, figure keys); each
    position comes back with its member's figures."""
    positions, folder, seeds, branches, changes, keys = task
    chosen = [t for t in TARGETS if t.key in keys]
    results = members_checks(folder, seeds, branches, targets=chosen, members=changes)
    return [
        (position, {r.target.key: r.mean for r in mine})
        for position, mine in zip(positions, results, strict=True)
    ]


def weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """Quantiles of a weighted sample (inverse of the weighted CDF at the midpoints)."""
    keep = weights > 0
    values, weights = values[keep], weights[keep]
    if values.size == 0:
        return [float("nan") for _ in qs]
    order = np.argsort(values)
    v, w = values[order], weights[order]
    cdf = (np.cumsum(w) - 0.5 * w) / w.sum()
    return [float(np.interp(q, cdf, v)) for q in qs]


@dataclass
class EnsembleCheck:
    """A figure over the ensemble: the weighted median and 90% range of the members' seed means."""

    target: Target
    median: float
    low: float
    high: float
    inside: float  # weight of the members whose figure lies in the published range

    @property
    def passed(self) -> bool:
        return self.target.low <= self.median <= self.target.high


def ensemble_checks(figures: Sequence[dict[str, float]], weights: Sequence[float]) -> list[EnsembleCheck]:
    """Weighted summaries per figure of the members' figures (one dict per member, in order)."""
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    out = []
    for target in ENSEMBLE_TARGETS:
        if target.key not in figures[0]:
            continue
        values = np.array([f[target.key] for f in figures], dtype=float)
        low, median, high = weighted_quantiles(values, w, (0.05, 0.5, 0.95))
        inside = float(w[(values >= target.low) & (values <= target.high)].sum())
        out.append(EnsembleCheck(target, median, low, high, inside))
    return out
