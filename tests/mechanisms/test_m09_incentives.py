"""Mechanism 9: the manager rewards and punishes doing (activity) or effecting (customer outcomes)."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import apply_incentives
from campaign_sim.mechanisms.m09_incentives import Levers

# three employees of one branch, four customers each: a good, a bad and a mixed day
SERVED = np.array([4.0, 4.0, 4.0])
GOOD = np.array([4.0, 0.0, 2.0])
BAD = np.array([0.0, 3.0, 0.0])
HOSTILE = np.array([0.0, 1.0, 0.0])
SOLD = np.zeros(3)
EFFECT = np.array([1.0, -1.0, 0.5])


def _levers(focus, reward=1.0, punishment=0.0, support=0.5):
    one = np.ones(1)
    return Levers(support * one, punishment * one, reward * one, focus * one, 0 * one)


def _apply(staff, levers, p, on_duty=None, served=SERVED):
    on_duty = np.ones(staff.size, bool) if on_duty is None else on_duty
    apply_incentives(staff, on_duty, served, GOOD, BAD, HOSTILE, SOLD, levers, p)


PIN = {
    "doing_pride": 0.01,
    "effect_pride": 0.04,
    "awareness_reinforce": 0.01,
    "crowd_out": 0.004,
    "punish_fear": 0.01,
    "boss_fear_unsupportive": 0.4,
    "boss_fear_punitive": 0.2,
}
P_ISOLATED = StaffBehaviour(**PIN, boss_fear_rate=0.0)  # no relaxation of fear of the boss


def test_effect_focus_rewards_good_outcomes(hand):
    """Focus on effect: pride += effect_pride*reward*max(effect,0)*(1-pride); awareness likewise."""
    staff = hand.staff([0, 0, 0], pride=0.4, effect_awareness=0.3, engagement=0.5)
    _apply(staff, _levers(focus=1.0), P_ISOLATED)
    pos = np.maximum(EFFECT, 0)
    np.testing.assert_allclose(staff.pride, 0.4 + 0.04 * pos * 0.6, atol=1e-6)
    np.testing.assert_allclose(staff.effect_awareness, 0.3 + 0.01 * pos * 0.7, atol=1e-6)
    np.testing.assert_allclose(staff.engagement, 0.5, atol=1e-7)  # no crowding out
    assert staff.pride[0] > staff.pride[2] > staff.pride[1]


def test_doing_focus_crowds_out_engagement(hand):
    """Focus on doing: engagement -= crowd_out*reward*engagement; awareness not reinforced."""
    staff = hand.staff([0, 0, 0], pride=0.4, effect_awareness=0.3, engagement=0.5)
    _apply(staff, _levers(focus=0.0, reward=1.0), P_ISOLATED)
    np.testing.assert_allclose(staff.engagement, 0.5 - 0.004 * 0.5, atol=1e-6)
    np.testing.assert_allclose(staff.effect_awareness, 0.3, atol=1e-7)
    # pride from activity, the same for the same activity whatever the outcome
    np.testing.assert_allclose(staff.pride, 0.4 + 0.01 * (1 / 1.5) * 0.6, atol=1e-6)


def test_no_reward_no_pride(hand):
    staff = hand.staff([0, 0, 0], pride=0.4, engagement=0.5)
    _apply(staff, _levers(focus=0.0, reward=0.0), P_ISOLATED)
    np.testing.assert_allclose(staff.pride, 0.4)
    np.testing.assert_allclose(staff.engagement, 0.5)


def test_punishment_raises_fear_of_boss_on_bad_days(hand):
    """Effect focus: only the employee with negative effect is punished, by punish_fear*(1-fob)."""
    staff = hand.staff([0, 0, 0], fear_of_boss=0.3)
    _apply(staff, _levers(focus=1.0, reward=0.0, punishment=1.0), P_ISOLATED)
    np.testing.assert_allclose(staff.fear_of_boss, [0.3, 0.3 + 0.01 * 0.7, 0.3], atol=1e-6)
    # no punishment strength: nobody's fear moves
    staff = hand.staff([0, 0, 0], fear_of_boss=0.3)
    _apply(staff, _levers(focus=1.0, reward=0.0, punishment=0.0), P_ISOLATED)
    np.testing.assert_allclose(staff.fear_of_boss, 0.3)


def test_doing_focus_punishes_low_activity(hand):
    """Doing focus: a bad day is serving under half the team norm."""
    staff = hand.staff([0, 0, 0], fear_of_boss=0.3)
    _apply(
        staff, _levers(focus=0.0, reward=0.0, punishment=1.0), P_ISOLATED, served=np.array([4.0, 4.0, 0.0])
    )
    np.testing.assert_allclose(staff.fear_of_boss, [0.3, 0.3, 0.307], atol=1e-6)


def test_off_duty_neither_rewarded_nor_punished(hand):
    staff = hand.staff([0, 0, 0], pride=0.4, fear_of_boss=0.3, engagement=0.5)
    _apply(staff, _levers(focus=1.0, reward=1.0, punishment=1.0), P_ISOLATED, on_duty=np.zeros(3, bool))
    np.testing.assert_allclose(staff.pride, 0.4)
    np.testing.assert_allclose(staff.fear_of_boss, 0.3)


def test_fear_of_boss_relaxes_toward_style_target(hand):
    """fob += boss_fear_rate*(0.4*(1-support) + 0.2*punishment - fob)."""
    p = StaffBehaviour(**{**PIN, "boss_fear_rate": 0.5, "punish_fear": 0.0})

    def one_day(**style) -> float:
        """fear of the boss after one good, unrewarded day under a manager of this style"""
        staff = hand.staff([0], fear_of_boss=0.3)
        one, none = np.ones(1), np.zeros(1)
        levers = _levers(focus=1.0, reward=0.0, **style)
        apply_incentives(staff, np.array([True]), one, one, none, none, none, levers, p)
        return float(staff.fear_of_boss[0])

    expected = 0.3 + 0.5 * (0.4 * 0.8 + 0.2 * 0.5 - 0.3)
    assert one_day(punishment=0.5, support=0.2) == pytest.approx(expected, abs=1e-6)
    # a supportive, non-punishing manager lowers it
    assert one_day(punishment=0.0, support=1.0) == pytest.approx(0.15, abs=1e-6)
