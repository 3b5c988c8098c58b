"""Leadership: supervisor support (and optionally punishment) while it runs (mechanisms 1, 7, 9)."""

from __future__ import annotations

from ..base import Lever, register


@register
class LeadershipCampaign(Lever):
    kind = "leadership"

    def set_levers(self, levers, mask) -> None:
        levers.support[mask] = self.spec.support
        if self.spec.punishment is not None:
            levers.punishment[mask] = self.spec.punishment

    def running_cost(self, branches):
        return self.spec.cost_per_employee_day * branches.staff_count * self.branch_mask
