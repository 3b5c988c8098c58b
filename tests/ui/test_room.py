"""The workshop room in the browser: tokens, the refusal page, roles, the trainer leading, a full room.

Every visitor connects through 127.0.0.1, exactly as one in the room would through
the network address (the gate checks the loopback too).
"""

from __future__ import annotations

import re

import pytest
import uihelp
from playwright.sync_api import expect
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

STEP = re.compile(r"^\D*(\d+)\b")


@pytest.fixture(scope="module")
def room():
    server = uihelp.RoomServer()
    yield server
    output = server.stop()
    assert "Traceback" not in output, output[-4000:]


@pytest.fixture
def visitor(browser):
    """A new browser (own cookies) per call: a room full of laptops."""
    contexts = []

    def new(size=(1280, 800)):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


def _step(page) -> int:
    return int(STEP.match(page.locator(".cs-ws-section").inner_text()).group(1))


def test_without_the_room_link_a_visitor_gets_the_refusal_page_and_no_app(room, visitor):
    page = visitor()
    for url in (room.base, room.base + "?room=wrong-token", room.base + "static/main.js"):
        response = page.goto(url)
        assert response is not None and response.status == 403, url
        text = page.locator("body").inner_text()
        assert "Ask your trainer for the room link" in text
        assert "Bitte fragen Sie Ihre Trainerin oder Ihren Trainer nach dem Raum-Link" in text
        assert page.locator("script").count() == 0
    # the app's websocket is closed to a visitor without the cookie, and to one with a wrong one
    for cookie in ("", f"{room.cookie}=wrong"):
        with pytest.raises(InvalidStatus):
            connect(
                f"ws://127.0.0.1:{room.port}/jupyter/api/kernels/x/channels?session_id=y",
                additional_headers={"Cookie": cookie} if cookie else None,
                open_timeout=10,
            )
    assert room.status(room.base, room.room_token) == 200
    assert room.status(room.base, room.trainer_token) == 200


def test_trainer_sees_participants_leads_them_and_frees_the_room(room, visitor):
    assert room.status(room.base, "wrong-token") == 403  # one refused visitor, whichever test ran before
    trainer = visitor()
    uihelp.open_room_page(trainer, room.trainer_link, ".cs-room-count")
    assert trainer.url == room.base, "the token must not stay in the address bar"
    # the trainer's panel: the participants' link with its QR code, and the refused visitors so far
    expect(trainer.locator(".cs-room-link")).to_have_text(room.link)
    assert trainer.locator(".cs-room-qr img").get_attribute("src").startswith("data:image/svg+xml")
    expect(trainer.locator(".cs-room-refused")).to_contain_text(re.compile(r"[1-9]\d* visitors"))
    assert trainer.locator(".cs-path").count() == 0
    participants = [visitor(), visitor()]
    for page in participants:
        uihelp.open_room_page(page, room.link)
        assert page.locator(".cs-mode-strategist").count() == 0, (
            "participants start without the strategist view"
        )
        assert page.locator(".cs-mode-game").count() == 1, "participants reach the room game"
        assert page.locator(".cs-room-count").count() == 0
        assert page.locator(".cs-ws-reset-all").count() == 0, "resetting for the next group is the trainer's"
        expect(page.locator(".cs-room-following")).to_be_visible()
    expect(trainer.locator(".cs-room-count")).to_have_text("2 of 30 participants connected")
    # the trainer leads: everyone follows the trainer's step, and the participants' step buttons wait
    uihelp.workshop_step(trainer, 2)
    for page in participants:
        expect(page.locator(".cs-ws-section")).to_contain_text(re.compile(r"^\D*3\b"))
        expect(page.locator(".cs-ws-nav-4")).to_be_disabled()
    # a participant runs the comparison on their own page, without moving anybody else's
    uihelp.run_workshop_step(participants[0])
    assert uihelp.day(trainer, "ws") == 0 and uihelp.day(participants[1], "ws") == 0
    # free the room: a participant picks a step of their own; the trainer stays where they are
    trainer.locator(".cs-room-lead label").click()
    expect(participants[1].locator(".cs-room-free")).to_be_visible()
    uihelp.workshop_step(participants[1], 4)
    trainer.wait_for_timeout(1500)
    assert _step(trainer) == 3 and _step(participants[0]) == 3 and _step(participants[1]) == 5
    # the strategist view opens for participants only when the trainer allows it
    trainer.locator(".cs-room-strategist label").click()
    participants[0].locator(".cs-mode-strategist").click()
    participants[0].locator(".st-step").wait_for()
    assert participants[0].locator(".cs-path").count() == 0
    trainer.locator(".cs-room-strategist label").click()
    expect(participants[0].locator(".cs-mode-strategist")).to_have_count(0)
    expect(participants[0].locator(".ws-play")).to_be_visible()
    # leaving counts too
    participants[1].context.close()
    expect(trainer.locator(".cs-room-count")).to_have_text("1 of 30 participants connected")


def test_a_full_room_tells_the_newcomer_and_nobody_already_in_notices(visitor):
    server = uihelp.RoomServer(extra=("--limit", "2"))
    try:
        inside = [visitor(), visitor()]
        for page in inside:
            uihelp.open_room_page(page, server.link)
        inside[0].locator(".ws-play").click()
        newcomer = visitor()
        response = newcomer.goto(server.link)
        assert response is not None and response.status == 503
        text = newcomer.locator("body").inner_text()
        assert "The room is full" in text and "Der Raum ist voll" in text
        # the ones inside go on: a run keeps counting, a reload keeps the seat
        assert uihelp.wait_day(inside[0], 30, prefix="ws") >= 30
        inside[1].reload()
        inside[1].locator(".ws-play").wait_for()
        trainer = visitor()
        uihelp.open_room_page(trainer, server.trainer_link, ".cs-room-count")
        expect(trainer.locator(".cs-room-count")).to_have_text("2 of 2 participants connected")
    finally:
        output = server.stop()
    assert "room: full (2), turned away" in output
    assert "Traceback" not in output, output[-4000:]
