"""One scenario run from start to table: the job behind ``campaign-sim run``."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .config import Scenario
from .model import CampaignModel

#: KPIs shown in the before/after summary, in this order
SUMMARY_KPIS = (
    "revenue",
    "profit",
    "additional_sales",
    "complaints",
    "active_customers",
    "satisfaction",
    "trust",
    "loyalty",
    "reputation",
    "quits",
    "absence_days",
    "shrinkage",
    "climate",
    "fear_of_customers",
    "fear_of_boss",
    "fear_for_job",
    "pride",
    "effect_awareness",
    "engagement",
    "ability",
    "delivered_behaviour",
    "willingness",
)


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
    """Mean per branch and day of each summary KPI before and after, with the change."""
    days = int(frame["day"].max()) + 1
    before, after = periods(scenario, days)
    daily = frame.groupby("day")[list(SUMMARY_KPIS)].mean()
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


def run_scenario(scenario: Scenario, seed: int | None = None, progress=None) -> RunResult:
    """Run a scenario to its end with its own seed (or ``seed``); ``progress(n)`` is called once per day."""
    model = CampaignModel(scenario, seed=scenario.run.seed if seed is None else seed)
    start = time.perf_counter()
    model.run(progress=progress)
    seconds = time.perf_counter() - start
    return RunResult(model=model, frame=model.branch_frame(), seconds=seconds)


def parquet_bytes(frame: pd.DataFrame, metadata: dict[str, str] | None = None) -> bytes:
    """A table as Parquet file bytes, with key-value metadata (scenario, seed, version) in the schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if metadata:
        existing = table.schema.metadata or {}
        table = table.replace_schema_metadata(
            {**existing, **{k.encode(): v.encode() for k, v in metadata.items()}}
        )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def write_parquet(frame: pd.DataFrame, path: Path, metadata: dict[str, str]) -> Path:
    """Write a table to a Parquet file with run metadata in the schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(parquet_bytes(frame, metadata))
    return path
