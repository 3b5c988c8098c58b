"""Mechanism 8: attitude content is absorbed slowly into effect awareness; fear of the boss erodes it."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import absorb_attitude, complete_attitude_training

#: the parameters the hand computations use (pinned: defaults may be recalibrated)
P = StaffBehaviour(
    attitude_absorb=0.03, awareness_decay=0.002, awareness_fear_erosion=3.0, uptake_willingness=0.4
)


def test_completion_sets_pending_and_purpose_boost(hand):
    """pending += gain*gap*uptake; engagement, willingness += purpose*gap; awareness not yet changed."""
    staff = hand.staff(
        [0, 0, 0], effect_awareness=0.3, engagement=0.5, willingness=[1.0, 0.4, 0.4], ability=0.5
    )
    complete_attitude_training(staff, np.array([True, True, False]), 0.5, 0.1, P)
    uptake = 1 - 0.4 * 0.6
    np.testing.assert_allclose(staff.attitude_pending, [0.35, 0.35 * uptake, 0.0], atol=1e-6)
    np.testing.assert_allclose(staff.effect_awareness, 0.3, atol=1e-7)
    np.testing.assert_allclose(staff.engagement, [0.55, 0.55, 0.5], atol=1e-6)
    np.testing.assert_allclose(staff.willingness, [1.0, 0.46, 0.4], atol=1e-6)
    np.testing.assert_allclose(staff.ability, 0.5)  # attitude work does not teach behaviour


def test_pending_never_exceeds_gap(hand):
    """Repeated workshops cannot promise more awareness than the gap to 1."""
    staff = hand.staff([0], effect_awareness=0.3, willingness=1.0)
    for _ in range(20):
        complete_attitude_training(staff, np.array([True]), 1.0, 0.0, P)
    assert staff.attitude_pending[0] == pytest.approx(0.7, abs=1e-6)


def test_absorbed_gradually(hand):
    """After one day only attitude_absorb of the pending content shows (minus its erosion)."""
    staff = hand.staff([0], effect_awareness=0.3, attitude_pending=0.35, fear_of_boss=0.3)
    absorb_attitude(staff, P)
    absorbed = 0.03 * 0.35
    rate = 0.002 * (1 + 3.0 * 0.3)
    assert staff.effect_awareness[0] == pytest.approx(0.3 + absorbed - rate * absorbed, abs=1e-6)
    assert staff.attitude_pending[0] == pytest.approx(0.35 - absorbed, abs=1e-6)
    # much less than the whole content on day one, most of it within ~100 days
    assert staff.effect_awareness[0] - 0.3 < 0.1 * 0.35
    for _ in range(100):
        absorb_attitude(staff, P)
    assert staff.attitude_pending[0] < 0.35 * 0.97**100 + 1e-6


def test_awareness_erodes_faster_with_fear_of_boss(hand):
    """Awareness above baseline decays at awareness_decay*(1+erosion*fear_of_boss)."""
    staff = hand.staff([0, 0], effect_awareness=0.8, awareness_baseline=0.3, fear_of_boss=[0.0, 1.0])
    absorb_attitude(staff, P)
    np.testing.assert_allclose(staff.effect_awareness, [0.8 - 0.002 * 0.5, 0.8 - 0.008 * 0.5], atol=1e-6)


def test_awareness_not_eroded_below_baseline(hand):
    """At or below the baseline nothing erodes."""
    staff = hand.staff([0, 0], effect_awareness=[0.3, 0.2], awareness_baseline=0.3, fear_of_boss=1.0)
    absorb_attitude(staff, P)
    np.testing.assert_allclose(staff.effect_awareness, [0.3, 0.2], atol=1e-7)


def test_erosion_never_overshoots_baseline_at_fastest_allowed_rate(hand):
    """With the largest declared decay and erosion awareness falls to its baseline, never below."""
    p = StaffBehaviour(awareness_decay=1.0, awareness_fear_erosion=20.0)
    staff = hand.staff([0], effect_awareness=0.8, awareness_baseline=0.3, fear_of_boss=1.0)
    absorb_attitude(staff, p)
    assert staff.effect_awareness[0] >= 0.3 - 1e-6
