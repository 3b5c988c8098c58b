"""Summary statistics: one parameter set's published figures, simulated as two packs.

Why packs: the retail scenarios of a calibration (baseline, behaviour training, attitude
training, incentives) differ only in their campaigns, so all of them on all seeds run as one
vectorised model (``CampaignModel.pack``), bit-identical to solo runs and several times
faster for small companies; the bank archetype differs in company settings and is its own
pack.  The figures follow ``validation.py`` (same definitions, computed here from the pack's
KPI arrays), and the campaign effects follow ODD 8.1: campaign minus baseline on the same
seed, mean of the branch means over the last quarter of the year, over the norm SD of the
state's survey instrument (``measurement.standardised_effect``).
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..kpis import KPI_INDEX
from ..measurement import standardised_effect
from ..model import CampaignModel
from ..plausibility import ratio, window_means
from ..scenario import Scenario
from ..scenario_io import load_scenario

if TYPE_CHECKING:
    from .definition import Runs

#: a year of figures: days 0-364 (shorter runs, as in tests: all their days)
YEAR = 365
#: S1: transfer 0, 182 and 365 days after each trainee's own completion
TRANSFER_DAYS = (0, 182, 365)


@dataclass(frozen=True)
class TargetKind:
    """What a target id measures, and which pack and scenarios it needs."""

    what: str
    pack: str  # "retail" or "bank"
    campaign: str | None = None  # effect targets: the campaign scenario compared with the baseline
    state: str | None = None  # effect targets: the staff state


TARGETS: dict[str, TargetKind] = {
    "S1_0": TargetKind("behaviour training applied on the job, right after", "retail"),
    "S1_182": TargetKind("training applied on the job, at 6 months", "retail"),
    "S1_365": TargetKind("training applied on the job, at 1 year", "retail"),
    "S3": TargetKind("voluntary staff turnover a year (baseline)", "retail"),
    "S4": TargetKind("absence, share of working days (baseline)", "retail"),
    "C3b": TargetKind("share of problems escalated further (baseline)", "retail"),
    "C4": TargetKind("customer attrition a year (baseline)", "retail"),
    "C7a": TargetKind("shrinkage, share of sales (baseline)", "retail"),
    "C7b": TargetKind("shoplifting, share of shrinkage (baseline)", "retail"),
    "E1": TargetKind("retail operating margin, profit / sales (baseline)", "retail"),
    "E2": TargetKind("retail personnel cost, share of sales (baseline)", "retail"),
    "E3": TargetKind("retail cost of goods, share of sales (baseline)", "retail"),
    "E4": TargetKind("bank cost-income ratio (bank_branch)", "bank"),
    "E5": TargetKind("bank personnel cost, share of operating cost (bank_branch)", "bank"),
    "I1_behaviour": TargetKind(
        "behaviour training: effect on delivered behaviour (d, norm SD)",
        "retail",
        "behaviour_training",
        "delivered_behaviour",
    ),
    "I1_attitude": TargetKind(
        "attitude training + effect scheme: effect on delivered behaviour (d, norm SD)",
        "retail",
        "attitude_training",
        "delivered_behaviour",
    ),
    "I1_pride": TargetKind(
        "attitude training + effect scheme: effect on pride (d, norm SD)",
        "retail",
        "attitude_training",
        "pride",
    ),
    "I2_attitude": TargetKind(
        "attitude training + effect scheme: effect on engagement (d, norm SD)",
        "retail",
        "attitude_training",
        "engagement",
    ),
    "I2_behaviour": TargetKind(
        "behaviour training: effect on engagement (d, norm SD)", "retail", "behaviour_training", "engagement"
    ),
    "I2_incentives": TargetKind(
        "effect incentives: effect on engagement (d, norm SD)", "retail", "effect_incentives", "engagement"
    ),
    "I3_incentives": TargetKind(
        "effect incentives: effect on delivered behaviour (d, norm SD)",
        "retail",
        "effect_incentives",
        "delivered_behaviour",
    ),
    "I4_incentives": TargetKind(
        "effect incentives: effect on delivered behaviour (d, norm SD)",
        "retail",
        "effect_incentives",
        "delivered_behaviour",
    ),
}


def needed_scenarios(target: str) -> set[str]:
    """Retail scenarios a target needs in the pack."""
    kind = TARGETS[target]
    if kind.pack == "bank":
        return set()
    if kind.campaign is not None:
        return {"baseline", kind.campaign}
    if target.startswith("S1_"):
        return {"behaviour_training"}
    return {"baseline"}


@dataclass(frozen=True)
class Setup:
    """The base scenarios of a calibration, loaded once per process."""

    runs: Runs
    retail: tuple[Scenario, ...]
    bank: Scenario | None

    @classmethod
    def load(cls, runs: Runs, scenarios_dir: Path) -> Setup:
        retail = tuple(
            load_scenario(scenarios_dir / f"{name}.toml", branches=runs.branches, days=runs.retail_days)
            for name in runs.retail
        )
        bank = None
        if runs.bank is not None:
            bank = load_scenario(
                scenarios_dir / f"{runs.bank}.toml", branches=runs.branches, days=runs.bank_days
            )
        return cls(runs, retail, bank)


def _series(values: np.ndarray, name: str) -> np.ndarray:
    """(days, branches) of one KPI from a company's (day, kpi, branch) array, as float64."""
    return values[:, KPI_INDEX[name], :].astype(np.float64)


