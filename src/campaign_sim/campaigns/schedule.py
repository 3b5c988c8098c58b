"""The campaigns of a run, side by side or one after another: the schedule that calls each
kind's lifecycle (``base.py``) and never asks which kind it has.

Campaigns are applied in scenario order; later campaigns win where their levers overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..config import CampaignSpec, StaffBehaviour
from ..mechanisms.m09_incentives import Levers
from ..mechanisms.variants import Variants, resolve
from ..rng import RandomStreams
from ..state import Branches, Staff
from .base import KINDS, CampaignKind


def select_branches(selector, n_branches: int) -> np.ndarray:
    """Boolean mask of the branches a campaign's ``branches`` selector names."""
    mask = np.zeros(n_branches, bool)
    if selector == "all":
        mask[:] = True
    elif isinstance(selector, list):
        ids = np.asarray(selector, dtype=np.int64)
        mask[ids[(ids >= 0) & (ids < n_branches)]] = True
    elif "share" in selector:
        mask[: int(np.floor(selector["share"] * n_branches + 0.5))] = True  # halves round up
    else:
        first, count = int(selector["first"]), int(selector["count"])
        mask[max(first, 0) : max(first + count, 0)] = True
    return mask


@dataclass
class CampaignDay:
    """What campaigns mean for one day."""

    levers: Levers
    in_training: np.ndarray
    cost: np.ndarray  # EUR per branch
    training_days: np.ndarray  # employee-days off the floor per branch
    finished: list[tuple[CampaignKind, np.ndarray]] = field(default_factory=list)


class CampaignSchedule:
    """All campaigns of a scenario, run one after another or side by side."""

    def __init__(self, campaigns: list[CampaignSpec], n_branches: int, variants: Variants | None = None):
        """``variants``: the run's mechanism variants (None: every point at its default)."""
        variants = variants if variants is not None else resolve()
        self.records: list[CampaignKind] = [
            KINDS[c.kind](c, select_branches(c.branches, n_branches), variants) for c in campaigns
        ]
        self.n_branches = n_branches

    def plan_day(
        self, day: int, staff: Staff, branches: Branches, promise_level: float, streams: RandomStreams
    ) -> CampaignDay:
        """Levers, who is in training, costs, and who finishes a training today."""
        n = self.n_branches
        levers = Levers(
            support=branches.support.astype(np.float64),
            punishment=branches.punishment.astype(np.float64),
            reward=branches.reward.astype(np.float64),
            focus_effect=branches.focus_effect.astype(np.float64),
            promise=np.full(n, promise_level),
        )
        in_training = np.zeros(staff.size, bool)
        cost = np.zeros(n)
        training_days = np.zeros(n)
        plan = CampaignDay(levers, in_training, cost, training_days)
        for rec in self.records:
            spent_before = cost.sum()
            if day == rec.start_day:
                cost += rec.start(staff, streams)
                rec.money_one_off += float(cost.sum() - spent_before)
            if rec.participants is not None:
                rec.plan(day, staff, branches, plan)
            rec.money_spent += float(cost.sum() - spent_before)
        return plan

    def apply_finished(
        self, plan: CampaignDay, staff: Staff, branches: Branches, levers: Levers, p: StaffBehaviour
    ) -> None:
        """Give today's finishers their training content (mechanisms 7 and 8)."""
        for rec, done in plan.finished:
            rec.finish(done, staff, branches, levers, p)

    def evaluate(self, day: int, staff: Staff, p: StaffBehaviour) -> None:
        """Participants judge campaigns on their verdict day (``base.EVALUATION_DELAY`` days after
        the end, or ``base.OPEN_ENDED_VERDICT`` after the start of one that runs on; mechanism 12)."""
        for rec in self.records:
            if rec.evaluated or rec.participants is None or day != rec.verdict_day:
                continue
            rec.judge(staff, p)

    def summary(self) -> list[dict[str, object]]:
        """One row per campaign: what it reached, completed and cost (one-off, running, total)."""
        return [rec.summary() for rec in self.records]
