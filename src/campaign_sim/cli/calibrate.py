"""``calibrate``: rerun the stated calibration (ABC-SMC) and write the weighted ensemble.

Resumes from its SQLite history when rerun after a kill; ``--fresh`` starts over.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .common import SHIPPED_SCENARIOS, CommandError, console, errors, friendly, scenarios_dir

#: the definition used when none is named: ./experiments/calibration.toml, else the repository's
DEFAULT_DEFINITION = Path("experiments") / "calibration.toml"


def _definition_path(path: Path | None) -> Path:
    if path is not None:
        return path
    if DEFAULT_DEFINITION.is_file():
        return DEFAULT_DEFINITION
    return SHIPPED_SCENARIOS.parent / DEFAULT_DEFINITION


@click.command()
@click.argument("definition", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--workers", type=click.IntRange(1, 256), default=None, help="Local processes [default: all cores]."
)
@click.option("--cluster", default=None, help="A dask.distributed scheduler address (wins over --workers).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("calibration"),
    show_default=True,
    help="Folder for the history (abc_history.db) and the ensemble (ensemble.csv, ensemble.json).",
)
@click.option(
    "--budget", type=click.IntRange(1), default=None, help="Model runs at most [default: the file's]."
)
@click.option("--fresh", is_flag=True, help="Start over: delete the history in --out instead of resuming it.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the scenario files the definition names [default: ./scenarios, else the repository's].",
)
@friendly
def calibrate(
    definition: Path | None,
    workers: int | None,
    cluster: str | None,
    out: Path,
    budget: int | None,
    fresh: bool,
    directory: Path | None,
) -> None:
    """Calibrate every uncertain parameter at once by ABC-SMC against the published figures.

    Reads DEFINITION (default experiments/calibration.toml), runs or resumes the ABC-SMC in
    --out, and writes the weighted ensemble (ensemble.csv) and its provenance (ensemble.json).
    """
    from ..calibration.definition import check_paths, load_definition
    from ..calibration.ensemble import write_ensemble
    from ..calibration.method import (
        HISTORY,
        evaluations_this_session,
        record_session,
        run_abc,
    )
    from ..calibration.statistics import Setup
    from ..experiments.executors import available_cores

    path = _definition_path(definition)
    spec = load_definition(path)
    folder = scenarios_dir(directory)
    for name in [*spec.runs.retail, *([spec.runs.bank] if spec.runs.bank else [])]:
        if not (folder / f"{name}.toml").is_file():
            raise CommandError(
                f"{path}: runs names scenario '{name}', but {folder / (name + '.toml')} does not exist"
            )
    setup = Setup.load(spec.runs, folder)
    check_paths(spec, setup.retail[0], path)
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out}: is a file, not a folder")
    workers = workers or available_cores()
    per_set = spec.runs.per_parameter_set
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    state = {"base": None, "status": None}
    done = threading.Event()
    where = f"dask {cluster}" if cluster else f"{workers} worker{'s' * (workers > 1)}"
    errors.print(
        f"calibrate: {len(spec.parameters)} parameters, {len(spec.fitted)} fitted and {len(spec.checked)} "
        f"checked targets, {per_set} model runs per parameter set, {where}, history in {out / HISTORY}"
    )
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("runs"),
        TimeRemainingColumn(),
        console=errors,
        transient=False,
        refresh_per_second=2,
    )

    def describe(status) -> str:
        if status is None or status.generation < 0:
            return "generation 0 (prior)"
        return (
            f"generation {status.generation + 1} (eps {status.epsilon:.3g}, "
            f"last acceptance {status.acceptance:.2f})"
        )

    def on_generation(status) -> None:
        if state["base"] is None:
            state["base"] = status.runs_done
        state["status"] = status
        record_session(out, started_at, time.perf_counter() - clock)

    with progress:
        task = progress.add_task("starting", total=budget or spec.method.budget_runs)

        def poll() -> None:
            while not done.wait(0.5):
                status = state["status"]
                if status is None:
                    continue
                runs = state["base"] + evaluations_this_session(out) * per_set
                progress.update(
                    task, completed=min(runs, progress.tasks[0].total), description=describe(status)
                )
                record_session(out, started_at, time.perf_counter() - clock)

        watcher = threading.Thread(target=poll, daemon=True)
        watcher.start()
        try:
            status = run_abc(spec, path, folder, out, workers, cluster, budget, fresh, on_generation)
        finally:
            done.set()
            watcher.join()
            record_session(out, started_at, time.perf_counter() - clock)
        progress.update(
            task, completed=min(status.runs_done, progress.tasks[0].total), description=describe(status)
        )
    if status.generation < 0:
        raise CommandError(f"no generation finished ({status.stopped}); raise --budget")
    db = f"sqlite:///{(out / HISTORY).resolve()}"
    errors.print(f"running the checked bank figures for the {spec.method.population_size} members ...")
    result = write_ensemble(spec, path, out, db, status, workers, cluster, folder)
    console.print(
        f"stopped: {status.stopped}. {result['members']} members from generation "
        f"{result['method']['generations']}, "
        f"{result['model_runs']:,} model runs in {result['wall_time_seconds'] / 60:.1f} min; "
        f"wrote {out / 'ensemble.csv'} and {out / 'ensemble.json'}"
    )
    for t in result["targets"]:
        mark = "in" if t["median_in_range"] else "OUT"
        console.print(
            f"  {t['id']:<14} {t['role']:<8} median {t['median']:.4g} (90%: {t['q05']:.4g}-{t['q95']:.4g}) "
            f"range {t['range'][0]:g}-{t['range'][1]:g}: {mark}"
        )
