"""Helpers for driving the real app in headless Chromium (tests and the screenshot script share them)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: what Debian's chromium needs to run headless as root in a container, without calling out
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
#: generous: two test workers, two browsers and two servers share two cores
TIMEOUT_MS = 60_000
LOCAL = (
    "http://127.0.0.1",
    "http://localhost",
    "ws://127.0.0.1",
    "ws://localhost",
    "data:",
    "blob:",
    "about:",
)


def chromium() -> str:
    """Debian's chromium; its absence is an error (CI installs it), never a reason to skip."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise RuntimeError("Debian's chromium is not installed: apt-get install -y chromium")
    return exe


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int | None = None, extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """Run ``campaign-sim ui`` as a user would and wait until it answers."""
    port = port or free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # the installed console script, exactly what a user types
    script = Path(sys.executable).with_name("campaign-sim")
    command = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from campaign_sim.cli import main; main()"]
    )
    proc = subprocess.Popen(
        [*command, "ui", "--port", str(port), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"campaign-sim ui exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("campaign-sim ui did not answer within 90 s")


def stop_server(proc: subprocess.Popen) -> str:
    """Stop the server we started; returns what it printed."""
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out or ""


def open_app(page, url: str) -> None:
    """Load the page and wait until the controls are drawn (the app renders over a websocket)."""
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.locator(".st-step").wait_for()


def open_workshop(page, url: str) -> None:
    """Load a page served with ``--workshop`` and wait until the workshop's controls are drawn."""
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.locator(".ws-play").wait_for()


def run_workshop_step(page, settle_ms: int = 1500) -> None:
    """Start the open workshop step and wait until its run has ended and the charts are redrawn."""
    page.locator(".ws-play").click()
    wait_day(page, 240, prefix="ws", timeout=90)
    page.locator(".cs-ws-measured-title").wait_for()
    page.wait_for_timeout(settle_ms)


def assert_on_screen(page, locator, what: object = "") -> None:
    """``locator`` lies wholly inside the viewport, below the app bar (the room sees it without scrolling)."""
    box = locator.bounding_box()
    view = page.viewport_size
    assert box is not None, what
    assert box["y"] >= 60 and box["y"] + box["height"] <= view["height"] + 1, (what, box, view)
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"] + 1, (what, box, view)


def choose(page, css_class: str, option: str) -> None:
    """Pick ``option`` (its visible text) in the drop-down marked with ``css_class``."""
    page.locator(f".{css_class} .v-select__slot").first.click()
    menu = page.locator(".v-menu__content.menuable__content__active")
    menu.locator(".v-list-item", has_text=re.compile(f"^\\s*{re.escape(option)}\\s*$")).first.click()
    page.keyboard.press("Escape")


def day(page, prefix: str = "st") -> int:
    """The day counter of the strategist ("st") or workshop ("ws") run."""
    text = page.locator(f".{prefix}-day").first.inner_text()
    return int(re.search(r"\d+", text).group())


def wait_day(page, at_least: int, prefix: str = "st", timeout: float = 60) -> int:
    """Wait until the run shown has reached ``at_least`` days."""
    deadline = time.monotonic() + timeout
    while True:
        current = day(page, prefix)
        if current >= at_least or time.monotonic() > deadline:
            return current
        page.wait_for_timeout(100)


def settled_day(page, prefix: str = "st", timeout: float = 15) -> int:
    """The day counter once it has stopped moving (a frame stepped before a pause may still land)."""
    deadline = time.monotonic() + timeout
    last = day(page, prefix)
    while time.monotonic() < deadline:
        page.wait_for_timeout(800)
        now = day(page, prefix)
        if now == last:
            return now
        last = now
    return last


def chart_svg(page, css_class: str) -> str:
    """The drawn SVG of the first chart marked ``css_class`` (waits until Vega has drawn it)."""
    locator = page.locator(f".{css_class} svg.marks").first
    locator.wait_for()
    return locator.inner_html()


def workshop_step(page, index: int) -> None:
    """Open workshop step ``index`` (0-based) and wait until its fresh run is shown."""
    page.locator(f".cs-ws-nav-{index}").click()
    page.locator(".cs-ws-section", has_text=re.compile(rf"^\D*{index + 1}\b")).wait_for()


def changed_svg(page, css_class: str, old: str, timeout: float = 30) -> str:
    """Wait until the chart marked ``css_class`` has been redrawn with something other than ``old``."""
    deadline = time.monotonic() + timeout
    while True:
        new = chart_svg(page, css_class)
        if new != old or time.monotonic() > deadline:
            return new
        page.wait_for_timeout(100)


def open_tab(page, tab_class: str, shows: str, tries: int = 3) -> None:
    """Click the tab ``tab_class`` until the element ``shows`` of that tab is visible.

    A click that lands while the page re-renders after a changed field (branches, days) can
    be lost; a person clicks again, and so does this helper (three tries of 20 s each).
    """
    for attempt in range(tries):
        page.locator(f".{tab_class}").click()
        try:
            page.locator(f".{shows}").first.wait_for(state="visible", timeout=20_000)
            return
        except Exception:
            if attempt == tries - 1:
                raise


class RoomServer:
    """A ``campaign-sim ui --room`` server on the loopback, with the two links it printed."""

    def __init__(self, extra: tuple[str, ...] = (), env: dict[str, str] | None = None):
        self.port = free_port()
        script = Path(sys.executable).with_name("campaign-sim")
        self.proc = subprocess.Popen(
            [str(script), "ui", "--room", "--host", "127.0.0.1", "--port", str(self.port), *extra],
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.base = f"http://127.0.0.1:{self.port}/"
        self.printed: list[str] = []
        self.link = self.trainer_link = ""
        deadline = time.monotonic() + 90
        assert self.proc.stdout is not None
        while not self.trainer_link:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError("campaign-sim ui --room exited: " + "".join(self.printed))
            self.printed.append(line)
            found = re.search(r"http://\S+\?(room|trainer)=\S+", line)
            if found and found.group(1) == "room":
                self.link = found.group()
            elif found:
                self.trainer_link = found.group()
            if time.monotonic() > deadline:
                self.proc.kill()
                raise RuntimeError("no room links printed")
        self.room_token = self.link.split("room=")[1]
        self.trainer_token = self.trainer_link.split("trainer=")[1]
        self.cookie = f"cs_room_{self.port}"
        while time.monotonic() < deadline:
            if self.status(self.base, self.trainer_token) == 200:
                return
            time.sleep(0.3)
        self.proc.kill()
        raise RuntimeError("the room server did not answer within 90 s")

    def status(self, url: str, token: str | None = None) -> int:
        """The HTTP status of ``url`` for a visitor holding ``token``'s cookie (or none)."""
        request = urllib.request.Request(url, headers={"Accept": "text/html"})
        if token:
            request.add_header("Cookie", f"{self.cookie}={token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code
        except OSError:
            return 0

    def kernels(self) -> int:
        """How many page sessions (kernels) the server holds (Solara's /resourcez, as the trainer)."""
        import json

        request = urllib.request.Request(
            self.base + "resourcez", headers={"Cookie": f"{self.cookie}={self.trainer_token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(json.load(response)["kernels"]["total"])

    def stop(self) -> str:
        return "".join(self.printed) + stop_server(self.proc)


def open_room_page(page, link: str, ready: str = ".ws-play") -> None:
    """Open a room link (the gate sets the cookie and redirects) and wait until ``ready`` is drawn."""
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(link)
    page.locator(ready).first.wait_for()


def drop_file(page, name: str, content: bytes) -> None:
    """Drop a file on the scenario drop zone, as a person drags one from their desktop.

    Solara's drop zone reads ``dataTransfer.items[i].webkitGetAsEntry()``, which Chromium
    gives only for a real drag from the desktop; the event here carries the same entry
    (a file with ``name`` and ``content``), and the page then reads it as from any drop.
    """
    page.locator(".cs-drop .solara-file-drop").first.evaluate(
        """(zone, [name, bytes]) => {
            const file = new File([new Uint8Array(bytes)], name, {type: "application/toml"});
            const entry = {isFile: true, file: (resolve) => resolve(file)};
            const event = new Event("drop", {bubbles: true, cancelable: true});
            Object.defineProperty(event, "dataTransfer", {value: {items: [{webkitGetAsEntry: () => entry}]}});
            zone.dispatchEvent(event);
        }""",
        [name, list(content)],
    )
