"""Customers leave for the competitor, talk about the branch, and new ones arrive."""

from __future__ import annotations

import numpy as np

from ..config import CustomerBehaviour
from ..rng import RandomStreams, field, normal_from_uniform, packed_uniforms, poisson_from_uniform
from ..state import F32, SPEND_LOG_MEAN, SPEND_LOG_SD, Branches, Customers

NEWCOMER_SD = 0.1  # spread of a new customer's trust and loyalty


def switch_to_competitor(
    customers: Customers,
    bad_visitors: np.ndarray,
    competitor_pull: float,
    streams: RandomStreams,
    p: CustomerBehaviour,
) -> np.ndarray:
    """Active customers leave with a hazard that falls with loyalty (C4, C5), and some leave
    right after a bad visit.  Returns the slots that left; their places become free."""
    u = streams.churn.random(customers.size, dtype=F32)
    base = -np.log1p(-p.churn_annual) / 365.0 * competitor_pull
    hazard = base * np.exp(p.churn_loyalty * (0.5 - customers.loyalty))
    hazard[bad_visitors] += p.bad_switch * (1.0 - customers.loyalty[bad_visitors])
    leaving = np.flatnonzero(customers.active & (u < hazard))
    customers.active[leaving] = False
    return leaving


def spread_word_of_mouth(
    branches: Branches, visits: np.ndarray, experience_sum: np.ndarray, p: CustomerBehaviour
) -> None:
    """Reputation moves toward today's mean (loss-averse) experience of the branch's visitors."""
    seen = visits > 0
    today = np.clip(0.5 + experience_sum / np.maximum(visits, 1.0), 0.0, 1.0)
    branches.reputation += np.where(seen, p.wom_rate * (today - branches.reputation), 0.0)


def attract_newcomers(
    customers: Customers,
    branches: Branches,
    promise: np.ndarray,
    expectation_target: np.ndarray,
    streams: RandomStreams,
    p: CustomerBehaviour,
    next_uid: int,
) -> np.ndarray:
    """New customers arrive by word of mouth and advertising into free places.

    Arrivals per branch are Poisson with mean ``inflow_base`` (initial customers
    times ``churn_annual`` / 365: the base switching rate, without the extra
    switching of disloyal customers and after bad visits, so an ordinary branch
    loses about 1-2% of its customers a year), scaled by reputation and promise.
    Arrivals beyond the branch's free places are turned away.  Returns the slots filled.
    """
    rate = (
        branches.inflow_base
        * np.maximum(0.0, 1.0 + p.wom_inflow * 2.0 * (branches.reputation - 0.5))
        * (1.0 + p.promise_attraction * promise)
    )
    # Poisson by inverse CDF from one uniform per branch: a fixed draw count keeps CRN aligned
    arrivals = poisson_from_uniform(streams.inflow.random(branches.size), rate)
    # trust, loyalty, spend: one packed draw per place every day, arrivals or not (CRN)
    draw = packed_uniforms(streams.new_customer, customers.size)
    if not arrivals.any():
        return np.empty(0, np.int64)
    free = np.flatnonzero(~customers.active)  # ascending, hence grouped by branch
    free_branch = customers.branch[free]
    first = np.searchsorted(free_branch, np.arange(branches.size))
    rank_in_branch = np.arange(free.size) - first[free_branch]
    slots = free[rank_in_branch < arrivals[free_branch]]
    k = slots.size
    customers.active[slots] = True
    customers.uid[slots] = np.arange(next_uid, next_uid + k)
    customers.expectation[slots] = expectation_target[customers.branch[slots]]
    customers.satisfaction[slots] = 0.5
    draw = draw[slots]
    customers.trust[slots] = np.clip(p.new_trust + NEWCOMER_SD * normal_from_uniform(field(draw, 0)), 0, 1)
    customers.loyalty[slots] = np.clip(
        p.new_loyalty + NEWCOMER_SD * normal_from_uniform(field(draw, 1)), 0, 1
    )
    customers.spend_factor[slots] = np.exp(
        SPEND_LOG_MEAN + SPEND_LOG_SD * normal_from_uniform(field(draw, 2))
    )
    return slots
