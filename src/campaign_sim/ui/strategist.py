"""The strategist's views: scenario and levers, live charts, all branches, one branch, two plans, export."""

from __future__ import annotations

import html
from dataclasses import replace

import numpy as np
import reacton.ipyvuetify as v
import solara

from ..outputs import GROUPS, names, unit
from . import charts, describe, export, page_state, payback
from .components import Chart, Choice, IntField, RunBar
from .describe import cost_text, payback_lines
from .i18n import FIELD_WHAT, has, kpi_label, scenario_name, tr, unit_label
from .levers import (
    CAMPAIGN_START,
    INCENTIVE_OPTIONS,
    LEADERSHIP_OPTIONS,
    TEAM_STATES,
    TRAINING_OPTIONS,
    Plan,
    file_promise,
)
from .live_run import CUSTOMER_VIEW, STAFF_VIEW
from .payback import number
from .safe_upload import UPLOAD_LIMIT_BYTES

VIEWS = ("dashboard", "branches", "drill", "compare", "export")
STAFF_LINES = export.STAFF_LINES
CUSTOMER_LINES = export.CUSTOMER_LINES
#: a selected employee's history: the states kept from day to day, as in the staff chart
HISTORY_STAFF = STAFF_LINES


def _option_text(lang: str, lever: str, key: str, base=None) -> str:
    """A lever option in words; "as in the scenario" names the scenario's campaigns it keeps."""
    if key == "file":
        return describe.file_option(lang, base, lever) if base is not None else tr(lang, "opt.file_none")
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
            tr(lang, f"lever.{lever}", day=CAMPAIGN_START),
            [(k, _option_text(lang, lever, k, base)) for k in options],
            getattr(plan, lever),
            lambda value, lever=lever: on_plan(replace(plan, **{lever: value})),
            classes=[f"{prefix}-{lever}"],
        )
    promise = plan.promise if plan.promise is not None else (file_promise(base) if base else 0.0)
    solara.SliderFloat(
        f"{tr(lang, 'lever.promise', day=CAMPAIGN_START)}: {number(lang, promise, 2)}",
        value=float(promise),
        on_value=lambda value: (
            changed(promise, value) and on_plan(replace(plan, promise=round(float(value), 2)))
        ),
        min=0.0,
        max=1.0,
        step=0.01,
        thumb_label=False,
    )


def changed(now: float, new: float) -> bool:
    """Whether a slider really moved (a slider that snaps or re-sends its value must not restart the run)."""
    return round(float(new), 2) != round(float(now), 2)


def team_label(lang: str, state: str) -> str:
    """The name of a starting team state (manager style states have their own texts)."""
    return tr(lang, f"team.{state}") if has(f"team.{state}") else kpi_label(lang, state)


