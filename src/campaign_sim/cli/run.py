"""``run``, ``scenarios`` and ``check``: one scenario at a time."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import click
from rich.table import Table

from .. import __version__
from ..scenario_io import ScenarioError, archetype, find_named_file, load_scenario, read_scenario_dict
from .common import (
    CommandError,
    check_destination,
    console,
    default_scenarios_dir,
    friendly,
    progress_bar,
    resolve_scenario,
    scenarios_dir,
    show,
    throttled,
    warn_outside,
)

#: experiment files looked up by name (``check training_trial``)
EXPERIMENTS = Path("experiments")


@click.command()
@click.argument("scenario")
@click.option("--seed", type=int, help="Override the scenario's seed.")
@click.option("--days", type=click.IntRange(1, 3650), help="Override the number of days.")
@click.option("--branches", type=click.IntRange(1, 5000), help="Override the number of branches.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Parquet file for the per-branch time series [default: results/<name>_seed<seed>.parquet]; "
    "checked before the run starts.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--profile", is_flag=True, help="Print the time spent in each process of the day.")
@friendly
def run(
    scenario: str,
    seed: int | None,
    days: int | None,
    branches: int | None,
    out: Path | None,
    quiet: bool,
    profile: bool,
) -> None:
    """Run one SCENARIO (a TOML file, or a name in ./scenarios) and summarise it."""
    from ..parquet_io import write_parquet
    from ..simulation import before_after, check_baseline, run_scenario

    path = resolve_scenario(scenario)
    sc = load_scenario(path, seed=seed, days=days, branches=branches)
    out = out or Path("results") / f"{sc.name}_seed{sc.run.seed}.parquet"
    check_destination(out)
    if quiet:
        result = run_scenario(sc, profile=profile)
    else:
        with progress_bar() as bar:
            task = bar.add_task(f"{sc.name}: day", total=sc.run.days)
            result = run_scenario(sc, progress=throttled(bar, task), profile=profile)

    table = before_after(result.frame, sc)
    b0, b1 = table.attrs["before_days"]
    a0, a1 = table.attrs["after_days"]
    variants = ", ".join(f"{k} = {v}" for k, v in sorted(sc.model.variants.items()))
    structure = f"; mechanism variants: {variants}" if variants else ""
    view = Table(title=f"{sc.name}: branch KPIs, mean per branch and day (seed {sc.run.seed}{structure})")
    view.add_column("KPI")
    view.add_column(f"before (days {b0}-{b1})", justify="right")
    view.add_column(f"after (days {a0}-{a1})", justify="right")
    view.add_column("change", justify="right")
    view.add_column("change %", justify="right")
    for kpi, row in table.iterrows():
        pct = "" if row["change_%"] != row["change_%"] else f"{row['change_%']:+.1f}%"
        view.add_row(str(kpi), f"{row['before']:.3f}", f"{row['after']:.3f}", f"{row['change']:+.3f}", pct)
    show(view)
    campaigns = result.model.campaigns.summary()
    if campaigns:
        ctab = Table(title="campaigns")
        for col in campaigns[0]:
            ctab.add_column(col)
        for row in campaigns:
            ctab.add_row(*(str(v) for v in row.values()))
        show(ctab)

    if profile:
        ptab = Table(title=f"time per process of the day, summed over {sc.run.days} days (day.DAY)")
        for col in ("#", "process", "seconds", "share"):
            ptab.add_column(col, justify="left" if col == "process" else "right")
        rows = result.model.profile_table()
        total = sum(seconds for _, _, seconds in rows) or 1.0
        for number, what, seconds in rows:
            ptab.add_row(str(number), what, f"{seconds:.3f}", f"{100 * seconds / total:.1f}%")
        show(ptab)

    baseline = check_baseline(result.model, sc, archetype(path))
    if not baseline.window:
        console.print(
            "[dim]baseline not checked against the calibrated ranges: a campaign starts on day 0.[/]"
        )
    elif baseline.outside:
        warn_outside(
            f"This run's baseline ({baseline.window}, {sc.run.branches} branches, seed {sc.run.seed}) "
            "leaves the ranges of the published figures the model is calibrated on:",
            [m.describe() for m in baseline.outside],
        )

    meta = {"scenario": sc.model_dump_json(), "seed": str(sc.run.seed), "campaign_sim": __version__}
    write_parquet(result.frame, out, meta)
    console.print(f"per-branch time series: {out}")
    if sc.run.snapshot_every:
        snap = write_parquet(result.model.snapshot_frame(), out.with_name(out.stem + "_agents.parquet"), meta)
        console.print(f"per-agent snapshots: {snap}")
    employees = result.model.staff_state.size
    customers = int(result.frame.groupby("day")["active_customers"].sum().mean())
    console.print(  # one line also in a pipe, where rich would otherwise wrap at 80 columns
        f"Simulated {employees:,} employees and {customers:,} customers over {sc.run.days} days "
        f"in {result.seconds:.2f} s: {result.agent_steps / result.seconds / 1e6:.1f} million agent-steps/s",
        soft_wrap=True,
    )


@click.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of scenario files [default: ./scenarios, else the repository's scenarios/].",
)
@friendly
def scenarios(directory: Path | None) -> None:
    """List the scenario files in a folder (default ./scenarios) and whether they are valid."""
    directory = scenarios_dir(directory)
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise ScenarioError(f"{directory}: no scenario files (*.toml) here")
    view = Table(title=f"scenarios in {directory}")
    for col in ("file", "name", "campaigns", "valid", "description"):
        view.add_column(col, overflow="fold")
    bad = 0
    for path in files:
        try:
            sc = load_scenario(path)
            kinds = ", ".join(c.kind for c in sc.campaigns) or "-"
            view.add_row(path.name, sc.name, kinds, "yes", sc.description)
        except ScenarioError as err:
            bad += 1
            view.add_row(path.name, "", "", "[red]no[/]", str(err).split("\n", 1)[-1])
    show(view)
    if bad:
        sys.exit(2)


def _find_checked_file(name: str) -> Path:
    """A path, a scenario name, or an experiment name (``check training_trial``)."""
    try:
        return resolve_scenario(name)
    except ScenarioError:
        pass
    try:
        return find_named_file(name, EXPERIMENTS, "experiment")
    except ScenarioError:
        candidate = name if name.endswith(".toml") else f"{name}.toml"
        raise ScenarioError(
            f"{name}: no such scenario or experiment file "
            f"(nor {default_scenarios_dir() / candidate}, nor {EXPERIMENTS / candidate})"
        ) from None


def definition_kind(path: Path) -> str:
    """What a TOML file defines, by its keys: ``experiment`` (``arms``), ``calibration``
    (``method`` and ``targets``), ``claims`` (``variants``), ``discover`` (``conditions``), else
    ``scenario``; unreadable files count as scenarios (load_scenario reports what is wrong)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "scenario"
    if "arms" in data or "experiment" in data:
        return "experiment"
    if "method" in data and "targets" in data:
        return "calibration"
    if "ensemble" in data and "conditions" in data:
        return "discover"
    if "ensemble" in data and "variants" in data:
        return "claims"
    return "scenario"


