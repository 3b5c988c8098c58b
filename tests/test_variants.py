"""Mechanism variants: chosen per scenario, validated, documented, and the default is the model."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from campaign_sim import CampaignModel, Scenario
from campaign_sim.cli import main
from campaign_sim.mechanisms import (
    apply_incentives,
    complete_attitude_training,
    complete_behaviour_training,
    decay_transfer,
    feed_back_to_staff,
    proactive_horizon,
    serve_customers,
)
from campaign_sim.mechanisms.m03_horizon import ability_knowledge, awareness_knowledge
from campaign_sim.mechanisms.m05_customer_feedback import awareness_lens, ungated_lens
from campaign_sim.mechanisms.m07_behaviour_training import fear_at_delivery_only, fear_cuts_transfer
from campaign_sim.mechanisms.m08_attitude_training import fear_gated_uptake, willing_uptake
from campaign_sim.mechanisms.m09_incentives import (
    Levers,
    crowding_by_all_rewards,
    crowding_by_doing_rewards,
    exact_effect_reading,
    noisy_effect_reading,
    work_raised_by_doing,
    work_unchanged,
)
from campaign_sim.mechanisms.m10_promises import quality_lifted_by_promise, quality_unmoved_by_promise
from campaign_sim.mechanisms.variants import POINTS, alternative, resolve
from campaign_sim.outputs import KPI_NAMES
from campaign_sim.rng import STREAMS, RandomStreams
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


def test_every_point_has_its_paragraph_in_its_mechanisms_section():
    """The paragraph "Variant point `x`" stands in section 7.N of mechanism N, where readers look."""
    for point, vp in POINTS.items():
        at = ODD.find(f"**Variant point `{point}`**")
        assert at >= 0, point
        section = re.findall(r"^### 7\.(\d+) Mechanism (\d+)", ODD[:at], flags=re.MULTILINE)[-1]
        assert f"mechanism {section[1]}" == vp.mechanism, (point, section)


def test_the_odd_has_no_control_characters():
    """A backslash sequence written through a string escape (\\v in \\varphi) once broke a formula."""
    bad = [(m.start(), repr(m.group())) for m in re.finditer(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", ODD)]
    assert not bad


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
        (
            {"uptake": "fear_gated"},
            "unknown variant point 'uptake'; allowed: attitude_uptake, crowd_out, customer_pride, "
            "doing_reward, effect_observation, horizon_knowledge, promise_quality, transfer_fear",
        ),
        ({"doing_reward": "more"}, "unknown variant 'more'; allowed: pride_only (default), more_work"),
        ({"effect_observation": "fuzzy"}, "unknown variant 'fuzzy'; allowed: exact (default), noisy"),
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


# ---- the variant points of issue 11 ("where the concept holds") ---------------------------------
#: campaigns that give every variant point something to act on: attitude and behaviour workshops,
#: a scheme that rewards doing and effecting alike, a promise
ALL_LEVERS = [
    ATTITUDE,
    {"kind": "behaviour_training", "start_day": 5, "duration_days": 10},
    {"kind": "incentive_scheme", "start_day": 5, "focus_effect": 0.5, "reward": 0.8, "punishment": 0.3},
    {"kind": "promise", "start_day": 5, "level": 0.8},
]


def _run_all(make_scenario, variants=None, campaigns=None, days=60, **sections):
    sc = make_scenario(
        run={"days": days, "branches": 3},
        campaigns=ALL_LEVERS if campaigns is None else campaigns,
        model={"variants": variants or {}},
        **sections,
    )
    return CampaignModel(sc, seed=3).run()


def test_every_default_spelled_out_is_the_model_bit_for_bit(make_scenario):
    """Naming every point's default changes nothing, with every lever a point acts on running."""
    implicit = _run_all(make_scenario)
    explicit = _run_all(make_scenario, {point: vp.default for point, vp in POINTS.items()})
    for name in KPI_NAMES:
        np.testing.assert_array_equal(implicit.kpis.series(name), explicit.kpis.series(name), err_msg=name)
    assert explicit.branch_frame().attrs["variants"] == {}


NON_DEFAULT = [
    (point, name)
    for point, vp in sorted(POINTS.items())
    for name in sorted(vp.alternatives)
    if name != vp.default
]


@pytest.mark.parametrize(("point", "name"), NON_DEFAULT)
def test_a_scenario_choosing_an_alternative_runs_and_differs(make_scenario, point, name):
    """Every alternative changes the run where its levers act, and the run records it."""
    default, chosen = _run_all(make_scenario), _run_all(make_scenario, {point: name})
    assert chosen.branch_frame().attrs["variants"] == {point: name}
    differs = [k for k in KPI_NAMES if not np.array_equal(default.kpis.series(k), chosen.kpis.series(k))]
    assert differs, f"{point} = {name} changed nothing"


