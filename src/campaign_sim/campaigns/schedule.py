"""The campaigns of a run, side by side or one after another: the schedule that calls each
kind's lifecycle (``base.py``) and never asks which kind it has.

Campaigns are applied in scenario order; later campaigns win where their levers overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
from numba import njit

from ..config import CampaignSpec, StaffBehaviour
from ..mechanisms.m09_incentives import Levers
from ..mechanisms.variants import Variants, resolve
from ..rng import PackedStreams, RandomStreams
from ..state import Branches, Staff, company_view
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
    #: in a pack (``PackedSchedule``): each company's own part of the day, as views of this one
    parts: list[tuple[int, CampaignDay]] = field(default_factory=list)


def base_plan(staff: Staff, branches: Branches, promise_level: float | np.ndarray) -> CampaignDay:
    """A day without campaigns: each branch's own levers, nobody in training, no cost.
    ``promise_level``: the company's, or one per branch (a pack's companies differ)."""
    if not isinstance(promise_level, np.ndarray):
        promise_level = np.full(branches.size, float(promise_level))
    block = _base_levers(
        branches.support, branches.punishment, branches.reward, branches.focus_effect, promise_level
    )
    levers = Levers(
        support=block[0], punishment=block[1], reward=block[2], focus_effect=block[3], promise=block[4]
    )
    return CampaignDay(levers, np.zeros(staff.size, bool), block[5], block[6])


@njit(cache=True)
def _base_levers(support, punishment, reward, focus_effect, promise_level):
    """Rows: the branches' own support, punishment, reward, focus on effect (as float64), the
    company's promise level, then zeros for the day's cost and training days."""
    out = np.zeros((7, support.size))
    for b in range(support.size):
        out[0, b], out[1, b], out[2, b], out[3, b] = support[b], punishment[b], reward[b], focus_effect[b]
        out[4, b] = promise_level[b]
    return out


class CampaignSchedule:
    """All campaigns of a scenario, run one after another or side by side."""

    def __init__(
        self,
        campaigns: list[CampaignSpec],
        n_branches: int,
        variants: Variants | None = None,
        behaviour: StaffBehaviour | None = None,
    ):
        """``variants``: the run's mechanism variants (None: every point at its default);
        ``behaviour``: the company's staff parameters that trainings and verdicts use unless a
        call gives its own (None: the defaults)."""
        variants = variants if variants is not None else resolve()
        self.behaviour = behaviour if behaviour is not None else StaffBehaviour()
        self.records: list[CampaignKind] = [
            KINDS[c.kind](c, select_branches(c.branches, n_branches), variants) for c in campaigns
        ]
        self.n_branches = n_branches

    def plan_day(
        self,
        day: int,
        staff: Staff,
        branches: Branches,
        promise_level: float | np.ndarray,
        streams: RandomStreams,
    ) -> CampaignDay:
        """Levers, who is in training, costs, and who finishes a training today."""
        plan = base_plan(staff, branches, promise_level)
        self.apply(day, plan, staff, branches, streams)
        return plan

    def apply(
        self, day: int, plan: CampaignDay, staff: Staff, branches: Branches, streams: RandomStreams
    ) -> None:
        """Each campaign's part of today's ``plan`` (written into its arrays, in scenario order)."""
        cost = plan.cost
        for rec in self.records:
            spent_before = cost.sum()
            if day == rec.start_day:
                cost += rec.start(staff, streams)
                rec.money_one_off += float(cost.sum() - spent_before)
            if rec.participants is not None:
                rec.plan(day, staff, branches, plan)
            rec.money_spent += float(cost.sum() - spent_before)

    def apply_finished(
        self,
        plan: CampaignDay,
        staff: Staff,
        branches: Branches,
        levers: Levers,
        p: StaffBehaviour | None = None,
    ) -> None:
        """Give today's finishers their training content (mechanisms 7 and 8); ``p``: the
        schedule's own ``behaviour`` unless given."""
        p = p if p is not None else self.behaviour
        for rec, done in plan.finished:
            rec.finish(done, staff, branches, levers, p)

    def evaluate(self, day: int, staff: Staff, p: StaffBehaviour | None = None) -> None:
        """Participants judge campaigns on their verdict day (``base.EVALUATION_DELAY`` days after
        the end, or ``base.OPEN_ENDED_VERDICT`` after the start of one that runs on; mechanism 12);
        ``p``: the schedule's own ``behaviour`` unless given."""
        p = p if p is not None else self.behaviour
        for rec in self.records:
            if rec.evaluated or rec.participants is None or day != rec.verdict_day:
                continue
            rec.judge(staff, p)

    def summary(self) -> list[dict[str, object]]:
        """One row per campaign: what it reached, completed and cost (one-off, running, total)."""
        return [rec.summary() for rec in self.records]


class PackedSchedule:
    """The campaigns of a pack (several companies run as one model, ``rng.PackedStreams``):
    each company keeps its own :class:`CampaignSchedule`, which acts on views of that
    company's slots (``state.company_view``), draws from that company's streams and reads
    that company's staff parameters (its ``behaviour``), so every campaign does exactly what
    it does in the company's solo run."""

    def __init__(self, schedules: list[CampaignSchedule], staff: Staff, branches: Branches, bounds):
        self.schedules = schedules
        self.bounds = bounds
        self.views = [company_view(staff, branches, bounds, k) for k in range(len(schedules))]
        self.n_branches = branches.size

    @property
    def records(self) -> list[CampaignKind]:
        """Every company's campaigns, company after company (see :meth:`of_company`)."""
        return [rec for schedule in self.schedules for rec in schedule.records]

    def of_company(self, k: int) -> CampaignSchedule:
        return self.schedules[k]

    def _part(self, plan: CampaignDay, k: int) -> CampaignDay:
        """Company ``k``'s slice of the pack's plan: views, so campaigns write into the pack's."""
        b0, b1 = (int(x) for x in self.bounds["branches"][k : k + 2])
        s0, s1 = (int(x) for x in self.bounds["staff"][k : k + 2])
        levers = Levers(**{f.name: getattr(plan.levers, f.name)[b0:b1] for f in fields(Levers)})
        return CampaignDay(levers, plan.in_training[s0:s1], plan.cost[b0:b1], plan.training_days[b0:b1])

    def plan_day(
        self,
        day: int,
        staff: Staff,
        branches: Branches,
        promise_level: float | np.ndarray,
        streams: PackedStreams,
    ) -> CampaignDay:
        plan = base_plan(staff, branches, promise_level)
        for k, schedule in enumerate(self.schedules):
            if not schedule.records:
                continue
            part = self._part(plan, k)
            staff_k, branches_k = self.views[k]
            schedule.apply(day, part, staff_k, branches_k, streams.company(k))
            plan.parts.append((k, part))
        return plan

    def apply_finished(self, plan: CampaignDay, staff: Staff, branches: Branches, levers: Levers) -> None:
        """Each company's finishers get their content with that company's staff parameters."""
        for k, part in plan.parts:
            staff_k, branches_k = self.views[k]
            self.schedules[k].apply_finished(part, staff_k, branches_k, part.levers)

    def evaluate(self, day: int, staff: Staff) -> None:
        """Each company's verdicts with that company's staff parameters."""
        for k, schedule in enumerate(self.schedules):
            if schedule.records:
                schedule.evaluate(day, self.views[k][0])

    def summary(self) -> list[dict[str, object]]:
        """One row per campaign of every company, with its ``company``."""
        return [
            {"company": k, **row} for k, schedule in enumerate(self.schedules) for row in schedule.summary()
        ]
