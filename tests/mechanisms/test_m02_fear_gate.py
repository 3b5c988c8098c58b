"""Mechanism 2: total fear is a weighted sum; behaviour delivered is ability gated by fear and motivation."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import deliver_behaviour, total_fear

P = StaffBehaviour(fear_weight_customers=0.3, fear_weight_boss=0.4, fear_block=0.8, motivation_floor=0.4)


def test_total_fear_is_weighted_sum(hand):
    """fear = 0.3*customers + 0.4*boss + 0.3*job with the default weights."""
    staff = hand.staff(
        [0, 0, 1],
        fear_of_customers=[0.1, 0.9, 0.5],
        fear_of_boss=[0.2, 0.0, 1.0],
        fear_for_job=[0.7, 0.4, 0.0],
    )
    out = total_fear(staff, P)
    expected = (
        0.3 * np.array([0.1, 0.9, 0.5]) + 0.4 * np.array([0.2, 0.0, 1.0]) + 0.3 * np.array([0.7, 0.4, 0.0])
    )
    np.testing.assert_allclose(staff.fear, expected, atol=1e-6)
    assert out is staff.fear


def test_total_fear_weights_change_the_mix(hand):
    """All weight on the boss makes total fear equal fear of the boss."""
    staff = hand.staff([0, 0], fear_of_customers=[0.9, 0.1], fear_of_boss=[0.2, 0.6], fear_for_job=[0.5, 0.5])
    total_fear(staff, P.model_copy(update={"fear_weight_customers": 0.0, "fear_weight_boss": 1.0}))
    np.testing.assert_allclose(staff.fear, [0.2, 0.6], atol=1e-7)


def test_delivered_exact_value(hand):
    """applied 0.6-0.2*(1-0.5)=0.5; motivation 0.5; gate (1-0.8*0.25)*(0.4+0.6*0.5)=0.56 -> 0.28."""
    staff = hand.staff([0], ability=0.6, trained_gain=0.2, transfer=0.5, engagement=0.6, pride=0.4, fear=0.25)
    deliver_behaviour(staff, P)
    assert staff.delivered_behaviour[0] == pytest.approx(0.28, abs=1e-6)


def test_more_fear_less_delivered(hand):
    """Delivered behaviour falls strictly and linearly as fear rises, ability held fixed."""
    fear = np.linspace(0, 1, 6)
    staff = hand.staff([0] * 6, ability=0.7, engagement=0.5, pride=0.5, fear=fear)
    deliver_behaviour(staff, P)
    assert np.all(np.diff(staff.delivered_behaviour) < 0)
    # at maximal fear only 1 - fear_block of the fearless value remains
    assert staff.delivered_behaviour[-1] == pytest.approx(staff.delivered_behaviour[0] * (1 - 0.8), rel=1e-5)


def test_motivation_gate(hand):
    """No engagement and no pride leave motivation_floor of behaviour; full motivation all of it."""
    staff = hand.staff([0, 0], ability=0.8, fear=0.0, engagement=[0.0, 1.0], pride=[0.0, 1.0])
    deliver_behaviour(staff, P)
    np.testing.assert_allclose(staff.delivered_behaviour, [0.8 * 0.4, 0.8], atol=1e-6)


def test_untransferred_training_is_not_applied(hand):
    """Only the transferred share of trained_gain reaches the floor: transfer 0 loses all of it."""
    kw = {"ability": 0.7, "trained_gain": 0.3, "fear": 0.0, "engagement": 1.0, "pride": 1.0}
    staff = hand.staff([0, 0, 0], transfer=[0.0, 0.5, 1.0], **kw)
    deliver_behaviour(staff, P)
    np.testing.assert_allclose(staff.delivered_behaviour, [0.4, 0.55, 0.7], atol=1e-6)


def test_ability_without_training_is_fully_applied(hand):
    """With no trained gain, transfer is irrelevant."""
    staff = hand.staff([0, 0], ability=0.5, trained_gain=0.0, transfer=[0.0, 1.0], fear=0.2)
    deliver_behaviour(staff, P)
    assert staff.delivered_behaviour[0] == staff.delivered_behaviour[1]
