"""Mechanism 4: customers meet an employee on duty and judge the treatment.

Also carries the proactive acts that the employee's horizon (mechanism 3)
makes possible during the encounter: solving a problem before it becomes a
complaint, noticing an unspoken need (additional sale), noticing a shoplifter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from ..config import CompanyConfig, CustomerBehaviour
from ..parameters import CompanyParameters, packed
from ..rng import Streams, field_at, sfc64_load, sfc64_step, sfc64_store, standard_normal_at
from ..state import Branches, Customers, Staff
from .capacity import overload_shares

#: the customer parameters ``_judge_and_sum`` reads, in the order of its ``customer_k`` rows
_CUSTOMER_PARAMETERS = (
    "climate_effect", "quality_noise", "problem_rate", "solve_max", "problem_penalty", "wait_penalty",
    "loss_aversion", "satisfaction_rate", "trust_rate", "loyalty_rate", "expectation_adapt", "complain_share",
    "escalate_share", "need_rate", "theft_rate", "notice_max", "experience_threshold", "loyalty_trust_weight",
    "spend_floor", "spend_satisfaction", "walkout_share",
)  # fmt: skip
#: the customer parameters ``_visit`` reads, in the order of its ``p_k`` rows
_VISIT_PARAMETERS = ("visit_rate", "visit_floor")
#: the company parameters ``_judge_and_sum`` reads, in the order of its ``company_k`` rows
_COMPANY_PARAMETERS = ("spend_per_visit", "addon_value", "theft_value")


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
    #: the per-branch arrays above as the rows of one ``(11, branches)`` array (``_judge_and_sum``'s order)
    per_branch: np.ndarray | None = None


@njit(cache=True, inline="always")
def judged(disconfirmation, loss_aversion):
    """One visit's judged experience: the disconfirmation, losses weighted ``loss_aversion``."""
    return disconfirmation if disconfirmation >= 0 else loss_aversion * disconfirmation


@njit(cache=True, inline="always")
def loyalty_pull(satisfaction):
    """One customer's loyalty pull of satisfaction (the definition :func:`loyalty_curve` maps)."""
    centred = satisfaction - 0.5
    return 0.5 + 4.0 * centred * centred * centred


def judge_treatment(disconfirmation: np.ndarray, loss_aversion: float) -> np.ndarray:
    """Expectation-disconfirmation (Oliver 1980, C1) with losses weighted ``loss_aversion`` (C2):
    :func:`judged` over an array (same dtype out)."""
    d = np.asarray(disconfirmation)
    return _map_judged(d.ravel(), float(loss_aversion)).reshape(d.shape)


def loyalty_curve(satisfaction: np.ndarray) -> np.ndarray:
    """Loyalty pull of satisfaction: flat in the middle, steep at the extremes (C5):
    :func:`loyalty_pull` over an array (same dtype out)."""
    s = np.asarray(satisfaction, dtype=np.result_type(satisfaction, np.float32))
    return _map_loyalty(s.ravel()).reshape(s.shape)


@njit(cache=True)
def _map_judged(d, loss_aversion):
    out = np.empty_like(d)
    for i in range(d.size):
        out[i] = judged(d[i], loss_aversion)
    return out


@njit(cache=True)
def _map_loyalty(s):
    out = np.empty_like(s)
    for i in range(s.size):
        out[i] = loyalty_pull(s[i])
    return out


