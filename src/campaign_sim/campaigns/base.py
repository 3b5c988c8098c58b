"""What every campaign kind shares: its record (who, when, counters) and a small lifecycle.

A kind is a subclass of :class:`CampaignKind` registered under its ``kind`` name with
:func:`register`, next to its pydantic spec (``spec_type``, a :class:`~campaign_sim.config.CampaignSpec`)
in the same module; the schedule calls the lifecycle methods and never asks which kind it
has (Starsim's ``Intervention`` is the model for the shape):

- :meth:`CampaignKind.start` on the start day: participants (everybody in post in the
  campaign's branches), one training uniform per post, the one-off cost;
- :meth:`CampaignKind.plan` every day after the start: the day's levers, who is off the
  floor, who finishes today, running costs;
- :meth:`CampaignKind.finish`: what today's finishers take away;
- :meth:`CampaignKind.judge`: the participants' verdict (mechanism 12);
- costs are reported apart, as a controller books them (:meth:`CampaignKind.cost_split`): what a
  training costs (its fees per participant and any fixed fee) is one-off, an investment booked
  once; a lever campaign's daily cost is running, only its fixed fee at the start is one-off.
  The experiments' cost ledger (``experiments/runs.py``, ``CostLedger``) books the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, get_args

import numpy as np

from ..mechanisms.m12_participation import evaluate_campaign, wellbeing
from ..mechanisms.variants import Variants
from ..mechanisms.variants import resolve as resolve_variants

if TYPE_CHECKING:
    from ..config import CampaignSpec, StaffBehaviour
    from ..mechanisms.m09_incentives import Levers
    from ..rng import RandomStreams
    from ..state import Branches, Staff
    from .schedule import CampaignDay

#: days after a campaign's end at which participants judge it (mechanism 12)
EVALUATION_DELAY = 30
#: days after its start at which participants judge a campaign that runs to the end of the run
OPEN_ENDED_VERDICT = 90

#: kind name -> class
KINDS: dict[str, type[CampaignKind]] = {}


def register(cls: type[CampaignKind]) -> type[CampaignKind]:
    """Class decorator: make ``cls`` the behaviour of campaigns whose spec says ``kind = cls.kind``.

    The spec's ``kind`` field must be ``Literal[cls.kind]``: that is what the scenario's
    discriminated union of campaign specs dispatches on."""
    if cls.kind in KINDS:
        raise ValueError(f"campaign kind {cls.kind!r} registered twice")
    kind_field = cls.spec_type.model_fields.get("kind")
    if kind_field is None or get_args(kind_field.annotation) != (cls.kind,):
        raise TypeError(f"{cls.spec_type.__name__}.kind must be Literal[{cls.kind!r}] for kind {cls.kind!r}")
    KINDS[cls.kind] = cls
    return cls


class CampaignKind:
    """One campaign of a run: its spec, the branches it reaches, its counters and lifecycle."""

    kind: ClassVar[str]
    #: True where everything the campaign spends is one-off (a training's fees: an investment booked
    #: once); False where only the fixed fee at the start is, and the daily cost is running
    spending_is_one_off: ClassVar[bool] = False
    #: the pydantic spec a scenario file's ``[[campaigns]]`` entry of this kind validates into
    spec_type: ClassVar[type[CampaignSpec]]

    def __init__(self, spec: CampaignSpec, branch_mask: np.ndarray, variants: Variants | None = None):
        self.spec = spec
        self.branch_mask = branch_mask
        #: the run's mechanism variants (``[model] variants``), for kinds whose content a variant shapes
        self.variants = variants if variants is not None else resolve_variants()
        self.start_day = spec.start_day
        self.end_day = float("inf") if spec.duration_days is None else spec.start_day + spec.duration_days
        self.participants: np.ndarray | None = None
        self.participant_uid: np.ndarray | None = None
        self.wellbeing_before: np.ndarray | None = None
        self.reached = 0
        self.completed = 0
        self.money_spent = 0.0
        #: the fixed fees paid on the start day (``fixed_cost_per_branch``); see :meth:`cost_split`
        self.money_one_off = 0.0
        self.days_off_floor = 0.0
        self.evaluated = False

    # ---- who and when --------------------------------------------------------------------------
    def cost_split(self) -> tuple[float, float]:
        """(one-off, running) EUR spent so far, as a controller books them: all of a training's
        fees are one-off (``spending_is_one_off``); of a lever campaign only the fixed fee at the
        start, its daily cost is running.  The experiments' ``CostLedger`` books the same way."""
        one_off = self.money_spent if self.spending_is_one_off else self.money_one_off
        return one_off, self.money_spent - one_off

    @property
    def money_running(self) -> float:
        """Running cost so far (:meth:`cost_split`)."""
        return self.cost_split()[1]

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

    # ---- lifecycle -----------------------------------------------------------------------------
    def start(self, staff: Staff, streams: RandomStreams) -> np.ndarray:
        """Participants, their wellbeing before, one ``training`` uniform per post (drawn for every
        kind, so that common random numbers do not depend on the kind); returns the one-off cost."""
        self.participants = self.branch_mask[staff.branch].copy()
        self.participant_uid = staff.uid.copy()
        self.wellbeing_before = wellbeing(staff).copy()
        self.reached = int(self.participants.sum())
        cost = self.spec.fixed_cost_per_branch * self.branch_mask
        self.on_start(streams.training.random(staff.size))
        return cost

    def on_start(self, u: np.ndarray) -> None:
        """Kind-specific start (trainings schedule each participant's session from ``u``)."""

    def plan(self, day: int, staff: Staff, branches: Branches, plan: CampaignDay) -> None:
        """The day's levers, who is off the floor, who finishes, running costs (added to ``plan``)."""
        raise NotImplementedError(f"campaign kind {self.kind!r} must say what it does each day")

    def finish(
        self, done: np.ndarray, staff: Staff, branches: Branches, levers: Levers, p: StaffBehaviour
    ) -> None:
        """What today's finishers take away (only kinds that put ``(self, done)`` in ``plan.finished``)."""

    def judge(self, staff: Staff, p: StaffBehaviour) -> None:
        """The participants still in post move their willingness toward their verdict (mechanism 12)."""
        evaluate_campaign(staff, self.still_in_post(staff), self.wellbeing_before, p)
        self.evaluated = True

    def summary(self) -> dict[str, object]:
        one_off, running = self.cost_split()
        return {
            "campaign": self.spec.name or self.kind,
            "kind": self.kind,
            "branches": int(self.branch_mask.sum()),
            "start_day": self.start_day,
            "reached": self.reached,
            "completed": self.completed,
            "days_off_floor": self.days_off_floor,
            "money_one_off": round(one_off, 2),
            "money_running": round(running, 2),
            "money_spent": round(self.money_spent, 2),
        }


