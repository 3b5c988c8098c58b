"""The page rendered on the server (solara.render, no browser): controls act, views draw, errors show."""

from __future__ import annotations

import re

import ipyvuetify as v
import pytest
import solara
import solara.widgets

from campaign_sim.app import Page
from campaign_sim.ui import charts, page_state, payback
from campaign_sim.ui.i18n import tr
from campaign_sim.ui.levers import NO_CAMPAIGN, Plan, Settings


@pytest.fixture
def rendered():
    """A fresh page with the default scenario loaded (module-level state is global outside a server)."""
    page_state.base.set(None)
    page_state.settings.set(Settings())
    page_state.plan_a.set(Plan())
    page_state.plan_b.set(NO_CAMPAIGN)
    page_state.seed_study.set(None)
    page_state.seed_ensemble.set(False)
    page_state.seeds.set(payback.SEEDS_DEFAULT)
    page_state.message.set(None)
    page_state.language.set("en")
    page_state.mode.set("strategist")
    page_state.view.set("dashboard")
    page_state.selected.set(None)
    page_state.initialise()
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    page_state.strategist.playing.set(False)
    page_state.workshop.playing.set(False)
    rc.close()


def _text(rc, css: str) -> str:
    return "".join(str(c) for c in rc.find(v.Html, class_=css).widget.children)


def _charts(rc) -> list:
    return rc.find(solara.widgets.VegaLite).widgets


def test_step_advances_the_day_and_redraws_the_charts(rendered):
    assert _text(rendered, "cs-day st-day") == "Day 0 of 365"
    before = _charts(rendered)[0].spec["data"]["values"]
    rendered.find(v.Btn, class_="st-step").widget.click()
    rendered.find(v.Btn, class_="st-step").widget.click()
    assert page_state.strategist.live.value.day == 2
    assert _text(rendered, "cs-day st-day") == "Day 2 of 365"
    assert len(_charts(rendered)[0].spec["data"]["values"]) == len(before) + 2


def test_language_switch_translates_controls_and_charts(rendered):
    page_state.language.set("de")
    assert rendered.find(v.Btn, class_="st-step").widget.children[-1] == "Schritt"
    assert any("Gewinn" in charts.title_text(w.spec) for w in _charts(rendered))
    page_state.language.set("en")
    assert rendered.find(v.Btn, class_="st-step").widget.children[-1] == "Step"


@pytest.mark.parametrize("view", ["branches", "drill", "compare", "export"])
def test_every_view_renders(rendered, view):
    rendered.find(v.Btn, class_="st-step").widget.click()
    page_state.view.set(view)
    if view == "export":
        assert (
            rendered.find(v.Btn, children=["KPIs per branch and day (CSV)"]).widgets
            or _charts(rendered) == []
        )
    else:
        assert _charts(rendered)


def test_selecting_a_person_draws_their_history(rendered):
    for _ in range(5):
        rendered.find(v.Btn, class_="st-step").widget.click()
    page_state.view.set("drill")
    employees = next(
        w for w in _charts(rendered) if w.spec["data"]["values"] and "slot" in w.spec["data"]["values"][0]
    )
    person = employees.spec["data"]["values"][0]
    employees.on_click(person)  # what a click on the circle sends
    assert page_state.selected.value == ("employee", person["slot"], person["uid"])
    history = [w for w in _charts(rendered) if charts.title_text(w.spec).startswith("History of")]
    assert history and len({row["series"] for row in history[0].spec["data"]["values"]}) == 8


def test_bad_inputs_leave_a_message_and_the_previous_run(rendered, tmp_path):
    live = page_state.strategist.live.value
    bad = tmp_path / "bad.toml"
    bad.write_text("[company]\nmarket_presure = 0.5\n", encoding="utf-8")
    assert not page_state.load_path(str(bad))
    assert page_state.message.value.level == "error" and "market_presure" in page_state.message.value.detail
    assert page_state.strategist.live.value is live
    assert not page_state.apply(settings_=Settings(branches=0))
    assert "run.branches" in page_state.message.value.detail
    assert page_state.settings.value.branches is None
    assert rendered.find(v.Alert).widgets  # shown on the page


