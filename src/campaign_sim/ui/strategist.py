"""The strategist's views: scenario and levers, live charts, all branches, one branch, two designs, export."""

from __future__ import annotations

import html
from dataclasses import replace

import numpy as np
import reacton.ipyvuetify as v
import solara

from ..kpis import KPIS
from . import charts, export, store
from .components import Chart, Choice, IntField, RunBar
from .i18n import has, kpi_label, tr, unit_label
from .session import (
    CAMPAIGN_START,
    CUSTOMER_VIEW,
    INCENTIVE_OPTIONS,
    LEADERSHIP_OPTIONS,
    STAFF_VIEW,
    TRAINING_OPTIONS,
    Design,
    file_promise,
)

VIEWS = ("dashboard", "branches", "drill", "compare", "export")
STAFF_LINES = export.STAFF_LINES
CUSTOMER_LINES = export.CUSTOMER_LINES
HISTORY_STAFF = (
    "fear",
    "fear_of_boss",
    "pride",
    "effect_awareness",
    "engagement",
    "ability",
    "willingness",
    "delivered_behaviour",
)


def _option_text(lang: str, lever: str, key: str) -> str:
    if key in ("file", "none"):
        return tr(lang, f"opt.{key}")
    return tr(lang, f"{lever}.{key}")


def _kpi_options(lang: str, names=tuple(KPIS)) -> list[tuple[str, str]]:
    return [(k, kpi_label(lang, k)) for k in names]


@solara.component
def DesignLevers(design: Design, on_design, lang: str, prefix: str):
    """The campaign levers of one design (used for design A and design B)."""
    base = store.base.value
    for lever, options in (
        ("training", TRAINING_OPTIONS),
        ("incentive", INCENTIVE_OPTIONS),
        ("leadership", LEADERSHIP_OPTIONS),
    ):
        Choice(
            tr(lang, f"lever.{lever}"),
            [(k, _option_text(lang, lever, k)) for k in options],
            getattr(design, lever),
            lambda value, lever=lever: on_design(replace(design, **{lever: value})),
            classes=[f"{prefix}-{lever}"],
        )
    promise = design.promise if design.promise is not None else (file_promise(base) if base else 0.0)
    solara.SliderFloat(
        f"{tr(lang, 'lever.promise', day=CAMPAIGN_START)}: {promise:.2f}",
        value=float(promise),
        on_value=lambda value: on_design(replace(design, promise=round(float(value), 2))),
        min=0.0,
        max=1.0,
        step=0.05,
    )


@solara.component
def ControlsPanel():
    """Scenario file, the levers of design A, the company's settings and the run controls."""
    lang = store.language.value
    base = store.base.value
    settings = store.settings.value
    design = store.design_a.value
    names = solara.use_memo(store.shipped_scenarios, [])
    path, set_path = solara.use_state("")
    if base is None:
        solara.ProgressLinear(True)
        return

    def on_file(info) -> None:
        store.load_upload(info["name"], info.get("data") or info["file_obj"].read())

    def set_settings(**changes) -> bool:
        return store.apply(settings_=replace(settings, **changes))

    with solara.Card(tr(lang, "controls.title"), classes=["cs-controls"], margin=0):
        source = store.source.value
        Choice(
            tr(lang, "scenario.label"),
            [(n, n) for n in names],
            source if source in names else None,
            store.load_named,
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
                on_click=lambda: store.load_path(path),
                outlined=True,
                color="primary",
                classes=["cs-load"],
            )
        solara.FileDrop(label=tr(lang, "scenario.drop"), on_file=on_file, lazy=False)
        DesignLevers(design, lambda d: store.apply(design_a_=d), lang, "cs-a")
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
        RunBar(store.strategist, store.reset_strategist, "st")


