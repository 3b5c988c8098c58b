"""One scenario run from start to table: the job behind ``campaign-sim run``.

Input/output layer: it drives the core model and shapes its output for people
(periods, the before/after table); the model never imports it.  The experiments
run their own jobs (``experiments/runs.py``) and do not use this module.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .model import CampaignModel, compile_kernels
from .outputs import HEADLINE_KPIS
from .plausibility import Archetype, Measured, check, outside, window_means
from .scenario import Scenario


@dataclass
class RunResult:
    """A finished run: the model, its KPI table and how long it took."""

    model: CampaignModel
    frame: pd.DataFrame
    seconds: float

    @property
    def agent_steps(self) -> float:
        """Employees plus active customers, summed over days."""
        days = self.frame["day"].nunique()
        customers = self.frame.groupby("day")["active_customers"].sum().mean()
        return (self.model.staff_state.size + customers) * days


def campaign_start(scenario: Scenario) -> int | None:
    """First day any campaign starts, or None without campaigns."""
    return min((c.start_day for c in scenario.campaigns), default=None)


def periods(scenario: Scenario, days: int) -> tuple[range, range]:
    """Before = the days before the first campaign (first quarter if none);
    after = the last quarter of the run (at least one day)."""
    start = campaign_start(scenario)
    quarter = max(days // 4, 1)
    before_end = start if start is not None and 0 < start <= days else quarter
    return range(0, before_end), range(max(days - quarter, before_end), days)


def before_after(frame: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Mean per branch and day of each headline KPI (``outputs.HEADLINE_KPIS``) before and after."""
    days = int(frame["day"].max()) + 1
    before, after = periods(scenario, days)
    daily = frame.groupby("day")[list(HEADLINE_KPIS)].mean()
    table = pd.DataFrame(
        {
            "before": daily.loc[before.start : before.stop - 1].mean(),
            "after": daily.loc[after.start : after.stop - 1].mean(),
        }
    )
    table["change"] = table["after"] - table["before"]
    table["change_%"] = 100 * table["change"] / table["before"].abs().where(table["before"] != 0)
    table.attrs["before_days"] = (before.start, before.stop - 1)
    table.attrs["after_days"] = (after.start, after.stop - 1)
    return table


def run_scenario(
    scenario: Scenario,
    seed: int | None = None,
    progress: Callable[[int], None] | None = None,
    profile: bool = False,
) -> RunResult:
    """Run a scenario to its end with its own seed (or ``seed``); ``progress(n)`` is called once per
    day; ``profile`` times each process of the day (``model.profile_table()``)."""
    compile_kernels()  # one-off compile or cache load, kept out of the timed run
    model = CampaignModel(scenario, seed=scenario.run.seed if seed is None else seed, profile=profile)
    start = time.perf_counter()
    model.run(progress=progress)
    seconds = time.perf_counter() - start
    return RunResult(model=model, frame=model.branch_frame(), seconds=seconds)


@dataclass
class BaselineCheck:
    """A run's baseline figures against the calibrated ranges (``plausibility``)."""

    window: str  # which days were checked, in words ("" if none could be)
    measured: list[Measured]

    @property
    def outside(self) -> list[Measured]:
        return outside(self.measured)


def check_baseline(model: CampaignModel, scenario: Scenario, archetype: Archetype) -> BaselineCheck:
    """The run's baseline figures: the whole run and its last quarter without campaigns, else the days
    before the first campaign (what the campaigns do afterwards is the result, not the world)."""
    values = model.kpis.values[: model.kpis.days_recorded]
    days = values.shape[0]
    start = campaign_start(scenario)
    if start is None or start >= days:
        quarter = max(days // 4, 1)
        window = f"days 0-{days - 1}, no campaign"
        measured = check(
            window_means(values, 0, days),
            archetype,
            window,
            window_means(values, days - quarter, days),
            f"days {days - quarter}-{days - 1}, the last quarter",
        )
        return BaselineCheck(window, measured)
    if start == 0:
        return BaselineCheck("", [])
    window = f"days 0-{start - 1}, before the first campaign"
    return BaselineCheck(window, check(window_means(values, 0, start), archetype, window))
