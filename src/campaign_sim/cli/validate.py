"""``validate``: the model against the published figures of docs/EVIDENCE.md, from any folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from .common import console, friendly, progress_bar, scenarios_dir, show


@click.command()
@click.option(
    "--seeds", type=click.IntRange(2, 100), default=5, show_default=True, help="Replicate seeds per figure."
)
@click.option(
    "--branches", type=click.IntRange(1, 5000), default=20, show_default=True, help="Branches per run."
)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder holding baseline.toml and behaviour_training.toml "
    "[default: ./scenarios, else the repository's scenarios/].",
)
@click.option(
    "--ensemble",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Check the figures over this calibrated ensemble (e.g. calibration/ensemble.csv) instead of the "
    "default parameters: weighted median and 90% range over its members.",
)
@click.option(
    "--members",
    type=click.IntRange(1),
    default=None,
    help="With --ensemble: only the N highest-weight members.",
)
@click.option(
    "--workers", type=click.IntRange(1, 256), default=None, help="With --ensemble: local processes."
)
@friendly
def validate(
    seeds: int,
    branches: int,
    directory: Path | None,
    ensemble: Path | None,
    members: int | None,
    workers: int | None,
) -> None:
    """Compare the model with the published figures in docs/EVIDENCE.md; exit 1 if one is outside its range.

    Each figure says whether a parameter was set to it, fitted to it, or it is only checked
    (docs/ODD.md section 8); only checked figures test the model. With --ensemble the figures
    are computed for every member and the basis follows the calibration (fitted by the ABC,
    or held out of it).
    """
    from ..validation import TARGETS, basis_summary, run_checks

    folder = scenarios_dir(directory)
    if ensemble is not None:
        _validate_ensemble(folder, ensemble, members, seeds, branches, workers)
        return
    with progress_bar() as bar:
        task = bar.add_task("validation seeds", total=seeds)
        results = run_checks(folder, seeds=seeds, branches=branches, progress=lambda n: bar.advance(task, n))
    view = Table(title=f"validation: {seeds} seeds x {branches} branches ({folder})")
    _columns(view, ("figure", "what", "target", "simulated (mean ± sd over seeds)", "result", "basis", "why"))
    for r in results:
        t = r.target
        view.add_row(
            t.key,
            f"{t.what} (scenario {t.scenario}); {t.source}",
            f"{t.low:.3g} - {t.high:.3g}",
            f"{r.mean:.3g} ± {r.sd:.2g}",
            "[green]pass[/]" if r.passed else "[red]FAIL[/]",
            t.basis,
            t.reason,
        )
    show(view)
    console.print(basis_summary([r.target for r in results]))
    skipped = [t.key for t in TARGETS if t.key not in {r.target.key for r in results}]
    if skipped:
        console.print(f"not measured (no bank_branch.toml in {folder}): {', '.join(skipped)}")
    console.print(
        f"Mean ± sd over {seeds} replicate seeds: chance only (who visits, who quits), default parameters. "
        "`validate --ensemble calibration/ensemble.csv` checks the figures over the calibrated ensemble "
        "(parameter uncertainty included)."
    )
    passed = sum(r.passed for r in results)
    console.print(f"{passed} of {len(results)} figures inside their published range")
    _exit_on_misses([(r.target, f"{r.mean:.3g}") for r in results if not r.passed])


def _validate_ensemble(
    folder: Path, path: Path, members: int | None, seeds: int, branches: int, workers: int | None
) -> None:
    """Every figure over the ensemble's members; exit 1 if a weighted median leaves its range."""
    from ..experiments.ensemble import load_ensemble
    from ..experiments.executors import PACK_BRANCHES, available_cores, run_each
    from ..experiments.worlds import batches
    from ..scenario_io import load_scenario
    from ..validation import ENSEMBLE_TARGETS, basis_summary, ensemble_checks, member_figures

    chosen = load_ensemble(path, load_scenario(folder / "baseline.toml").model_dump(mode="json"))
    if members:
        chosen = chosen.top(min(members, len(chosen.members)))
    has_bank = (folder / "bank_branch.toml").is_file()
    keys = tuple(t.key for t in ENSEMBLE_TARGETS if has_bank or t.scenario != "bank_branch")
    # members in batches run as packs (a pack holds at most PACK_BRANCHES branches), at least two per worker
    groups = batches(
        list(range(len(chosen.members))), workers or available_cores(), PACK_BRANCHES // branches
    )
    tasks = [(g, folder, seeds, branches, [chosen.member_values(i) for i in g], keys) for g in groups]
    figures: dict[int, dict[str, float]] = {}
    with progress_bar() as bar:
        task = bar.add_task("ensemble members", total=len(chosen.members))
        for position, result in run_each(member_figures, tasks, workers):  # in completion order
            figures[position] = result
            bar.advance(task)
    checks = ensemble_checks([figures[i] for i in range(len(chosen.members))], chosen.weights)
    effective = 1.0 / sum((w / sum(chosen.weights)) ** 2 for w in chosen.weights)
    view = Table(
        title=f"validation over the ensemble {path}: {len(chosen.members)} members (weighted; worth "
        f"{effective:.1f} equally weighted) x {seeds} seeds x {branches} branches"
    )
    _columns(
        view,
        (
            "figure",
            "what",
            "target",
            "weighted median (90% range)",
            "weight inside",
            "result",
            "basis",
            "why",
        ),
    )
    for c in checks:
        t = c.target
        view.add_row(
            t.key,
            f"{t.what} (scenario {t.scenario}); {t.source}",
            f"{t.low:.3g} - {t.high:.3g}",
            f"{c.median:.3g} ({c.low:.3g} - {c.high:.3g})",
            f"{c.inside:.0%}",
            "[green]pass[/]" if c.passed else "[red]FAIL[/]",
            t.basis,
            t.reason,
        )
    show(view)
    console.print(basis_summary([c.target for c in checks]))
    console.print(
        f"Each member's figure is its mean over {seeds} replicate seeds; the median and range are over the "
        "members with their posterior weights, so they include parameter uncertainty and the seeds' chance."
    )
    passed = sum(c.passed for c in checks)
    console.print(f"{passed} of {len(checks)} figures with their weighted median inside the published range")
    _exit_on_misses([(c.target, f"weighted median {c.median:.3g}") for c in checks if not c.passed])


def _exit_on_misses(missed: list) -> None:
    """One line per figure outside its range (target, the simulated value in words), then exit 1."""
    for t, value in missed:
        console.print(
            f"[red]outside its range:[/] {t.key} ({t.what}, {t.basis}): {value} "
            f"against {t.low:.3g} - {t.high:.3g}"
        )
    if missed:
        sys.exit(1)


#: the columns that hold words; the others hold a key or numbers and never wrap (a figure broken
#: inside a number reads as two numbers)
_WORDS = ("what", "why")


def _columns(view: Table, names: tuple[str, ...]) -> None:
    """Add the columns of a validation table: numbers and keys on one line, words wrapped."""
    for name in names:
        if name in _WORDS:
            view.add_column(name, ratio=1, overflow="fold")
        else:
            view.add_column(name, no_wrap=True)
