"""The validated scenario: every input of a run, with bounds, units and defaults.

A scenario file (TOML) maps onto :class:`Scenario`.  Every field says its unit
and where its default comes from; ``docs/ODD.md`` documents each one and
``tests/test_docs.py`` checks that every field and default appears there.  Unknown
keys are refused (``extra="forbid"``) so that a typo never silently falls back
to a default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.fields import FieldInfo


def field_bounds(field: FieldInfo, inset: float = 0.0) -> tuple[float, float | None]:
    """A numeric field's declared bounds (ge/gt/le/lt; 0 below if unbounded, None above if
    unbounded), open bounds moved ``inset`` inside: for samplers, controls and tests."""
    low, high = 0.0, None
    for m in field.metadata:
        if isinstance(m, Ge):
            low = float(m.ge)
        elif isinstance(m, Gt):
            low = float(m.gt) + inset
        elif isinstance(m, Le):
            high = float(m.le)
        elif isinstance(m, Lt):
            high = float(m.lt) - inset
    return low, high


Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Rate = Annotated[float, Field(ge=0.0, le=1.0)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False):
        """A copy; with ``update``, validated like a file (pydantic's own copy skips validation,
        so ``market_pressure=7.0`` would run)."""
        if not update:
            return super().model_copy(deep=deep)
        return type(self).model_validate({**self.model_dump(), **update})


class RunConfig(_Section):
    """How long, how big, which seed."""

    days: int = Field(365, ge=1, le=3650, description="working days simulated (one step = one day)")
    branches: int = Field(20, ge=1, le=5000, description="number of branches")
    seed: int = Field(1, ge=0, description="root of the run's SeedSequence")
    snapshot_every: int = Field(
        0, ge=0, le=3650, description="record per-agent states every N days (0 = never)"
    )


class CompanyConfig(_Section):
    """Market and economics shared by all branches."""

    market_pressure: Unit = Field(0.3, description="hardness of market and work conditions, 0..1")
    competitor_pull: float = Field(
        1.0, ge=0.0, le=5.0, description="multiplier on customers' switching hazard (1 = ordinary)"
    )
    expectation_baseline: Unit = Field(
        0.19, description="service quality customers expect from the market, 0..1"
    )
    promise_level: Unit = Field(0.0, description="standing advertising promise, 0..1")
    spend_per_visit: float = Field(90.0, gt=0, description="EUR spent by an average visit")
    addon_value: float = Field(35.0, ge=0, description="EUR of one additional sale")
    gross_margin: Unit = Field(0.4, description="share of revenue left after cost of goods")
    wage_per_day: float = Field(
        65.0, ge=0, description="EUR employer cost per employee in post and day (absent staff stay paid)"
    )
    absence_cover_cost: float = Field(
        55.0, ge=0, description="EUR per absent employee-day for temp cover or colleagues' overtime"
    )
    rent_per_day: float = Field(450.0, ge=0, description="EUR rent and occupancy cost per branch and day")
    overhead_per_day: float = Field(
        475.0, ge=0, description="EUR other operating cost per branch and day (energy, IT, marketing, admin)"
    )
    visits_per_staff_day: float = Field(
        6.0, gt=0, le=1000, description="visits one employee on the floor can serve well in a day"
    )
    hiring_cost: float = Field(3000.0, ge=0, description="EUR to replace an employee who quits")
    theft_value: float = Field(35.0, ge=0, description="EUR lost per undetected shoplifting")
    other_shrink_share: float = Field(
        0.0095, ge=0, le=0.1, description="non-theft shrinkage (errors, fraud) as share of sales"
    )


class Spread(_Section):
    """A state's distribution: branch means vary around ``mean``, people around their branch."""

    mean: Unit
    between_sd: float = Field(0.08, ge=0, le=0.5, description="sd of branch means")
    within_sd: float = Field(0.10, ge=0, le=0.5, description="sd of individuals around branch mean")


