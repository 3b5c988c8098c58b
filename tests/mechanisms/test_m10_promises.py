"""Mechanism 10: expectations drift toward the market baseline plus what the branch promises."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import CustomerBehaviour
from campaign_sim.mechanisms import adjust_expectations


def test_exact_step_per_branch(hand):
    """e += expectation_rate*(baseline + promise_lift*promise[branch] - e)."""
    customers = hand.customers([0, 0, 1], expectation=[0.2, 0.5, 0.2])
    adjust_expectations(
        customers, np.array([0.0, 1.0]), 0.2, CustomerBehaviour(expectation_rate=0.02, promise_lift=0.2)
    )
    np.testing.assert_allclose(
        customers.expectation, [0.2, 0.5 + 0.02 * (0.2 - 0.5), 0.2 + 0.02 * 0.2], atol=1e-6
    )


def test_converges_to_baseline_plus_lift(hand):
    """After many days expectation equals baseline + promise_lift*promise; more promise, higher."""
    customers = hand.customers([0, 1], expectation=0.2)
    p = CustomerBehaviour(promise_lift=0.3, expectation_rate=0.02)
    for _ in range(1000):
        adjust_expectations(customers, np.array([0.5, 1.0]), 0.25, p)
    np.testing.assert_allclose(customers.expectation, [0.25 + 0.15, 0.25 + 0.3], atol=1e-4)


@pytest.mark.parametrize("baseline", [0.9, 1.0])
def test_expectation_stays_within_unit_interval(hand, baseline):
    """A high baseline plus a full promise (all within declared bounds) keeps expectation <= 1."""
    customers = hand.customers([0], expectation=0.9)
    p = CustomerBehaviour(promise_lift=1.0, expectation_rate=1.0)
    adjust_expectations(customers, np.array([1.0]), baseline, p)
    assert 0.0 <= customers.expectation[0] <= 1.0
