"""Leadership: supervisor support (and optionally punishment) while it runs (mechanisms 1, 7, 9)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...config import CampaignSpec, Unit
from ..base import Lever, register


class Leadership(CampaignSpec):
    """Leadership style: supportive vs controlling (mechanisms 1, 7, 9)."""

    kind: Literal["leadership"]
    duration_days: int | None = Field(
        None, ge=1, description="days it lasts (omit: until the end of the run)"
    )
    support: Unit = Field(0.8, description="supervisor support, 0..1")
    punishment: Unit | None = Field(None, description="overrides punishment if given")
    cost_per_employee_day: float = Field(1.0, ge=0, description="EUR coaching cost")


@register
class LeadershipCampaign(Lever):
    kind = "leadership"
    spec_type = Leadership

    def set_levers(self, levers, mask) -> None:
        levers.support[mask] = self.spec.support
        if self.spec.punishment is not None:
            levers.punishment[mask] = self.spec.punishment

    def running_cost(self, branches):
        return self.spec.cost_per_employee_day * branches.staff_count * self.branch_mask