@solara.component
def Dashboard():
    """Live charts: chosen branch KPIs with their spread over branches, staff and customer states."""
    lang, large = store.language.value, store.large.value
    runner = store.strategist.runner.value
    _ = store.strategist.tick.value
    kpis = store.dash_kpis.value
    if runner is None:
        return
    x = tr(lang, "axis.day")
    Choice(
        tr(lang, "kpi.select"),
        _kpi_options(lang),
        kpis,
        store.dash_kpis.set,
        classes=["cs-kpis"],
        multiple=True,
    )
    wide = 12 if large else 6
    with solara.ColumnsResponsive(default=12, large=wide):
        for kpi in kpis:
            unit = KPIS[kpi][0]
            mean, lo, hi = runner.band_series(kpi)
            title = tr(lang, "chart.kpi_band", kpi=kpi_label(lang, kpi), unit=unit_label(lang, unit))
            Chart(
                charts.band(mean, lo, hi, title, unit_label(lang, unit), runner.days, x, large),
                classes=["cs-kpi"],
            )
        for key, names, cls in (
            ("chart.staff", STAFF_LINES, "cs-staff"),
            ("chart.customers", CUSTOMER_LINES, "cs-cust"),
        ):
            series = {kpi_label(lang, k): runner.mean_series(k) for k in names}
            Chart(
                charts.lines(series, tr(lang, key), runner.days, x, tr(lang, "axis.state"), large),
                classes=[cls],
            )


@solara.component
def BranchTiles():
    """All branches at once, each a tile coloured by one KPI; a click opens the branch."""
    lang, large = store.language.value, store.large.value
    runner = store.strategist.runner.value
    _ = store.strategist.tick.value
    kpi = store.tile_kpi.value
    if runner is None:
        return

    def open_branch(datum) -> None:
        if isinstance(datum, dict) and "branch" in datum:
            store.drill_branch.set(int(datum["branch"]))
            store.selected.set(None)
            store.view.set("drill")

    Choice(tr(lang, "tiles.colour"), _kpi_options(lang), kpi, store.tile_kpi.set, classes=["cs-tile-kpi"])
    solara.Text(tr(lang, "tiles.hint"), classes=["cs-hint"])
    values = runner.latest(kpi)
    title = tr(lang, "tiles.title", kpi=kpi_label(lang, kpi))
    unit = KPIS[kpi][0]
    Chart(
        charts.tiles(values, title, unit, large, store.drill_branch.value),
        on_click=open_branch,
        classes=["cs-tiles"],
    )


