"""Mechanism 4: encounters pair visitors with staff on duty; treatment is judged loss-aversely."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import CompanyConfig, CustomerBehaviour
from campaign_sim.mechanisms import judge_treatment, loyalty_curve, serve_customers
from campaign_sim.rng import STREAMS, RandomStreams

#: the parameters the hand computations use (pinned: defaults may be recalibrated)
PIN = {
    "satisfaction_rate": 0.3,
    "trust_rate": 0.15,
    "loyalty_rate": 0.05,
    "expectation_adapt": 0.05,
    "loss_aversion": 2.25,
    "experience_threshold": 0.05,
    "climate_effect": 0.2,
}


def params(**kw) -> CustomerBehaviour:
    return CustomerBehaviour(**{**PIN, **kw})


ENCOUNTER_STREAMS = ("visit", "service", "extras")  # each packs its decisions into one 64-bit draw


def test_judge_treatment_weights_losses():
    """Positive disconfirmation passes unchanged, negative is multiplied by loss_aversion."""
    out = judge_treatment(np.array([0.2, -0.2, 0.0, -0.1], np.float32), 2.25)
    np.testing.assert_allclose(out, [0.2, -0.45, 0.0, -0.225], atol=1e-7)
    assert out.dtype == np.float32
    same = judge_treatment(np.array([-0.3], np.float32), 1.0)
    assert same[0] == pytest.approx(-0.3)


def test_loyalty_curve_flat_in_middle_steep_at_ends():
    """0.5 at 0.5, 0 and 1 at the extremes, monotone, slope ~0 in the middle and 3 at the ends."""
    s = np.linspace(0, 1, 101)
    y = loyalty_curve(s)
    assert loyalty_curve(np.array([0.0, 0.5, 1.0])) == pytest.approx([0.0, 0.5, 1.0])
    assert np.all(np.diff(y) >= 0)
    middle = loyalty_curve(np.array([0.55]))[0] - 0.5
    end = 1.0 - loyalty_curve(np.array([0.95]))[0]
    assert middle == pytest.approx(4 * 0.05**3)
    assert end == pytest.approx(0.5 - 4 * 0.45**3)
    assert end > 100 * middle


def _scene(hand, *, on_duty=(True, True, False, False), active=(True, True, False, True, True, True), **cust):
    staff = hand.staff([0, 0, 1, 1], delivered_behaviour=0.5, horizon=0.5)
    customers = hand.customers([0, 0, 0, 1, 1, 1], active=list(active), **{"loyalty": 0.6, **cust})
    branches = hand.branches([2, 2], [3, 3])
    return staff, customers, branches, np.array(on_duty)


def _serve(scene, p=None, seed=3, company=None):
    staff, customers, branches, on_duty = scene
    streams = RandomStreams(seed)
    enc = serve_customers(
        customers,
        staff,
        branches,
        on_duty,
        streams,
        company or CompanyConfig(),
        p or params(visit_rate=1.0),
    )
    return enc, streams


def test_only_active_customers_visit(hand):
    """With certain visits (rate 1, loyalty 0.6) exactly the active places visit."""
    enc, _ = _serve(_scene(hand))
    np.testing.assert_array_equal(enc.visitors, [0, 1, 3, 4, 5])
    np.testing.assert_array_equal(enc.visits, [2, 3])


def test_nobody_served_where_nobody_on_duty(hand):
    """Branch 1 has nobody on duty: its visitors get server -1, no sales, nothing per employee."""
    enc, _ = _serve(_scene(hand))
    server = enc.server
    assert np.all(server[2:] == -1)
    assert set(server[:2].tolist()) <= {0, 1}
    assert enc.additional_sales[1] == 0
    np.testing.assert_array_equal(enc.served[2:], 0)
    assert enc.served.sum() == 2


def test_servers_belong_to_visitors_branch_and_are_on_duty(hand):
    """Every server is on duty and works in the visitor's branch."""
    staff = hand.staff([0, 0, 0, 1, 1, 1], delivered_behaviour=0.5, horizon=0.5)
    customers = hand.customers([0] * 40 + [1] * 40, loyalty=0.6)
    branches = hand.branches([3, 3], [40, 40])
    on_duty = np.array([True, False, True, False, True, True])
    enc = serve_customers(
        customers,
        staff,
        branches,
        on_duty,
        RandomStreams(1),
        CompanyConfig(),
        params(visit_rate=1.0),
    )
    assert np.all(enc.server >= 0)
    assert np.all(on_duty[enc.server])
    np.testing.assert_array_equal(staff.branch[enc.server], customers.branch[enc.visitors])
    assert set(enc.server.tolist()) == {0, 2, 4, 5}  # 80 visitors reach every one on duty


