"""Mechanism 11: engagement and fear drive absence and quitting; newcomers start low."""

from __future__ import annotations

import numpy as np

from ..config import BranchesConfig, StaffBehaviour
from ..outputs import STAFF_STATES
from ..rng import RandomStreams
from ..state import F32, Staff

_MID_ENGAGEMENT = 0.5  # states at which the base rates apply
_MID_FEAR = 0.3
_NEWCOMER_ABILITY_SD = 0.08


def _odds_scaled(base: float, log_odds: np.ndarray) -> np.ndarray:
    if base >= 1.0:  # certain at mid states, hence certain everywhere (odds are infinite)
        return np.ones_like(log_odds)
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
    # one deviate per post and state (ability around newcomer_ability, the rest like a
    # first-day team), drawn every day whoever quits (CRN)
    z = streams.newcomer.standard_normal((len(STAFF_STATES), staff.size), dtype=F32)
    slots = np.flatnonzero(u < hazard)
    k = slots.size
    if k == 0:
        return slots
    staff.uid[slots] = np.arange(next_uid, next_uid + k)
    for row, name in enumerate(STAFF_STATES):
        if name == "ability":
            mean, sd = p.newcomer_ability, _NEWCOMER_ABILITY_SD
        else:
            spread = getattr(initial, name)
            mean, sd = spread.mean, spread.within_sd
        getattr(staff, name)[slots] = np.clip(mean + sd * z[row, slots], 0.0, 1.0)
    staff.awareness_baseline[slots] = staff.effect_awareness[slots]
    for name in ("trained_gain", "transfer", "attitude_pending"):
        getattr(staff, name)[slots] = 0.0
    staff.tenure[slots] = 0
    return slots
