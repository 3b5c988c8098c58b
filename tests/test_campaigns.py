"""Campaign scheduling: who, when, what, and what it costs.

Checks the branch selectors, days off the floor, completion of training
content, lever overrides while a campaign runs, the three kinds of cost and
their agreement with the campaign_cost KPI, and the delayed evaluation of
mechanism 12.
"""

from __future__ import annotations

import numpy as np
import pytest

import campaign_sim.campaigns.base as campaigns_module
from campaign_sim import CampaignModel, Scenario
from campaign_sim.campaigns import EVALUATION_DELAY, OPEN_ENDED_VERDICT, CampaignSchedule, select_branches
from campaign_sim.campaigns.kinds.behaviour_training import BehaviourTraining
from campaign_sim.campaigns.kinds.incentive_scheme import IncentiveScheme
from campaign_sim.campaigns.kinds.leadership import Leadership
from campaign_sim.campaigns.kinds.promise import Promise
from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import total_fear
from campaign_sim.rng import RandomStreams

NO_QUITS = {"quit_base": 0.0}


@pytest.mark.parametrize(
    ("selector", "n", "expected"),
    [
        ("all", 4, [1, 1, 1, 1]),
        ([0, 2], 4, [1, 0, 1, 0]),
        ([3, 7, -1], 4, [0, 0, 0, 1]),  # ids outside the company are ignored
        ([], 3, [0, 0, 0]),
        ({"share": 0.5}, 4, [1, 1, 0, 0]),
        ({"share": 0.0}, 3, [0, 0, 0]),
        ({"share": 1.0}, 3, [1, 1, 1]),
        ({"share": 0.25}, 8, [1, 1, 0, 0, 0, 0, 0, 0]),
        ({"first": 1, "count": 2}, 5, [0, 1, 1, 0, 0]),
        ({"first": 3, "count": 10}, 5, [0, 0, 0, 1, 1]),
        ({"first": 0, "count": 0}, 3, [0, 0, 0]),
    ],
)
def test_select_branches(selector, n, expected):
    np.testing.assert_array_equal(select_branches(selector, n), np.array(expected, bool))


def _training_model(make_scenario, kind="behaviour_training", days=40, **campaign):
    spec = {
        "kind": kind,
        "start_day": 5,
        "duration_days": 10,
        "days_off_floor": 3,
        "branches": [0, 2],
        **campaign,
    }
    scenario = make_scenario(run={"days": days, "branches": 3}, staff=NO_QUITS, campaigns=[spec])
    return CampaignModel(scenario)


def test_training_days_off_floor(make_scenario):
    """Each participant trains exactly days_off_floor consecutive days inside the window; others never."""
    model = _training_model(make_scenario)
    n = model.staff_state.size
    log = np.zeros((40, n), bool)
    for day in range(40):
        model.step()
        log[day] = model.staff_state.in_training
        off = np.bincount(model.staff_state.branch[log[day]], minlength=3)
        np.testing.assert_array_equal(model.kpis.series("training_days")[day], off)
    participants = np.isin(model.staff_state.branch, [0, 2])
    days_off = log.sum(axis=0)
    np.testing.assert_array_equal(days_off[participants], 3)
    np.testing.assert_array_equal(days_off[~participants], 0)
    for slot in np.flatnonzero(participants):
        days = np.flatnonzero(log[:, slot])
        assert days[0] >= 5 and days[-1] < 15
        np.testing.assert_array_equal(np.diff(days), 1)
    record = model.campaigns.records[0]
    assert record.reached == record.completed == participants.sum()
    assert record.days_off_floor == 3 * participants.sum()


def test_content_applied_on_completion_day(make_scenario):
    """Behaviour content (trained_gain) arrives on session_day + days_off_floor, for participants only."""
    model = _training_model(make_scenario)
    record = model.campaigns.records[0]
    first_gain = np.full(model.staff_state.size, -1)
    for day in range(40):
        model.step()
        newly = (model.staff_state.trained_gain > 0) & (first_gain < 0)
        first_gain[newly] = day
    participants = record.participants
    np.testing.assert_array_equal(first_gain[participants], record.session_day[participants] + 3)
    assert np.all(first_gain[~participants] == -1)


def _schedule(spec, n_branches=2, staff_count=(3, 3)):
    staff_count = np.array(staff_count)
    return CampaignSchedule([spec], n_branches), staff_count


