"""Mechanism 11: engagement and fear drive absence and quitting; newcomers start with low ability."""

from __future__ import annotations

import math

import numpy as np
import pytest

from campaign_sim.config import BranchesConfig, StaffBehaviour
from campaign_sim.mechanisms import draw_absence, quit_and_replace
from campaign_sim.rng import RandomStreams

P = StaffBehaviour()


def _absence_probability(engagement, fear, p=P):
    log_odds = p.absence_engagement * (0.5 - engagement) + p.absence_fear * (fear - 0.3)
    odds = p.absence_base / (1 - p.absence_base) * math.exp(log_odds)
    return odds / (1 + odds)


@pytest.mark.parametrize(("engagement", "fear"), [(0.5, 0.3), (0.1, 0.8), (0.9, 0.0)])
def test_absence_rate_matches_formula(hand, engagement, fear):
    """Share absent among 40,000 identical employees lies within 5 standard errors of the formula."""
    n = 40_000
    staff = hand.staff(np.zeros(n, int), engagement=engagement, fear=fear)
    absent = draw_absence(staff, RandomStreams(5), P)
    prob = _absence_probability(engagement, fear)
    se = math.sqrt(prob * (1 - prob) / n)
    assert abs(absent.mean() - prob) < 5 * se
    assert absent is staff.absent


def test_absence_higher_with_low_engagement_and_high_fear(hand):
    """Same random numbers: every employee absent when calm and engaged is also absent when not."""
    n = 5_000
    calm = hand.staff(np.zeros(n, int), engagement=0.8, fear=0.1)
    tense = hand.staff(np.zeros(n, int), engagement=0.2, fear=0.7)
    a = draw_absence(calm, RandomStreams(6), P).copy()
    b = draw_absence(tense, RandomStreams(6), P).copy()
    assert np.all(b[a])
    assert b.sum() > 2 * a.sum()
    assert _absence_probability(0.5, 0.3) == pytest.approx(P.absence_base)


def _quitters_scene(hand, n_stay=3, n_quit=3):
    # quit_base tiny, sensitivities large: hazard ~1.6 (certain) at engagement 0 / fear 1,
    # ~3e-9 (never) at engagement 1 / fear 0
    p = StaffBehaviour(quit_base=1e-5, quit_engagement=10.0, quit_fear=10.0)
    eng = [1.0] * n_stay + [0.0] * n_quit
    fear = [0.0] * n_stay + [1.0] * n_quit
    branch = [0] * n_stay + [1] * n_quit
    staff = hand.staff(
        branch,
        engagement=eng,
        fear=fear,
        ability=0.8,
        trained_gain=0.2,
        transfer=0.5,
        attitude_pending=0.3,
        tenure=500,
        effect_awareness=0.9,
    )
    return staff, p


def test_quit_and_replace(hand):
    """Quitters' posts get fresh uids from next_uid, reset training, tenure 0; stayers untouched."""
    staff, p = _quitters_scene(hand)
    before = {k: v.copy() for k, v in vars(staff).items()}
    slots = quit_and_replace(staff, RandomStreams(2), p, BranchesConfig(), next_uid=1000)
    np.testing.assert_array_equal(slots, [3, 4, 5])
    np.testing.assert_array_equal(staff.uid, [0, 1, 2, 1000, 1001, 1002])
    np.testing.assert_array_equal(staff.branch, before["branch"])  # posts stay in their branch
    for name in ("trained_gain", "transfer", "attitude_pending"):
        np.testing.assert_array_equal(getattr(staff, name)[3:], 0.0)
        np.testing.assert_array_equal(getattr(staff, name)[:3], before[name][:3])
    np.testing.assert_array_equal(staff.tenure, [500, 500, 500, 0, 0, 0])
    np.testing.assert_array_equal(staff.awareness_baseline[3:], staff.effect_awareness[3:])
    for name in ("ability", "engagement", "pride", "effect_awareness", "fear_of_boss"):
        np.testing.assert_array_equal(getattr(staff, name)[:3], before[name][:3])


def test_no_quits_returns_empty(hand):
    staff, p = _quitters_scene(hand, n_stay=4, n_quit=0)
    slots = quit_and_replace(staff, RandomStreams(2), p, BranchesConfig(), next_uid=50)
    assert slots.size == 0
    np.testing.assert_array_equal(staff.uid, np.arange(4))


def test_newcomers_start_with_low_ability(hand):
    """Newcomers' ability is drawn around newcomer_ability (sd 0.08): mean within 5 SE, below veterans."""
    staff, p = _quitters_scene(hand, n_stay=0, n_quit=400)
    quit_and_replace(staff, RandomStreams(3), p, BranchesConfig(), next_uid=10_000)
    ability = staff.ability
    assert abs(ability.mean() - p.newcomer_ability) < 5 * 0.08 / math.sqrt(400)
    assert ability.max() < 0.8
    assert np.unique(staff.uid).size == 400


def test_quit_hazard_rises_with_fear_and_disengagement(hand):
    """Over 20,000 posts the share quitting matches the hazard formula within 5 SE, and rises with fear."""
    n = 20_000
    p = StaffBehaviour(quit_base=0.01)
    shares = []
    for eng, fear in ((0.8, 0.1), (0.2, 0.8)):
        staff = hand.staff(np.zeros(n, int), engagement=eng, fear=fear)
        slots = quit_and_replace(staff, RandomStreams(4), p, BranchesConfig(), next_uid=n)
        hazard = 0.01 * math.exp(2.5 * (0.5 - eng) + 2.0 * (fear - 0.3))
        assert abs(slots.size / n - hazard) < 5 * math.sqrt(hazard * (1 - hazard) / n)
        shares.append(slots.size / n)
    assert shares[1] > shares[0]
