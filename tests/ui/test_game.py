"""The room game without a browser: rounds, budget, refusals, saving and restarting, same seed, lessons."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from campaign_sim.outputs import KPI_NAMES
from campaign_sim.ui import game_lessons
from campaign_sim.ui.game import (
    Decision,
    Game,
    GameError,
    GameSettings,
    Results,
    TeamResult,
    branch_text,
    company,
    load,
    parse_branches,
    save,
    simulate,
)
from campaign_sim.ui.game_hub import GameHub
from campaign_sim.ui.i18n import DE, EN

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
#: a small game: 8 branches, two rounds of 30 days, three teams
SETTINGS = GameSettings(
    budget=30_000.0, rounds=2, days_per_round=30, teams=("Blue", "Red", "Green"), branches=8
)
ALL = tuple(range(8))


@pytest.fixture(scope="module")
def firm():
    return company(SETTINGS, SCENARIOS)


def test_every_game_text_exists_in_both_languages_with_the_same_blanks():
    keys = [k for k in EN if k.startswith("game.") or k == "mode.game"]
    assert keys and all(k in DE for k in keys)
    blanks = re.compile(r"{(\w+)}")
    for k in keys:
        assert sorted(blanks.findall(EN[k])) == sorted(blanks.findall(DE[k])), k


def test_branches_are_read_and_written_as_people_number_them():
    assert parse_branches("1-3, 7", 8) == (0, 1, 2, 6)
    assert parse_branches("alle", 8) == ALL
    assert branch_text((0, 1, 2, 6)) == "1-3, 7"
    for bad in ("0-2", "3-9", "x", ""):
        with pytest.raises(GameError):
            parse_branches(bad, 8)


def test_a_plan_beyond_the_budget_is_refused_and_the_team_keeps_its_last_plan(firm):
    game = Game(SETTINGS)
    cheap = (Decision("promise", (0, 1), 0),)
    spent = game.submit("Blue", cheap, firm)
    # a promise costs its advertising per branch and day, to the round's end: 2 branches x 30 days x 20 EUR
    assert spent == pytest.approx(2 * 30 * 20.0)
    with pytest.raises(GameError) as refused:
        game.submit("Blue", (Decision("attitude_training", ALL, 0),), firm)
    assert refused.value.key == "game.err.budget_exceeded"
    assert refused.value.values["cost"] > SETTINGS.budget and refused.value.values["left"] == SETTINGS.budget
    assert "Refused" in EN[refused.value.key].format(cost="1", left="2")
    assert game.pending["Blue"] == cheap


def test_bad_input_is_refused_with_its_reason(firm):
    game = Game(SETTINGS)
    cases = {
        "game.err.unknown_team": ("Purple", (Decision("promise", (0,), 0),)),
        "game.err.option": ("Blue", (Decision("free_lunch", (0,), 0),)),
        "game.err.branch_range": ("Blue", (Decision("promise", (8,), 0),)),
        "game.err.start": ("Blue", (Decision("behaviour_training", (0,), 25),)),
    }
    for key, (team, plan) in cases.items():
        with pytest.raises(GameError) as refused:
            game.submit(team, plan, firm)
        assert refused.value.key == key
    assert game.pending == {}
    with pytest.raises(GameError) as refused:
        replace(SETTINGS, teams=("Solo",)).check()
    assert refused.value.key == "game.err.teams"


def test_submitting_twice_replaces_and_the_trainer_closes_a_round_early(firm):
    game = Game(SETTINGS)
    game.submit("Blue", (Decision("promise", ALL, 0),), firm)
    game.submit("Blue", (Decision("leadership_supportive", (0, 1), 3),), firm)
    assert game.pending == {"Blue": (Decision("leadership_supportive", (0, 1), 3),)}
    assert game.waiting_for == ("Red", "Green")
    assert game.close_round() == 0  # early: Red and Green decided nothing this round
    assert game.history[0] == {"Blue": game.history[0]["Blue"], "Red": (), "Green": ()}
    assert game.round == 1 and game.pending == {}
    game.close_round()
    assert game.finished
    with pytest.raises(GameError) as refused:
        game.submit("Blue", (), firm)
    assert refused.value.key == "game.err.over"


def _played(firm) -> Game:
    game = Game(SETTINGS)
    game.submit("Blue", (Decision("behaviour_training", (0, 1, 2), 2),), firm)
    game.submit("Red", (Decision("behaviour_training", (0, 1, 2), 2),), firm)  # the same plan as Blue
    game.submit("Green", (Decision("promise", ALL, 0),), firm)
    game.close_round()
    game.submit("Green", (Decision("incentive_effect", (4, 5), 10),), firm)
    game.close_round()
    return game


def test_teams_with_the_same_decisions_get_the_same_outcome_and_spent_is_the_simulated_cost(firm):
    results = simulate(_played(firm), firm)
    blue, red, green = results.teams
    assert np.array_equal(blue.values, red.values, equal_nan=True)
    assert blue.net_benefit == red.net_benefit and blue.spent == red.spent > 0
    assert [rank for rank, t in results.ranking() if t.team in ("Blue", "Red")] in ([1, 1], [2, 2], [3, 3])
    # what a team spent is what its campaigns cost in the run, and within the budget
    cost = results.teams[2].values[:, KPI_NAMES.index("campaign_cost"), :].sum()
    assert green.spent == pytest.approx(cost) and green.spent <= SETTINGS.budget
    assert not np.array_equal(green.values, results.baseline, equal_nan=True)


def test_a_saved_game_restarts_with_identical_results(firm, tmp_path):
    game = _played(firm)
    game.pending["Blue"] = (Decision("promise", (0,), 0),)  # a game saved mid-way keeps the open plans
    game.history.pop()
    save(game, tmp_path)
    again = load(tmp_path)
    assert again == game
    assert json.loads((tmp_path / "game.json").read_text())["settings"]["teams"] == list(SETTINGS.teams)
    first, second = simulate(game, firm), simulate(again, firm)
    for a, b in zip(first.teams, second.teams, strict=True):
        assert np.array_equal(a.values, b.values, equal_nan=True) and a.net_benefit == b.net_benefit
    # the server's hub continues a saved game after a restart: the round goes on from the file
    hub = GameHub(tmp_path, SCENARIOS)
    assert hub.wait(60)
    snap = hub.snapshot()
    # what Blue will have spent by the open round's end: round 1's training and the new promise
    assert snap.game == game and snap.pending_spent["Blue"] == pytest.approx(snap.spent("Blue") + 30 * 20.0)
    assert np.array_equal(snap.results.teams[2].values, first.teams[2].values, equal_nan=True)
    hub.submit("Red", ())
    hub.submit("Green", ())
    assert hub.wait(60) and hub.snapshot().game.finished and load(tmp_path).finished
    assert hub.snapshot().results.days == SETTINGS.days


# ---- lessons from constructed data ------------------------------------------------------------


def _constructed() -> tuple[Results, TeamResult]:
    """Four branches, 100 days: behaviour training in 1-4 on days 0-20; branches 3-4 afraid and
    their know-how stuck; a promise on 1-2 that customers' satisfaction did not follow."""
    days, n = 100, 4
    base = np.full((days, len(KPI_NAMES), n), 0.3)
    team = base.copy()
    k = KPI_NAMES.index
    team[:, k("fear"), :] = [0.2, 0.2, 0.5, 0.5]
    base[:, k("fear"), :] = team[:, k("fear"), :]
    team[20:, k("ability"), :] += 0.1
    team[20:, k("delivered_behaviour"), :] += np.array([0.08, 0.07, 0.01, 0.02])
    team[:, k("expectation"), :2] += 0.05
    team[:, k("satisfaction"), :2] -= 0.04
    team[:, k("loyalty"), :2] -= 0.02
    rows = (
        {"option": "behaviour_training", "ids": (0, 1, 2, 3), "start_day": 0, "duration": 20},
        {"option": "promise", "ids": (0, 1), "start_day": 0, "duration": 50},
    )
    result = TeamResult("Blue", team, 9_000.0, np.linspace(0, -5_000, days), rows)
    settings = replace(SETTINGS, branches=n, rounds=2, days_per_round=50, teams=("Blue",))
    return Results(settings, days, base, (result,)), result


