"""Behaviour training: what to do and how; raises ability, whose transfer fear limits (mechanism 7)."""

from __future__ import annotations

from ...mechanisms.m07_behaviour_training import complete_behaviour_training
from ..base import Training, register


@register
class BehaviourTrainingCampaign(Training):
    kind = "behaviour_training"

    def take_away(self, done, staff, branches, levers, p) -> None:
        complete_behaviour_training(staff, done, self.spec.ability_gain, levers.support, branches.climate, p)
