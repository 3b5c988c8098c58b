"""Design points and run plans: seeded, balanced, and stable run ids (what resumption relies on)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from campaign_sim.experiments.definition import Parameter, load_experiment
from campaign_sim.experiments.design import design_points, purpose_rng
from campaign_sim.experiments.plan import assign_arms, plan_runs


def test_assignment_is_balanced_and_seeded():
    arms = assign_arms(50, 5, purpose_rng(1, "assignment"), None)
    assert np.bincount(arms, minlength=5).tolist() == [10] * 5
    assert np.array_equal(arms, assign_arms(50, 5, purpose_rng(1, "assignment"), None))
    assert not np.array_equal(arms, assign_arms(50, 5, purpose_rng(2, "assignment"), None))


def test_stratified_assignment_puts_every_arm_in_every_block():
    fear = np.random.default_rng(0).random(20)
    arms = assign_arms(20, 4, purpose_rng(3, "assignment"), fear)
    order = np.argsort(fear, kind="stable")
    for start in range(0, 20, 4):
        assert sorted(arms[order[start : start + 4]]) == [0, 1, 2, 3]


PARAMS = [
    Parameter(path="company.market_pressure", low=0.1, high=0.9, levels=3),
    Parameter(path="staff.fear_block", low=0.5, high=0.9, levels=2),
]


@pytest.mark.parametrize(
    ("design", "rows"), [("grid", 6), ("lhs", 8), ("sobol", 8 * (2 + 2)), ("morris", 8 * (2 + 1))]
)
def test_designs_have_the_expected_size_and_stay_in_bounds(design: str, rows: int):
    points = design_points(PARAMS, design, samples=8, levels=4, seed=1)
    assert len(points) == rows
    assert list(points.columns) == [p.path for p in PARAMS]
    for p in PARAMS:
        assert points[p.path].between(p.low, p.high).all()
    again = design_points(PARAMS, design, samples=8, levels=4, seed=1)
    assert points.equals(again)


def test_run_ids_are_stable_and_unique(tiny: Path):
    exp = load_experiment(tiny)
    _, specs = plan_runs(exp, "sweep")
    ids = [s.run_id for s in specs]
    assert len(set(ids)) == len(ids) == 2 * 3 * 2  # points x replicates x (trial, counterfactual)
    assert ids == [s.run_id for s in plan_runs(load_experiment(tiny), "sweep")[1]]
    # more replicates keep the runs already planned (and stored): they only add new ones
    more = {s.run_id for s in plan_runs(load_experiment(tiny, replicates=5), "sweep")[1]}
    assert set(ids) <= more
    # a different number of days changes every run
    shorter = {s.run_id for s in plan_runs(load_experiment(tiny, days=50), "sweep")[1]}
    assert not set(ids) & shorter


def test_paired_assignment_runs_each_arm_in_every_branch(tmp_path: Path):
    from campaign_sim.experiments.runs import run_one

    from .conftest import write_tiny

    exp = load_experiment(write_tiny(tmp_path, mode="paired", days=30))
    _, specs = plan_runs(exp, "compare")
    assert [s.arm for s in specs[:3]] == ["control", "behaviour", "attitude"]
    assert len({s.seed for s in specs[:3]}) == 1  # common random numbers across arms
    outputs = [run_one(s) for s in specs[:3]]
    for out, spec in zip(outputs, specs, strict=False):
        assert set(out.tidy["arm"]) == {spec.arm}
        assert out.tidy["branch"].nunique() == 6
    # before the campaigns start the arms are the same company, number for number
    pre = [o.tidy[o.tidy["period"] == "pre"].drop(columns="arm").reset_index(drop=True) for o in outputs]
    assert pre[0].equals(pre[1]) and pre[0].equals(pre[2])
