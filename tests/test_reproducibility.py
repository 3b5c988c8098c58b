"""Same scenario and seed give the same numbers, bit for bit, in any process;
two scenarios run on one seed differ only where their campaigns differ."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from campaign_sim import CampaignModel, Scenario, load_scenario
from campaign_sim.rng import replicate_seeds

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def small(name: str = "combined") -> Scenario:
    return load_scenario(SCENARIOS / f"{name}.toml", branches=6, days=90)


def test_same_seed_same_numbers_bit_for_bit():
    a = CampaignModel(small(), seed=11).run().branch_frame()
    b = CampaignModel(small(), seed=11).run().branch_frame()
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_different_seeds_differ():
    a = CampaignModel(small(), seed=11).run().kpis.values
    b = CampaignModel(small(), seed=12).run().kpis.values
    assert not np.array_equal(a, b)


def test_same_numbers_in_another_process(tmp_path: Path):
    """A fresh interpreter (other hash seed, other import order) reproduces the run exactly."""
    out = tmp_path / "child.parquet"
    code = (
        "import sys; from campaign_sim import CampaignModel, load_scenario;"
        f"s = load_scenario({str(SCENARIOS / 'combined.toml')!r}, branches=6, days=90);"
        f"CampaignModel(s, seed=11).run().branch_frame().to_parquet({str(out)!r})"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONHASHSEED": "123", "PATH": ""})
    here = CampaignModel(small(), seed=11).run().branch_frame()
    pd.testing.assert_frame_equal(pd.read_parquet(out), here, check_exact=True)


def test_no_seed_means_fresh_randomness_and_the_drawn_seed_repeats_the_run():
    """As in Mesa: no seed gives a new run each time; model.seed (also in branch_frame) repeats it."""
    scenario = small()
    a = CampaignModel(scenario).run()
    b = CampaignModel(scenario).run()
    assert a.seed != b.seed
    assert not np.array_equal(a.kpis.values, b.kpis.values, equal_nan=True)
    again = CampaignModel(scenario, seed=a.seed).run()
    assert np.array_equal(a.kpis.values, again.kpis.values, equal_nan=True)
    assert a.branch_frame().attrs["seed"] == a.seed


@pytest.mark.parametrize(
    "make_rng", [lambda: 5, lambda: np.random.SeedSequence(5), lambda: np.random.default_rng(5)]
)
def test_mesa_rng_argument_seeds_the_run(make_rng):
    """Mesa's rng argument (int, SeedSequence or Generator) gives a reproducible run."""
    scenario = small()
    a, b = CampaignModel(scenario, rng=make_rng()), CampaignModel(scenario, rng=make_rng())
    assert a.seed == b.seed
    assert np.array_equal(a.run().kpis.values, b.run().kpis.values, equal_nan=True)


def test_rng_int_is_seed():
    scenario = small()
    assert CampaignModel(scenario, rng=9).seed == CampaignModel(scenario, seed=9).seed == 9


def test_bad_seed_arguments_are_refused():
    with pytest.raises(ValueError, match="not both"):
        CampaignModel(small(), seed=1, rng=2)
    with pytest.raises(ValueError, match="non-negative int"):
        CampaignModel(small(), seed=-1)
    with pytest.raises(TypeError, match="unexpected keyword"):
        CampaignModel(small(), sede=1)


def test_replicate_seeds_are_stable_and_distinct():
    seeds = replicate_seeds(7, 6)
    assert seeds == replicate_seeds(7, 6)
    assert len(set(seeds)) == 6
    assert replicate_seeds(7, 3) == seeds[:3], "more replicates extend, never reshuffle, the list"


def test_common_random_numbers_untreated_branches_identical():
    """A campaign in branch 0 only leaves every other branch's numbers untouched: the
    random streams are drawn per customer place and per post, whatever happens elsewhere."""
    data = small("attitude_training").model_dump()
    for campaign in data["campaigns"]:
        campaign["branches"] = [0]
    treated = CampaignModel(Scenario.model_validate(data), seed=5).run()
    data["campaigns"] = []
    control = CampaignModel(Scenario.model_validate(data), seed=5).run()
    t, c = treated.kpis.values, control.kpis.values
    assert not np.array_equal(t[:, :, 0], c[:, :, 0]), "the treated branch changes"
    assert np.array_equal(t[:, :, 1:], c[:, :, 1:]), "untreated branches are bit-identical"


def test_campaign_cannot_change_days_before_it_starts():
    """Before the first campaign day the treated and untreated runs are identical."""
    data = small("attitude_training").model_dump()
    treated = CampaignModel(Scenario.model_validate(data), seed=3).run()
    data["campaigns"] = []
    control = CampaignModel(Scenario.model_validate(data), seed=3).run()
    start = min(c["start_day"] for c in small("attitude_training").model_dump()["campaigns"])
    assert np.array_equal(treated.kpis.values[:start], control.kpis.values[:start])
    assert not np.array_equal(treated.kpis.values[start:], control.kpis.values[start:])


def test_scenario_round_trips_through_json():
    """The validated scenario written to Parquet metadata rebuilds the same run."""
    scenario = small()
    again = Scenario.model_validate(json.loads(scenario.model_dump_json()))
    assert again == scenario
    a = CampaignModel(scenario, seed=2).run().kpis.values
    b = CampaignModel(again, seed=2).run().kpis.values
    assert np.array_equal(a, b, equal_nan=True)
