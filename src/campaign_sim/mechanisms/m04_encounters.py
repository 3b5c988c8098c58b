"""Mechanism 4: customers meet an employee on duty and judge the treatment.

Also carries the proactive acts that the employee's horizon (mechanism 3)
makes possible during the encounter: solving a problem before it becomes a
complaint, noticing an unspoken need (additional sale), noticing a shoplifter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import CompanyConfig, CustomerBehaviour
from ..rng import RandomStreams, field, normal_from_uniform, packed_uniforms
from ..state import F32, Branches, Customers, Staff
from .capacity import over_capacity_share


@dataclass
class Encounters:
    """What happened today, per visit (arrays over visitors) and summed per branch/employee."""

    visitors: np.ndarray  # customer slots that visited
    server: np.ndarray  # employee slot that served each visitor, -1 if nobody was on duty
    experience: np.ndarray  # loss-averse judged experience per visit
    bad: np.ndarray  # visit judged bad
    # per branch
    visits: np.ndarray
    revenue: np.ndarray  # after walkouts
    over_capacity: np.ndarray  # share of visits beyond what the staff on duty serve well
    walkouts: np.ndarray  # expected over-capacity visits that left without buying
    lost_sales: np.ndarray  # EUR the walkouts would have spent
    additional_sales: np.ndarray
    problems: np.ndarray
    unsolved: np.ndarray
    complaints: np.ndarray
    escalations: np.ndarray
    theft_loss: np.ndarray
    experience_sum: np.ndarray
    # per employee
    served: np.ndarray
    good: np.ndarray
    bad_served: np.ndarray
    hostile: np.ndarray
    sold: np.ndarray


def judge_treatment(disconfirmation: np.ndarray, loss_aversion: float) -> np.ndarray:
    """Expectation-disconfirmation (Oliver 1980, C1) with losses weighted ``loss_aversion`` (C2)."""
    return np.where(disconfirmation >= 0, disconfirmation, loss_aversion * disconfirmation).astype(
        F32, copy=False
    )


def loyalty_curve(satisfaction: np.ndarray) -> np.ndarray:
    """Loyalty pull of satisfaction: flat in the middle, steep at the extremes (C5)."""
    centred = satisfaction - 0.5
    return 0.5 + 4.0 * centred * centred * centred


def _assign_servers(
    staff: Staff, on_duty: np.ndarray, visitor_branch: np.ndarray, u_assign: np.ndarray, n_branches: int
) -> np.ndarray:
    """Each visitor meets a uniformly chosen employee on duty in their branch (-1: nobody)."""
    duty = np.flatnonzero(on_duty)  # slots are grouped by branch, so this is too
    count = np.bincount(staff.branch[duty], minlength=n_branches)
    start = np.cumsum(count) - count
    have = count[visitor_branch]
    if duty.size == 0:
        return np.full(visitor_branch.size, -1, np.int64)
    pick = np.minimum((u_assign * have).astype(np.int64), np.maximum(have - 1, 0))
    server = duty[np.minimum(start[visitor_branch] + pick, duty.size - 1)]
    return np.where(have > 0, server, -1)


def serve_customers(
    customers: Customers,
    staff: Staff,
    branches: Branches,
    on_duty: np.ndarray,
    streams: RandomStreams,
    company: CompanyConfig,
    p: CustomerBehaviour,
) -> Encounters:
    """Run one day of visits: who comes, who serves, how it is judged, what it yields.

    Visits beyond the branch's service capacity (:func:`over_capacity_share`) lower the
    quality every visitor of that branch judges (waiting) and take the walkouts' purchases
    out of revenue.

    Every stream draws one packed number per customer place each day, so that
    the same customer meets the same luck under any campaign (common random numbers).
    """
    n_places, n_branches, n_staff = customers.size, branches.size, staff.size
    visit_draw = packed_uniforms(streams.visit, n_places)
    service_draw = packed_uniforms(streams.service, n_places)
    extras_draw = packed_uniforms(streams.extras, n_places)

    visiting = customers.active & (field(visit_draw, 0) < p.visit_rate * (0.5 + customers.loyalty))
    v = np.flatnonzero(visiting)
    b = customers.branch[v]
    visit_draw, service_draw, extras_draw = visit_draw[v], service_draw[v], extras_draw[v]
    server = _assign_servers(staff, on_duty, b, field(visit_draw, 1), n_branches)
    visits = np.bincount(b, minlength=n_branches)
    on_duty_count = np.bincount(staff.branch[on_duty], minlength=n_branches)
    overload = over_capacity_share(visits, on_duty_count, company.visits_per_staff_day)
    has_server = server >= 0
    s = np.where(has_server, server, 0)
    delivered = np.where(has_server, staff.delivered_behaviour[s], 0.0)
    horizon = np.where(has_server, staff.horizon[s], 0.0)

    quality = (
        delivered
        + p.climate_effect * (branches.climate[b] - 0.5)
        + p.quality_noise * normal_from_uniform(field(visit_draw, 2))
    )
    problem = field(service_draw, 0) < p.problem_rate
    solved = problem & (field(service_draw, 1) < p.solve_max * horizon)
    unsolved = problem & ~solved
    quality = quality - p.problem_penalty * unsolved - p.wait_penalty * overload[b]
    expectation = customers.expectation[v]
    experience = judge_treatment(quality - expectation, p.loss_aversion)

    sat = customers.satisfaction[v]
    sat += p.satisfaction_rate * (np.clip(0.5 + experience, 0.0, 1.0) - sat)
    trust = customers.trust[v]
    trust += p.trust_rate * experience * np.where(experience > 0, 1.0 - trust, trust)
    np.clip(trust, 0.0, 1.0, out=trust)
    loyalty = customers.loyalty[v]
    loyalty += p.loyalty_rate * (0.5 * trust + 0.5 * loyalty_curve(sat) - loyalty)
    np.clip(loyalty, 0.0, 1.0, out=loyalty)
    expectation += p.expectation_adapt * (np.clip(quality, 0.0, 1.0) - expectation)
    customers.satisfaction[v] = sat
    customers.trust[v] = trust
    customers.loyalty[v] = loyalty
    customers.expectation[v] = expectation

    u_complain, u_theft = field(service_draw, 2), field(extras_draw, 1)
    complaint = unsolved & (u_complain < p.complain_share)
    escalation = unsolved & (u_complain < p.complain_share * p.escalate_share)
    sold = has_server & (field(extras_draw, 0) < p.need_rate * horizon * trust)
    theft = u_theft < p.theft_rate
    unnoticed = theft & ~(u_theft < p.theft_rate * p.notice_max * horizon)
    spend = (
        company.spend_per_visit * customers.spend_factor[v] * branches.spend_multiplier[b] * (0.8 + 0.4 * sat)
    )
    good = experience > p.experience_threshold
    bad = experience < -p.experience_threshold

    def per_branch(weights=None):
        return np.bincount(b, weights=weights, minlength=n_branches)

    served_by = server[has_server]

    def per_employee(mask):
        return np.bincount(served_by, weights=mask[has_server], minlength=n_staff)

    sales = per_branch(spend) + company.addon_value * per_branch(sold)
    walkout = p.walkout_share * overload  # share of each branch's visits that left without buying
    return Encounters(
        visitors=v,
        server=server,
        experience=experience,
        bad=bad,
        visits=visits,
        revenue=sales * (1.0 - walkout),
        over_capacity=overload,
        walkouts=walkout * visits,
        lost_sales=sales * walkout,
        additional_sales=per_branch(sold),
        problems=per_branch(problem),
        unsolved=per_branch(unsolved),
        complaints=per_branch(complaint),
        escalations=per_branch(escalation),
        theft_loss=company.theft_value * per_branch(unnoticed),
        experience_sum=per_branch(experience),
        served=np.bincount(served_by, minlength=n_staff).astype(np.float64),
        good=per_employee(good),
        bad_served=per_employee(bad),
        hostile=per_employee(complaint),
        sold=per_employee(sold),
    )
