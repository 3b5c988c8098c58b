"""Mechanism 7: training raises ability; its transfer starts lower with fear and decays to a floor."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import complete_behaviour_training, decay_transfer, learn_on_the_job

#: the parameters the hand computations use (pinned: defaults may be recalibrated)
P = StaffBehaviour(
    transfer_base=0.99, transfer_fear=0.6, transfer_support=0.3, transfer_motivation=0.2, transfer_floor=0.26,
    transfer_decay=0.004, learning_rate=0.003, uptake_willingness=0.4,
)  # fmt: skip


def _start_transfer(fear, env, willingness, p=P):
    return (
        p.transfer_base
        * (1 - p.transfer_fear * fear)
        * (1 - p.transfer_support * (1 - env))
        * (1 - p.transfer_motivation * (1 - willingness))
    )


def test_completion_raises_ability_by_gain_times_gap(hand):
    """A willing trainee: ability += gain*(1-ability); trained_gain records it; transfer from the formula."""
    staff = hand.staff([0, 0, 1], ability=[0.4, 0.6, 0.4], fear=[0.2, 0.2, 0.2], willingness=1.0)
    trainees = np.array([True, True, False])
    complete_behaviour_training(staff, trainees, 0.3, np.array([0.5, 0.5]), np.array([0.7, 0.5]), P)
    np.testing.assert_allclose(staff.ability, [0.58, 0.72, 0.4], atol=1e-6)
    np.testing.assert_allclose(staff.trained_gain, [0.18, 0.12, 0.0], atol=1e-6)
    assert staff.transfer[0] == pytest.approx(_start_transfer(0.2, 0.6, 1.0), abs=1e-6)
    assert staff.transfer[2] == 0.0


def test_unwilling_trainees_take_up_less(hand):
    """Uptake = 1 - uptake_willingness*(1-willingness): willingness 0.5 takes up 0.8 of the gain."""
    staff = hand.staff([0, 0], ability=0.4, fear=0.2, willingness=[0.5, 0.0])
    complete_behaviour_training(staff, np.ones(2, bool), 0.3, np.array([0.5]), np.array([0.5]), P)
    np.testing.assert_allclose(staff.trained_gain, [0.18 * 0.8, 0.18 * 0.6], atol=1e-6)
    np.testing.assert_allclose(staff.ability, 0.4 + staff.trained_gain, atol=1e-6)
    assert staff.transfer[0] == pytest.approx(_start_transfer(0.2, 0.5, 0.5), abs=1e-6)


def test_more_fear_lower_transfer(hand):
    """Start transfer falls strictly with fear."""
    fear = np.linspace(0, 1, 5)
    staff = hand.staff([0] * 5, ability=0.5, fear=fear)
    complete_behaviour_training(staff, np.ones(5, bool), 0.3, np.array([0.5]), np.array([0.5]), P)
    assert np.all(np.diff(staff.transfer) < 0)
    assert staff.transfer[-1] == pytest.approx(staff.transfer[0] * (1 - P.transfer_fear), rel=1e-5)


def test_second_training_averages_transfer_by_gain(hand):
    """A second training blends transfer weighted by the gains."""
    staff = hand.staff([0], ability=0.7, trained_gain=0.2, transfer=0.3, fear=0.0, willingness=1.0)
    complete_behaviour_training(staff, np.array([True]), 0.5, np.array([1.0]), np.array([1.0]), P)
    gain = 0.5 * 0.3
    expected = (0.2 * 0.3 + gain * P.transfer_base) / (0.2 + gain)
    assert staff.transfer[0] == pytest.approx(expected, abs=1e-6)
    assert staff.trained_gain[0] == pytest.approx(0.35, abs=1e-6)


def test_no_trainees_no_change(hand):
    staff = hand.staff([0, 0], ability=0.4)
    complete_behaviour_training(staff, np.zeros(2, bool), 0.3, np.array([0.5]), np.array([0.5]), P)
    np.testing.assert_allclose(staff.ability, 0.4)
    np.testing.assert_allclose(staff.trained_gain, 0.0)


def test_transfer_decay_exact_step(hand):
    """rate 0.004*(1+0.3-0.5)=0.0032, floor 0.26*(1-0.6*0.3)=0.2132, t=0.8 -> 0.8-0.0032*0.5868."""
    staff = hand.staff([0], trained_gain=0.2, transfer=0.8, fear=0.3)
    decay_transfer(staff, np.array([0.5]), np.array([0.5]), P)
    assert staff.transfer[0] == pytest.approx(0.8 - 0.0032 * (0.8 - 0.2132), abs=1e-6)


def test_transfer_decays_toward_floor_never_below(hand):
    """Over many days transfer falls monotonically to the fear-lowered floor and stops there."""
    fear = np.array([0.0, 0.5, 1.0])
    staff = hand.staff([0, 0, 0], trained_gain=0.2, transfer=0.9, fear=fear)
    floor = P.transfer_floor * (1 - P.transfer_fear * fear)
    prev = staff.transfer.copy()
    for _ in range(3000):
        decay_transfer(staff, np.array([0.3]), np.array([0.4]), P)
        assert np.all(staff.transfer <= prev + 1e-7)
        assert np.all(staff.transfer >= floor - 1e-6)
        prev = staff.transfer.copy()
    np.testing.assert_allclose(staff.transfer, floor, atol=1e-3)


def test_fear_speeds_decay(hand):
    """More fear, faster decay (and a lower floor)."""
    staff = hand.staff([0, 0], trained_gain=0.2, transfer=0.9, fear=[0.1, 0.8])
    for _ in range(50):
        decay_transfer(staff, np.array([0.5]), np.array([0.5]), P)
    assert staff.transfer[1] < staff.transfer[0]


def test_transfer_never_below_floor_at_fastest_allowed_decay(hand):
    """Even at the largest declared decay rate, fear 1 and no support, transfer stops at its floor."""
    p = StaffBehaviour(transfer_decay=1.0, transfer_fear=0.5)
    staff = hand.staff([0], trained_gain=0.2, transfer=0.9, fear=1.0)
    for _ in range(5):
        decay_transfer(staff, np.array([0.0]), np.array([0.0]), p)
        assert staff.transfer[0] >= p.transfer_floor * 0.5 - 1e-6
        assert staff.transfer[0] <= 0.9


def test_untrained_transfer_unchanged(hand):
    staff = hand.staff([0], trained_gain=0.0, transfer=0.7, fear=0.5)
    decay_transfer(staff, np.array([0.5]), np.array([0.5]), P)
    assert staff.transfer[0] == pytest.approx(0.7)


def test_learn_on_the_job_only_raises(hand):
    """Below the norm ability grows by learning_rate*gap; at or above it nothing changes."""
    staff = hand.staff([0, 0, 0], ability=[0.2, 0.55, 0.9])
    learn_on_the_job(staff, np.array([0.55]), P)
    np.testing.assert_allclose(staff.ability, [0.2 + 0.003 * 0.35, 0.55, 0.9], atol=1e-6)
