"""How many participants one room server holds: N real headless Chromium pages, each running the workshop.

    .venv/bin/python tests/ui/room_load.py --participants 25

Starts ``campaign-sim ui --room`` on 127.0.0.1 (the only address it talks to),
opens N participant pages (each its own browser context, so its own cookies and
session, as N laptops), frees the room, starts every page's workshop comparison
at once and has each page record its status line every 0.2 s until its run has
ended.  Prints per participant the days per second the status line showed while
running (median of its readings: the server's own measure over its last frames)
and the pace of the day counter on screen (days from its first move to its last,
over that time; the goal is judged on this one, which is what a participant
sees), any errors (errors in the page, messages shown, a failed or unfinished
run, a server traceback), and the server's peak memory (resident, its whole
process tree, sampled every 0.2 s).  The browsers run on the same cores as the
server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import uihelp

#: what the goal asks of every participant, and of the server
MIN_DAYS_PER_SECOND = 5.0
MAX_SERVER_BYTES = 3 * 2**30
RATE = re.compile(r"(\d+) days/s")


@dataclass
class Participant:
    index: int
    page: object
    shown: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    start: tuple[float, int] | None = None
    end: tuple[float, int] | None = None

    @property
    def shown_rate(self) -> float:
        return statistics.median(self.shown) if self.shown else 0.0

    @property
    def counted_rate(self) -> float:
        if self.start is None or self.end is None or self.end[0] <= self.start[0]:
            return 0.0
        return (self.end[1] - self.start[1]) / (self.end[0] - self.start[0])


@dataclass
class Result:
    participants: list[Participant]
    peak_bytes: int
    server_errors: list[str]
    load: str
    server_cores: float = 0.0

    @property
    def ok(self) -> bool:
        return (
            all(p.counted_rate >= MIN_DAYS_PER_SECOND and not p.errors for p in self.participants)
            and self.peak_bytes < MAX_SERVER_BYTES
            and not self.server_errors
        )

    def report(self) -> str:
        lines = [f"{'participant':>11}  {'shown days/s':>12}  {'counted days/s':>14}  errors"]
        for p in self.participants:
            errors = "; ".join(p.errors) or "none"
            lines.append(f"{p.index:>11}  {p.shown_rate:>12.1f}  {p.counted_rate:>14.1f}  {errors}")
        rates = [p.counted_rate for p in self.participants]
        lines.append(
            f"participants: {len(rates)}; counted days/s min {min(rates):.1f}, median "
            f"{statistics.median(rates):.1f}; server peak memory {self.peak_bytes / 2**20:.0f} MiB; "
            f"server errors: {'; '.join(self.server_errors) or 'none'}"
        )
        lines.append(f"server CPU while the runs went on: {self.server_cores:.2f} cores")
        lines.append(f"machine load before and after (1/5/15 min): {self.load}")
        lines.append("goal met" if self.ok else "goal NOT met")
        return "\n".join(lines)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of ``pid`` so far (from /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class PeakMemory(threading.Thread):
    """Samples the server's resident memory until stopped; keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.cpu, self.halt = pid, 0, 0.0, threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.2):
            self.peak = max(self.peak, _tree_rss(self.pid))
            self.cpu = _cpu_seconds(self.pid)


#: records what the page's status line shows, every 200 ms, in the page itself (no round trips)
SAMPLER = """() => {
    window.csSamples = []; window.csDone = false;
    const timer = setInterval(() => {
        const status = document.querySelector(".ws-day");
        const error = document.querySelector(".cs-run-error");
        if (!status) return;
        const text = status.innerText;
        window.csSamples.push([performance.now() / 1000, text]);
        const day = parseInt((text.match(/\\d+/) || ["0"])[0]);
        if (day >= 240 || error) { window.csDone = true; clearInterval(timer); }
    }, 200);
}"""


def _read(person: Participant, samples: list[tuple[float, str]]) -> None:
    """Shown rates while running, and the day counter's own pace from its first move to its last."""
    for when, text in samples:
        day = int(re.search(r"\d+", text).group())
        if person.start is None and day > 0:
            person.start = (when, day)
        if day > 0:
            person.end = (when, day) if person.end is None or day > person.end[1] else person.end
        found = RATE.search(text)
        if found:
            person.shown.append(float(found.group(1)))


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(participants: int, timeout: float = 600) -> Result:
    """Run the load and return what each participant saw; the server is stopped afterwards."""
    from playwright.sync_api import sync_playwright

    load_before = _load()
    server = uihelp.RoomServer(extra=("--limit", str(max(participants, 1))))
    sampler = PeakMemory(server.proc.pid)
    sampler.start()
    people: list[Participant] = []
    server_errors: list[str] = []
    busy = 0.0
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=uihelp.chromium(), args=uihelp.CHROMIUM_ARGS)
            trainer = browser.new_context().new_page()
            uihelp.open_room_page(trainer, server.trainer_link, ".cs-room-count")
            trainer.locator(".cs-room-lead label").click()  # free: each runs their own comparison
            for i in range(participants):
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                person = Participant(i + 1, page)
                page.on("pageerror", lambda err, p=person: p.errors.append(f"page error: {err}"))
                uihelp.open_room_page(page, server.link)
                page.locator(".cs-room-free").wait_for()
                people.append(person)
            for person in people:
                person.page.evaluate(SAMPLER)
            cpu0, wall0 = sampler.cpu, time.monotonic()
            for person in people:
                person.page.locator(".ws-play").click()
            deadline = time.monotonic() + timeout
            for person in people:
                left = max(1.0, deadline - time.monotonic())
                with contextlib.suppress(Exception):  # an unfinished run is reported below
                    person.page.wait_for_function("window.csDone", timeout=left * 1000, polling=500)
                _read(person, person.page.evaluate("window.csSamples"))
            busy = (sampler.cpu - cpu0) / max(1e-9, time.monotonic() - wall0)
            for person in people:
                if person.page.locator(".cs-run-error").count():
                    person.errors.append("run failed: " + person.page.locator(".cs-run-error").inner_text())
                if person.page.locator(".cs-error").count():
                    person.errors.append("message: " + person.page.locator(".cs-error").first.inner_text())
                if uihelp.day(person.page, "ws") < 240:
                    person.errors.append(f"run not finished within {timeout:.0f} s")
            browser.close()
    finally:
        sampler.halt.set()
        sampler.join()
        output = server.stop()
    if "Traceback" in output:
        server_errors.append("server traceback: " + output[output.index("Traceback") :][:400])
    return Result(people, sampler.peak, server_errors, f"{load_before} -> {_load()}", busy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=25, help="pages driven at once (default 25)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for all runs to end")
    args = parser.parse_args(argv)
    result = measure(args.participants, args.timeout)
    print(result.report())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
