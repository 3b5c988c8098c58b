"""Mechanism 9: the manager rewards and punishes doing or effecting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed
from ..rng import Streams, normal_from_uniform
from ..state import Staff
from .variants import alternative


@dataclass
class Levers:
    """A branch's management levers today (base style overridden by active campaigns)."""

    support: np.ndarray
    punishment: np.ndarray
    reward: np.ndarray
    focus_effect: np.ndarray
    promise: np.ndarray


#: how much work a branch's incentives get out of each employee: (levers, p) -> factor per branch
WorkFactor = Callable[[Levers, StaffBehaviour | CompanyParameters], np.ndarray]
#: how much a reward for effect crowds out engagement, relative to one for doing: p -> weight
Crowding = Callable[[StaffBehaviour | CompanyParameters], float]
#: how far off the manager's reading of each employee's effect is: (staff, streams, p) -> per post
EffectReading = Callable[[Staff, Streams, StaffBehaviour | CompanyParameters], np.ndarray]


@alternative(
    "doing_reward",
    "pride_only",
    mechanism="mechanism 9",
    meaning="rewarding doing brings a little pride and crowds out engagement; "
    "it does not change how much work gets done",
    default=True,
)
def work_unchanged(levers: Levers, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """The published model: incentives act on states only; capacity and offers stay as they are."""
    return np.ones(levers.reward.size)


@alternative(
    "doing_reward",
    "more_work",
    mechanism="mechanism 9",
    meaning="rewarding doing also raises the quantity of work: each employee on duty serves "
    "1 + doing_quantity * reward * (1 - focus_effect) times as many visits well and makes as many "
    "more additional-sale offers",
)
def work_raised_by_doing(levers: Levers, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """Extrinsic incentives predict the quantity of work more than its quality (Cerasoli et al.
    2014, S6; Garbers & Konradt 2014, I3): a reward for activity gets more activity."""
    doing_quantity = packed(p).per("doing_quantity", "branches", levers.reward.size)
    return 1.0 + doing_quantity * levers.reward * (1.0 - levers.focus_effect)


@alternative(
    "effect_observation",
    "exact",
    mechanism="mechanism 9",
    meaning="the manager sees each employee's effect of the day exactly",
    default=True,
)
def exact_effect_reading(staff: Staff, streams: Streams, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """The published model: no misreading, and no random draw."""
    return np.zeros(staff.size)


@alternative(
    "effect_observation",
    "noisy",
    mechanism="mechanism 9",
    meaning="the manager reads each employee's effect with normal noise of sd appraisal_noise "
    "(stream appraisal), so rewarding and punishing effect is partly a lottery",
)
def noisy_effect_reading(staff: Staff, streams: Streams, p: StaffBehaviour | CompanyParameters) -> np.ndarray:
    """Supervisors' ratings of performance agree only moderately (Viswesvaran, Ones & Schmidt 1996):
    a manager does not see most of a day's encounters and misjudges some of those seen."""
    u = streams.uniforms("appraisal", "staff", staff.size, np.float32)
    noise = packed(p).per("appraisal_noise", "staff", staff.size)
    return noise * normal_from_uniform(u).astype(np.float64)


@alternative(
    "crowd_out",
    "doing_rewards",
    mechanism="mechanism 9",
    meaning="only rewards for doing crowd out engagement; rewards for effect do not",
    default=True,
)
def crowding_by_doing_rewards(p: StaffBehaviour | CompanyParameters) -> float:
    """The published model: rewarding effect is free of crowd-out (weight 0)."""
    return 0.0


@alternative(
    "crowd_out",
    "all_rewards",
    mechanism="mechanism 9",
    meaning="every tangible reward crowds out engagement, for effect as much as for doing",
)
def crowding_by_all_rewards(p: StaffBehaviour | CompanyParameters) -> float:
    """Tangible rewards contingent on performance undermine intrinsic motivation whatever the
    performance is (Deci, Koestner & Ryan 1999): a scheme paying for effect is still a payment."""
    return 1.0


def apply_incentives(
    staff: Staff,
    on_duty: np.ndarray,
    served: np.ndarray,
    good: np.ndarray,
    bad: np.ndarray,
    hostile: np.ndarray,
    sold: np.ndarray,
    levers: Levers,
    p: StaffBehaviour | CompanyParameters,
    misreading: np.ndarray | None = None,
    crowding: Crowding = crowding_by_doing_rewards,
) -> None:
    """Reward and punishment of the day's doing (activity) or effecting (customer outcomes).

    Rewarding effect feeds pride and effect awareness; rewarding doing feeds
    pride a little and crowds out engagement (Cerasoli et al. 2014, S6);
    punishing a bad day feeds fear of the boss, which otherwise relaxes toward
    what the manager's style makes normal.  ``misreading`` (per post, default none) is added
    to the effect the manager reads: the run's ``effect_observation`` variant; ``crowding`` is
    its ``crowd_out`` variant (default: rewards for effect crowd out nothing).
    """
    p = packed(p)
    if misreading is None:
        misreading = np.zeros(staff.size)
    _reward_and_punish(
        staff.branch, on_duty, served, good, bad, hostile, sold, misreading,
        levers.reward, levers.focus_effect, levers.punishment, levers.support,
        staff.pride, staff.effect_awareness, staff.engagement, staff.fear_of_boss,
        p.bounds("staff", staff.size), p.table(_INCENTIVE_PARAMETERS), crowding(p),
    )  # fmt: skip


#: the staff parameters ``_reward_and_punish`` reads, in the order of its ``p_k`` rows
_INCENTIVE_PARAMETERS = (
    "doing_pride", "effect_pride", "awareness_reinforce", "crowd_out", "punish_fear",
    "boss_fear_unsupportive", "boss_fear_punitive", "boss_fear_rate",
)  # fmt: skip


@njit(cache=True)
def _reward_and_punish(
    branch, on_duty, served, good, bad, hostile, sold, misreading, reward_b, focus_b, punish_b, support_b,
    pride, awareness, engagement, fear_of_boss, staff_bounds, p_k, effect_crowding,
):  # fmt: skip
    """Doing = visits served relative to the team's mean on duty (capped at 1.5, scaled to 1);
    effect = (good + sold - bad - hostile) / served + misreading in [-1, 1]; then the updates,
    clipped.  Company by company (``staff_bounds``; ``p_k``: ``_INCENTIVE_PARAMETERS`` as rows,
    one column per company)."""
    n_branches = reward_b.size
    team_served = np.zeros(n_branches)
    team_on_duty = np.zeros(n_branches)
    for i in range(branch.size):
        if on_duty[i]:
            team_served[branch[i]] += served[i]
            team_on_duty[branch[i]] += 1.0
    for k in range(staff_bounds.size - 1):
        doing_pride, effect_pride, awareness_reinforce, crowd_out = p_k[0:4, k]
        punish_fear, boss_fear_unsupportive, boss_fear_punitive, boss_fear_rate = p_k[4:8, k]
        _reward_and_punish_company(
            staff_bounds[k], staff_bounds[k + 1], branch, on_duty, served, good, bad, hostile, sold,
            misreading, reward_b, focus_b, punish_b, support_b, pride, awareness, engagement, fear_of_boss,
            team_served, team_on_duty, doing_pride, effect_pride, awareness_reinforce, crowd_out,
            effect_crowding, punish_fear, boss_fear_unsupportive, boss_fear_punitive, boss_fear_rate,
        )  # fmt: skip


@njit(cache=True)
def _reward_and_punish_company(
    i0, i1, branch, on_duty, served, good, bad, hostile, sold, misreading, reward_b, focus_b, punish_b,
    support_b, pride, awareness, engagement, fear_of_boss, team_served, team_on_duty,
    doing_pride, effect_pride, awareness_reinforce, crowd_out, effect_crowding, punish_fear,
    boss_fear_unsupportive, boss_fear_punitive, boss_fear_rate,
):  # fmt: skip
    """:func:`_reward_and_punish`'s updates of employees ``i0`` to ``i1`` (one company's)."""
    for i in range(i0, i1):
        b = branch[i]
        norm = max(team_served[b] / max(team_on_duty[b], 1.0), 1e-9)
        doing = min(max(served[i] / norm, 0.0), 1.5) / 1.5
        seen = (good[i] + sold[i] - bad[i] - hostile[i]) / max(served[i], 1.0) + misreading[i]
        effect = min(max(seen, -1.0), 1.0)
        reward, focus, punish = reward_b[b], focus_b[b], punish_b[b]
        duty = 1.0 if on_duty[i] else 0.0
        positive_effect = max(effect, 0.0)
        pr = pride[i]
        pr += (
            duty
            * reward
            * ((1 - focus) * doing_pride * doing + focus * effect_pride * positive_effect)
            * (1 - pr)
        )
        ea = awareness[i]
        ea += duty * reward * focus * awareness_reinforce * positive_effect * (1.0 - ea)
        crowding = (1.0 - focus) + effect_crowding * focus
        engagement[i] -= duty * crowd_out * reward * crowding * engagement[i]
        bad_day = (1.0 - focus) * (doing < 0.5) + focus * (effect < 0)
        fob = fear_of_boss[i]
        fob += duty * punish * punish_fear * bad_day * (1.0 - fob)
        target = boss_fear_unsupportive * (1.0 - support_b[b]) + boss_fear_punitive * punish
        fob += boss_fear_rate * (target - fob)
        pride[i] = min(max(pr, 0.0), 1.0)
        awareness[i] = min(max(ea, 0.0), 1.0)
        fear_of_boss[i] = min(max(fob, 0.0), 1.0)
