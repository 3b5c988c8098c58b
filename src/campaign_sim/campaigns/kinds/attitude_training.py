"""Attitude training: what my work effects; effect awareness to absorb, purpose (mechanism 8)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...config import CampaignSpec, Unit
from ...mechanisms.m08_attitude_training import complete_attitude_training
from ..base import Training, register


class AttitudeTraining(CampaignSpec):
    """Works on what my work effects: raises effect awareness slowly (mechanism 8)."""

    kind: Literal["attitude_training"]
    duration_days: int = Field(30, ge=1, description="days over which sessions are spread")
    awareness_gain: Unit = Field(0.5, description="share of the gap to full awareness worked on")
    purpose_gain: Unit = Field(0.1, description="engagement and willingness from clarified purpose")
    days_off_floor: int = Field(2, ge=0, le=60, description="workshop days per participant")
    cost_per_participant: float = Field(500.0, ge=0, description="EUR per participant")


@register
class AttitudeTrainingCampaign(Training):
    kind = "attitude_training"
    spec_type = AttitudeTraining

    def take_away(self, done, staff, branches, levers, p) -> None:
        complete_attitude_training(
            staff, done, self.spec.awareness_gain, self.spec.purpose_gain, p, self.variants.attitude_uptake
        )