def test_workshop_next_opens_the_next_step(rendered):
    page_state.mode.set("workshop")
    assert page_state.ws_step.value == 0
    rendered.find(v.Btn, class_="cs-ws-next").widget.click()
    page_state.workshop.playing.set(False)
    assert page_state.ws_step.value == 1
    titles = [
        w.unsafe_innerHTML
        for w in rendered.find(solara.widgets.HTML).widgets
        if "cs-ws-title" in str(w.attributes)
    ]
    assert titles == ["A harder market breeds fear and burden"]


def test_workshop_waits_for_start_and_resets_every_step_for_the_next_group(rendered):
    page_state.mode.set("workshop")
    page_state.ws_step.set(0)
    rendered.find(v.Btn, class_="cs-ws-nav cs-ws-nav-3").widget.click()
    assert page_state.ws_step.value == 3 and not page_state.workshop.playing.value
    page_state.workshop.live.value.step(50)
    page_state.workshop.tick.set(page_state.workshop.tick.value + 1)
    play = rendered.find(v.Btn, class_="ws-play").widget
    assert "Continue" in str(play.children)
    rendered.find(v.Btn, class_="cs-ws-reset-all").widget.click()
    assert page_state.ws_step.value == 0 and page_state.workshop.live.value.day == 0
    assert not page_state.workshop.playing.value
    assert page_state.message.value.key == "ws.reset_done"
    assert "Start the comparison" in str(rendered.find(v.Btn, class_="ws-play").widget.children)


def _html(rc, css: str) -> str:
    import html

    widgets = rc.find(solara.widgets.HTML).widgets
    return html.unescape(" ".join(w.unsafe_innerHTML for w in widgets if css in str(w.attributes)))


def test_picking_another_scenario_keeps_branches_and_plan_b_and_says_so(rendered):
    assert page_state.apply(settings_=Settings(branches=5, market_pressure=0.9))
    assert page_state.apply(plan_a_=Plan(training="behaviour"), plan_b_=Plan(training="attitude"))
    assert page_state.load_named("harsh_market")
    assert page_state.settings.value.branches == 5
    assert page_state.settings.value.market_pressure is None  # the new scenario's market
    assert page_state.plan_b.value == Plan(training="attitude")
    assert page_state.plan_a.value == Plan()
    live = page_state.strategist.live.value
    assert live.scenarios[0].run.branches == 5 and live.scenarios[0].company.market_pressure == 0.7
    msg = page_state.message.value
    assert msg.key == "scenario.loaded" and msg.also == "scenario.kept"
    assert tr("en", msg.also).startswith("Kept from before: plan B")
    assert rendered.find(v.Alert).widgets  # shown on the page


def test_market_pressure_and_team_sliders_show_their_values(rendered):
    labels = [w.label for w in rendered.find(v.Slider).widgets]
    assert "Market pressure: 0.30" in labels
    assert "Fear of the boss: 0.30" in labels and "Manager support: 0.50" in labels
    page_state.language.set("de")
    labels = [w.label for w in rendered.find(v.Slider).widgets]
    assert "Marktdruck: 0,30" in labels and "Angst vor dem Chef: 0,30" in labels
    page_state.language.set("en")


