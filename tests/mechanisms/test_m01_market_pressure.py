"""Mechanism 1: market pressure raises job fear toward its target and erodes engagement."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import apply_market_pressure

#: the parameters the hand computations below use (pinned: defaults may be recalibrated)
PIN = {
    "job_fear_rate": 0.02,
    "results_threat": 1.0,
    "resource_buffer": 0.5,
    "engagement_rate": 0.01,
    "fear_demand": 0.5,
}


def params(**kw) -> StaffBehaviour:
    return StaffBehaviour(**{**PIN, **kw})


def _apply(hand, pressure=0.3, revenue_ratio=1.0, support=0.5, climate=0.5, p=None, **states):
    staff = hand.staff([0], **{"fear": 0.3, **states})
    apply_market_pressure(
        staff,
        pressure,
        np.array([revenue_ratio]),
        np.array([support]),
        np.array([climate]),
        p or params(),
    )
    return staff


def test_one_step_matches_hand_computation(hand):
    """threat 0.3, resources 0.25*(0.5+0.5+0.4+0.3)=0.425, target 0.3*(1-0.5*0.425)=0.23625;
    job fear 0.3+0.02*(0.23625-0.3)=0.298725; engagement 0.5+0.01*(0.425*0.5-0.45*0.5)=0.499875."""
    staff = _apply(hand, fear_for_job=0.3, engagement=0.5, pride=0.4, effect_awareness=0.3)
    assert staff.fear_for_job[0] == pytest.approx(0.298725, abs=1e-6)
    assert staff.engagement[0] == pytest.approx(0.499875, abs=1e-6)


def test_revenue_shortfall_adds_threat(hand):
    """A revenue ratio of 0.8 adds results_threat*0.2 to the threat: target 0.5*(1-0.2125)."""
    p = params(job_fear_rate=1.0)  # jump straight to the target
    staff = _apply(hand, revenue_ratio=0.8, p=p, pride=0.4, effect_awareness=0.3)
    assert staff.fear_for_job[0] == pytest.approx(0.5 * (1 - 0.5 * 0.425), abs=1e-6)
    surplus = _apply(hand, revenue_ratio=1.5, p=p, pride=0.4, effect_awareness=0.3)
    assert surplus.fear_for_job[0] == pytest.approx(0.3 * (1 - 0.5 * 0.425), abs=1e-6)


@pytest.mark.parametrize("start", [0.0, 0.3, 0.9])
def test_job_fear_converges_to_target(hand, start):
    """Repeated days move job fear monotonically to threat*(1-buffer*resources), from either side."""
    staff = hand.staff([0], fear_for_job=start, fear=0.3, pride=0.4, effect_awareness=0.3)
    target = 0.6 * (1 - 0.5 * 0.425)
    path = []
    for _ in range(600):
        apply_market_pressure(staff, 0.6, np.ones(1), np.array([0.5]), np.array([0.5]), StaffBehaviour())
        path.append(float(staff.fear_for_job[0]))
    diffs = np.diff(path) * np.sign(target - start)
    assert np.all(diffs >= -1e-7)
    assert path[-1] == pytest.approx(target, abs=1e-4)


def test_higher_pressure_raises_job_fear_and_lowers_engagement(hand):
    """More pressure: higher job-fear target and more demands on engagement."""
    low = _apply(hand, pressure=0.1)
    high = _apply(hand, pressure=0.8)
    assert high.fear_for_job[0] > low.fear_for_job[0]
    assert high.engagement[0] < low.engagement[0]


def test_resources_buffer_job_fear(hand):
    """Supportive manager, good climate, pride and effect awareness lower the job-fear target."""
    poor = _apply(hand, pressure=0.7, support=0.0, climate=0.0, pride=0.0, effect_awareness=0.0)
    rich = _apply(hand, pressure=0.7, support=1.0, climate=1.0, pride=1.0, effect_awareness=1.0)
    assert rich.fear_for_job[0] < poor.fear_for_job[0]
    assert rich.engagement[0] > poor.engagement[0]
    # no buffering at all when resource_buffer = 0
    p = params(resource_buffer=0.0)
    a = _apply(hand, pressure=0.7, support=0.0, climate=0.0, p=p)
    b = _apply(hand, pressure=0.7, support=1.0, climate=1.0, p=p)
    assert a.fear_for_job[0] == pytest.approx(b.fear_for_job[0], abs=1e-7)


def test_fear_adds_demands(hand):
    """Total fear adds fear_demand*fear to the demands that erode engagement."""
    calm = _apply(hand, fear=0.0)
    afraid = _apply(hand, fear=1.0)
    assert calm.engagement[0] - afraid.engagement[0] == pytest.approx(0.01 * 0.5 * 1.0 * 0.5, abs=1e-6)


def test_branch_values_are_used_per_employee(hand):
    """Each employee sees its own branch's revenue ratio, support and climate."""
    staff = hand.staff([0, 0, 1], fear=0.3, fear_for_job=0.3)
    p = params(job_fear_rate=1.0)
    apply_market_pressure(staff, 0.3, np.array([1.0, 0.5]), np.array([0.5, 0.5]), np.array([0.5, 0.5]), p)
    assert staff.fear_for_job[0] == staff.fear_for_job[1]
    assert staff.fear_for_job[2] > staff.fear_for_job[0]
