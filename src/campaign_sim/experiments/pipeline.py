"""From an experiment file to stored runs, tables and a report: the job behind the commands.

``execute_plan`` plans the runs, skips those already stored, runs the rest (here, in a
pool or on a cluster) and stores each as it finishes.  ``analyse`` rebuilds every
table and the report from the results directory alone (the manifest holds the
resolved experiment), which is what ``campaign-sim report`` does.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__, plausibility
from ..outputs import KPI_NAMES, names, unit
from . import stats
from .definition import Experiment, ExperimentError
from .design import purpose_rng, salib_seed
from .ensemble import Ensemble, Members, attitude_over_behaviour, fold_members, members_of
from .executors import available_cores, execute
from .factorial import factorial_effects
from .field import FIELD, field_comparison
from .payback import per_employee, per_replicate, summarise_money
from .plan import model_code_hash, plan_runs
from .sensitivity import NET_BENEFIT, indices, mattering
from .store import ResultStore

KINDS = ("compare", "sweep", "sensitivity")
#: KPIs the report draws as staff trajectories: the employee states kept from day to day
STAFF_SERIES: tuple[str, ...] = names("staff", kpi=True, agent="employee", state=True)
#: KPIs the report draws as customer trajectories: the customers group
CUSTOMER_SERIES: tuple[str, ...] = names("customers", kpi=True)
#: KPIs in EUR: their effects count from the first campaign day over the horizon, costs included
MONEY_KPIS: tuple[str, ...] = tuple(k for k in KPI_NAMES if unit(k).startswith("EUR"))


def primary_kind(experiment: Experiment) -> str:
    """The command a file is written for: sensitivity, sweep, or else compare."""
    spec = experiment.spec
    return "sensitivity" if spec.sensitivity else "sweep" if spec.sweep else "compare"


def follow_up_of(screen: Experiment, parameters: list[str]) -> Experiment:
    """The Sobol analysis that follows a Morris screen: the same experiment (arms, seeds, outputs),
    the screen's ranges of the ``parameters`` that matter, the others at the base scenario's values."""
    sens = screen.spec.sensitivity
    assert sens is not None and sens.follow_up is not None
    kept = [p for p in sens.parameters if p.path in parameters]
    second = sens.model_copy(
        update={"method": "sobol", "samples": sens.follow_up.samples, "parameters": kept, "follow_up": None}
    )
    rule = sens.follow_up
    description = (
        f"Sobol follow-up (N = {rule.samples}) of the Morris screen '{screen.spec.name}': the "
        f"{len(kept)} parameters it found to matter ({', '.join(p.path for p in kept)}), in the screen's "
        f"ranges; every other parameter stays at the base scenario's value. Rule: the upper bound of "
        f"mu* at least {rule.share:.0%} of an output's largest mu*, the outputs taking turns by mu*, "
        f"at most {rule.keep}. The screen: {screen.spec.description}"
    )
    spec = screen.spec.model_copy(
        update={"name": f"{screen.spec.name}_sobol", "sensitivity": second, "description": description}
    )
    return replace(screen, spec=spec)


def default_out(experiment: Experiment, kind: str, ensemble: bool = False) -> Path:
    """results/<experiment name>/ for the file's own command, a sub-folder for another one;
    an ``ensemble/`` sub-folder of that with ``--ensemble`` (so seed-only results are kept)."""
    root = Path("results") / experiment.name
    out = root if kind == primary_kind(experiment) else root / kind
    return out / "ensemble" if ensemble else out


def check_kind(experiment: Experiment, kind: str) -> None:
    """Refuse a command the file has no section for, with the fix in the message."""
    spec = experiment.spec
    if kind == "sweep" and spec.sweep is None:
        raise ExperimentError(f"{experiment.path}: has no [sweep] section; `campaign-sim sweep` needs one")
    if kind == "sensitivity" and spec.sensitivity is None:
        raise ExperimentError(
            f"{experiment.path}: has no [sensitivity] section; `campaign-sim sensitivity` needs one"
        )
    if kind in ("compare", "sweep") and spec.control not in experiment.arm_names:
        raise ExperimentError(
            f"{experiment.path}: 'control' = {spec.control!r} names no arm; {kind} needs a control arm"
        )


@dataclass
class ExecutionSummary:
    out: Path
    total: int
    done_before: int
    ran: int
    stale_removed: int
    seconds: float
    model_seconds: float
    workers: int | None
    cluster: str | None


def execute_plan(
    experiment: Experiment,
    kind: str,
    out: Path,
    workers: int | None = None,
    cluster: str | None = None,
    fresh: bool = False,
    full_series: bool = False,
    on_start: Callable[[int, int, int], None] | None = None,
    on_run: Callable[[], None] | None = None,
    ensemble: Ensemble | None = None,
) -> ExecutionSummary:
    """Run what is not stored yet; ``on_start(total, done, stale)`` then ``on_run()`` per finished run.

    With an ``ensemble`` every run is planned once per member; the manifest stores the members
    and weights, which is all the analysis needs to weight them (``members_of``).
    """
    if ensemble is not None and kind == "sensitivity":
        raise ExperimentError(
            "--ensemble works with compare and sweep; sensitivity samples its own parameters"
        )
    check_kind(experiment, kind)
    points, specs = plan_runs(experiment, kind, full_series, ensemble)
    store = ResultStore(out)
    if store.exists() and not fresh:
        stored = store.read_manifest()
        if stored.get("kind") != kind or stored.get("experiment", {}).get("name") != experiment.name:
            raise ExperimentError(
                f"{out}: holds results of `{stored.get('kind')}` on "
                f"'{stored.get('experiment', {}).get('name')}'; "
                "choose another --out, or pass --fresh to discard them"
            )
    ids = [s.run_id for s in specs]
    done_before, stale = store.prepare(ids, fresh)
    store.write_design(points)
    completed = store.completed()
    todo = [s for s in specs if s.run_id not in completed]
    workers_used = None if cluster else min(workers or available_cores(), max(len(todo), 1))
    base = {
        "kind": kind,
        "experiment": experiment.describe(),
        "fingerprint": experiment.fingerprint()
        + f":{kind}:{int(full_series)}"
        + (f":ensemble:{_ensemble_hash(ensemble)}" if ensemble is not None else ""),
        "campaign_sim": __version__,
        "model_code": model_code_hash(),
        "seed": experiment.spec.seed,
        "replicate_seeds": experiment.seeds(),
        "design_points": len(points),
        "runs": len(specs),
        "run_ids": ids,
    }
    if ensemble is not None:
        base["ensemble"] = ensemble.describe()
    manifest = store.start_invocation(base, {"workers": workers_used, "cluster": cluster}, done_before)
    if on_start:
        on_start(len(specs), len(specs) - len(todo), stale)
    start = time.perf_counter()
    ran, model_seconds, status = 0, 0.0, "interrupted"
    try:
        for output in execute(todo, workers, cluster):
            store.write(output)
            ran += 1
            model_seconds += output.seconds
            if on_run:
                on_run()
        status = "complete"
    finally:
        store.end_invocation(manifest, ran, model_seconds, status)
    return ExecutionSummary(
        out,
        len(specs),
        done_before,
        ran,
        stale,
        time.perf_counter() - start,
        model_seconds,
        workers_used,
        cluster,
    )


def _ensemble_hash(ensemble: Ensemble) -> str:
    return hashlib.sha256(json.dumps(ensemble.describe(), sort_keys=True, default=str).encode()).hexdigest()[
        :16
    ]


@dataclass
class Analysis:
    """Every table of a finished (or partly finished) experiment."""

    kind: str
    store: ResultStore
    manifest: dict[str, Any]
    tidy: pd.DataFrame
    series: pd.DataFrame | None
    design: pd.DataFrame
    money: pd.DataFrame | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    missing: int = 0

    @property
    def experiment(self) -> dict[str, Any]:
        return self.manifest["experiment"]

    @property
    def definition(self) -> dict[str, Any]:
        return self.experiment["definition"]

    @property
    def labels(self) -> dict[str, str]:
        return {a["name"]: a["label"] for a in self.experiment["arms"]}

    @property
    def control(self) -> str:
        return self.definition["control"]

    @property
    def kpis(self) -> list[str]:
        return list(self.definition["kpis"])

    @property
    def members(self) -> Members | None:
        """The ensemble's members and weights, or None for a seed-only plan."""
        return members_of(self.manifest)


