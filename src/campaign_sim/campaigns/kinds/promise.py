"""Promise: advertising that raises customers' expectations while it runs (mechanism 10)."""

from __future__ import annotations

from ..base import Lever, register


@register
class PromiseCampaign(Lever):
    kind = "promise"

    def set_levers(self, levers, mask) -> None:
        levers.promise[mask] = self.spec.level

    def running_cost(self, branches):
        return self.spec.advertising_cost_per_day * self.branch_mask
