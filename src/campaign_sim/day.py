"""The order of one working day, defined once.

``CampaignModel.step()`` runs :data:`DAY` in order; the model's class docstring and the
table in ``docs/ODD.md`` section 3 are generated from it (``tests/test_day.py`` checks
the ODD against :func:`odd_table` and traces that each process calls the mechanisms it
names), and ``campaign-sim run --profile`` times each entry.  Each process updates all
agents at once (synchronous within a function); processes follow each other, each
seeing the results of the previous one.  A process passes what later ones need
(the campaigns' plan, the encounters) through :class:`Today`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import mechanisms as mech
from .kernels import clip_units
from .mechanisms.m04_encounters import Encounters
from .outputs import STAFF_STATES

if TYPE_CHECKING:
    from .campaigns import CampaignDay
    from .model import CampaignModel


@dataclass
class Today:
    """What one day's processes hand to the later ones."""

    plan: CampaignDay | None = None
    on_duty: np.ndarray | None = None
    encounters: Encounters | None = None
    left: np.ndarray | None = None
    joined: np.ndarray | None = None
    quit_slots: np.ndarray | None = None


@dataclass(frozen=True)
class Process:
    """One entry of the day: what it does, the calls it makes (in order), the mechanisms."""

    what: str
    calls: str
    mechanisms: str
    run: Callable[[CampaignModel, Today], None]


def _campaigns(m: CampaignModel, t: Today) -> None:
    staff, branches, p = m.staff_state, m.branch_state, m.parameters.staff
    promise_level = m.parameters.company.per("promise_level", "branches", branches.size)
    t.plan = m.campaigns.plan_day(m.day, staff, branches, promise_level, m.streams)
    staff.in_training[:] = t.plan.in_training
    mech.total_fear(staff, p)
    m.campaigns.apply_finished(t.plan, staff, branches, t.plan.levers)


def _absence(m: CampaignModel, t: Today) -> None:
    mech.draw_absence(m.staff_state, m.streams, m.parameters.staff)


def _market_pressure(m: CampaignModel, t: Today) -> None:
    staff, branches, p = m.staff_state, m.branch_state, m.parameters.staff
    mech.apply_market_pressure(
        staff,
        m.parameters.company.market_pressure,
        branches.revenue_ratio,
        t.plan.levers.support,
        branches.climate,
        p,
    )
    mech.total_fear(staff, p)


def _delivery(m: CampaignModel, t: Today) -> None:
    mech.deliver_behaviour(m.staff_state, m.parameters.staff)
    mech.proactive_horizon(m.staff_state, m.parameters.staff, m.variants.horizon_knowledge)


def _expectations(m: CampaignModel, t: Today) -> None:
    company = m.parameters.company
    mech.adjust_expectations(
        m.customer_state, t.plan.levers.promise, company.expectation_baseline, m.parameters.customers
    )


def _encounters(m: CampaignModel, t: Today) -> None:
    t.on_duty = m.staff_state.on_duty
    levers, variants, p = t.plan.levers, m.variants, m.parameters
    t.encounters = mech.serve_customers(
        m.customer_state,
        m.staff_state,
        m.branch_state,
        t.on_duty,
        m.streams,
        p.company,
        p.customers,
        work=variants.doing_reward(levers, p.staff),
        quality_lift=variants.promise_quality(levers.promise, p.customers),
    )


def _feedback(m: CampaignModel, t: Today) -> None:
    enc = t.encounters
    mech.feed_back_to_staff(
        m.staff_state, enc.served, enc.good, enc.hostile, m.parameters.staff, m.variants.customer_pride
    )


def _incentives(m: CampaignModel, t: Today) -> None:
    enc, staff, p = t.encounters, m.staff_state, m.parameters.staff
    misreading = m.variants.effect_observation(staff, m.streams, p)
    mech.apply_incentives(
        staff, t.on_duty, enc.served, enc.good, enc.bad_served, enc.hostile, enc.sold, t.plan.levers, p,
        misreading, m.variants.crowd_out,
    )  # fmt: skip
    mech.total_fear(staff, p)


def _climate(m: CampaignModel, t: Today) -> None:
    mech.spread_climate(m.staff_state, m.branch_state, m.parameters.staff)


def _learning(m: CampaignModel, t: Today) -> None:
    staff, branches, p = m.staff_state, m.branch_state, m.parameters.staff
    mech.decay_transfer(staff, t.plan.levers.support, branches.climate, p, m.variants.transfer_fear)
    mech.learn_on_the_job(staff, branches.norm_ability, p)
    mech.absorb_attitude(staff, p)


