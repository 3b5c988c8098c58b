"""Mechanism 2: fear blocks the use of what was learned."""

from __future__ import annotations

import numpy as np

from ..config import StaffBehaviour
from ..state import Staff


def total_fear(staff: Staff, p: StaffBehaviour) -> np.ndarray:
    """Weighted fear from customers, boss and for the job, written to ``staff.fear``."""
    w_job = 1.0 - p.fear_weight_customers - p.fear_weight_boss
    np.multiply(staff.fear_of_customers, p.fear_weight_customers, out=staff.fear)
    staff.fear += p.fear_weight_boss * staff.fear_of_boss
    staff.fear += w_job * staff.fear_for_job
    return staff.fear


def deliver_behaviour(staff: Staff, p: StaffBehaviour) -> np.ndarray:
    """Behaviour delivered on the floor = applied ability gated by fear and motivation.

    Only the transferred share of trained ability is applied (mechanism 7);
    fear blocks a share ``fear_block * fear`` of it (Edmondson 1999, S5) and
    lacking motivation (engagement, pride) leaves only ``motivation_floor``.
    """
    applied = staff.ability - staff.trained_gain * (1.0 - staff.transfer)
    motivation = 0.5 * (staff.engagement + staff.pride)
    gate = (1.0 - p.fear_block * staff.fear) * (p.motivation_floor + (1.0 - p.motivation_floor) * motivation)
    np.multiply(applied, gate, out=staff.delivered_behaviour)
    return staff.delivered_behaviour
