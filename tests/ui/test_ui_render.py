"""The page rendered on the server (solara.render, no browser): controls act, views draw, errors show."""

from __future__ import annotations

import ipyvuetify as v
import pytest
import solara
import solara.widgets

from campaign_sim.app import Page
from campaign_sim.ui import page_state
from campaign_sim.ui.levers import Settings


@pytest.fixture
def rendered():
    """A fresh page with the default scenario loaded (module-level state is global outside a server)."""
    page_state.base.set(None)
    page_state.settings.set(Settings())
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
    assert any("Ertrag" in w.spec["title"] for w in _charts(rendered))
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
    history = [w for w in _charts(rendered) if w.spec["title"].startswith("History of")]
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
