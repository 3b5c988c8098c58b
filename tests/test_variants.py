"""Mechanism variants: chosen per scenario, validated, documented, and the default is the model."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from campaign_sim import CampaignModel, Scenario
from campaign_sim.cli import main
from campaign_sim.mechanisms import complete_attitude_training
from campaign_sim.mechanisms.m08_attitude_training import fear_gated_uptake, willing_uptake
from campaign_sim.mechanisms.variants import POINTS, alternative, resolve
from campaign_sim.scenario import variant_points

ODD = (Path(__file__).resolve().parents[1] / "docs" / "ODD.md").read_text(encoding="utf-8")
ATTITUDE = {"kind": "attitude_training", "start_day": 5, "duration_days": 10}


def test_every_point_has_a_default_and_an_alternative():
    assert POINTS, "no variant points registered"
    for name, vp in POINTS.items():
        assert vp.default in vp.alternatives, name
        assert len(vp.alternatives) >= 2, f"{name}: a point with one structure is not a variant"
        assert variant_points()[name][0] == vp.default


def test_every_alternative_is_documented_next_to_its_mechanism():
    for point, vp in POINTS.items():
        assert f"`{point}`" in ODD
        for alt in vp.alternatives.values():
            assert f"`{alt.name}`" in ODD and f"`{alt.function.__name__}`" in ODD, (point, alt.name)


def test_resolve_gives_defaults_and_the_chosen_function():
    assert resolve().attitude_uptake is willing_uptake
    chosen = resolve({"attitude_uptake": "fear_gated"})
    assert chosen.attitude_uptake is fear_gated_uptake
    assert chosen.non_default() == {"attitude_uptake": "fear_gated"}
    assert resolve().non_default() == {}
    with pytest.raises(AttributeError, match="no variant point 'nope'"):
        _ = resolve().nope


def test_registering_twice_or_two_defaults_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        alternative("attitude_uptake", "fear_gated", mechanism="mechanism 8", meaning="")(lambda *a: 1)
    with pytest.raises(ValueError, match="two defaults"):
        alternative("attitude_uptake", "other", mechanism="mechanism 8", meaning="", default=True)(
            lambda *a: 1
        )
    with pytest.raises(ValueError, match="belongs to mechanism 8"):
        alternative("attitude_uptake", "other", mechanism="mechanism 7", meaning="")(lambda *a: 1)
    assert set(POINTS["attitude_uptake"].alternatives) == {"willingness", "fear_gated"}


@pytest.mark.parametrize(
    ("variants", "message"),
    [
        (
            {"attitude_uptake": "fearful"},
            "unknown variant 'fearful'; allowed: willingness (default), fear_gated",
        ),
        ({"uptake": "fear_gated"}, "unknown variant point 'uptake'; allowed: attitude_uptake"),
    ],
)
def test_scenario_refuses_unknown_variants_with_what_is_allowed(variants, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        Scenario.model_validate({"model": {"variants": variants}})


def test_a_file_with_a_bad_variant_stops_with_one_message(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text('[model]\nvariants = { attitude_uptake = "fearful" }\n')
    with pytest.raises(SystemExit) as stop:
        main(["run", str(path), "--days", "5", "--branches", "1"])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert "bad.toml" in err and "model.variants" in err and "willingness (default), fear_gated" in err
    assert "Traceback" not in err


def _run(make_scenario, variants=None):
    sc = make_scenario(
        run={"days": 60, "branches": 3}, campaigns=[ATTITUDE], model={"variants": variants or {}}
    )
    return CampaignModel(sc, seed=3).run()


def test_the_default_spelled_out_is_the_model_bit_for_bit(make_scenario):
    implicit, explicit = _run(make_scenario), _run(make_scenario, {"attitude_uptake": "willingness"})
    for name in ("profit", "effect_awareness", "pride"):
        np.testing.assert_array_equal(implicit.kpis.series(name), explicit.kpis.series(name))
    assert explicit.branch_frame().attrs["variants"] == {}


def test_fear_gated_uptake_takes_up_less_under_fear(make_scenario):
    default, gated = _run(make_scenario), _run(make_scenario, {"attitude_uptake": "fear_gated"})
    assert gated.branch_frame().attrs["variants"] == {"attitude_uptake": "fear_gated"}
    # same seed, same draws: only the content taken up differs, so awareness ends lower
    assert np.all(gated.kpis.series("effect_awareness")[-1] < default.kpis.series("effect_awareness")[-1])


def test_fear_gated_uptake_on_tiny_arrays(hand):
    """Unit: with no fear the two alternatives agree; at fear f the uptake shrinks by 1 - fear_block f."""
    from campaign_sim.config import StaffBehaviour

    p = StaffBehaviour()
    staff = hand.staff([0, 0, 0], willingness=[1.0, 0.5, 0.0])
    idx = np.arange(3)
    staff.fear[:] = 0.0
    np.testing.assert_allclose(fear_gated_uptake(staff, idx, p), willing_uptake(staff, idx, p))
    staff.fear[:] = 0.5
    np.testing.assert_allclose(
        fear_gated_uptake(staff, idx, p), willing_uptake(staff, idx, p) * (1 - p.fear_block * 0.5), rtol=1e-6
    )
    before = staff.attitude_pending.copy()
    complete_attitude_training(staff, np.ones(3, bool), 0.5, 0.0, p, fear_gated_uptake)
    gained_gated = staff.attitude_pending - before
    staff2 = hand.staff([0, 0, 0], willingness=[1.0, 0.5, 0.0])
    staff2.fear[:] = 0.5
    complete_attitude_training(staff2, np.ones(3, bool), 0.5, 0.0, p)
    assert np.all(gained_gated < staff2.attitude_pending - before)


def test_run_names_the_variants_it_ran(tmp_path, capsys):
    path = tmp_path / "gated.toml"
    path.write_text(
        '[run]\ndays = 40\nbranches = 2\n[model]\nvariants = { attitude_uptake = "fear_gated" }\n'
    )
    with pytest.raises(SystemExit) as done:
        main(["run", str(path), "--out", str(tmp_path / "out.parquet")])
    assert done.value.code == 0
    assert "mechanism variants: attitude_uptake = fear_gated" in " ".join(capsys.readouterr().out.split())
