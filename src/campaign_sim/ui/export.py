"""Downloads of the current run: its data (CSV, Parquet) and its charts (PNG).

Built on demand when a download button is clicked, from whatever the run has
reached; the Parquet file carries the scenario and seed as metadata, like the
command line's ``run --out``.
"""

from __future__ import annotations

import numpy as np

from .. import __version__
from ..kpis import KPIS
from ..parquet_io import parquet_bytes as runner_parquet_bytes
from . import charts
from .i18n import kpi_label, tr, unit_label
from .session import Runner

STAFF_LINES = (
    "fear",
    "pride",
    "effect_awareness",
    "engagement",
    "ability",
    "willingness",
    "delivered_behaviour",
)
CUSTOMER_LINES = ("satisfaction", "trust", "loyalty", "expectation", "reputation")


def file_stem(runner: Runner) -> str:
    """``<scenario>_seed<seed>_day<day>``: names every export of one run alike."""
    sc = runner.scenarios[0]
    return f"{sc.name}_seed{sc.run.seed}_day{runner.day}"


def csv_bytes(runner: Runner) -> bytes:
    """Every KPI per design, day and branch as CSV."""
    return runner.frame().to_csv(index=False).encode("utf-8")


def parquet_bytes(runner: Runner) -> bytes:
    """The same table as Parquet, with the scenarios as metadata."""
    meta = {
        "scenario": runner.scenarios[0].model_dump_json(),
        "seed": str(runner.scenarios[0].run.seed),
        "campaign_sim": __version__,
    }
    if len(runner.scenarios) > 1:
        meta["scenario_b"] = runner.scenarios[1].model_dump_json()
    return runner_parquet_bytes(runner.frame(), meta)


def dashboard_png(runner: Runner, lang: str, kpis: list[str]) -> bytes:
    """The dashboard's charts: the chosen KPIs with their branch spread, staff and customer states."""
    x = tr(lang, "axis.day")
    panels = []
    for kpi in kpis:
        mean, lo, hi = runner.band_series(kpi)
        title = tr(lang, "chart.kpi_band", kpi=kpi_label(lang, kpi), unit=unit_label(lang, KPIS[kpi][0]))
        panels.append({"title": title, "x": x, "series": {kpi_label(lang, kpi): mean}, "band": (lo, hi)})
    for key, names in (("chart.staff", STAFF_LINES), ("chart.customers", CUSTOMER_LINES)):
        series = {kpi_label(lang, k): runner.mean_series(k) for k in names}
        panels.append({"title": tr(lang, key), "x": x, "series": series})
    sc = runner.scenarios[0]
    title = f"{sc.name}, seed {sc.run.seed}: " + tr(lang, "status.day", day=runner.day, days=runner.days)
    return charts.png(panels, title)


def comparison_png(runner: Runner, lang: str, kpis: list[str], labels: tuple[str, str] = ("A", "B")) -> bytes:
    """Design A against design B, and their difference, for each chosen KPI."""
    x = tr(lang, "axis.day")
    panels = []
    for kpi in kpis:
        name = kpi_label(lang, kpi)
        a, b = runner.mean_series(kpi, 0), runner.mean_series(kpi, 1)
        panels.append(
            {"title": tr(lang, "compare.ab", kpi=name), "x": x, "series": {labels[0]: a, labels[1]: b}}
        )
        panels.append(
            {
                "title": tr(lang, "compare.diff", kpi=name),
                "x": x,
                "series": {"B - A": np.asarray(b) - a},
                "zero": True,
            }
        )
    sc = runner.scenarios[0]
    return charts.png(panels, f"{sc.name}, seed {sc.run.seed}: A / B")
