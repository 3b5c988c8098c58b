"""A tiny experiment (6 branches, 60 days, 3 arms) that every execution test can afford."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from campaign_sim.experiments.store import ResultStore

REPO = Path(__file__).resolve().parents[2]

TINY = """
name = "tiny"
description = "Three arms in six branches over sixty days."
scenario = "{repo}/scenarios/baseline.toml"
seed = 3
replicates = {replicates}
days = {days}
branches = {branches}
kpis = ["profit", "loyalty", "pride"]
heterogeneity = ["fear"]

[assignment]
mode = "{mode}"
stratify_by = "fear"
counterfactual = {counterfactual}

[periods]
pre = {{ start = 0, end = 10 }}
post = {{ last = 20 }}

[output]
series_every = 5

[[arms]]
name = "control"

[[arms]]
name = "behaviour"
campaigns = [{{ kind = "behaviour_training", start_day = 10, duration_days = 10 }}]

[[arms]]
name = "attitude"
campaigns = [
  {{ kind = "attitude_training", start_day = 10, duration_days = 10 }},
  {{ kind = "incentive_scheme", start_day = 10 }},
]

[sweep]
design = "grid"

[[sweep.parameters]]
path = "company.market_pressure"
low = 0.1
high = 0.7
levels = {levels}
"""


def write_tiny(
    folder: Path,
    replicates: int = 3,
    days: int = 60,
    branches: int = 6,
    mode: str = "randomised",
    counterfactual: bool = True,
    levels: int = 2,
    name: str = "tiny.toml",
) -> Path:
    """Write the tiny experiment into ``folder`` and return its path."""
    path = folder / name
    path.write_text(
        TINY.format(
            repo=REPO.as_posix(),
            replicates=replicates,
            days=days,
            branches=branches,
            mode=mode,
            counterfactual=str(counterfactual).lower(),
            levels=levels,
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_tiny(tmp_path)


def stored_tables(out: Path) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The tidy table and trajectories of a results directory, for the runs of its plan."""
    store = ResultStore(out)
    ids = store.read_manifest()["run_ids"]
    return store.read_tidy(ids), store.read_series(ids)
