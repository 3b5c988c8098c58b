"""Safe by default when others can connect, tried as a visitor would: in the browser, through 127.0.0.1.

No box opens a path of the server; an upload is capped and read in memory; no
message quotes the file; a run too large for one participant's share of memory
is refused; a closed page's session is cleaned up; one visitor's trouble leaves
the others' runs alone.
"""

from __future__ import annotations

import time

import pytest
import uihelp
from playwright.sync_api import expect

SECRET = "SECRET-4711-do-not-echo"


@pytest.fixture(scope="module")
def room():
    server = uihelp.RoomServer(env={"CAMPAIGN_SIM_UI_IDLE_SECONDS": "3"})
    yield server
    output = server.stop()
    assert SECRET not in output
    assert "Traceback" not in output, output[-4000:]


def _strategist(browser, room):
    """A participant's page in the strategist view (the trainer has allowed it)."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    uihelp.open_room_page(page, room.link)
    page.locator(".cs-mode-strategist").click()
    page.locator(".st-step").wait_for()
    return page


def _error(page) -> str:
    box = page.locator(".cs-error").first
    box.wait_for()
    text = box.inner_text()
    box.locator(".cs-dismiss").click()
    expect(page.locator(".cs-error")).to_have_count(0)
    return text


def test_a_visitor_cannot_reach_files_or_memory_and_troubles_no_one_else(room, browser):
    trainer_context = browser.new_context()
    trainer = trainer_context.new_page()
    uihelp.open_room_page(trainer, room.trainer_link, ".cs-room-count")
    trainer.locator(".cs-room-strategist label").click()
    # a neighbour runs the workshop comparison the whole time
    neighbour_context = browser.new_context()
    neighbour = neighbour_context.new_page()
    uihelp.open_room_page(neighbour, room.link)
    trainer.locator(".cs-room-lead label").click()  # free: the neighbour's run is theirs
    expect(neighbour.locator(".cs-room-free")).to_be_visible()
    neighbour.locator(".ws-play").click()

    page = _strategist(browser, room)
    assert page.locator(".cs-path").count() == 0, "no box for a path on the server"
    assert page.locator(".cs-load").count() == 0
    scenario = page.locator(".cs-scenario .v-select__selection").inner_text()
    uihelp.wait_day(page, 0)
    bad_files = {
        "typed.toml": f'[company]\nmarket_pressure = "{SECRET}"\n'.encode(),
        "unknown.toml": f'[company]\n{SECRET.replace("-", "_")} = "{SECRET}"\n'.encode(),
        "kind.toml": f'[[campaigns]]\nkind = "{SECRET}"\nstart_day = 3\n'.encode(),
        "broken.toml": f'[company\nx = "{SECRET}"\n'.encode(),
        "escape.toml": f'extends = "../../../etc/passwd"\nname = "{SECRET}"\n'.encode(),
        "binary.toml": b"\xff\xfe" + SECRET.encode(),
    }
    for name, content in bad_files.items():
        uihelp.drop_file(page, name, content)
        text = _error(page)
        assert name in text
        for leaked in (SECRET, SECRET.replace("-", "_"), "/etc", str(uihelp.ROOT)):
            assert leaked not in text, (name, text)
        # the last good run stays
        assert page.locator(".cs-scenario .v-select__selection").inner_text() == scenario
    # a file over the cap is refused before it is read
    uihelp.drop_file(page, "huge.toml", b"# " + b"x" * (300 * 1024))
    assert "larger than 256 KB" in _error(page)
    # a good upload works (parsed in memory, extending a shipped scenario)
    uihelp.drop_file(page, "mine.toml", b'extends = "baseline.toml"\n[run]\nbranches = 6\n')
    expect(page.locator(".cs-info")).to_contain_text("6 branches")
    # a run too large for one participant's share of memory is refused, the last one stays
    field = page.locator(".cs-branches input")
    field.fill("5000")
    field.press("Enter")
    assert "each participant may use up to 96 MB" in _error(page)
    assert field.input_value() == "6"
    page.locator(".st-play").click()
    assert uihelp.wait_day(page, 20) >= 20

    # the neighbour's run went on, and they saw none of it
    assert uihelp.wait_day(neighbour, 200, prefix="ws", timeout=90) >= 200
    assert neighbour.locator(".cs-error").count() == 0
    assert SECRET not in neighbour.locator("body").inner_text()

    # a closed page's session (its runs, its memory) is cleaned up once its browser has gone
    before = room.kernels()
    page.context.close()
    neighbour_context.close()
    deadline = time.monotonic() + 60
    while room.kernels() > before - 2 and time.monotonic() < deadline:
        time.sleep(1)
    assert room.kernels() <= before - 2
    trainer_context.close()


def test_listening_beyond_the_loopback_has_no_path_box(browser):
    """Not a room: ``--host 0.0.0.0`` alone already hides the path box (connected to through 127.0.0.1)."""
    port = uihelp.free_port()
    proc, _ = uihelp.start_server(port=port, extra=("--host", "0.0.0.0"))
    try:
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        uihelp.open_app(page, f"http://127.0.0.1:{port}/")
        page.locator(".cs-drop").wait_for()
        assert page.locator(".cs-path").count() == 0
        page.close()
    finally:
        output = uihelp.stop_server(proc)
    assert "Traceback" not in output, output[-4000:]
