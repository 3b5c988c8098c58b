"""``survey-to-scenario``: a company's staff survey per branch as a scenario's starting team states."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pandas as pd
from rich.table import Table

from ..measurement import INSTRUMENTS, SURVEY_STATES, branches_from_survey
from ..scenario_io import ScenarioError, load_scenario
from .common import CommandError, console, friendly, resolve_scenario, show


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=True)


def scenario_text(
    spreads: dict[str, dict[str, float]], extends: str, name: str, description: str, branches: int
) -> str:
    """The scenario file: the parent it extends, the surveyed branch count and the starting states."""
    lines = [
        "# Written by campaign-sim survey-to-scenario: starting team states from a staff survey,",
        "# each instrument's scale mapped linearly onto 0..1 (docs/ODD.md 2.6).",
        f"extends = {_toml_string(extends)}",
        f"name = {_toml_string(name)}",
        f"description = {_toml_string(description)}",
        "",
        "[run]",
        f"branches = {branches}              # the surveyed branches",
        "",
        "[branches]",
    ]
    for state, spread in spreads.items():
        entry = INSTRUMENTS[state]
        source = entry.instrument.split(",")[0] + (", reversed" if entry.reversed else "")
        lines.append(
            f"{state} = {{ mean = {spread['mean']:.4f}, between_sd = {spread['between_sd']:.4f}, "
            f"within_sd = {spread['within_sd']:.4f} }}   # from {source}"
        )
    return "\n".join(lines) + "\n"


@click.command("survey-to-scenario")
@click.argument("survey", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--extends",
    "parent",
    default="baseline",
    show_default=True,
    help="Scenario the new one extends: a path or a name in the scenario folder.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The scenario file to write (validated before the command ends).",
)
@click.option("--name", help="Scenario name [default: the --out file's stem].")
@click.option(
    "--sep", default=",", show_default=True, help="Column separator of the CSV (';' from German Excel)."
)
@click.option(
    "--decimal", default=".", show_default=True, help="Decimal mark of the CSV (',' from German Excel)."
)
@friendly
def survey_to_scenario(
    survey: Path, parent: str, out: Path, name: str | None, sep: str, decimal: str
) -> None:
    """Write a scenario whose branches start from a staff survey's results.

    SURVEY is a CSV with one row per branch: per surveyed state a column named after the state
    holding the branch mean in the instrument's units (engagement: UWES-9, 0-6; fear_of_boss:
    team psychological safety, 1-7 ...), optionally <state>_sd (SD between the branch's
    respondents), n (respondents) and branch (a label). States left out keep the parent's values.
    docs/ODD.md 2.6 names every state's instrument.
    """
    if not survey.is_file():
        raise CommandError(f"{survey}: no such survey file")
    try:
        table = pd.read_csv(survey, sep=sep, decimal=decimal)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise CommandError(f"{survey}: not a readable CSV ({err})") from None
    try:
        spreads = branches_from_survey(table)
    except ValueError as err:
        raise CommandError(f"{survey}: {err}") from None
    parent_path = resolve_scenario(parent).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    extends = os.path.relpath(parent_path, out.resolve().parent)
    description = f"Starting team states from the staff survey {survey.name} ({len(table)} branches)."
    text = scenario_text(spreads, extends, name or out.stem, description, len(table))
    out.write_text(text, encoding="utf-8")
    try:
        load_scenario(out)
    except ScenarioError:
        out.unlink()
        raise

    rows = Table(title=f"{out}: starting team states from {survey.name}, on the model's 0..1 scale")
    for column in ("state", "instrument", "mean (instrument units)", "mean", "between_sd", "within_sd"):
        rows.add_column(column, justify="left" if column in ("state", "instrument") else "right")
    for state in SURVEY_STATES:
        if state not in spreads:
            continue
        spread = spreads[state]
        entry = INSTRUMENTS[state]
        rows.add_row(
            state,
            entry.instrument.split(",")[0],
            f"{pd.to_numeric(table[state]).mean():.2f} of {entry.scale_min:g}-{entry.scale_max:g}",
            f"{spread['mean']:.3f}",
            f"{spread['between_sd']:.3f}",
            f"{spread['within_sd']:.3f}",
        )
    show(rows)
    console.print(f"Wrote {out} (extends {extends}); check it with: campaign-sim check {out} --full")
