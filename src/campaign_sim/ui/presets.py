"""The workshop: the concept paper's sections as a guided sequence of two-branch comparisons.

Each step is one branch run twice with the same people, customers and random
numbers (one seed), under plan A and plan B.  The plans are chosen so
that the step's point emerges from the mechanisms; ``expect`` records which way
B must differ from A, and a unit test checks that it does for the step's seed.
The texts live in :mod:`campaign_sim.ui.i18n` under ``ws.<key>.*``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..scenario import Scenario
from ..scenario_io import validate_scenario

#: days a workshop comparison runs (long enough for slow attitude effects, short enough for a room)
WORKSHOP_DAYS = 240
#: one branch per plan: "two branches side by side"
WORKSHOP_BRANCHES = 1
WORKSHOP_SEED = 1

_FEARFUL_TEAM = {
    "fear_of_boss": {"mean": 0.6, "between_sd": 0.1, "within_sd": 0.1},
    "fear_of_customers": {"mean": 0.5, "between_sd": 0.08, "within_sd": 0.1},
    "fear_for_job": {"mean": 0.5, "between_sd": 0.08, "within_sd": 0.1},
    "punishment": {"mean": 0.6, "between_sd": 0.1, "within_sd": 0.0},
    "leadership_support": {"mean": 0.3, "between_sd": 0.1, "within_sd": 0.0},
}
_BEHAVIOUR = {
    "kind": "behaviour_training",
    "name": "behaviour training",
    "start_day": 30,
    "duration_days": 30,
}
_ATTITUDE = {"kind": "attitude_training", "name": "lens of effect", "start_day": 30, "duration_days": 30}


def _incentive(focus: float) -> dict[str, Any]:
    return {
        "kind": "incentive_scheme",
        "name": "reward effecting" if focus else "reward doing",
        "start_day": 30,
        "focus_effect": focus,
        "reward": 0.5,
        "punishment": 0.1,
    }


_SUPPORTIVE = {
    "kind": "leadership",
    "name": "supportive",
    "start_day": 30,
    "support": 0.85,
    "punishment": 0.05,
}
_PROMISE = {"kind": "promise", "name": "we'll delight you", "start_day": 30, "level": 0.8}


@dataclass(frozen=True)
class WorkshopStep:
    """One step: a company, two plans, what to chart and which way B must differ from A."""

    key: str
    campaigns_a: tuple[dict[str, Any], ...]
    campaigns_b: tuple[dict[str, Any], ...]
    kpis: tuple[str, ...]
    staff_state: str
    customer_state: str
    expect: dict[str, int]
    branches: dict[str, Any] = field(default_factory=dict)
    company_a: dict[str, Any] = field(default_factory=dict)
    company_b: dict[str, Any] = field(default_factory=dict)

    def scenarios(self, seed: int = WORKSHOP_SEED) -> tuple[Scenario, Scenario]:
        """Plan A's and plan B's scenario (validated; same seed, same branch)."""
        return self._scenario("a", self.campaigns_a, self.company_a, seed), self._scenario(
            "b", self.campaigns_b, self.company_b, seed
        )

    def _scenario(self, ab: str, campaigns, company, seed: int) -> Scenario:
        data = {
            "name": f"workshop_{self.key}_{ab}",
            "run": {"days": WORKSHOP_DAYS, "branches": WORKSHOP_BRANCHES, "seed": seed},
            "company": dict(company),
            "branches": dict(self.branches),
            "campaigns": [dict(c) for c in campaigns],
        }
        return validate_scenario(data, f"workshop step '{self.key}'")


STEPS: tuple[WorkshopStep, ...] = (
    WorkshopStep(
        key="problem",
        branches=_FEARFUL_TEAM,
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_BEHAVIOUR, _PROMISE),
        kpis=("satisfaction", "trust", "reputation"),
        staff_state="fear",
        customer_state="satisfaction",
        expect={"satisfaction": -1, "trust": -1, "reputation": -1, "campaign_cost": +1},
    ),
    WorkshopStep(
        key="market",
        company_a={"market_pressure": 0.3},
        company_b={"market_pressure": 0.8, "competitor_pull": 1.5},
        campaigns_a=(),
        campaigns_b=(),
        kpis=("fear", "engagement", "climate"),
        staff_state="fear",
        customer_state="loyalty",
        expect={"fear": +1, "engagement": -1, "climate": -1},
    ),
    WorkshopStep(
        key="fear",
        branches=_FEARFUL_TEAM,
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_BEHAVIOUR, _SUPPORTIVE),
        kpis=("ability", "delivered_behaviour", "fear"),
        staff_state="fear",
        customer_state="satisfaction",
        expect={"fear": -1, "delivered_behaviour": +1},
    ),
    WorkshopStep(
        key="claim",
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_ATTITUDE,),
        kpis=("effect_awareness", "pride", "ability"),
        staff_state="effect_awareness",
        customer_state="satisfaction",
        expect={"effect_awareness": +1, "pride": +1},
    ),
    WorkshopStep(
        key="approach",
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_ATTITUDE, _incentive(1.0)),
        kpis=("pride", "delivered_behaviour", "satisfaction"),
        staff_state="pride",
        customer_state="satisfaction",
        expect={"pride": +1, "delivered_behaviour": +1, "satisfaction": +1},
    ),
    WorkshopStep(
        key="difference",
        campaigns_a=(_incentive(0.0),),
        campaigns_b=(_incentive(1.0),),
        kpis=("pride", "engagement", "effect_awareness"),
        staff_state="pride",
        customer_state="satisfaction",
        expect={"pride": +1, "engagement": +1, "effect_awareness": +1},
    ),
    WorkshopStep(
        key="loop",
        campaigns_a=(),
        campaigns_b=(_BEHAVIOUR, _ATTITUDE, _incentive(1.0)),
        kpis=("pride", "satisfaction", "profit"),
        staff_state="pride",
        customer_state="satisfaction",
        expect={"pride": +1, "satisfaction": +1, "revenue": +1, "profit": +1},
    ),
)
