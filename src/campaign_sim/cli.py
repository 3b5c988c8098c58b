"""The ``campaign-sim`` command line."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .scenario_io import ScenarioError, find_named_file, load_scenario, read_scenario_dict

console = Console()
errors = Console(stderr=True, soft_wrap=True)

DEFAULT_SCENARIOS = Path("scenarios")


def _friendly(func):
    """Turn bad input into one clear message and exit status 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ScenarioError as err:
            errors.print("[bold red]error:[/] ", end="")
            errors.print(str(err), markup=False, highlight=False)  # keys like [run] are not markup
            sys.exit(2)

    return wrapper


def resolve_scenario(name: str) -> Path:
    """A path, or the name of a file in ./scenarios (``baseline`` -> scenarios/baseline.toml)."""
    return find_named_file(name, DEFAULT_SCENARIOS, "scenario")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="campaign-sim")
def main() -> None:
    """Simulate customer-orientation campaigns in a company with many branches."""


@main.command()
@click.argument("scenario")
@click.option("--seed", type=int, help="Override the scenario's seed.")
@click.option("--days", type=click.IntRange(1, 3650), help="Override the number of days.")
@click.option("--branches", type=click.IntRange(1, 5000), help="Override the number of branches.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Parquet file for the per-branch time series [default: results/<name>_seed<seed>.parquet].",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_friendly
def run(
    scenario: str, seed: int | None, days: int | None, branches: int | None, out: Path | None, quiet: bool
):
    """Run one SCENARIO (a TOML file, or a name in ./scenarios) and summarise it."""
    from .runner import before_after, run_scenario, write_parquet

    path = resolve_scenario(scenario)
    sc = load_scenario(path, seed=seed, days=days, branches=branches)
    if quiet:
        result = run_scenario(sc)
    else:
        with _progress() as bar:
            task = bar.add_task(f"{sc.name}: day", total=sc.run.days)
            result = run_scenario(sc, progress=lambda n: bar.advance(task, n))

    table = before_after(result.frame, sc)
    b0, b1 = table.attrs["before_days"]
    a0, a1 = table.attrs["after_days"]
    view = Table(title=f"{sc.name}: branch KPIs, mean per branch and day (seed {sc.run.seed})")
    view.add_column("KPI")
    view.add_column(f"before (days {b0}-{b1})", justify="right")
    view.add_column(f"after (days {a0}-{a1})", justify="right")
    view.add_column("change", justify="right")
    view.add_column("change %", justify="right")
    for kpi, row in table.iterrows():
        pct = "" if row["change_%"] != row["change_%"] else f"{row['change_%']:+.1f}%"
        view.add_row(str(kpi), f"{row['before']:.3f}", f"{row['after']:.3f}", f"{row['change']:+.3f}", pct)
    console.print(view)
    campaigns = result.model.campaigns.summary()
    if campaigns:
        ctab = Table(title="campaigns")
        for col in campaigns[0]:
            ctab.add_column(col)
        for row in campaigns:
            ctab.add_row(*(str(v) for v in row.values()))
        console.print(ctab)

    out = out or Path("results") / f"{sc.name}_seed{sc.run.seed}.parquet"
    meta = {"scenario": sc.model_dump_json(), "seed": str(sc.run.seed), "campaign_sim": __version__}
    write_parquet(result.frame, out, meta)
    console.print(f"per-branch time series: {out}")
    if sc.run.snapshot_every:
        snap = write_parquet(result.model.snapshot_frame(), out.with_name(out.stem + "_agents.parquet"), meta)
        console.print(f"per-agent snapshots: {snap}")
    employees = result.model.staff_state.size
    customers = int(result.frame.groupby("day")["active_customers"].sum().mean())
    console.print(
        f"Simulated {employees:,} employees and {customers:,} customers over {sc.run.days} days "
        f"in {result.seconds:.2f} s: {result.agent_steps / result.seconds / 1e6:.1f} million agent-steps/s"
    )


@main.command()
@click.option(
    "--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SCENARIOS
)
@_friendly
def scenarios(directory: Path):
    """List the scenario files in a folder (default ./scenarios) and whether they are valid."""
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
    console.print(view)
    if bad:
        sys.exit(2)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--full", is_flag=True, help="Print the whole validated scenario with every default.")
@_friendly
def check(file: Path, full: bool):
    """Validate a scenario FILE: every key, type and range."""
    path = resolve_scenario(str(file))
    sc = load_scenario(path)
    given = read_scenario_dict(path)
    console.print(
        f"[green]ok[/] {path}: scenario '{sc.name}', {sc.run.branches} branches, {sc.run.days} days, "
        f"{len(sc.campaigns)} campaign(s); {len(given)} top-level keys given, the rest default"
    )
    if full:
        console.print_json(json.dumps(sc.model_dump(mode="json")))


@main.command()
@click.option("--seeds", type=click.IntRange(2, 100), default=5, show_default=True)
@click.option("--branches", type=click.IntRange(1, 5000), default=20, show_default=True)
@click.option(
    "--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SCENARIOS
)
@_friendly
def validate(seeds: int, branches: int, directory: Path):
    """Compare the model with the published figures of CALIBRATION.md."""
    from .calibration import run_checks

    with _progress() as bar:
        task = bar.add_task("calibration seeds", total=seeds)
        results = run_checks(
            directory, seeds=seeds, branches=branches, progress=lambda n: bar.advance(task, n)
        )
    view = Table(title=f"calibration: {seeds} seeds x {branches} branches")
    for col in ("figure", "what", "target", "simulated (mean ± sd)", "result", "source"):
        view.add_column(col, overflow="fold")
    for r in results:
        t = r.target
        view.add_row(
            t.key,
            f"{t.what} [{t.scenario}]",
            f"{t.low:.3g} - {t.high:.3g}",
            f"{r.mean:.3g} ± {r.sd:.2g}",
            "[green]pass[/]" if r.passed else "[red]FAIL[/]",
            t.source,
        )
    console.print(view)
    passed = sum(r.passed for r in results)
    console.print(f"{passed} of {len(results)} figures inside their published range")
    if passed < len(results):
        sys.exit(1)


from .cli_experiments import compare, report, sensitivity, sweep  # noqa: E402 - needs main's helpers above

main.add_command(compare)
main.add_command(sweep)
main.add_command(sensitivity)
main.add_command(report)


from .cli_ui import ui  # noqa: E402

main.add_command(ui)


if __name__ == "__main__":  # pragma: no cover
    main()
