"""The trainer's workshop: the concept's sections as steps, each a comparison of two plans.

Laid out for a projector: step buttons, the step's title and one-line point,
the run controls, the A/B key and the charts come first and fit one screen
(1280×800 and up, projector mode on); the explanation, the concept paper's
quote, the branches' people, the speed and the handouts fold away below.
Opening a step never starts its run: the trainer presses start.
"""

from __future__ import annotations

import html

import solara

from ..outputs import unit
from . import charts, handout, page_state
from .components import Chart, RunBar, SpeedSlider
from .i18n import kpi_label, tr, unit_label
from .presets import CAMPAIGN_DAY, STEPS, WINDOW, WORKSHOP_BRANCHES, WORKSHOP_SEED
from .room import PARTICIPANT
from .room_view import following

#: chart heights in px, normal and projector type (chosen so that the charts fit a 1280×800 screen)
CHART_HEIGHT = {False: 190, True: 170}


def go(index: int) -> None:
    """Open step ``index`` at day 0; its run waits for the trainer's start."""
    page_state.load_workshop_step(index)


def _html(text: str, css: str) -> None:
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=[css])


@solara.component
def BranchCard(ab: str, plan: str, plan_index: int, staff_state: str, customer_state: str):
    """One branch of a plan: its people coloured by the step's states."""
    lang, large = page_state.language.value, page_state.large.value
    live = page_state.workshop.live.value
    _ = page_state.workshop.tick.value
    if live is None:
        return
    employees, customers = live.branch_agents(0, plan_index)
    title = tr(lang, "ws.branch", ab=ab, plan=plan, n=WORKSHOP_BRANCHES)
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
def Measured(step_index: int):
    """After the run: each claim of the step with its value in this run and whether it held."""
    lang = page_state.language.value
    live = page_state.workshop.live.value
    _ = page_state.workshop.tick.value
    step = STEPS[step_index]
    if live is None:
        return
    with solara.Div(classes=["cs-ws-measured"]):
        if live.day <= WINDOW[1]:
            solara.Text(tr(lang, "ws.measure_wait", w1=WINDOW[1]), classes=["cs-hint"])
            return
        solara.Text(tr(lang, "ws.measured", w0=WINDOW[0], w1=WINDOW[1]), classes=["cs-ws-measured-title"])
        for claim, value in handout.measure(step, live):
            css = "cs-ws-claim-ok" if claim.holds(value) else "cs-ws-claim-fails"
            solara.Text(handout.claim_line(lang, claim, value), classes=["cs-ws-claim", css])


@solara.component
def Handouts():
    """The handout and the debrief as PDF downloads, built when clicked."""
    lang = page_state.language.value
    solara.Text(tr(lang, "ws.handout_hint", seed=WORKSHOP_SEED), classes=["cs-hint"])
    with solara.Row(gap="10px", style={"flex-wrap": "wrap"}):
        with solara.Div(classes=["cs-ws-handout"]):
            solara.FileDownload(
                lambda: handout.handout_pdf(lang),
                filename=f"workshop_handout_{lang}.pdf",
                label=tr(lang, "ws.handout"),
            )
        with solara.Div(classes=["cs-ws-debrief"]):
            solara.FileDownload(
                lambda: handout.debrief_pdf(lang),
                filename=f"workshop_debrief_{lang}.pdf",
                label=tr(lang, "ws.debrief"),
            )


