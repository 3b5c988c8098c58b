"""Contract for every registered campaign kind: the registry matches the specs, and each kind,
with its spec's defaults, changes something measurable (a kind that silently does nothing fails)."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim import CampaignModel
from campaign_sim.campaigns import KINDS, CampaignKind, CampaignSchedule, Lever, Training, register
from campaign_sim.mechanisms.variants import resolve
from campaign_sim.rng import RandomStreams
from campaign_sim.scenario import CAMPAIGN_KINDS


def test_every_spec_kind_has_exactly_one_registered_module():
    assert set(KINDS) == set(CAMPAIGN_KINDS)
    assert all(issubclass(cls, Training | Lever) for cls in KINDS.values())


def test_registering_a_kind_twice_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        register(type("Again", (Lever,), {"kind": "promise"}))


def test_a_kind_that_does_not_say_what_it_does_fails_loudly(hand):
    """A kind that leaves its daily step or its levers unsaid raises, instead of doing nothing."""

    class Silent(CampaignKind):
        kind = "silent"

    class NoLevers(Lever):
        kind = "no_levers"

    staff, branches = hand.staff([0, 0]), hand.branches([2], [4])
    spec = type("Spec", (), {"start_day": 0, "duration_days": None})()
    plan = CampaignSchedule([], 1, resolve()).plan_day(0, staff, branches, 0.0, RandomStreams(0))
    for cls in (Silent, NoLevers):
        with pytest.raises(NotImplementedError, match="must say"):
            cls(spec, np.ones(1, bool), resolve()).plan(0, staff, branches, plan)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_changes_something_measurable(kind, make_scenario):
    days = 80
    without = CampaignModel(make_scenario(run={"days": days, "branches": 3}), seed=5).run()
    campaign = {"kind": kind, "start_day": 5}
    with_it = CampaignModel(
        make_scenario(run={"days": days, "branches": 3}, campaigns=[campaign]), seed=5
    ).run()
    changed = [
        name
        for name in ("profit", "campaign_cost", "pride", "ability", "effect_awareness", "fear", "expectation")
        if not np.array_equal(with_it.kpis.series(name), without.kpis.series(name))
    ]
    assert "campaign_cost" in changed, f"{kind}: costs nothing"
    assert len(changed) >= 3, f"{kind} changes only {changed}"
    record = with_it.campaigns.records[0]
    assert record.reached == with_it.staff_state.size
    assert record.money_spent == pytest.approx(sum(record.cost_split()))
