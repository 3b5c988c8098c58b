"""Attitude training: what my work effects; effect awareness to absorb, purpose (mechanism 8)."""

from __future__ import annotations

from ...mechanisms.m08_attitude_training import complete_attitude_training
from ..base import Training, register


@register
class AttitudeTrainingCampaign(Training):
    kind = "attitude_training"

    def take_away(self, done, staff, branches, levers, p) -> None:
        complete_attitude_training(staff, done, self.spec.awareness_gain, self.spec.purpose_gain, p)