#: the first year's figures of a retail and of a bank company (``plausibility.RATIOS``)
RETAIL_FIGURES = ("S3", "S4", "C3b", "C4", "C7a", "C7b", "E1", "E2", "E3")
BANK_FIGURES = ("E4", "E5")


def _figures(values: np.ndarray, keys: tuple[str, ...]) -> dict[str, float]:
    """A company's first-year figures, defined once for ``validate``, the run warnings and the
    calibration (``plausibility.ratio``: ratios of sums over branch-days, rates a year)."""
    means = window_means(values, 0, min(YEAR, values.shape[0]))
    return {key: ratio(means, key)[0] for key in keys}


def year_figures(values: np.ndarray) -> dict[str, float]:
    """S3, S4, C3b, C4, C7, E1-E3 of one retail company's first year (as ``validate``)."""
    return _figures(values, RETAIL_FIGURES)


def bank_figures(values: np.ndarray) -> dict[str, float]:
    """E4 (cost-income ratio) and E5 (personnel share of operating cost) of one bank company."""
    return _figures(values, BANK_FIGURES)


def quarter_mean(values: np.ndarray, state: str) -> float:
    """A staff state's branch means over the last quarter of the first year (days 274-364, ODD 8.1),
    averaged over days and branches."""
    days = min(YEAR, values.shape[0])
    return float(_series(values[days - days // 4 : days], state).mean())


def _run_retail(setup: Setup, changes: dict[str, float]) -> tuple[CampaignModel, list[tuple[str, int]], dict]:
    """Step the retail pack day by day, pooling each S1 trainee's transfer at 0, 182, 365 days."""
    scenarios = [s.with_changes(changes) for s in setup.retail]
    labels = [(name, seed) for seed in setup.runs.seeds for name in setup.runs.retail]
    companies = [scenarios[setup.runs.retail.index(name)] for name, _ in labels]
    model = CampaignModel.pack(companies, [seed for _, seed in labels])
    schedule = model.campaigns
    trainees = []  # (company view of staff, record, days off the floor)
    for k, (name, _) in enumerate(labels):
        if name != "behaviour_training":
            continue
        rec = next(r for r in schedule.of_company(k).records if r.spec.kind == "behaviour_training")
        trainees.append((schedule.views[k][0], rec, rec.spec.days_off_floor))
    pooled: dict[int, list[np.ndarray]] = {after: [] for after in TRANSFER_DAYS}
    for day in range(setup.runs.retail_days):
        model.step()
        for staff, rec, off in trainees:
            if rec.session_day is None:
                continue
            finished = rec.session_day + off
            in_post = rec.still_in_post(staff)
            for after in TRANSFER_DAYS:
                due = in_post & (finished + after == day)
                if due.any():
                    pooled[after].append(staff.transfer[due].astype(np.float64))
    return model, labels, pooled


def simulate(setup: Setup, changes: dict[str, float], bank: bool = True) -> dict[str, float]:
    """Every target figure of one parameter set (NaN where a figure cannot be formed);
    ``bank=False`` leaves out the bank pack (E4, E5: see :func:`bank_pack_figures`)."""
    figures = retail_pack_figures(setup, changes)
    if bank and setup.bank is not None:
        figures |= bank_pack_figures(setup, changes)
    return figures


def retail_pack_figures(setup: Setup, changes: dict[str, float]) -> dict[str, float]:
    """The figures of the retail pack: S1, the baseline's year, the campaign effects."""
    figures: dict[str, float] = {}
    model, labels, pooled = _run_retail(setup, changes)
    values = {label: model.company_values(k) for k, label in enumerate(labels)}
    seeds = setup.runs.seeds
    names = set(setup.runs.retail)
    if "behaviour_training" in names:
        for after in TRANSFER_DAYS:
            parts = pooled[after]
            figures[f"S1_{after}"] = float(np.concatenate(parts).mean()) if parts else float("nan")
    if "baseline" in names:
        per_seed = [year_figures(values["baseline", s]) for s in seeds]
        for key in per_seed[0]:
            figures[key] = float(np.mean([f[key] for f in per_seed]))
        for target, kind in TARGETS.items():
            if kind.campaign is None or kind.campaign not in names:
                continue
            raw = np.mean(
                [
                    quarter_mean(values[kind.campaign, s], kind.state)
                    - quarter_mean(values["baseline", s], kind.state)
                    for s in seeds
                ]
            )
            figures[target] = standardised_effect(float(raw), kind.state)
    return figures


def bank_pack_figures(setup: Setup, changes: dict[str, float]) -> dict[str, float]:
    """E4 and E5 of the bank archetype, its own pack (it differs in company settings)."""
    assert setup.bank is not None
    seeds = setup.runs.seeds
    bank = setup.bank.with_changes(changes)
    pack = CampaignModel.pack([bank] * len(seeds), list(seeds)).run()
    per_seed = [bank_figures(pack.company_values(k)) for k in range(len(seeds))]
    return {key: float(np.mean([f[key] for f in per_seed])) for key in per_seed[0]}


class Simulator:
    """A picklable model function for pyabc: parameter set -> figures, counting its evaluations.

    ``packs`` says which packs to run: the ABC runs the retail pack only (every fitted figure
    is there); the bank pack, whose figures are all checked, runs once per final member.

    Each evaluation appends one byte to ``counter`` (if given), so the command's progress
    display sees evaluations finish in worker processes without any shared memory.
    """

    def __init__(
        self,
        runs: Runs,
        scenarios_dir: Path,
        names: dict[str, str],
        counter: Path | None = None,
        packs: tuple[str, ...] = ("retail",),
    ):
        self.runs = runs
        self.packs = packs
        self.scenarios_dir = scenarios_dir
        self.names = names  # pyabc parameter name -> scenario path
        self.counter = counter
        self._setup: Setup | None = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_setup": None}

    def __call__(self, parameter) -> dict[str, float]:
        if self._setup is None:
            self._setup = Setup.load(self.runs, self.scenarios_dir)
        changes = {path: float(parameter[name]) for name, path in self.names.items()}
        figures: dict[str, float] = {}
        if "retail" in self.packs:
            figures |= retail_pack_figures(self._setup, changes)
        if "bank" in self.packs and self._setup.bank is not None:
            figures |= bank_pack_figures(self._setup, changes)
        if self.counter is not None:
            fd = os.open(self.counter, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, b".")
            finally:
                os.close(fd)
            _fault_kill(self.counter)
        return figures


#: fault injection for the resume test: SIGKILL the whole command (workers included) once this
#: many parameter sets have been evaluated, so "killed mid-generation" happens at a known point
#: instead of racing a poll against a fast machine
FAULT_KILL_AT = "CAMPAIGN_SIM_FAULT_KILL_AT"


def _fault_kill(counter: Path) -> None:
    at = os.environ.get(FAULT_KILL_AT)
    if at and counter.stat().st_size >= int(at):
        os.killpg(os.getpgrp(), signal.SIGKILL)
