"""Mechanism 12: willingness follows how earlier campaigns went, and drifts toward engagement."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import drift_willingness, evaluate_campaign
from campaign_sim.mechanisms.m12_participation import wellbeing

P = StaffBehaviour(participation_learning=0.6, participation_sensitivity=3.0, willingness_drift=0.002)


def test_wellbeing_is_pride_minus_fear(hand):
    staff = hand.staff([0, 0], pride=[0.6, 0.2], fear=[0.1, 0.5])
    np.testing.assert_allclose(wellbeing(staff), [0.5, -0.3], atol=1e-6)


def test_evaluation_moves_willingness_with_wellbeing_change(hand):
    """verdict = clip(0.5 + 3*change); willingness += 0.6*(verdict - willingness); others untouched."""
    staff = hand.staff([0, 0, 0, 0], pride=[0.5, 0.3, 0.4, 0.9], fear=0.2, willingness=0.5)
    before = np.array([0.2, 0.2, 0.2, 0.0], np.float32)  # pride - fear before the campaign
    evaluate_campaign(staff, np.array([True, True, True, False]), before, P)
    change = np.array([0.1, -0.1, 0.0])
    verdict = np.clip(0.5 + 3.0 * change, 0, 1)
    np.testing.assert_allclose(staff.willingness[:3], 0.5 + 0.6 * (verdict - 0.5), atol=1e-6)
    assert staff.willingness[0] > 0.5 > staff.willingness[1]
    assert staff.willingness[3] == pytest.approx(0.5)


def test_verdict_is_clipped(hand):
    """A huge improvement moves willingness toward 1, never past it."""
    staff = hand.staff([0], pride=1.0, fear=0.0, willingness=0.9)
    evaluate_campaign(
        staff, np.array([True]), np.array([-1.0], np.float32), StaffBehaviour(participation_learning=1.0)
    )
    assert staff.willingness[0] == pytest.approx(1.0)


def test_no_participants_no_change(hand):
    staff = hand.staff([0, 0], willingness=0.4)
    evaluate_campaign(staff, np.zeros(2, bool), np.zeros(2, np.float32), P)
    np.testing.assert_allclose(staff.willingness, 0.4)


def test_drift_toward_engagement(hand):
    """willingness += willingness_drift*(engagement - willingness), up or down."""
    staff = hand.staff([0, 0], willingness=[0.2, 0.8], engagement=0.5)
    drift_willingness(staff, P)
    np.testing.assert_allclose(staff.willingness, [0.2 + 0.002 * 0.3, 0.8 - 0.002 * 0.3], atol=1e-7)