def test_content_only_for_participants_still_in_post(hand):
    """A participant replaced before completion neither gets the content nor costs the fee."""
    spec = BehaviourTraining(
        kind="behaviour_training",
        start_day=0,
        duration_days=2,
        days_off_floor=2,
        cost_per_participant=400.0,
        fixed_cost_per_branch=50.0,
    )
    schedule = CampaignSchedule([spec], 2)
    staff = hand.staff([0, 0, 1, 1], ability=0.5, willingness=1.0)  # full uptake
    branches = hand.branches([2, 2], [5, 5])
    p = StaffBehaviour()
    total_fear(staff, p)
    streams = RandomStreams(0)
    plan = schedule.plan_day(0, staff, branches, 0.0, streams)
    np.testing.assert_array_equal(plan.cost, [50.0, 50.0])  # fixed cost at start only
    assert plan.in_training.all()  # window 1: everybody trains on days 0 and 1
    staff.uid[1] = 99  # slot 1 quits; a newcomer takes the post
    plan = schedule.plan_day(1, staff, branches, 0.0, streams)
    np.testing.assert_array_equal(plan.in_training, [True, False, True, True])
    np.testing.assert_array_equal(plan.cost, [0.0, 0.0])
    plan = schedule.plan_day(2, staff, branches, 0.0, streams)
    assert len(plan.finished) == 1
    np.testing.assert_array_equal(plan.finished[0][1], [True, False, True, True])
    np.testing.assert_array_equal(plan.cost, [400.0, 800.0])  # per participant, on completion
    schedule.apply_finished(plan, staff, branches, plan.levers, p)
    np.testing.assert_allclose(staff.ability, [0.65, 0.5, 0.65, 0.65], atol=1e-6)
    record = schedule.records[0]
    assert (record.reached, record.completed) == (4, 3)
    assert record.money_spent == pytest.approx(100.0 + 1200.0)


@pytest.mark.parametrize("duration", [3, None])
def test_lever_campaigns_override_only_their_branches_while_active(hand, duration):
    """Incentive, leadership and promise levers replace the branch style in their branches, start..end."""
    specs = [
        IncentiveScheme(
            kind="incentive_scheme",
            start_day=5,
            duration_days=duration,
            branches=[1],
            focus_effect=1.0,
            reward=0.9,
            punishment=0.05,
            cost_per_employee_day=2.0,
        ),
        Leadership(
            kind="leadership",
            start_day=5,
            duration_days=duration,
            branches=[1],
            support=0.95,
            punishment=0.0,
            cost_per_employee_day=1.0,
        ),
        Promise(
            kind="promise",
            start_day=5,
            duration_days=duration,
            branches=[1],
            level=0.7,
            advertising_cost_per_day=20.0,
        ),
    ]
    schedule = CampaignSchedule(specs, 2)
    staff = hand.staff([0, 0, 0, 1, 1])
    branches = hand.branches([3, 2], [5, 5], support=0.3, punishment=0.4, reward=0.2, focus_effect=0.1)
    streams = RandomStreams(0)
    base = (0.3, 0.4, 0.2, 0.1, 0.15)
    campaign = (0.95, 0.0, 0.9, 1.0, 0.7)
    for day in (0, 4, 5, 7, 8, 1000):
        plan = schedule.plan_day(day, staff, branches, 0.15, streams)
        lv = plan.levers
        active = day >= 5 and (duration is None or day < 5 + duration)
        got = [
            (lv.support[b], lv.punishment[b], lv.reward[b], lv.focus_effect[b], lv.promise[b]) for b in (0, 1)
        ]
        assert got[0] == pytest.approx(base)
        assert got[1] == pytest.approx(campaign if active else base)
        expected_cost = (2.0 * 2 + 1.0 * 2 + 20.0) if active else 0.0
        np.testing.assert_allclose(plan.cost, [0.0, expected_cost])
        assert not plan.in_training.any()
    # branch style itself is never changed
    np.testing.assert_allclose(branches.support, 0.3)


def test_leadership_without_punishment_keeps_branch_punishment(hand):
    spec = Leadership(kind="leadership", start_day=0, support=0.9)
    schedule = CampaignSchedule([spec], 1)
    plan = schedule.plan_day(
        0, hand.staff([0, 0]), hand.branches([2], [4], punishment=0.4), 0.0, RandomStreams(0)
    )
    assert plan.levers.support[0] == pytest.approx(0.9)
    assert plan.levers.punishment[0] == pytest.approx(0.4)


