"""The strategist's views: scenario and levers, live charts, all branches, one branch, two plans, export."""

from __future__ import annotations

import html
from dataclasses import replace

import numpy as np
import reacton.ipyvuetify as v
import solara

from ..outputs import GROUPS, names, unit
from . import charts, export, page_state
from .components import Chart, Choice, IntField, RunBar
from .i18n import has, kpi_label, tr, unit_label
from .levers import (
    CAMPAIGN_START,
    INCENTIVE_OPTIONS,
    LEADERSHIP_OPTIONS,
    TRAINING_OPTIONS,
    Plan,
    file_promise,
)
from .live_run import CUSTOMER_VIEW, STAFF_VIEW

VIEWS = ("dashboard", "branches", "drill", "compare", "export")
STAFF_LINES = export.STAFF_LINES
CUSTOMER_LINES = export.CUSTOMER_LINES
#: a selected employee's history: the states kept from day to day, as in the staff chart
HISTORY_STAFF = STAFF_LINES


def _option_text(lang: str, lever: str, key: str) -> str:
    if key in ("file", "none"):
        return tr(lang, f"opt.{key}")
    return tr(lang, f"{lever}.{key}")


def _state_options(lang: str, states: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(k, kpi_label(lang, k)) for k in states]


def _kpi_options(lang: str) -> list[tuple[str | None, str]]:
    """Every branch KPI, under a heading per group of the output registry (a ``None`` key is a heading)."""
    options: list[tuple[str | None, str]] = []
    for group in GROUPS:
        kpis = names(group, kpi=True)
        if kpis:
            options.append((None, tr(lang, f"group.{group}")))
            options += _state_options(lang, kpis)
    return options


@solara.component
def PlanLevers(plan: Plan, on_plan, lang: str, prefix: str):
    """The campaign levers of one plan (used for plan A and plan B)."""
    base = page_state.base.value
    for lever, options in (
        ("training", TRAINING_OPTIONS),
        ("incentive", INCENTIVE_OPTIONS),
        ("leadership", LEADERSHIP_OPTIONS),
    ):
        Choice(
            tr(lang, f"lever.{lever}"),
            [(k, _option_text(lang, lever, k)) for k in options],
            getattr(plan, lever),
            lambda value, lever=lever: on_plan(replace(plan, **{lever: value})),
            classes=[f"{prefix}-{lever}"],
        )
    promise = plan.promise if plan.promise is not None else (file_promise(base) if base else 0.0)
    solara.SliderFloat(
        f"{tr(lang, 'lever.promise', day=CAMPAIGN_START)}: {promise:.2f}",
        value=float(promise),
        on_value=lambda value: on_plan(replace(plan, promise=round(float(value), 2))),
        min=0.0,
        max=1.0,
        step=0.05,
    )


@solara.component
def ControlsPanel():
    """Scenario file, the levers of plan A, the company's settings and the run controls."""
    lang = page_state.language.value
    base = page_state.base.value
    settings = page_state.settings.value
    plan = page_state.plan_a.value
    scenarios = solara.use_memo(page_state.shipped_scenarios, [])
    path, set_path = solara.use_state("")
    if base is None:
        solara.ProgressLinear(True)
        return

    def on_file(info) -> None:
        page_state.load_upload(info["name"], info.get("data") or info["file_obj"].read())

    def set_settings(**changes) -> bool:
        return page_state.apply(settings_=replace(settings, **changes))

    with solara.Card(tr(lang, "controls.title"), classes=["cs-controls"], margin=0):
        source = page_state.source.value
        Choice(
            tr(lang, "scenario.label"),
            [(n, n) for n in scenarios],
            source if source in scenarios else None,
            page_state.load_named,
            classes=["cs-scenario"],
        )
        key = f"scen.{base.name}"
        about = tr(lang, key) if has(key) else base.description
        if about:
            solara.Text(about, classes=["cs-hint", "cs-about"])
        with solara.Row(gap="6px", style={"align-items": "center"}):
            solara.InputText(
                tr(lang, "scenario.own"),
                value=path,
                on_value=set_path,
                continuous_update=True,
                classes=["cs-path"],
            )
            solara.Button(
                tr(lang, "scenario.load"),
                on_click=lambda: page_state.load_path(path),
                outlined=True,
                color="primary",
                classes=["cs-load"],
            )
        solara.FileDrop(label=tr(lang, "scenario.drop"), on_file=on_file, lazy=False)
        PlanLevers(plan, lambda p: page_state.apply(plan_a_=p), lang, "cs-a")
        solara.SliderFloat(
            tr(lang, "lever.market_pressure"),
            value=float(
                settings.market_pressure
                if settings.market_pressure is not None
                else base.company.market_pressure
            ),
            on_value=lambda value: set_settings(market_pressure=round(float(value), 2)),
            min=0.0,
            max=1.0,
            step=0.05,
        )
        with solara.Row(gap="6px"):
            for field, label in (
                ("branches", "lever.branches"),
                ("days", "lever.days"),
                ("seed", "lever.seed"),
            ):
                current = getattr(settings, field)
                IntField(
                    tr(lang, label),
                    current if current is not None else getattr(base.run, field),
                    lambda value, field=field: set_settings(**{field: value}),
                    classes=[f"cs-{field}"],
                )
        RunBar(page_state.strategist, page_state.reset_strategist, "st")


