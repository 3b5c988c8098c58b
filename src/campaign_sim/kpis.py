"""Branch KPIs per day: names, units, and the recorder that keeps them as one array."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: name -> (unit, meaning).  The order is the column order of ``branch_frame()``.
KPIS: dict[str, tuple[str, str]] = {
    "revenue": ("EUR/day", "sales including additional sales"),
    "profit": ("EUR/day", "gross margin - wages - campaign costs - hiring costs - shrinkage"),
    "additional_sales": ("count/day", "additional offers accepted (cross-selling)"),
    "complaints": ("count/day", "unsolved problems voiced to staff"),
    "escalations": ("count/day", "complaints taken further"),
    "problems": ("count/day", "visits with a problem"),
    "unsolved_problems": ("count/day", "problems not solved by the employee during the visit"),
    "visits": ("count/day", "customer visits"),
    "active_customers": ("count", "customers with the branch"),
    "churned": ("count/day", "customers who left for the competitor"),
    "new_customers": ("count/day", "customers won"),
    "satisfaction": ("0..1", "mean satisfaction of active customers"),
    "trust": ("0..1", "mean trust of active customers"),
    "loyalty": ("0..1", "mean loyalty of active customers"),
    "expectation": ("0..1", "mean expectation of active customers"),
    "reputation": ("0..1", "word-of-mouth reputation"),
    "quits": ("count/day", "employees who quit"),
    "absence_days": ("count/day", "employees absent (sickness and other)"),
    "training_days": ("count/day", "employees off the floor for a campaign"),
    "shrinkage": ("EUR/day", "undetected shoplifting plus other shrinkage"),
    "theft_loss": ("EUR/day", "undetected shoplifting"),
    "campaign_cost": ("EUR/day", "money spent on campaigns"),
    "hiring_cost": ("EUR/day", "cost of replacing quits"),
    "wages": ("EUR/day", "wage cost"),
    "climate": ("0..1", "team climate index"),
    "fear": ("0..1", "mean total fear"),
    "fear_of_customers": ("0..1", "mean fear of customers"),
    "fear_of_boss": ("0..1", "mean fear of the boss"),
    "fear_for_job": ("0..1", "mean fear for the job"),
    "pride": ("0..1", "mean pride"),
    "effect_awareness": ("0..1", "mean effect awareness"),
    "engagement": ("0..1", "mean engagement (1 = passion, 0 = burden)"),
    "ability": ("0..1", "mean ability (know-how)"),
    "willingness": ("0..1", "mean willingness to take part in campaigns"),
    "delivered_behaviour": ("0..1", "mean behaviour delivered on the floor"),
    "horizon": ("0..1", "mean proactive horizon"),
    "staff": ("count", "employees in post"),
}
KPI_NAMES = tuple(KPIS)
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
        for name, value in row.items():
            self.values[day, KPI_INDEX[name]] = value
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
