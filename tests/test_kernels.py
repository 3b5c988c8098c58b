"""The compiled kernels: ``compile_kernels`` (run by ``make setup``) leaves nothing to compile."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from numba.core.registry import CPUDispatcher

import campaign_sim
from campaign_sim import CampaignModel, load_scenario
from campaign_sim.model import compile_kernels

ROOT = Path(__file__).resolve().parents[1]


def _signatures() -> dict[str, int]:
    """Compiled signatures of every kernel in the core (experiments and UI hold none)."""
    out = {}
    for info in pkgutil.walk_packages(campaign_sim.__path__, "campaign_sim."):
        if info.name.split(".")[1] in ("cli", "experiments", "ui", "app"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, CPUDispatcher) and value.__module__ == module.__name__:
                out[f"{info.name}.{name}"] = len(value.signatures)
    return out


def test_the_shipped_scenarios_compile_nothing_after_compile_kernels():
    """Every scenario runs on the signatures compile_kernels made: a user's first run, the UI's
    first step and a timed benchmark never pay for a compile."""
    compile_kernels()
    before = _signatures()
    assert sum(before.values()) > 20  # the kernels are there and were compiled
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        CampaignModel(load_scenario(path, branches=3, days=70), seed=2).run()
    after = _signatures()
    grew = {k: (before.get(k, 0), n) for k, n in after.items() if n != before.get(k, 0)}
    assert not grew, f"kernels compiled again for new argument types: {grew}"
