"""Branch KPIs per day: names, units, and the recorder that keeps them as one array."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numba import njit

from .outputs import KPI_NAMES, OUTPUTS

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
def _active_sums(states, active, customer_start, customer_capacity):
    counts = np.zeros(customer_start.size)
    sums = np.zeros((len(states), customer_start.size))
    for b in range(customer_start.size):
        for j in range(customer_start[b], customer_start[b] + customer_capacity[b]):
            if active[j]:
                counts[b] += 1.0
                for k in range(len(states)):
                    sums[k, b] += states[k][j]
    return counts, sums


def customer_means(states: tuple[np.ndarray, ...], active: np.ndarray, branches) -> tuple:
    """(active customers, mean of each state over them) per branch, in one compiled pass.

    ``states`` are per-place arrays of one dtype; a branch without customers has mean 0.
    """
    counts, sums = _active_sums(states, active, branches.customer_start, branches.customer_capacity)
    return counts, sums / np.maximum(counts, 1.0)
