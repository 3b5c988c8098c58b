"""The contract every mechanism keeps: states stay finite and within [0, 1] (Axelrod-style shared test).

Each mechanism is applied 30 times in a row to a random, valid tiny population
(two branches, hand-made arrays with some states exactly 0 or 1) under
parameters drawn within their declared bounds: at random, all at the lower
bounds, all at the upper bounds, or each at one of its two ends.  Repeating
the step catches rates that overshoot their target.  A mechanism added to
``campaign_sim.mechanisms`` without an entry here fails ``test_registry_complete``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

import campaign_sim.mechanisms as mech
from campaign_sim.config import BranchesConfig, CompanyConfig, CustomerBehaviour, StaffBehaviour, field_bounds
from campaign_sim.mechanisms.m09_incentives import Levers
from campaign_sim.mechanisms.variants import POINTS
from campaign_sim.outputs import CUSTOMER_STATES, STAFF_STATES
from campaign_sim.rng import RandomStreams
from campaign_sim.state import F32, Branches, Customers, Staff

MODES = ("random", "low", "high", "ends")
SEEDS = (0, 1)
REPEATS = 30


def _bounds(field) -> tuple[float, float]:
    lo, hi = field_bounds(field, inset=1e-3)
    return lo, (lo + 200.0 if hi is None else hi)


def draw_params(cls, rng: np.random.Generator, mode: str):
    """Every numeric field of ``cls`` drawn within its declared bounds according to ``mode``."""
    values = {}
    for name, field in cls.model_fields.items():
        if field.annotation not in (float, int):
            continue
        lo, hi = _bounds(field)
        if mode == "low":
            v = lo
        elif mode == "high":
            v = hi
        elif mode == "ends":
            v = lo if rng.random() < 0.5 else hi
        else:
            v = rng.uniform(lo, hi)
        values[name] = round(v) if field.annotation is int else float(v)
    if cls is StaffBehaviour:
        values["fear_weight_boss"] = min(values["fear_weight_boss"], 1.0 - values["fear_weight_customers"])
    return cls(**values)


def _unit(rng, n):
    x = rng.random(n)
    x[rng.random(n) < 0.15] = 0.0
    x[rng.random(n) < 0.15] = 1.0
    return x.astype(F32)


@dataclass
class World:
    staff: Staff
    customers: Customers
    branches: Branches
    streams: RandomStreams
    ps: StaffBehaviour
    pc: CustomerBehaviour
    company: CompanyConfig
    levers: Levers
    rng: np.random.Generator
    next_uid: int = 10_000

    def take_uids(self, slots: np.ndarray) -> np.ndarray:
        self.next_uid += slots.size  # as the model does after each call that hands out uids
        return slots


def make_world(seed: int, mode: str) -> World:
    rng = np.random.default_rng(seed)
    counts, capacity = np.array([3, 4]), np.array([6, 7])
    sb = np.repeat([0, 1], counts).astype(np.int32)
    s = sb.size
    states = {name: _unit(rng, s) for name in STAFF_STATES}
    ability = states["ability"]
    staff = Staff(
        branch=sb,
        uid=np.arange(s, dtype=np.int64),
        trained_gain=(ability * rng.random(s)).astype(F32),
        transfer=_unit(rng, s),
        attitude_pending=((1 - states["effect_awareness"]) * rng.random(s)).astype(F32),
        awareness_baseline=_unit(rng, s),
        tenure=rng.integers(0, 1000, s).astype(np.int32),
        absent=rng.random(s) < 0.2,
        in_training=rng.random(s) < 0.2,
        fear=np.zeros(s, F32),
        delivered_behaviour=np.zeros(s, F32),
        horizon=np.zeros(s, F32),
        **states,
    )
    cb = np.repeat([0, 1], capacity).astype(np.int32)
    c = cb.size
    customers = Customers(
        branch=cb,
        uid=np.arange(100, 100 + c, dtype=np.int64),
        active=rng.random(c) < 0.7,
        spend_factor=rng.lognormal(-0.125, 0.5, c).astype(F32),
        **{name: _unit(rng, c) for name in CUSTOMER_STATES},
    )
    n = 2
    branches = Branches(
        staff_start=np.array([0, 3]),
        staff_count=counts,
        customer_start=np.array([0, 6]),
        customer_capacity=capacity,
        spend_multiplier=rng.lognormal(0, 0.2, n),
        support=rng.random(n),
        punishment=rng.random(n),
        reward=rng.random(n),
        focus_effect=rng.random(n),
        reputation=_unit(rng, n).astype(float),
        climate=_unit(rng, n).astype(float),
        revenue_ratio=rng.uniform(0.5, 1.5, n),
        expected_revenue=rng.uniform(100, 1000, n),
        inflow_base=rng.uniform(0, 3, n),
        norm_ability=rng.random(n),
    )
    ps = draw_params(StaffBehaviour, rng, mode)
    pc = draw_params(CustomerBehaviour, rng, mode)
    company = draw_params(CompanyConfig, rng, mode)
    levers = Levers(*(rng.random(n) for _ in range(5)))
    world = World(staff, customers, branches, RandomStreams(seed + 100), ps, pc, company, levers, rng)
    mech.total_fear(staff, ps)
    mech.deliver_behaviour(staff, ps)
    mech.proactive_horizon(staff, ps)
    return world


def _counts(w: World):
    s = w.staff.size
    served = w.rng.integers(0, 8, s).astype(float)
    good = np.floor(served * w.rng.random(s))
    bad = np.floor((served - good) * w.rng.random(s))
    hostile = np.floor(bad * w.rng.random(s))
    sold = np.floor(served * w.rng.random(s))
    return served, good, bad, hostile, sold


def _serve(w: World, work: np.ndarray | None = None, quality_lift: np.ndarray | None = None):
    enc = mech.serve_customers(
        w.customers, w.staff, w.branches, w.staff.on_duty, w.streams, w.company, w.pc, work, quality_lift
    )
    for name in ("experience", "visits", "revenue", "experience_sum", "served", "good", "hostile", "sold"):
        assert np.all(np.isfinite(getattr(enc, name))), name
    assert np.all(enc.revenue >= 0)


def _target(w: World):
    return np.clip(w.company.expectation_baseline + w.pc.promise_lift * w.levers.promise, 0, 1)


APPLY: dict[str, Callable[[World], object]] = {
    "apply_market_pressure": lambda w: mech.apply_market_pressure(
        w.staff,
        w.company.market_pressure,
        w.branches.revenue_ratio,
        w.levers.support,
        w.branches.climate,
        w.ps,
    ),
    "total_fear": lambda w: mech.total_fear(w.staff, w.ps),
    "deliver_behaviour": lambda w: mech.deliver_behaviour(w.staff, w.ps),
    "proactive_horizon": lambda w: mech.proactive_horizon(w.staff, w.ps),
    "serve_customers": _serve,
    "feed_back_to_staff": lambda w: mech.feed_back_to_staff(
        w.staff, *(x for i, x in enumerate(_counts(w)) if i in (0, 1, 3)), w.ps
    ),
    "spread_climate": lambda w: mech.spread_climate(w.staff, w.branches, w.ps),
    "complete_behaviour_training": lambda w: mech.complete_behaviour_training(
        w.staff, w.rng.random(w.staff.size) < 0.5, w.rng.random(), w.levers.support, w.branches.climate, w.ps
    ),
    "decay_transfer": lambda w: mech.decay_transfer(w.staff, w.levers.support, w.branches.climate, w.ps),
    "learn_on_the_job": lambda w: mech.learn_on_the_job(w.staff, w.branches.norm_ability, w.ps),
    "complete_attitude_training": lambda w: mech.complete_attitude_training(
        w.staff, w.rng.random(w.staff.size) < 0.5, w.rng.random(), w.rng.random(), w.ps
    ),
    "absorb_attitude": lambda w: mech.absorb_attitude(w.staff, w.ps),
    "apply_incentives": lambda w: mech.apply_incentives(
        w.staff, w.staff.on_duty, *_counts(w), w.levers, w.ps
    ),
    "adjust_expectations": lambda w: mech.adjust_expectations(
        w.customers, w.levers.promise, w.company.expectation_baseline, w.pc
    ),
    "draw_absence": lambda w: mech.draw_absence(w.staff, w.streams, w.ps),
    "quit_and_replace": lambda w: w.take_uids(
        mech.quit_and_replace(w.staff, w.streams, w.ps, BranchesConfig(), w.next_uid)
    ),
    "evaluate_campaign": lambda w: mech.evaluate_campaign(
        w.staff, w.rng.random(w.staff.size) < 0.5, (w.rng.random(w.staff.size) * 2 - 1).astype(F32), w.ps
    ),
    "drift_willingness": lambda w: mech.drift_willingness(w.staff, w.ps),
    "switch_to_competitor": lambda w: mech.switch_to_competitor(
        w.customers,
        np.flatnonzero(w.rng.random(w.customers.size) < 0.3),
        w.company.competitor_pull,
        w.streams,
        w.pc,
    ),
    "spread_word_of_mouth": lambda w: mech.spread_word_of_mouth(
        w.branches, w.rng.integers(0, 5, 2).astype(float), w.rng.uniform(-3, 3, 2), w.pc
    ),
    "attract_newcomers": lambda w: w.take_uids(
        mech.attract_newcomers(
            w.customers, w.branches, w.levers.promise, _target(w), w.streams, w.pc, w.next_uid
        )
    ),
}
#: every mechanism variant point: how to apply a mechanism with one of its alternatives
VARIANT_APPLY: dict[str, Callable[[World, Callable], object]] = {
    "attitude_uptake": lambda w, take_up: mech.complete_attitude_training(
        w.staff, w.rng.random(w.staff.size) < 0.5, w.rng.random(), w.rng.random(), w.ps, take_up
    ),
    "transfer_fear": lambda w, share: (
        mech.complete_behaviour_training(
            w.staff,
            w.rng.random(w.staff.size) < 0.5,
            w.rng.random(),
            w.levers.support,
            w.branches.climate,
            w.ps,
            share,
        ),
        mech.decay_transfer(w.staff, w.levers.support, w.branches.climate, w.ps, share),
    ),
    "horizon_knowledge": lambda w, knowledge: mech.proactive_horizon(w.staff, w.ps, knowledge),
    "customer_pride": lambda w, lens: mech.feed_back_to_staff(
        w.staff, *(x for i, x in enumerate(_counts(w)) if i in (0, 1, 3)), w.ps, lens
    ),
    "doing_reward": lambda w, work: _serve(w, work=work(w.levers, w.ps)),
    "effect_observation": lambda w, reading: mech.apply_incentives(
        w.staff, w.staff.on_duty, *_counts(w), w.levers, w.ps, reading(w.staff, w.streams, w.ps)
    ),
    "crowd_out": lambda w, crowding: mech.apply_incentives(
        w.staff, w.staff.on_duty, *_counts(w), w.levers, w.ps, None, crowding
    ),
    "promise_quality": lambda w, lift: _serve(w, quality_lift=lift(w.levers.promise, w.pc)),
}
ALTERNATIVES = [(point, name) for point, vp in sorted(POINTS.items()) for name in sorted(vp.alternatives)]

# tested below as functions of their inputs
PURE = {
    "judge_treatment",
    "loyalty_curve",
    "uptake",
    "expectation_target",
    "over_capacity_share",
    "Encounters",
}


def test_registry_complete():
    """Every public mechanism is under the contract, and every variant point."""
    assert set(mech.__all__) == set(APPLY) | PURE
    assert set(POINTS) == set(VARIANT_APPLY)


def _check(w: World) -> None:
    staff, customers, branches = w.staff, w.customers, w.branches
    for name in (
        *STAFF_STATES,
        "fear",
        "delivered_behaviour",
        "horizon",
        "trained_gain",
        "transfer",
        "attitude_pending",
        "awareness_baseline",
    ):
        x = getattr(staff, name)
        assert np.all(np.isfinite(x)), name
        assert np.all((x >= 0) & (x <= 1)), (name, x)
    assert np.all(staff.trained_gain <= staff.ability + 1e-6)
    for name in CUSTOMER_STATES:
        x = getattr(customers, name)
        assert np.all(np.isfinite(x)), name
        assert np.all((x >= 0) & (x <= 1)), (name, x)
    assert np.all(np.isfinite(customers.spend_factor)) and np.all(customers.spend_factor > 0)
    for name in ("reputation", "climate"):
        x = getattr(branches, name)
        assert np.all(np.isfinite(x)) and np.all((x >= 0) & (x <= 1)), (name, x)
    present = np.concatenate((staff.uid, customers.uid[customers.active]))
    assert np.unique(present).size == present.size


# churn_annual = 1 (its declared upper bound) makes the daily hazard -log(0) = inf: states stay valid
@pytest.mark.filterwarnings("ignore:divide by zero encountered in log1p:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:invalid value encountered in scalar multiply:RuntimeWarning")
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(APPLY))
def test_states_stay_in_unit_interval(name, mode, seed):
    """Applying the mechanism repeatedly keeps every state finite and within [0, 1]."""
    w = make_world(seed, mode)
    sizes = (w.staff.size, w.customers.size, w.branches.staff_count.copy())
    _check(w)
    for _ in range(REPEATS):
        APPLY[name](w)
        _check(w)
    assert (w.staff.size, w.customers.size) == sizes[:2]
    np.testing.assert_array_equal(w.branches.staff_count, sizes[2])


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("point", "alternative"), ALTERNATIVES)
def test_every_variant_keeps_states_in_unit_interval(point, alternative, mode, seed):
    """Each alternative of each variant point keeps the mechanism's contract, applied repeatedly."""
    w = make_world(seed, mode)
    function = POINTS[point].alternatives[alternative].function
    for _ in range(REPEATS):
        VARIANT_APPLY[point](w, function)
        _check(w)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("alternative", sorted(POINTS["attitude_uptake"].alternatives))
