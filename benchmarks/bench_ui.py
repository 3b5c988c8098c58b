"""Days per second a strategist sees on screen: the real ``campaign-sim ui`` in headless
Chromium, the default scenario (20 branches), Run pressed, the day counter read twice.

Goal of the UI issue: at least 10 working days per second with 20 branches.  A speed goal,
so it is checked here and not by a timed assertion in the test suite; exits 1 if missed.

    python benchmarks/bench_ui.py [--seconds 4] [--tries 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ui"))

import uihelp  # the browser tests' helpers: server start, chromium, day counter

GOAL_DAYS_PER_SECOND = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="how long each try watches the counter")
    parser.add_argument("--tries", type=int, default=3, help="the best try counts")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    proc, url = uihelp.start_server()
    rates = []
    try:
        with sync_playwright() as play:
            browser = play.chromium.launch(executable_path=uihelp.chromium(), args=uihelp.CHROMIUM_ARGS)
            for _ in range(args.tries):
                page = browser.new_page(viewport={"width": 1500, "height": 1100})
                uihelp.open_app(page, url)
                page.locator(".st-play").click()
                uihelp.wait_day(page, 5)
                d0, t0 = uihelp.day(page), time.monotonic()
                page.wait_for_timeout(args.seconds * 1000)
                d1, t1 = uihelp.day(page), time.monotonic()
                page.locator(".st-play").click()
                rates.append((d1 - d0) / (t1 - t0))
                page.close()
            browser.close()
    finally:
        uihelp.stop_server(proc)
    best = max(rates)
    print("on screen, 20 branches: " + ", ".join(f"{r:.1f}" for r in rates) + " days/s")
    ok = best >= GOAL_DAYS_PER_SECOND
    print(f"{'PASS' if ok else 'FAIL'}  best {best:.1f} days/s >= {GOAL_DAYS_PER_SECOND:g}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
