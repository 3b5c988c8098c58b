"""A fixed-seed summary of the shipped scenarios, checked in and compared here.

Any change to the model's numbers, intended or not, fails this test; an
intended change is accepted by running ``tests/baselines/refresh.py`` and
saying why in the commit.  The tolerance only absorbs float32 summation
order across CPUs, far below the effect of any mechanism change.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from campaign_sim import CampaignModel, load_scenario

ROOT = Path(__file__).resolve().parents[1]
STORED = ROOT / "tests" / "baselines" / "summary.json"
SCENARIOS = ("baseline", "attitude_training", "broken_promise", "combined")
KPIS = ("revenue", "profit", "complaints", "quits", "churned", "loyalty", "pride", "fear", "effect_awareness")


def summarise() -> dict[str, dict[str, float]]:
    """Per scenario: each KPI's mean over 4 branches and 120 days, seed 7."""
    out = {}
    for name in SCENARIOS:
        scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml", branches=4, days=120)
        model = CampaignModel(scenario, seed=7).run()
        out[name] = {kpi: float(np.mean(model.kpis.series(kpi), dtype=np.float64)) for kpi in KPIS}
    return out


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_numbers_match_the_checked_in_baseline(scenario):
    stored = json.loads(STORED.read_text())[scenario]
    now = summarise()[scenario]
    for kpi in KPIS:
        assert now[kpi] == pytest.approx(stored[kpi], rel=1e-5, abs=1e-7), (
            f"{scenario}.{kpi}: {now[kpi]} vs stored {stored[kpi]}; if the change is intended, "
            "run tests/baselines/refresh.py and say why in the commit"
        )
