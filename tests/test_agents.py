"""Employee and Customer are real mesa.Agent objects whose attributes are live array views."""

from __future__ import annotations

from pathlib import Path

import mesa
import numpy as np
import pytest

from campaign_sim import CampaignModel, Customer, Employee, load_scenario
from campaign_sim.datacollection import KPIDataCollector

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@pytest.fixture
def model() -> CampaignModel:
    return CampaignModel(load_scenario(SCENARIOS / "combined.toml", branches=4, days=120), seed=9)


def test_model_is_a_mesa_model_and_steps_days(model):
    assert isinstance(model, mesa.Model)
    for _ in range(3):
        model.step()
    assert model.day == 3 and model.steps == 3
    model.run()
    assert model.day == 120 and not model.running


def test_no_agent_objects_until_asked(model):
    """Headless runs never pay for agent objects: Mesa's registry stays empty until someone asks."""
    model.run(days=20)
    assert len(mesa.Model.agents.fget(model)) == 0
    assert len(model.employees) == model.staff_state.size
    assert len(model.customers) == int(model.customer_state.active.sum())


def test_model_agents_work_on_a_fresh_model(make_scenario):
    """A Mesa user's first move: model.agents and agents_by_type hold every agent, before any step."""
    fresh = CampaignModel(make_scenario(run={"days": 5, "branches": 3}), seed=3)
    expected = fresh.staff_state.size + int(fresh.customer_state.active.sum())
    assert len(fresh.agents) == expected
    assert len(fresh.agents_by_type[Employee]) == fresh.staff_state.size
    fresh.run()
    assert len(fresh.agents) == fresh.staff_state.size + int(fresh.customer_state.active.sum())


def test_agent_reporters_see_real_values_on_a_fresh_model(make_scenario):
    """Agent reporters in the model's DataCollector work without reading model.employees first."""
    model = CampaignModel(make_scenario(run={"days": 3, "branches": 2}), seed=4)
    model.datacollector = KPIDataCollector(agenttype_reporters={Employee: {"pride": "pride"}})
    model.run()
    frame = model.datacollector.get_agenttype_vars_dataframe(Employee)
    assert len(frame) == 3 * model.staff_state.size
    assert frame["pride"].notna().all()
    last = frame.xs(3.0, level="Step")["pride"].to_numpy()
    np.testing.assert_allclose(np.sort(last), np.sort(model.staff_state.pride), atol=1e-6)


def test_attributes_are_live_views_of_the_arrays(model):
    employee = model.employees.select(lambda e: e.branch == 2).to_list()[0]
    assert isinstance(employee, Employee)
    assert employee.fear_of_boss == pytest.approx(float(model.staff_state.fear_of_boss[employee.slot]))
    employee.pride = 0.9
    assert model.staff_state.pride[employee.slot] == pytest.approx(0.9)
    model.step()
    assert employee.pride == pytest.approx(float(model.staff_state.pride[employee.slot]))
    customer = model.customers.select(lambda c: c.branch == 1).to_list()[0]
    assert isinstance(customer, Customer)
    customer.loyalty = 0.1
    assert model.customer_state.loyalty[customer.slot] == pytest.approx(0.1)


def test_bad_writes_are_refused(model):
    employee = next(iter(model.employees))
    with pytest.raises(ValueError, match=r"within 0\.\.1"):
        employee.fear_of_customers = 1.5
    with pytest.raises(AttributeError, match="derived"):
        employee.delivered_behaviour = 0.5


def test_handles_follow_quits_churn_and_newcomers_without_leaking(model):
    """After a season of quits, churn and new customers, the agent sets hold exactly the
    people present, each once, and removed agents are gone from the model."""
    _ = model.employees, model.customers  # materialise the handles
    model.run(days=120)
    staff, customers = model.staff_state, model.customer_state
    assert model.kpis.series("quits").sum() > 0 and model.kpis.series("churned").sum() > 0
    assert sorted(e.uid for e in model.employees) == sorted(staff.uid.tolist())
    active_uids = customers.uid[customers.active]
    assert sorted(c.uid for c in model.customers) == sorted(active_uids.tolist())
    assert len(model.agents) == staff.size + active_uids.size
    for employee in model.employees:
        assert model.staff_state.uid[employee.slot] == employee.uid


def test_agentset_tools_work_on_handles(model):
    model.run(days=10)
    by_branch = model.employees.groupby("branch").agg("pride", np.mean)
    means = model.branch_frame().query("day == 9").set_index("branch")["pride"]
    for branch, value in by_branch.items():
        assert value == pytest.approx(float(means[branch]), rel=1e-5)
    assert model.customers.agg("loyalty", max) <= 1.0


def test_agent_and_customer_frames_match_arrays(model):
    model.run(days=5)
    frame = model.agent_frame()
    assert len(frame) == model.staff_state.size
    assert np.array_equal(frame["engagement"].to_numpy(), model.staff_state.engagement)
    customers = model.customer_frame()
    assert len(customers) == int(model.customer_state.active.sum())


def test_snapshots_on_request_only():
    scenario = load_scenario(SCENARIOS / "baseline.toml", branches=2, days=30)
    assert CampaignModel(scenario, seed=1).run().snapshots == []
    data = scenario.model_dump()
    data["run"]["snapshot_every"] = 10
    from campaign_sim import Scenario

    model = CampaignModel(Scenario.model_validate(data), seed=1).run()
    frame = model.snapshot_frame()
    assert sorted(frame["day"].unique()) == [10, 20, 30]
    assert len(frame) == 3 * model.staff_state.size
