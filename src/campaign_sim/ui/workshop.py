"""The trainer's workshop: the concept's sections as steps, each a two-branch comparison."""

from __future__ import annotations

import html

import solara

from ..kpis import KPIS
from . import charts, store
from .components import Chart, RunBar
from .i18n import kpi_label, tr, unit_label
from .presets import STEPS


def go(index: int, run: bool = True) -> None:
    """Open step ``index`` and (by default) start its comparison right away."""
    store.load_workshop_step(index)
    if run:
        store.workshop.playing.set(True)


@solara.component
def BranchCard(ab: str, design: str, design_index: int, staff_state: str, customer_state: str):
    """One of the two branches: its people coloured by the step's states."""
    lang, large = store.language.value, store.large.value
    runner = store.workshop.runner.value
    _ = store.workshop.tick.value
    if runner is None:
        return
    employees, customers = runner.branch_agents(0, design_index)
    title = tr(lang, "ws.branch", ab=ab, design=design)
    with solara.Card(classes=[f"cs-swatch-{ab.lower()}", f"cs-ws-branch-{ab.lower()}"], margin=0):
        solara.Text(title, classes=["cs-branch-title"])
        Chart(
            charts.agents(employees, staff_state, kpi_label(lang, staff_state), "employee", large),
            classes=[f"cs-ws-employees-{ab.lower()}"],
        )
        Chart(
            charts.agents(customers, customer_state, kpi_label(lang, customer_state), "customer", large),
            classes=[f"cs-ws-customers-{ab.lower()}"],
        )


@solara.component
def WorkshopView():
    """Step navigation, the explanation, the run controls, both branches and the charts of the point."""
    lang, large = store.language.value, store.large.value
    index = store.ws_step.value
    step = STEPS[index]
    runner = store.workshop.runner.value
    _ = store.workshop.tick.value
    key = f"ws.{step.key}"
    design_a, design_b = tr(lang, f"{key}.a"), tr(lang, f"{key}.b")

    solara.Text(tr(lang, "ws.title"), classes=["cs-section"])
    with solara.Row(gap="8px", style={"flex-wrap": "wrap"}):
        for j, other in enumerate(STEPS):
            solara.Button(
                f"{j + 1}. {tr(lang, f'ws.{other.key}.section')}",
                on_click=lambda j=j: go(j),
                color="primary",
                outlined=j != index,
                classes=["cs-ws-nav", f"cs-ws-nav-{j}"],
            )
    with solara.Card(margin=0, classes=["cs-ws-card"]):
        solara.Text(
            f"{tr(lang, 'ws.step', i=index + 1, n=len(STEPS))} · {tr(lang, f'{key}.section')}",
            classes=["cs-section", "cs-ws-section"],
        )
        solara.HTML(
            tag="div", unsafe_innerHTML=html.escape(tr(lang, f"{key}.title")), classes=["cs-ws-title"]
        )
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(tr(lang, f"{key}.text")), classes=["cs-ws-text"])
        solara.HTML(
            tag="div",
            unsafe_innerHTML=html.escape(tr(lang, "ws.watch", what=tr(lang, f"{key}.watch"))),
            classes=["cs-ws-watch"],
        )
        solara.Text(tr(lang, "ws.same"), classes=["cs-hint"])
    back = solara.Button(
        tr(lang, "ws.prev"),
        on_click=lambda: go(index - 1),
        disabled=index == 0,
        outlined=True,
        color="primary",
        icon_name="mdi-chevron-left",
        classes=["cs-ws-prev"],
    )
    forward = solara.Button(
        tr(lang, "ws.next"),
        on_click=lambda: go(index + 1),
        disabled=index == len(STEPS) - 1,
        color="primary",
        icon_name="mdi-chevron-right",
        classes=["cs-ws-next"],
    )
    RunBar(
        store.workshop,
        lambda: go(index, run=False),
        "ws",
        run_key="ws.run",
        leading=[back],
        trailing=[forward],
    )
    if runner is None:
        return
    x = tr(lang, "axis.day")
    with solara.Div(classes=["cs-key"]):
        solara.Text(f"A: {design_a}", classes=["cs-key-a"])
        solara.Text(f"B: {design_b}", classes=["cs-key-b"])
    with solara.ColumnsResponsive(default=12, large=4):
        for kpi in step.kpis:
            series = {"A": runner.mean_series(kpi, 0), "B": runner.mean_series(kpi, 1)}
            Chart(
                charts.lines(
                    series,
                    kpi_label(lang, kpi),
                    runner.days,
                    x,
                    unit_label(lang, KPIS[kpi][0]),
                    large,
                    domain=(0.0, 1.0) if KPIS[kpi][0] == "0..1" else None,
                ),
                classes=["cs-ws-chart"],
            )
    with solara.ColumnsResponsive(default=12, large=[6, 6]):
        BranchCard("A", design_a, 0, step.staff_state, step.customer_state)
        BranchCard("B", design_b, 1, step.staff_state, step.customer_state)
