"""Shared fixtures: tiny scenarios, tiny populations, hand-made arrays, hypothesis profiles.

Hypothesis runs derandomised by default (profile "ci"), so the whole suite is
deterministic; ``HYPOTHESIS_PROFILE=dev`` explores with fresh random examples.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

from campaign_sim.config import CompanyConfig, CustomerBehaviour, StaffBehaviour
from campaign_sim.mechanisms import total_fear
from campaign_sim.rng import RandomStreams
from campaign_sim.scenario import Scenario
from campaign_sim.state import F32, Branches, Customers, Staff, initialise

ROOT = Path(__file__).resolve().parents[1]

SCENARIO_DIR = ROOT / "scenarios"

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=30,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _deep_update(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_update(out[key], value)
        else:
            out[key] = value
    return out


def tiny_scenario_data(**sections: Any) -> dict[str, Any]:
    """Raw data of a tiny scenario (3 branches x ~6 staff x ~60 customers, 30 days) with overrides."""
    data = Scenario().model_dump()
    data["run"].update(days=30, branches=3, seed=7)
    data["branches"].update(staff_mean=6, staff_sd=1.0, customers_mean=60, customers_sd=10.0)
    return _deep_update(data, sections)


@pytest.fixture
def make_scenario() -> Callable[..., Scenario]:
    """Factory: ``make_scenario(run={"days": 40}, campaigns=[...])`` -> validated tiny Scenario."""

    def factory(**sections: Any) -> Scenario:
        return Scenario.model_validate(tiny_scenario_data(**sections))

    return factory


@pytest.fixture
def make_population(make_scenario) -> Callable[..., tuple[Staff, Customers, Branches]]:
    """Factory: a tiny population drawn by ``state.initialise`` (fear already computed)."""

    def factory(scenario: Scenario | None = None, seed: int = 0):
        scenario = scenario or make_scenario()
        staff, customers, branches = initialise(scenario, np.random.default_rng(seed))
        total_fear(staff, scenario.staff)
        return staff, customers, branches

    return factory


def _col(value: Any, n: int, dtype=F32) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, dtype=dtype), (n,)).copy()


def hand_staff(branch, **values: Any) -> Staff:
    """Hand-made employees: ``branch`` lists each one's branch (grouped); states default to mid values."""
    branch = np.asarray(branch, np.int32)
    n = branch.size
    defaults: dict[str, Any] = {
        "ability": 0.5,
        "fear_of_customers": 0.2,
        "fear_of_boss": 0.3,
        "fear_for_job": 0.3,
        "pride": 0.4,
        "effect_awareness": 0.3,
        "engagement": 0.5,
        "willingness": 0.5,
        "trained_gain": 0.0,
        "transfer": 0.0,
        "attitude_pending": 0.0,
        "fear": 0.0,
        "delivered_behaviour": 0.0,
        "horizon": 0.0,
    }
    defaults.update({k: v for k, v in values.items() if k in defaults})
    arrays = {k: _col(v, n) for k, v in defaults.items()}
    baseline = values.get("awareness_baseline", arrays["effect_awareness"])
    return Staff(
        branch=branch,
        uid=_col(values.get("uid", np.arange(n)), n, np.int64),
        awareness_baseline=_col(baseline, n),
        tenure=_col(values.get("tenure", 100), n, np.int32),
        absent=_col(values.get("absent", False), n, bool),
        in_training=_col(values.get("in_training", False), n, bool),
        **arrays,
    )


def hand_customers(branch, **values: Any) -> Customers:
    """Hand-made customer places: ``branch`` lists each place's branch (grouped)."""
    branch = np.asarray(branch, np.int32)
    n = branch.size
    return Customers(
        branch=branch,
        uid=_col(values.get("uid", np.arange(1000, 1000 + n)), n, np.int64),
        active=_col(values.get("active", True), n, bool),
        expectation=_col(values.get("expectation", 0.2), n),
        satisfaction=_col(values.get("satisfaction", 0.5), n),
        trust=_col(values.get("trust", 0.5), n),
        loyalty=_col(values.get("loyalty", 0.5), n),
        spend_factor=_col(values.get("spend_factor", 1.0), n),
    )


def hand_branches(staff_count, customer_capacity, **values: Any) -> Branches:
    """Hand-made branches with contiguous slot layout; levers and indices default to mid values."""
    staff_count = np.asarray(staff_count, np.int64)
    capacity = np.asarray(customer_capacity, np.int64)
    n = staff_count.size

    def f(name: str, default: float) -> np.ndarray:
        return _col(values.get(name, default), n, np.float64)

    return Branches(
        staff_start=np.concatenate(([0], np.cumsum(staff_count)[:-1])).astype(np.int64),
        staff_count=staff_count,
        customer_start=np.concatenate(([0], np.cumsum(capacity)[:-1])).astype(np.int64),
        customer_capacity=capacity,
        spend_multiplier=f("spend_multiplier", 1.0),
        support=f("support", 0.5),
        punishment=f("punishment", 0.3),
        reward=f("reward", 0.3),
        focus_effect=f("focus_effect", 0.2),
        reputation=f("reputation", 0.5),
        climate=f("climate", 0.5),
        revenue_ratio=f("revenue_ratio", 1.0),
        expected_revenue=f("expected_revenue", 1000.0),
        inflow_base=f("inflow_base", 0.1),
        norm_ability=f("norm_ability", 0.55),
    )


@pytest.fixture
def staff_params() -> Callable[..., StaffBehaviour]:
    """Factory: StaffBehaviour with overrides."""
    return lambda **kw: StaffBehaviour(**kw)


@pytest.fixture
def customer_params() -> Callable[..., CustomerBehaviour]:
    """Factory: CustomerBehaviour with overrides."""
    return lambda **kw: CustomerBehaviour(**kw)


@pytest.fixture
def company() -> CompanyConfig:
    return CompanyConfig()


@pytest.fixture
def streams() -> RandomStreams:
    return RandomStreams(12345)


@pytest.fixture
def hand() -> Any:
    """The hand-made array builders: ``hand.staff``, ``hand.customers``, ``hand.branches``."""

    class Hand:
        staff = staticmethod(hand_staff)
        customers = staticmethod(hand_customers)
        branches = staticmethod(hand_branches)

    return Hand