def _spread(mean: float, between: float = 0.08, within: float = 0.10):
    return Field(default_factory=lambda: Spread(mean=mean, between_sd=between, within_sd=within))


class BranchesConfig(_Section):
    """How branches differ: size, local market, manager style, initial team states."""

    staff_mean: int = Field(15, ge=2, le=500, description="mean employees per branch")
    staff_sd: float = Field(3.0, ge=0, le=100, description="sd of employees per branch")
    customers_mean: int = Field(500, ge=10, le=50000, description="mean active customers per branch")
    customers_sd: float = Field(100.0, ge=0, le=20000, description="sd of customers per branch")
    customer_headroom: float = Field(
        0.5, ge=0.0, le=5.0, description="extra customer slots per branch for growth, share"
    )
    local_market_sd: float = Field(
        0.15, ge=0, le=1.0, description="sd of log spend multiplier between branches"
    )
    leadership_support: Spread = _spread(0.5, 0.15, 0.0)
    punishment: Spread = _spread(0.3, 0.15, 0.0)
    reward: Spread = _spread(0.3, 0.1, 0.0)
    incentive_focus_effect: Spread = _spread(0.2, 0.1, 0.0)
    ability: Spread = _spread(0.55, 0.05, 0.12)
    fear_of_customers: Spread = _spread(0.25, 0.08, 0.10)
    fear_of_boss: Spread = _spread(0.3, 0.1, 0.10)
    fear_for_job: Spread = _spread(0.3, 0.08, 0.10)
    pride: Spread = _spread(0.4, 0.08, 0.12)
    effect_awareness: Spread = _spread(0.3, 0.06, 0.10)
    engagement: Spread = _spread(0.47, 0.08, 0.12)
    willingness: Spread = _spread(0.5, 0.08, 0.12)


