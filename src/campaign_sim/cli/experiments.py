"""Experiment commands: ``compare``, ``sweep``, ``sensitivity`` and ``report``.

Each experiment command plans its runs, skips those already stored in ``--out`` (so a
killed command resumes), runs the rest locally or on a Dask cluster, then rebuilds the
tables and the HTML report.  When nothing was left to run and the stored tables were
built from exactly these runs by this code, they are printed as stored: the report and
its figures are not drawn again.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import numpy as np
import pandas as pd
from rich import box
from rich.table import Table

from ..scenario_io import validate_scenario
from .common import CommandError, console, errors, friendly, progress_bar, show, warn_outside

#: seconds to wait for a Dask scheduler to answer before giving up
CONNECT_TIMEOUT = 5.0
#: written beside the tables: what they were built from (see ``_stored_analysis``)
STAMP = "analysis.json"


def _experiment_options(func):
    """Options shared by compare, sweep and sensitivity."""
    options = [
        click.argument("experiment"),
        click.option(
            "--out",
            type=click.Path(file_okay=False, path_type=Path),
            help="Results directory [default: results/<experiment name>/; a sub-folder when the file "
            "is made for another command].",
        ),
        click.option(
            "--replicates",
            type=click.IntRange(1, 100_000),
            help="Override the file's number of replicates (seeds).",
        ),
        click.option("--days", type=click.IntRange(1, 3650), help="Override the number of days."),
        click.option(
            "--horizon",
            type=click.IntRange(1, 3650),
            help="Override the money horizon: days from the first campaign day that the money counts "
            "(the run must be that long).",
        ),
        click.option(
            "--branches", type=click.IntRange(1, 5000), help="Override the number of branches of every run."
        ),
        click.option(
            "--workers", type=click.IntRange(1, 1024), help="Local worker processes [default: all cores]."
        ),
        click.option(
            "--cluster",
            metavar="ADDRESS",
            help="Run on a dask.distributed scheduler, e.g. tcp://host:8786 "
            "(start one with `dask scheduler`).",
        ),
        click.option("--fresh", is_flag=True, help="Discard results stored in --out and start over."),
        click.option(
            "--full-series", is_flag=True, help="Also store every KPI per branch and day of each run."
        ),
        click.option("--quiet", is_flag=True, help="No progress bar."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _ensemble_option(func):
    """``--ensemble FILE`` for compare and sweep: run over an ensemble's parameter sets x seeds."""
    return click.option(
        "--ensemble",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Run every arm over the parameter sets of an ensemble file (e.g. calibration/ensemble.csv: "
        "member, weight, one column per scenario path) x the replicate seeds; intervals then cover "
        "parameters and seeds [default out: results/<name>/ensemble/].",
    )(func)


def load_ensemble_for(exp, path: Path | None):
    """The ensemble checked against the experiment's scenario (None without ``--ensemble``)."""
    if path is None:
        return None
    from ..experiments.ensemble import load_ensemble

    return load_ensemble(path, exp.base)


# ---- checks before anything runs --------------------------------------------------------


def _shortest_days(path: Path, replicates: int | None, days: int, horizon: int | None = None):
    """The shortest ``--days`` (above ``days``) with which the file loads, or None if none is known.

    Validity grows with the run's length (periods and campaign days are fixed or scale
    with it), so a bisection between ``days`` and the file's own length finds it.
    """
    from ..experiments.definition import ExperimentError, load_experiment

    def works(n: int) -> bool:
        try:
            load_experiment(path, replicates=replicates, days=n, horizon=horizon)
        except ExperimentError:
            return False
        return True

    try:
        longest = load_experiment(path, replicates=replicates, horizon=horizon).days
    except ExperimentError:
        return None  # the file itself is wrong; its own message says how
    if longest <= days:
        return None
    low, high = days, longest  # low fails, high works
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if works(mid) else (mid, high)
    return high


def load(
    experiment: str,
    replicates: int | None,
    days: int | None,
    branches: int | None,
    horizon: int | None = None,
):
    """The experiment with the command line's overrides, validated; messages say how to fix them."""
    from ..experiments.definition import ExperimentError, load_experiment, resolve_experiment_path

    path = resolve_experiment_path(experiment)
    try:
        exp = load_experiment(path, replicates=replicates, days=days, horizon=horizon)
    except ExperimentError as err:
        shortest = None if days is None else _shortest_days(path, replicates, days, horizon)
        if shortest is None:
            raise
        raise ExperimentError(
            f"{err}\n--days {days} is too short for this experiment's periods and campaigns; "
            f"the shortest that works is --days {shortest}"
        ) from None
    return exp if branches is None else with_branches(exp, branches)


def with_branches(exp, branches: int):
    """``exp`` with every run in ``branches`` branches (the command line wins over the file)."""
    from ..experiments.definition import ExperimentError

    if exp.spec.assignment.mode == "randomised" and branches < len(exp.arms):
        raise ExperimentError(
            f"--branches {branches}: the randomised design of {exp.path} needs at least one branch per "
            f"arm ({len(exp.arms)} arms); give --branches {len(exp.arms)} or more"
        )
    base = copy.deepcopy(exp.base)
    base["run"]["branches"] = branches
    validate_scenario(base, f"{exp.path} with --branches {branches}")
    return dataclasses.replace(
        exp,
        base=base,
        spec=exp.spec.model_copy(update={"branches": branches}),
        overrides_cli={**exp.overrides_cli, "branches": branches},
    )


def check_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Refuse, in a few seconds and one message, a --cluster address where no scheduler answers."""
    from distributed.comm import connect

    async def probe() -> None:
        comm = await connect(address, timeout=timeout)
        await comm.close()

    try:
        asyncio.run(probe())
    except (OSError, ValueError, TypeError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise CommandError(
            f"--cluster {address}: no Dask scheduler answers there within {timeout:g} s ({reason}). "
            f"Start one with `.venv/bin/dask scheduler` (it prints its address) and workers with "
            f"`.venv/bin/dask worker {address}`, or leave out --cluster to run on this computer"
        ) from None


def _set_aside_damaged(out: Path) -> None:
    """Move damaged parts and a damaged manifest of ``out`` aside, naming them; their runs run again."""
    from ..experiments.store import ResultStore

    store = ResultStore(out)
    moved = store.set_aside_damaged_manifest()
    if moved is not None:
        errors.print(
            f"{store.manifest_path}: damaged, set aside as {moved}; resuming from the intact runs",
            markup=False,
            highlight=False,
        )
    for path in store.set_aside_damaged():
        errors.print(
            f"{path}: damaged, set aside in {out / 'damaged'}; its run will be run again",
            markup=False,
            highlight=False,
        )


# ---- the nothing-to-do path ---------------------------------------------------------------


def _code_hash() -> str:
    """Hash of the package source: tables built by other code are built again."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _stamp(store, manifest: dict[str, Any], tables: list[str]) -> dict[str, Any]:
    """What a set of tables was built from: plan, stored runs and code."""
    runs = hashlib.sha256("\n".join(sorted(store.completed())).encode()).hexdigest()[:16]
    return {"fingerprint": manifest["fingerprint"], "runs": runs, "code": _code_hash(), "tables": tables}


def _write_stamp(analysis) -> None:
    stamp = _stamp(analysis.store, analysis.manifest, sorted(analysis.tables))
    (analysis.store.root / STAMP).write_text(json.dumps(stamp, indent=2), encoding="utf-8")


def _stored_analysis(out: Path):
    """The analysis as last written, if it was built from exactly the stored runs by this code; else None.

    Rebuilding the tables and drawing the report's figures takes most of a resumed
    command's time; with nothing new to analyse that work would only repeat itself.
    """
    from ..experiments.pipeline import Analysis
    from ..experiments.store import ResultStore

    store = ResultStore(out)
    stamp_path, report = out / STAMP, out / "report.html"
    if not (stamp_path.is_file() and report.is_file() and (out / "tidy.parquet").is_file()):
        return None
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        manifest = store.read_manifest()
        if stamp != _stamp(store, manifest, stamp.get("tables", [])):
            return None
        tables = {name: pd.read_csv(out / f"{name}.csv") for name in stamp["tables"]}
        series = out / "series.parquet"
        analysis = Analysis(
            kind=manifest["kind"],
            store=store,
            manifest=manifest,
            tidy=pd.read_parquet(out / "tidy.parquet"),
            series=pd.read_parquet(series) if series.is_file() else None,
            design=store.read_design(),
            tables=tables,
            missing=0,
        )
    except (OSError, ValueError, KeyError):
        return None  # anything unexpected: build everything again
    return analysis, report


# ---- running ---------------------------------------------------------------------------------


def _execute(
    exp, kind: str, out: Path, workers, cluster, fresh: bool, full_series: bool, quiet: bool, ensemble=None
):
    """Run what is not stored yet, with a progress bar; Ctrl+C keeps the finished runs."""
    from ..experiments.pipeline import execute_plan

    bar = None if quiet else progress_bar()
    task = None

    def on_start(total: int, done: int, stale: int) -> None:
        nonlocal task
        if stale:
            errors.print(
                f"removed {stale} stored runs of an earlier, different plan (or model code) from {out}"
            )
        if done:
            errors.print(f"resuming: {done} of {total} runs already stored in {out}")
        if bar is not None:
            task = bar.add_task(f"{exp.name}: runs", total=total, completed=done)

    def on_run() -> None:
        if bar is not None and task is not None:
            bar.advance(task)

    try:
        if bar is not None:
            bar.start()
        return execute_plan(exp, kind, out, workers, cluster, fresh, full_series, on_start, on_run, ensemble)
    except KeyboardInterrupt:
        if bar is not None:
            bar.stop()
        errors.print(f"interrupted: finished runs are stored in {out}; run the same command again to resume")
        sys.exit(130)
    finally:
        if bar is not None:
            bar.stop()


def _run(
    kind: str,
    experiment: str,
    out: Path | None,
    replicates: int | None,
    days: int | None,
    branches: int | None,
    workers: int | None,
    cluster: str | None,
    fresh: bool,
    full_series: bool,
    quiet: bool,
    horizon: int | None = None,
    ensemble: Path | None = None,
):
    """Plan, run (resuming), analyse and report; returns the analysis and the report's path."""
    from ..experiments.pipeline import check_kind, default_out

    exp = load(experiment, replicates, days, branches, horizon)
    check_kind(exp, kind)
    members = load_ensemble_for(exp, ensemble)
    out = out or default_out(exp, kind, members is not None)
    if cluster:
        check_scheduler(cluster)
    return _run_loaded(exp, kind, out, workers, cluster, fresh, full_series, quiet, members)


def _run_loaded(
    exp, kind: str, out: Path, workers, cluster, fresh: bool, full_series: bool, quiet: bool, members
):
    """:func:`_run` for an experiment already loaded (a Morris screen's Sobol follow-up is one)."""
    from ..experiments.store import DamagedStoreError

    if not fresh:
        _set_aside_damaged(out)
    summary = _execute(exp, kind, out, workers, cluster, fresh, full_series, quiet, members)
    stored = _stored_analysis(out) if summary.ran == 0 and not fresh else None
    if stored is not None:
        analysis, report = stored
    else:
        try:
            analysis, report = _analyse(out)
        except DamagedStoreError as err:  # damage inside a part shows only when it is read
            errors.print(f"{err}; running them now", markup=False, highlight=False)
            more = _execute(exp, kind, out, workers, cluster, False, full_series, quiet, members)
            summary = dataclasses.replace(more, done_before=summary.done_before, ran=summary.ran + more.ran)
            analysis, report = _analyse(out)
    console.print(
        f"{summary.ran} runs in {summary.seconds:.1f} s on {_where_ran(summary)}"
        + (f" ({summary.done_before} found done)" if summary.done_before else "")
        + f"; {summary.total} runs in the plan"
        + ("; tables and report were up to date" if stored is not None else ""),
        soft_wrap=True,
    )
    return analysis, report


def _analyse(out: Path):
    """Every table and the report from the stored runs, and the stamp that says what they came from."""
    from ..experiments.pipeline import analyse
    from ..experiments.report import build_report

    try:
        analysis = analyse(out)
        report = build_report(analysis)
    except KeyboardInterrupt:
        errors.print(
            f"interrupted while building the tables: every run is stored in {out}; run the same command "
            f"again (or `campaign-sim report {out}`) to build them"
        )
        sys.exit(130)
    _write_stamp(analysis)
    return analysis, report


def _where_ran(summary) -> str:
    if summary.cluster:
        return f"cluster {summary.cluster}"
    if (summary.workers or 1) <= 1:
        return "1 worker (this process)"
    return f"{summary.workers} local worker processes"


def _fmt(value: float, kpi: str | None = None) -> str:
    """An effect as the report writes it (``narrative.format_effect``: whole euros from 10 EUR up,
    about three significant digits otherwise), so that both show the same numbers."""
    from ..experiments.narrative import format_effect

    return format_effect(value, kpi)


def _cell(effect: float, low: float, high: float, kpi: str | None = None) -> str:
    """Estimate over its interval, green/red when the interval excludes zero."""
    colour = "green" if low > 0 else "red" if high < 0 else None
    first = f"[{colour}]{_fmt(effect, kpi)}[/]" if colour else _fmt(effect, kpi)
    return f"{first}\n[dim]{_fmt(low, kpi)}..{_fmt(high, kpi)}[/]"


def _results_table(title: str) -> Table:
    """A compact results table with its title on the left (one look for every experiment table)."""
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)


