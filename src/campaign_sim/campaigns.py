"""Campaigns: who (branches), when (start, duration) and what (the lever), with their own counters.

A training campaign picks its participants on its start day (the staff then in
post in its branches), spreads their days off the floor over its duration,
and applies its content to each participant on the day they finish.  Lever
campaigns (incentives, leadership, promise) override the branch's own style
while they run.  Each campaign keeps what it reached and what it cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .config import (
    AttitudeTraining,
    BehaviourTraining,
    Campaign,
    IncentiveScheme,
    Leadership,
    Promise,
    StaffBehaviour,
)
from .mechanisms import (
    complete_attitude_training,
    complete_behaviour_training,
    evaluate_campaign,
)
from .mechanisms.m09_incentives import Levers
from .mechanisms.m12_participation import wellbeing
from .rng import RandomStreams
from .state import Branches, Staff

#: days after a campaign's end at which participants judge it (mechanism 12)
EVALUATION_DELAY = 30
#: days after its start at which participants judge a campaign that runs to the end of the run
OPEN_ENDED_VERDICT = 90


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
class CampaignRecord:
    """One campaign's state and counters over the run."""

    spec: Campaign
    branch_mask: np.ndarray
    start_day: int
    end_day: float  # exclusive; inf for levers that run to the end
    participants: np.ndarray | None = None
    participant_uid: np.ndarray | None = None
    session_day: np.ndarray | None = None
    wellbeing_before: np.ndarray | None = None
    reached: int = 0
    completed: int = 0
    money_spent: float = 0.0
    days_off_floor: float = 0.0
    evaluated: bool = False

    @property
    def is_training(self) -> bool:
        return isinstance(self.spec, BehaviourTraining | AttitudeTraining)

    @property
    def verdict_day(self) -> float:
        """Day on which participants judge the campaign (mechanism 12)."""
        if self.end_day == float("inf"):
            return self.start_day + OPEN_ENDED_VERDICT
        return self.end_day + EVALUATION_DELAY

    def active(self, day: int) -> bool:
        return self.start_day <= day < self.end_day

    def still_in_post(self, staff: Staff) -> np.ndarray:
        return self.participants & (staff.uid == self.participant_uid)


@dataclass
class CampaignDay:
    """What campaigns mean for one day."""

    levers: Levers
    in_training: np.ndarray
    cost: np.ndarray  # EUR per branch
    training_days: np.ndarray  # employee-days off the floor per branch
    finished: list[tuple[CampaignRecord, np.ndarray]] = field(default_factory=list)


class CampaignSchedule:
    """All campaigns of a scenario, run one after another or side by side."""

    def __init__(self, campaigns: list[Campaign], n_branches: int):
        self.records = [
            CampaignRecord(
                spec=c,
                branch_mask=select_branches(c.branches, n_branches),
                start_day=c.start_day,
                end_day=float("inf") if c.duration_days is None else c.start_day + c.duration_days,
            )
            for c in campaigns
        ]
        self.n_branches = n_branches

    def _start(self, rec: CampaignRecord, staff: Staff, streams: RandomStreams) -> np.ndarray:
        rec.participants = rec.branch_mask[staff.branch].copy()
        rec.participant_uid = staff.uid.copy()
        rec.wellbeing_before = wellbeing(staff).copy()
        rec.reached = int(rec.participants.sum())
        cost = rec.spec.fixed_cost_per_branch * rec.branch_mask
        u = streams.training.random(staff.size)
        if rec.is_training:
            window = rec.spec.duration_days - rec.spec.days_off_floor + 1  # validated >= 1
            rec.session_day = (rec.start_day + np.floor(u * window)).astype(np.int64)
        return cost

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
            self._plan_one(rec, day, staff, branches, streams, plan)
            rec.money_spent += float(cost.sum() - spent_before)
        return plan

    def _plan_one(
        self,
        rec: CampaignRecord,
        day: int,
        staff: Staff,
        branches: Branches,
        streams: RandomStreams,
        plan: CampaignDay,
    ) -> None:
        n, levers, cost = self.n_branches, plan.levers, plan.cost
        staff_per_branch = branches.staff_count
        if day == rec.start_day:
            cost += self._start(rec, staff, streams)
        if rec.participants is not None:
            spec, mask = rec.spec, rec.branch_mask
            if rec.is_training:
                present = rec.still_in_post(staff)
                off = present & (rec.session_day <= day) & (day < rec.session_day + spec.days_off_floor)
                plan.in_training |= off
                plan.training_days += np.bincount(staff.branch[off], minlength=n)
                done = present & (rec.session_day + spec.days_off_floor == day)
                if done.any():
                    plan.finished.append((rec, done))
                    cost += spec.cost_per_participant * np.bincount(staff.branch[done], minlength=n)
            elif rec.active(day):
                if isinstance(spec, IncentiveScheme):
                    levers.focus_effect[mask] = spec.focus_effect
                    levers.reward[mask] = spec.reward
                    levers.punishment[mask] = spec.punishment
                    cost += spec.cost_per_employee_day * staff_per_branch * mask
                elif isinstance(spec, Leadership):
                    levers.support[mask] = spec.support
                    if spec.punishment is not None:
                        levers.punishment[mask] = spec.punishment
                    cost += spec.cost_per_employee_day * staff_per_branch * mask
                elif isinstance(spec, Promise):
                    levers.promise[mask] = spec.level
                    cost += spec.advertising_cost_per_day * mask

    def apply_finished(
        self, plan: CampaignDay, staff: Staff, branches: Branches, levers: Levers, p: StaffBehaviour
    ) -> None:
        """Give today's finishers their training content (mechanisms 7 and 8)."""
        for rec, done in plan.finished:
            spec = rec.spec
            rec.completed += int(done.sum())
            rec.days_off_floor += float(done.sum()) * spec.days_off_floor
            if isinstance(spec, BehaviourTraining):
                complete_behaviour_training(
                    staff, done, spec.ability_gain, levers.support, branches.climate, p
                )
            else:
                complete_attitude_training(staff, done, spec.awareness_gain, spec.purpose_gain, p)

    def evaluate(self, day: int, staff: Staff, p: StaffBehaviour) -> None:
        """Participants judge campaigns ``EVALUATION_DELAY`` days after their end, or
        ``OPEN_ENDED_VERDICT`` days after the start of one that runs on (mechanism 12)."""
        for rec in self.records:
            if rec.evaluated or rec.participants is None or day != rec.verdict_day:
                continue
            evaluate_campaign(staff, rec.still_in_post(staff), rec.wellbeing_before, p)
            rec.evaluated = True

    def summary(self) -> list[dict[str, object]]:
        """One row per campaign: what it reached, completed and cost."""
        return [
            {
                "campaign": rec.spec.name or rec.spec.kind,
                "kind": rec.spec.kind,
                "branches": int(rec.branch_mask.sum()),
                "start_day": rec.start_day,
                "reached": rec.reached,
                "completed": rec.completed,
                "days_off_floor": rec.days_off_floor,
                "money_spent": round(rec.money_spent, 2),
            }
            for rec in self.records
        ]
