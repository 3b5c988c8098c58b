"""Mechanism 10: campaign promises raise customers' expectations."""

from __future__ import annotations

import numpy as np

from ..config import CustomerBehaviour
from ..state import Customers


def adjust_expectations(
    customers: Customers, promise: np.ndarray, baseline: float, p: CustomerBehaviour
) -> None:
    """Expectations drift toward the market baseline plus what the branch promises.

    A promise the staff do not carry then turns into negative disconfirmation
    (mechanism 4), weighted by loss aversion: worse than promising nothing.
    """
    target = np.clip(baseline + p.promise_lift * promise, 0.0, 1.0)[customers.branch]
    customers.expectation += p.expectation_rate * (target - customers.expectation)
