"""PRIM boxes in words (``regions.find_box``) and the world store shared by claims and discover."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from campaign_sim.experiments.regions import find_box
from campaign_sim.experiments.worlds import WorldStore, company_means, run_stored


def test_prim_finds_a_planted_region_and_tells_it_in_words():
    rng = np.random.default_rng(3)
    x = pd.DataFrame(
        {"pressure": rng.random(600), "fear": rng.random(600), "noise": rng.random(600),
         "sector": rng.choice(["retail", "bank"], 600)}
    )  # fmt: skip
    cases = ((x.pressure > 0.6) & (x.fear < 0.4)).to_numpy()
    box = find_box(x, cases, "Does not pay back:", "such worlds", {"pressure": "market pressure"})
    assert box.density >= 0.8 and box.coverage >= 0.8
    assert set(box.limits) == {"pressure", "fear"}
    assert 0.5 < box.limits["pressure"][0] < 0.7 and 0.3 < box.limits["fear"][1] < 0.5
    text = box.sentence()
    assert re.search(r"market pressure at least 0\.[56]\d* and fear at most 0\.[34]\d*", text), text
    assert "of all 92 such worlds" in text  # coverage is counted over every case
    assert "noise" not in text and "sector" not in text


def test_too_few_cases_or_all_cases_are_said_not_boxed():
    x = pd.DataFrame({"a": np.linspace(0, 1, 50)})
    few = find_box(x, np.arange(50) < 2, "Q:", "failures")
    assert "too few failures" in few.sentence() and not few.conditions
    everywhere = find_box(x, np.ones(50, bool), "Q:", "failures")
    assert "everywhere" in everywhere.sentence()


def test_company_means_average_states_and_sum_quits_per_branch():
    from campaign_sim.outputs import KPI_NAMES

    values = np.zeros((10, len(KPI_NAMES), 2), np.float32)
    values[:, KPI_NAMES.index("pride"), 0] = np.arange(10)
    values[:, KPI_NAMES.index("quits"), :] = 1.0
    means = company_means(values, {"last": (-4, None), "early": (0, 2)}, ["pride", "quits"])
    assert means["last"]["pride"] == np.mean([6, 7, 8, 9, 0, 0, 0, 0])
    assert means["last"]["quits"] == 4.0 and means["early"]["quits"] == 2.0


class _World:
    def __init__(self, key: str):
        self.id = key


def _evaluate(batch: list[_World]) -> list[dict]:
    return [{"world": world.id, "rows": [{"world": world.id, "value": len(world.id)}]} for world in batch]


def test_a_stopped_run_resumes_without_losing_or_repeating_a_world(tmp_path):
    worlds = [_World(f"w{i}") for i in range(6)]
    finished = run_stored(_evaluate, worlds, tmp_path, workers=1)
    for _ in range(2):  # stop after two worlds, as a kill between worlds would
        next(finished)
    finished.close()
    (tmp_path / "worlds" / "w5.tmp").write_text("half written")  # a kill during a write leaves this
    assert WorldStore(tmp_path).done() == {"w0", "w1"}
    rerun = list(run_stored(_evaluate, worlds, tmp_path, workers=1))
    assert len(rerun) == 4
    rows = WorldStore(tmp_path).read([w.id for w in worlds])
    assert [r["world"] for r in rows] == [w.id for w in worlds]
    assert json.loads((tmp_path / "worlds" / "w3.json").read_text())[0]["value"] == 2