@solara.component
def TeamLevers(lang: str, base, settings):
    """Sliders for the mean of each starting team state of the branches (``branches.<state>.mean``)."""
    sliders = []
    for state in TEAM_STATES:
        value = float(settings.team_mean(base, state))
        slider = solara.SliderFloat(
            tr(lang, "team.value", label=team_label(lang, state), value=number(lang, value, 2)),
            value=value,
            on_value=lambda v, state=state, now=value: (
                changed(now, v)
                and page_state.apply(settings_=page_state.settings.peek().with_team(state, float(v)))
            ),
            min=0.0,
            max=1.0,
            step=0.01,
            thumb_label=False,
        )
        sliders.append(solara.Div(children=[slider], classes=[f"cs-team-{state}"]))
    hint = solara.Text(tr(lang, "team.hint"), classes=["cs-hint"])
    with solara.Div(classes=["cs-team"]):
        solara.Details(summary=tr(lang, "team.title"), children=[hint, *sliders], expand=False)


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

    safe = page_state.safe()

    def on_file(info) -> None:
        if safe:  # read lazily: a file over the cap is refused before its bytes cross the network
            if int(info.get("size") or 0) > UPLOAD_LIMIT_BYTES:
                page_state.upload_too_large()
                return
            page_state.load_upload(info["name"], info["file_obj"].read(UPLOAD_LIMIT_BYTES + 1))
            return
        page_state.load_upload(info["name"], info.get("data") or info["file_obj"].read())

    def set_settings(**changes) -> bool:
        return page_state.apply(settings_=replace(settings, **changes))

    with solara.Card(tr(lang, "controls.title"), classes=["cs-controls"], margin=0):
        source = page_state.source.value
        Choice(
            tr(lang, "scenario.label"),
            [(n, scenario_name(lang, n)) for n in scenarios],
            source if source in scenarios else None,
            page_state.load_named,
            classes=["cs-scenario"],
        )
        key = f"scen.{base.name}"
        about = tr(lang, key) if has(key) else base.description
        if about:
            solara.Text(about, classes=["cs-hint", "cs-about"])
        if not safe:  # others can connect: no box that opens files on this computer
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
        with solara.Div(classes=["cs-drop"]):
            solara.FileDrop(label=tr(lang, "scenario.drop"), on_file=on_file, lazy=safe)
        PlanLevers(plan, lambda p: page_state.apply(plan_a_=p), lang, "cs-a")
        pressure = float(
            settings.market_pressure if settings.market_pressure is not None else base.company.market_pressure
        )
        with solara.Div(classes=["cs-market"]):
            solara.SliderFloat(
                tr(lang, "lever.market_pressure", value=number(lang, pressure, 2)),
                value=pressure,
                on_value=lambda value: (
                    changed(pressure, value) and set_settings(market_pressure=round(float(value), 2))
                ),
                min=0.0,
                max=1.0,
                step=0.01,
                thumb_label=False,
            )
        TeamLevers(lang, base, settings)
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
    solara.Text(tr(lang, "dash.band_hint"), classes=["cs-hint", "cs-band-hint"])
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


def _plan_lines(lang: str, plan: Plan, scenario, base) -> str:
    """A plan's card: each lever's choice, then every campaign it runs with branches, days, content."""
    parts = []
    for lever in ("training", "incentive", "leadership"):
        label = tr(lang, f"lever.{lever}", day=CAMPAIGN_START)
        parts.append(f"{label}: {_option_text(lang, lever, getattr(plan, lever), base)}")
    promise = plan.promise if plan.promise is not None else file_promise(base)
    parts.append(f"{tr(lang, 'lever.promise', day=CAMPAIGN_START)}: {number(lang, promise, 2)}")
    parts.append("")
    parts.append(tr(lang, "compare.contains") + ":")
    parts += [f"• {line}" for line in describe.plan_lines(lang, scenario)]
    return "\n".join(parts)


def kpi_with_unit(lang: str, kpi: str) -> str:
    """A KPI's name with its unit, for tables whose numbers would otherwise say nothing about it."""
    return f"{kpi_label(lang, kpi)} ({unit_label(lang, unit(kpi))})"


