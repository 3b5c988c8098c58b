"""A participant's phone (390×844, touch) in the room, in German and in English.

The workshop view must need no sideways scrolling, its buttons must lie on the
screen and be large enough to tap, and its charts must span the screen's width
with text large enough to read, before and after a run.
"""

from __future__ import annotations

import pytest
import uihelp

PHONE = {"width": 390, "height": 844}
#: smallest tap target (px): Material's 36 px buttons, a little slack for rounding
TAP = 32
#: smallest chart text (px) we call readable on a phone held at reading distance
FONT = 10

BUTTONS = (".ws-play", ".ws-reset", ".cs-ws-prev", ".cs-ws-next", ".cs-lang-en", ".cs-lang-de")

OVERFLOW = """() => [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > innerWidth + 1)
    .map(e => e.tagName + "." + (e.className.baseVal ?? e.className))"""
SIDEWAYS_SCROLLERS = """() => [...document.querySelectorAll("*")]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .filter(e => !["visible", "hidden", "clip"].includes(getComputedStyle(e).overflowX))
    .map(e => e.tagName + "." + (e.className.baseVal ?? e.className))"""
SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll(".cs-ws-chart svg.marks text")]
    .filter(t => t.textContent.trim()).map(t => t.getBoundingClientRect().height))"""


@pytest.fixture(scope="module")
def room():
    server = uihelp.RoomServer()
    yield server
    output = server.stop()
    assert "Traceback" not in output, output[-4000:]


def _fits(page, what: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], what
    assert page.evaluate(OVERFLOW) == [], what
    assert page.evaluate(SIDEWAYS_SCROLLERS) == [], what


def _reachable(page, selector: str) -> None:
    button = page.locator(selector).first
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None, selector
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (selector, box)
    assert box["height"] >= TAP and box["width"] >= TAP, (selector, box)
    if button.is_enabled():
        button.tap(trial=True)  # nothing covers it


def _readable_charts(page) -> None:
    charts = page.locator(".cs-ws-chart svg.marks")
    assert charts.count() >= 2
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] >= 0.8 * PHONE["width"], box
        assert box["height"] >= 150, box
    assert page.evaluate(SMALLEST_CHART_TEXT) >= FONT


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_workshop_works_on_a_phone(room, browser, lang):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        uihelp.open_room_page(page, room.link)
        page.locator(f".cs-lang-{lang}").tap()
        expected = "Vergleich starten" if lang == "de" else "Start the comparison"
        page.locator(".ws-play", has_text=expected).wait_for()
        _fits(page, "before the run")
        for selector in (*BUTTONS, *(f".cs-ws-nav-{j}" for j in range(7))):
            _reachable(page, selector)
        uihelp.chart_svg(page, "cs-ws-chart")
        _readable_charts(page)
        page.locator(".ws-play").tap()
        uihelp.wait_day(page, 240, prefix="ws", timeout=90)
        page.locator(".cs-ws-measured-title").wait_for()
        page.wait_for_timeout(1500)
        _fits(page, "after the run")
        _readable_charts(page)
        # the folded background and the branches' people fit too
        page.locator(".cs-ws-more .v-expansion-panel-header, .cs-ws-more summary").first.tap()
        page.wait_for_timeout(800)
        _fits(page, "with the background open")
    finally:
        context.close()