class StaffBehaviour(_Section):
    """Uncertain parameters of how employees respond (calibrated, see docs/ODD.md)."""

    fear_weight_customers: Unit = Field(0.3, description="weight of fear of customers in total fear")
    fear_weight_boss: Unit = Field(0.4, description="weight of fear of the boss in total fear")
    job_fear_rate: Rate = Field(0.02, description="per day: speed of job fear toward the threat")
    results_threat: float = Field(1.0, ge=0, le=5, description="job threat per unit revenue shortfall")
    resource_buffer: Unit = Field(0.5, description="share of threat absorbed by full resources")
    engagement_rate: Rate = Field(0.01, description="per day: speed of engagement dynamics")
    fear_demand: float = Field(0.5, ge=0, le=2, description="demand added per unit fear")
    fear_block: Unit = Field(0.8, description="share of behaviour blocked by maximal fear (mech. 2)")
    motivation_floor: Unit = Field(0.4, description="behaviour delivered with no motivation, share")
    horizon_fear: Unit = Field(0.9, description="share of horizon closed by maximal fear (mech. 3)")
    horizon_pride_floor: Unit = Field(0.4, description="horizon with no pride, share")
    horizon_awareness_floor: Unit = Field(0.3, description="horizon with no effect awareness, share")
    horizon_ability_weight: Unit = Field(
        0.5, description="weight of applied ability in the horizon (variant horizon_knowledge = ability_too)"
    )
    pride_from_customers: Rate = Field(0.03, description="per day: pride gained from good encounters")
    ungated_pride_lens: Unit = Field(
        0.3, description="awareness factor of pride from customers for all (variant customer_pride = ungated)"
    )
    pride_decay: Rate = Field(0.009, description="per day: pride fading without new sources")
    fear_customer_gain: Rate = Field(0.03, description="per hostile-share: rise of fear of customers")
    fear_customer_relief: Rate = Field(0.01, description="per good-share: fall of fear of customers")
    contagion: Rate = Field(0.02, description="per day: pull of each state toward the team mean")
    climate_rate: Rate = Field(0.05, description="per day: speed of the climate index")
    transfer_base: Unit = Field(0.99, description="transfer right after training, ideal conditions (S1)")
    transfer_fear: Unit = Field(0.6, description="share of transfer lost at maximal fear (S2, S5)")
    transfer_support: Unit = Field(0.3, description="share of transfer lost with no support/climate (S2)")
    transfer_motivation: Unit = Field(0.2, description="share of transfer lost with no willingness (S2)")
    uptake_willingness: Unit = Field(
        0.4, description="share of any training's content not taken up with no willingness (S2, mech. 12)"
    )
    transfer_floor: Unit = Field(0.26, description="long-run transfer with no fear (S1)")
    transfer_decay: Rate = Field(0.004, description="per day: decay of transfer toward its floor (S1)")
    learning_rate: Rate = Field(0.006, description="per day: on-the-job learning toward the norm")
    attitude_absorb: Rate = Field(0.03, description="per day: share of attitude content absorbed")
    awareness_decay: Rate = Field(0.002, description="per day: effect awareness fading to baseline")
    awareness_fear_erosion: float = Field(
        3.0, ge=0, le=20, description="extra awareness decay per unit fear of the boss"
    )
    doing_pride: Rate = Field(0.01, description="per day: pride from rewarded activity")
    effect_pride: Rate = Field(0.04, description="per day: pride from rewarded customer effect")
    awareness_reinforce: Rate = Field(0.01, description="per day: awareness from rewarded effect")
    crowd_out: Rate = Field(0.004, description="per day: engagement lost to strong doing-rewards (S6)")
    doing_quantity: float = Field(
        0.06, ge=0, le=1, description="more work per employee under full doing reward (variant doing_reward)"
    )
    appraisal_noise: float = Field(
        0.57, ge=0, le=2, description="sd of the manager's reading of effect (variant effect_observation)"
    )
    punish_fear: Rate = Field(0.01, description="per day: fear of boss from a punished bad day")
    boss_fear_rate: Rate = Field(0.01, description="per day: fear of boss toward its style target")
    boss_fear_unsupportive: Unit = Field(0.4, description="fear of boss under a wholly unsupportive manager")
    boss_fear_punitive: Unit = Field(0.2, description="fear of boss added by full punishment")
    absence_base: Rate = Field(0.057, description="per day: absence probability at mid states (S4)")
    absence_engagement: float = Field(2.0, ge=0, le=10, description="log-odds per unit disengagement")
    absence_fear: float = Field(1.0, ge=0, le=10, description="log-odds per unit fear")
    quit_base: Rate = Field(0.00105, description="per day: quit probability at mid states (S3)")
    quit_engagement: float = Field(2.5, ge=0, le=10, description="log-hazard per unit disengagement")
    quit_fear: float = Field(2.0, ge=0, le=10, description="log-hazard per unit fear")
    newcomer_ability: Unit = Field(0.3, description="ability of a new hire")
    participation_learning: Unit = Field(0.6, description="move of willingness after a campaign")
    participation_sensitivity: float = Field(
        3.0, ge=0, le=20, description="willingness change per unit change of pride minus fear"
    )
    willingness_drift: Rate = Field(0.002, description="per day: willingness toward engagement")

    @model_validator(mode="after")
    def _weights_sum(self):
        if self.fear_weight_customers + self.fear_weight_boss > 1.0:
            raise ValueError(
                "fear_weight_customers + fear_weight_boss must be at most 1 (the rest weighs fear_for_job)"
            )
        return self