def analyse(out: Path, write: bool = True) -> Analysis:
    """Rebuild every table from a results directory (no model run); write them if asked."""
    store = ResultStore(out)
    if not store.exists():
        raise ExperimentError(
            f"{out}: no results here (no {store.manifest_path.name}); run an experiment first"
        )
    manifest = store.read_manifest()
    ids = manifest["run_ids"]
    tidy = store.read_tidy(ids)
    if tidy is None:
        raise ExperimentError(f"{out}: no finished runs stored yet; run the experiment (it resumes)")
    members = members_of(manifest)
    series, money = store.read_series(ids), store.read_money(ids)
    if members is not None:  # replicate indexes member x seed from here on (``ensemble.fold_members``)
        tidy, series, money = (
            None if frame is None else fold_members(frame, members) for frame in (tidy, series, money)
        )
    analysis = Analysis(
        kind=manifest["kind"],
        store=store,
        manifest=manifest,
        tidy=tidy,
        series=series,
        design=store.read_design(),
        money=money,
        missing=len(set(ids) - store.completed()),
    )
    definition = analysis.definition
    st = definition["statistics"]
    seed = definition["seed"]
    conf, method, resamples = st["confidence"], st["interval"], st["bootstrap_resamples"]

    def rng():
        return purpose_rng(seed, "bootstrap")

    kinds_needing_control = ("compare", "sweep")
    if analysis.kind in kinds_needing_control:
        kpis = analysis.kpis
        analysis.tables["effects"] = stats.effects(
            tidy, kpis, analysis.control, conf, method, rng(), resamples, MONEY_KPIS, members
        )
        rated, rate_names = stats.with_rates(tidy, kpis)
        if rate_names:  # counts that fall with fewer customers: also per 1,000 visits, and visits
            analysis.tables["rates"] = stats.effects(
                rated, [*rate_names, "visits"], analysis.control, conf, method, rng(), resamples, (), members
            )
        het = [
            stats.heterogeneity(
                tidy, kpis, analysis.control, state, conf, method, rng(), resamples, MONEY_KPIS, members
            )
            for state in definition["heterogeneity"]
        ]
        if het:
            analysis.tables["heterogeneity"] = pd.concat(het, ignore_index=True)
        arm_kinds = {a["name"]: [c["kind"] for c in a["campaigns"]] for a in analysis.experiment["arms"]}
        field_kpis = list(dict.fromkeys(f.state for f in FIELD))
        windows = ["follow_up", "post"] if (tidy["period"] == "follow_up").any() else ["post"]
        fields = []
        for window in windows:
            rep = stats.effects_per_replicate(tidy, field_kpis, analysis.control, MONEY_KPIS, window)
            found = field_comparison(rep, tidy, arm_kinds, conf, method, rng(), resamples, members)
            fields.append(found.assign(window=window) if not found.empty else found)
        field = pd.concat(fields, ignore_index=True)
        if not field.empty:
            analysis.tables["field"] = field
        analysis.tables["calibrated_world"] = calibrated_world(tidy, analysis.experiment, analysis.control)
        level_kpis = list(dict.fromkeys([*kpis, *STAFF_SERIES, "fear", "engagement", "loyalty"]))
        analysis.tables["levels"] = stats.levels(tidy, level_kpis, conf, method, rng(), resamples, members)
    if analysis.kind in kinds_needing_control and analysis.money is not None:
        exp = analysis.experiment
        window, rate = _money_window(analysis)
        money_rep, curve = per_replicate(analysis.money, analysis.control, tuple(exp["pre"]), window, rate)
        economics, cumulative = summarise_money(
            money_rep,
            curve,
            window,
            rate,
            analysis.labels,
            conf,
            method,
            rng(),
            resamples,
            members,
        )
        if not economics.empty:
            economics = economics.merge(per_employee(tidy, window), on=["point", "arm"], how="left")
        analysis.tables["economics"] = economics
        analysis.tables["cumulative"] = cumulative
        if members is not None:
            analysis.tables["ensemble_contrasts"] = attitude_over_behaviour(
                money_rep, exp["arms"], definition.get("factorial"), members, conf
            )
        factorial = definition.get("factorial")
        if factorial:
            arm_levels = {a["name"]: a.get("levels") or {} for a in exp["arms"]}
            per_kpi = stats.effects_per_replicate(tidy, kpis, analysis.control, MONEY_KPIS)
            net = money_rep.assign(kpi="net_benefit_eur")
            analysis.tables["factorial"] = pd.concat(
                [
                    factorial_effects(
                        frame,
                        value,
                        arm_levels,
                        factorial["factors"],
                        analysis.control,
                        ("point", "kpi"),
                        conf,
                        method,
                        rng(),
                        resamples,
                        members,
                    )
                    for frame, value in ((per_kpi, "did"), (net, "net_benefit_eur"))
                ],
                ignore_index=True,
            )
    if analysis.kind == "sweep":
        design = analysis.design
        eff = analysis.tables["effects"].merge(design, on="point", how="left")
        lev = analysis.tables["levels"].merge(design, on="point", how="left")
        analysis.tables["effects"], analysis.tables["levels"] = eff, lev
        effect_cols = ["point", "arm", "kpi", "effect", "ci_low", "ci_high", "d"]
        effect_cols += ["p_positive"] if members is not None else []
        analysis.tables["summary"] = lev.merge(eff[effect_cols], on=["point", "arm", "kpi"], how="left")
    if analysis.kind == "sensitivity":
        sens = definition["sensitivity"]
        arm, reference = sens["contrast"]
        response = stats.contrast_per_point(tidy, sens["outputs"], arm, reference, MONEY_KPIS)
        if sens.get("net_benefit"):
            response = response.join(_net_benefit_per_point(analysis, sens["net_benefit"]), how="outer")
        params = [p["path"] for p in sens["parameters"]]
        bounds = [(p["low"], p["high"]) for p in sens["parameters"]]
        points = analysis.design.set_index("point")
        analysis.tables["response"] = response.reset_index().merge(analysis.design, on="point")
        if analysis.missing == 0:
            analysis.tables["indices"] = indices(
                points,
                response,
                params,
                bounds,
                sens["method"],
                conf,
                salib_seed(seed, "salib"),
                sens["levels"],
            )
            follow = sens.get("follow_up")
            if follow:
                chosen = mattering(analysis.tables["indices"], follow["share"], follow["keep"])
                analysis.tables["follow_up"] = pd.DataFrame({"parameter": chosen})
    if write:
        write_tables(analysis)
    return analysis


