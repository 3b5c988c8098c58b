"""The room game without a browser: rounds, budget, refusals, saving and restarting, same seed, lessons."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from campaign_sim.outputs import KPI_NAMES
from campaign_sim.ui import game_debrief, game_lessons
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
from campaign_sim.ui.payback import number

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
    spent = game.submit("Blue", cheap, firm).total
    # a promise costs its advertising per branch and day, to the round's end: 2 branches x 30 days x 20 EUR
    assert spent == pytest.approx(2 * 30 * 20.0)
    with pytest.raises(GameError) as refused:
        game.submit("Blue", (Decision("attitude_training", ALL, 0),), firm)
    assert refused.value.key == "game.err.budget_exceeded"
    assert refused.value.values["cost"] > SETTINGS.budget and refused.value.values["left"] == SETTINGS.budget
    assert "Refused" in EN[refused.value.key].format(cost="1", left="2")
    assert game.pending["Blue"] == cheap


def test_checking_the_price_prices_a_plan_as_submit_does_without_submitting(firm):
    from campaign_sim.ui.game_view import price_lines, refusal_lines, submitted_text

    game = Game(SETTINGS)
    game.submit("Blue", (Decision("promise", (0,), 0),), firm)
    game.close_round()
    plan = (Decision("promise", (0, 1), 0), Decision("leadership_supportive", (2,), 5))
    price = game.price("Blue", plan, firm)
    assert "Blue" not in game.pending  # nothing submitted
    assert price.before == pytest.approx(30 * 20.0) and price.costs[0] == pytest.approx(2 * 30 * 20.0)
    assert len(price.costs) == 2 and price.costs[1] > 0
    assert price.total == pytest.approx(price.before + sum(price.costs))
    submitted = game.submit("Blue", plan, firm)
    assert submitted == price  # the same simulation, the same cost
    lines = price_lines("en", plan, price)
    assert lines[0] == "Promise: branches 1-2, from day 0: 1,200 EUR"
    assert lines[-1].startswith("This round's plan costs ") and "of 30,000 EUR" in lines[-1]
    text = submitted_text("en", 1, plan, price)
    assert text.startswith("Submitted for round 2: 2 campaigns. This round's plan costs ")
    assert f"your team will have spent {number('en', price.total, 0)} EUR of 30,000 EUR" in text
    assert submitted_text("en", 0, plan[:1], price).startswith("Submitted for round 1: 1 campaign. ")
    assert submitted_text("de", 0, plan[:1], price).startswith("Abgegeben für Runde 1: 1 Kampagne. ")
    assert submitted_text("de", 0, plan, price).startswith("Abgegeben für Runde 1: 2 Kampagnen. ")
    assert submitted_text("en", 0, (), price).startswith("Submitted for round 1: no campaign. ")
    # over the budget: the price says so, the refusal lists each campaign's cost
    dear = (Decision("attitude_training", ALL, 0), Decision("promise", (0,), 0))
    over = game.price("Blue", dear, firm)
    assert over.over_budget and "too much" in price_lines("en", dear, over)[-1]
    with pytest.raises(GameError) as refused:
        game.submit("Blue", dear, firm)
    lines = refusal_lines("en", refused.value)
    assert lines[0].startswith("Refused: this round's campaigns cost ")
    assert lines[1].startswith("Attitude training: branches 1-8, from day 0: ") and len(lines) == 3
    assert game.pending["Blue"] == plan


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
    assert game.history[0] == {"Blue": game.history[0]["Blue"]}
    assert game.skipped("Red") == game.skipped("Green") == (0,) and game.skipped("Blue") == ()
    assert game.round == 1 and game.pending == {}
    game.close_round()
    assert game.finished
    with pytest.raises(GameError) as refused:
        game.submit("Blue", (), firm)
    assert refused.value.key == "game.err.over"


def test_a_team_that_did_not_submit_is_told_so_on_its_page_and_in_the_debrief(firm):
    from campaign_sim.ui.game_view import history_lines

    game = Game(SETTINGS)
    game.submit("Blue", (Decision("promise", (0,), 0),), firm)
    game.submit("Red", (), firm)  # Red chose no campaign: that is a submission
    game.close_round()  # Green submitted nothing
    assert [game.skipped(t) for t in SETTINGS.teams] == [(), (), (0,)]
    again = Game.from_json(json.loads(json.dumps(game.to_json())))
    assert again.skipped("Green") == (0,) and again.skipped("Red") == ()
    results = simulate(game, firm)
    blue, red, green = results.teams
    assert green.skipped == (0,) and red.skipped == () and blue.skipped == ()
    assert [line for _, line, _ in history_lines("en", green)] == ["Round 1: no campaign submitted"]
    assert history_lines("de", green)[0][1] == "Runde 1: keine Kampagne abgegeben"
    texts = [text for _, text in game_debrief.lesson_lines(green, results, "en")]
    assert "Round 1: no campaign submitted" in " ".join(texts)
    assert not any("no campaign submitted" in t for _, t in game_debrief.lesson_lines(red, results, "en"))
    assert EN["game.not_submitted"].format(team="Team 1") == (
        "Team 1 has not submitted: it plays this round without a new campaign."
    )


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


def test_lessons_say_branch_or_branches_and_fear_blocked_only_for_a_meaningful_difference():
    results, team = _constructed()
    k = KPI_NAMES.index
    # branch 3 alone is afraid and its know-how stuck: "branch 3", singular, and the fear is the branch's
    values = team.values.copy()
    values[:, k("fear"), :] = [0.2, 0.2, 0.5, 0.2]
    values[20:, k("delivered_behaviour"), :] = 0.3 + np.array([0.08, 0.07, 0.01, 0.08])
    one = replace(team, values=values)
    found = {x.key: x for x in game_lessons.lessons(one, replace(results, teams=(one,)))}
    blocked = found["game.lesson.fear_blocked_vs"]
    assert blocked.branches == (2,)
    en, de = game_lessons.lesson_text("en", blocked), game_lessons.lesson_text("de", blocked)
    assert en.startswith("Fear blocked your behaviour training in branch 3: ")
    assert "in Filiale 3 blockiert: Die Angst dort lag" in de and "Ihre Angst" not in de
    assert "in den Filialen 1-2" in game_lessons.lesson_text("de", found["game.lesson.promise_gap"])
    # the same stuck know-how with fear hardly higher than in the calmer branches: no "blocked"
    values[:, k("fear"), :] = [0.2, 0.2, 0.22, 0.2]
    mild = replace(team, values=values)
    keys = [x.key for x in game_lessons.lessons(mild, replace(results, teams=(mild,)))]
    assert not any(key.startswith("game.lesson.fear_blocked") for key in keys)
    assert "game.lesson.behaviour_reached" in keys or "game.lesson.behaviour_low" in keys
    # a transfer only 3 points below the calmer branches': no "blocked" either
    values[:, k("fear"), :] = [0.2, 0.2, 0.5, 0.5]
    values[20:, k("delivered_behaviour"), :] = 0.3 + np.array([0.045, 0.045, 0.042, 0.042])
    close = replace(team, values=values)
    keys = [x.key for x in game_lessons.lessons(close, replace(results, teams=(close,)))]
    assert not any(key.startswith("game.lesson.fear_blocked") for key in keys)
    # the plan list says branch / branches too
    from campaign_sim.ui.game_view import plan_line

    assert plan_line("en", Decision("promise", (1,), 0)) == "Promise: branch 2, from day 0"
    assert plan_line("de", Decision("promise", (1, 2), 3)) == "Versprechen: Filialen 2-3, ab Tag 3"


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


def test_the_trainer_sees_the_games_settings_in_words_and_writes_the_budget_as_people_do(tmp_path):
    from campaign_sim.ui.game_view import parse_money, rules_text, settings_text

    assert parse_money("en", "60,000") == parse_money("de", "60.000") == parse_money("en", "60000") == 60_000
    assert parse_money("de", "1.500,50") == 1_500.5 and parse_money("en", "1,500.50") == 1_500.5
    assert parse_money("en", "40 000 EUR") == 40_000
    for bad in ("", "x", "-5", "1,2,3.4.5"):
        with pytest.raises(GameError):
            parse_money("en", bad)
    settings = replace(SETTINGS, company="retail_store")
    assert settings_text("en", settings) == (
        "This game: Retail store, budget 30,000 EUR per team, 2 rounds of 30 working days, 8 branches, "
        "seed 1."
    )
    assert settings_text("de", settings).startswith("Dieses Spiel: Einzelhandelsfiliale, Budget 30.000 EUR")
    assert rules_text("en", settings).startswith("How it works: 2 rounds of 30 working days")
    assert "30,000 EUR for the whole game" in rules_text("en", settings)


def test_a_participant_opens_on_the_game_while_one_is_open(tmp_path, monkeypatch):
    from campaign_sim.ui import game_hub

    monkeypatch.setattr(game_hub, "_HUB", GameHub(tmp_path, SCENARIOS))
    assert game_hub.participant_start_mode(SCENARIOS) == "workshop"
    game_hub._HUB.open(SETTINGS)
    assert game_hub.participant_start_mode(SCENARIOS) == "game"
    game_hub._HUB.close_round()
    game_hub._HUB.close_round()
    assert game_hub._HUB.wait(60) and game_hub.participant_start_mode(SCENARIOS) == "workshop"


def test_a_campaign_has_the_same_name_in_the_dropdown_the_plan_the_history_and_the_timeline():
    from campaign_sim.ui.game import OPTIONS

    for lang in ("en", "de"):
        table = EN if lang == "en" else DE
        for option in OPTIONS:
            short = table[f"game.short.{option}"]
            # the dropdown's entry starts with the name the plan list, the history and the timeline use
            assert table[f"game.opt.{option}"].startswith(short + ": "), (lang, option)
