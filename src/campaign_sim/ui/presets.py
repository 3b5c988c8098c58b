"""The workshop: the concept paper's sections as a guided sequence of two-plan comparisons.

Each step is one company of :data:`WORKSHOP_BRANCHES` branches run twice with the
same people, customers and random numbers (one seed), under plan A and plan B.
Ten branches, not one: a single branch's daily figures are so noisy (its profit
swings by hundreds of EUR from day to day) that a room would read the noise as
the point; the charts show the mean over the branches with their spread.

Every step states its point as :class:`Claim` objects: which KPI, which way,
by at least how much, in which days.  The thresholds were measured on seeds
1-5 and rounded down (the measured values are in the step comments);
``tests/ui/test_ui_logic.py`` checks every claim on each of those seeds, and
the point texts in :mod:`campaign_sim.ui.i18n` (``ws.<key>.point``) name the
same thresholds.  Where the model does not show what the concept paper claims,
the text says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..scenario import Scenario
from ..scenario_io import validate_scenario

#: days a workshop comparison runs (long enough for slow attitude effects, short enough for a room)
WORKSHOP_DAYS = 240
#: branches per plan: enough that the mean over branches is not one branch's daily noise
WORKSHOP_BRANCHES = 10
WORKSHOP_SEED = 1
#: the seeds the claims were measured on and are tested on
CLAIM_SEEDS = (1, 2, 3, 4, 5)
#: the first campaign day of every step (plans differ from here; the market step from day 0)
CAMPAIGN_DAY = 30
#: the claims' window: the last quarter of the run (working days 180-239)
WINDOW = (WORKSHOP_DAYS - WORKSHOP_DAYS // 4, WORKSHOP_DAYS - 1)
#: the "before" window of a change within one plan: the days before the first campaign
BEFORE = (0, CAMPAIGN_DAY - 1)

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
    "start_day": CAMPAIGN_DAY,
    "duration_days": 30,
}
_ATTITUDE = {
    "kind": "attitude_training",
    "name": "lens of effect",
    "start_day": CAMPAIGN_DAY,
    "duration_days": 30,
}


def _incentive(focus: float) -> dict[str, Any]:
    return {
        "kind": "incentive_scheme",
        "name": "reward effecting" if focus else "reward doing",
        "start_day": CAMPAIGN_DAY,
        "focus_effect": focus,
        "reward": 0.5,
        "punishment": 0.1,
    }


_SUPPORTIVE = {
    "kind": "leadership",
    "name": "supportive",
    "start_day": CAMPAIGN_DAY,
    "support": 0.85,
    "punishment": 0.05,
}
_PROMISE = {"kind": "promise", "name": "we'll delight you", "start_day": CAMPAIGN_DAY, "level": 0.8}


@dataclass(frozen=True)
class Claim:
    """One measurable part of a step's point.

    ``of="B-A"``: the mean over branches of ``kpi`` in :data:`WINDOW`, B minus A.
    ``of="A"`` or ``"B"``: that plan's change from :data:`BEFORE` to :data:`WINDOW`.
    ``sign`` +1 / -1: the value is at least ``size`` above / below zero;
    ``sign`` 0: its size is below ``size`` (hardly any change, or no difference).
    ``window``: the working days measured (default the last quarter).
    """

    kpi: str
    sign: int
    size: float
    of: str = "B-A"
    window: tuple[int, int] = WINDOW

    def value(self, a: np.ndarray, b: np.ndarray) -> float:
        """The measured value from the two plans' daily means over branches."""
        w0, w1 = self.window
        b0, b1 = BEFORE
        if self.of == "B-A":
            return float(np.mean(b[w0 : w1 + 1]) - np.mean(a[w0 : w1 + 1]))
        series = a if self.of == "A" else b
        return float(np.mean(series[w0 : w1 + 1]) - np.mean(series[b0 : b1 + 1]))

    def holds(self, value: float) -> bool:
        """Whether a measured value makes the claim true."""
        if self.sign == 0:
            return abs(value) < self.size
        return self.sign * value >= self.size


@dataclass(frozen=True)
class WorkshopStep:
    """One step: a company, two plans, what to chart and what the charts must show."""

    key: str
    campaigns_a: tuple[dict[str, Any], ...]
    campaigns_b: tuple[dict[str, Any], ...]
    kpis: tuple[str, ...]
    staff_state: str
    customer_state: str
    claims: tuple[Claim, ...]
    branches: dict[str, Any] = field(default_factory=dict)
    company_a: dict[str, Any] = field(default_factory=dict)
    company_b: dict[str, Any] = field(default_factory=dict)

    def scenarios(self, seed: int = WORKSHOP_SEED) -> tuple[Scenario, Scenario]:
        """Plan A's and plan B's scenario (validated; same seed, same branches)."""
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


