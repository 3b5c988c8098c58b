"""Service capacity: the staff on the floor can serve only so many visits well.

Why: absence, training days off the floor and thin staffing are costs a branch
controller sees, and customers feel them as waiting.  Without a limit, one
employee on duty could serve a whole branch's visits as well as fifteen, so a
campaign's days off the floor would cost only the trainer's fee.  The limit is
deterministic (no random draw), so adding it shifts no random stream.
"""

from __future__ import annotations

import numpy as np
from numba import njit


def over_capacity_share(
    visits: np.ndarray, on_duty_count: np.ndarray, visits_per_staff_day: float | np.ndarray
) -> np.ndarray:
    """Share of each branch's visits that its staff on duty cannot serve well today.

    Capacity is ``visits_per_staff_day`` (one value, or one per branch) per employee on duty; the share is
    ``max(0, visits - capacity) / visits`` (0 for a branch without visits, 1 for a
    branch with visits and nobody on duty).  Every visitor of an overloaded branch
    waits, on average, in proportion to this share (mechanism 4 lowers the quality
    they judge and lets part of the excess walk away without buying).

    The work is :func:`overload_shares`, which the encounter kernel calls directly.
    """
    visits = np.asarray(visits, dtype=np.float64)
    per_staff = np.broadcast_to(np.asarray(visits_per_staff_day, dtype=np.float64), visits.shape)
    out = np.empty(visits.shape)
    overload_shares(
        visits.ravel(), np.asarray(on_duty_count, dtype=np.float64).ravel(), per_staff.ravel(), out.ravel()
    )
    return out


@njit(cache=True)
def overload_shares(visits, on_duty_count, visits_per_staff_day, out):
    """:func:`over_capacity_share` branch by branch, written to ``out`` (compiled)."""
    for b in range(visits.size):
        v = np.float64(visits[b])
        excess = max(v - visits_per_staff_day[b] * np.float64(on_duty_count[b]), 0.0)
        out[b] = excess / v if v > 0 else 0.0
