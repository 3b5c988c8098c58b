"""Mechanism 9: the manager rewards and punishes doing or effecting."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import StaffBehaviour
from ..state import Staff


@dataclass
class Levers:
    """A branch's management levers today (base style overridden by active campaigns)."""

    support: np.ndarray
    punishment: np.ndarray
    reward: np.ndarray
    focus_effect: np.ndarray
    promise: np.ndarray


def apply_incentives(
    staff: Staff,
    on_duty: np.ndarray,
    served: np.ndarray,
    good: np.ndarray,
    bad: np.ndarray,
    hostile: np.ndarray,
    sold: np.ndarray,
    levers: Levers,
    p: StaffBehaviour,
) -> None:
    """Reward and punishment of the day's doing (activity) or effecting (customer outcomes).

    Rewarding effect feeds pride and effect awareness; rewarding doing feeds
    pride a little and crowds out engagement (Cerasoli et al. 2014, S6);
    punishing a bad day feeds fear of the boss, which otherwise relaxes toward
    what the manager's style makes normal.
    """
    b = staff.branch
    n_branches = levers.reward.size
    duty_served = np.where(on_duty, served, 0.0)
    team_served = np.bincount(b, weights=duty_served, minlength=n_branches)
    team_on_duty = np.maximum(np.bincount(b, weights=on_duty, minlength=n_branches), 1.0)
    norm = np.maximum(team_served / team_on_duty, 1e-9)[b]
    doing = np.clip(served / norm, 0.0, 1.5) / 1.5
    effect = np.clip((good + sold - bad - hostile) / np.maximum(served, 1.0), -1.0, 1.0)
    reward, focus, punish = levers.reward[b], levers.focus_effect[b], levers.punishment[b]
    duty = on_duty.astype(np.float32)

    positive_effect = np.maximum(effect, 0.0)
    pride = staff.pride
    pride += (
        duty
        * reward
        * ((1 - focus) * p.doing_pride * doing + focus * p.effect_pride * positive_effect)
        * (1 - pride)
    )
    ea = staff.effect_awareness
    ea += duty * reward * focus * p.awareness_reinforce * positive_effect * (1.0 - ea)
    staff.engagement -= duty * p.crowd_out * reward * (1.0 - focus) * staff.engagement

    bad_day = (1.0 - focus) * (doing < 0.5) + focus * (effect < 0)
    fob = staff.fear_of_boss
    fob += duty * punish * p.punish_fear * bad_day * (1.0 - fob)
    target = p.boss_fear_unsupportive * (1.0 - levers.support[b]) + p.boss_fear_punitive * punish
    fob += p.boss_fear_rate * (target - fob)
    for state in (pride, ea, fob):
        np.clip(state, 0.0, 1.0, out=state)