def test_compare_shows_contents_costs_payback_and_a_signed_table(rendered):
    page_state.apply(settings_=Settings(branches=4))
    page_state.strategist.live.value.step(200)
    page_state.view.set("compare")
    page_state.strategist.tick.set(page_state.strategist.tick.value + 1)
    plan_a = _html(rendered, "cs-detail")
    assert "Campaigns of this plan:" in plan_a and "Incentive scheme 'reward effecting'" in plan_a
    assert "no campaign" in plan_a
    assert "Campaign cost up to working day 199, all 4 branches" in plan_a
    # plan A's training fees are one-off, not running (plan B, without campaigns, spends nothing)
    assert re.search(r"working day 199, all 4 branches\none-off [1-9]", plan_a), plan_a
    assert "Attitude training (lens of effect) 'lens of effect workshops': one-off " in plan_a
    table = _html(rendered, "cs-compare-table")
    assert "B − A (this run)" in table and "+-" not in table and "better by" in table
    charts_ = {charts.title_text(w.spec): w.spec for w in _charts(rendered)}
    assert "Cumulative profit B − A, all 4 branches (EUR; above 0: B ahead)" in charts_
    texts = [str(c) for w in rendered.find(v.Html).widgets for c in w.children if isinstance(c, str)]
    assert any(t.startswith("After 200 working days") for t in texts)
    assert any(t.startswith("Break-even of plan A") for t in texts)


def test_compare_shows_the_ensemble_band_over_parameter_sets_and_seeds(rendered):
    """Issue calibration, item 4: the compare tab can show the ensemble band."""
    import time

    page_state.apply(settings_=Settings(branches=2, days=40))
    page_state.seeds.set(3)
    page_state.view.set("compare")
    box = rendered.find(v.Checkbox, class_="cs-seed-ensemble")
    assert box.widgets and "calibrated ensemble (150 members" in box.widget.label
    assert "worth 3.1 equally weighted ones" in box.widget.label
    page_state.seed_ensemble.set(True)
    rendered.find(v.Btn, class_="cs-seed-run").widget.click()
    deadline = time.monotonic() + 120
    while page_state.seed_study.value is None and time.monotonic() < deadline:
        time.sleep(0.2)
    _, study = page_state.seed_study.value
    assert len(study.members) == 3
    deadline = time.monotonic() + 10
    while not _html(rendered, "cs-seed-table") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "90 % of the runs between" in _html(rendered, "cs-seed-table")
    assert "Uncertainty over parameters and seeds" in _text(rendered, "cs-seed-title")
    titles = [charts.title_text(w.spec) for w in _charts(rendered)]
    assert any(t.startswith("B − A in Profit") and "over parameter sets and seeds" in t for t in titles)
    while page_state.seed_progress.value is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    page_state.seed_ensemble.set(False)  # seeds only now: the ensemble result is stale
    deadline = time.monotonic() + 10
    while not rendered.find(v.Alert, class_="cs-seed-stale").widgets and time.monotonic() < deadline:
        time.sleep(0.2)
    assert rendered.find(v.Alert, class_="cs-seed-stale").widgets


def test_compare_runs_several_seeds_and_shows_the_interval(rendered):
    import time

    page_state.apply(settings_=Settings(branches=2, days=40))
    page_state.seeds.set(2)
    page_state.view.set("compare")
    rendered.find(v.Btn, class_="cs-seed-run").widget.click()
    deadline = time.monotonic() + 120
    while page_state.seed_study.value is None and time.monotonic() < deadline:
        time.sleep(0.2)
    ran_for, study = page_state.seed_study.value
    assert study.seeds == (1, 2) and ran_for == tuple(page_state.strategist.live.value.scenarios)
    deadline = time.monotonic() + 10
    while not _html(rendered, "cs-seed-table") and time.monotonic() < deadline:
        time.sleep(0.2)
    table = _html(rendered, "cs-seed-table")
    assert "90 % interval of the mean" in table and " to " in table
    field = _html(rendered, "cs-field-table")  # app.py hands the field figures (experiments) to the UI
    assert "I1: organisational training" in field and "I2:" in field and "A − B: " in field
    while page_state.seed_progress.value is not None and time.monotonic() < deadline:
        time.sleep(0.2)  # the study's thread has finished
    page_state.apply(settings_=Settings(branches=3, days=40))  # the levers change: the result is stale
    deadline = time.monotonic() + 10
    while not rendered.find(v.Alert, class_="cs-seed-stale").widgets and time.monotonic() < deadline:
        time.sleep(0.2)
    assert rendered.find(v.Alert, class_="cs-seed-stale").widgets
