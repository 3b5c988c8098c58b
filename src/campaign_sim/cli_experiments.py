"""Experiment commands: ``compare``, ``sweep``, ``sensitivity`` and ``report``.

Registered on the ``campaign-sim`` group in ``cli.py``.  Each experiment command plans
its runs, skips those already stored in ``--out`` (so a killed command resumes), runs
the rest locally or on a Dask cluster, then rebuilds the tables and the HTML report.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import numpy as np
from rich import box
from rich.console import Console
from rich.table import Table

from .cli import _friendly, _progress, console, errors


def _show(renderable) -> None:
    """Print a table; into a pipe or file (no terminal to fit) allow 120 columns, not 80."""
    if console.is_terminal:
        console.print(renderable)
    else:
        Console(width=max(console.width, 120)).print(renderable)


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
            "--workers", type=click.IntRange(1, 1024), help="Local worker processes [default: all cores]."
        ),
        click.option(
            "--cluster", metavar="ADDRESS", help="Run on a dask.distributed scheduler, e.g. tcp://host:8786."
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


def _run(kind: str, experiment: str, out, replicates, days, workers, cluster, fresh, full_series, quiet):
    """Plan, run (resuming), analyse and report; returns the analysis."""
    from .experiments.definition import load_experiment, resolve_experiment_path
    from .experiments.pipeline import analyse, check_kind, default_out, execute_plan
    from .experiments.report import build_report

    exp = load_experiment(resolve_experiment_path(experiment), replicates=replicates, days=days)
    check_kind(exp, kind)
    out = out or default_out(exp, kind)
    bar = None if quiet else _progress()
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
        summary = execute_plan(exp, kind, out, workers, cluster, fresh, full_series, on_start, on_run)
    except KeyboardInterrupt:
        if bar is not None:
            bar.stop()
        errors.print(f"interrupted: finished runs are stored in {out}; run the same command again to resume")
        sys.exit(130)
    finally:
        if bar is not None:
            bar.stop()
    analysis = analyse(out)
    report = build_report(analysis)
    done = summary.ran
    console.print(
        f"{done} runs in {summary.seconds:.1f} s on {_where_ran(summary)}"
        + (f" ({summary.done_before} found done)" if summary.done_before else "")
        + f"; {summary.total} runs in the plan"
    )
    return analysis, report


def _where_ran(summary) -> str:
    if summary.cluster:
        return f"cluster {summary.cluster}"
    if (summary.workers or 1) <= 1:
        return "1 worker (this process)"
    return f"{summary.workers} local worker processes"


def _fmt(value: float) -> str:
    """Few characters, enough digits: +1,234  +56.5  +4.12  +0.044."""
    if not np.isfinite(value):
        return "n/a"
    size = abs(value)
    if size >= 100:
        return f"{value:+,.0f}"
    if size >= 10:
        return f"{value:+.1f}"
    if size >= 1:
        return f"{value:+.2f}"
    return f"{value:+.3f}"


def _cell(effect: float, low: float, high: float) -> str:
    """Estimate over its interval, green/red when the interval excludes zero."""
    colour = "green" if low > 0 else "red" if high < 0 else None
    first = f"[{colour}]{_fmt(effect)}[/]" if colour else _fmt(effect)
    return f"{first}\n[dim]{_fmt(low)}..{_fmt(high)}[/]"


def print_effects(analysis) -> None:
    """Compact table: KPIs as rows, arms as columns, effect and interval against control."""
    from .kpis import KPIS

    eff = analysis.tables["effects"]
    eff = eff[eff["point"] == 0]
    arms = [a for a in analysis.labels if a != analysis.control and a in set(eff["arm"])]
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    view = Table(
        title=f"{analysis.definition['name']}: effect against '{analysis.control}' per branch "
        f"(difference in differences; below: {conf}% CI)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    view.add_column("KPI", no_wrap=True)
    for arm in arms:
        view.add_column(arm, justify="right", no_wrap=True)
    for kpi in analysis.kpis:
        cells = []
        for arm in arms:
            r = eff[(eff["kpi"] == kpi) & (eff["arm"] == arm)].iloc[0]
            cells.append(_cell(r["effect"], r["ci_low"], r["ci_high"]))
        view.add_row(f"{kpi}\n[dim]{KPIS[kpi][0]}[/]", *cells)
    _show(view)
    d_row = []
    for arm in arms:
        r = eff[(eff["kpi"] == analysis.kpis[0]) & (eff["arm"] == arm)].iloc[0]
        d_row.append(f"{arm} {r['d']:+.2f} ({r['magnitude']})")
    console.print(f"Effect size on {analysis.kpis[0]} (Cohen's d): " + "; ".join(d_row))
    het = analysis.tables.get("heterogeneity")
    if het is None or het.empty:
        return
    het = het[het["point"] == 0]
    for state in dict.fromkeys(het["state"]):
        view = Table(
            title=f"by starting {state}: effect in branches above (high) / below (low) the median",
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        view.add_column("arm")
        for kpi in analysis.kpis[:2]:
            view.add_column(f"{kpi}\nhigh {state}", justify="right")
            view.add_column(f"{kpi}\nlow {state}", justify="right")
            view.add_column(f"{kpi}\nhigh - low", justify="right")
        for arm in arms:
            cells = []
            for kpi in analysis.kpis[:2]:
                for group in ("high", "low", "difference"):
                    r = het[(het["arm"] == arm) & (het["kpi"] == kpi) & (het["group"] == group)]
                    r = r[r["state"] == state].iloc[0]
                    cells.append(_cell(r["effect"], r["ci_low"], r["ci_high"]))
            view.add_row(arm, *cells)
        _show(view)


def print_sweep(analysis) -> None:
    eff = analysis.tables["effects"]
    params = [p["path"] for p in analysis.definition["sweep"]["parameters"]]
    arms = [a for a in analysis.labels if a != analysis.control]
    for kpi in analysis.kpis[:2]:
        view = Table(
            title=f"effect on {kpi} against '{analysis.control}' per design point (below: CI)",
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
                _cell(g.loc[a, "effect"], g.loc[a, "ci_low"], g.loc[a, "ci_high"]) if a in g.index else ""
                for a in arms
            ]
            view.add_row(*values, *cells)
            if point >= 30:
                view.add_row(*["..."] * (len(params) + len(arms)))
                break
        _show(view)


def print_indices(analysis) -> None:
    ind = analysis.tables.get("indices")
    if ind is None:
        console.print(f"[yellow]{analysis.missing} runs missing: indices need every design point[/]")
        return
    sens = analysis.definition["sensitivity"]
    arm, ref = sens["contrast"]
    conf = int(analysis.definition["statistics"]["confidence"] * 100)
    for output in sens["outputs"]:
        rows = ind[ind["output"] == output]
        view = Table(
            title=f"{sens['method']} indices of the effect on {output} ({arm} minus {ref}), [{conf}% CI]",
            title_justify="left",
            box=box.SIMPLE_HEAD,
        )
        view.add_column("parameter")
        if sens["method"] == "sobol":
            view.add_column("first-order S1", justify="right")
            view.add_column("total ST", justify="right")
            for _, r in rows.sort_values("ST", ascending=False).iterrows():
                view.add_row(
                    r["parameter"],
                    f"{r['S1']:.3f} [{r['S1_low']:.3f}, {r['S1_high']:.3f}]",
                    f"{r['ST']:.3f} [{r['ST_low']:.3f}, {r['ST_high']:.3f}]",
                )
        else:
            view.add_column("mu*", justify="right")
            view.add_column("sigma", justify="right")
            for _, r in rows.sort_values("mu_star", ascending=False).iterrows():
                view.add_row(
                    r["parameter"],
                    f"{r['mu_star']:.4g} [{r['mu_star_low']:.4g}, {r['mu_star_high']:.4g}]",
                    f"{r['sigma']:.4g}",
                )
        _show(view)


def _where(analysis, report: Path) -> None:
    console.print(f"tables: {analysis.store.root}/ (tidy.parquet, *.csv; runs/ is the Parquet dataset)")
    console.print(
        f"report: [bold]{report}[/]  (open it in a browser; figures in {report.parent / 'figures'})"
    )


def _command(kind: str, printer):
    def body(**kwargs):
        analysis, report = _run(kind, **kwargs)
        printer(analysis)
        _where(analysis, report)

    return body


@click.command()
@_experiment_options
@_friendly
def compare(**kwargs):
    """Run a virtual cluster-randomised field trial of EXPERIMENT and report the effects.

    Arms are randomised to branches (blocked on their starting state), replicate seeds
    give independent trials; effects are differences in differences against the control
    arm with confidence intervals over replicates, and effect sizes.
    """
    _command("compare", print_effects)(**kwargs)


@click.command()
@_experiment_options
@_friendly
def sweep(**kwargs):
    """Run the design of EXPERIMENT's [sweep] (grid, lhs, sobol or morris) and summarise each point."""
    _command("sweep", print_sweep)(**kwargs)


@click.command()
@_experiment_options
@_friendly
def sensitivity(**kwargs):
    """Run EXPERIMENT's [sensitivity] sample and print first-order and total indices with CIs."""
    _command("sensitivity", print_indices)(**kwargs)


@click.command()
@click.argument("results", type=click.Path(file_okay=False, path_type=Path))
@_friendly
def report(results: Path):
    """Rebuild the tables and report of a RESULTS directory without running the model."""
    from .experiments.pipeline import analyse
    from .experiments.report import build_report

    analysis = analyse(results)
    path = build_report(analysis)
    {"compare": print_effects, "sweep": print_sweep, "sensitivity": print_indices}[analysis.kind](analysis)
    if analysis.missing:
        errors.print(
            f"note: {analysis.missing} planned runs are missing; rerun the experiment command to resume"
        )
    _where(analysis, path)