class Training(CampaignKind):
    """A training: sessions spread over the campaign, days off the floor, content at completion.

    Its fees (per participant, paid as each finishes, and fixed) are one-off: an investment."""

    spending_is_one_off = True

    #: day each post's session starts (set on the start day)
    session_day: np.ndarray | None = None

    def on_start(self, u: np.ndarray) -> None:
        window = self.spec.duration_days - self.spec.days_off_floor + 1  # validated >= 1
        self.session_day = (self.start_day + np.floor(u * window)).astype(np.int64)

    def plan(self, day: int, staff: Staff, branches: Branches, plan: CampaignDay) -> None:
        spec, n = self.spec, branches.size
        present = self.still_in_post(staff)
        off = present & (self.session_day <= day) & (day < self.session_day + spec.days_off_floor)
        plan.in_training |= off
        plan.training_days += np.bincount(staff.branch[off], minlength=n)
        done = present & (self.session_day + spec.days_off_floor == day)
        if done.any():
            plan.finished.append((self, done))
            plan.cost += spec.cost_per_participant * np.bincount(staff.branch[done], minlength=n)

    def finish(
        self, done: np.ndarray, staff: Staff, branches: Branches, levers: Levers, p: StaffBehaviour
    ) -> None:
        self.completed += int(done.sum())
        self.days_off_floor += float(done.sum()) * self.spec.days_off_floor
        self.take_away(done, staff, branches, levers, p)

    def take_away(
        self, done: np.ndarray, staff: Staff, branches: Branches, levers: Levers, p: StaffBehaviour
    ) -> None:
        raise NotImplementedError(f"training kind {self.kind!r} must say what participants take away")


class Lever(CampaignKind):
    """A campaign that overrides the branch's own levers while it runs, at a daily cost."""

    def plan(self, day: int, staff: Staff, branches: Branches, plan: CampaignDay) -> None:
        if self.active(day):
            self.set_levers(plan.levers, self.branch_mask)
            plan.cost += self.running_cost(branches)

    def set_levers(self, levers: Levers, mask: np.ndarray) -> None:
        raise NotImplementedError(f"lever kind {self.kind!r} must say which levers it sets")

    def running_cost(self, branches: Branches) -> np.ndarray:
        raise NotImplementedError(f"lever kind {self.kind!r} must say what a day costs")
