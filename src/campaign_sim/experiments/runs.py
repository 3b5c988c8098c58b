"""One run of an experiment: build the company, give each branch its arm, run, aggregate.

:func:`run_one` is a pure function of its :class:`~.plan.RunSpec` (scenario data and
seed), so the same run gives bit-identical tables in this process, in a pool worker
or on a Dask worker.  It sends back aggregated KPIs only (period means per branch,
and arm means per few days), never agent states, so memory stays bounded however
many runs an experiment has; ``full_series`` adds every KPI per branch and day.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..campaigns import CampaignSchedule
from ..model import PER_COMPANY, CampaignModel
from ..outputs import KPI_NAMES
from ..parquet_io import parquet_bytes
from ..scenario import Scenario
from .design import purpose_rng
from .plan import RunSpec, assign_arms

#: columns that identify a row of the tidy table, in sort order
TIDY_KEYS = ("point", "replicate", "counterfactual", "arm", "branch", "period")
SERIES_KEYS = ("point", "replicate", "counterfactual", "arm", "day")
MONEY_KEYS = SERIES_KEYS
#: KPIs kept per arm and day for the money over the horizon (EUR per branch and day)
MONEY_KPIS = ("profit", "campaign_cost", "revenue")
#: the periods of the tidy table: before, after (last quarter), and from the first campaign
#: day over the money horizon (``money``), so that no money estimate skips the cost period
PERIODS = ("pre", "post", "money", "follow_up")
#: the follow-up window, days after the first campaign day: about when field studies measure
#: (months 2-5), for the comparison with their effect sizes (``field.py``)
FOLLOW_UP = (60, 150)


@dataclass
class RunOutput:
    """What a run sends back: the tidy rows, arm trajectories, optional full series."""

    run_id: str
    tidy: pd.DataFrame
    series: pd.DataFrame | None
    full: pd.DataFrame | None
    seconds: float  # model time (construction and days), for the overhead benchmark
    money: pd.DataFrame | None = None  # arm means per day of MONEY_KPIS


def initial_team_state(model: CampaignModel, state: str) -> np.ndarray:
    """Mean of one employee state per branch, as the run starts."""
    staff = model.staff_state
    n = model.branch_state.size
    counts = np.bincount(staff.branch, minlength=n)
    return np.bincount(staff.branch, weights=getattr(staff, state), minlength=n) / np.maximum(counts, 1)


def branch_arms(spec: RunSpec, n: int, probe: CampaignModel | None) -> np.ndarray:
    """Arm index of every branch for this run (all 0 in a paired run)."""
    if spec.assignment == "paired":
        return np.zeros(n, np.int64)
    strata = initial_team_state(probe, spec.stratify_by) if spec.stratify_by and probe else None
    return assign_arms(n, len(spec.arms), purpose_rng(spec.seed, "assignment"), strata)


def _scenario_with_arms(spec: RunSpec, arm_of_branch: np.ndarray) -> Scenario:
    data = dict(spec.scenario)
    campaigns = []
    for index, (_, arm_campaigns) in enumerate(spec.arms):
        ids = np.flatnonzero(arm_of_branch == index).tolist()
        if spec.assignment == "paired":
            ids = "all"
        elif not ids:
            continue
        campaigns.extend({**c, "branches": ids} for c in arm_campaigns)
    data["campaigns"] = campaigns
    return Scenario.model_validate(data)


def _period_means(values: np.ndarray, days: tuple[int, int]) -> np.ndarray:
    """(kpi, branch) means of (day, kpi, branch) values over [start, end)."""
    return values[days[0] : days[1]].mean(axis=0, dtype=np.float64)


def money_days(spec: RunSpec, days: int) -> tuple[int, int]:
    """The money window, or (for plans made without one) the whole run from day 0."""
    start, end = spec.money
    return (start, end) if end > start else (0, days)


class CostLedger:
    """Each day's campaign spending per arm, split into one-off and running (EUR per branch).

    One-off: what a training costs (fees per participant) and any fixed fee at a campaign's
    start, the investment a controller books once.  Running: what a lever campaign (incentive
    budget, coaching, advertising) costs for every day it runs.  Called once per simulated
    day (a loop over campaigns, never over agents).
    """

    def __init__(self, schedule: CampaignSchedule, arm_of_branch: np.ndarray, n_arms: int):
        self.records = schedule.records
        members = np.bincount(arm_of_branch, minlength=n_arms).astype(float)
        self.per_branch = 1.0 / np.maximum(members, 1.0)
        self.arm_of_record = [
            int(arm_of_branch[np.flatnonzero(r.branch_mask)[0]]) if r.branch_mask.any() else 0
            for r in self.records
        ]
        self.booked = np.zeros((len(self.records), 2))  # (one-off, running) booked so far
        self.days: list[np.ndarray] = []  # per day: (2, arms) one-off, running
        self.n_arms = n_arms

    def __call__(self, _n: int = 1) -> None:
        today = np.zeros((2, self.n_arms))
        for i, r in enumerate(self.records):
            split = np.array(r.cost_split())  # the campaigns' own rule (CampaignKind.cost_split)
            today[:, self.arm_of_record[i]] += split - self.booked[i]
            self.booked[i] = split
        self.days.append(today * self.per_branch)

    def frame(self) -> np.ndarray:
        """(days, 2, arms): one-off and running EUR per branch of each arm."""
        return np.stack(self.days) if self.days else np.zeros((0, 2, self.n_arms))


def follow_up_days(first_day: int, days: int) -> tuple[int, int]:
    """Days ``FOLLOW_UP`` after the first campaign day, inside the run (at least one day)."""
    start = min(first_day + FOLLOW_UP[0], days - 1)
    return start, max(min(first_day + FOLLOW_UP[1], days), start + 1)


def arm_money(
    spec: RunSpec, values: np.ndarray, arm_of_branch: np.ndarray, costs: np.ndarray | None = None
) -> pd.DataFrame:
    """Per arm and day: mean over its branches of profit, campaign cost and revenue (EUR), and the
    campaign cost split into one-off and running (``costs``, from :class:`CostLedger`)."""
    names = [name for name, _ in spec.arms]
    columns = [KPI_NAMES.index(k) for k in MONEY_KPIS]
    parts = []
    for index, name in enumerate(names):
        members = arm_of_branch == index
        if not members.any():
            continue
        means = values[:, columns][:, :, members].mean(axis=2, dtype=np.float64)
        part = pd.DataFrame(means, columns=list(MONEY_KPIS))
        split = costs[:, :, index] if costs is not None else np.zeros((values.shape[0], 2))
        part["cost_one_off"] = split[:, 0]
        part["cost_running"] = split[:, 1]
        part.insert(0, "day", np.arange(values.shape[0], dtype=np.int32))
        part.insert(0, "arm", name)
        parts.append(part)
    return _identify(pd.concat(parts, ignore_index=True), spec, with_seed=False)


def branch_attributes(model: CampaignModel, company: int = 0) -> dict[str, np.ndarray]:
    """Each branch's fixed attributes as the run starts (see :data:`BRANCH_ATTRIBUTES`), for
    one company of the model (a pack holds several)."""
    b0, b1 = (int(x) for x in model.bounds["branches"][company : company + 2])
    s0, s1 = (int(x) for x in model.bounds["staff"][company : company + 2])
    c0, c1 = (int(x) for x in model.bounds["places"][company : company + 2])
    b, n = model.branch_state, b1 - b0
    customers = model.customer_state
    active = np.bincount(customers.branch[c0:c1][customers.active[c0:c1]] - b0, minlength=n)
    return {
        "manager_punishment": b.punishment[b0:b1].astype(np.float64),
        "manager_support": b.support[b0:b1].astype(np.float64),
        "branch_size": np.bincount(model.staff_state.branch[s0:s1] - b0, minlength=n).astype(np.float64),
        "customer_base": active.astype(np.float64),
        "local_market": b.spend_multiplier[b0:b1].astype(np.float64),
    }


def people_spread(model: CampaignModel, company: int = 0) -> dict[str, float]:
    """``model.people_spread`` as tidy-table columns (``people_sd_<state>``), taken at the end of the
    pre period, before any campaign, when delivered behaviour and horizon have been computed."""
    return {f"people_sd_{name}": sd for name, sd in model.people_spread(company).items()}


def aggregate(
    spec: RunSpec,
    values: np.ndarray,
    arm_of_branch: np.ndarray,
    attributes: dict[str, np.ndarray] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Tidy rows (branch x period) and arm-mean trajectories from the KPI array."""
    names = np.array([name for name, _ in spec.arms], dtype=object)
    n = values.shape[2]
    arm_labels = names[arm_of_branch]
    frames = []
    money = money_days(spec, values.shape[0])
    follow = follow_up_days(money[0], values.shape[0])
    windows = (("pre", spec.pre), ("post", spec.post), ("money", money), ("follow_up", follow))
    for period, days in windows:
        means = _period_means(values, days)
        # all columns at once: inserting them one by one cost more than a small run itself
        columns = {"arm": arm_labels, "branch": np.arange(n, dtype=np.int32), "period": period}
        columns.update(zip(KPI_NAMES, means, strict=True))
        columns.update(attributes or {})
        frames.append(pd.DataFrame(columns))
    tidy = _identify(pd.concat(frames, ignore_index=True), spec, with_seed=True)

    series = None
    if spec.series_every:
        days = values.shape[0]
        k = min(spec.series_every, days)
        # bins of k days; the remainder (days % k) joins the last bin rather than make a tiny one
        starts = np.arange(0, days - k + 1, k)
        bins = np.minimum(np.arange(days) // k, starts.size - 1)
        per_bin = (
            np.add.reduceat(values.astype(np.float64), starts, axis=0) / np.bincount(bins)[:, None, None]
        )
        parts = []
        for index, name in enumerate(names):
            members = arm_of_branch == index
            if not members.any():
                continue
            arm_mean = per_bin[:, :, members].mean(axis=2)
            part = pd.DataFrame(arm_mean, columns=list(KPI_NAMES))
            part.insert(0, "day", starts.astype(np.int32))
            part.insert(0, "arm", name)
            parts.append(part)
        series = _identify(pd.concat(parts, ignore_index=True), spec, with_seed=False)
    return tidy, series


def _identify(frame: pd.DataFrame, spec: RunSpec, with_seed: bool) -> pd.DataFrame:
    """Put the run's identity first: point, (member), replicate, (seed), counterfactual."""
    frame.insert(0, "counterfactual", spec.counterfactual)
    if with_seed:
        frame.insert(0, "seed", np.int64(spec.seed))
    frame.insert(0, "replicate", np.int32(spec.replicate))
    if spec.member is not None:
        frame.insert(0, "member", np.int64(spec.member))
    frame.insert(0, "point", np.int32(spec.point))
    return frame


def _company_scenario(spec: RunSpec) -> tuple[Scenario, np.ndarray]:
    """The scenario a run simulates (its arms' campaigns in their branches) and each branch's arm."""
    n = int(spec.scenario["run"]["branches"])
    probe = None
    without = None
    if spec.counterfactual or (spec.assignment == "randomised" and spec.stratify_by):
        # campaigns do not change a run's start, so a model without them shows the
        # initial teams the randomisation is stratified on (and is the counterfactual)
        without = Scenario.model_validate({**spec.scenario, "campaigns": []})
        probe = CampaignModel(without, seed=spec.seed)
    arm_of_branch = branch_arms(spec, n, probe)
    if spec.counterfactual and without is not None:
        return without, arm_of_branch
    return _scenario_with_arms(spec, arm_of_branch), arm_of_branch


def run_one(spec: RunSpec) -> RunOutput:
    """Run one replicate (one arm, or all arms randomised to branches) and aggregate it."""
    return run_pack([spec])[0]


def packable(spec: RunSpec) -> str:
    """Runs with the same key can share a pack (:func:`run_pack`): the same scenario apart from
    what may differ by company (``model.PER_COMPANY``: campaigns, parameters, branches' make-up)
    and the seed, i.e. the same mechanism variants and run length (``model.pack_key``, read off
    the scenario data without validating it).  So an ensemble's members, a sweep's or a
    sensitivity analysis's points share packs."""
    shared = {key: value for key, value in spec.scenario.items() if key not in PER_COMPANY}
    shared["run"] = {key: value for key, value in shared.get("run", {}).items() if key != "seed"}
    return json.dumps(shared, sort_keys=True, default=str)


def run_pack(specs: list[RunSpec]) -> list[RunOutput]:
    """Run several runs as one vectorised model (``CampaignModel.pack``) and aggregate each.

    Each run's tables are bit-identical to running it alone (``tests/experiments/test_packs.py``):
    every company draws from its own seed's streams and its campaigns act on its own branches.
    A pack pays the fixed cost of a simulated day once for all its runs.  ``seconds`` of each
    output is its share of the pack's model time.
    """
    start = time.perf_counter()
    if len({packable(s) for s in specs}) > 1:
        raise ValueError("runs of one pack must share their mechanism variants and run length")
    prepared = [_company_scenario(spec) for spec in specs]
    scenarios = [scenario for scenario, _ in prepared]
    seeds = [spec.seed for spec in specs]
    if len(specs) == 1:
        model = CampaignModel(scenarios[0], seed=seeds[0])
        schedules = [model.campaigns]
    else:
        model = CampaignModel.pack(scenarios, seeds)
        schedules = model.campaigns.schedules
    attributes = [branch_attributes(model, k) for k in range(len(specs))]
    ledgers = [
        CostLedger(schedule, arms, len(spec.arms))
        for schedule, (_, arms), spec in zip(schedules, prepared, specs, strict=True)
    ]
    spread_days = [max(min(spec.pre[1], model.config.run.days), 1) for spec in specs]

    def each_day(n: int = 1) -> None:
        for k, ledger in enumerate(ledgers):
            ledger(n)
            if model.day == spread_days[k]:
                attributes[k].update(people_spread(model, k))

    model.run(progress=each_day)
    seconds = (time.perf_counter() - start) / len(specs)
    outputs = []
    for k, (spec, (_, arm_of_branch)) in enumerate(zip(specs, prepared, strict=True)):
        values = model.company_values(k)
        tidy, series = aggregate(spec, values, arm_of_branch, attributes[k])
        full = None
        if spec.full_series:
            full = company_frame(model, k)
            names = np.array([name for name, _ in spec.arms], dtype=object)
            full.insert(2, "arm", names[arm_of_branch][full["branch"].to_numpy()])
            full.insert(0, "counterfactual", spec.counterfactual)
            full.insert(0, "replicate", np.int32(spec.replicate))
            if spec.member is not None:
                full.insert(0, "member", np.int64(spec.member))
            full.insert(0, "point", np.int32(spec.point))
        money = arm_money(spec, values, arm_of_branch, ledgers[k].frame())
        outputs.append(RunOutput(spec.run_id, tidy, series, full, seconds, money))
    return outputs


def company_frame(model: CampaignModel, k: int) -> pd.DataFrame:
    """Company ``k``'s KPIs per branch and day, as ``branch_frame()`` gives them for a solo run."""
    values = model.company_values(k)
    days, _, n = values.shape
    frame = pd.DataFrame(values.transpose(0, 2, 1).reshape(days * n, -1), columns=list(KPI_NAMES))
    frame.insert(0, "branch", np.tile(np.arange(n, dtype=np.int32), days))
    frame.insert(0, "day", np.repeat(np.arange(days, dtype=np.int32), n))
    frame.attrs["seed"] = model.seeds[k]
    frame.attrs["variants"] = model.variants.non_default()
    return frame


@dataclass
class EncodedRun:
    """A finished run as Parquet bytes per part (``runs``, ``series``, ``branch_series``).

    Encoding happens where the run ran, so the process that stores results only writes
    bytes and never becomes the bottleneck of a pool or a cluster.
    """

    run_id: str
    parts: dict[str, bytes]
    seconds: float


def run_pack_encoded(specs: list[RunSpec]) -> list[EncodedRun]:
    """:func:`run_pack`, then encode each run's tables (what the executors send back)."""
    return [encode(output) for output in run_pack(specs)]


def encode(output: RunOutput) -> EncodedRun:
    """A run's tables as Parquet bytes, ``runs`` last (it marks the run done)."""
    parts = {}
    if output.full is not None:
        parts["branch_series"] = parquet_bytes(output.full)
    if output.series is not None:
        parts["series"] = parquet_bytes(output.series)
    if output.money is not None:
        parts["money"] = parquet_bytes(output.money)
    parts["runs"] = parquet_bytes(output.tidy, {"seconds": repr(output.seconds)})  # last: marks the run done
    return EncodedRun(output.run_id, parts, output.seconds)
