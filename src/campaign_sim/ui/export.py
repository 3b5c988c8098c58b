"""Downloads of the current run: its data (CSV, Parquet) and its charts (PNG).

Built on demand when a download button is clicked, from whatever the run has
reached; the Parquet file carries the scenario and seed as metadata, like the
command line's ``run --out``.
"""

from __future__ import annotations

import numpy as np

from .. import __version__
from ..outputs import names, unit
from ..parquet_io import parquet_bytes as table_parquet_bytes
from . import charts, describe, payback
from .i18n import kpi_label, tr, unit_label
from .live_run import LiveRun

#: the staff chart: the employee states kept from day to day (as many as the palette has colours)
STAFF_LINES: tuple[str, ...] = names(group="staff", agent="employee", kpi=True, state=True)
#: the customer chart: the customer KPIs on the 0..1 scale (states and reputation)
CUSTOMER_LINES: tuple[str, ...] = tuple(n for n in names(group="customers", kpi=True) if unit(n) == "0..1")


def file_stem(live: LiveRun) -> str:
    """``<scenario>_seed<seed>_day<day>``: names every export of one run alike."""
    sc = live.scenarios[0]
    return f"{sc.name}_seed{sc.run.seed}_day{live.day}"


def csv_bytes(live: LiveRun) -> bytes:
    """Every KPI per plan, day and branch as CSV."""
    return live.frame().to_csv(index=False).encode("utf-8")


def parquet_bytes(live: LiveRun) -> bytes:
    """The same table as Parquet, with the scenarios as metadata."""
    meta = {
        "scenario": live.scenarios[0].model_dump_json(),
        "seed": str(live.scenarios[0].run.seed),
        "campaign_sim": __version__,
    }
    if len(live.scenarios) > 1:
        meta["scenario_b"] = live.scenarios[1].model_dump_json()
    return table_parquet_bytes(live.frame(), meta)


def dashboard_png(live: LiveRun, lang: str, kpis: list[str]) -> bytes:
    """The dashboard's charts: the chosen KPIs with their branch spread, staff and customer states."""
    x = tr(lang, "axis.day")
    panels = []
    for kpi in kpis:
        mean, lo, hi = live.band_series(kpi)
        title = tr(lang, "chart.kpi_band", kpi=kpi_label(lang, kpi), unit=unit_label(lang, unit(kpi)))
        panels.append(
            {
                "title": title,
                "x": x,
                "y": unit_label(lang, unit(kpi)),
                "series": {kpi_label(lang, kpi): mean},
                "band": (lo, hi),
            }
        )
    for key, lines in (("chart.staff", STAFF_LINES), ("chart.customers", CUSTOMER_LINES)):
        series = {kpi_label(lang, k): live.mean_series(k) for k in lines}
        units = {unit_label(lang, unit(k)) for k in lines}
        panels.append({"title": tr(lang, key), "x": x, "y": " / ".join(sorted(units)), "series": series})
    sc = live.scenarios[0]
    title = tr(lang, "export.png_title", name=sc.name, seed=sc.run.seed, branches=sc.run.branches)
    title += ": " + tr(lang, "status.day", day=live.day, days=live.days)
    return charts.png(panels, title, lang)


def comparison_png(live: LiveRun, lang: str, kpis: list[str], labels: tuple[str, str] = ("A", "B")) -> bytes:
    """Plan A against plan B: what each plan runs, the cumulative net benefit B - A with the
    break-even day, and A and B and their difference for each chosen KPI."""
    x = tr(lang, "axis.day")
    sc = live.scenarios[0]
    n = sc.run.branches
    start = payback.first_campaign_day(*live.scenarios)
    with live.lock:
        result = payback.live_payback(live.models, start)
    panels = [
        {
            "title": tr(lang, "pay.chart", n=n),
            "x": x,
            "y": tr(lang, "pay.axis"),
            "series": {"B - A": result.cumulative},
            "difference": True,
            "rule": None
            if result.break_even is None
            else (result.break_even, f"{tr(lang, 'pay.rule')} {result.break_even}"),
        },
        {
            "text": "\n\n".join(
                [
                    "\n".join(describe.payback_lines(lang, result, n)),
                    *(
                        f"{plan}: " + describe.cost_text(lang, model)
                        for plan, model in zip(labels, live.models, strict=False)
                    ),
                ]
            )
        },
    ]
    for kpi in kpis:
        name = kpi_label(lang, kpi)
        y = unit_label(lang, unit(kpi))
        a, b = live.mean_series(kpi, 0), live.mean_series(kpi, 1)
        panels.append(
            {
                "title": tr(lang, "compare.ab", kpi=name),
                "x": x,
                "y": y,
                "series": {labels[0]: a, labels[1]: b},
            }
        )
        panels.append(
            {
                "title": tr(lang, "compare.diff", kpi=name),
                "x": x,
                "y": y,
                "series": {"B - A": np.asarray(b) - a},
                "difference": True,
            }
        )
    title = tr(lang, "export.png_title", name=sc.name, seed=sc.run.seed, branches=n)
    title += ": " + tr(lang, "status.day", day=live.day, days=live.days)
    for plan, scenario in zip(labels, live.scenarios, strict=False):
        title += f"\n{plan}: " + "; ".join(describe.plan_lines(lang, scenario))
    return charts.png(panels, title, lang)