#: the widest table the command line prints: a 120-column terminal, and into a pipe or file
TABLE_WIDTH = 120


def _table_width() -> int:
    """Columns the tables may use: the terminal's (at most 120), or 120 into a pipe or file."""
    return min(console.width, TABLE_WIDTH) if console.is_terminal else TABLE_WIDTH


def _fits(view: Table, width: int) -> bool:
    """Whether ``view`` prints within ``width`` columns without cutting a cell."""
    from rich.console import Console
    from rich.measure import Measurement

    probe = Console(width=10_000)
    return Measurement.get(probe, probe.options, view).maximum <= width


def _show_in_parts(build: Callable[[list[str], str], Table], columns: list[str], title: str) -> None:
    """Print ``build(columns, title)``; where it does not fit the width, as few tables as needed,
    each with a contiguous share of ``columns`` (titled "part i of n"), so that nothing is cut."""
    width = _table_width()
    for parts in range(1, len(columns) + 1):
        size = -(-len(columns) // parts)
        chunks = [columns[i : i + size] for i in range(0, len(columns), size)]
        views = [
            build(chunk, title if len(chunks) == 1 else f"{title} (part {k} of {len(chunks)})")
            for k, chunk in enumerate(chunks, 1)
        ]
        if all(_fits(v, width) for v in views) or size == 1:
            for view in views:
                show(view)
            return


def _wrap_name(name: str) -> str:
    """An arm's name as a column header that may break after a '+': 'behaviour+\nincentives'."""
    return name.replace("+", "+\n")


def print_arms(analysis) -> None:
    """What each arm contains, in words, with its days."""
    view = Table(title="arms: what each one contains", title_justify="left", box=box.SIMPLE_HEAD)
    view.add_column("arm", no_wrap=True)
    view.add_column("contains")
    for arm in analysis.experiment["arms"]:
        view.add_row(arm["name"], arm.get("contains") or arm["label"])
    show(view)


def print_money(analysis) -> None:
    """Cost, net benefit, ROI and payback against control: the controller's table."""
    from ..experiments.payback import KEUR, keur_amount
    from ..experiments.payback import keur as _keur

    econ = analysis.tables.get("economics")
    if econ is None or econ.empty:
        return
    econ = econ[econ["point"] == 0]
    order = {name: i for i, name in enumerate(analysis.labels)}
    econ = econ.sort_values("arm", key=lambda arms: arms.map(order))
    first = econ.iloc[0]
    horizon, start = int(first["horizon_days"]), int(first["first_day"])
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    per_employee = "spend_per_employee_eur" in econ.columns
    view = _results_table(
        f"money against '{analysis.control}', {KEUR} (thousand EUR) per branch from day {start} (the first "
        f"campaign day) over {horizon} days ({horizon / 365:.1f} years of 365 model days), "
        f"discounted at {first['discount_rate']:.0%} a year; campaign costs included; "
        f"below: {conf}% interval "
        + _covers(analysis, f"over {int(first['replicates'])} replicate seeds (not over parameters)"),
    )
    names = [f"cost {KEUR}\none-off+\nrunning", f"net benefit\n{KEUR} after\ncosts", f"per year\n{KEUR}",
             "ROI\nnet/cost", "margin\npoints", "payback\nday"]  # fmt: skip
    if per_employee:
        names.append("per\nemployee:\nEUR spent,\ndays off")
    view.add_column("arm", justify="left", no_wrap=True)
    for name in names:
        view.add_column(name, justify="right", no_wrap=True)
    for _, r in econ.iterrows():
        colour = "green" if r["net_benefit_low"] > 0 else "red" if r["net_benefit_high"] < 0 else None
        net = _keur(r["net_benefit_eur"])
        net = f"[{colour}]{net}[/]" if colour else net
        roi = (
            f"{r['roi']:+.1f}\n[dim]{r['roi_low']:+.1f}..{r['roi_high']:+.1f}[/]"
            if np.isfinite(r["roi"])
            else "n/a"
        )
        cells = [
            str(r["arm"]),
            f"{keur_amount(r['cost_eur'])}\n"
            f"[dim]{keur_amount(r['one_off_eur'])}+{keur_amount(r['running_eur'])}[/]",
            f"{net}\n[dim]{_keur(r['net_benefit_low'])}..{_keur(r['net_benefit_high'])}[/]",
            _keur(r["net_benefit_eur_per_year"]),
            roi,
            f"{r['margin_points']:+.1f}\n[dim]{r['margin_points_low']:+.1f}..{r['margin_points_high']:+.1f}[/]",
            (f"{r['payback_day']:.0f}" if np.isfinite(r["payback_day"]) else "none")
            + (
                f"\n[dim]p {r['p_payback']:.0%}[/]"
                if "p_payback" in econ.columns
                else f"\n[dim]{r['payback_share']:.0%} seeds[/]"
            ),
        ]
        if per_employee:
            cells.append(
                f"{r['spend_per_employee_eur']:,.0f} EUR\n[dim]{r['days_off_floor_per_employee']:.2f} days[/]"
            )
        view.add_row(*cells)
    show(view)
    console.print(
        "[dim]ROI: net benefit per EUR spent. Margin points: change of the operating margin (profit / "
        "revenue) in percentage points. Payback: first day, counted from the first campaign day, from "
        "which the mean cumulative net benefit stays >= 0 (none: not within the horizon); below it, "
        + (
            "p: the probability of paying back within the horizon over the ensemble (parameters, "
            "weighted, and seeds; economics.csv: p_payback)."
            if "p_payback" in econ.columns
            else "the share of seeds that pay back within the horizon."
        )
        + (
            " Per employee: campaign spending over the horizon, undiscounted, and employee-days of "
            "training (off the floor), each over the employees in post; equal-budget arms show equal "
            "figures."
            if per_employee
            else ""
        )
        + " economics.csv (in EUR) also gives the profit gap as % of the control's profit.[/]"
    )


def _covers(analysis, seed_only: str) -> str:
    """What a table's intervals cover: the ensemble's words, or the seed-only table's as before."""
    members = getattr(analysis, "members", None)
    return members.words() if members is not None else seed_only


def print_ensemble(analysis) -> None:
    """In words: how likely each arm is to pay back, and attitude-level work to beat behaviour-only."""
    from ..experiments.narrative import ensemble_sentences

    for sentence in ensemble_sentences(analysis):
        console.print(sentence, soft_wrap=True, markup=False, highlight=False)


def _money_cell(effect: float, low: float, high: float) -> str:
    """A money total in kEUR over its interval, green/red when the interval excludes zero."""
    from ..experiments.payback import keur

    colour = "green" if low > 0 else "red" if high < 0 else None
    first = f"[{colour}]{keur(effect)}[/]" if colour else keur(effect)
    return f"{first}\n[dim]{keur(low)}..{keur(high)}[/]"


def print_factorial(analysis) -> None:
    """Main effects and interactions of the factorial design, on net benefit and the first KPIs."""
    from ..experiments.payback import KEUR
    from ..outputs import unit

    fac = analysis.tables.get("factorial")
    if fac is None or fac.empty:
        return
    fac = fac[fac["point"] == 0]
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    shown = ["net_benefit_eur", *[k for k in analysis.kpis[:3] if k in set(fac["kpi"])]]
    terms = fac[["term", "factor", "level"]].drop_duplicates()

    def build(kpis: list[str], title: str) -> Table:
        view = _results_table(title)
        view.add_column("term", no_wrap=True)
        for kpi in kpis:
            header = f"net benefit\n{KEUR}/branch" if kpi == "net_benefit_eur" else f"{kpi}\n{unit(kpi)}"
            view.add_column(header, justify="right", no_wrap=True)
        for _, t in terms.iterrows():
            cells = []
            for kpi in kpis:
                r = fac[(fac["kpi"] == kpi) & (fac["factor"] == t["factor"]) & (fac["level"] == t["level"])]
                values = r.iloc[0][["effect", "ci_low", "ci_high"]] if not r.empty else None
                if values is None:
                    cells.append("n/a")
                else:
                    cells.append(_money_cell(*values) if kpi == "net_benefit_eur" else _cell(*values, kpi))
            main = t["term"] == "main effect"
            view.add_row(f"{t['factor']} = {t['level']}" if main else f"{t['level']}\n(interaction)", *cells)
        return view

    _show_in_parts(
        build,
        shown,
        f"factorial: what each factor adds (main effect, averaged over the other factor) and "
        f"how factors combine (interaction); below: {conf}% interval "
        + _covers(analysis, "over replicate seeds (not over parameters)"),
    )


def print_field(analysis) -> None:
    """Standardised effects on staff states against field studies' sizes (docs/EVIDENCE.md I1-I5)."""
    from ..experiments.field import VERDICT_RULES, format_ratio
    from ..experiments.stats import format_d

    field = analysis.tables.get("field")
    if field is None or field.empty:
        return
    field = field[(field["point"] == 0) & (field["window"] == field["window"].iloc[0])]
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    window = (
        "months 2-5 after the first campaign day"
        if field["window"].iloc[0] == "follow_up"
        else "the after period"
    )
    view = _results_table(
        f"against field studies: standardised effect (difference in differences over the sd between "
        f"employees), {window}; {conf}% interval "
        + _covers(analysis, "over replicate seeds (not over parameters)")
        + "; "
        "field.csv also has the end of the run",
    )
    view.add_column("arm", no_wrap=True)
    view.add_column("field figure\nstate", no_wrap=True)
    for col in ("model d", "field d", "ratio"):
        view.add_column(col, justify="right", no_wrap=True)
    view.add_column("verdict", ratio=1)
    for _, r in field.iterrows():
        field_d = (
            format_d(r["d_field"])
            if r["field_low"] == r["field_high"]
            else f"{format_d(r['d_field'])}\n[dim]{format_d(r['field_low'])}..{format_d(r['field_high'])}[/]"
        )
        view.add_row(
            str(r["arm"]),
            f"{r['figure']}\n[dim]{r['state']}[/]",
            f"{format_d(r['d_model'])}\n[dim]{format_d(r['d_low'])}..{format_d(r['d_high'])}[/]",
            field_d,
            format_ratio(r["ratio"]),
            str(r["verdict"]),
        )
    show(view)
    console.print(f"[dim]Ratio: the model's estimate over the field's figure. {VERDICT_RULES}[/]")


def print_effects(analysis) -> None:
    """Compact table: KPIs as rows, arms as columns, effect and interval against control."""
    from ..experiments.attributes import split_words
    from ..experiments.stats import format_d, per_visit_name
    from ..outputs import unit

    print_arms(analysis)
    print_money(analysis)
    print_ensemble(analysis)
    print_factorial(analysis)
    print_field(analysis)
    eff = analysis.tables["effects"]
    eff = eff[eff["point"] == 0]
    arms = [a for a in analysis.labels if a != analysis.control and a in set(eff["arm"])]
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    rates = analysis.tables.get("rates")
    rates = None if rates is None else rates[rates["point"] == 0]

    def build(chunk: list[str], title: str) -> Table:
        view = _results_table(title)
        view.add_column("KPI", no_wrap=True)
        for arm in chunk:
            view.add_column(_wrap_name(arm), justify="right", no_wrap=True)
        for kpi in analysis.kpis:
            cells = []
            for arm in chunk:
                r = eff[(eff["kpi"] == kpi) & (eff["arm"] == arm)].iloc[0]
                cells.append(_cell(r["effect"], r["ci_low"], r["ci_high"], kpi))
            view.add_row(f"{kpi}\n[dim]{unit(kpi)}[/]", *cells)
            rate_name = per_visit_name(kpi)
            if rates is not None and rate_name in set(rates["kpi"]):  # a count that falls with customers
                cells = []
                for arm in chunk:
                    r = rates[(rates["kpi"] == rate_name) & (rates["arm"] == arm)]
                    cells.append(_cell(*r.iloc[0][["effect", "ci_low", "ci_high"]]) if not r.empty else "n/a")
                view.add_row(f"[dim]{kpi} per\n1000 visits[/]", *cells)
        return view

    _show_in_parts(
        build,
        arms,
        f"{analysis.definition['name']}: effect against '{analysis.control}' per branch and day "
        f"(difference in differences; money KPIs from the first campaign day over the horizon, "
        f"costs included; other KPIs in the last period; below: {conf}% CI "
        + _covers(analysis, "over replicate seeds, not over parameters")
        + ")",
    )
    if rates is not None:
        console.print(
            "[dim]Counts of customers' events (complaints, problems, churn, walkouts) also fall when "
            "customers leave; the rows 'per 1000 visits' show whether service changed.[/]"
        )
    d_row = []
    for arm in arms:
        r = eff[(eff["kpi"] == analysis.kpis[0]) & (eff["arm"] == arm)].iloc[0]
        d_row.append(f"{arm} d = {format_d(r['d'])} ({r['magnitude']})")
    console.print(f"Effect size on {analysis.kpis[0]} (Cohen's d): " + "; ".join(d_row))
    het = analysis.tables.get("heterogeneity")
    if het is None or het.empty:
        return
    het = het[het["point"] == 0]
    for state in dict.fromkeys(het["state"]):
        _, high_word, low_word = split_words(state)
        columns = [(kpi, group) for kpi in analysis.kpis[:2] for group in ("high", "low", "difference")]

        def build_split(chunk: list[tuple[str, str]], title: str, state: str = state) -> Table:
            view = _results_table(title)
            view.add_column("arm", no_wrap=True)
            for kpi, group in chunk:
                words = {"high": "high", "low": "low", "difference": "high-low"}[group]
                view.add_column(f"{kpi}\n{words}", justify="right", no_wrap=True)
            for arm in arms:
                cells = []
                for kpi, group in chunk:
                    r = het[(het["arm"] == arm) & (het["kpi"] == kpi) & (het["group"] == group)]
                    r = r[r["state"] == state]
                    if r.empty:  # too few branches of this arm on one side of the median
                        cells.append("n/a")
                        continue
                    r = r.iloc[0]
                    cells.append(_cell(r["effect"], r["ci_low"], r["ci_high"], kpi))
                view.add_row(arm, *cells)
            return view

        _show_in_parts(
            build_split,
            columns,
            f"by starting {state}: effect in branches above the median (high: {high_word}) and at or "
            f"below it (low: {low_word}), and high minus low; below: {conf}% CI",
        )


def print_sweep(analysis) -> None:
    from ..experiments.pipeline import MONEY_KPIS
    from ..outputs import unit

    print_arms(analysis)
    eff = analysis.tables["effects"]
    params = [p["path"] for p in analysis.definition["sweep"]["parameters"]]
    arms = [a for a in analysis.labels if a != analysis.control]
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    reps = int(eff["replicates"].max()) if not eff.empty else len(analysis.manifest["replicate_seeds"])
    for kpi in analysis.kpis[:2]:
        window = (
            "from the first campaign day to the end of the run, campaign costs included"
            if kpi in MONEY_KPIS
            else "in the last period"
        )
        view = Table(
            title=f"effect on {kpi} ({unit(kpi)}) against '{analysis.control}' per design point, {window}; "
            f"below: {conf}% CI " + _covers(analysis, f"over {reps} replicate seeds (not over parameters)"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        for p in params:
            view.add_column(p, justify="right")
        for arm in arms:
            view.add_column(arm, justify="right")
        rows = eff[eff["kpi"] == kpi]
        for point, group in rows.groupby("point", sort=True):
            g = group.set_index("arm")
            values = [f"{g[p].iloc[0]:.3g}" for p in params]
            cells = [
                _cell(g.loc[a, "effect"], g.loc[a, "ci_low"], g.loc[a, "ci_high"], kpi)
                if a in g.index
                else ""
                for a in arms
            ]
            view.add_row(*values, *cells)
            if point >= 30:
                view.add_row(*["..."] * (len(params) + len(arms)))
                break
        show(view)
    rest = analysis.kpis[2:]
    if rest:
        console.print(
            f"the effects on {len(rest)} more KPI{'s' if len(rest) > 1 else ''} ({', '.join(rest)}) "
            "are in effects.csv, summary.csv and the report",
            soft_wrap=True,
        )


#: rows of an indices table in the console (all of them are in indices.csv and the report)
SHOWN_PARAMETERS = 15


def print_indices(analysis) -> None:
    from ..experiments.sensitivity import outputs_of, rank_label, too_few_samples

    ind = analysis.tables.get("indices")
    if ind is None:
        console.print(f"[yellow]{analysis.missing} runs missing: indices need every design point[/]")
        return
    sens = analysis.definition["sensitivity"]
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    rough = too_few_samples(ind, sens["method"], sens["samples"])
    if rough:
        console.print(
            f"[yellow]too few samples ({'r' if sens['method'] == 'morris' else 'N'} = {sens['samples']}) "
            "to order the parameters of "
            f"{', '.join(rough)}: the typical interval is wider than the typical index; raise `samples` "
            "in the file[/]",
            soft_wrap=True,
        )
    for output in outputs_of(sens, analysis.control):
        rows = ind[ind["output"] == output.name]
        view = Table(
            title=f"{sens['method']} indices of the {output.title(analysis.labels)}, [{conf}% CI]",
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        view.add_column("rank", justify="right")
        view.add_column("parameter")
        key = "ST" if sens["method"] == "sobol" else "mu_star"
        if sens["method"] == "sobol":
            view.add_column("first-order S1", justify="right")
            view.add_column("total ST", justify="right")
        else:
            view.add_column("mu*", justify="right")
            view.add_column("sigma", justify="right")
        ordered = rows.sort_values(["rank_best", key], ascending=[True, False], na_position="last")
        shown = ordered.head(SHOWN_PARAMETERS)
        for _, r in shown.iterrows():
            if r["cancels"]:
                view.add_row("-", r["parameter"], "cancels out of the contrast", "")
            elif sens["method"] == "sobol":
                view.add_row(
                    rank_label(r["rank_best"], r["rank_worst"]),
                    r["parameter"],
                    f"{r['S1']:.3f} [{r['S1_low']:.3f}, {r['S1_high']:.3f}]",
                    f"{r['ST']:.3f} [{r['ST_low']:.3f}, {r['ST_high']:.3f}]",
                )
            else:
                view.add_row(
                    rank_label(r["rank_best"], r["rank_worst"]),
                    r["parameter"],
                    f"{r['mu_star']:.4g} [{r['mu_star_low']:.4g}, {r['mu_star_high']:.4g}]",
                    f"{r['sigma']:.4g}",
                )
        if len(ordered) > len(shown):
            cancelling = int(ordered["cancels"].astype(bool).sum())
            view.add_row(
                "", f"... {len(ordered) - len(shown)} more ({cancelling} cancel out) in indices.csv", "", ""
            )
        show(view)
        console.print(
            "rank: a range (e.g. 1-3) where intervals overlap, so the order is not known; "
            "'cancels out': the parameter moves both arms alike and cannot change the contrast"
        )


def _where(analysis, report: Path) -> None:
    """Where the tables and the report are."""
    console.print(f"tables: {analysis.store.root}/ (tidy.parquet, *.csv; runs/ is the Parquet dataset)")
    console.print(
        f"report: [bold]{report}[/]  (open it in a browser; figures in {report.parent / 'figures'})"
    )


def _design_value(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, int | float) else str(value)


def print_calibrated_world(analysis) -> None:
    """The yellow block naming each point whose control arm left the calibrated ranges; silent if none."""
    from ..experiments.pipeline import outside_lines

    lines = outside_lines(analysis.tables.get("calibrated_world"))
    if not lines:
        return
    design = analysis.design.set_index("point") if analysis.kind == "sweep" else None
    params = [p["path"] for p in (analysis.definition.get("sweep") or {}).get("parameters", [])]

    def where(point: int) -> str:
        if design is None or point not in design.index:
            return ""
        values = ", ".join(f"{p} = {_design_value(design.at[point, p])}" for p in params)
        return f"point {point} ({values}): "

    points = sorted({p for p, _ in lines})
    over = (
        "replicates (each an ensemble member's seed: chance and parameter sets, unweighted)"
        if analysis.manifest.get("ensemble")
        else "replicates (chance only, not parameter uncertainty)"
    )
    warn_outside(
        f"The control arm's baseline leaves the ranges of the published figures the model is calibrated "
        f"on at {len(points)} of {analysis.tidy['point'].nunique()} point(s); interval over branches x "
        f"{over}:",
        [where(point) + line for point, line in lines],
    )


def _command(kind: str, printer: Callable[[Any], None]) -> Callable[..., None]:
    """The body of an experiment command: run (resuming), print the tables, say where they are."""

    def body(**kwargs: Any) -> None:
        analysis, report = _run(kind, **kwargs)
        printer(analysis)
        print_calibrated_world(analysis)
        _where(analysis, report)

    return body


@click.command()
@_experiment_options
@_ensemble_option
@friendly
def compare(**kwargs: Any) -> None:
    """Run a virtual cluster-randomised field trial of EXPERIMENT and report the effects.

    Arms are randomised to branches (blocked on their starting state), replicate seeds
    give independent trials; effects are differences in differences against the control
    arm with confidence intervals over replicates, and effect sizes.
    """
    _command("compare", print_effects)(**kwargs)


@click.command()
@_experiment_options
@_ensemble_option
@friendly
def sweep(**kwargs: Any) -> None:
    """Run the design of EXPERIMENT's [sweep] (grid, lhs, sobol or morris) and summarise each point."""
    _command("sweep", print_sweep)(**kwargs)


@click.command()
@_experiment_options
@friendly
def sensitivity(**kwargs: Any) -> None:
    """Run EXPERIMENT's [sensitivity] sample and print first-order and total indices with CIs.

    With a [sensitivity.follow_up] the Morris screen is followed by a Sobol analysis of the
    parameters it found to matter, stored in a sobol/ folder inside the screen's results.
    """
    from ..experiments.pipeline import follow_up_of

    analysis, report = _run("sensitivity", **kwargs)
    print_indices(analysis)
    print_calibrated_world(analysis)
    _where(analysis, report)
    chosen = analysis.tables.get("follow_up")
    if chosen is None:
        return
    names = list(chosen["parameter"])
    if len(names) < 2:
        console.print(
            f"follow-up: {len(names)} parameter(s) matter by the screen's rule; a Sobol analysis needs two"
        )
        return
    console.print(f"follow-up: Sobol analysis of the {len(names)} parameters that matter: {', '.join(names)}")
    screen = load(
        kwargs["experiment"], kwargs["replicates"], kwargs["days"], kwargs["branches"], kwargs["horizon"]
    )
    second, report = _run_loaded(
        follow_up_of(screen, names),
        "sensitivity",
        analysis.store.root / "sobol",
        kwargs["workers"],
        kwargs["cluster"],
        kwargs["fresh"],
        kwargs["full_series"],
        kwargs["quiet"],
        None,
    )
    print_indices(second)
    _where(second, report)


@click.command()
@click.argument("results", type=click.Path(file_okay=False, path_type=Path))
@friendly
def report(results: Path) -> None:
    """Rebuild the tables and report of a RESULTS directory without running the model."""
    analysis, path = _analyse(results)
    {"compare": print_effects, "sweep": print_sweep, "sensitivity": print_indices}[analysis.kind](analysis)
    print_calibrated_world(analysis)
    if analysis.missing:
        errors.print(
            f"note: {analysis.missing} planned runs are missing; rerun the experiment command to resume"
        )
    _where(analysis, path)
