"""Customer flows: switching to the competitor, word of mouth, and newcomers filling free places."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import poisson

from campaign_sim.config import CustomerBehaviour
from campaign_sim.mechanisms import attract_newcomers, spread_word_of_mouth, switch_to_competitor
from campaign_sim.rng import RandomStreams

P = CustomerBehaviour()
NO_BAD = np.empty(0, np.int64)


def _hazard(loyalty, pull, p=P):
    return -math.log1p(-p.churn_annual) / 365 * pull * math.exp(p.churn_loyalty * (0.5 - loyalty))


@pytest.mark.parametrize("loyalty", [0.0, 0.5, 1.0])
def test_switching_rate_matches_hazard(hand, loyalty):
    """Share leaving among 60,000 identical customers is within 5 SE of the loyalty hazard."""
    n = 60_000
    customers = hand.customers(np.zeros(n, int), loyalty=loyalty)
    left = switch_to_competitor(customers, NO_BAD, 5.0, RandomStreams(7), P)
    h = _hazard(loyalty, 5.0)
    assert abs(left.size / n - h) < 5 * math.sqrt(h * (1 - h) / n)
    assert not customers.active[left].any()
    assert customers.active.sum() == n - left.size


def test_disloyal_switch_more(hand):
    """Same random numbers: everyone who leaves at high loyalty also leaves at low loyalty."""
    n = 20_000
    loyal = hand.customers(np.zeros(n, int), loyalty=0.9)
    fickle = hand.customers(np.zeros(n, int), loyalty=0.1)
    a = switch_to_competitor(loyal, NO_BAD, 3.0, RandomStreams(8), P)
    b = switch_to_competitor(fickle, NO_BAD, 3.0, RandomStreams(8), P)
    assert set(a.tolist()) <= set(b.tolist())
    assert b.size > 3 * a.size


def test_bad_visit_adds_switching(hand):
    """bad_switch=1 and loyalty 0 make leaving certain after a bad visit; inactive places never leave."""
    customers = hand.customers([0] * 6, loyalty=0.0, active=[True, True, True, True, False, False])
    p = CustomerBehaviour(bad_switch=1.0)
    left = switch_to_competitor(customers, np.array([1, 3, 4]), 0.0, RandomStreams(9), p)
    np.testing.assert_array_equal(left, [1, 3])
    np.testing.assert_array_equal(customers.active, [True, False, True, False, False, False])


def test_word_of_mouth(hand):
    """Reputation moves toward 0.5 + mean experience; branches without visits keep theirs."""
    branches = hand.branches([2, 2, 2], [5, 5, 5], reputation=[0.5, 0.5, 0.7])
    spread_word_of_mouth(branches, np.array([4.0, 2.0, 0.0]), np.array([0.8, -2.0, 0.0]), P)
    np.testing.assert_allclose(branches.reputation, [0.5 + 0.02 * 0.2, 0.5 + 0.02 * (0.0 - 0.5), 0.7])


def _flow_scene(hand, inflow, reputation=0.5):
    # branch 0: 5 places, 3 free; branch 1: 4 places, 1 free
    customers = hand.customers(
        [0] * 5 + [1] * 4,
        active=[True, False, True, False, False, False, True, True, True],
        uid=np.arange(100, 109),
    )
    branches = hand.branches([2, 2], [5, 4], inflow_base=inflow, reputation=reputation)
    return customers, branches


def _attract(customers, branches, seed=1, promise=(0.0, 0.0), p=P):
    target = np.array([0.25, 0.35])
    return attract_newcomers(customers, branches, np.array(promise), target, RandomStreams(seed), p, 500)


def test_newcomers_fill_free_places_of_their_branch_only(hand):
    """A flood of arrivals fills exactly the free places, each in its own branch, with fresh uids."""
    customers, branches = _flow_scene(hand, inflow=[100.0, 100.0])
    slots = _attract(customers, branches)
    np.testing.assert_array_equal(np.sort(slots), [1, 3, 4, 5])
    assert customers.active.all()
    np.testing.assert_array_equal(customers.uid[slots], np.arange(500, 504))
    present = customers.uid[customers.active]
    assert np.unique(present).size == present.size
    np.testing.assert_allclose(customers.expectation[slots], [0.25, 0.25, 0.25, 0.35])
    np.testing.assert_allclose(customers.satisfaction[slots], 0.5)


def test_arrivals_capped_by_free_places(hand):
    """Filled places per branch never exceed its free places, and on average equal E[min(Poisson, free)].

    Rates from the formula: 2.0*(1+2*0.1)*(1+0.5*0.5) = 3.0 and 0.7*(1-2*0.2) = 0.42; free places 3 and 1.
    Over 400 seeds the mean filled count lies within 5 standard errors of the exact expectation.
    """
    rate, free = np.array([3.0, 0.42]), np.array([3, 1])
    filled = []
    for seed in range(400):
        customers, branches = _flow_scene(hand, inflow=[2.0, 0.7], reputation=[0.6, 0.3])
        slots = _attract(customers, branches, seed, promise=(0.5, 0.0))
        counts = np.bincount(customers.branch[slots], minlength=2)
        assert np.all(counts <= free)
        assert (
            np.all(customers.active[slots])
            and np.unique(customers.uid[customers.active]).size == 5 + slots.size
        )
        filled.append(counts)
    filled = np.array(filled, float)
    k = np.arange(0, 200)
    for b in range(2):
        pmf = poisson.pmf(k, rate[b])
        capped = np.minimum(k, free[b])
        mean = (pmf * capped).sum()
        sd = np.sqrt((pmf * (capped - mean) ** 2).sum())
        assert abs(filled[:, b].mean() - mean) < 5 * sd / np.sqrt(len(filled)), (b, filled[:, b].mean(), mean)


def test_no_inflow_at_worst_reputation(hand):
    """Reputation 0 with wom_inflow 1 sets the inflow to zero however large its base."""
    customers, branches = _flow_scene(hand, inflow=[1000.0, 1000.0], reputation=0.0)
    slots = _attract(customers, branches)
    assert slots.size == 0
    assert customers.active.sum() == 5