@njit(cache=True)
def _visit(
    active, loyalty, branch, visit_words, service_words, extras_words, place_bounds, p_k, staff_branch,
    on_duty, n_branches,
):  # fmt: skip
    """Who visits today and which employee on duty in their branch serves them (-1: nobody).

    Every place takes one draw from each encounter stream, visitor or not (common random
    numbers); the visitors' draws are kept for :func:`_judge_and_sum`.  The words are one row
    per company (``place_bounds``: where each company's places start), so that every company
    of a pack draws its own stream's numbers (``rng.PackedStreams``).  Each visitor meets
    a uniformly chosen employee on duty (field 1 of the visit draw); slots are grouped by
    branch, so the branch's on-duty slots are contiguous in ``duty``.  ``visitor_ends``: where
    each company's visitors end in ``visitors``.
    """
    # plain loops, not np.flatnonzero and np.cumsum: each numpy function compiles its own code
    on_duty_count = np.zeros(n_branches, np.int64)
    for i in range(on_duty.size):
        if on_duty[i]:
            on_duty_count[staff_branch[i]] += 1
    first = np.empty(n_branches, np.int64)  # where each branch's on-duty slots start in ``duty``
    total = 0
    for b in range(n_branches):
        first[b] = total
        total += on_duty_count[b]
    duty = np.empty(total, np.int64)
    k = 0
    for i in range(on_duty.size):
        if on_duty[i]:
            duty[k] = i
            k += 1
    visitors = np.empty(active.size, np.int64)
    draws = np.empty((active.size, 3), np.uint64)  # visitor by visitor
    n = 0
    visitor_ends = np.empty(place_bounds.size - 1, np.int64)
    for company in range(place_bounds.size - 1):
        visit_rate, visit_floor = p_k[0, company], p_k[1, company]
        va, vb, vc, vw = sfc64_load(visit_words[company])
        sa, sb, sc, sw = sfc64_load(service_words[company])
        ea, eb, ec, ew = sfc64_load(extras_words[company])
        for i in range(place_bounds[company], place_bounds[company + 1]):
            visit, va, vb, vc, vw = sfc64_step(va, vb, vc, vw)
            service, sa, sb, sc, sw = sfc64_step(sa, sb, sc, sw)
            extras, ea, eb, ec, ew = sfc64_step(ea, eb, ec, ew)
            if active[i] and field_at(visit, 0) < visit_rate * (visit_floor + loyalty[i]):
                visitors[n] = i
                draws[n, 0], draws[n, 1], draws[n, 2] = visit, service, extras
                n += 1
        sfc64_store(visit_words[company], va, vb, vc, vw)
        sfc64_store(service_words[company], sa, sb, sc, sw)
        sfc64_store(extras_words[company], ea, eb, ec, ew)
        visitor_ends[company] = n
    visitors = visitors[:n]
    server = np.empty(n, np.int64)
    visits = np.zeros(n_branches, np.int64)
    for k in range(n):
        b = branch[visitors[k]]
        visits[b] += 1
        have = on_duty_count[b]
        server[k] = -1
        if have > 0:
            pick = min(np.int64(field_at(draws[k, 0], 1) * have), have - 1)
            server[k] = duty[first[b] + pick]
    return visitors, server, visits, on_duty_count, draws[:n], visitor_ends


@njit(cache=True)
def _judge_and_sum(
    visitors, server, branch, expectation, satisfaction, trust, loyalty, spend_factor,
    delivered_behaviour, horizon, climate, spend_multiplier, overload, offers, quality_lift,
    draws, n_branches, n_staff, visitor_ends, branch_bounds, customer_k, company_k, visits, out,
):  # fmt: skip
    """Every visit judged and its customer updated in place; sums per employee, and per branch
    the money and counts written to ``out`` (``(11, branches)``: revenue after walkouts, its row 1
    the over-capacity shares ``overload`` already, walkouts, lost sales, additional sales,
    problems, unsolved, complaints, escalations, theft loss, experience sum).

    ``offers`` scales the chance of an additional sale and ``quality_lift`` is added to the
    quality, per branch (ones and zeros in the published model: mechanism variants).  Company
    by company (``visitor_ends``, ``branch_bounds``); ``customer_k`` and ``company_k`` hold each
    company's parameters as rows (``_CUSTOMER_PARAMETERS``, ``_COMPANY_PARAMETERS``), columns
    the companies."""
    n = visitors.size
    # the quality deviates first, in a loop of their own: its iterations overlap in the CPU, which
    # the long serial polynomial of the inverse CDF would not do inside the big loop below
    z = np.empty(n, np.float32)
    for k in range(n):
        z[k] = standard_normal_at(np.float64(field_at(draws[k, 0], 2)))
    experience = np.empty(n, np.float32)
    bad = np.zeros(n, np.bool_)
    per_branch = np.zeros((8, n_branches))  # spend, sold, problems, unsolved, complaints, escalations,
    per_staff = np.zeros((5, n_staff))  # theft unnoticed, experience | served, good, bad, hostile, sold
    v0 = 0
    for c in range(visitor_ends.size):
        climate_effect, quality_noise, problem_rate, solve_max = customer_k[0:4, c]
        problem_penalty, wait_penalty, loss_aversion, satisfaction_rate = customer_k[4:8, c]
        trust_rate, loyalty_rate, expectation_adapt, complain_share = customer_k[8:12, c]
        escalate_share, need_rate, theft_rate, notice_max = customer_k[12:16, c]
        experience_threshold, loyalty_trust_weight, spend_floor, spend_satisfaction = customer_k[16:20, c]
        spend_per_visit = company_k[0, c]
        v1 = visitor_ends[c]
        _judge_visits(
            v0, v1, visitors, server, branch, expectation, satisfaction, trust, loyalty, spend_factor,
            delivered_behaviour, horizon, climate, spend_multiplier, overload, offers, quality_lift, draws,
            z, experience, bad, per_branch, per_staff,
            climate_effect, quality_noise, problem_rate, solve_max, problem_penalty, wait_penalty,
            loss_aversion, satisfaction_rate, trust_rate, loyalty_rate, expectation_adapt, complain_share,
            escalate_share, need_rate, theft_rate, notice_max, experience_threshold, loyalty_trust_weight,
            spend_floor, spend_satisfaction, spend_per_visit,
        )  # fmt: skip
        v0 = v1
    for c in range(visitor_ends.size):
        addon_value, theft_value = company_k[1, c], company_k[2, c]
        walkout_share = customer_k[20, c]
        for b in range(branch_bounds[c], branch_bounds[c + 1]):
            sales = per_branch[0, b] + addon_value * per_branch[1, b]
            walkout = walkout_share * overload[b]  # share of the branch's visits that left without buying
            out[0, b] = sales * (1.0 - walkout)
            out[2, b] = walkout * np.float64(visits[b])
            out[3, b] = sales * walkout
            out[4, b] = per_branch[1, b]
            out[5, b] = per_branch[2, b]
            out[6, b] = per_branch[3, b]
            out[7, b] = per_branch[4, b]
            out[8, b] = per_branch[5, b]
            out[9, b] = theft_value * per_branch[6, b]
            out[10, b] = per_branch[7, b]
    return experience, bad, per_staff


