"""Branch KPIs per day: names, units, and the recorder that keeps them as one array."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numba import njit

from .outputs import CUSTOMER_STATES, KPI_NAMES, OUTPUTS

#: name -> (unit, meaning) of every branch KPI, in the column order of ``branch_frame()``
KPIS: dict[str, tuple[str, str]] = {name: (OUTPUTS[name].unit, OUTPUTS[name].meaning) for name in KPI_NAMES}
KPI_INDEX = {name: i for i, name in enumerate(KPI_NAMES)}


class KPIRecorder:
    """Keeps every branch KPI of every day in one preallocated float32 array (day, kpi, branch)."""

    def __init__(self, days: int, n_branches: int):
        self.values = np.full((days, len(KPI_NAMES), n_branches), np.nan, np.float32)
        self.days_recorded = 0

    def record(self, day: int, row: dict[str, np.ndarray]) -> None:
        if day >= self.values.shape[0]:  # a run stepped past its planned days
            grow = np.full_like(self.values, np.nan)
            self.values = np.concatenate((self.values, grow))
        today = self.values[day]
        for name, value in row.items():
            today[KPI_INDEX[name]] = value
        self.days_recorded = max(self.days_recorded, day + 1)

    def series(self, name: str) -> np.ndarray:
        """(days, branches) array of one KPI."""
        return self.values[: self.days_recorded, KPI_INDEX[name]]

    def frame(self) -> pd.DataFrame:
        """Long table: one row per day and branch, one column per KPI."""
        days, _, n = self.values[: self.days_recorded].shape
        data = self.values[: self.days_recorded].transpose(0, 2, 1).reshape(days * n, -1)
        frame = pd.DataFrame(data, columns=list(KPI_NAMES))
        frame.insert(0, "branch", np.tile(np.arange(n, dtype=np.int32), days))
        frame.insert(0, "day", np.repeat(np.arange(days, dtype=np.int32), n))
        return frame


@njit(cache=True)
def _active_sums(active, expectation, satisfaction, trust, loyalty, customer_start, customer_capacity):
    n = customer_start.size
    counts = np.zeros(n)
    sums = np.zeros((4, n))
    for b in range(n):
        c = s0 = s1 = s2 = s3 = 0.0
        for j in range(customer_start[b], customer_start[b] + customer_capacity[b]):
            if active[j]:
                c += 1.0
                s0 += expectation[j]
                s1 += satisfaction[j]
                s2 += trust[j]
                s3 += loyalty[j]
        counts[b] = c
        sums[0, b], sums[1, b], sums[2, b], sums[3, b] = s0, s1, s2, s3
    return counts, sums


def customer_means(customers, branches) -> tuple[np.ndarray, np.ndarray]:
    """(active customers, mean of each of ``CUSTOMER_STATES`` over them) per branch, in one
    compiled pass; a branch without customers has mean 0."""
    counts, sums = _active_sums(
        customers.active, customers.expectation, customers.satisfaction, customers.trust, customers.loyalty,
        branches.customer_start, branches.customer_capacity,
    )  # fmt: skip
    return counts, sums / np.maximum(counts, 1.0)


assert CUSTOMER_STATES == ("expectation", "satisfaction", "trust", "loyalty"), "update customer_means"