def _willingness(m: CampaignModel, t: Today) -> None:
    staff, p = m.staff_state, m.parameters.staff
    m.campaigns.evaluate(m.day, staff)
    mech.drift_willingness(staff, p)
    clip_units(tuple(getattr(staff, state) for state in STAFF_STATES))


def _customer_flows(m: CampaignModel, t: Today) -> None:
    customers, branches = m.customer_state, m.branch_state
    company, p = m.parameters.company, m.parameters.customers
    enc, promise = t.encounters, t.plan.levers.promise
    t.left = mech.switch_to_competitor(
        customers, enc.visitors[enc.bad], company.competitor_pull, m.streams, p
    )
    mech.spread_word_of_mouth(branches, enc.visits, enc.experience_sum, p)
    target = mech.expectation_target(company.expectation_baseline, promise, p)
    t.joined = mech.attract_newcomers(customers, branches, promise, target, m.streams, p, m.next_uid)
    m.next_uid += t.joined.size


def _turnover(m: CampaignModel, t: Today) -> None:
    staff, p = m.staff_state, m.parameters.staff
    t.quit_slots = mech.quit_and_replace(staff, m.streams, p, m.parameters.branches, m.next_uid)
    m.next_uid += t.quit_slots.size
    staff.tenure += 1
    mech.total_fear(staff, p)


def _books(m: CampaignModel, t: Today) -> None:
    m.book_day(t)
    m.end_day()


#: the working day, in order (numbered from 1 in the docs)
DAY: tuple[Process, ...] = (
    Process(
        "campaigns: today's levers, who is off the floor, costs; finished trainings take effect",
        "`CampaignSchedule.plan_day`; set `staff.in_training`; `total_fear`;"
        " `CampaignSchedule.apply_finished` → `complete_behaviour_training` / `complete_attitude_training`",
        "7, 8, campaigns",
        _campaigns,
    ),
    Process("absence", "`draw_absence`", "11", _absence),
    Process(
        "market pressure on job fear and engagement; total fear",
        "`apply_market_pressure`; `total_fear`",
        "1, 2",
        _market_pressure,
    ),
    Process(
        "behaviour delivered and proactive horizon",
        "`deliver_behaviour`; `proactive_horizon`",
        "2, 3",
        _delivery,
    ),
    Process(
        "customers' expectations toward market baseline plus promise",
        "`adjust_expectations` → `expectation_target`",
        "10",
        _expectations,
    ),
    Process(
        "encounters: visits, service capacity, judgement, complaints, additional sales, theft",
        "`serve_customers` → `over_capacity_share` (on-duty mask taken here)",
        "4, 3",
        _encounters,
    ),
    Process("customers' feedback into staff", "`feed_back_to_staff`", "5", _feedback),
    Process(
        "incentives: reward and punishment of doing or effecting",
        "`apply_incentives`; `total_fear`",
        "9",
        _incentives,
    ),
    Process("contagion and climate", "`spread_climate`", "6", _climate),
    Process(
        "transfer decay, on-the-job learning; absorption and erosion of effect awareness",
        "`decay_transfer`; `learn_on_the_job`; `absorb_attitude`",
        "7, 8",
        _learning,
    ),
    Process(
        "willingness: campaign verdicts and drift; clip staff states",
        "`CampaignSchedule.evaluate` → `evaluate_campaign`; `drift_willingness`; clip the eight staff states"
        " to [0, 1]",
        "12",
        _willingness,
    ),
    Process(
        "customers switch, talk, and new ones arrive",
        "`switch_to_competitor`; `spread_word_of_mouth`; `expectation_target`; `attract_newcomers`",
        "flows",
        _customer_flows,
    ),
    Process("quits and newcomers", "`quit_and_replace`; `tenure += 1`; `total_fear`", "11", _turnover),
    Process(
        "books and KPIs",
        "`CampaignModel.book_day` → `book_day`, `smooth_revenue_ratio` (economics), KPI row;"
        " `CampaignModel.end_day`: `Population.sync`; `day += 1`; snapshot every `snapshot_every` days;"
        " stop when `day >= run.days`; `datacollector.collect`",
        "books",
        _books,
    ),
)


def describe_day() -> str:
    """The numbered list of the day, for the model's docstring."""
    return "\n".join(f"    {i}. {p.what} ({p.mechanisms})" for i, p in enumerate(DAY, start=1))


def odd_table() -> str:
    """The process table of docs/ODD.md section 3."""
    rows = ["| # | process | calls (in code order) | mechanism |", "|---|---|---|---|"]
    rows += [f"| {i} | {p.what} | {p.calls} | {p.mechanisms} |" for i, p in enumerate(DAY, start=1)]
    return "\n".join(rows)
