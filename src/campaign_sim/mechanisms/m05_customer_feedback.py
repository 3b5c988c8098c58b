"""Mechanism 5: customers feed back into employees (the reinforcing loop)."""

from __future__ import annotations

import numpy as np

from ..config import StaffBehaviour
from ..state import Staff


def feed_back_to_staff(
    staff: Staff, served: np.ndarray, good: np.ndarray, hostile: np.ndarray, p: StaffBehaviour
) -> None:
    """Good encounters build pride and calm fear of customers; hostile ones raise that fear.

    Pride from customers is seen through the lens of effect: an employee gains
    it in proportion to effect awareness, because only who sees what the work
    effects can take pride in it.  Pride fades slowly without new sources.
    """
    denom = np.maximum(served, 1.0)
    good_share = good / denom
    hostile_share = hostile / denom
    pride = staff.pride
    pride += p.pride_from_customers * staff.effect_awareness * good_share * (1.0 - pride)
    pride -= p.pride_decay * pride
    fear = staff.fear_of_customers
    fear += p.fear_customer_gain * hostile_share * (1.0 - fear) - p.fear_customer_relief * good_share * fear
    np.clip(pride, 0.0, 1.0, out=pride)
    np.clip(fear, 0.0, 1.0, out=fear)
