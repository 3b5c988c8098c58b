"""The ``campaign-sim`` command line: the click group ``main`` and its sub-commands.

One module per family of commands (``run``, ``validate``, ``experiments``, ``ui`` with
``workshop-handout``, ``survey``, ``calibrate``, ``structure`` with ``claims`` and ``discover``),
all sharing ``common``; this module only assembles them, and nothing imports it back.
Heavy dependencies (the experiments' statistics and report, Solara) are imported inside
the commands, so ``campaign-sim --help`` and ``run`` start fast.
"""

from __future__ import annotations

import click

from .. import __version__
from .calibrate import calibrate
from .experiments import compare, report, sensitivity, sweep
from .run import check, run, scenarios
from .structure import claims, discover
from .survey import survey_to_scenario
from .ui import ui, workshop_handout
from .validate import validate

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="campaign-sim")
def main() -> None:
    """Simulate customer-orientation campaigns in a company with many branches."""


for _command in (
    run,
    scenarios,
    check,
    validate,
    compare,
    sweep,
    sensitivity,
    report,
    ui,
    survey_to_scenario,
    workshop_handout,
    calibrate,
    claims,
    discover,
):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
