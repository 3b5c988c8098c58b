"""Every module imports on its own, first, in a fresh interpreter: no import cycle hides behind an order.

One subprocess imports each module in turn after dropping every ``campaign_sim`` entry
from ``sys.modules`` (third-party packages stay loaded, which keeps this to seconds), so
each module is the first of the package to load, as when a user imports just that one.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import campaign_sim

PROBE = r"""
import importlib, json, sys, traceback
failures = {}
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m == "campaign_sim" or m.startswith("campaign_sim.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except BaseException:
        failures[name] = traceback.format_exc(limit=3)
print(json.dumps(failures))
"""


def all_modules() -> list[str]:
    """Every module and package of campaign_sim, except ``__main__`` files (run, not imported)."""
    found = ["campaign_sim"]
    for info in pkgutil.walk_packages(campaign_sim.__path__, "campaign_sim."):
        if not info.name.endswith(".__main__"):
            found.append(info.name)
    return sorted(found)


def test_the_module_list_covers_the_package():
    modules = all_modules()
    for expected in (
        "campaign_sim.cli",
        "campaign_sim.cli.experiments",
        "campaign_sim.parquet_io",
        "campaign_sim.simulation",
        "campaign_sim.validation",
        "campaign_sim.experiments.store",
        "campaign_sim.ui.i18n",
        "campaign_sim.mechanisms.m01_market_pressure",
        "campaign_sim.app",
        "campaign_sim.cli.calibrate",
        "campaign_sim.calibration.definition",
        "campaign_sim.calibration.statistics",
        "campaign_sim.calibration.method",
        "campaign_sim.calibration.ensemble",
    ):
        assert expected in modules
    assert "campaign_sim.runner" not in modules


def test_every_module_imports_on_its_own():
    modules = all_modules()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(modules)], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    failures = json.loads(done.stdout.strip().splitlines()[-1])
    assert not failures, "\n".join(f"{name}:\n{trace}" for name, trace in failures.items())
