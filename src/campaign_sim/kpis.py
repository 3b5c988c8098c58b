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

    def record(self, day: int, blocks: tuple[np.ndarray, ...], where: np.ndarray) -> None:
        """Write day ``day``'s row: KPI ``k`` (``KPI_NAMES`` order) is row ``where[k, 1]`` of
        ``blocks[where[k, 0]]`` (C-contiguous float64 ``(rows, branches)`` arrays; :func:`row_map`),
        stored as float32 in one compiled pass."""
        if day >= self.values.shape[0]:  # a run stepped past its planned days
            grow = np.full_like(self.values, np.nan)
            self.values = np.concatenate((self.values, grow))
        _write_row(self.values[day], blocks, where)
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


def row_map(blocks: dict[str, tuple[int, int]]) -> np.ndarray:
    """``(KPIs, 2)`` array for :meth:`KPIRecorder.record` from ``{kpi: (block, row)}``; every KPI
    must be named."""
    missing = set(KPI_NAMES) - set(blocks)
    if missing:
        raise ValueError(f"no source for the KPIs {sorted(missing)}")
    return np.array([blocks[name] for name in KPI_NAMES], np.int64)


@njit(cache=True)
def _write_row(today, blocks, where):
    for k in range(where.shape[0]):
        source = blocks[where[k, 0]]
        row = where[k, 1]
        for b in range(today.shape[1]):
            today[k, b] = source[row, b]


@njit(cache=True)
def _active_sums(active, expectation, satisfaction, trust, loyalty, customer_start, customer_capacity):
    """Row 0: active customers per branch; rows 1-4: their mean of each customer state."""
    n = customer_start.size
    out = np.zeros((5, n))
    for b in range(n):
        c = s0 = s1 = s2 = s3 = 0.0
        for j in range(customer_start[b], customer_start[b] + customer_capacity[b]):
            if active[j]:
                c += 1.0
                s0 += expectation[j]
                s1 += satisfaction[j]
                s2 += trust[j]
                s3 += loyalty[j]
        out[0, b] = c
        d = max(c, 1.0)
        out[1, b], out[2, b], out[3, b], out[4, b] = s0 / d, s1 / d, s2 / d, s3 / d
    return out


@njit(cache=True)
def day_tally(
    staff_branch, quit_slots, absent, in_training, customer_branch, left, joined, visits, reputation,
    training_days, climate, staff_count,
):  # fmt: skip
    """The day's counts and branch values as one ``(9, branches)`` array: quits, absence days
    (absent and not in training), customers who left, new customers, visits, reputation,
    training days, climate, staff."""
    n = staff_count.size
    out = np.zeros((9, n))
    for i in quit_slots:
        out[0, staff_branch[i]] += 1.0
    for i in range(staff_branch.size):
        if absent[i] and not in_training[i]:
            out[1, staff_branch[i]] += 1.0
    for j in left:
        out[2, customer_branch[j]] += 1.0
    for j in joined:
        out[3, customer_branch[j]] += 1.0
    for b in range(n):
        out[4, b] = visits[b]
        out[5, b] = reputation[b]
        out[6, b] = training_days[b]
        out[7, b] = climate[b]
        out[8, b] = staff_count[b]
    return out


def customer_block(customers, branches) -> np.ndarray:
    """``(5, branches)``: active customers per branch, then their mean of each of
    ``CUSTOMER_STATES`` (0 for a branch without customers), in one compiled pass."""
    return _active_sums(
        customers.active, customers.expectation, customers.satisfaction, customers.trust, customers.loyalty,
        branches.customer_start, branches.customer_capacity,
    )  # fmt: skip


def customer_means(customers, branches) -> tuple[np.ndarray, np.ndarray]:
    """(active customers, mean of each of ``CUSTOMER_STATES`` over them) per branch: the rows
    of :func:`customer_block`."""
    block = customer_block(customers, branches)
    return block[0], block[1:]


assert CUSTOMER_STATES == ("expectation", "satisfaction", "trust", "loyalty"), "update customer_means"
