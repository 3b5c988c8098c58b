"""Customers leave for the competitor, talk about the branch, and new ones arrive."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..config import CustomerBehaviour
from ..parameters import CompanyParameters, packed, per_company
from ..rng import (
    Streams,
    field_at,
    poisson_from_uniform,
    sfc64_load,
    sfc64_step,
    sfc64_store,
    standard_normal_at,
)
from ..state import SPEND_LOG_MEAN, SPEND_LOG_SD, Branches, Customers

NEWCOMER_SD = 0.1  # spread of a new customer's trust and loyalty


@njit(cache=True)
def _leavers(
    active, loyalty, churn_words, place_bounds, bad_visitors, p_k, competitor_pull_k,
):  # fmt: skip
    """Slots whose uniform (field 0 of one churn draw per place) falls below their hazard;
    most places are rejected by the bound alone.  One row of words per company
    (``place_bounds``), as in ``m04_encounters._visit``; ``p_k``: ``_CHURN`` as rows, one column
    per company."""
    bad_today = np.zeros(active.size, np.bool_)
    for j in bad_visitors:
        bad_today[j] = True
    leaving = np.empty(active.size, np.int64)
    n = 0
    for company in range(place_bounds.size - 1):
        # the daily hazard at loyalty 0.5 from the yearly share that switches
        base = -math.log1p(-p_k[0, company]) / 365.0 * competitor_pull_k[company]
        churn_loyalty, bad_switch = p_k[1, company], p_k[2, company]
        bound = base * math.exp(churn_loyalty * 0.5)  # the hazard at loyalty 0, without a bad visit
        a, b, c, w = sfc64_load(churn_words[company])
        for j in range(place_bounds[company], place_bounds[company + 1]):
            raw, a, b, c, w = sfc64_step(a, b, c, w)
            u = field_at(raw, 0)
            if not active[j] or (u >= bound and not bad_today[j]):
                continue
            hazard = base * math.exp(churn_loyalty * (0.5 - loyalty[j]))
            if bad_today[j]:
                hazard += bad_switch * (1.0 - loyalty[j])
            if u < hazard:
                active[j] = False
                leaving[n] = j
                n += 1
        sfc64_store(churn_words[company], a, b, c, w)
    return leaving[:n]


def switch_to_competitor(
    customers: Customers,
    bad_visitors: np.ndarray,
    competitor_pull: float | np.ndarray,
    streams: Streams,
    p: CustomerBehaviour | CompanyParameters,
) -> np.ndarray:
    """Active customers leave with a hazard that falls with loyalty (C4, C5), and some leave
    right after a bad visit.  Returns the slots that left; their places become free.

    One packed draw per place and day (common random numbers), drawn in the compiled loop;
    the hazard is computed only where the uniform lies below its upper bound (a fraction
    of a percent of places).
    """
    p = packed(p)
    (churn_words,) = streams.live("churn")
    return _leavers(
        customers.active, customers.loyalty, churn_words, streams.bounds("places", customers.size),
        bad_visitors, p.table(_CHURN), per_company(competitor_pull, p.companies),
    )  # fmt: skip


#: the customer parameters ``_leavers`` reads, as the rows of its ``p_k``
_CHURN = ("churn_annual", "churn_loyalty", "bad_switch")


def spread_word_of_mouth(
    branches: Branches,
    visits: np.ndarray,
    experience_sum: np.ndarray,
    p: CustomerBehaviour | CompanyParameters,
) -> None:
    """Reputation moves toward today's mean (loss-averse) experience of the branch's visitors."""
    p = packed(p)
    _talk(branches.reputation, visits, experience_sum, p.bounds("branches", branches.size), p.wom_rate)


@njit(cache=True)
def _talk(reputation, visits, experience_sum, branch_bounds, wom_rate_k):
    for k in range(branch_bounds.size - 1):
        wom_rate = wom_rate_k[k]
        for b in range(branch_bounds[k], branch_bounds[k + 1]):
            if visits[b] > 0:
                today = min(max(0.5 + experience_sum[b] / visits[b], 0.0), 1.0)
                reputation[b] += wom_rate * (today - reputation[b])


def newcomer_draws(inflow_base: np.ndarray, p: CustomerBehaviour | CompanyParameters) -> np.ndarray:
    """Packed draws each branch reserves for its newcomers every day, fixed for the run.

    Far above any day's arrivals: the Poisson mean at best reputation and full promise
    plus six standard deviations plus six (exceeded with probability below 1e-9).
    """
    inflow_base = np.asarray(inflow_base, np.float64)
    p, n = packed(p), inflow_base.size
    most = (
        inflow_base
        * (1.0 + p.per("wom_inflow", "branches", n))
        * (1.0 + p.per("promise_attraction", "branches", n))
    )
    return np.ceil(most + 6.0 * np.sqrt(most) + 6.0).astype(np.int64)


@njit(cache=True)
def _fill_free_places(
    active, uid, branch_of, expectation, satisfaction, trust, loyalty, spend_factor,
    customer_start, customer_capacity, arrivals, draw, draw_count, expectation_target,
    next_uid, branch_bounds, p_k, newcomer_sd, spend_log_mean, spend_log_sd,
):  # fmt: skip
    """The arrivals of each branch take its free places, lowest index first; branch ``b``'s
    newcomers take its ``draw_count[b]`` draws (branch after branch in ``draw``); ``p_k``:
    ``_NEWCOMER`` as rows, one column per company (``branch_bounds``)."""
    total = 0
    for b in range(arrivals.size):
        total += arrivals[b]
    slots = np.empty(total, np.int64)
    n = 0
    draw_start = 0  # branch b's draws start after those of the branches before it
    company = 0
    for b in range(arrivals.size):
        while b >= np.int64(branch_bounds[company + 1]):
            company += 1
        new_trust, new_loyalty = p_k[0, company], p_k[1, company]
        if b > 0:
            draw_start += draw_count[b - 1]
        rank = 0
        j = customer_start[b]
        end = j + customer_capacity[b]
        while rank < arrivals[b] and j < end:
            if not active[j]:
                raw = draw[draw_start + rank % draw_count[b]]
                active[j] = True
                uid[j] = next_uid + n
                expectation[j] = expectation_target[b]
                satisfaction[j] = 0.5
                z_trust = standard_normal_at(np.float64(field_at(raw, 0)))
                z_loyalty = standard_normal_at(np.float64(field_at(raw, 1)))
                z_spend = standard_normal_at(np.float64(field_at(raw, 2)))
                trust[j] = min(max(new_trust + newcomer_sd * z_trust, 0.0), 1.0)
                loyalty[j] = min(max(new_loyalty + newcomer_sd * z_loyalty, 0.0), 1.0)
                spend_factor[j] = math.exp(spend_log_mean + spend_log_sd * z_spend)
                slots[n] = j
                n += 1
                rank += 1
            j += 1
    return slots[:n]


def attract_newcomers(
    customers: Customers,
    branches: Branches,
    promise: np.ndarray,
    expectation_target: np.ndarray,
    streams: Streams,
    p: CustomerBehaviour | CompanyParameters,
    next_uid: int,
) -> np.ndarray:
    """New customers arrive by word of mouth and advertising into free places.

    Arrivals per branch are Poisson with mean ``inflow_base`` (initial customers
    times ``churn_annual`` / 365: the base switching rate, without the extra
    switching of disloyal customers and after bad visits, so an ordinary branch
    loses about 1-2% of its customers a year), scaled by reputation and promise.
    Arrivals beyond the branch's free places are turned away.  Returns the slots filled.

    The k-th newcomer of a branch on a day takes the branch's k-th reserved packed draw
    of that day (:func:`newcomer_draws`, drawn every day, arrivals or not): the same
    newcomer meets the same luck under any campaign (common random numbers).
    """
    p = packed(p)
    branch_bounds = p.bounds("branches", branches.size)
    # Poisson by inverse CDF from one uniform per branch: a fixed draw count keeps CRN aligned
    arrivals = _arrivals(
        streams.uniforms("inflow", "branches", branches.size), branches.inflow_base, branches.reputation,
        np.asarray(promise, np.float64), branch_bounds, p.table(_INFLOW),
    )  # fmt: skip
    count = branches.newcomer_draws
    if count is None:  # set on the first day, fixed for the run
        count = branches.newcomer_draws = newcomer_draws(branches.inflow_base, p)
    draw = streams.raw_per_branch("new_customer", count)
    if arrivals is None:
        return np.empty(0, np.int64)
    return _fill_free_places(
        customers.active, customers.uid, customers.branch, customers.expectation, customers.satisfaction,
        customers.trust, customers.loyalty, customers.spend_factor,
        branches.customer_start, branches.customer_capacity, arrivals, draw, count,
        np.asarray(expectation_target, np.float64), next_uid, branch_bounds, p.table(_NEWCOMER),
        NEWCOMER_SD, SPEND_LOG_MEAN, SPEND_LOG_SD,
    )  # fmt: skip


#: the customer parameters ``_arrivals`` and ``_fill_free_places`` read, as the rows of their ``p_k``
_INFLOW = ("wom_inflow", "promise_attraction")
_NEWCOMER = ("new_trust", "new_loyalty")


@njit(cache=True)
def _arrivals(u, inflow_base, reputation, promise, branch_bounds, p_k):
    """Each branch's arrivals today, Poisson with rate ``inflow_base * max(0, 1 + 2 wom_inflow *
    (reputation - 0.5)) * (1 + promise_attraction * promise)`` by inverse CDF from ``u``; None
    if nobody arrives anywhere."""
    rate = np.empty(u.size)
    for k in range(branch_bounds.size - 1):
        wom_twice, promise_attraction = p_k[0, k] * 2.0, p_k[1, k]
        for b in range(branch_bounds[k], branch_bounds[k + 1]):
            rate[b] = (
                inflow_base[b]
                * max(0.0, 1.0 + wom_twice * (reputation[b] - 0.5))
                * (1.0 + promise_attraction * promise[b])
            )
    arrivals = poisson_from_uniform(u, rate)
    for b in range(u.size):
        if arrivals[b]:
            return arrivals
    return None
