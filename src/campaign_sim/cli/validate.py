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
    """Compare the model with the published figures in docs/EVIDENCE.md; exit 1 if one is outside its range.

    Each figure says whether a parameter was set to it, fitted to it, or it is only checked
    (docs/ODD.md section 8); only checked figures test the model.
    """
    from ..validation import TARGETS, basis_summary, run_checks

    folder = scenarios_dir(directory)
    with progress_bar() as bar:
        task = bar.add_task("validation seeds", total=seeds)
        results = run_checks(folder, seeds=seeds, branches=branches, progress=lambda n: bar.advance(task, n))
    view = Table(title=f"validation: {seeds} seeds x {branches} branches ({folder})")
    for col in ("figure", "what", "target", "simulated (mean ± sd over seeds)", "result", "basis", "why"):
        view.add_column(col, overflow="fold")
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
        f"Mean ± sd over {seeds} replicate seeds: chance only (who visits, who quits). Parameter "
        "uncertainty is not yet included: the figures are not checked over an ensemble of parameter sets."
    )
    passed = sum(r.passed for r in results)
    console.print(f"{passed} of {len(results)} figures inside their published range")
    missed = [r for r in results if not r.passed]
    for r in missed:
        t = r.target
        console.print(
            f"[red]outside its range:[/] {t.key} ({t.what}, {t.basis}): {r.mean:.3g} against "
            f"{t.low:.3g} - {t.high:.3g}"
        )
    if missed:
        sys.exit(1)
