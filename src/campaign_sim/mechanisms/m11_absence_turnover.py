"""Mechanism 11: engagement and fear drive absence and quitting; newcomers start low."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..config import BranchesConfig, StaffBehaviour
from ..outputs import STAFF_STATES
from ..rng import Streams, field, normal_from_uniform
from ..state import F32, Staff

_MID_ENGAGEMENT = 0.5  # states at which the base rates apply
_MID_FEAR = 0.3
_NEWCOMER_ABILITY_SD = 0.08
#: packed draws per post and day for a newcomer's states (three fields each)
NEWCOMER_DRAWS = 3


@njit(cache=True, inline="always")
def _odds_scaled(base: float, log_odds: float) -> float:
    """The base probability with its log-odds shifted by ``log_odds``."""
    if base >= 1.0:  # certain at mid states, hence certain everywhere (odds are infinite)
        return 1.0
    odds = base / (1.0 - base) * math.exp(log_odds)
    return odds / (1.0 + odds)


def draw_absence(staff: Staff, streams: Streams, p: StaffBehaviour) -> np.ndarray:
    """Who is absent today: base rate shifted by disengagement and fear (S4, S7)."""
    u = streams.uniforms("absence", "staff", staff.size, F32)
    _absent(
        u, staff.engagement, staff.fear, staff.absent, p.absence_base, p.absence_engagement, p.absence_fear
    )
    return staff.absent


@njit(cache=True)
def _absent(u, engagement, fear, absent, base, k_engagement, k_fear):
    for i in range(u.size):
        log_odds = k_engagement * (_MID_ENGAGEMENT - engagement[i]) + k_fear * (fear[i] - _MID_FEAR)
        absent[i] = u[i] < _odds_scaled(base, log_odds)


def quit_and_replace(
    staff: Staff,
    streams: Streams,
    p: StaffBehaviour,
    initial: BranchesConfig,
    next_uid: int,
) -> np.ndarray:
    """Who quits today (S3); each post is refilled at once by a newcomer with low ability.

    Returns the slots that changed hands; newcomers get fresh uids from ``next_uid``.
    """
    u = streams.uniforms("quit", "staff", staff.size, F32)
    # three packed draws per post (nine 21-bit fields for the eight newcomer states: ability
    # around newcomer_ability, the rest like a first-day team), every day whoever quits (CRN)
    draws = streams.raw("newcomer", "staff", staff.size, rows=NEWCOMER_DRAWS)
    slots = _quitters(u, staff.engagement, staff.fear, p.quit_base, p.quit_engagement, p.quit_fear)
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
        z = normal_from_uniform(field(draws[row // 3, slots], row % 3))
        getattr(staff, name)[slots] = np.clip(mean + sd * z, 0.0, 1.0)
    staff.awareness_baseline[slots] = staff.effect_awareness[slots]
    for name in ("trained_gain", "transfer", "attitude_pending"):
        getattr(staff, name)[slots] = 0.0
    staff.tenure[slots] = 0
    return slots


@njit(cache=True)
def _quitters(u, engagement, fear, base, k_engagement, k_fear):
    """Posts whose uniform falls below the quit hazard."""
    slots = np.empty(u.size, np.int64)
    n = 0
    for i in range(u.size):
        hazard = base * math.exp(
            k_engagement * (_MID_ENGAGEMENT - engagement[i]) + k_fear * (fear[i] - _MID_FEAR)
        )
        if u[i] < hazard:
            slots[n] = i
            n += 1
    return slots[:n]
