"""Promise: advertising that raises customers' expectations while it runs (mechanism 10)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...config import CampaignSpec, Unit
from ..base import Lever, register


class Promise(CampaignSpec):
    """Advertising that raises customers' expectations (mechanism 10)."""

    kind: Literal["promise"]
    duration_days: int | None = Field(
        None, ge=1, description="days it lasts (omit: until the end of the run)"
    )
    level: Unit = Field(0.6, description="promise level, 0..1")
    advertising_cost_per_day: float = Field(20.0, ge=0, description="EUR per branch and day")


@register
class PromiseCampaign(Lever):
    kind = "promise"
    spec_type = Promise

    def set_levers(self, levers, mask) -> None:
        levers.promise[mask] = self.spec.level

    def running_cost(self, branches):
        return self.spec.advertising_cost_per_day * self.branch_mask
