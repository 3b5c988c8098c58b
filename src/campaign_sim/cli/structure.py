"""``claims`` and ``discover``: where the concept holds, over the calibrated ensemble.

Both evaluate many small *worlds* (``experiments/worlds.py``), store each as it finishes and
resume after a stop; both end with PRIM boxes told in words.
"""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.table import Table

from .common import SHIPPED_SCENARIOS, CommandError, console, errors, friendly, progress_bar, show
from .experiments import check_scheduler


def _definition(path: Path | None, default: str) -> Path:
    """The named file, else ./experiments/<default>, else the repository's."""
    if path is not None:
        return path
    local = Path("experiments") / default
    return local if local.is_file() else SHIPPED_SCENARIOS.parent / "experiments" / default


def _out(out: Path | None, name: str, cluster: str | None) -> Path:
    """The results folder (default results/<name>), refused if it is a file; the cluster reachable."""
    out = out or Path("results") / name
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out}: is a file, not a folder; choose another --out")
    if cluster:
        check_scheduler(cluster)
    return out


def _run_worlds(
    evaluate,
    planned: list,
    out: Path,
    workers: int | None,
    cluster: str | None,
    fresh: bool,
    per_batch: int = 1,
):
    """Evaluate the worlds not stored yet, ``per_batch`` worlds a batch (their runs share packs; a
    bar on stderr); the stored rows of every planned world, how many were stored before, and the
    minutes taken."""
    from ..experiments.worlds import WorldStore, run_stored

    start = time.perf_counter()
    done_before = 0 if fresh else len(WorldStore(out).done() & {w.id for w in planned})
    try:
        with progress_bar() as bar:
            task = bar.add_task("worlds", total=len(planned), completed=done_before)
            for _ in run_stored(evaluate, planned, out, workers, cluster, fresh, per_batch):
                bar.advance(task)
    except KeyboardInterrupt:
        _stopped(out, planned)
    except SystemError as err:  # Ctrl-C inside a compiled kernel arrives wrapped in a SystemError
        if not isinstance(err.__context__, KeyboardInterrupt):
            raise
        _stopped(out, planned)
    rows = WorldStore(out).read([w.id for w in planned])
    return rows, done_before, (time.perf_counter() - start) / 60


def _stopped(out: Path, planned: list) -> None:
    from ..experiments.worlds import WorldStore

    stored = len(WorldStore(out).done() & {w.id for w in planned})
    errors.print(
        f"stopped: {stored} of {len(planned)} worlds are stored in {out / 'worlds'}; rerun to resume"
    )
    raise SystemExit(130)


def _ran(planned: list, done_before: int, minutes: float, out: Path, written: list[Path]) -> None:
    console.print(
        f"{len(planned) - done_before} worlds run in {minutes:.1f} min ({done_before} stored before). "
        f"Written to {out}: {', '.join(p.name for p in written)}"
    )


_workers = click.option(
    "--workers", type=click.IntRange(1, 256), default=None, help="Local processes [default: all cores]."
)
_cluster = click.option(
    "--cluster", default=None, help="A dask.distributed scheduler address (wins over --workers)."
)
_out_option = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="[default: results/<name>]"
)
_fresh = click.option("--fresh", is_flag=True, help="Discard stored worlds in --out and start over.")


@click.command()
@click.argument("definition", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--members",
    type=click.IntRange(1),
    default=None,
    help="Only the N highest-weight ensemble members [default: the file's].",
)
@_out_option
@_workers
@_cluster
@_fresh
@friendly
def claims(
    definition: Path | None,
    members: int | None,
    out: Path | None,
    workers: int | None,
    cluster: str | None,
    fresh: bool,
) -> None:
    """Judge the concept's five claims in every plausible world and print the share where each holds.

    DEFINITION (default experiments/claims.toml) names the ensemble, the model structures and the
    company size. Every world (parameter set x structure) runs the claims' experiments; the shares,
    their intervals, the structures and parameter regions where each claim fails go to --out.
    """
    from ..experiments.claims import RUNS, analyse, evaluate_worlds, load_claims, worlds
    from ..experiments.claims_output import write_claims
    from ..experiments.worlds import worlds_per_batch

    spec = load_claims(_definition(definition, "claims.toml"), members)
    out = _out(out, spec.name, cluster)
    planned = worlds(spec)
    errors.print(
        f"claims: {len(spec.ensemble.members)} parameter sets x {len(spec.structures)} structures = "
        f"{len(planned)} worlds of {len(RUNS)} company runs each; stored in {out / 'worlds'}"
    )
    per_batch = worlds_per_batch(len(RUNS), spec.spec.branches)
    rows, done_before, minutes = _run_worlds(
        evaluate_worlds, planned, out, workers, cluster, fresh, per_batch
    )
    result = analyse(spec, rows)
    written = write_claims(result, out)
    _print_claims(result)
    _ran(planned, done_before, minutes, out, written)


def _print_claims(result) -> None:
    from ..experiments.claims import describe_shares, percent

    table = Table(title="The concept's claims as shares of plausible worlds", show_lines=True)
    for column in (
        "claim",
        "holds in",
        "95% interval",
        "published structure",
        "all sets equal",
        "fails in most worlds of",
    ):
        table.add_column(column, overflow="fold")
    for row in result.table.itertuples():
        table.add_row(
            f"{row.claim}: {row.statement}",
            percent(row.share),
            f"{row.low:.0%}-{row.high:.0%}",
            percent(row.share_published_model),
            percent(row.share_unweighted),
            row.structures_where_it_fails,
        )
    show(table)
    console.print(describe_shares(result))
    for row in result.table.itertuples():
        console.print(f"{row.claim}: weakest condition: {row.weakest_condition}. {row.failure_region}")
    console.print(
        f"H4 in level (the old test's criterion, not buffering): attitude work in the harsh market wins back "
        f"at least a third of the engagement it erodes in {result.level_regained:.0%} of worlds."
    )


@click.command()
@click.argument("definition", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--worlds", "count", type=click.IntRange(10), default=None, help="Worlds to sample [default: the file's]."
)
@_out_option
@_workers
@_cluster
@_fresh
@friendly
def discover(
    definition: Path | None,
    count: int | None,
    out: Path | None,
    workers: int | None,
    cluster: str | None,
    fresh: bool,
) -> None:
    """Find the company conditions under which attitude-level work does not pay back, and where
    behaviour training alone does as well (PRIM boxes over ensemble runs).

    DEFINITION (default experiments/discover.toml) names the ensemble, the conditions and their
    ranges, the sectors and the horizon. Results (worlds, boxes, figure, report.html) go to --out.
    """
    from ..experiments.discover import analyse, evaluate_worlds, load_discover, worlds
    from ..experiments.discover_output import discovery_lines, write_discovery
    from ..experiments.worlds import worlds_per_batch

    spec = load_discover(_definition(definition, "discover.toml"), count)
    out = _out(out, spec.name, cluster)
    planned = worlds(spec)
    errors.print(
        f"discover: {len(planned)} worlds x 3 company runs ({3 * len(planned):,} runs) of "
        f"{spec.spec.branches} branches over {spec.first_day + spec.spec.horizon_days} days; "
        f"stored in {out / 'worlds'}"
    )
    per_batch = worlds_per_batch(3, spec.spec.branches)
    rows, done_before, minutes = _run_worlds(
        evaluate_worlds, planned, out, workers, cluster, fresh, per_batch
    )
    found = analyse(spec, rows)
    written = write_discovery(found, spec, out)
    for line in discovery_lines(found, spec):
        console.print(line)
    _ran(planned, done_before, minutes, out, written)