@solara.component
def Dashboard():
    """Live charts: chosen branch KPIs with their spread over branches, staff and customer states."""
    lang, large = page_state.language.value, page_state.large.value
    live = page_state.strategist.live.value
    _ = page_state.strategist.tick.value
    kpis = page_state.dash_kpis.value
    if live is None:
        return
    x = tr(lang, "axis.day")
    Choice(
        tr(lang, "kpi.select"),
        _kpi_options(lang),
        kpis,
        page_state.dash_kpis.set,
        classes=["cs-kpis"],
        multiple=True,
    )
    wide = 12 if large else 6
    with solara.ColumnsResponsive(default=12, large=wide):
        for kpi in kpis:
            kpi_unit = unit(kpi)
            mean, lo, hi = live.band_series(kpi)
            title = tr(lang, "chart.kpi_band", kpi=kpi_label(lang, kpi), unit=unit_label(lang, kpi_unit))
            Chart(
                charts.band(mean, lo, hi, title, unit_label(lang, kpi_unit), live.days, x, large),
                classes=["cs-kpi"],
            )
        for key, lines, cls in (
            ("chart.staff", STAFF_LINES, "cs-staff"),
            ("chart.customers", CUSTOMER_LINES, "cs-cust"),
        ):
            series = {kpi_label(lang, k): live.mean_series(k) for k in lines}
            Chart(
                charts.lines(series, tr(lang, key), live.days, x, tr(lang, "axis.state"), large),
                classes=[cls],
            )


@solara.component
def BranchTiles():
    """All branches at once, each a tile coloured by one KPI; a click opens the branch."""
    lang, large = page_state.language.value, page_state.large.value
    live = page_state.strategist.live.value
    _ = page_state.strategist.tick.value
    kpi = page_state.tile_kpi.value
    if live is None:
        return

    def open_branch(datum) -> None:
        if isinstance(datum, dict) and "branch" in datum:
            page_state.drill_branch.set(int(datum["branch"]))
            page_state.selected.set(None)
            page_state.view.set("drill")

    Choice(
        tr(lang, "tiles.colour"), _kpi_options(lang), kpi, page_state.tile_kpi.set, classes=["cs-tile-kpi"]
    )
    solara.Text(tr(lang, "tiles.hint"), classes=["cs-hint"])
    values = live.latest(kpi)
    title = tr(lang, "tiles.title", kpi=kpi_label(lang, kpi))
    Chart(
        charts.tiles(values, title, unit(kpi), large, page_state.drill_branch.value),
        on_click=open_branch,
        classes=["cs-tiles"],
    )