# Measured on seeds 1-5, 10 branches, days 180-239 (mean over seeds; smallest and largest seed):
STEPS: tuple[WorkshopStep, ...] = (
    WorkshopStep(
        # B-A: satisfaction -0.236 (-0.241..-0.230), reputation -0.268 (-0.274..-0.259),
        # profit -375 EUR/day (-405..-349), although B pays 20 EUR/day for the advertising
        key="problem",
        branches=_FEARFUL_TEAM,
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_BEHAVIOUR, _PROMISE),
        kpis=("satisfaction", "reputation", "profit"),
        staff_state="fear",
        customer_state="satisfaction",
        claims=(Claim("satisfaction", -1, 0.20), Claim("reputation", -1, 0.20), Claim("profit", -1, 300.0)),
    ),
    WorkshopStep(
        # B-A: fear for the job +0.399 (+0.385..+0.411), engagement -0.157 (-0.167..-0.150),
        # climate -0.123 (-0.129..-0.119); the market differs from day 0
        key="market",
        company_a={"market_pressure": 0.3},
        company_b={"market_pressure": 0.8, "competitor_pull": 1.5},
        campaigns_a=(),
        campaigns_b=(),
        kpis=("fear_for_job", "engagement", "climate"),
        staff_state="fear",
        customer_state="loyalty",
        claims=(
            Claim("fear_for_job", +1, 0.30),
            Claim("engagement", -1, 0.12),
            Claim("climate", -1, 0.10),
        ),
    ),
    WorkshopStep(
        # ability: A +0.043, B +0.066 over days 0-29; B-A +0.023. Delivered behaviour: A +0.014,
        # B-A +0.082 (+0.079..+0.088). Fear B-A -0.172 (-0.178..-0.168)
        key="fear",
        branches=_FEARFUL_TEAM,
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_BEHAVIOUR, _SUPPORTIVE),
        kpis=("ability", "delivered_behaviour", "fear"),
        staff_state="fear",
        customer_state="satisfaction",
        claims=(
            Claim("ability", +1, 0.03, of="A"),
            Claim("ability", +1, 0.03, of="B"),
            Claim("delivered_behaviour", 0, 0.03, of="A"),
            Claim("delivered_behaviour", +1, 0.06),
            Claim("fear", -1, 0.12),
        ),
    ),
    WorkshopStep(
        # B-A: effect awareness +0.138 (+0.130..+0.141), pride +0.081 (+0.074..+0.086),
        # ability -0.065 (-0.068..-0.060): A learns what B does not
        key="claim",
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_ATTITUDE,),
        kpis=("effect_awareness", "pride", "ability"),
        staff_state="effect_awareness",
        customer_state="satisfaction",
        claims=(
            Claim("effect_awareness", +1, 0.10),
            Claim("pride", +1, 0.05),
            Claim("ability", -1, 0.04),
        ),
    ),
    WorkshopStep(
        # B-A: pride +0.268 (+0.244..+0.284), delivered behaviour +0.059 (+0.053..+0.066),
        # satisfaction +0.081 (+0.072..+0.089)
        key="approach",
        campaigns_a=(_BEHAVIOUR,),
        campaigns_b=(_ATTITUDE, _incentive(1.0)),
        kpis=("pride", "delivered_behaviour", "satisfaction"),
        staff_state="pride",
        customer_state="satisfaction",
        claims=(
            Claim("pride", +1, 0.20),
            Claim("delivered_behaviour", +1, 0.04),
            Claim("satisfaction", +1, 0.05),
        ),
    ),
    WorkshopStep(
        # B-A: pride +0.217 (+0.183..+0.235), effect awareness +0.184 (+0.167..+0.189),
        # engagement +0.109 (+0.103..+0.111); whether A's falls or B's rises differs between seeds
        key="difference",
        campaigns_a=(_incentive(0.0),),
        campaigns_b=(_incentive(1.0),),
        kpis=("pride", "engagement", "effect_awareness"),
        staff_state="pride",
        customer_state="satisfaction",
        claims=(
            Claim("pride", +1, 0.15),
            Claim("effect_awareness", +1, 0.12),
            Claim("engagement", +1, 0.08),
        ),
    ),
    WorkshopStep(
        # B-A: pride +0.296 (+0.269..+0.311), satisfaction +0.119 (+0.105..+0.127),
        # revenue +580 EUR/day (+546..+623), profit +215 EUR/day (+193..+234) after B's 45 EUR/day;
        # while B trains (days 30-59) its profit is 457..512 EUR/day below A's (fees, staff off the floor)
        key="loop",
        campaigns_a=(),
        campaigns_b=(_BEHAVIOUR, _ATTITUDE, _incentive(1.0)),
        kpis=("pride", "satisfaction", "revenue", "profit"),
        staff_state="pride",
        customer_state="satisfaction",
        claims=(
            Claim("pride", +1, 0.20),
            Claim("satisfaction", +1, 0.08),
            Claim("revenue", +1, 400.0),
            Claim("profit", +1, 150.0),
            Claim("profit", -1, 450.0, window=(CAMPAIGN_DAY, CAMPAIGN_DAY + 29)),
        ),
    ),
)
