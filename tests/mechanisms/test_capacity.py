"""Service capacity: staff on duty serve only so many visits well; the excess waits or walks away."""

from __future__ import annotations

import numpy as np
import pytest

from campaign_sim.config import CompanyConfig, CustomerBehaviour
from campaign_sim.mechanisms import over_capacity_share, serve_customers
from campaign_sim.rng import RandomStreams


def test_share_of_visits_over_capacity_by_hand():
    """max(0, visits - k * on duty) / visits; no visits -> 0; visits and nobody on duty -> 1."""
    out = over_capacity_share(np.array([10, 10, 0, 5, 12]), np.array([2, 1, 0, 0, 2]), 6.0)
    np.testing.assert_allclose(out, [0.0, 0.4, 0.0, 1.0, 0.0])


@pytest.mark.parametrize("k", [0.5, 6.0, 40.0])
def test_share_is_a_share_and_grows_as_staff_leave_the_floor(k):
    """Within [0, 1]; one employee fewer on the floor never lowers it; more capacity never raises it."""
    rng = np.random.default_rng(0)
    visits = rng.integers(0, 120, 50)
    on_duty = rng.integers(1, 20, 50)
    share = over_capacity_share(visits, on_duty, k)
    assert np.all((share >= 0) & (share <= 1))
    assert np.all(over_capacity_share(visits, on_duty - 1, k) >= share)
    assert np.all(over_capacity_share(visits, on_duty, 2 * k) <= share)


def _scene(hand):
    """Two identical employees in branch 0 (so who serves does not matter), three certain visitors."""
    staff = hand.staff([0, 0, 1], delivered_behaviour=0.5, horizon=0.5)
    customers = hand.customers([0, 0, 0, 1], loyalty=0.6)
    branches = hand.branches([2, 1], [3, 1])
    return staff, customers, branches


def _day(hand, on_duty, **company):
    staff, customers, branches = _scene(hand)
    p = CustomerBehaviour(visit_rate=1.0, wait_penalty=0.3, walkout_share=0.5)
    enc = serve_customers(
        customers, staff, branches, np.array(on_duty), RandomStreams(3), CompanyConfig(**company), p
    )
    return enc


def test_training_day_lowers_revenue_and_experience_through_capacity(hand):
    """All else equal, sending one of two employees to training halves capacity: revenue and experience fall.

    Capacity 1.5 visits per employee: two on duty serve the three visits well; one on duty
    leaves half of them over capacity, so a quarter of the branch's purchases walk out
    (walkout_share 0.5 x 0.5) and every visitor's quality is 0.3 x 0.5 lower.
    """
    full = _day(hand, [True, True, True], visits_per_staff_day=1.5)
    training = _day(hand, [True, False, True], visits_per_staff_day=1.5)
    np.testing.assert_array_equal(full.visits, training.visits)
    assert full.over_capacity[0] == 0.0 and full.lost_sales[0] == 0.0
    assert training.over_capacity[0] == pytest.approx(0.5)
    assert training.walkouts[0] == pytest.approx(0.75)
    assert training.revenue[0] < full.revenue[0]
    sales = training.revenue[0] + training.lost_sales[0]
    assert training.lost_sales[0] == pytest.approx(0.25 * sales)
    branch0 = np.arange(3)
    assert np.all(training.experience[branch0] < full.experience[branch0] - 0.149)
    # branch 1 (one employee, one visit, within capacity) is untouched
    assert training.revenue[1] == pytest.approx(full.revenue[1])
    assert training.over_capacity[1] == 0.0


def test_without_a_limit_the_training_day_costs_no_sales(hand):
    """With ample capacity the same day off the floor loses nothing: the loss above is capacity's."""
    full = _day(hand, [True, True, True], visits_per_staff_day=100.0)
    training = _day(hand, [True, False, True], visits_per_staff_day=100.0)
    assert training.revenue[0] == pytest.approx(full.revenue[0])
    assert training.lost_sales[0] == 0.0


def test_training_a_third_of_a_drawn_population_loses_sales(make_population, make_scenario):
    """On a drawn population at default capacity, a third of the staff off the floor costs sales that day."""
    scenario = make_scenario(customers={"visit_rate": 0.3})

    def day(off_floor: bool, k: float):
        staff, customers, branches = make_population(scenario, seed=4)
        on_duty = staff.on_duty.copy()
        if off_floor:
            on_duty[::3] = False
        company = scenario.company.model_copy(update={"visits_per_staff_day": k})
        return serve_customers(
            customers, staff, branches, on_duty, RandomStreams(9), company, scenario.customers
        )

    full = day(False, scenario.company.visits_per_staff_day)
    training = day(True, scenario.company.visits_per_staff_day)
    unlimited = day(True, 1000.0)
    assert training.over_capacity.mean() > full.over_capacity.mean()
    assert training.lost_sales.sum() > full.lost_sales.sum()
    assert training.revenue.sum() < unlimited.revenue.sum()