def test_campaign_cost_kpi_equals_records(make_scenario):
    """Sum of the campaign_cost KPI = sum of every campaign's money_spent; each cost kind appears."""
    campaigns = [
        {
            "kind": "behaviour_training",
            "start_day": 2,
            "duration_days": 8,
            "cost_per_participant": 400,
            "fixed_cost_per_branch": 1000,
        },
        {"kind": "attitude_training", "start_day": 5, "duration_days": 6, "branches": {"share": 0.5}},
        {"kind": "incentive_scheme", "start_day": 10, "duration_days": 5, "cost_per_employee_day": 3},
        {"kind": "leadership", "start_day": 12, "branches": [2]},
        {"kind": "promise", "start_day": 20, "duration_days": 4, "advertising_cost_per_day": 20},
    ]
    model = CampaignModel(make_scenario(run={"days": 30}, staff=NO_QUITS, campaigns=campaigns)).run()
    kpi = model.kpis.series("campaign_cost").astype(np.float64)
    spent = [r.money_spent for r in model.campaigns.records]
    assert kpi.sum() == pytest.approx(sum(spent), rel=1e-5)
    staff = model.branch_state.staff_count
    n_staff = staff.sum()
    assert spent[0] == pytest.approx(3 * 1000 + 400 * n_staff)
    assert spent[2] == pytest.approx(3 * 5 * n_staff)
    assert spent[3] == pytest.approx(1.0 * staff[2] * (30 - 12))
    assert spent[4] == pytest.approx(20 * 4 * 3)
    summary = model.campaigns.summary()
    assert [row["money_spent"] for row in summary] == [round(s, 2) for s in spent]
    # fixed costs fall on the start day, promise costs only on days 20-23
    assert kpi[2].sum() >= 3 * 1000
    np.testing.assert_allclose(kpi[24:, :2], 0.0)


@pytest.mark.parametrize("duration", [10, 1])
def test_evaluation_after_delay(make_scenario, monkeypatch, duration):
    """Mechanism 12 runs once per campaign, EVALUATION_DELAY days after its end, for its participants."""
    calls = []
    model = None

    def spy(staff, participants, wellbeing_before, p):
        calls.append((model.day, participants.copy()))

    monkeypatch.setattr(campaigns_module, "evaluate_campaign", spy)
    spec = {
        "kind": "attitude_training",
        "start_day": 3,
        "duration_days": duration,
        "days_off_floor": 1,
        "branches": [1],
    }
    end = 3 + duration
    days = end + EVALUATION_DELAY + 5
    model = CampaignModel(make_scenario(run={"days": days}, staff=NO_QUITS, campaigns=[spec]))
    model.run()
    assert [day for day, _ in calls] == [end + EVALUATION_DELAY]
    np.testing.assert_array_equal(calls[0][1], model.staff_state.branch == 1)
    assert model.campaigns.records[0].evaluated


def test_open_ended_campaign_judged_after_fixed_delay(make_scenario, monkeypatch):
    """A lever without duration never ends: it is judged once, OPEN_ENDED_VERDICT days after its start."""
    calls = []
    model = None
    monkeypatch.setattr(campaigns_module, "evaluate_campaign", lambda *a: calls.append(model.day))
    start = 4
    scenario = make_scenario(
        run={"days": start + OPEN_ENDED_VERDICT + 20},
        campaigns=[{"kind": "incentive_scheme", "start_day": start}],
    )
    model = CampaignModel(scenario)
    model.run()
    assert calls == [start + OPEN_ENDED_VERDICT]


def test_campaign_changes_willingness_on_evaluation_day(make_scenario):
    """Participants' willingness jumps on the evaluation day (learning 1, sensitivity 0: verdict 0.5)."""
    spec = {"kind": "attitude_training", "start_day": 2, "duration_days": 3, "days_off_floor": 1}
    scenario = make_scenario(
        run={"days": 40},
        staff={
            **NO_QUITS,
            "participation_learning": 1.0,
            "participation_sensitivity": 0.0,
            "willingness_drift": 0.0,
        },
        campaigns=[spec],
    )
    model = CampaignModel(scenario)
    eval_day = 5 + EVALUATION_DELAY
    model.run(days=eval_day)
    assert not np.allclose(model.staff_state.willingness, 0.5)
    model.step()  # the evaluation day
    np.testing.assert_allclose(model.staff_state.willingness, 0.5, atol=1e-6)


def test_scenario_without_campaigns_costs_nothing(make_scenario):
    model = CampaignModel(make_scenario(run={"days": 10})).run()
    assert model.kpis.series("campaign_cost").sum() == 0
    assert model.kpis.series("training_days").sum() == 0
    assert isinstance(model.config, Scenario)