def _money_window(analysis: Analysis) -> tuple[tuple[int, int], float]:
    """The days the money counts (from the first campaign day over the horizon; without one stored,
    from the end of the pre-period to the last stored day) and the yearly discount rate."""
    exp = analysis.experiment
    assert analysis.money is not None
    start, end = exp.get("money") or (exp["pre"][1], int(analysis.money["day"].max()) + 1)
    return (int(start), int(end)), float(exp.get("discount_rate", 0.0))


def _net_benefit_per_point(analysis: Analysis, arms: list[str]) -> pd.DataFrame:
    """Each arm's net benefit against the control per design point (mean over replicates): EUR
    per branch over the money horizon, discounted, campaign costs included (``payback``)."""
    exp = analysis.experiment
    if analysis.money is None:
        return pd.DataFrame(columns=[f"{NET_BENEFIT}:{a}" for a in arms], dtype=float)
    window, rate = _money_window(analysis)
    money_rep, _ = per_replicate(analysis.money, analysis.control, tuple(exp["pre"]), window, rate)
    table = money_rep[money_rep["arm"].isin(arms)].pivot_table(
        index="point", columns="arm", values="net_benefit_eur", aggfunc="mean"
    )
    return table.reindex(columns=arms).rename(columns=lambda a: f"{NET_BENEFIT}:{a}")


