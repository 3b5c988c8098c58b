"""Population state as arrays: one slot per employee post and per customer place.

Employees are stored branch by branch (contiguous), so are customers; branch
aggregates are then one ``np.add.reduceat`` call.  A slot outlives its agent:
a quit refills the post with a newcomer (new ``uid``), a churned customer frees
the place for a newcomer later, so arrays never grow and never leak.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import numpy as np

from .config import Spread
from .mechanisms.m10_promises import expectation_target

if TYPE_CHECKING:
    from .scenario import Scenario

F32 = np.float32
#: customers' spend factor is lognormal with mean 1: exp(N(-0.125, 0.5))
SPEND_LOG_MEAN, SPEND_LOG_SD = -0.125, 0.5


@dataclass
class Staff:
    """Employee arrays, length = number of posts."""

    branch: np.ndarray
    uid: np.ndarray
    ability: np.ndarray
    fear_of_customers: np.ndarray
    fear_of_boss: np.ndarray
    fear_for_job: np.ndarray
    pride: np.ndarray
    effect_awareness: np.ndarray
    engagement: np.ndarray
    willingness: np.ndarray
    trained_gain: np.ndarray  # part of ability that came from behaviour training
    transfer: np.ndarray  # share of trained_gain applied on the floor
    attitude_pending: np.ndarray  # attitude content not yet absorbed
    awareness_baseline: np.ndarray  # awareness a person returns to without reinforcement
    tenure: np.ndarray  # days since hire
    absent: np.ndarray  # off sick or otherwise absent today
    in_training: np.ndarray  # off the floor for a campaign today
    fear: np.ndarray  # derived each day: weighted sum of the three sources
    delivered_behaviour: np.ndarray  # derived each day: behaviour delivered (mechanism 2)
    horizon: np.ndarray  # derived each day: proactive horizon (mechanism 3)

    @property
    def size(self) -> int:
        return self.branch.size  # a Python int already; int() cost a tenth of a microsecond, called often

    @property
    def on_duty(self) -> np.ndarray:
        return ~(self.absent | self.in_training)

    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


@dataclass
class Customers:
    """Customer arrays, length = number of customer places (active or free)."""

    branch: np.ndarray
    uid: np.ndarray
    active: np.ndarray
    expectation: np.ndarray
    satisfaction: np.ndarray
    trust: np.ndarray
    loyalty: np.ndarray
    spend_factor: np.ndarray

    @property
    def size(self) -> int:
        return self.branch.size  # a Python int already; int() cost a tenth of a microsecond, called often

    def nbytes(self) -> int:
        return sum(getattr(self, f.name).nbytes for f in fields(self))


@dataclass
class Branches:
    """Per-branch arrays and the layout of their slots."""

    staff_start: np.ndarray  # first employee slot of each branch
    staff_count: np.ndarray
    customer_start: np.ndarray
    customer_capacity: np.ndarray
    spend_multiplier: np.ndarray
    support: np.ndarray  # manager's own style, before campaigns
    punishment: np.ndarray
    reward: np.ndarray
    focus_effect: np.ndarray
    reputation: np.ndarray
    climate: np.ndarray
    revenue_ratio: np.ndarray  # smoothed revenue / expected revenue
    expected_revenue: np.ndarray
    inflow_base: np.ndarray  # new customers a day at the base switching rate (loyalty 0.5)
    norm_ability: np.ndarray  # ordinary ability (company mean) that on-the-job learning approaches
    newcomer_draws: np.ndarray | None = None  # packed draws reserved per branch and day (customer_flows)

    @property
    def size(self) -> int:
        return self.staff_count.size


def _draw_spread(rng: np.random.Generator, spread: Spread, branch_of: np.ndarray, n_branches: int):
    branch_means = np.clip(rng.normal(spread.mean, spread.between_sd, n_branches), 0.0, 1.0)
    values = branch_means[branch_of] + rng.normal(0.0, spread.within_sd, branch_of.size)
    return np.clip(values, 0.0, 1.0).astype(F32)


def _sizes(rng: np.random.Generator, mean: float, sd: float, n: int, low: int) -> np.ndarray:
    return np.maximum(np.rint(rng.normal(mean, sd, n)), low).astype(np.int64)


def initialise(scenario: Scenario, rng: np.random.Generator) -> tuple[Staff, Customers, Branches]:
    """Draw heterogeneous branches, teams and customer bases from the scenario."""
    cfg, run = scenario.branches, scenario.run
    n = run.branches
    staff_count = _sizes(rng, cfg.staff_mean, cfg.staff_sd, n, 2)
    customers_initial = _sizes(rng, cfg.customers_mean, cfg.customers_sd, n, 10)
    capacity = np.ceil(customers_initial * (1.0 + cfg.customer_headroom)).astype(np.int64)

    staff_branch = np.repeat(np.arange(n, dtype=np.int32), staff_count)
    s = staff_branch.size
    staff = Staff(
        branch=staff_branch,
        uid=np.arange(s, dtype=np.int64),
        ability=_draw_spread(rng, cfg.ability, staff_branch, n),
        fear_of_customers=_draw_spread(rng, cfg.fear_of_customers, staff_branch, n),
        fear_of_boss=_draw_spread(rng, cfg.fear_of_boss, staff_branch, n),
        fear_for_job=_draw_spread(rng, cfg.fear_for_job, staff_branch, n),
        pride=_draw_spread(rng, cfg.pride, staff_branch, n),
        effect_awareness=_draw_spread(rng, cfg.effect_awareness, staff_branch, n),
        engagement=_draw_spread(rng, cfg.engagement, staff_branch, n),
        willingness=_draw_spread(rng, cfg.willingness, staff_branch, n),
        trained_gain=np.zeros(s, F32),
        transfer=np.zeros(s, F32),
        attitude_pending=np.zeros(s, F32),
        awareness_baseline=np.zeros(s, F32),
        tenure=rng.integers(30, 3000, s).astype(np.int32),
        absent=np.zeros(s, bool),
        in_training=np.zeros(s, bool),
        fear=np.zeros(s, F32),
        delivered_behaviour=np.zeros(s, F32),
        horizon=np.zeros(s, F32),
    )
    staff.awareness_baseline[:] = staff.effect_awareness

    cust_branch = np.repeat(np.arange(n, dtype=np.int32), capacity)
    c = cust_branch.size
    customer_start = np.concatenate(([0], np.cumsum(capacity)[:-1]))
    slot_in_branch = np.arange(c) - customer_start[cust_branch]
    active = slot_in_branch < customers_initial[cust_branch]
    comp, cust = scenario.company, scenario.customers
    customers = Customers(
        branch=cust_branch,
        uid=np.arange(s, s + c, dtype=np.int64),
        active=active,
        expectation=np.full(c, expectation_target(comp.expectation_baseline, comp.promise_level, cust), F32),
        satisfaction=np.clip(rng.normal(0.55, 0.1, c), 0, 1).astype(F32),
        trust=np.clip(rng.normal(0.5, 0.12, c), 0, 1).astype(F32),
        loyalty=np.clip(rng.normal(0.5, 0.12, c), 0, 1).astype(F32),
        spend_factor=rng.lognormal(SPEND_LOG_MEAN, SPEND_LOG_SD, c).astype(F32),
    )

    spend_multiplier = rng.lognormal(0.0, cfg.local_market_sd, n)
    branch_idx = np.arange(n)
    expected_revenue = customers_initial * cust.visit_rate * comp.spend_per_visit * spend_multiplier
    branches = Branches(
        staff_start=np.concatenate(([0], np.cumsum(staff_count)[:-1])),
        staff_count=staff_count,
        customer_start=customer_start,
        customer_capacity=capacity,
        spend_multiplier=spend_multiplier,
        support=_draw_spread(rng, cfg.leadership_support, branch_idx, n),
        punishment=_draw_spread(rng, cfg.punishment, branch_idx, n),
        reward=_draw_spread(rng, cfg.reward, branch_idx, n),
        focus_effect=_draw_spread(rng, cfg.incentive_focus_effect, branch_idx, n),
        reputation=np.full(n, 0.5),
        climate=np.full(n, 0.5),
        revenue_ratio=np.ones(n),
        expected_revenue=expected_revenue,
        inflow_base=customers_initial * cust.churn_annual / 365.0,
        norm_ability=np.full(n, cfg.ability.mean),
    )
    return staff, customers, branches


def _joined(parts: list, name: str, offsets: list[int] | None = None) -> np.ndarray:
    arrays = [getattr(p, name) for p in parts]
    if offsets is not None:
        arrays = [a + np.asarray(o, a.dtype) for a, o in zip(arrays, offsets, strict=True)]
    return np.concatenate(arrays)


def concatenate(
    companies: list[tuple[Staff, Customers, Branches]],
) -> tuple[Staff, Customers, Branches, dict[str, np.ndarray]]:
    """Several companies' state as one: slots company after company, branch numbers, slot
    offsets and uids shifted so that they stay unique (a *pack*, see ``rng.PackedStreams``).

    Returns the joined state and the ``bounds`` of each population (``"staff"``,
    ``"places"``, ``"branches"``: where each company's slots start, and the total).
    """
    staffs, custs, branches = (list(x) for x in zip(*companies, strict=True))
    sizes = {
        "staff": [s.size for s in staffs],
        "places": [c.size for c in custs],
        "branches": [b.size for b in branches],
    }
    bounds = {k: np.concatenate(([0], np.cumsum(v))).astype(np.int64) for k, v in sizes.items()}
    branch_off = bounds["branches"][:-1].tolist()
    # uids: each company's staff and customers numbered on from the previous company's largest
    uid_off, top = [], 0
    for s, c in zip(staffs, custs, strict=True):
        uid_off.append(top)
        top += int(max(s.uid.max(initial=-1), c.uid.max(initial=-1))) + 1
    staff = Staff(
        **{
            f.name: _joined(
                staffs, f.name, branch_off if f.name == "branch" else uid_off if f.name == "uid" else None
            )
            for f in fields(Staff)
        }
    )
    customers = Customers(
        **{
            f.name: _joined(
                custs, f.name, branch_off if f.name == "branch" else uid_off if f.name == "uid" else None
            )
            for f in fields(Customers)
        }
    )
    offsets = {"staff_start": bounds["staff"][:-1].tolist(), "customer_start": bounds["places"][:-1].tolist()}
    joined = Branches(
        **{
            f.name: _joined(branches, f.name, offsets.get(f.name))
            for f in fields(Branches)
            if f.name != "newcomer_draws"
        }
    )
    return staff, customers, joined, bounds


def company_view(
    staff: Staff, branches: Branches, bounds: dict[str, np.ndarray], k: int
) -> tuple[Staff, Branches]:
    """Company ``k`` of a pack as its own ``Staff`` and ``Branches``: views that write through
    to the pack's arrays, with branch numbers and slot offsets as the company alone has them
    (so a campaign acts on it exactly as in a solo run)."""
    s0, s1 = int(bounds["staff"][k]), int(bounds["staff"][k + 1])
    b0, b1 = int(bounds["branches"][k]), int(bounds["branches"][k + 1])
    c0 = int(bounds["places"][k])
    local = {"branch": staff.branch[s0:s1] - staff.branch.dtype.type(b0)}
    view = Staff(**{f.name: local.get(f.name, getattr(staff, f.name)[s0:s1]) for f in fields(Staff)})
    shifted = {
        "staff_start": branches.staff_start[b0:b1] - s0,
        "customer_start": branches.customer_start[b0:b1] - c0,
    }
    branch_view = Branches(
        **{
            f.name: shifted.get(f.name, getattr(branches, f.name)[b0:b1])
            for f in fields(Branches)
            if f.name != "newcomer_draws"
        }
    )
    return view, branch_view
