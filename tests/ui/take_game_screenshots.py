"""Screenshots of the room game, for a person to look at (not a test).

    .venv/bin/python tests/ui/take_game_screenshots.py [OUTDIR]

Starts ``campaign-sim ui --room`` on 127.0.0.1 with a temporary game folder, opens a
game of four 60-day rounds as the trainer, lets three teams plan (one on a phone)
and submit round 1, runs round 2 with one team's plan only (the trainer closes it
early), then writes the trainer's form, a team's plan, the debrief in English and
German, each debrief page as shown on screen and the German PDF to OUTDIR
(default ``results/screenshots/game``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
import uihelp

PLANS = {
    "Blue": [("Behaviour training: 2 days per employee", "all", "5")],
    "Red": [
        ("Attitude training: lens of effect, 2 days per employee", "1-6", "0"),
        ("Reward effecting: incentives for customer outcomes", "all", "0"),
    ],
    "Green": [
        ("Promise: advertising a promise to customers", "all", "0"),
        ("Controlling managers: coaching in a controlling style", "1-6", "0"),
    ],
}


def fill(page, css: str, value: str) -> None:
    field = page.locator(f".{css} input, .{css} textarea").first
    field.fill(value)
    field.press("Tab")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server = uihelp.RoomServer(extra=("--game-dir", tempfile.mkdtemp(prefix="room-game-")))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=uihelp.chromium(), args=uihelp.CHROMIUM_ARGS)
            trainer = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            uihelp.open_room_page(trainer, server.trainer_link, ".cs-room-count")
            trainer.locator(".cs-mode-game").click()
            fill(trainer, "cs-game-budget", "120,000")
            fill(trainer, "cs-game-teams", "Blue\nRed\nGreen")
            trainer.screenshot(path=str(out / "trainer_form.png"))
            trainer.locator(".cs-game-open").click()
            teams = {}
            for team, plan in PLANS.items():
                phone = team == "Blue"
                size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
                page = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone).new_page()
                uihelp.open_room_page(page, server.link, ".cs-game")  # participants open on the game
                uihelp.choose(page, "cs-game-team", team)
                for option, where, start in plan:
                    uihelp.choose(page, "cs-game-option", option)
                    fill(page, "cs-game-where", where)
                    fill(page, "cs-game-start", start)
                    page.locator(".cs-game-add").click()
                teams[team] = page
            teams["Blue"].screenshot(path=str(out / "team_phone_plan.png"), full_page=True)
            for page in teams.values():
                page.locator(".cs-game-submit").click()
                page.wait_for_timeout(1500)
            expect(trainer.locator(".cs-game-ranking")).to_contain_text("Blue", timeout=60_000)
            red = teams["Red"]
            expect(red.locator(".cs-branch-title")).to_contain_text("round 2")
            uihelp.choose(red, "cs-game-option", "Supportive managers: coaching in a supportive style")
            red.locator(".cs-game-add").click()
            red.locator(".cs-game-submit").click()
            expect(trainer.locator(".cs-game-waiting")).to_contain_text("Blue, Green")
            trainer.locator(".cs-game-run").click()
            trainer.locator(".cs-game-run-confirm").click()  # Blue and Green play round 2 without a plan
            expect(trainer.locator(".cs-game-status")).to_contain_text("Round 3 of 4", timeout=60_000)
            for lang in ("en", "de"):
                trainer.locator(f".cs-lang-{lang}").click()
                expect(trainer.locator(".cs-game-page-customers")).to_be_visible(timeout=60_000)
                trainer.wait_for_timeout(1000)
                trainer.locator(".cs-game-debrief").scroll_into_view_if_needed()
                trainer.screenshot(path=str(out / f"trainer_debrief_{lang}.png"))
                for name in ("overview", "timeline", "staff", "customers"):
                    trainer.locator(f".cs-game-page-{name}").screenshot(
                        path=str(out / f"screen_{name}_{lang}.png")
                    )
            with trainer.expect_download() as download:
                trainer.locator(".cs-game-pdf .v-btn").first.click()
            download.value.save_as(out / "room_game_debrief_de.pdf")
            teams["Blue"].screenshot(path=str(out / "team_phone_after.png"), full_page=True)
            browser.close()
    finally:
        output = server.stop()
    if "Traceback" in output:
        print(output[-4000:])
        sys.exit(1)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("results/screenshots/game"))
