"""The states' survey instruments: mapping, reversal, bounds, standardised effects, survey-to-branches."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from campaign_sim.cli import main
from campaign_sim.config import BranchesConfig, Spread
from campaign_sim.measurement import (
    INSTRUMENTS,
    SURVEY_STATES,
    branches_from_survey,
    instrument,
    standardised_effect,
    to_scale,
    to_state,
)
from campaign_sim.outputs import CUSTOMER_STATES, STAFF_STATES
from campaign_sim.scenario_io import load_scenario

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def test_every_state_has_an_instrument_with_a_usable_scale():
    assert set(STAFF_STATES) | set(CUSTOMER_STATES) <= set(INSTRUMENTS)
    for state, entry in INSTRUMENTS.items():
        assert entry.state == state
        assert entry.agent == ("customer" if state in CUSTOMER_STATES else "employee"), state
        assert entry.scale_max > entry.scale_min, state
        assert entry.instrument and entry.reference and entry.norm_source, state
        if entry.confidence == "none":
            assert entry.norm_sd is None and entry.norm_mean is None, state
        else:
            assert entry.norm_sd is not None and entry.norm_sd > 0, state
            assert entry.scale_min <= entry.norm_mean <= entry.scale_max, state
            # a between-person SD on 0..1 cannot exceed 0.5
            assert 0 < entry.norm_sd_unit <= 0.5, state


@pytest.mark.parametrize("state", list(INSTRUMENTS))
def test_round_trip(state: str):
    entry = INSTRUMENTS[state]
    scores = np.linspace(entry.scale_min, entry.scale_max, 7)
    assert np.allclose(to_scale(to_state(scores, state), state), scores)
    values = np.array([0.0, 0.13, 0.5, 0.87, 1.0])
    assert np.allclose(to_state(to_scale(values, state), state), values)


def test_scale_ends_map_to_state_ends_and_reversal_flips_them():
    assert to_state(0.0, "engagement") == 0.0
    assert to_state(6.0, "engagement") == 1.0
    assert to_state(3.0, "engagement") == pytest.approx(0.5)
    assert INSTRUMENTS["fear_of_boss"].reversed
    # full psychological safety (7) is no fear of the boss; none (1) is full fear
    assert to_state(7.0, "fear_of_boss") == 0.0
    assert to_state(1.0, "fear_of_boss") == 1.0
    assert to_state(5.5, "fear_of_boss") == pytest.approx(0.25)
    assert to_scale(0.25, "fear_of_boss") == pytest.approx(5.5)


def test_scalars_stay_scalars_and_arrays_stay_arrays():
    assert isinstance(to_state(4.0, "engagement"), float)
    assert isinstance(to_scale(0.5, "engagement"), float)
    assert to_state([0.0, 6.0], "engagement").tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    ("score", "state"), [(6.5, "engagement"), (-0.1, "engagement"), (0.5, "fear_of_boss")]
)
def test_a_score_outside_the_instrument_range_is_refused(score: float, state: str):
    with pytest.raises(ValueError, match="outside"):
        to_state(score, state)


@pytest.mark.parametrize("value", [-0.01, 1.01, math.nan])
def test_a_state_outside_zero_one_is_refused(value: float):
    with pytest.raises(ValueError, match=r"outside|not a number"):
        to_scale(value, "pride")


def test_unknown_states_are_refused_with_the_closest_name():
    with pytest.raises(ValueError, match="did you mean 'engagement'"):
        to_state(3.0, "engagment")
    with pytest.raises(ValueError, match="unknown state 'mood'"):
        to_scale(0.5, "mood")
    with pytest.raises(ValueError, match="unknown state"):
        standardised_effect(0.1, "mood")
    with pytest.raises(ValueError, match="unknown state"):
        instrument("climate")


def test_standardised_effect_divides_by_the_norm_sd_on_zero_one():
    # UWES-9: SD 1.1 on a 0-6 scale is 1.1/6 on 0..1, so a raw rise of 1.1/6 is d = 1
    assert INSTRUMENTS["engagement"].norm_sd_unit == pytest.approx(1.1 / 6)
    assert standardised_effect(1.1 / 6, "engagement") == pytest.approx(1.0)
    assert standardised_effect(0.05, "engagement") == pytest.approx(0.05 * 6 / 1.1)
    # the sign is the model's: a fall of fear of the boss is negative although the scale is reversed
    assert standardised_effect(-0.05, "fear_of_boss") == pytest.approx(-0.05 * 6 / 1.0)


def test_standardised_effect_needs_a_published_norm():
    assert INSTRUMENTS["ability"].norm_sd_unit is None
    with pytest.raises(ValueError, match="no published norm"):
        standardised_effect(0.1, "ability")


# ---- survey to branches --------------------------------------------------------------------------
def test_branch_means_with_spreads_become_the_scenario_spreads():
    survey = pd.DataFrame(
        {
            "branch": ["north", "south", "east"],
            "engagement": [3.0, 3.6, 4.2],  # UWES-9, 0-6
            "engagement_sd": [1.2, 0.6, 1.2],
            "fear_of_boss": [5.0, 5.0, 5.0],  # psychological safety, 1-7, reversed
        }
    )
    spreads = branches_from_survey(survey)
    assert list(spreads) == ["fear_of_boss", "engagement"]  # the order of STAFF_STATES
    engagement = spreads["engagement"]
    assert engagement["mean"] == pytest.approx(0.6)
    assert engagement["between_sd"] == pytest.approx(np.std([0.5, 0.6, 0.7], ddof=1))
    assert engagement["within_sd"] == pytest.approx(math.sqrt((0.2**2 + 0.1**2 + 0.2**2) / 3))
    # no SD given: the norm's SD (1.0 on 1-7) less the between-branch part, which is zero here
    boss = spreads["fear_of_boss"]
    assert boss["mean"] == pytest.approx(1 / 3)
    assert boss["between_sd"] == pytest.approx(0.0, abs=1e-12)
    assert boss["within_sd"] == pytest.approx(1.0 / 6)
    for values in spreads.values():
        Spread(**values)  # valid for the schema


def test_respondent_counts_remove_sampling_noise_from_the_between_branch_spread():
    base = {"engagement": [3.0, 3.6, 4.2], "engagement_sd": [1.2, 1.2, 1.2]}
    raw = branches_from_survey(base)["engagement"]["between_sd"]
    corrected = branches_from_survey({**base, "n": [8, 8, 8]})["engagement"]["between_sd"]
    assert corrected == pytest.approx(math.sqrt(raw**2 - 0.2**2 / 8))
    # with few respondents the observed scatter is all noise: no true difference left
    assert branches_from_survey({**base, "n": [1, 1, 1]})["engagement"]["between_sd"] == 0.0


def test_one_branch_has_no_spread_between_branches():
    spreads = branches_from_survey({"pride": [3.0], "pride_sd": [0.8]})
    expected = {"mean": pytest.approx(0.5), "between_sd": 0.0, "within_sd": pytest.approx(0.2)}
    assert spreads["pride"] == expected


def test_every_surveyed_state_is_a_branches_spread():
    assert set(SURVEY_STATES) <= set(BranchesConfig.model_fields)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"engagment": [3.0]}, "did you mean 'engagement'"),
        ({"loyalty": [5.0]}, "customer state"),
        ({"branch": ["a"]}, "no state column"),
        ({"engagement": [7.0]}, "outside"),
        ({"engagement": [3.0, None]}, r"row\(s\) \[2\]"),
        ({"engagement": [3.0], "engagement_sd": [-1.0]}, "outside"),
        ({"pride_sd": [0.8], "engagement": [3.0]}, "no column of means 'pride'"),
        ({"ability": [60.0]}, "give column 'ability_sd'"),
        ({"engagement": [3.0], "engagement_sd": [1.0], "n": [0]}, "at least 1"),
        ({"engagement": []}, "no rows"),
    ],
)
def test_bad_survey_tables_are_refused_with_a_reason(table: dict, message: str):
    with pytest.raises(ValueError, match=message):
        branches_from_survey(table)


def test_ability_from_the_company_test_with_its_spread():
    spreads = branches_from_survey({"ability": [50.0, 60.0], "ability_sd": [10.0, 10.0]})
    assert spreads["ability"]["mean"] == pytest.approx(0.55)
    assert spreads["ability"]["within_sd"] == pytest.approx(0.1)


# ---- the command line ----------------------------------------------------------------------------
SURVEY_CSV = """branch,engagement,engagement_sd,fear_of_boss,n
north,3.2,1.1,5.4,12
south,3.9,1.0,4.8,9
east,4.1,1.2,5.9,15
"""


def test_survey_to_scenario_writes_a_valid_scenario_with_the_survey_states(tmp_path: Path):
    survey = tmp_path / "survey.csv"
    survey.write_text(SURVEY_CSV, encoding="utf-8")
    out = tmp_path / "company" / "my_company.toml"
    result = CliRunner().invoke(
        main,
        ["survey-to-scenario", str(survey), "--extends", str(SCENARIOS / "baseline.toml"), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    assert scenario.name == "my_company"
    assert scenario.run.branches == 3
    expected = branches_from_survey(pd.read_csv(survey))
    for state, spread in expected.items():
        got = getattr(scenario.branches, state)
        for key, value in spread.items():
            assert getattr(got, key) == pytest.approx(value, abs=5e-5), (state, key)
    # states the survey leaves out keep the parent's values
    assert scenario.branches.pride == load_scenario(SCENARIOS / "baseline.toml").branches.pride
    assert f"campaign-sim check {out}" in result.output


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("engagment\n3.0\n", "did you mean 'engagement'"),
        ("engagement\n9.0\n", "outside 0..6"),
        ("", "not a readable CSV"),
    ],
)
def test_survey_to_scenario_refuses_a_bad_survey_with_one_message(tmp_path: Path, csv: str, message: str):
    survey = tmp_path / "survey.csv"
    survey.write_text(csv, encoding="utf-8")
    out = tmp_path / "x.toml"
    result = CliRunner().invoke(main, ["survey-to-scenario", str(survey), "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_survey_to_scenario_reads_a_german_excel_csv(tmp_path: Path):
    survey = tmp_path / "umfrage.csv"
    survey.write_text("branch;engagement;engagement_sd\nnord;3,6;1,2\nsued;4,2;1,2\n", encoding="utf-8")
    out = tmp_path / "firma.toml"
    args = ["survey-to-scenario", str(survey), "-o", str(out), "--sep", ";", "--decimal", ","]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    engagement = load_scenario(out).branches.engagement
    assert engagement.mean == pytest.approx(0.65, abs=5e-5)
    assert engagement.within_sd == pytest.approx(0.2, abs=5e-5)
