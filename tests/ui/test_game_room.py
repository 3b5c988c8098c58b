"""The room game in the browser: the trainer opens a game, two teams submit from their own pages,
an over-budget plan is refused, the round runs and the trainer sees the debrief.

Every visitor connects through 127.0.0.1; the game is saved in a temporary folder.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import uihelp
from playwright.sync_api import expect

#: where the screenshots go when CAMPAIGN_SIM_SHOTS names a folder (for people to look at)
SHOTS = os.environ.get("CAMPAIGN_SIM_SHOTS")


@pytest.fixture(scope="module")
def game_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("room_game")


@pytest.fixture(scope="module")
def room(game_dir):
    server = uihelp.RoomServer(extra=("--game-dir", str(game_dir)))
    yield server
    output = server.stop()
    assert "Traceback" not in output, output[-4000:]


def _fill(page, css: str, value: str) -> None:
    field = page.locator(f".{css} input, .{css} textarea").first
    field.fill(value)
    field.press("Tab")


def _open_game_tab(page) -> None:
    page.locator(".cs-mode-game").click()
    page.locator(".cs-game").wait_for()


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_trainer_opens_a_game_two_teams_submit_and_the_debrief_ranks_them(room, browser, game_dir):
    def new_page(size=(1280, 900)):
        return browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()

    trainer = new_page((1400, 1000))
    uihelp.open_room_page(trainer, room.trainer_link, ".cs-room-count")
    _open_game_tab(trainer)
    # the trainer's form: a small company, two rounds of 40 days, two teams, a budget of 40,000 EUR
    expect(trainer.locator(".cs-game-budget input")).to_have_value("60,000")
    uihelp.choose(trainer, "cs-game-company", "Retail store")
    _fill(trainer, "cs-game-branches", "8")
    _fill(trainer, "cs-game-rounds", "2")
    _fill(trainer, "cs-game-days", "40")
    _fill(trainer, "cs-game-budget", "40,000")
    _fill(trainer, "cs-game-teams", "Blue\nRed")
    trainer.locator(".cs-game-open").click()
    expect(trainer.locator(".cs-game-status")).to_contain_text("Round 1 of 2: 0 of 2 teams")
    expect(trainer.locator(".cs-game-settings")).to_contain_text(
        "This game: Retail store, budget 40,000 EUR per team, 2 rounds of 40 working days, 8 branches, seed 1"
    )
    saved = json.loads((game_dir / "game.json").read_text())
    assert saved["settings"]["teams"] == ["Blue", "Red"] and saved["history"] == []

    teams = {}
    for name in ("Blue", "Red"):
        page = new_page()
        uihelp.open_room_page(
            page, room.link, ".cs-game"
        )  # a participant opens on the game while one is open
        expect(page.locator(".cs-game-rules")).to_contain_text("How it works: 2 rounds of 40 working days")
        uihelp.choose(page, "cs-game-team", name)
        expect(page.locator(".cs-game-budget-left")).to_contain_text("40,000 EUR of 40,000 EUR")
        teams[name] = page
    blue, red = teams["Blue"], teams["Red"]
    # Blue: attitude training in every branch costs more than the budget: refused, with the reason
    uihelp.choose(blue, "cs-game-option", "Attitude training: lens of effect, 2 days per employee")
    _fill(blue, "cs-game-where", "1-99")  # a typo is refused, and the refusal goes with the typo
    blue.locator(".cs-game-add").click()
    expect(blue.locator(".cs-game-error")).to_have_text("This company has branches 1 to 8.")
    _fill(blue, "cs-game-where", "all")
    expect(blue.locator(".cs-game-error")).to_have_count(0)
    blue.locator(".cs-game-add").click()
    expect(blue.locator(".cs-game-decision")).to_have_count(1)
    blue.locator(".cs-game-submit").click()
    expect(blue.locator(".cs-game-error").first).to_contain_text(
        re.compile(r"Refused: this round's campaigns cost [\d,]+ EUR")
    )
    expect(blue.locator(".cs-game-error").nth(1)).to_contain_text(
        re.compile(r"Attitude training: branches 1-8, from day 0: [\d,]+ EUR")
    )
    # ... so Blue trains branches 1-3 only, from day 5, and that fits; the old refusal goes with the draft
    blue.locator(".cs-game-remove").click()
    expect(blue.locator(".cs-game-error")).to_have_count(0)
    _fill(blue, "cs-game-where", "1-3")
    _fill(blue, "cs-game-start", "5")
    blue.locator(".cs-game-add").click()
    expect(blue.locator(".cs-game-decision")).to_contain_text("Attitude training: branches 1-3, from day 5")
    blue.locator(".cs-game-price-check").click()  # the price first, nothing submitted
    expect(blue.locator(".cs-game-price").last).to_contain_text(
        re.compile(r"This round's plan costs [\d,]+ EUR")
    )
    expect(trainer.locator(".cs-game-waiting")).to_contain_text("Waiting for: Blue, Red")
    blue.locator(".cs-game-submit").click()
    expect(blue.locator(".cs-game-submitted")).to_contain_text(
        re.compile(r"Submitted for round 1: 1 campaign\. This round's plan costs [\d,]+ EUR; your team will")
    )
    expect(trainer.locator(".cs-game-waiting")).to_contain_text("Waiting for: Red")
    # the trainer runs round 1 without Red: the page says what that means and asks first
    trainer.locator(".cs-game-run").click()
    expect(trainer.locator(".cs-game-not-submitted")).to_have_text(
        "Red has not submitted: it plays this round without a new campaign."
    )
    trainer.locator(".cs-game-run-confirm").click()
    expect(trainer.locator(".cs-game-status")).to_contain_text("Round 2 of 2", timeout=60_000)
    expect(red.locator(".cs-game-skipped")).to_have_text("Round 1: no campaign submitted", timeout=60_000)
    # round 2: Red promises to the customers of branches 4-8, Blue adds nothing; the last submission runs it
    uihelp.choose(red, "cs-game-option", "Promise: advertising a promise to customers")
    _fill(red, "cs-game-where", "4-8")
    red.locator(".cs-game-add").click()
    red.locator(".cs-game-submit").click()
    expect(red.locator(".cs-game-submitted")).to_contain_text("Submitted for round 2: 1 campaign.")
    blue.locator(".cs-game-submit").click()
    # the round runs by itself: the trainer's debrief ranks both teams against no campaign
    expect(trainer.locator(".cs-game-status")).to_contain_text("The game is over", timeout=60_000)
    expect(trainer.locator(".cs-game-ranking")).to_contain_text("Blue", timeout=60_000)
    ranking = trainer.locator(".cs-game-ranking").inner_text()
    assert "Red" in ranking and "Net benefit vs no campaign" in ranking
    expect(trainer.locator(".cs-game-status")).to_contain_text("The game is over")
    expect(trainer.locator(".cs-game-lessons")).to_have_count(2)
    expect(trainer.locator(".cs-game-lessons").filter(has_text="Red")).to_contain_text("Your promise")
    expect(trainer.locator(".cs-game-page-timeline")).to_be_visible(timeout=60_000)
    expect(red.locator(".cs-game-result")).to_contain_text(
        re.compile(r"After round 2: net benefit .* rank [12] of 2")
    )
    assert len(json.loads((game_dir / "game.json").read_text())["history"]) == 2
    expect(blue.locator(".cs-game-history")).to_contain_text(
        "Round 1: Attitude training: branches 1-3, from day 5, cost"
    )
    _shot(trainer, "game_debrief_en")
    trainer.locator(".cs-lang-de").click()
    expect(trainer.locator(".cs-game-ranking")).to_contain_text("Nettonutzen gegenüber keiner Kampagne")
    expect(trainer.locator(".cs-game-lessons").filter(has_text="Red")).to_contain_text("Ihr Versprechen")
    _shot(trainer, "game_debrief_de")
    _shot(blue, "game_team_en")
    for page in (trainer, blue, red):
        page.context.close()
