"""The trainer's workshop: the concept's sections as steps, each a two-branch comparison."""

from __future__ import annotations

import html

import solara

from ..outputs import unit
from . import charts, page_state
from .components import Chart, RunBar
from .i18n import kpi_label, tr, unit_label
from .presets import STEPS


def go(index: int, run: bool = True) -> None:
    """Open step ``index`` and (by default) start its comparison right away."""
    page_state.load_workshop_step(index)
    if run:
        page_state.workshop.playing.set(True)


@solara.component
def BranchCard(ab: str, plan: str, plan_index: int, staff_state: str, customer_state: str):
    """One of the two branches: its people coloured by the step's states."""
    lang, large = page_state.language.value, page_state.large.value
    live = page_state.workshop.live.value
    _ = page_state.workshop.tick.value
    if live is None:
        return
    employees, customers = live.branch_agents(0, plan_index)
    title = tr(lang, "ws.branch", ab=ab, plan=plan)
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
    lang, large = page_state.language.value, page_state.large.value
    index = page_state.ws_step.value
    step = STEPS[index]
    live = page_state.workshop.live.value
    _ = page_state.workshop.tick.value
    key = f"ws.{step.key}"
    plan_a, plan_b = tr(lang, f"{key}.a"), tr(lang, f"{key}.b")

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
        page_state.workshop,
        lambda: go(index, run=False),
        "ws",
        run_key="ws.run",
        leading=[back],
        trailing=[forward],
    )
    if live is None:
        return
    x = tr(lang, "axis.day")
    with solara.Div(classes=["cs-key"]):
        solara.Text(f"A: {plan_a}", classes=["cs-key-a"])
        solara.Text(f"B: {plan_b}", classes=["cs-key-b"])
    with solara.ColumnsResponsive(default=12, large=4):
        for kpi in step.kpis:
            series = {"A": live.mean_series(kpi, 0), "B": live.mean_series(kpi, 1)}
            Chart(
                charts.lines(
                    series,
                    kpi_label(lang, kpi),
                    live.days,
                    x,
                    unit_label(lang, unit(kpi)),
                    large,
                    domain=(0.0, 1.0) if unit(kpi) == "0..1" else None,
                ),
                classes=["cs-ws-chart"],
            )
    with solara.ColumnsResponsive(default=12, large=[6, 6]):
        BranchCard("A", plan_a, 0, step.staff_state, step.customer_state)
        BranchCard("B", plan_b, 1, step.staff_state, step.customer_state)
