"""What every command shares: the consoles, the error convention, the progress bar, file lookup.

Imports nothing from the other command modules (they all import this one), so any of
them can be imported on its own.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.rule import Rule
from rich.text import Text

import campaign_sim

from ..scenario_io import ScenarioError, find_named_file

#: tables and results (soft_wrap: a line is never broken at 80 columns in a pipe)
console = Console(soft_wrap=True)
#: progress bars, notes and errors
errors = Console(stderr=True, soft_wrap=True)

#: the scenario folder of the working directory
LOCAL_SCENARIOS = Path("scenarios")
#: the repository's scenario folder, found from the package source (editable / src layout)
SHIPPED_SCENARIOS = Path(campaign_sim.__file__).resolve().parents[2] / "scenarios"


class CommandError(Exception):
    """Bad input that is not about a scenario file: an --out that cannot be written, a dead --cluster."""


def fail(message: str) -> NoReturn:
    """One line (or a few) on stderr and exit status 2: bad input, never a traceback."""
    errors.print("[bold red]error:[/] ", end="")
    errors.print(message, markup=False, highlight=False)  # keys like [run] are not markup
    sys.exit(2)


def friendly[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Turn bad input (ScenarioError, its subclass ExperimentError, CommandError) into one message, exit 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (ScenarioError, CommandError) as err:
            fail(str(err))

    return wrapper


def default_scenarios_dir() -> Path:
    """./scenarios if there is one, else the repository's own, so commands work from any folder."""
    if LOCAL_SCENARIOS.is_dir() or not SHIPPED_SCENARIOS.is_dir():
        return LOCAL_SCENARIOS
    return SHIPPED_SCENARIOS


def scenarios_dir(directory: Path | None) -> Path:
    """The folder given with --dir, or the default; refuse (naming both defaults) if there is none."""
    if directory is not None:
        if not directory.is_dir():
            raise ScenarioError(f"{directory}: no such folder of scenario files")
        return directory
    folder = default_scenarios_dir()
    if not folder.is_dir():
        raise ScenarioError(
            f"no scenario folder: neither {LOCAL_SCENARIOS.resolve()} nor {SHIPPED_SCENARIOS} exists; "
            "name one with --dir"
        )
    return folder


def resolve_scenario(name: str) -> Path:
    """A path, or the name of a file in the scenario folder (``baseline`` -> scenarios/baseline.toml)."""
    return find_named_file(name, default_scenarios_dir(), "scenario")


def show(renderable: RenderableType) -> None:
    """Print a table; into a pipe or file (no terminal to fit) allow 120 columns, not 80."""
    if console.is_terminal:
        console.print(renderable)
    else:
        Console(width=max(console.width, 120), soft_wrap=True).print(renderable)


def progress_bar() -> Progress:
    """A bar on stderr that disappears when done, so stdout holds only results.

    Redrawn four times a second: rich's default ten, plus one update per simulated day,
    cost a sixth of a run's speed (``benchmarks/bench_model.py`` checks the CLI's figure).
    """
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
        refresh_per_second=4,
    )


def throttled(bar: Progress, task, every: float = 0.25):
    """A ``progress(n)`` callback that passes the count on to ``bar`` at most every ``every`` s."""
    pending, last = 0, time.perf_counter()

    def advance(n: int) -> None:
        nonlocal pending, last
        pending += n
        now = time.perf_counter()
        if now - last >= every:
            bar.advance(task, pending)
            pending, last = 0, now

    return advance


#: what a run outside the calibrated world means for its results (run, compare, sweep)
OUTSIDE_MEANING = (
    "The parameters were set and fitted on a baseline inside these ranges (docs/ODD.md section 8); "
    "results beyond them extrapolate: read them as a what-if, not a forecast. (A warning: the exit "
    "status stays 0.)"
)


def warn_outside(intro: str, lines: list[str]) -> None:
    """A yellow block between rules, one line per figure outside its calibrated range.

    Plain text styled yellow (no markup), so a source such as "[x]" prints as written and
    a pipe gets one line per figure.
    """
    console.print(Rule(Text("outside the calibrated world", style="bold yellow"), style="yellow"))
    console.print(Text(intro, style="yellow"))
    for line in lines:
        console.print(Text(f"  ! {line}", style="yellow"))
    console.print(Text(OUTSIDE_MEANING, style="yellow"))
    console.print(Rule(style="yellow"))


def check_destination(path: Path) -> None:
    """Make sure ``path`` can be written before simulating: create missing folders, refuse the rest.

    A run can take minutes; finding out afterwards that its results cannot be stored
    loses them.
    """
    folder = path.parent
    ancestor = folder
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        raise CommandError(f"--out {path}: {ancestor} is a file, not a folder; choose another --out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CommandError(f"--out {path}: cannot create the folder {folder} ({err.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"--out {path}: cannot write in {folder}; choose another --out")