@solara.component
def WorkshopView():
    """Step buttons, title and point, run controls, the A/B key and charts; the rest folded below."""
    lang, large = page_state.language.value, page_state.large.value
    index = page_state.ws_step.value
    step = STEPS[index]
    live = page_state.workshop.live.value
    _ = page_state.workshop.tick.value
    key = f"ws.{step.key}"
    plan_a, plan_b = tr(lang, f"{key}.a"), tr(lang, f"{key}.b")
    # in the room, while the trainer leads, the step is the trainer's to choose
    led = following()

    with solara.Row(
        gap="6px", style={"flex-wrap": "wrap", "align-items": "center"}, classes=["cs-ws-navbar"]
    ):
        for j, other in enumerate(STEPS):
            solara.Button(
                f"{j + 1} {tr(lang, f'ws.{other.key}.short')}",
                on_click=lambda j=j: go(j),
                color="primary",
                outlined=j != index,
                disabled=led and j != index,
                small=True,
                classes=["cs-ws-nav", f"cs-ws-nav-{j}"],
            )
        if page_state.role.value != PARTICIPANT:
            solara.Button(
                tr(lang, "ws.reset_all"),
                on_click=page_state.reset_workshop,
                text=True,
                color="primary",
                icon_name="mdi-restore",
                small=True,
                classes=["cs-ws-reset-all"],
            )
    with solara.Div(classes=["cs-ws-head"]):
        solara.Text(
            f"{tr(lang, 'ws.step', i=index + 1, n=len(STEPS))} · {tr(lang, f'{key}.section')}",
            classes=["cs-section", "cs-ws-section"],
        )
        _html(tr(lang, f"{key}.title"), "cs-ws-title")
        _html(tr(lang, f"{key}.point"), "cs-ws-point")
    back = solara.Button(
        tr(lang, "ws.prev"),
        on_click=lambda: go(index - 1),
        disabled=index == 0 or led,
        outlined=True,
        color="primary",
        icon_name="mdi-chevron-left",
        classes=["cs-ws-prev"],
    )
    forward = solara.Button(
        tr(lang, "ws.next"),
        on_click=lambda: go(index + 1),
        disabled=index == len(STEPS) - 1 or led,
        color="primary",
        icon_name="mdi-chevron-right",
        classes=["cs-ws-next"],
    )
    RunBar(
        page_state.workshop,
        lambda: go(index),
        "ws",
        run_key="ws.run",
        resume_key="ws.resume",
        leading=[back],
        trailing=[forward],
        compact=True,
        single_step=False,
    )
    if live is None:
        return
    x = tr(lang, "axis.day")
    with solara.Div(classes=["cs-key"]):
        solara.Text(tr(lang, "ws.key_a", plan=plan_a), classes=["cs-key-a"])
        solara.Text(tr(lang, "ws.key_b", plan=plan_b), classes=["cs-key-b"])
    # phones (below 600 px): one chart per row, full width; side by side from 600 px on
    with solara.ColumnsResponsive(default=12, small=12 // len(step.kpis)):
        for kpi in step.kpis:
            smooth = handout.smoothing(kpi)
            series = {ab: live.band_series(kpi, i, smooth=smooth) for i, ab in enumerate("AB")}
            Chart(
                charts.plans(
                    series,
                    handout.chart_title(lang, kpi),
                    live.days,
                    x,
                    unit_label(lang, unit(kpi)),
                    large,
                    rule_day=CAMPAIGN_DAY,
                    rule_label=tr(lang, "ws.rule"),
                    height=CHART_HEIGHT[large] - (20 if len(step.kpis) > 3 else 0),
                    columns=len(step.kpis),
                ),
                classes=["cs-ws-chart", f"cs-ws-chart-{kpi}"],
            )
    Measured(index)
    with solara.Div(classes=["cs-ws-more"]):
        details = [
            solara.HTML(
                tag="div", unsafe_innerHTML=html.escape(tr(lang, f"{key}.text")), classes=["cs-ws-text"]
            ),
            solara.HTML(
                tag="div",
                unsafe_innerHTML=html.escape(tr(lang, "ws.quote_mark", quote=tr(lang, f"{key}.quote"))),
                classes=["cs-ws-quote"],
            ),
            solara.Text(tr(lang, f"{key}.same"), classes=["cs-hint", "cs-ws-same"]),
            solara.Text(
                tr(lang, "ws.band_hint", n=WORKSHOP_BRANCHES, day=CAMPAIGN_DAY),
                classes=["cs-hint", "cs-ws-band"],
            ),
            SpeedSlider(page_state.workshop),
            Handouts(),
        ]
        solara.Details(summary=tr(lang, "ws.explain"), children=details, expand=False)
    with solara.ColumnsResponsive(default=12, large=[6, 6]):
        BranchCard("A", plan_a, 0, step.staff_state, step.customer_state)
        BranchCard("B", plan_b, 1, step.staff_state, step.customer_state)
