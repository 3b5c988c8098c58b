"""Mechanism 11: engagement and fear drive absence and quitting; newcomers start low."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numba import njit

from ..config import BranchesConfig, StaffBehaviour
from ..outputs import STAFF_STATES
from ..parameters import CompanyParameters, packed
from ..rng import Streams, field_at, standard_normal_at
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


def draw_absence(staff: Staff, streams: Streams, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """Who is absent today: base rate shifted by disengagement and fear (S4, S7)."""
    p = packed(p)
    u = streams.uniforms("absence", "staff", staff.size, F32)
    _absent(
        u, staff.engagement, staff.fear, staff.absent, p.bounds("staff", staff.size), p.table(_ABSENCE),
    )  # fmt: skip
    return staff.absent


#: the staff parameters ``_absent`` and ``_quitters`` read, as the rows of their ``p_k``
_ABSENCE = ("absence_base", "absence_engagement", "absence_fear")
_QUITS = ("quit_base", "quit_engagement", "quit_fear")


@njit(cache=True)
def _absent(u, engagement, fear, absent, staff_bounds, p_k):
    for c in range(staff_bounds.size - 1):
        base, k_engagement, k_fear = p_k[0, c], p_k[1, c], p_k[2, c]
        for i in range(staff_bounds[c], staff_bounds[c + 1]):
            log_odds = k_engagement * (_MID_ENGAGEMENT - engagement[i]) + k_fear * (fear[i] - _MID_FEAR)
            absent[i] = u[i] < _odds_scaled(base, log_odds)


def quit_and_replace(
    staff: Staff,
    streams: Streams,
    p: StaffBehaviour | CompanyParameters,
    initial: BranchesConfig | Sequence[BranchesConfig],
    next_uid: int,
) -> np.ndarray:
    """Who quits today (S3); each post is refilled at once by a newcomer with low ability.

    Returns the slots that changed hands; newcomers get fresh uids from ``next_uid``.  In a pack,
    ``p`` and ``initial`` (the ``branches`` section: newcomers' spreads) are every company's.
    """
    p = packed(p)
    staff_bounds = p.bounds("staff", staff.size)
    u = streams.uniforms("quit", "staff", staff.size, F32)
    # three packed draws per post (nine 21-bit fields for the eight newcomer states: ability
    # around newcomer_ability, the rest like a first-day team), every day whoever quits (CRN)
    draws = streams.raw("newcomer", "staff", staff.size, rows=NEWCOMER_DRAWS)
    slots = _quitters(u, staff.engagement, staff.fear, staff_bounds, p.table(_QUITS))
    if slots.size == 0:
        return slots
    means, sds = newcomer_profile(p, initial)
    _newcomers(
        slots, draws, next_uid, tuple(getattr(staff, name) for name in STAFF_STATES), staff_bounds, means,
        sds, staff.uid, staff.awareness_baseline, staff.effect_awareness, staff.trained_gain, staff.transfer,
        staff.attitude_pending, staff.tenure,
    )  # fmt: skip
    return slots


#: (id of p, id of initial) -> (p, initial, means, sds): one profile per model, made on its first quit
_PROFILES: dict[tuple[int, int], tuple[object, object, np.ndarray, np.ndarray]] = {}


def newcomer_profile(
    p: CompanyParameters, initial: BranchesConfig | Sequence[BranchesConfig]
) -> tuple[np.ndarray, np.ndarray]:
    """``(companies, states)`` means and sds of a newcomer's ``STAFF_STATES`` in each company:
    ability around ``newcomer_ability``, the rest like a first-day team (``initial``'s spreads);
    kept, since a pack has a quit most days."""
    key = (id(p), id(initial))
    hit = _PROFILES.get(key)
    if hit is not None and hit[0] is p and hit[1] is initial:
        return hit[2], hit[3]
    sections = (initial,) if isinstance(initial, BranchesConfig) else tuple(initial)
    if len(sections) != p.companies:
        raise ValueError(f"{len(sections)} branches sections for {p.companies} companies")
    means = np.empty((p.companies, len(STAFF_STATES)))
    sds = np.empty((p.companies, len(STAFF_STATES)))
    for k, section in enumerate(sections):
        for row, name in enumerate(STAFF_STATES):
            if name == "ability":
                means[k, row], sds[k, row] = p.newcomer_ability[k], _NEWCOMER_ABILITY_SD
            else:
                spread = getattr(section, name)
                means[k, row], sds[k, row] = spread.mean, spread.within_sd
    if len(_PROFILES) > 256:
        _PROFILES.clear()
    _PROFILES[key] = (p, initial, means, sds)
    return means, sds


@njit(cache=True)
def _newcomers(
    slots, draws, next_uid, states, staff_bounds, means, sds, uid, awareness_baseline, effect_awareness,
    trained_gain, transfer, attitude_pending, tenure,
):  # fmt: skip
    """Each refilled post gets a fresh uid and the eight states of a newcomer of its company
    (row ``c`` of ``means``, ``sds``; ``slots`` ascending): state ``r`` is ``clip(mean + sd * z, 0, 1)``
    in float32, ``z`` the normal (inverse CDF) of field ``r % 3`` of the post's packed draw
    ``r // 3``; no trained gain, transfer or pending content, tenure 0."""
    c = 0
    for k in range(slots.size):
        i = slots[k]
        while i >= np.int64(staff_bounds[c + 1]):
            c += 1
        uid[i] = next_uid + k
        for r in range(len(states)):
            z = standard_normal_at(np.float64(field_at(draws[r // 3, i], r % 3)))
            value = np.float32(means[c, r]) + np.float32(sds[c, r]) * z
            states[r][i] = min(max(value, np.float32(0.0)), np.float32(1.0))
        awareness_baseline[i] = effect_awareness[i]
        trained_gain[i] = 0.0
        transfer[i] = 0.0
        attitude_pending[i] = 0.0
        tenure[i] = 0


@njit(cache=True)
def _quitters(u, engagement, fear, staff_bounds, p_k):
    """Posts whose uniform falls below the quit hazard (ascending)."""
    slots = np.empty(u.size, np.int64)
    n = 0
    for c in range(staff_bounds.size - 1):
        base, k_engagement, k_fear = p_k[0, c], p_k[1, c], p_k[2, c]
        for i in range(staff_bounds[c], staff_bounds[c + 1]):
            hazard = base * math.exp(
                k_engagement * (_MID_ENGAGEMENT - engagement[i]) + k_fear * (fear[i] - _MID_FEAR)
            )
            if u[i] < hazard:
                slots[n] = i
                n += 1
    return slots[:n]
