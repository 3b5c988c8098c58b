"""Property tests: any valid scenario keeps the simulation well-formed, day after day.

Hypothesis draws whole scenarios within the bounds that ``config.py`` declares
(every behavioural and company parameter, manager styles and initial states,
1-3 tiny branches, 30-120 days, random campaigns of every kind with random
timing and branch selectors), runs them, and checks after every day that
states stay finite and within [0, 1], staff counts stay constant, no branch
holds more customers than its places, and uids are unique among present
agents; at the end every KPI of every recorded day must be finite.
"""

from __future__ import annotations

from typing import get_args

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from campaign_sim import CampaignModel, Scenario
from campaign_sim.campaigns import SPECS
from campaign_sim.config import (
    CompanyConfig,
    CustomerBehaviour,
    Spread,
    StaffBehaviour,
    field_bounds,
)
from campaign_sim.kpis import KPI_NAMES
from campaign_sim.outputs import CUSTOMER_STATES, STAFF_STATES

SPREADS = (
    "leadership_support", "punishment", "reward", "incentive_focus_effect", "ability", "fear_of_customers",
    "fear_of_boss", "fear_for_job", "pride", "effect_awareness", "engagement", "willingness",
)  # fmt: skip
CAMPAIGN_CLASSES = tuple(SPECS.values())
CAMPAIGN_BASE_FIELDS = {"name", "branches", "start_day", "duration_days", "kind"}


def _bounds(field) -> tuple[float, float | None]:
    return field_bounds(field, inset=1e-6)


def number(cls, name: str, cap: float = 500.0) -> st.SearchStrategy:
    """Any value the field accepts (unbounded fields capped at ``lower + cap``)."""
    field = cls.model_fields[name]
    lo, hi = _bounds(field)
    hi = lo + cap if hi is None else hi
    if field.annotation is int:
        return st.integers(int(lo), int(hi))
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def section(cls, skip=()) -> st.SearchStrategy:
    """All numeric fields of a config section, each drawn within its bounds."""
    names = [n for n, f in cls.model_fields.items() if f.annotation in (float, int) and n not in skip]
    return st.fixed_dictionaries({n: number(cls, n) for n in names})


@st.composite
def staff_behaviour(draw):
    values = draw(section(StaffBehaviour))
    values["fear_weight_boss"] = min(values["fear_weight_boss"], 1.0 - values["fear_weight_customers"])
    return values


spread = st.fixed_dictionaries(
    {"mean": number(Spread, "mean"), "between_sd": number(Spread, "between_sd"),
     "within_sd": number(Spread, "within_sd")}
)  # fmt: skip


def selector(n_branches: int):
    """Valid branch selectors for a company of ``n_branches`` (out-of-range ids are refused)."""
    return st.one_of(
        st.just("all"),
        st.lists(st.integers(0, n_branches - 1), max_size=4),
        st.builds(lambda s: {"share": s}, st.floats(0, 1)),
        st.integers(0, n_branches).flatmap(
            lambda f: st.builds(lambda c: {"first": f, "count": c}, st.integers(0, n_branches - f))
        ),
    )


@st.composite
def campaign(draw, days: int, n_branches: int):
    cls = draw(st.sampled_from(CAMPAIGN_CLASSES))
    duration = cls.model_fields["duration_days"]
    data = {
        "kind": cls.model_fields["kind"].annotation.__args__[0],
        "branches": draw(selector(n_branches)),
        "start_day": draw(st.integers(0, days)),
        "duration_days": draw(
            (st.none() | st.integers(1, days))
            if type(None) in get_args(duration.annotation)
            else st.integers(1, days)
        ),
    }
    names = [
        n
        for n, f in cls.model_fields.items()
        if n not in CAMPAIGN_BASE_FIELDS and f.annotation in (float, int)
    ]
    for name in names:
        data[name] = draw(number(cls, name, cap=1000.0))
    if "days_off_floor" in cls.model_fields:
        data["days_off_floor"] = draw(st.integers(0, min(10, data["duration_days"])))
    if cls.model_fields["kind"].annotation == SPECS["leadership"].model_fields["kind"].annotation:
        data["punishment"] = draw(st.none() | st.floats(0, 1))
    return data