def test_lessons_are_read_off_the_branches():
    results, team = _constructed()
    found = {lesson.key: lesson for lesson in game_lessons.lessons(team, results)}
    blocked = found["game.lesson.fear_blocked_vs"]
    assert blocked.branches == (2, 3) and blocked.tone == "bad"
    assert blocked.numbers["pct"] == pytest.approx(15.0) and blocked.numbers["other_pct"] == pytest.approx(
        75.0
    )
    text = game_lessons.lesson_text("en", blocked)
    assert text.startswith("Fear blocked your behaviour training in branches 3-4")
    assert "15 %" in text and "75 %" in text
    assert "Filialen 3-4 blockiert" in game_lessons.lesson_text("de", blocked)
    gap = found["game.lesson.promise_gap"]
    assert gap.branches == (0, 1) and gap.numbers["satisfaction"] == pytest.approx(-0.04)
    assert "satisfaction −0.040" in game_lessons.lesson_text("en", gap)
    assert found["game.lesson.money_loss"].numbers["spent_eur"] == 9_000.0
    # without fear in the way the same training reaches the floor
    calm = team.values.copy()
    calm[20:, KPI_NAMES.index("delivered_behaviour"), :] = 0.3 + 0.08
    again = replace(team, values=calm)
    keys = [lesson.key for lesson in game_lessons.lessons(again, replace(results, teams=(again,)))]
    assert "game.lesson.behaviour_reached" in keys and "game.lesson.fear_blocked_vs" not in keys


def test_attitude_work_that_raised_pride_and_awareness_says_so():
    results, team = _constructed()
    values = team.values.copy()
    k = KPI_NAMES.index
    values[30:, k("effect_awareness"), 1:3] += 0.1
    values[30:, k("pride"), 1:3] += 0.05
    rows = ({"option": "attitude_training", "ids": (1, 2), "start_day": 0, "duration": 30},)
    attitude = replace(team, values=values, campaigns=rows)
    lessons = game_lessons.lessons(attitude, replace(results, teams=(attitude,)))
    raised = next(lesson for lesson in lessons if lesson.key == "game.lesson.attitude_pride")
    assert raised.branches == (1, 2)
    assert raised.numbers["awareness"] == pytest.approx(0.1) and raised.numbers["pride"] == pytest.approx(
        0.05
    )


def test_a_damaged_game_file_starts_the_room_without_a_game_and_says_so(tmp_path):
    (tmp_path / "game.json").write_text("{not json", encoding="utf-8")
    hub = GameHub(tmp_path, SCENARIOS)
    assert hub.snapshot().game is None and "not a game this version can continue" in hub.errors[0]
    hub.open(SETTINGS)  # the trainer opens a new one, which replaces the damaged file
    assert load(tmp_path) == Game(SETTINGS)
    with pytest.raises(GameError) as refused:
        hub.submit("Purple", ())
    assert refused.value.key == "game.err.unknown_team"