def _total(model, name):
    return model.kpis.series(name).sum()


def test_ability_too_widens_the_horizon_where_ability_exceeds_awareness(make_scenario):
    """Ability (0.55 at the start) is above effect awareness (0.3): the horizon widens, more is sold."""
    default = _run_all(make_scenario, campaigns=[])
    able = _run_all(make_scenario, {"horizon_knowledge": "ability_too"}, campaigns=[])
    assert np.all(able.kpis.series("horizon")[0] > default.kpis.series("horizon")[0])
    assert _total(able, "additional_sales") > _total(default, "additional_sales")


def test_more_work_under_a_doing_reward_serves_more_and_sells_more(make_scenario):
    """A scheme that rewards doing only: more capacity (less over capacity), more additional sales."""
    doing = [{"kind": "incentive_scheme", "start_day": 0, "focus_effect": 0.0, "reward": 1.0}]
    tight = {"visits_per_staff_day": 1.5}  # the tiny branches are rarely over capacity at 6
    default = _run_all(make_scenario, campaigns=doing, company=tight)
    more = _run_all(make_scenario, {"doing_reward": "more_work"}, campaigns=doing, company=tight)
    assert _total(default, "over_capacity") > 0
    assert _total(more, "additional_sales") > _total(default, "additional_sales")
    assert _total(more, "over_capacity") < _total(default, "over_capacity")
    # rewarding effect only: the factor is 1, so the run is the default's, bit for bit
    effect = [{"kind": "incentive_scheme", "start_day": 0, "focus_effect": 1.0, "reward": 1.0}]
    np.testing.assert_array_equal(
        _run_all(make_scenario, campaigns=effect).kpis.series("profit"),
        _run_all(make_scenario, {"doing_reward": "more_work"}, campaigns=effect).kpis.series("profit"),
    )


def test_assimilation_lifts_what_customers_experience_under_a_promise(make_scenario):
    promise = [{"kind": "promise", "start_day": 0, "level": 1.0}]
    default = _run_all(make_scenario, campaigns=promise)
    lifted = _run_all(make_scenario, {"promise_quality": "assimilation"}, campaigns=promise)
    assert np.all(lifted.kpis.series("satisfaction")[-1] > default.kpis.series("satisfaction")[-1])
    assert np.all(lifted.kpis.series("trust")[-1] > default.kpis.series("trust")[-1])


def test_noisy_effect_reading_draws_only_its_own_stream(make_scenario):
    """Common random numbers: the misreading comes from `appraisal`; every other stream is where the
    default run left it, and the default run never touches `appraisal`."""
    default = _run_all(make_scenario, days=20)
    noisy = _run_all(make_scenario, {"effect_observation": "noisy"}, days=20)
    for name in STREAMS:
        a = getattr(default.streams, name).bit_generator.state["state"]["state"]
        b = getattr(noisy.streams, name).bit_generator.state["state"]["state"]
        assert np.array_equal(a, b) == (name != "appraisal"), name
    assert STREAMS[-1] == "appraisal"  # spawned last: adding it moved no other stream


def test_ability_knowledge_on_tiny_arrays(hand, staff_params):
    """The knowledge term mixes awareness and applied ability; at weight 0 it is the default."""
    staff = hand.staff([0, 0, 0], ability=[0.9, 0.3, 0.6], effect_awareness=[0.2, 0.2, 0.6])
    staff.trained_gain[:] = [0.4, 0.0, 0.0]
    staff.transfer[:] = [0.5, 0.0, 0.0]  # applied ability 0.9 - 0.4 * 0.5 = 0.7
    p = staff_params(horizon_ability_weight=0.5)
    np.testing.assert_allclose(ability_knowledge(staff, p), [0.45, 0.25, 0.6], rtol=1e-6)
    np.testing.assert_array_equal(awareness_knowledge(staff, p), staff.effect_awareness)
    np.testing.assert_allclose(
        ability_knowledge(staff, staff_params(horizon_ability_weight=0.0)), staff.effect_awareness
    )
    base = proactive_horizon(staff, p).copy()
    wide = proactive_horizon(staff, p, ability_knowledge).copy()
    assert wide[0] > base[0] and wide[1] > base[1] and wide[2] == pytest.approx(base[2])
    np.testing.assert_array_equal(base, proactive_horizon(staff, p, awareness_knowledge))