@njit(cache=True)
def _judge_visits(
    v0, v1, visitors, server, branch, expectation, satisfaction, trust, loyalty, spend_factor,
    delivered_behaviour, horizon, climate, spend_multiplier, overload, offers, quality_lift, draws,
    z, experience, bad, per_branch, per_staff,
    climate_effect, quality_noise, problem_rate, solve_max, problem_penalty, wait_penalty,
    loss_aversion, satisfaction_rate, trust_rate, loyalty_rate, expectation_adapt, complain_share,
    escalate_share, need_rate, theft_rate, notice_max, experience_threshold, loyalty_trust_weight,
    spend_floor, spend_satisfaction, spend_per_visit,
):  # fmt: skip
    """Visits ``v0`` to ``v1`` (one company's) judged with that company's parameters."""
    for k in range(v0, v1):
        i = visitors[k]
        b = branch[i]
        s = server[k]
        delivered = delivered_behaviour[s] if s >= 0 else np.float32(0.0)
        reach = horizon[s] if s >= 0 else np.float32(0.0)
        quality = delivered + climate_effect * (climate[b] - 0.5) + quality_noise * z[k] + quality_lift[b]
        problem = field_at(draws[k, 1], 0) < problem_rate
        unsolved = problem and not (field_at(draws[k, 1], 1) < solve_max * reach)
        quality = quality - problem_penalty * unsolved - wait_penalty * overload[b]
        experienced = np.float32(judged(np.float32(quality - expectation[i]), loss_aversion))
        experience[k] = experienced

        sat = satisfaction[i]
        sat += np.float32(satisfaction_rate * (min(max(0.5 + experienced, 0.0), 1.0) - sat))
        tr = trust[i]
        tr += np.float32(trust_rate * experienced * ((1.0 - tr) if experienced > 0 else tr))
        tr = min(max(tr, np.float32(0.0)), np.float32(1.0))
        loy = loyalty[i]
        pull = loyalty_trust_weight * tr + (1.0 - loyalty_trust_weight) * loyalty_pull(sat)
        loy += np.float32(loyalty_rate * (pull - loy))
        loy = min(max(loy, np.float32(0.0)), np.float32(1.0))
        exp_ = expectation[i]
        exp_ += np.float32(expectation_adapt * (min(max(quality, 0.0), 1.0) - exp_))
        satisfaction[i], trust[i], loyalty[i], expectation[i] = sat, tr, loy, exp_

        u_complain = field_at(draws[k, 1], 2)
        complaint = unsolved and u_complain < complain_share
        escalation = unsolved and u_complain < complain_share * escalate_share
        sold = s >= 0 and field_at(draws[k, 2], 0) < need_rate * offers[b] * reach * tr
        u_theft = field_at(draws[k, 2], 1)
        unnoticed = u_theft < theft_rate and not (u_theft < theft_rate * notice_max * reach)
        good = experienced > experience_threshold
        bad[k] = experienced < -experience_threshold

        spend = spend_floor + spend_satisfaction * sat
        per_branch[0, b] += spend_per_visit * spend_factor[i] * spend_multiplier[b] * spend
        per_branch[1, b] += sold
        per_branch[2, b] += problem
        per_branch[3, b] += unsolved
        per_branch[4, b] += complaint
        per_branch[5, b] += escalation
        per_branch[6, b] += unnoticed
        per_branch[7, b] += experienced
        if s >= 0:
            per_staff[0, s] += 1.0
            per_staff[1, s] += good
            per_staff[2, s] += bad[k]
            per_staff[3, s] += complaint
            per_staff[4, s] += sold


