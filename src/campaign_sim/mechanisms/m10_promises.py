"""Mechanism 10: campaign promises raise customers' expectations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numba import njit

from ..config import CustomerBehaviour
from ..parameters import CompanyParameters, packed, per_company
from .variants import alternative

if TYPE_CHECKING:  # state builds start-up expectations with expectation_target
    from ..state import Customers


#: quality a branch's promise adds to what its customers perceive: (promise, p) -> per branch
PromiseQuality = Callable[[np.ndarray, CustomerBehaviour | CompanyParameters], np.ndarray]


@alternative(
    "promise_quality",
    "contrast",
    mechanism="mechanism 10",
    meaning="a promise raises expectations only; perceived quality is what the staff deliver",
    default=True,
)
def quality_unmoved_by_promise(promise: np.ndarray, p: CustomerBehaviour | CompanyParameters) -> np.ndarray:
    """The published model: a promise has no upside in the encounter itself (contrast only)."""
    return np.zeros(np.shape(promise))


@alternative(
    "promise_quality",
    "assimilation",
    mechanism="mechanism 10",
    meaning="a promise also lifts perceived quality by promise_assimilation times the expectation "
    "it adds (assimilation as well as contrast)",
)
def quality_lifted_by_promise(promise: np.ndarray, p: CustomerBehaviour | CompanyParameters) -> np.ndarray:
    """Customers who were told to expect more also perceive a little more (assimilation:
    Anderson 1973; Boulding et al. 1993), besides judging against the higher expectation."""
    promise = np.asarray(promise, np.float64)
    p = packed(p)
    n = promise.size
    return p.per("promise_assimilation", "branches", n) * p.per("promise_lift", "branches", n) * promise


def expectation_target(
    baseline: float | np.ndarray, promise: np.ndarray | float, p: CustomerBehaviour | CompanyParameters
) -> np.ndarray:
    """What customers come to expect: the market baseline plus what the branch promises (0..1).

    The one definition used for drifting expectations, for newcomers and at start-up.  In a
    pack, ``baseline`` and ``p`` hold one value per company and ``promise`` one per branch.
    """
    promise = np.asarray(promise, np.float64)
    p = packed(p)
    out = np.empty(promise.shape)
    _targets(
        promise.reshape(-1), p.bounds("branches", promise.size), per_company(baseline, p.companies),
        p.promise_lift, out.reshape(-1),
    )  # fmt: skip
    return out if out.ndim else out[()]


@njit(cache=True)
def _targets(promise, branch_bounds, baseline_k, promise_lift_k, out):
    for k in range(branch_bounds.size - 1):
        baseline, promise_lift = baseline_k[k], promise_lift_k[k]
        for b in range(branch_bounds[k], branch_bounds[k + 1]):
            out[b] = min(max(baseline + promise_lift * promise[b], 0.0), 1.0)


def adjust_expectations(
    customers: Customers,
    promise: np.ndarray,
    baseline: float | np.ndarray,
    p: CustomerBehaviour | CompanyParameters,
) -> None:
    """Expectations drift toward the market baseline plus what the branch promises.

    A promise the staff do not carry then turns into negative disconfirmation
    (mechanism 4), weighted by loss aversion: worse than promising nothing.
    """
    p = packed(p)
    target = expectation_target(baseline, promise, p)
    _drift(
        customers.expectation, customers.active, customers.branch, target,
        p.bounds("places", customers.size), p.expectation_rate,
    )  # fmt: skip


@njit(cache=True)
def _drift(expectation, active, branch, target, place_bounds, rate_k):
    """One compiled pass over the active places (a free place gets its expectation when filled)."""
    for k in range(place_bounds.size - 1):
        j0, j1 = place_bounds[k], place_bounds[k + 1]
        _drift_places(expectation[j0:j1], active[j0:j1], branch[j0:j1], target, rate_k[k])


@njit(cache=True, inline="always")
def _drift_places(expectation, active, branch, target, rate):
    for j in range(expectation.size):
        if active[j]:
            expectation[j] += np.float32(rate * (target[branch[j]] - expectation[j]))