def is_experiment_file(path: Path) -> bool:
    """An experiment file has ``arms`` (a scenario never does)."""
    return definition_kind(path) == "experiment"


def _check_definition(path: Path, kind: str) -> None:
    """Validate a calibration, claims or discovery definition and say what its command would run."""
    if kind == "calibration":
        from ..calibration.definition import load_definition

        spec = load_definition(path)
        console.print(
            f"[green]ok[/] {path}: calibration definition, {len(spec.parameters)} parameters, "
            f"{len(spec.fitted)} fitted and {len(spec.checked)} checked targets, a budget of "
            f"{spec.method.budget_runs:,} model runs; run it with `campaign-sim calibrate {path}`",
            soft_wrap=True,
        )
    elif kind == "claims":
        from ..experiments.claims import RUNS, load_claims

        claims = load_claims(path)
        worlds = len(claims.ensemble.members) * len(claims.structures)
        console.print(
            f"[green]ok[/] {path}: claims definition, {len(claims.ensemble.members)} parameter sets x "
            f"{len(claims.structures)} structures = {worlds:,} worlds of {len(RUNS)} company runs "
            f"({worlds * len(RUNS):,} runs); run it with `campaign-sim claims {path}`",
            soft_wrap=True,
        )
    else:
        from ..experiments.discover import load_discover

        found = load_discover(path)
        console.print(
            f"[green]ok[/] {path}: discovery definition, {found.spec.worlds:,} worlds x 3 company runs "
            f"({3 * found.spec.worlds:,} runs) over {len(found.spec.conditions)} conditions and "
            f"{len(found.sectors)} sectors; run it with `campaign-sim discover {path}`",
            soft_wrap=True,
        )


