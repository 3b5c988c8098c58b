"""Mechanism 10: campaign promises raise customers' expectations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numba import njit

from ..config import CustomerBehaviour
from .variants import alternative

if TYPE_CHECKING:  # state builds start-up expectations with expectation_target
    from ..state import Customers


#: quality a branch's promise adds to what its customers perceive: (promise, p) -> per branch
PromiseQuality = Callable[[np.ndarray, CustomerBehaviour], np.ndarray]


@alternative(
    "promise_quality",
    "contrast",
    mechanism="mechanism 10",
    meaning="a promise raises expectations only; perceived quality is what the staff deliver",
    default=True,
)
def quality_unmoved_by_promise(promise: np.ndarray, p: CustomerBehaviour) -> np.ndarray:
    """The published model: a promise has no upside in the encounter itself (contrast only)."""
    return np.zeros(np.shape(promise))


@alternative(
    "promise_quality",
    "assimilation",
    mechanism="mechanism 10",
    meaning="a promise also lifts perceived quality by promise_assimilation times the expectation "
    "it adds (assimilation as well as contrast)",
)
def quality_lifted_by_promise(promise: np.ndarray, p: CustomerBehaviour) -> np.ndarray:
    """Customers who were told to expect more also perceive a little more (assimilation:
    Anderson 1973; Boulding et al. 1993), besides judging against the higher expectation."""
    return p.promise_assimilation * p.promise_lift * np.asarray(promise, np.float64)


def expectation_target(baseline: float, promise: np.ndarray | float, p: CustomerBehaviour) -> np.ndarray:
    """What customers come to expect: the market baseline plus what the branch promises (0..1).

    The one definition used for drifting expectations, for newcomers and at start-up.
    """
    promise = np.asarray(promise, np.float64)
    out = np.empty(promise.shape)
    _targets(promise.reshape(-1), baseline, p.promise_lift, out.reshape(-1))
    return out if out.ndim else out[()]


@njit(cache=True)
def _targets(promise, baseline, promise_lift, out):
    for b in range(promise.size):
        out[b] = min(max(baseline + promise_lift * promise[b], 0.0), 1.0)


def adjust_expectations(
    customers: Customers, promise: np.ndarray, baseline: float, p: CustomerBehaviour
) -> None:
    """Expectations drift toward the market baseline plus what the branch promises.

    A promise the staff do not carry then turns into negative disconfirmation
    (mechanism 4), weighted by loss aversion: worse than promising nothing.
    """
    target = expectation_target(baseline, promise, p)
    _drift(customers.expectation, customers.active, customers.branch, target, p.expectation_rate)


@njit(cache=True)
def _drift(expectation, active, branch, target, rate):
    """One compiled pass over the active places (a free place gets its expectation when filled)."""
    for j in range(expectation.size):
        if active[j]:
            expectation[j] += np.float32(rate * (target[branch[j]] - expectation[j]))
