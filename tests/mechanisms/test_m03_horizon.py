"""Mechanism 3: fear and missing pride or effect awareness narrow the proactive horizon."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import StaffBehaviour
from campaign_sim.mechanisms import proactive_horizon

P = StaffBehaviour(horizon_fear=0.9, horizon_pride_floor=0.4, horizon_awareness_floor=0.3)


def test_exact_value(hand):
    """(1-0.9*0.2) * (0.4+0.6*0.5) * (0.3+0.7*0.4) = 0.82*0.7*0.58 = 0.33292."""
    staff = hand.staff([0], fear=0.2, pride=0.5, effect_awareness=0.4)
    out = proactive_horizon(staff, P)
    assert staff.horizon[0] == pytest.approx(0.33292, abs=1e-6)
    assert out is staff.horizon


@pytest.mark.parametrize(("state", "direction"), [("fear", -1), ("pride", 1), ("effect_awareness", 1)])
def test_monotone(hand, state, direction):
    """Horizon falls strictly with fear and rises strictly with pride and effect awareness."""
    values = np.linspace(0, 1, 6)
    kw = {"fear": 0.3, "pride": 0.5, "effect_awareness": 0.5, state: values}
    staff = hand.staff([0] * 6, **kw)
    proactive_horizon(staff, P)
    assert np.all(direction * np.diff(staff.horizon) > 0)


def test_extremes(hand):
    """Fearless, proud, fully aware: horizon 1; no pride, no awareness: the floors' product."""
    staff = hand.staff(
        [0, 0, 0], fear=[0.0, 0.0, 1.0], pride=[1.0, 0.0, 1.0], effect_awareness=[1.0, 0.0, 1.0]
    )
    proactive_horizon(staff, P)
    np.testing.assert_allclose(staff.horizon, [1.0, 0.4 * 0.3, 1 - 0.9], atol=1e-6)