def _check_experiment(path: Path, full: bool, ensemble_path: Path | None = None) -> None:
    """Validate an experiment file and print what each of its commands would run (with
    ``ensemble_path``: over the ensemble's members, after checking every member)."""
    from ..experiments.definition import load_experiment
    from ..experiments.ensemble import load_ensemble
    from ..experiments.plan import plan_runs

    exp = load_experiment(path)
    ensemble = None if ensemble_path is None else load_ensemble(ensemble_path, exp.base)
    spec = exp.spec
    branches = exp.base["run"]["branches"]
    console.print(
        f"[green]ok[/] {path}: experiment '{exp.name}' on {spec.scenario}, {branches} branches, "
        f"{exp.days} days, {exp.replicates} replicates, "
        + f"{spec.assignment.mode} assignment"
        + (" (sensitivity: every arm in every branch, paired)" if spec.sensitivity else "")
        + "; "
        f"before = days {exp.pre[0]}-{exp.pre[1] - 1}, after = days {exp.post[0]}-{exp.post[1] - 1}; "
        f"money from day {exp.money[0]} over {exp.money[1] - exp.money[0]} days, discounted at "
        f"{exp.discount_rate:.0%} a year",
        soft_wrap=True,
    )
    arms = Table(title=f"{exp.name}: arms", title_justify="left")
    for col in ("arm", "label", "contains"):
        arms.add_column(col)
    for arm in exp.arms:
        levels = ", ".join(f"{f} = {v}" for f, v in arm.levels)
        arms.add_row(
            arm.name + (" (control)" if arm.name == exp.control else ""),
            arm.label + (f"\n[dim]{levels}[/]" if levels else ""),
            arm.contains,
        )
    console.print(arms)
    runs = Table(title="what each command would run", title_justify="left")
    for col in ("command", "design points", "runs"):
        runs.add_column(col, justify="left" if col == "command" else "right")
    kinds = ["compare"] + [k for k in ("sweep", "sensitivity") if getattr(spec, k) is not None]
    if spec.sensitivity is not None and exp.control not in exp.arm_names:
        kinds.remove("compare")  # a pure sensitivity file has no control arm
    for kind in kinds:
        points, specs = plan_runs(exp, kind)
        runs.add_row(f"campaign-sim {kind}", f"{len(points):,}", f"{len(specs):,}")
        follow = spec.sensitivity.follow_up if kind == "sensitivity" and spec.sensitivity else None
        if follow is not None:  # its parameters are chosen from the screen's results: at most
            arms = len(spec.sensitivity.arms(exp.control)) * exp.replicates
            most = follow.samples * (follow.keep + 2)
            runs.add_row("  then its Sobol follow-up (at most)", f"{most:,}", f"{most * arms:,}")
        if ensemble is not None and kind != "sensitivity":
            points, specs = plan_runs(exp, kind, ensemble=ensemble)
            runs.add_row(f"campaign-sim {kind} --ensemble", f"{len(points):,}", f"{len(specs):,}")
    console.print(runs)
    if ensemble is not None:
        console.print(
            f"ensemble {ensemble_path}: {len(ensemble.members)} members (weights sum to 1) varying "
            f"{', '.join(ensemble.parameters)}; every member checked against the scenario; with "
            f"--ensemble each run is made once per member ({len(ensemble.members)} x the runs above)",
            soft_wrap=True,
        )
    if full:
        console.print_json(json.dumps(exp.describe(), default=str))


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--full", is_flag=True, help="Print the whole validated scenario (or experiment) with every default."
)
@click.option(
    "--ensemble",
    type=click.Path(dir_okay=False, path_type=Path),
    help="For an experiment: check an ensemble file against it and count the runs --ensemble makes.",
)
@friendly
def check(file: Path, full: bool, ensemble: Path | None) -> None:
    """Validate a scenario, experiment, calibration, claims or discovery FILE: every key, type and range.

    For an experiment file (one with [[arms]]) also print its arms and how many runs
    compare, sweep and sensitivity would make; for the others, what their command would run.
    """
    path = _find_checked_file(str(file))
    kind = definition_kind(path)
    if kind == "experiment":
        _check_experiment(path, full, ensemble)
        return
    if kind != "scenario":
        if ensemble is not None:
            raise CommandError(
                f"--ensemble {ensemble}: only an experiment file takes it; {path} is a {kind} file"
            )
        _check_definition(path, kind)
        return
    if ensemble is not None:
        raise CommandError(
            f"--ensemble {ensemble}: only an experiment file runs over an ensemble; {path} is a scenario"
        )
    sc = load_scenario(path)
    given = read_scenario_dict(path)
    console.print(
        f"[green]ok[/] {path}: scenario '{sc.name}', {sc.run.branches} branches, {sc.run.days} days, "
        f"{len(sc.campaigns)} campaign(s); {len(given)} top-level keys given, the rest default",
        soft_wrap=True,
    )
    if full:
        console.print_json(json.dumps(sc.model_dump(mode="json")))
