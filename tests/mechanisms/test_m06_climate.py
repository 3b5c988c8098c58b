"""Mechanism 6: contagion pulls states toward the team mean; the climate index follows the team."""

from __future__ import annotations

import numpy as np

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import spread_climate
from campaign_sim.mechanisms.m06_climate import climate_index, team_means

CONTAGIOUS = ("engagement", "pride", "fear_of_customers", "fear_for_job")


def _team(hand):
    staff = hand.staff(
        [0, 0, 0, 1, 1],
        engagement=[0.1, 0.5, 0.9, 0.2, 0.8],
        pride=[0.3, 0.3, 0.9, 0.0, 1.0],
        fear_of_customers=[0.6, 0.2, 0.1, 0.4, 0.4],
        fear_for_job=[0.0, 0.5, 1.0, 0.3, 0.7],
        fear_of_boss=[0.9, 0.1, 0.5, 0.2, 0.2],
        fear=[0.3, 0.2, 0.5, 0.3, 0.4],
    )
    branches = hand.branches([3, 2], [10, 10], climate=[0.4, 0.6])
    return staff, branches


def test_team_means(hand):
    staff, branches = _team(hand)
    np.testing.assert_allclose(team_means(staff.engagement, branches), [0.5, 0.5], atol=1e-6)
    np.testing.assert_allclose(team_means(staff.pride, branches), [0.5, 0.5], atol=1e-6)


def test_climate_index_formula(hand):
    """Climate = (mean engagement + mean pride + 1 - mean fear) / 3 per team."""
    staff, branches = _team(hand)
    expected = [(0.5 + 0.5 + 1 - 1.0 / 3) / 3, (0.5 + 0.5 + 1 - 0.35) / 3]
    np.testing.assert_allclose(climate_index(staff, branches), expected, atol=1e-6)


def test_contagion_pulls_to_team_mean_and_conserves_it(hand):
    """Each contagious state moves by contagion*(team mean - own); team means stay put."""
    staff, branches = _team(hand)
    before = {name: getattr(staff, name).copy() for name in CONTAGIOUS}
    boss_before = staff.fear_of_boss.copy()
    spread_climate(staff, branches, StaffBehaviour(contagion=0.1))
    for name in CONTAGIOUS:
        old = before[name]
        mean = team_means(old.astype(np.float64), branches)[staff.branch]
        np.testing.assert_allclose(getattr(staff, name), old + 0.1 * (mean - old), atol=1e-6)
        np.testing.assert_allclose(
            team_means(getattr(staff, name), branches), team_means(old, branches), atol=1e-6
        )
        # distance to the team mean shrinks (never overshoots)
        assert np.all(np.abs(getattr(staff, name) - mean) <= np.abs(old - mean) + 1e-7)
    np.testing.assert_array_equal(staff.fear_of_boss, boss_before)  # not contagious


def test_contagion_stays_within_team(hand):
    """A one-person team is not pulled toward another team."""
    staff = hand.staff([0, 0, 1], engagement=[0.0, 0.0, 1.0])
    branches = hand.branches([2, 1], [5, 5])
    spread_climate(staff, branches, StaffBehaviour(contagion=1.0))
    np.testing.assert_allclose(staff.engagement, [0.0, 0.0, 1.0])


def test_climate_moves_toward_index(hand):
    """climate += climate_rate * (index - climate)."""
    staff, branches = _team(hand)
    index = climate_index(staff, branches)
    spread_climate(staff, branches, StaffBehaviour(climate_rate=0.2))
    np.testing.assert_allclose(branches.climate, np.array([0.4, 0.6]) + 0.2 * (index - [0.4, 0.6]), atol=1e-6)
