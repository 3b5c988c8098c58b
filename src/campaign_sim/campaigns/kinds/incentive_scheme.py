"""Incentive scheme: what the manager rewards and punishes, doing or effecting (mechanism 9)."""

from __future__ import annotations

from ..base import Lever, register


@register
class IncentiveSchemeCampaign(Lever):
    kind = "incentive_scheme"

    def set_levers(self, levers, mask) -> None:
        levers.focus_effect[mask] = self.spec.focus_effect
        levers.reward[mask] = self.spec.reward
        levers.punishment[mask] = self.spec.punishment

    def running_cost(self, branches):
        return self.spec.cost_per_employee_day * branches.staff_count * self.branch_mask