def test_exact_good_visit(hand):
    """No noise, no problem: quality 0.5 vs expectation 0.2 gives experience 0.3 and these updates."""
    p = params(visit_rate=1.0, quality_noise=0.0, problem_rate=0.0)
    scene = _scene(hand, on_duty=(True, True, True, True), active=(True, False, False, False, False, False))
    enc, _ = _serve(scene, p)
    c = scene[1]
    assert enc.experience[0] == pytest.approx(0.3, abs=1e-6)
    assert bool(enc.bad[0]) is False
    assert c.satisfaction[0] == pytest.approx(0.59, abs=1e-6)
    assert c.trust[0] == pytest.approx(0.5225, abs=1e-6)
    lc = 0.5 + 4 * 0.09**3
    assert c.loyalty[0] == pytest.approx(0.6 + 0.05 * (0.5 * 0.5225 + 0.5 * lc - 0.6), abs=1e-6)
    assert c.expectation[0] == pytest.approx(0.215, abs=1e-6)
    assert enc.good.sum() == 1 and enc.bad_served.sum() == 0


def test_exact_bad_visit_weighs_more(hand):
    """Quality 0.1 vs expectation 0.3: disconfirmation -0.2 judged -0.45; satisfaction 0.365."""
    p = params(visit_rate=1.0, quality_noise=0.0, problem_rate=0.0)
    scene = _scene(
        hand,
        on_duty=(True, True, True, True),
        active=(True, False, False, False, False, False),
        expectation=0.3,
    )
    scene[0].delivered_behaviour[:] = 0.1
    enc, _ = _serve(scene, p)
    assert enc.experience[0] == pytest.approx(-0.45, abs=1e-6)
    assert bool(enc.bad[0]) is True
    assert scene[1].satisfaction[0] == pytest.approx(0.365, abs=1e-6)
    assert scene[1].trust[0] == pytest.approx(0.5 - 0.15 * 0.45 * 0.5, abs=1e-6)
    assert enc.bad_served.sum() == 1


def test_revenue_is_spend_plus_addons(hand):
    """Branch revenue = sum over visitors of spend_per_visit*factor*multiplier*(0.8+0.4*sat) + addons."""
    scene = _scene(hand, on_duty=(True, True, True, False), spend_factor=[1.0, 2.0, 1.0, 0.5, 1.5, 1.0])
    scene[2].spend_multiplier[:] = [1.0, 1.2]
    company = CompanyConfig(spend_per_visit=100.0, addon_value=10.0)
    enc, _ = _serve(scene, params(visit_rate=1.0, need_rate=1.0), company=company, seed=7)
    c, b = scene[1], scene[2]
    v = enc.visitors
    spend = 100.0 * c.spend_factor[v] * b.spend_multiplier[c.branch[v]] * (0.8 + 0.4 * c.satisfaction[v])
    expected = np.bincount(c.branch[v], weights=spend, minlength=2) + 10.0 * enc.additional_sales
    np.testing.assert_allclose(enc.revenue, expected, rtol=1e-5)
    assert enc.additional_sales.sum() > 0