@solara.component
def DrillDown():
    """One branch: its employees and customers coloured by a state; a selected person's history."""
    lang, large = page_state.language.value, page_state.large.value
    live = page_state.strategist.live.value
    _ = page_state.strategist.tick.value
    if live is None:
        return
    n = live.model.branch_state.size
    branch = min(page_state.drill_branch.value, n - 1)
    staff_state, customer_state = page_state.staff_colour.value, page_state.customer_colour.value
    selected = page_state.selected.value
    employees, customers = live.branch_agents(branch)

    def pick(datum) -> None:
        if isinstance(datum, dict) and datum.get("kind") in ("employee", "customer"):
            page_state.selected.set((datum["kind"], int(datum["slot"]), int(datum["uid"])))

    with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
        if n <= 1000:
            Choice(
                tr(lang, "drill.branch"),
                [(b, str(b)) for b in range(n)],
                branch,
                lambda b: (page_state.drill_branch.set(int(b)), page_state.selected.set(None)),
                classes=["cs-branch"],
            )
        else:
            solara.InputInt(tr(lang, "drill.branch"), value=branch, on_value=page_state.drill_branch.set)
        Choice(
            tr(lang, "drill.staff_colour"),
            _state_options(lang, STAFF_VIEW),
            staff_state,
            page_state.staff_colour.set,
            classes=["cs-staff-colour"],
        )
        Choice(
            tr(lang, "drill.customer_colour"),
            _state_options(lang, CUSTOMER_VIEW),
            customer_state,
            page_state.customer_colour.set,
            classes=["cs-customer-colour"],
        )
    solara.Text(tr(lang, "drill.hint"), classes=["cs-hint"])
    sel_kind, sel_uid = (selected[0], selected[2]) if selected else (None, None)
    with solara.ColumnsResponsive(default=12, large=[5, 7]):
        Chart(
            charts.agents(
                employees,
                staff_state,
                tr(
                    lang,
                    "drill.employees",
                    branch=branch,
                    n=len(employees),
                    state=kpi_label(lang, staff_state),
                ),
                "employee",
                large,
                sel_uid if sel_kind == "employee" else None,
            ),
            on_click=pick,
            classes=["cs-employees"],
        )
        Chart(
            charts.agents(
                customers,
                customer_state,
                tr(lang, "drill.customers", n=len(customers), state=kpi_label(lang, customer_state)),
                "customer",
                large,
                sel_uid if sel_kind == "customer" else None,
            ),
            on_click=pick,
            classes=["cs-customers"],
        )
    options = [
        (f"employee:{slot}:{uid}", tr(lang, "who.employee", uid=uid))
        for slot, uid in zip(employees["slot"].tolist(), employees["uid"].tolist(), strict=True)
    ]
    if selected and selected[0] == "customer":
        options.append((f"customer:{selected[1]}:{selected[2]}", tr(lang, "who.customer", uid=selected[2])))
    current = f"{selected[0]}:{selected[1]}:{selected[2]}" if selected else None

    def choose(value: str | None) -> None:
        if value:
            kind, slot, uid = value.split(":")
            page_state.selected.set((kind, int(slot), int(uid)))

    Choice(tr(lang, "drill.pick"), options, current, choose, classes=["cs-person"])
    if selected:
        kind, slot, uid = selected
        who = tr(lang, f"who.{kind}", uid=uid)
        history = live.agent_history(kind, slot, uid)
        if history is None:
            recorder = live.staff_history if kind == "employee" else live.customer_history
            key = "drill.no_history" if recorder is not None and not recorder.enabled else "drill.gone"
            solara.Info(tr(lang, key, who=who), classes=["cs-gone"])
        else:
            states = HISTORY_STAFF if kind == "employee" else CUSTOMER_VIEW
            series = {kpi_label(lang, k): history[k].to_numpy() for k in states}
            start = int(history["day"].iloc[0]) if len(history) else 0
            Chart(
                charts.lines(
                    series,
                    tr(lang, "drill.history", who=who),
                    live.days,
                    tr(lang, "axis.day"),
                    tr(lang, "axis.state"),
                    large,
                    start_day=start,
                ),
                classes=["cs-history"],
            )


def _plan_summary(lang: str, plan: Plan, base) -> str:
    parts = []
    for lever in ("training", "incentive", "leadership"):
        parts.append(f"{tr(lang, f'lever.{lever}')}: {_option_text(lang, lever, getattr(plan, lever))}")
    promise = plan.promise if plan.promise is not None else file_promise(base)
    parts.append(f"{tr(lang, 'lever.promise', day=CAMPAIGN_START)}: {promise:.2f}")
    return "\n".join(parts)