def test_attitude_uptake_alternatives_are_shares(alternative, mode, seed):
    """Every attitude_uptake alternative is a share in [0, 1] (content cannot be taken up twice)."""
    w = make_world(seed, mode)
    share = (
        POINTS["attitude_uptake"].alternatives[alternative].function(w.staff, np.arange(w.staff.size), w.ps)
    )
    assert np.all(np.isfinite(share)) and np.all((share >= -1e-6) & (share <= 1 + 1e-6))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("mode", MODES)
def test_over_capacity_share_is_a_share(seed, mode):
    """over_capacity_share lies in [0, 1] and is finite for any valid visits_per_staff_day and staffing."""
    w = make_world(seed, mode)
    visits = w.rng.integers(0, 50, 2)
    on_duty = np.bincount(w.staff.branch[w.staff.on_duty], minlength=2)
    share = mech.over_capacity_share(visits, on_duty, w.company.visits_per_staff_day)
    assert np.all(np.isfinite(share)) and np.all((share >= 0) & (share <= 1))


@pytest.mark.parametrize("loss_aversion", [1.0, 2.25, 5.0])
def test_pure_judgement_functions(loss_aversion):
    """judge_treatment is finite and never kinder than the raw gap; loyalty_curve maps [0,1] onto [0,1]."""
    d = np.linspace(-1, 1, 41).astype(F32)
    out = mech.judge_treatment(d, loss_aversion)
    assert np.all(np.isfinite(out)) and np.all(out <= d + 1e-7)
    y = mech.loyalty_curve(np.linspace(0, 1, 41))
    assert np.all((y >= 0) & (y <= 1))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("mode", MODES)
def test_uptake_is_a_share_that_grows_with_willingness(seed, mode):
    """uptake lies in [1 - uptake_willingness, 1] and never falls as willingness rises."""
    w = make_world(seed, mode)
    idx = np.arange(w.staff.size)
    share = mech.uptake(w.staff, idx, w.ps)
    assert np.all((share >= 1 - w.ps.uptake_willingness - 1e-6) & (share <= 1 + 1e-6))
    order = np.argsort(w.staff.willingness)
    assert np.all(np.diff(share[order]) >= -1e-6)