def _unit_means(rows: pd.DataFrame) -> dict[str, Any]:
    """Each KPI's mean per day, one value per branch and replicate (the units of the interval)."""
    return {kpi: rows[kpi].to_numpy(dtype=float) for kpi in KPI_NAMES}


#: the units of the calibrated-world intervals of an experiment
UNIT = "branch runs"


def calibrated_world(tidy: pd.DataFrame, experiment: dict[str, Any], control: str) -> pd.DataFrame:
    """The control arm's published figures at each point (every arm's, with no control arm in the
    runs), pooled over replicates: over the money window (from the first campaign day to the end
    of the horizon) and the margin also over the after period.  ``outside`` marks a figure whose
    whole interval lies beyond its range: that point has left the calibrated world."""
    rows = tidy[~tidy["counterfactual"].astype(bool)]
    arms = [control] if (rows["arm"] == control).any() else sorted(rows["arm"].unique())
    days = int(experiment["days"])
    start, end = experiment.get("money") or (0, 0)
    start, end = (start, end) if end > start else (0, days)
    post = experiment["post"]
    sector = experiment.get("archetype", "retail")
    found = []
    for (point, arm), group in rows[rows["arm"].isin(arms)].groupby(["point", "arm"], sort=True):
        replicates = group["replicate"].nunique()
        last = group[group["period"] == "post"]
        measured = plausibility.check(
            _unit_means(group[group["period"] == "money"]),
            sector,
            f"days {start}-{end - 1}, {arm} arm, {replicates} replicates",
            _unit_means(last) if len(last) else None,
            f"days {post[0]}-{post[1] - 1} (the after period), {arm} arm, {replicates} replicates",
        )
        found += [
            {
                "point": point,
                "arm": arm,
                "figure": m.figure.key,
                "what": m.figure.what,
                "value": m.value,
                "ci_low": m.ci_low,
                "ci_high": m.ci_high,
                "units": m.units,
                "window": m.window,
                "range_low": m.figure.low,
                "range_high": m.figure.high,
                "source": m.figure.source,
                "outside": m.outside,
            }
            for m in measured
        ]
    return pd.DataFrame(found)


def outside_lines(table: pd.DataFrame | None) -> list[tuple[int, str]]:
    """(point, one line) for every figure of ``calibrated_world`` outside its range."""
    if table is None or table.empty:
        return []
    lines = []
    for r in table[table["outside"].astype(bool)].itertuples():
        m = plausibility.Measured(
            plausibility.BY_KEY[r.figure], r.value, r.ci_low, r.ci_high, int(r.units), r.window, UNIT
        )
        lines.append((int(r.point), m.describe()))
    return lines


def write_tables(analysis: Analysis) -> list[Path]:
    """Consolidated tables beside the dataset: tidy.parquet, series.parquet, one CSV per table."""
    store = analysis.store
    paths = [store.write_table(analysis.tidy, "tidy.parquet")]
    if analysis.series is not None:
        paths.append(store.write_table(analysis.series, "series.parquet"))
    for name, table in analysis.tables.items():
        paths.append(store.write_table(table, f"{name}.csv"))
    return paths