@solara.component
def DrillDown():
    """One branch: its employees and customers coloured by a state; a selected person's history."""
    lang, large = store.language.value, store.large.value
    runner = store.strategist.runner.value
    _ = store.strategist.tick.value
    if runner is None:
        return
    n = runner.model.branch_state.size
    branch = min(store.drill_branch.value, n - 1)
    staff_state, customer_state = store.staff_colour.value, store.customer_colour.value
    selected = store.selected.value
    employees, customers = runner.branch_agents(branch)

    def pick(datum) -> None:
        if isinstance(datum, dict) and datum.get("kind") in ("employee", "customer"):
            store.selected.set((datum["kind"], int(datum["slot"]), int(datum["uid"])))

    with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
        if n <= 1000:
            Choice(
                tr(lang, "drill.branch"),
                [(b, str(b)) for b in range(n)],
                branch,
                lambda b: (store.drill_branch.set(int(b)), store.selected.set(None)),
                classes=["cs-branch"],
            )
        else:
            solara.InputInt(tr(lang, "drill.branch"), value=branch, on_value=store.drill_branch.set)
        Choice(
            tr(lang, "drill.staff_colour"),
            _kpi_options(lang, STAFF_VIEW),
            staff_state,
            store.staff_colour.set,
            classes=["cs-staff-colour"],
        )
        Choice(
            tr(lang, "drill.customer_colour"),
            _kpi_options(lang, CUSTOMER_VIEW),
            customer_state,
            store.customer_colour.set,
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
            store.selected.set((kind, int(slot), int(uid)))

    Choice(tr(lang, "drill.pick"), options, current, choose, classes=["cs-person"])
    if selected:
        kind, slot, uid = selected
        who = tr(lang, f"who.{kind}", uid=uid)
        history = runner.agent_history(kind, slot, uid)
        if history is None:
            recorder = runner.staff_history if kind == "employee" else runner.customer_history
            key = "drill.no_history" if recorder is not None and not recorder.enabled else "drill.gone"
            solara.Info(tr(lang, key, who=who), classes=["cs-gone"])
        else:
            names = HISTORY_STAFF if kind == "employee" else CUSTOMER_VIEW
            series = {kpi_label(lang, k): history[k].to_numpy() for k in names}
            start = int(history["day"].iloc[0]) if len(history) else 0
            Chart(
                charts.lines(
                    series,
                    tr(lang, "drill.history", who=who),
                    runner.days,
                    tr(lang, "axis.day"),
                    tr(lang, "axis.state"),
                    large,
                    start_day=start,
                ),
                classes=["cs-history"],
            )


def _design_summary(lang: str, design: Design, base) -> str:
    parts = []
    for lever in ("training", "incentive", "leadership"):
        parts.append(f"{tr(lang, f'lever.{lever}')}: {_option_text(lang, lever, getattr(design, lever))}")
    promise = design.promise if design.promise is not None else file_promise(base)
    parts.append(f"{tr(lang, 'lever.promise', day=CAMPAIGN_START)}: {promise:.2f}")
    return "\n".join(parts)


@solara.component
def Compare():
    """Design A against design B on the same company and seed, and the difference."""
    lang, large = store.language.value, store.large.value
    runner = store.strategist.runner.value
    _ = store.strategist.tick.value
    base = store.base.value
    kpis = store.compare_kpis.value
    if runner is None or base is None or len(runner.models) < 2:
        return
    x = tr(lang, "axis.day")
    with solara.ColumnsResponsive(default=12, large=[6, 6]):
        with solara.Card(tr(lang, "compare.design_a"), classes=["cs-swatch-a"], margin=0):
            solara.HTML(
                tag="pre",
                unsafe_innerHTML=html.escape(_design_summary(lang, store.design_a.value, base)),
                classes=["cs-detail"],
            )
        with solara.Card(tr(lang, "compare.design_b"), classes=["cs-swatch-b"], margin=0):
            DesignLevers(store.design_b.value, lambda d: store.apply(design_b_=d), lang, "cs-b")
    Choice(
        tr(lang, "compare.kpis"),
        _kpi_options(lang),
        kpis,
        store.compare_kpis.set,
        classes=["cs-compare-kpis"],
        multiple=True,
    )
    for kpi in kpis:
        name = kpi_label(lang, kpi)
        unit = unit_label(lang, KPIS[kpi][0])
        a, b = runner.mean_series(kpi, 0), runner.mean_series(kpi, 1)
        with solara.ColumnsResponsive(default=12, large=[6, 6]):
            Chart(
                charts.lines(
                    {"A": a, "B": b},
                    tr(lang, "compare.ab", kpi=name),
                    runner.days,
                    x,
                    unit,
                    large,
                    domain=None,
                    legend_title=tr(lang, "legend.design"),
                ),
                classes=["cs-compare-ab"],
            )
            Chart(
                charts.difference(
                    np.asarray(b) - a, tr(lang, "compare.diff", kpi=name), runner.days, x, unit, large
                ),
                classes=["cs-compare-diff"],
            )
    if runner.day:
        q = max(1, runner.day // 4)
        rows = []
        for kpi in kpis:
            a = float(np.mean(runner.mean_series(kpi, 0)[-q:]))
            b = float(np.mean(runner.mean_series(kpi, 1)[-q:]))
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
    lang = store.language.value
    runner = store.strategist.runner.value
    _ = store.strategist.tick.value
    if runner is None:
        return
    stem = export.file_stem(runner)
    kpis, compare = list(store.dash_kpis.value), list(store.compare_kpis.value)
    with solara.Card(tr(lang, "export.title", day=runner.day), margin=0):
        solara.Text(tr(lang, "export.hint"), classes=["cs-hint"])
        with solara.Row(gap="10px", style={"flex-wrap": "wrap"}):
            for cls, label, name, data in (
                ("cs-export-csv", "export.csv", f"{stem}.csv", lambda: export.csv_bytes(runner)),
                (
                    "cs-export-parquet",
                    "export.parquet",
                    f"{stem}.parquet",
                    lambda: export.parquet_bytes(runner),
                ),
                (
                    "cs-export-png",
                    "export.png",
                    f"{stem}_charts.png",
                    lambda: export.dashboard_png(runner, lang, kpis),
                ),
                (
                    "cs-export-compare-png",
                    "export.compare_png",
                    f"{stem}_compare.png",
                    lambda: export.comparison_png(runner, lang, compare),
                ),
            ):
                with solara.Div(classes=[cls]):
                    solara.FileDownload(data, filename=name, label=tr(lang, label))


@solara.component
def StrategistView():
    """Controls on the left, the chosen view on the right."""
    lang = store.language.value
    current = store.view.value
    with solara.ColumnsResponsive(default=12, large=[4, 8], xlarge=[3, 9]):
        ControlsPanel()
        with solara.Column():
            solara.Text(tr(lang, "intro"), classes=["cs-hint"])
            with v.Tabs(
                v_model=VIEWS.index(current),
                on_v_model=lambda i: store.view.set(VIEWS[int(i)]),
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
