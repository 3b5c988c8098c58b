"""Screenshots of every view of the real app, for a person to look at (not a test).

    .venv/bin/python tests/ui/take_screenshots.py [OUTDIR]
    .venv/bin/python tests/ui/take_screenshots.py --workshop [OUTDIR]  # every step, 2 sizes, 2 languages

Starts ``campaign-sim ui`` on a free port, drives it in headless Chromium as a
user would, writes one PNG per view to OUTDIR (default ``results/screenshots``)
and prints the days per second seen on screen for a 20-branch run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
import uihelp


def measure_rate(page, seconds: float = 5.0) -> float:
    """Days per second as the counter on screen shows them while running."""
    page.locator(".st-play").click()
    uihelp.wait_day(page, 3)
    d0, t0 = uihelp.day(page), time.monotonic()
    page.wait_for_timeout(seconds * 1000)
    d1, t1 = uihelp.day(page), time.monotonic()
    page.locator(".st-play").click()
    return (d1 - d0) / (t1 - t0)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    proc, url = uihelp.start_server()
    external: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=uihelp.chromium(), args=uihelp.CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1700})
            page.on("request", lambda r: None if r.url.startswith(uihelp.LOCAL) else external.append(r.url))
            uihelp.open_app(page, url)
            rate = measure_rate(page)
            print(f"on screen: {rate:.1f} days/s (20 branches, speed 20)")
            page.locator(".st-play").click()
            uihelp.wait_day(page, 150)
            page.locator(".st-play").click()
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "1_dashboard.png", full_page=True)

            page.locator(".cs-tab-branches").click()
            uihelp.chart_svg(page, "cs-tiles")
            page.wait_for_timeout(800)
            page.screenshot(path=out / "2_branch_tiles.png", full_page=True)

            page.locator(".cs-tiles svg.marks g.mark-rect.role-mark path").nth(5).click()
            uihelp.chart_svg(page, "cs-employees")
            page.locator(".cs-employees svg.marks g.mark-symbol.role-mark path").nth(2).click()
            uihelp.chart_svg(page, "cs-history")
            page.wait_for_timeout(800)
            page.screenshot(path=out / "3_drill_down.png", full_page=True)

            page.locator(".cs-tab-compare").click()  # plan A: the scenario's campaigns, plan B: none
            page.locator(".st-play").click()
            uihelp.wait_day(page, 365)
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "4_compare.png", full_page=True)
            page.locator(".cs-seed-run").click()
            page.locator(".cs-seed-table").wait_for(timeout=240_000)
            page.set_viewport_size({"width": 1600, "height": 3600})  # the whole tab, seeds at the bottom
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "4b_compare_seeds.png", full_page=True)
            page.locator(".cs-lang-de").click()
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "4c_compare_de.png", full_page=True)
            page.set_viewport_size({"width": 1600, "height": 1700})
            page.locator(".cs-lang-en").click()
            page.locator(".cs-team").get_by_text("Our branches: starting team states").click()
            page.wait_for_timeout(800)
            page.locator(".cs-tab-dashboard").click()
            page.wait_for_timeout(1500)
            page.screenshot(path=out / "4d_controls_team.png", full_page=True)

            with tempfile.TemporaryDirectory() as tmp:
                bad = Path(tmp) / "my_trial.toml"
                bad.write_text(
                    'extends = "baseline.toml"\n[company]\nmarket_presure = 0.5\n', encoding="utf-8"
                )
                page.locator(".cs-path input").fill(str(bad))
                page.locator(".cs-load").click()
                page.locator(".cs-error").wait_for()
                page.wait_for_timeout(500)
                page.screenshot(path=out / "5_bad_scenario.png")

            page.locator(".cs-mode-workshop").click()
            uihelp.workshop_step(page, 2)
            uihelp.run_workshop_step(page)
            page.screenshot(path=out / "6_workshop_en.png", full_page=True)
            browser.close()
    finally:
        uihelp.stop_server(proc)
    print("requests leaving this computer:", external or "none")
    print("screenshots in", out)


def workshop(out: Path, sizes=((1280, 800), (1920, 1080)), langs=("de", "en")) -> None:
    """Every workshop step, run to its end, as the room sees it: projector mode, one screen, no scrolling.

    ``ws_<width>x<height>_<lang>_<step>.png`` is the viewport only (what fits on the projector);
    ``ws_full_<lang>_<step>.png`` the whole page at 1280×800 with the explanation opened.
    """
    out.mkdir(parents=True, exist_ok=True)
    proc, url = uihelp.start_server(extra=("--workshop", "--projector", "--lang", langs[0]))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=uihelp.chromium(), args=uihelp.CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": sizes[0][0], "height": sizes[0][1]})
            uihelp.open_workshop(page, url)
            for lang in langs:
                page.locator(f".cs-lang-{lang}").click()
                for width, height in sizes:
                    page.set_viewport_size({"width": width, "height": height})
                    for index in range(7):
                        uihelp.workshop_step(page, index)
                        uihelp.run_workshop_step(page)
                        page.screenshot(path=out / f"ws_{width}x{height}_{lang}_{index + 1}.png")
                        if (width, height) == sizes[0]:
                            if not page.locator(".cs-ws-text").is_visible():  # the panel stays open
                                page.locator(".cs-ws-more .v-expansion-panel-header").first.click()
                            page.wait_for_timeout(800)
                            page.screenshot(path=out / f"ws_full_{lang}_{index + 1}.png", full_page=True)
            browser.close()
    finally:
        uihelp.stop_server(proc)
    print("workshop screenshots in", out)


if __name__ == "__main__":
    target = Path(sys.argv[2] if len(sys.argv) > 2 else uihelp.ROOT / "results" / "screenshots")
    if len(sys.argv) > 1 and sys.argv[1] == "--workshop":
        workshop(target)
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else uihelp.ROOT / "results" / "screenshots")
