"""Mechanism 11: engagement and fear drive absence and quitting; newcomers start low."""

from __future__ import annotations

import numpy as np

from ..config import BranchesConfig, StaffBehaviour
from ..rng import RandomStreams
from ..state import F32, Staff

_MID_ENGAGEMENT = 0.5  # states at which the base rates apply
_MID_FEAR = 0.3


def _odds_scaled(base: float, log_odds: np.ndarray) -> np.ndarray:
    odds = base / (1.0 - base) * np.exp(log_odds)
    return odds / (1.0 + odds)


def draw_absence(staff: Staff, streams: RandomStreams, p: StaffBehaviour) -> np.ndarray:
    """Who is absent today: base rate shifted by disengagement and fear (S4, S7)."""
    u = streams.absence.random(staff.size, dtype=F32)
    log_odds = p.absence_engagement * (_MID_ENGAGEMENT - staff.engagement) + p.absence_fear * (
        staff.fear - _MID_FEAR
    )
    staff.absent[:] = u < _odds_scaled(p.absence_base, log_odds)
    return staff.absent


def quit_and_replace(
    staff: Staff,
    streams: RandomStreams,
    p: StaffBehaviour,
    initial: BranchesConfig,
    next_uid: int,
) -> np.ndarray:
    """Who quits today (S3); each post is refilled at once by a newcomer with low ability.

    Returns the slots that changed hands; newcomers get fresh uids from ``next_uid``.
    """
    u = streams.quit.random(staff.size, dtype=F32)
    hazard = p.quit_base * np.exp(
        p.quit_engagement * (_MID_ENGAGEMENT - staff.engagement) + p.quit_fear * (staff.fear - _MID_FEAR)
    )
    slots = np.flatnonzero(u < hazard)
    k = slots.size
    if k == 0:
        return slots
    rng = streams.newcomer

    def draw(mean: float, sd: float) -> np.ndarray:
        return np.clip(rng.normal(mean, sd, k), 0.0, 1.0).astype(F32)

    staff.uid[slots] = np.arange(next_uid, next_uid + k)
    staff.ability[slots] = draw(p.newcomer_ability, 0.08)
    staff.fear_of_customers[slots] = draw(initial.fear_of_customers.mean, initial.fear_of_customers.within_sd)
    staff.fear_of_boss[slots] = draw(initial.fear_of_boss.mean, initial.fear_of_boss.within_sd)
    staff.fear_for_job[slots] = draw(initial.fear_for_job.mean, initial.fear_for_job.within_sd)
    staff.pride[slots] = draw(initial.pride.mean, initial.pride.within_sd)
    awareness = draw(initial.effect_awareness.mean, initial.effect_awareness.within_sd)
    staff.effect_awareness[slots] = awareness
    staff.awareness_baseline[slots] = awareness
    staff.engagement[slots] = draw(initial.engagement.mean, initial.engagement.within_sd)
    staff.willingness[slots] = draw(initial.willingness.mean, initial.willingness.within_sd)
    for name in ("trained_gain", "transfer", "attitude_pending"):
        getattr(staff, name)[slots] = 0.0
    staff.tenure[slots] = 0
    return slots
