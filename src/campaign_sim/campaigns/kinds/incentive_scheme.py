"""Incentive scheme: what the manager rewards and punishes, doing or effecting (mechanism 9)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...config import CampaignSpec, Unit
from ..base import Lever, register


class IncentiveScheme(CampaignSpec):
    """What the manager rewards and punishes (mechanism 9)."""

    kind: Literal["incentive_scheme"]
    duration_days: int | None = Field(
        None, ge=1, description="days it lasts (omit: until the end of the run)"
    )
    focus_effect: Unit = Field(1.0, description="0 = reward doing, 1 = reward customer effect")
    reward: Unit = Field(0.5, description="strength of rewards")
    punishment: Unit = Field(0.1, description="strength of punishment")
    cost_per_employee_day: float = Field(3.0, ge=0, description="EUR reward budget")


@register
class IncentiveSchemeCampaign(Lever):
    kind = "incentive_scheme"
    spec_type = IncentiveScheme

    def set_levers(self, levers, mask) -> None:
        levers.focus_effect[mask] = self.spec.focus_effect
        levers.reward[mask] = self.spec.reward
        levers.punishment[mask] = self.spec.punishment

    def running_cost(self, branches):
        return self.spec.cost_per_employee_day * branches.staff_count * self.branch_mask
