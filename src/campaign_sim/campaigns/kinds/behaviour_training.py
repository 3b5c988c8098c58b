"""Behaviour training: what to do and how; raises ability, whose transfer fear limits (mechanism 7)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...config import CampaignSpec, Unit
from ...mechanisms.m07_behaviour_training import complete_behaviour_training
from ..base import Training, register


class BehaviourTraining(CampaignSpec):
    """Trains what to do and how: raises ability (mechanism 7)."""

    kind: Literal["behaviour_training"]
    duration_days: int = Field(30, ge=1, description="days over which sessions are spread")
    ability_gain: Unit = Field(0.3, description="share of the gap to full ability taught")
    days_off_floor: int = Field(2, ge=0, le=60, description="training days per participant")
    cost_per_participant: float = Field(400.0, ge=0, description="EUR per participant")


@register
class BehaviourTrainingCampaign(Training):
    kind = "behaviour_training"
    spec_type = BehaviourTraining

    def take_away(self, done, staff, branches, levers, p) -> None:
        complete_behaviour_training(
            staff,
            done,
            self.spec.ability_gain,
            levers.support,
            branches.climate,
            p,
            self.variants.transfer_fear,
        )