def serve_customers(
    customers: Customers,
    staff: Staff,
    branches: Branches,
    on_duty: np.ndarray,
    streams: Streams,
    company: CompanyConfig | CompanyParameters,
    p: CustomerBehaviour | CompanyParameters,
    work: np.ndarray | None = None,
    quality_lift: np.ndarray | None = None,
) -> Encounters:
    """Run one day of visits: who comes, who serves, how it is judged, what it yields.

    A customer visits with probability ``visit_rate * (visit_floor + loyalty)`` and meets a
    uniformly chosen employee on duty in their branch.  Quality = delivered behaviour
    + climate + noise, minus unsolved problems and waiting; it is judged against the
    customer's expectation loss-aversely (:func:`judge_treatment`) and moves
    satisfaction, trust, loyalty (:func:`loyalty_curve`) and expectation.  Visits beyond
    the branch's service capacity (:func:`over_capacity_share`) lower the quality every
    visitor of that branch judges (waiting) and take the walkouts' purchases out of
    revenue.

    Every encounter stream draws one packed number per customer place each day, so that
    the same customer meets the same luck under any campaign (common random numbers).
    The work runs as compiled kernels (``_visit``, the capacity shares
    ``capacity.overload_shares``, ``_judge_and_sum``, which also books the money per branch)
    that draw numpy's SFC64 numbers in the loop (``rng.sfc64_step``) instead of some forty
    whole-array passes.

    Two per-branch inputs carry mechanism variants and leave the random draws as they are:
    ``work`` multiplies each employee's service capacity and the chance of an additional
    sale (``doing_reward``, mechanism 9; default 1), ``quality_lift`` is added to every
    visit's quality (``promise_quality``, mechanism 10; default 0).
    """
    p, company = packed(p), packed(company)
    n_branches = branches.size
    work = np.ones(n_branches) if work is None else np.asarray(work, np.float64)
    quality_lift = np.zeros(n_branches) if quality_lift is None else np.asarray(quality_lift, np.float64)
    visit_words, service_words, extras_words = streams.live("visit", "service", "extras")
    v, server, visits, on_duty_count, draws, visitor_ends = _visit(
        customers.active, customers.loyalty, customers.branch,
        visit_words, service_words, extras_words, streams.bounds("places", customers.size),
        p.table(_VISIT_PARAMETERS), staff.branch, on_duty, n_branches,
    )  # fmt: skip
    per_branch = np.empty((11, n_branches))
    overload = per_branch[1]
    overload_shares(
        visits, on_duty_count, company.per("visits_per_staff_day", "branches", n_branches) * work, overload
    )
    experience, bad, per_staff = _judge_and_sum(
        v, server, customers.branch, customers.expectation, customers.satisfaction, customers.trust,
        customers.loyalty, customers.spend_factor, staff.delivered_behaviour, staff.horizon,
        branches.climate, branches.spend_multiplier, overload, work, quality_lift,
        draws, n_branches, staff.size, visitor_ends, p.bounds("branches", n_branches),
        p.table(_CUSTOMER_PARAMETERS), company.table(_COMPANY_PARAMETERS), visits, per_branch,
    )  # fmt: skip
    return Encounters(
        visitors=v,
        server=server,
        experience=experience,
        bad=bad,
        visits=visits,
        revenue=per_branch[0],
        over_capacity=per_branch[1],
        walkouts=per_branch[2],
        lost_sales=per_branch[3],
        additional_sales=per_branch[4],
        problems=per_branch[5],
        unsolved=per_branch[6],
        complaints=per_branch[7],
        escalations=per_branch[8],
        theft_loss=per_branch[9],
        experience_sum=per_branch[10],
        served=per_staff[0],
        good=per_staff[1],
        bad_served=per_staff[2],
        hostile=per_staff[3],
        sold=per_staff[4],
        per_branch=per_branch,
    )
