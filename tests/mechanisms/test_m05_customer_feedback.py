"""Mechanism 5: good encounters build pride (through effect awareness), hostile ones raise fear."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import feed_back_to_staff

P = StaffBehaviour(
    pride_from_customers=0.03, pride_decay=0.006, fear_customer_gain=0.03, fear_customer_relief=0.01
)


def _feed(staff, served, good, hostile, p=None):
    feed_back_to_staff(
        staff,
        np.asarray(served, float),
        np.asarray(good, float),
        np.asarray(hostile, float),
        p or P,
    )


def test_exact_pride_and_fear(hand):
    """pride 0.4 + 0.03*0.5*(4/5)*0.6 = 0.4072, then *(1-0.006); fear 0.2 - 0.01*0.8*0.2 = 0.1984."""
    staff = hand.staff([0], pride=0.4, effect_awareness=0.5, fear_of_customers=0.2)
    _feed(staff, [5], [4], [0])
    assert staff.pride[0] == pytest.approx(0.4072 * (1 - 0.006), abs=1e-6)
    assert staff.fear_of_customers[0] == pytest.approx(0.1984, abs=1e-6)


def test_pride_gain_proportional_to_effect_awareness(hand):
    """The pride gained from the same good encounters scales with effect awareness (0 -> none)."""
    ea = np.array([0.0, 0.2, 0.6])
    staff = hand.staff([0, 0, 0], pride=0.4, effect_awareness=ea)
    _feed(staff, [4, 4, 4], [4, 4, 4], [0, 0, 0])
    gain = staff.pride / (1 - 0.006) - 0.4
    assert gain[0] == pytest.approx(0.0, abs=1e-7)
    assert gain[2] / gain[1] == pytest.approx(3.0, rel=1e-4)


def test_hostile_encounters_raise_fear_of_customers(hand):
    """All-hostile day: fear rises by fear_customer_gain*(1-fear); more hostility, more fear."""
    staff = hand.staff([0, 0, 0], fear_of_customers=0.2)
    _feed(staff, [4, 4, 4], [0, 0, 0], [0, 2, 4])
    assert staff.fear_of_customers[0] == pytest.approx(0.2, abs=1e-7)
    assert staff.fear_of_customers[2] == pytest.approx(0.2 + 0.03 * 0.8, abs=1e-6)
    assert staff.fear_of_customers[0] < staff.fear_of_customers[1] < staff.fear_of_customers[2]


def test_good_encounters_calm_fear(hand):
    """Good shares lower fear of customers; a day without encounters leaves it and only decays pride."""
    staff = hand.staff([0, 0], fear_of_customers=0.5, pride=0.5)
    _feed(staff, [3, 0], [3, 0], [0, 0])
    assert staff.fear_of_customers[0] < 0.5
    assert staff.fear_of_customers[1] == pytest.approx(0.5)
    assert staff.pride[1] == pytest.approx(0.5 * (1 - 0.006), abs=1e-7)