@st.composite
def scenarios(draw):
    """Raw data of a valid tiny scenario."""
    days = draw(st.integers(30, 120))
    n_branches = draw(st.integers(1, 3))
    return {
        "run": {"days": days, "branches": n_branches, "seed": draw(st.integers(0, 2**32 - 1))},
        "company": draw(section(CompanyConfig)),
        "branches": {
            "staff_mean": draw(st.integers(2, 6)),
            "staff_sd": draw(st.floats(0, 2)),
            "customers_mean": draw(st.integers(10, 60)),
            "customers_sd": draw(st.floats(0, 15)),
            "customer_headroom": draw(st.floats(0, 1)),
            "local_market_sd": draw(st.floats(0, 1)),
            **{name: draw(spread) for name in SPREADS},
        },
        "staff": draw(staff_behaviour()),
        "customers": draw(section(CustomerBehaviour)),
        "campaigns": draw(st.lists(campaign(days, n_branches), max_size=3)),
    }


#: a full simulated year of a tiny company with one campaign of every kind
YEAR = {
    "run": {"days": 365, "branches": 2, "seed": 11},
    "branches": {"staff_mean": 4, "customers_mean": 40},
    "campaigns": [
        {"kind": "behaviour_training", "start_day": 30, "duration_days": 30},
        {"kind": "attitude_training", "start_day": 60, "duration_days": 20, "branches": [1]},
        {"kind": "incentive_scheme", "start_day": 30, "branches": {"share": 0.5}},
        {"kind": "leadership", "start_day": 100, "duration_days": 100, "punishment": 0.9},
        {"kind": "promise", "start_day": 200, "level": 1.0, "branches": {"first": 1, "count": 1}},
    ],
}


def _check_day(model: CampaignModel, staff_branch: np.ndarray, cust_branch: np.ndarray) -> None:
    staff, customers, branches = model.staff_state, model.customer_state, model.branch_state
    for name in (
        *STAFF_STATES,
        "fear",
        "delivered_behaviour",
        "horizon",
        "transfer",
        "trained_gain",
        "attitude_pending",
    ):
        x = getattr(staff, name)
        assert np.all(np.isfinite(x)) and np.all((x >= 0) & (x <= 1)), (model.day, name, x)
    for name in CUSTOMER_STATES:
        x = getattr(customers, name)
        assert np.all(np.isfinite(x)) and np.all((x >= 0) & (x <= 1)), (model.day, name, x)
    for name in ("reputation", "climate"):
        x = getattr(branches, name)
        assert np.all(np.isfinite(x)) and np.all((x >= 0) & (x <= 1)), (model.day, name, x)
    assert np.all(np.isfinite(branches.revenue_ratio)), model.day
    np.testing.assert_array_equal(staff.branch, staff_branch)
    np.testing.assert_array_equal(customers.branch, cust_branch)
    active = np.add.reduceat(customers.active.astype(np.int64), branches.customer_start)
    assert np.all(active <= branches.customer_capacity)
    present = np.concatenate((staff.uid, customers.uid[customers.active]))
    assert np.unique(present).size == present.size, model.day


@example(data=YEAR)
@given(data=scenarios())
def test_any_valid_scenario_stays_well_formed(data):
    """States in [0, 1] and finite, constant staff, capacity respected, unique uids, finite KPIs."""
    scenario = Scenario.model_validate(data)
    model = CampaignModel(scenario)
    staff_branch = model.staff_state.branch.copy()
    cust_branch = model.customer_state.branch.copy()
    staff_count = model.branch_state.staff_count.copy()
    _check_day(model, staff_branch, cust_branch)
    for _ in range(scenario.run.days):
        model.step()
        _check_day(model, staff_branch, cust_branch)
    assert not model.running
    frame = model.branch_frame()
    n = scenario.run.branches
    assert len(frame) == scenario.run.days * n
    assert list(frame.columns) == ["day", "branch", *KPI_NAMES]
    values = frame[list(KPI_NAMES)].to_numpy()
    bad = ~np.isfinite(values)
    assert not bad.any(), frame.columns[2:][bad.any(axis=0)].tolist()
    np.testing.assert_array_equal(
        frame["staff"].to_numpy().reshape(-1, n), np.tile(staff_count, (scenario.run.days, 1))
    )
    assert np.all(frame["active_customers"].to_numpy().reshape(-1, n) <= model.branch_state.customer_capacity)
    for name in ("revenue", "visits", "complaints", "quits", "campaign_cost", "wages", "training_days"):
        assert (frame[name] >= 0).all(), name
