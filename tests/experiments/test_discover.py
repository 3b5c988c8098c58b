"""``campaign-sim discover``: worlds sampled over conditions, net benefits from packed runs, PRIM
boxes, the files it writes, resuming, and bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from campaign_sim import CampaignModel, Scenario
from campaign_sim.cli import main
from campaign_sim.experiments.discover import (
    evaluate_world,
    evaluate_worlds,
    load_discover,
    sample_inputs,
    worlds,
)

from .conftest import REPO

DEFINITION = """
name = "discover_small"
ensemble = "{repo}/calibration/ensemble.csv"
worlds = {worlds}
branches = 3
horizon_days = 40
scenarios = "{repo}/scenarios"
[[conditions]]
path = "{path}"
low = {low}
high = 0.8
label = "market pressure"
[[conditions]]
path = "branches.staff_mean"
low = 5
high = 20
"""


def _file(tmp_path: Path, path: str = "company.market_pressure", low: float = 0.1, count: int = 12) -> Path:
    target = tmp_path / "discover.toml"
    target.write_text(DEFINITION.format(repo=REPO, path=path, low=low, worlds=count))
    return target


def test_worlds_cover_the_ranges_draw_members_by_weight_and_a_prefix_is_the_smaller_sample(tmp_path):
    definition = load_discover(_file(tmp_path, count=400))
    inputs = sample_inputs(definition)
    # a scrambled Sobol sequence: every tenth of the range holds close to a tenth of the worlds
    counts = np.histogram(inputs["company.market_pressure"], bins=10, range=(0.1, 0.8))[0]
    assert counts.min() >= 36 and counts.max() <= 44
    assert set(inputs["sector"].value_counts()) == {200}
    top = int(np.argmax(definition.ensemble.weights))
    share = (inputs["position"] == top).mean()
    assert abs(share - definition.ensemble.weights[top]) < 0.1  # drawn by posterior weight
    planned = worlds(definition)
    assert planned[0].scenario["run"]["days"] == 30 + 40
    assert len({w.id for w in planned}) == len(planned)
    # --worlds 50 are the first 50 worlds of 400: a stopped or smaller run reuses stored worlds
    smaller = worlds(load_discover(_file(tmp_path, count=50)))
    assert [w.id for w in smaller] == [w.id for w in planned[:50]]


def test_net_benefit_is_the_discounted_profit_gap_to_the_same_company_without_campaigns(tmp_path):
    world = worlds(load_discover(_file(tmp_path)))[0]
    row = evaluate_world(world)[0]["rows"][0]
    base = Scenario.model_validate({**world.scenario, "campaigns": []})
    trained = Scenario.model_validate({**world.scenario, "campaigns": world.arms["attitude"]})
    profit = [
        CampaignModel(s, seed=world.seed).run().kpis.series("profit").astype(np.float64).mean(axis=1)[30:70]
        for s in (base, trained)
    ]
    weights = 1.05 ** (-np.arange(40) / 365)
    assert row["net_attitude"] == pytest.approx(float(((profit[1] - profit[0]) * weights).sum()), rel=1e-9)


def test_a_batch_of_worlds_packed_together_gives_each_world_its_own_rows(tmp_path):
    """Worlds differ in their member's parameters, sector and conditions (market pressure, staff per
    branch), yet their runs share packs, bit-identical to each world run alone."""
    planned = worlds(load_discover(_file(tmp_path)))[:4]
    assert len({w.member for w in planned}) > 1
    assert evaluate_worlds(planned) == [result for w in planned for result in evaluate_world(w)]


def test_discover_writes_boxes_and_report_and_resumes(tmp_path):
    out = tmp_path / "out"
    args = ["discover", str(_file(tmp_path)), "--out", str(out), "--workers", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in ("discover_worlds.csv", "discover_boxes.csv", "discover.png", "discover.md", "report.html"):
        assert (out / name).stat().st_size > 0
    table = pd.read_csv(out / "discover_worlds.csv")
    assert len(table) == 12
    assert (table["no_payback"] == (table["net_attitude"] < 0)).all()
    assert (table["behaviour_as_well"] == (table["net_behaviour"] >= table["net_attitude"])).all()
    assert "does not pay back" in result.output and "every campaign cost" in result.output
    again = CliRunner().invoke(main, args)
    assert "0 worlds run" in again.output and "12 stored before" in again.output


@pytest.mark.parametrize(
    ("path", "low", "expected"),
    [
        ("company.market_presure", 0.1, "conditions[0].path"),
        ("company.market_pressure", 0.9, "high must be above low"),
        ("company.market_pressure", -0.5, "greater than or equal to 0"),
    ],
)
def test_bad_conditions_stop_with_one_message_and_status_2(tmp_path, path, low, expected):
    file = _file(tmp_path, path, low)
    result = CliRunner().invoke(main, ["discover", str(file), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and expected in result.output and str(file) in result.output
    assert "Traceback" not in result.output