def test_ungated_pride_lens_on_tiny_arrays(hand, staff_params):
    """Published: the more aware gain more pride from the same good encounters; ungated: alike."""
    p = staff_params(ungated_pride_lens=0.3)
    served, good, hostile = np.array([4.0, 4.0]), np.array([3.0, 3.0]), np.zeros(2)

    def gained(lens):
        staff = hand.staff([0, 0], pride=0.4, effect_awareness=[0.1, 0.9])
        feed_back_to_staff(staff, served, good, hostile, p, lens)
        return staff.pride - np.float32(0.4)

    default, ungated = gained(awareness_lens), gained(ungated_lens)
    assert default[1] > default[0]
    assert ungated[0] == ungated[1]
    # ungated at factor 0.3 equals the published model for an employee with awareness 0.3
    staff = hand.staff([0], pride=0.4, effect_awareness=0.3)
    feed_back_to_staff(staff, served[:1], good[:1], hostile[:1], p)
    assert staff.pride[0] - np.float32(0.4) == pytest.approx(ungated[0], rel=1e-6)


def test_work_factor_on_tiny_arrays(hand, staff_params):
    p = staff_params(doing_quantity=0.06)
    levers = Levers(*(np.array([0.5, 0.5, 0.5]) for _ in range(3)), np.array([0.0, 1.0, 0.0]), np.zeros(3))
    levers.reward[:] = [1.0, 1.0, 0.0]
    np.testing.assert_array_equal(work_unchanged(levers, p), [1.0, 1.0, 1.0])
    np.testing.assert_allclose(work_raised_by_doing(levers, p), [1.06, 1.0, 1.0])


def test_work_factor_raises_capacity_and_offers_with_the_same_draws(hand, company, customer_params):
    """More work: the same visitors meet the same staff, fewer wait, at least as many buy more."""
    staff = hand.staff([0, 0, 1, 1], delivered_behaviour=0.5, horizon=0.8)
    on_duty = np.array([True, False, True, False])

    def serve(work):
        customers = hand.customers([0] * 40 + [1] * 40, loyalty=1.0, trust=0.9)
        branches = hand.branches([2, 2], [40, 40])
        tight = company.model_copy(update={"visits_per_staff_day": 2.0})
        p = customer_params(visit_rate=0.5, need_rate=0.5)
        return serve_customers(customers, staff, branches, on_duty, RandomStreams(5), tight, p, work)

    base, same, more = serve(None), serve(np.ones(2)), serve(np.array([1.5, 1.0]))
    np.testing.assert_array_equal(base.revenue, same.revenue)
    np.testing.assert_array_equal(base.visitors, more.visitors)
    np.testing.assert_array_equal(base.server, more.server)
    assert more.over_capacity[0] < base.over_capacity[0] and more.over_capacity[1] == base.over_capacity[1]
    assert more.additional_sales[0] >= base.additional_sales[0]
    assert more.additional_sales[1] == base.additional_sales[1]
    assert more.sold.sum() > base.sold.sum()


def test_quality_lift_on_tiny_arrays(hand, company, customer_params):
    """A lift in one branch raises every experience there by the lift (or loss-averse more) only."""
    staff = hand.staff([0, 1], delivered_behaviour=0.4, horizon=0.5)
    p = customer_params(visit_rate=0.5, problem_rate=0.0)

    def serve(lift):
        customers = hand.customers([0] * 30 + [1] * 30, loyalty=1.0, expectation=0.5)
        branches = hand.branches([1, 1], [30, 30])
        enc = serve_customers(
            customers, staff, branches, np.ones(2, bool), RandomStreams(9), company, p, None, lift
        )
        return enc, customers

    (base, c0), (lifted, _) = serve(None), serve(np.array([0.05, 0.0]))
    np.testing.assert_array_equal(base.visitors, lifted.visitors)
    in_0 = c0.branch[base.visitors] == 0
    assert in_0.any() and (~in_0).any()
    assert np.all(lifted.experience[in_0] > base.experience[in_0])
    np.testing.assert_array_equal(lifted.experience[~in_0], base.experience[~in_0])
    np.testing.assert_array_equal(quality_unmoved_by_promise(np.array([0.0, 1.0]), p), [0.0, 0.0])
    lift = quality_lifted_by_promise(np.array([0.0, 1.0]), customer_params(promise_assimilation=0.25))
    np.testing.assert_allclose(lift, [0.0, 0.25 * p.promise_lift])


