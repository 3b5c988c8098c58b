"""Packed runs: several runs simulated as one vectorised model give each run's results
bit-identical to running it alone (the speed issue's promise), whatever packs they share."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from campaign_sim import CampaignModel, load_scenario
from campaign_sim.experiments.definition import load_experiment
from campaign_sim.experiments.executors import PACK_BRANCHES, make_packs
from campaign_sim.experiments.plan import plan_runs
from campaign_sim.experiments.runs import run_one, run_pack
from campaign_sim.scenario import Scenario

from .conftest import REPO, write_tiny


def _scenario(name: str, days: int = 120, branches: int = 5) -> Scenario:
    return load_scenario(REPO / "scenarios" / f"{name}.toml", branches=branches).with_changes(
        {"run.days": days}
    )


def _with_campaigns(scenario: Scenario, campaigns: list[dict]) -> Scenario:
    return Scenario.model_validate({**scenario.model_dump(), "campaigns": campaigns})


def test_a_pack_of_companies_gives_each_its_solo_numbers_bit_for_bit():
    """Three companies with different campaigns (trainings, incentives, promise, leadership,
    none) and seeds."""
    levers = [
        {"kind": "promise", "start_day": 20, "level": 0.8},
        {"kind": "leadership", "start_day": 40, "duration_days": 30, "branches": [1, 3]},
    ]
    companies = [_scenario("combined"), _scenario("baseline"), _with_campaigns(_scenario("baseline"), levers)]
    seeds = [11, 12, 11]
    pack = CampaignModel.pack(companies, seeds).run()
    assert pack.companies == 3
    for k, (scenario, seed) in enumerate(zip(companies, seeds, strict=True)):
        solo = CampaignModel(scenario, seed=seed).run()
        np.testing.assert_array_equal(pack.company_values(k), solo.company_values(0))
        assert pack.campaigns.of_company(k).summary() == solo.campaigns.summary()
    # not a test that cannot fail: the companies' numbers do differ
    assert not np.array_equal(pack.company_values(0), pack.company_values(1), equal_nan=True)


def test_a_pack_refuses_companies_that_differ_in_more_than_campaigns_and_seed():
    harsher = _scenario("baseline").with_changes({"company.market_pressure": 0.9})
    with pytest.raises(ValueError, match="company 1 of the pack differs"):
        CampaignModel.pack([_scenario("baseline"), harsher], [1, 2])
    with pytest.raises(ValueError, match="one seed per scenario"):
        CampaignModel.pack([_scenario("baseline")], [1, 2])


@pytest.mark.parametrize("mode", ["paired", "randomised"])
def test_packed_runs_send_back_the_tables_of_solo_runs(tmp_path: Path, mode: str):
    """Every table a run sends back (tidy rows, series, money, full series) is equal to the
    solo run's, for paired arms and for randomised (stratified) assignment with counterfactuals."""
    exp = load_experiment(write_tiny(tmp_path, mode=mode, days=40, replicates=2))
    _, specs = plan_runs(exp, "compare", full_series=True)
    assert len(specs) >= 4
    packed = run_pack(specs)
    for spec, out in zip(specs, packed, strict=True):
        alone = run_one(spec)
        assert out.run_id == alone.run_id
        for part in ("tidy", "series", "money", "full"):
            pd.testing.assert_frame_equal(getattr(out, part), getattr(alone, part), check_exact=True)


def test_packs_group_runs_of_one_scenario_and_keep_every_worker_busy(tmp_path: Path):
    exp = load_experiment(write_tiny(tmp_path, mode="paired", replicates=8, levels=2))
    _, specs = plan_runs(exp, "sweep")
    packs = make_packs(specs, workers=2)
    assert sorted(s.run_id for p in packs for s in p) == sorted(s.run_id for s in specs)
    for pack in packs:
        # one design point per pack: its companies share every setting but campaigns and seed
        assert len({s.point for s in pack}) == 1
        assert len(pack) * int(pack[0].scenario["run"]["branches"]) <= PACK_BRANCHES
    per_point = len(specs) // 2
    assert len(packs) >= 2 * 2 * 2  # two points, at least two packs for each of two workers
    assert max(len(p) for p in packs) == -(-per_point // 4)