def compare_rows(lang: str, live, kpis) -> list[tuple[str, str, str, str, str]]:
    """The compare table: KPI, A, B, B - A signed, who is ahead (last quarter of the days run)."""
    q = max(1, live.day // 4)
    rows = []
    for kpi in kpis:
        a = float(np.mean(live.mean_series(kpi, 0)[-q:]))
        b = float(np.mean(live.mean_series(kpi, 1)[-q:]))
        d = payback.decimals_for(a, b)
        rows.append(
            (
                kpi_with_unit(lang, kpi),
                number(lang, a, d),
                number(lang, b, d),
                number(lang, b - a, d, signed=True),
                payback.lead(lang, kpi, b - a, d),
            )
        )
    return rows


def seed_rows(lang: str, study: payback.SeedStudy, kpis) -> list[tuple[str, str, str, str, str]]:
    """The seeds table: KPI, mean of B - A over the runs, its 90 % interval, the range that holds
    90 % of the runs (where one run may land), who is ahead on the mean."""
    rows = []
    few = len(study.seeds) < 2

    def row(
        label: str, values: np.ndarray, kpi: str, decimals: int | None = None, suffix: str = ""
    ) -> tuple[str, ...]:
        mean, lo, hi = payback.mean_interval(values)
        tail = (1.0 - payback.BAND) / 2
        low, high = (float(x) for x in np.quantile(values, [tail, 1.0 - tail]))
        d = payback.decimals_for(mean, lo, hi, low, high) if decimals is None else decimals
        ci = tr(lang, "seeds.one") if few else payback.interval(lang, lo, hi, d)
        runs = tr(lang, "seeds.one") if few else payback.interval(lang, low, high, d)
        return (label, number(lang, mean, d, signed=True), ci, runs, payback.lead(lang, kpi, mean, d, suffix))

    for kpi in kpis:
        rows.append(row(kpi_with_unit(lang, kpi), study.diff[kpi], kpi))
    rows.append(row(tr(lang, "seeds.money") + " (EUR)", study.total, "profit", 0, " EUR"))
    return rows


def seed_break_even(lang: str, study: payback.SeedStudy) -> str:
    """How many seeds break even within the run, and the median day."""
    investor = next((i for i in study.investor if i), "")
    if not investor:
        return tr(lang, "pay.same")
    days = [
        d for d, i in zip(study.break_even, study.investor, strict=True) if d is not None and i == investor
    ]
    median = tr(lang, "seeds.median", day=int(np.median(days))) if days else ""
    return tr(lang, "seeds.break_even", plan=investor, k=len(days), n=len(study.seeds), median=median)


def field_table_rows(lang: str, rows: list[payback.FieldRow]) -> list[tuple[str, str, str, str, str]]:
    """The field comparison: figure, the model's standardised effect with its interval, the field's,
    model over field, source."""
    out = []
    for row in rows:
        fig = row.figure
        what = FIELD_WHAT.get(lang, {}).get(fig.key, fig.what)  # English in experiments/field.py
        ci = (
            tr(lang, "seeds.one")
            if not np.isfinite(row.low)
            else payback.interval(lang, row.low, row.high, 2)
        )
        model = f"{row.plan}: {number(lang, row.d, 2, signed=True)} ({ci})"
        field = number(lang, fig.d, 2)
        if fig.low != fig.high:
            field += f" ({payback.interval(lang, fig.low, fig.high, 2, signed=False)})"
        ratio = tr(lang, "field.ratio", x=number(lang, row.ratio, 1))
        out.append((f"{fig.key}: {what} ({kpi_label(lang, fig.state)})", model, field, ratio, fig.source))
    return out


def _table(head: list[str], rows, css: str):
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    solara.HTML(tag="table", unsafe_innerHTML=f"<tr>{cells}</tr>{body}", classes=["cs-table", css])


@solara.component
def SeedPanel(lang: str, live, figures=(), ensemble=()):
    """Run the two plans over several seeds and show B - A with its interval (uncertainty over seeds);
    with the calibrated ``ensemble`` (members as ``payback.Member``) switched on, over parameter sets
    drawn by weight and seeds, with the band of B - A over the runs."""
    n = page_state.seeds.value
    progress = page_state.seed_progress.value
    study = page_state.seed_study.value
    kpis = page_state.compare_kpis.value
    over_members = bool(ensemble) and page_state.seed_ensemble.value
    running, set_running = solara.use_state(False)
    scenarios = tuple(live.scenarios)

    def work(cancel) -> None:
        if not running:
            return
        page_state.seed_progress.set(0)
        try:
            result = payback.run_seeds(
                scenarios[0],
                scenarios[1],
                n,
                progress=page_state.seed_progress.set,
                cancelled=cancel.is_set,
                members=ensemble if over_members else None,
            )
            if result is not None:
                page_state.seed_study.set((scenarios, result))
        finally:
            page_state.seed_progress.set(None)
            set_running(False)

    solara.use_thread(work, dependencies=[running, scenarios, n, over_members], intrusive_cancel=False)
    with solara.Card(margin=0, classes=["cs-seeds"]):
        with solara.Div(classes=["cs-speed", "cs-seed-count"]):
            solara.SliderInt(
                f"{tr(lang, 'seeds.label')}: {n}",
                value=n,
                on_value=page_state.seeds.set,
                min=payback.SEEDS_MIN,
                max=payback.SEEDS_MAX,
                disabled=running,
            )
        with solara.Row(gap="12px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Button(
                tr(lang, "seeds.run", n=n),
                on_click=lambda: set_running(True),
                disabled=running,
                color="primary",
                outlined=True,
                classes=["cs-seed-run"],
            )
            if running and progress is not None:
                solara.Text(
                    tr(lang, "seeds.running", i=min(progress + 1, n), n=n), classes=["cs-seed-progress"]
                )
        if ensemble:
            v.Checkbox(
                label=tr(lang, "seeds.ensemble", m=len(ensemble), e=number(lang, payback.worth(ensemble), 1)),
                v_model=page_state.seed_ensemble.value,
                on_v_model=page_state.seed_ensemble.set,
                disabled=running,
                hide_details=True,
                class_="cs-seed-ensemble",
            )
        solara.Text(tr(lang, "seeds.hint_ensemble" if over_members else "seeds.hint"), classes=["cs-hint"])
        if study is None:
            solara.Text(tr(lang, "seeds.none"), classes=["cs-hint"])
            return
        ran_for, result = study
        if ran_for != scenarios:
            solara.Warning(tr(lang, "seeds.stale"), classes=["cs-seed-stale"], dense=True)
            return
        if bool(result.members) != over_members:
            mode = tr(lang, "seeds.with" if result.members else "seeds.without")
            solara.Warning(tr(lang, "seeds.stale_mode", mode=mode), classes=["cs-seed-stale"], dense=True)
            return
        q0 = result.days - result.quarter
        solara.Text(
            tr(
                lang,
                "seeds.title_ensemble" if result.members else "seeds.title",
                n=len(result.seeds),
                first=result.seeds[0],
                last=result.seeds[-1],
                days=result.days,
                q0=q0,
                q1=result.days - 1,
                m=len(set(result.members)),
            ),
            classes=["cs-seed-title"],
        )
        head = [
            tr(lang, "compare.col_kpi"),
            tr(lang, "seeds.col_mean"),
            tr(lang, "seeds.col_ci"),
            tr(lang, "seeds.col_runs"),
            tr(lang, "seeds.col_lead"),
        ]
        _table(head, seed_rows(lang, result, kpis), "cs-seed-table")
        solara.Text(seed_break_even(lang, result), classes=["cs-seed-break-even"])
        if len(result.seeds) > 1:
            SeedBands(lang, result, kpis)
        if figures:
            FieldPanel(lang, result, scenarios, figures)


@solara.component
def SeedBands(lang: str, result: payback.SeedStudy, kpis):
    """B - A per day over the runs: the median and the band that holds 90 % of them."""
    large = page_state.large.value
    which = "seeds.band_ensemble" if result.members else "seeds.band"
    with solara.ColumnsResponsive(default=12, large=[6, 6]):
        for kpi in kpis:
            median, lo, hi = result.band(kpi)
            Chart(
                charts.band(
                    median,
                    lo,
                    hi,
                    tr(lang, which, kpi=kpi_label(lang, kpi), n=len(result.seeds)),
                    unit_label(lang, unit(kpi)),
                    result.days,
                    tr(lang, "axis.day"),
                    large,
                    colour=charts.PLAN_B,
                ),
                classes=["cs-seed-band"],
            )


@solara.component
def FieldPanel(lang: str, result, scenarios, figures):
    """B − A as standardised effects next to the field studies' (docs/EVIDENCE.md I1-I5)."""
    rows = payback.field_rows(result, scenarios, figures)
    solara.Text(tr(lang, "field.title"), classes=["cs-field-title"])
    if rows:
        head = [tr(lang, f"field.col_{c}") for c in ("figure", "model", "field", "ratio", "source")]
        _table(head, field_table_rows(lang, rows), "cs-field-table")
    else:
        solara.Text(tr(lang, "field.none"), classes=["cs-hint", "cs-field-none"])
    day = payback.first_campaign_day(*scenarios)
    solara.Text(tr(lang, "field.hint", day=day), classes=["cs-hint"])


@solara.component
def Compare(figures=(), ensemble=()):
    """Plan A against plan B on the same company and seed: contents, costs, money, difference, seeds."""
    lang, large = page_state.language.value, page_state.large.value
    live = page_state.strategist.live.value
    _ = page_state.strategist.tick.value
    base = page_state.base.value
    kpis = page_state.compare_kpis.value
    if live is None or base is None or len(live.models) < 2:
        return
    x = tr(lang, "axis.day")
    with solara.ColumnsResponsive(default=12, large=[6, 6]):
        with solara.Card(tr(lang, "compare.plan_a"), classes=["cs-swatch-a", "cs-plan-a"], margin=0):
            text = _plan_lines(lang, page_state.plan_a.value, live.scenarios[0], base)
            solara.HTML(tag="pre", unsafe_innerHTML=html.escape(text), classes=["cs-detail"])
            solara.HTML(
                tag="pre",
                unsafe_innerHTML=html.escape(cost_text(lang, live.models[0])),
                classes=["cs-detail", "cs-cost-a"],
            )
        with solara.Card(tr(lang, "compare.plan_b"), classes=["cs-swatch-b", "cs-plan-b"], margin=0):
            PlanLevers(page_state.plan_b.value, lambda p: page_state.apply(plan_b_=p), lang, "cs-b")
            lines = "\n".join(
                [tr(lang, "compare.contains") + ":"]
                + [f"• {line}" for line in describe.plan_lines(lang, live.scenarios[1])]
            )
            solara.HTML(tag="pre", unsafe_innerHTML=html.escape(lines), classes=["cs-detail"])
            solara.HTML(
                tag="pre",
                unsafe_innerHTML=html.escape(cost_text(lang, live.models[1])),
                classes=["cs-detail", "cs-cost-b"],
            )
    start = payback.first_campaign_day(*live.scenarios)
    with live.lock:
        result = payback.live_payback(live.models, start)
    with (
        solara.Card(tr(lang, "pay.title", start=start), margin=0, classes=["cs-payback"]),
        solara.ColumnsResponsive(default=12, large=[7, 5]),
    ):
        Chart(
            charts.cumulative(
                result.cumulative,
                tr(lang, "pay.chart", n=live.model.branch_state.size),
                live.days,
                x,
                tr(lang, "pay.axis"),
                large,
                result.break_even,
                tr(lang, "pay.rule"),
            ),
            classes=["cs-cumulative"],
        )
        with solara.Column():
            if live.day:
                for line in payback_lines(lang, result, live.model.branch_state.size):
                    solara.Text(line, classes=["cs-payback-text"])
            solara.Text(tr(lang, "pay.hint"), classes=["cs-hint"])
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
        head = [
            tr(lang, "compare.col_kpi"),
            "A",
            "B",
            tr(lang, "compare.col_diff"),
            tr(lang, "compare.col_lead"),
        ]
        q = max(1, live.day // 4)
        solara.Text(tr(lang, "compare.table", q0=live.day - q, q1=live.day - 1), classes=["cs-hint"])
        _table(head, compare_rows(lang, live, kpis), "cs-compare-table")
    SeedPanel(lang, live, figures, ensemble)


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
def StrategistView(field_figures=(), ensemble=()):
    """Controls on the left, the chosen view on the right.

    ``field_figures``: the field studies' effect sizes (``experiments.field.FIELD``) the compare tab
    sets the seeds' B − A against, and ``ensemble``: the calibrated ensemble's members
    (``payback.Member``) it may draw parameter sets from; ``app.py`` passes both in, since ``ui``
    may not import ``experiments`` (independent layers, pyproject.toml)."""
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
                "compare": lambda: Compare(field_figures, ensemble),
                "export": ExportPanel,
            }[current]()