def test_noisy_effect_reading_on_tiny_arrays(hand, staff_params):
    """The misreading has the set sd; a positive one rewards effect that was not there, a negative
    one punishes a good day."""
    p = staff_params(appraisal_noise=0.57)
    staff = hand.staff([0] * 4000)
    assert np.all(exact_effect_reading(staff, RandomStreams(1), p) == 0.0)
    noise = noisy_effect_reading(staff, RandomStreams(1), p)
    assert noise.std() == pytest.approx(0.57, rel=0.05) and abs(noise.mean()) < 0.05

    def incentives(misreading):
        s = hand.staff([0, 0], pride=0.4, fear_of_boss=0.3)
        levers = Levers(
            *(np.array([x]) for x in (0.5, 1.0, 1.0, 1.0, 0.0))
        )  # support, punish, reward, effect
        one = np.array([4.0, 4.0])
        apply_incentives(s, np.ones(2, bool), one, np.array([2.0, 2.0]), np.array([1.0, 1.0]), np.zeros(2),
                         np.zeros(2), levers, p, misreading)  # fmt: skip
        return s

    exact, seen = incentives(None), incentives(np.array([0.5, -0.5]))  # true effect (2 - 1) / 4 = 0.25
    assert seen.pride[0] > exact.pride[0]  # rewarded for more than was there
    assert seen.pride[1] < exact.pride[1]  # the good day read as bad: no reward ...
    assert seen.fear_of_boss[1] > exact.fear_of_boss[1]  # ... and punished
    np.testing.assert_array_equal(incentives(np.zeros(2)).pride, exact.pride)


def test_transfer_fear_on_tiny_arrays(hand, staff_params):
    """Published: the frightened trainee starts with less transfer and decays to a lower floor;
    delivery_only: fear no longer matters for transfer (it still gates delivery, mechanism 2)."""
    p = staff_params(transfer_fear=0.6)
    assert fear_cuts_transfer(p) == 0.6 and fear_at_delivery_only(p) == 0.0
    support, climate = np.array([0.5]), np.array([0.5])

    def trained(share, days=0):
        staff = hand.staff([0, 0], ability=0.4, willingness=1.0, fear=[0.0, 0.8])
        extra = () if share is None else (share,)  # None: the mechanisms' own default
        complete_behaviour_training(staff, np.ones(2, bool), 0.3, support, climate, p, *extra)
        for _ in range(days):
            decay_transfer(staff, support, climate, p, *extra)
        return staff.transfer.copy()

    default, once = trained(fear_cuts_transfer), trained(fear_at_delivery_only)
    np.testing.assert_array_equal(trained(None, 50), trained(fear_cuts_transfer, 50))
    assert default[1] < default[0] and once[1] == once[0] == default[0]
    late_default, late_once = trained(fear_cuts_transfer, 3000), trained(fear_at_delivery_only, 3000)
    assert late_once[1] > late_default[1]  # the floor is not lowered by fear
    assert late_once[1] == pytest.approx(p.transfer_floor, abs=1e-3)


def test_a_pack_with_every_alternative_is_bit_identical_to_its_solo_runs(make_scenario):
    """Packed runs (several companies in one model) keep each company's draws, the appraisal
    stream's included, and each company's levers feed its own branches' work factor and lift."""
    every = {p: n for p, vp in POINTS.items() for n in vp.alternatives if n != vp.default}
    with_levers = make_scenario(
        run={"days": 40, "branches": 3}, campaigns=ALL_LEVERS, model={"variants": every}
    )
    without = make_scenario(run={"days": 40, "branches": 3}, campaigns=[], model={"variants": every})
    pack = CampaignModel.pack([with_levers, without], [3, 4]).run()
    for k, (scenario, seed) in enumerate(((with_levers, 3), (without, 4))):
        solo = CampaignModel(scenario, seed=seed).run()
        np.testing.assert_array_equal(pack.company_values(k), solo.company_values(0))


def test_crowding_on_tiny_arrays(hand, staff_params):
    """Published: a reward for effect crowds out nothing; all_rewards: as much as one for doing."""
    p = staff_params(crowd_out=0.004)
    assert crowding_by_doing_rewards(p) == 0.0 and crowding_by_all_rewards(p) == 1.0

    def engagement(focus, crowding=None):
        s = hand.staff([0], engagement=0.6)
        levers = Levers(*(np.array([x]) for x in (0.5, 0.0, 1.0, focus, 0.0)))  # full reward, no punishment
        extra = () if crowding is None else (None, crowding)
        one = np.ones(1)
        apply_incentives(s, np.ones(1, bool), one, one, 0 * one, 0 * one, 0 * one, levers, p, *extra)
        return s.engagement[0]

    assert engagement(1.0) == engagement(1.0, crowding_by_doing_rewards) == pytest.approx(0.6)
    assert engagement(1.0, crowding_by_all_rewards) == pytest.approx(0.6 * (1 - 0.004), rel=1e-6)
    assert engagement(0.0, crowding_by_all_rewards) == engagement(0.0)  # doing rewards: as before
    assert engagement(0.0) == pytest.approx(0.6 * (1 - 0.004), rel=1e-6)
