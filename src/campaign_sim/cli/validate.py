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
@friendly
def validate(seeds: int, branches: int, directory: Path | None) -> None:
    """Compare the model with the published figures in docs/EVIDENCE.md; exit 1 if one is out of range."""
    from ..validation import run_checks

    folder = scenarios_dir(directory)
    with progress_bar() as bar:
        task = bar.add_task("validation seeds", total=seeds)
        results = run_checks(folder, seeds=seeds, branches=branches, progress=lambda n: bar.advance(task, n))
    view = Table(title=f"validation: {seeds} seeds x {branches} branches ({folder})")
    for col in ("figure", "what", "target", "simulated (mean ± sd)", "result", "basis", "source"):
        view.add_column(col, overflow="fold")
    for r in results:
        t = r.target
        view.add_row(
            t.key,
            f"{t.what} [{t.scenario}]",
            f"{t.low:.3g} - {t.high:.3g}",
            f"{r.mean:.3g} ± {r.sd:.2g}",
            "[green]pass[/]" if r.passed else "[red]FAIL[/]",
            t.basis,
            t.source,
        )
    show(view)
    passed = sum(r.passed for r in results)
    console.print(f"{passed} of {len(results)} figures inside their published range")
    if passed < len(results):
        sys.exit(1)