@solara.component
def Compare():
    """Plan A against plan B on the same company and seed, and the difference."""
    lang, large = page_state.language.value, page_state.large.value
    live = page_state.strategist.live.value
    _ = page_state.strategist.tick.value
    base = page_state.base.value
    kpis = page_state.compare_kpis.value
    if live is None or base is None or len(live.models) < 2:
        return
    x = tr(lang, "axis.day")
    with solara.ColumnsResponsive(default=12, large=[6, 6]):
        with solara.Card(tr(lang, "compare.plan_a"), classes=["cs-swatch-a"], margin=0):
            solara.HTML(
                tag="pre",
                unsafe_innerHTML=html.escape(_plan_summary(lang, page_state.plan_a.value, base)),
                classes=["cs-detail"],
            )
        with solara.Card(tr(lang, "compare.plan_b"), classes=["cs-swatch-b"], margin=0):
            PlanLevers(page_state.plan_b.value, lambda p: page_state.apply(plan_b_=p), lang, "cs-b")
    Choice(
        tr(lang, "compare.kpis"),
        _kpi_options(lang),
        kpis,
        page_state.compare_kpis.set,
        classes=["cs-compare-kpis"],
        multiple=True,
    )
    for kpi in kpis:
        name = kpi_label(lang, kpi)
        y_title = unit_label(lang, unit(kpi))
        a, b = live.mean_series(kpi, 0), live.mean_series(kpi, 1)
        with solara.ColumnsResponsive(default=12, large=[6, 6]):
            Chart(
                charts.lines(
                    {"A": a, "B": b},
                    tr(lang, "compare.ab", kpi=name),
                    live.days,
                    x,
                    y_title,
                    large,
                    domain=None,
                    legend_title=tr(lang, "legend.plan"),
                ),
                classes=["cs-compare-ab"],
            )
            Chart(
                charts.difference(
                    np.asarray(b) - a, tr(lang, "compare.diff", kpi=name), live.days, x, y_title, large
                ),
                classes=["cs-compare-diff"],
            )
    if live.day:
        q = max(1, live.day // 4)
        rows = []
        for kpi in kpis:
            a = float(np.mean(live.mean_series(kpi, 0)[-q:]))
            b = float(np.mean(live.mean_series(kpi, 1)[-q:]))
            fmt = "{:,.1f}" if abs(a) >= 10 else "{:.3f}"
            rows.append(
                f"<tr><td>{html.escape(kpi_label(lang, kpi))}</td><td>{fmt.format(a)}</td>"
                f"<td>{fmt.format(b)}</td><td>{('+' + fmt).format(b - a)}</td></tr>"
            )
        head = (
            f"<tr><th>{html.escape(tr(lang, 'compare.col_kpi'))}</th><th>A</th><th>B</th>"
            f"<th>{html.escape(tr(lang, 'compare.col_diff'))}</th></tr>"
        )
        solara.Text(tr(lang, "compare.table"), classes=["cs-hint"])
        solara.HTML(
            tag="table", unsafe_innerHTML=head + "".join(rows), classes=["cs-table", "cs-compare-table"]
        )


@solara.component
def ExportPanel():
    """Downloads of the current run's data and charts, built when clicked."""
    lang = page_state.language.value
    live = page_state.strategist.live.value
    _ = page_state.strategist.tick.value
    if live is None:
        return
    stem = export.file_stem(live)
    kpis, compare = list(page_state.dash_kpis.value), list(page_state.compare_kpis.value)
    with solara.Card(tr(lang, "export.title", day=live.day), margin=0):
        solara.Text(tr(lang, "export.hint"), classes=["cs-hint"])
        with solara.Row(gap="10px", style={"flex-wrap": "wrap"}):
            for cls, label, name, data in (
                ("cs-export-csv", "export.csv", f"{stem}.csv", lambda: export.csv_bytes(live)),
                (
                    "cs-export-parquet",
                    "export.parquet",
                    f"{stem}.parquet",
                    lambda: export.parquet_bytes(live),
                ),
                (
                    "cs-export-png",
                    "export.png",
                    f"{stem}_charts.png",
                    lambda: export.dashboard_png(live, lang, kpis),
                ),
                (
                    "cs-export-compare-png",
                    "export.compare_png",
                    f"{stem}_compare.png",
                    lambda: export.comparison_png(live, lang, compare),
                ),
            ):
                with solara.Div(classes=[cls]):
                    solara.FileDownload(data, filename=name, label=tr(lang, label))


@solara.component
def StrategistView():
    """Controls on the left, the chosen view on the right."""
    lang = page_state.language.value
    current = page_state.view.value
    with solara.ColumnsResponsive(default=12, large=[4, 8], xlarge=[3, 9]):
        ControlsPanel()
        with solara.Column():
            solara.Text(tr(lang, "intro"), classes=["cs-hint"])
            with v.Tabs(
                v_model=VIEWS.index(current),
                on_v_model=lambda i: page_state.view.set(VIEWS[int(i)]),
                class_="cs-tabs",
                show_arrows=True,
            ):
                for key in VIEWS:
                    v.Tab(children=[tr(lang, f"tab.{key}")], class_=f"cs-tab-{key}")
            {
                "dashboard": Dashboard,
                "branches": BranchTiles,
                "drill": DrillDown,
                "compare": Compare,
                "export": ExportPanel,
            }[current]()