class CustomerBehaviour(_Section):
    """Uncertain parameters of how customers respond (calibrated, see docs/ODD.md)."""

    visit_rate: Rate = Field(0.12, description="per day: visit probability at loyalty 0.5")
    visit_floor: float = Field(
        0.5, ge=0.0, le=2.0, description="visit probability over visit_rate at loyalty 0 (then + loyalty)"
    )
    quality_noise: float = Field(0.1, ge=0, le=1, description="sd of experienced quality")
    climate_effect: float = Field(0.2, ge=0, le=1, description="quality per unit climate above 0.5")
    problem_rate: Rate = Field(0.1, description="share of visits with a problem")
    solve_max: Unit = Field(0.8, description="chance to solve a problem at full horizon")
    problem_penalty: Unit = Field(0.3, description="quality lost to an unsolved problem")
    loss_aversion: float = Field(2.25, ge=1, le=5, description="weight of bad vs good (C2)")
    satisfaction_rate: Rate = Field(0.3, description="per visit: move of satisfaction")
    trust_rate: Rate = Field(0.15, description="per visit: move of trust per unit experience")
    loyalty_rate: Rate = Field(0.05, description="per visit: move of loyalty")
    loyalty_trust_weight: Unit = Field(
        0.5, description="weight of trust in loyalty's target (the rest: satisfaction's pull)"
    )
    expectation_rate: Rate = Field(0.02, description="per day: expectation toward market+promise")
    expectation_adapt: Rate = Field(0.05, description="per visit: expectation toward experience")
    promise_lift: Unit = Field(0.2, description="expectation added by a full promise")
    promise_assimilation: Unit = Field(
        0.25, description="share of a promise's lift perceived as quality (variant promise_quality)"
    )
    complain_share: Unit = Field(0.5, description="share of unsolved problems voiced to staff (C3)")
    escalate_share: Unit = Field(0.05, description="share of complaints escalated further (C3)")
    experience_threshold: Unit = Field(0.05, description="|experience| counted good or bad")
    spend_floor: float = Field(
        0.8, ge=0.0, le=2.0, description="spend of a visit at satisfaction 0, per average"
    )
    spend_satisfaction: float = Field(
        0.4, ge=0.0, le=2.0, description="spend per visit added per unit satisfaction, per average"
    )
    need_rate: Unit = Field(0.3, description="share of visits with an unspoken need")
    wait_penalty: Unit = Field(
        0.3, description="quality lost by every visit of a branch all of whose visits are over capacity"
    )
    walkout_share: Unit = Field(0.5, description="share of over-capacity visits that leave without buying")
    theft_rate: Unit = Field(0.02, description="shoplifting attempts per visit")
    notice_max: Unit = Field(0.8, description="chance to notice a thief at full horizon")
    churn_annual: float = Field(0.07, ge=0.0, le=0.99, description="yearly switching at loyalty 0.5 (C4)")
    churn_loyalty: float = Field(3.0, ge=0, le=10, description="log-hazard per unit disloyalty")
    bad_switch: Unit = Field(0.003, description="chance to switch right after a bad visit")
    wom_rate: Rate = Field(0.02, description="per day: reputation toward today's experiences")
    wom_inflow: float = Field(1.0, ge=0, le=5, description="inflow change per unit reputation")
    promise_attraction: float = Field(0.5, ge=0, le=5, description="inflow change per unit promise")
    new_trust: Unit = Field(0.35, description="trust of a new customer")
    new_loyalty: Unit = Field(0.35, description="loyalty of a new customer")


BranchSelector = Literal["all"] | list[int] | dict[str, float]


class CampaignSpec(_Section):
    """What every campaign spec shares: who (branches), when (start, duration), a one-off fee.

    Each kind's own spec subclasses this in its module in ``campaigns/kinds/``."""

    name: str = Field("", description="label in reports")
    branches: BranchSelector = Field(
        "all",
        description='"all", a list of branch ids, {share = 0.5} (first half) or {first = 0, count = 10}',
    )
    start_day: int = Field(30, ge=0, description="day the campaign starts")
    duration_days: int | None = Field(30, ge=1, description="days it lasts")
    fixed_cost_per_branch: float = Field(0.0, ge=0, description="EUR once per branch at start")

    @model_validator(mode="after")
    def _check_selector(self):
        if isinstance(self.branches, dict):
            keys = set(self.branches)
            if keys not in ({"share"}, {"first", "count"}):
                raise ValueError(
                    "branches must be 'all', a list of ids, {share = x} or {first = i, count = n}"
                )
            if "share" in keys and not 0 <= self.branches["share"] <= 1:
                raise ValueError("branches.share must be within 0..1")
        return self