def test_complaints_only_from_unsolved_problems(hand):
    """No problems: no complaints; unsolvable problems with certain voicing: complaints = unsolved."""
    scene = _scene(hand, on_duty=(True, True, True, True))
    enc, _ = _serve(scene, params(visit_rate=1.0, problem_rate=0.0))
    assert enc.problems.sum() == enc.unsolved.sum() == enc.complaints.sum() == enc.escalations.sum() == 0
    scene = _scene(hand, on_duty=(True, True, True, True), loyalty=1.0)
    p = CustomerBehaviour(
        visit_rate=1.0, problem_rate=1.0, solve_max=0.0, complain_share=1.0, escalate_share=0.0
    )
    enc, _ = _serve(scene, p)
    np.testing.assert_array_equal(enc.problems, enc.visits)
    np.testing.assert_array_equal(enc.unsolved, enc.visits)
    np.testing.assert_array_equal(enc.complaints, enc.unsolved)
    assert enc.escalations.sum() == 0
    assert enc.hostile.sum() == enc.complaints.sum()


def test_solved_problems_do_not_complain(hand):
    """Full horizon and solve_max 1: every problem solved, no complaint."""
    scene = _scene(hand, on_duty=(True, True, True, True))
    scene[0].horizon[:] = 1.0
    p = params(visit_rate=1.0, problem_rate=1.0, solve_max=1.0, complain_share=1.0)
    enc, _ = _serve(scene, p)
    assert enc.problems.sum() == 5
    assert enc.unsolved.sum() == enc.complaints.sum() == 0


def test_counts_are_consistent_on_larger_population(make_population, make_scenario):
    """Per-employee counts add up to branch counts; escalations <= complaints <= unsolved <= problems."""
    staff, customers, branches = make_population(seed=4)
    on_duty = np.ones(staff.size, bool)
    on_duty[::3] = False
    staff.delivered_behaviour[:] = 0.4
    staff.horizon[:] = 0.4
    enc = serve_customers(
        customers,
        staff,
        branches,
        on_duty,
        RandomStreams(8),
        CompanyConfig(),
        CustomerBehaviour(visit_rate=0.5),
    )
    per_branch = np.bincount(staff.branch, weights=enc.served, minlength=branches.size)
    np.testing.assert_allclose(per_branch, enc.visits)
    assert np.all(enc.served[~on_duty] == 0)
    assert enc.sold.sum() == enc.additional_sales.sum()
    assert enc.hostile.sum() == enc.complaints.sum()
    assert enc.good.sum() + enc.bad_served.sum() <= enc.served.sum()
    assert enc.good.sum() == enc.experience[enc.experience > 0.05].size
    assert enc.bad_served.sum() == enc.bad.sum()
    assert np.all(enc.escalations <= enc.complaints)
    assert np.all(enc.complaints <= enc.unsolved)
    assert np.all(enc.unsolved <= enc.problems)
    assert np.all(enc.problems <= enc.visits)
    assert enc.experience_sum.sum() == pytest.approx(float(enc.experience.sum()), rel=1e-5)


def _plain(state):
    """A bit generator's state as plain values (SFC64 keeps its words in an array)."""
    if isinstance(state, dict):
        return {key: _plain(value) for key, value in state.items()}
    return state.tolist() if isinstance(state, np.ndarray) else state


def _state(streams):
    return {name: _plain(getattr(streams, name).bit_generator.state) for name in STREAMS}


def test_common_random_numbers(hand, make_population):
    """Each encounter stream consumes one 64-bit draw per customer place, whoever visits or serves."""
    staff, customers, branches = make_population(seed=1)
    n = customers.size
    a = RandomStreams(99)
    serve_customers(
        customers, staff, branches, np.ones(staff.size, bool), a, CompanyConfig(), CustomerBehaviour()
    )
    # a different campaign state: nobody active, nobody on duty, other delivered behaviour
    staff.delivered_behaviour[:] = 0.9
    customers.active[:] = False
    b = RandomStreams(99)
    enc = serve_customers(
        customers,
        staff,
        branches,
        np.zeros(staff.size, bool),
        b,
        CompanyConfig(),
        params(visit_rate=1.0),
    )
    assert enc.visitors.size == 0
    assert _state(a) == _state(b)
    # and exactly n numbers per encounter stream, none from the others
    ref = RandomStreams(99)
    for name in ENCOUNTER_STREAMS:
        getattr(ref, name).bit_generator.random_raw(n)
    assert _state(a) == _state(ref)
