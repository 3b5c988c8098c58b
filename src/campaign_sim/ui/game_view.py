"""The room game on the page: the trainer's form, round control and debrief; a team's plan and submission.

Every page polls the server's :class:`.game_hub.GameHub` twice a second from its
own thread and redraws when the game changed (a team submitted, a round ran).
The trainer's page opens the game and closes rounds; a participant's page joins
a team and submits its campaigns for the open round.  The logic lives in
:mod:`.game` (state), :mod:`.game_lessons` and :mod:`.game_debrief` (pages);
this module only draws them.
"""

from __future__ import annotations

import html
import re
import threading
from typing import cast

import solara

from . import game_debrief, page_state
from .components import Choice
from .game import (
    BRANCHES_RANGE,
    COMPANIES,
    DAYS_RANGE,
    OPTIONS,
    ROUNDS_RANGE,
    Decision,
    GameError,
    GameSettings,
    Price,
    TeamResult,
    branch_words,
    latest_start,
    parse_branches,
)
from .game_hub import GameHub, Snapshot, current
from .i18n import company_name, tr
from .payback import number
from .room import TRAINER

#: seconds between two looks at the game
POLL_SECONDS = 0.5
#: the pages of the debrief shown on the trainer's screen (the lessons page is shown as text)
SCREEN_PAGES = ("overview", "timeline", "staff", "customers")

CSS = """
.cs-game-ranking { border-collapse: collapse; margin: .3em 0; font-size: 1rem; }
.cs-game-ranking th, .cs-game-ranking td { text-align: left; padding: .25em .9em .25em 0; }
.cs-game-ranking th { border-bottom: 2px solid #0b4f8a; }
.cs-game-ranking td { border-bottom: 1px solid #ddd; }
.cs-game-lessons ul { margin: .1em 0 .5em 0; }
.cs-game-good { color: #1b6e20; }
.cs-game-bad { color: #b00020; }
.cs-game .cs-game-error { color: #b00020; font-weight: bold; }
.cs-game .cs-game-submitted { color: #1b6e20; }
@media (max-width: 600px) { .cs-game-ranking { font-size: .85rem; } }
"""

#: the width of the trainer's number fields
FIELD = {"max-width": "15em", "min-width": "9em"}

#: this page's team and its draft plan for the open round (each browser session has its own)
my_team = solara.reactive("")
draft = solara.reactive(cast(tuple[Decision, ...], ()))
draft_round = solara.reactive(-1)


def error_text(lang: str, err: GameError) -> str:
    """A refusal in words; money in it formatted for ``lang``."""
    values = {k: (f"{number(lang, v, 0)} EUR" if k in ("cost", "left") else v) for k, v in err.values.items()}
    return tr(lang, err.key, **values)


def parse_money(lang: str, text: str) -> float:
    """An amount of euros as people write it in ``lang`` ("60,000" / "60.000", "60000", "1,5" in
    German); GameError when it is not one."""
    words = text.strip().replace(" ", "").replace("\u202f", "").replace("EUR", "").replace("€", "")
    thousands, decimal = (".", ",") if lang == "de" else (",", ".")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", words):  # whole euros with separators, either way
        return float(re.sub(r"[.,]", "", words))
    if re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+(\{decimal}\d*)?", words):
        words = words.replace(thousands, "")
    words = words.replace(decimal, ".")
    if not re.fullmatch(r"\d+(\.\d*)?", words):
        raise GameError("game.err.money")
    return float(words)


def settings_text(lang: str, s: GameSettings) -> str:
    """The open game's settings in one line, for the trainer's page."""
    return tr(
        lang,
        "game.settings",
        company=company_name(lang, s.company),
        budget=eur(lang, s.budget),
        rounds=s.rounds,
        days=s.days_per_round,
        branches=s.branches,
        seed=s.seed,
    )


def eur(lang: str, value: float, signed: bool = False) -> str:
    return f"{number(lang, value, 0, signed)} EUR"


def use_snapshot(hub: GameHub) -> Snapshot:
    """The hub's game for this page, refreshed when it changes."""
    snap, set_snap = solara.use_state(hub.snapshot())

    def loop(cancel: threading.Event) -> None:
        seen = hub.version
        while not cancel.wait(POLL_SECONDS):
            if hub.version != seen:
                seen = hub.version
                set_snap(hub.snapshot())

    solara.use_thread(loop, dependencies=[hub], intrusive_cancel=False)
    return snap


def _note(text: str, css: str) -> None:
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text), classes=["cs-hint", *css.split()])


@solara.component
def GameView():
    """The game for this page's role: the trainer's control and debrief, or a team's plan."""
    hub = current(page_state.scenario_dir())
    snap = use_snapshot(hub)
    lang = page_state.language.value
    solara.Style(CSS)
    with solara.Column(classes=["cs-game"], gap="6px"):
        solara.Text(tr(lang, "game.title"), classes=["cs-ws-title"])
        if page_state.role.value == TRAINER:
            TrainerGame(hub, snap)
        else:
            TeamGame(hub, snap)


# ---- the trainer ------------------------------------------------------------------------------------


@solara.component
def SetupForm(hub: GameHub, on_done, can_cancel: bool = False):
    """The trainer's form: company, budget, rounds, days per round, branches, seed, teams."""
    lang = page_state.language.value
    defaults = GameSettings()
    company, set_company = solara.use_state(defaults.company)
    budget, set_budget = solara.use_state(number(lang, defaults.budget, 0))
    rounds, set_rounds = solara.use_state(defaults.rounds)
    days, set_days = solara.use_state(defaults.days_per_round)
    branches, set_branches = solara.use_state(defaults.branches)
    seed, set_seed = solara.use_state(defaults.seed)
    teams, set_teams = solara.use_state("\n".join(defaults.teams))
    problem, set_problem = solara.use_state("")

    def open_game() -> None:
        try:
            money = parse_money(lang, budget)
        except GameError as err:
            set_problem(error_text(lang, err))
            return
        settings = GameSettings(
            company=company,
            budget=money,
            rounds=int(rounds or 0),
            days_per_round=int(days or 0),
            teams=tuple(t.strip() for t in teams.splitlines() if t.strip()),
            branches=int(branches or 0),
            seed=int(seed or 0),
        )
        try:
            hub.open(settings)
        except GameError as err:
            set_problem(error_text(lang, err))
            return
        set_problem("")
        on_done()

    solara.Text(tr(lang, "game.intro"), classes=["cs-hint"])
    shipped = [c for c in COMPANIES if c in page_state.shipped_scenarios()]
    with solara.Row(gap="12px", style={"flex-wrap": "wrap", "align-items": "center"}):
        Choice(
            tr(lang, "game.company"),
            [(c, company_name(lang, c)) for c in shipped],
            company,
            set_company,
            classes=["cs-game-company"],
        )
        solara.InputText(
            tr(lang, "game.budget"),
            value=budget,
            on_value=set_budget,
            continuous_update=True,
            classes=["cs-game-budget"],
            style=FIELD,
        )
        for key, (low, high), value, setter in (
            ("rounds", ROUNDS_RANGE, rounds, set_rounds),
            ("days", DAYS_RANGE, days, set_days),
            ("branches", BRANCHES_RANGE, branches, set_branches),
        ):
            solara.InputInt(
                f"{tr(lang, f'game.{key}')} ({low}-{high})",
                value=value,
                on_value=setter,
                classes=[f"cs-game-{key}"],
                style=FIELD,
            )
        solara.InputInt(
            tr(lang, "game.seed"), value=seed, on_value=set_seed, classes=["cs-game-seed"], style=FIELD
        )
    with solara.Div(classes=["cs-game-teams"], style={"max-width": "28em"}):
        solara.Text(tr(lang, "game.teams"), classes=["cs-hint"])
        solara.InputTextArea(
            tr(lang, "game.teams"), value=teams, on_value=set_teams, rows=4, continuous_update=True
        )
    if problem:
        _note(problem, "cs-game-error")
    with solara.Row():
        solara.Button(tr(lang, "game.open"), on_click=open_game, color="primary", classes=["cs-game-open"])
        if can_cancel:
            solara.Button(tr(lang, "game.back"), on_click=on_done, text=True, classes=["cs-game-back"])


@solara.component
def TrainerGame(hub: GameHub, snap: Snapshot):
    """Round control (who has submitted, run now) and the debrief; the form while no game is open."""
    lang = page_state.language.value
    setting_up, set_setting_up = solara.use_state(False)
    #: the round the trainer was asked to confirm running (-1: none); a round that ran meanwhile drops it
    confirming, set_confirming = solara.use_state(-1)
    game = snap.game
    if game is None or setting_up:
        SetupForm(hub, lambda: set_setting_up(False), can_cancel=game is not None)
        return
    s = game.settings
    _note(settings_text(lang, s), "cs-game-settings")
    if game.finished:
        _note(tr(lang, "game.over", n=s.rounds), "cs-game-status")
    else:
        done = len(s.teams) - len(game.waiting_for)
        _note(
            tr(lang, "game.status", r=game.round + 1, n=s.rounds, done=done, teams=len(s.teams)),
            "cs-game-status",
        )
        if game.waiting_for:
            _note(tr(lang, "game.waiting", teams=", ".join(game.waiting_for)), "cs-game-waiting")

    def run_now() -> None:
        set_confirming(-1)
        try:
            hub.close_round()
        except GameError as err:
            page_state.message.set(page_state.Message("error", err.key))

    def ask() -> None:
        # a team that has not submitted plays the round without a new campaign: say so, then ask
        if game.waiting_for:
            set_confirming(game.round)
        else:
            run_now()

    if confirming == game.round and not game.finished and game.waiting_for:
        with solara.Column(gap="2px", classes=["cs-game-confirm"]):
            for name in game.waiting_for:
                _note(tr(lang, "game.not_submitted", team=name), "cs-game-not-submitted")
            _note(tr(lang, "game.confirm_run", r=game.round + 1), "cs-game-confirm-question")
            with solara.Row(gap="10px"):
                solara.Button(
                    tr(lang, "game.confirm_yes"),
                    on_click=run_now,
                    disabled=snap.running,
                    color="primary",
                    classes=["cs-game-run-confirm"],
                )
                solara.Button(
                    tr(lang, "game.confirm_no"),
                    on_click=lambda: set_confirming(-1),
                    text=True,
                    classes=["cs-game-run-cancel"],
                )
    with solara.Row(gap="10px", style={"flex-wrap": "wrap", "align-items": "center"}):
        solara.Button(
            tr(lang, "game.run_now"),
            on_click=ask,
            disabled=game.finished or snap.running,
            color="primary",
            classes=["cs-game-run"],
        )
        solara.Button(
            tr(lang, "game.new"), on_click=lambda: set_setting_up(True), text=True, classes=["cs-game-new"]
        )
    if snap.running:
        _note(tr(lang, "game.running"), "cs-game-running")
    if hub.errors:
        _note(hub.errors[-1], "cs-game-error")
    if snap.results is not None:
        Debrief(snap)


@solara.component
def Debrief(snap: Snapshot):
    """All teams side by side: ranking, lessons, and the debrief's pages (timeline, staff, customers)."""
    lang = page_state.language.value
    results = snap.results
    assert results is not None
    solara.Text(tr(lang, "game.debrief"), classes=["cs-ws-title", "cs-game-debrief"])
    _note(game_debrief.subtitle(results, lang), "cs-game-subtitle")
    rows = game_debrief.ranking_rows(results, lang)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows[1:])
    solara.HTML(tag="table", unsafe_innerHTML=f"<tr>{head}</tr>{body}", classes=["cs-game-ranking"])
    _note(tr(lang, "game.net_hint"), "cs-game-hint")
    solara.Text(tr(lang, "game.lessons"), classes=["cs-branch-title"])
    for _, team in results.ranking():
        items = "".join(
            f'<li class="cs-game-{tone}">{html.escape(text)}</li>'
            for tone, text in game_debrief.lesson_lines(team, results, lang)
        )
        solara.HTML(
            tag="div",
            unsafe_innerHTML=f"<b>{html.escape(team.team)}</b><ul>{items}</ul>",
            classes=["cs-game-lessons"],
        )
    drawn = solara.use_thread(
        lambda: game_debrief.png_pages(results, lang),
        dependencies=[id(results), lang],
        intrusive_cancel=False,
    )
    pngs = drawn.value if drawn.state == solara.ResultState.FINISHED and drawn.value else []
    with solara.Row(gap="10px", style={"flex-wrap": "wrap"}):
        with solara.Div(classes=["cs-game-pdf"]):
            solara.FileDownload(
                lambda: game_debrief.pdf_bytes(results, lang),
                filename=f"room_game_debrief_{lang}.pdf",
                label=tr(lang, "game.download_pdf"),
                mime_type="application/pdf",
            )
        for i, png in enumerate(pngs):
            with solara.Div(classes=[f"cs-game-png-{i + 1}"]):
                solara.FileDownload(
                    png,
                    filename=f"room_game_debrief_{lang}_{i + 1}.png",
                    label=tr(lang, "game.download_png", i=i + 1),
                    mime_type="image/png",
                )
    if not pngs:
        _note(tr(lang, "game.drawing"), "cs-game-drawing")
    for name, png in zip(game_debrief.PAGES, pngs, strict=False):
        if name in SCREEN_PAGES:
            solara.Image(png, width="100%", classes=[f"cs-game-page-{name}"])


# ---- a team ---------------------------------------------------------------------------------------------


def rules_text(lang: str, s: GameSettings) -> str:
    """The game's rules in three lines, above the team picker: rounds, budget, what submit does."""
    return tr(lang, "game.rules", rounds=s.rounds, days=s.days_per_round, budget=eur(lang, s.budget))


@solara.component
def TeamGame(hub: GameHub, snap: Snapshot):
    """Join a team, plan the open round's campaigns within the budget left, submit."""
    lang = page_state.language.value
    game = snap.game
    if game is None:
        _note(tr(lang, "game.none_open"), "cs-game-none")
        return
    s = game.settings
    team = my_team.value if my_team.value in s.teams else ""

    def join(name: str) -> None:
        draft_round.set(-1)
        my_team.set(name)

    if not game.finished:
        _note(rules_text(lang, s), "cs-game-rules")
    Choice(tr(lang, "game.join"), [(t, t) for t in s.teams], team or None, join, classes=["cs-game-team"])
    if team:
        TeamPlan(hub, snap, team)


def history_lines(lang: str, mine: TeamResult) -> list[tuple[int, str, str]]:
    """(round, line, css) of what a team decided so far, round by round: each campaign with what it
    cost, and a round in which the team submitted nothing."""
    lines = [
        (
            int(row["round"]),
            tr(
                lang,
                "game.history_line",
                r=int(row["round"]) + 1,
                campaign=plan_line(
                    lang,
                    Decision(str(row["option"]), cast(tuple[int, ...], row["ids"]), cast(int, row["start"])),
                ),
                cost=eur(lang, float(row["money_spent"])),
            ),
            "cs-game-history",
        )
        for row in mine.campaigns
    ]
    lines += [
        (r, tr(lang, "game.skipped_line", r=r + 1), "cs-game-history cs-game-skipped") for r in mine.skipped
    ]
    return sorted(lines, key=lambda item: item[0])


@solara.component
def TeamPlan(hub: GameHub, snap: Snapshot, team: str):
    """A joined team's page: budget left, result so far, the open round's plan and its submission."""
    lang = page_state.language.value
    game = snap.game
    assert game is not None
    s = game.settings

    def new_round() -> None:
        if draft_round.peek() != game.round:  # a new round (or team): start from what the team submitted
            draft.set(game.pending.get(team, ()))
            draft_round.set(game.round)

    solara.use_effect(new_round, [game.round, team])
    _note(tr(lang, "game.joined", team=team), "cs-game-joined")
    spent = snap.spent(team)
    _note(
        tr(lang, "game.budget_left", left=eur(lang, s.budget - spent), budget=eur(lang, s.budget)),
        "cs-game-budget-left",
    )
    if snap.results is not None:
        ranking = snap.results.ranking()
        rank, mine = next((r, t) for r, t in ranking if t.team == team)
        _note(
            tr(
                lang,
                "game.after_round",
                r=snap.results.days // s.days_per_round,
                net=eur(lang, mine.net_benefit, True),
                rank=rank,
                n=len(ranking),
            ),
            "cs-game-result",
        )
        for _, line, css in history_lines(lang, mine):
            _note(line, css)
    if game.finished:
        _note(tr(lang, "game.over", n=s.rounds), "cs-game-status")
        return
    d0 = game.round * s.days_per_round
    solara.Text(
        tr(lang, "game.plan", r=game.round + 1, d0=d0, d1=d0 + s.days_per_round - 1),
        classes=["cs-branch-title"],
    )
    PlanEditor(s.branches, s.days_per_round)
    Submit(hub, snap, team)


@solara.component
def PlanEditor(branches: int, days_per_round: int):
    """The draft plan: its campaigns (each removable) and a line to add one more."""
    lang = page_state.language.value
    option, set_option = solara.use_state("attitude_training")
    where, set_where = solara.use_state("all")
    start, set_start = solara.use_state(0)
    #: (the inputs and draft it is about, text): a refusal goes as soon as any of them changes
    problem, set_problem = solara.use_state(cast(tuple[tuple[object, ...], str] | None, None))
    last = latest_start(option, days_per_round)
    inputs = (option, where, start, draft.value)

    def add() -> None:
        try:
            ids = parse_branches(where, branches)
            if not 0 <= int(start or 0) <= last:
                raise GameError("game.err.start", last=last)
        except GameError as err:
            set_problem((inputs, error_text(lang, err)))
            return
        set_problem(None)
        draft.set((*draft.value, Decision(option, ids, int(start or 0))))

    if not draft.value:
        _note(tr(lang, "game.no_plan"), "cs-game-empty")
    for i, d in enumerate(draft.value):
        with solara.Row(gap="8px", style={"align-items": "center"}, classes=["cs-game-decision"]):
            solara.Text(plan_line(lang, d))
            solara.Button(
                tr(lang, "game.remove"),
                on_click=lambda i=i: draft.set(draft.value[:i] + draft.value[i + 1 :]),
                text=True,
                classes=["cs-game-remove"],
            )
    with solara.Row(gap="10px", style={"flex-wrap": "wrap", "align-items": "center"}):
        Choice(
            tr(lang, "game.option"),
            [(o, tr(lang, f"game.opt.{o}")) for o in OPTIONS],
            option,
            set_option,
            classes=["cs-game-option"],
        )
        solara.InputText(
            tr(lang, "game.where", n=branches),
            value=where,
            on_value=set_where,
            continuous_update=True,
            classes=["cs-game-where"],
        )
        solara.InputInt(
            tr(lang, "game.start", last=last), value=start, on_value=set_start, classes=["cs-game-start"]
        )
        solara.Button(tr(lang, "game.add"), on_click=add, outlined=True, classes=["cs-game-add"])
    if problem is not None and problem[0] == inputs:
        _note(problem[1], "cs-game-error")


def plan_line(lang: str, d: Decision) -> str:
    """A planned campaign in words, as the plan list, the prices and the team's history name it."""
    return tr(
        lang,
        "game.line",
        option=tr(lang, f"game.short.{d.option}"),
        branches=branch_words(lang, d.branches),
        start=d.start,
    )


def price_lines(lang: str, decisions: tuple[Decision, ...], price: Price) -> list[str]:
    """A plan's price in words: each campaign's cost, then the round's and the budget left after it."""
    lines = [
        tr(lang, "game.price_line", campaign=plan_line(lang, d), cost=eur(lang, cost))
        for d, cost in zip(decisions, price.costs, strict=True)
    ]
    if price.over_budget:
        lines.append(
            tr(
                lang,
                "game.price_over",
                cost=eur(lang, price.round_cost),
                left=eur(lang, price.left_before),
                over=eur(lang, -price.left_after),
            )
        )
    else:
        lines.append(
            tr(
                lang,
                "game.price_round",
                cost=eur(lang, price.round_cost),
                spent=eur(lang, price.total),
                budget=eur(lang, price.budget),
                left=eur(lang, price.left_after),
            )
        )
    return lines


def refusal_lines(lang: str, err: GameError) -> list[str]:
    """A refusal in words; a plan over the budget also lists what each of its campaigns costs."""
    lines = [error_text(lang, err)]
    for d, cost in cast(tuple[tuple[Decision, float], ...], err.values.get("campaigns", ())):
        lines.append(tr(lang, "game.price_line", campaign=plan_line(lang, d), cost=eur(lang, cost)))
    return lines


def submitted_text(lang: str, r: int, decisions: tuple[Decision, ...], price: Price) -> str:
    """What a team's page says after its plan for round ``r`` (0-based) was submitted."""
    n = len(decisions)
    key = "game.submitted_none" if n == 0 else "game.submitted_one" if n == 1 else "game.submitted_many"
    return tr(
        lang,
        key,
        r=r + 1,
        n=n,
        cost=eur(lang, price.round_cost),
        spent=eur(lang, price.total),
        budget=eur(lang, price.budget),
    )


@solara.component
def Submit(hub: GameHub, snap: Snapshot, team: str):
    """Check the draft's price or submit it; the answer (price, refusal) stands above the buttons, where
    a phone shows it, and only as long as the draft it was about is unchanged."""
    lang = page_state.language.value
    #: ((round, the draft it is about), css, lines): a message about an older draft or round is not shown
    message, set_message = solara.use_state(
        cast(tuple[tuple[int, tuple[Decision, ...]], str, tuple[str, ...]] | None, None)
    )
    game = snap.game
    assert game is not None
    plan = draft.value
    about = (game.round, plan)

    def submit() -> None:
        try:
            hub.submit(team, plan)
        except GameError as err:
            set_message((about, "cs-game-error", tuple(refusal_lines(lang, err))))
            return
        set_message(None)

    def check() -> None:
        try:
            price = hub.price(team, plan)
        except GameError as err:
            set_message((about, "cs-game-error", tuple(refusal_lines(lang, err))))
            return
        css = "cs-game-error" if price.over_budget else "cs-game-price"
        set_message((about, css, tuple(price_lines(lang, plan, price))))

    _note(tr(lang, "game.cost_note"), "cs-game-cost-note")
    if message is not None and message[0] == about:
        with solara.Column(gap="0px", classes=["cs-game-message"]):
            for line in message[2]:
                _note(line, message[1])
    elif team in game.pending and team in snap.pending_price:
        _note(
            submitted_text(lang, game.round, game.pending[team], snap.pending_price[team]),
            "cs-game-submitted",
        )
    label = "game.submit" if plan else "game.submit_none"
    with solara.Row(gap="10px", style={"flex-wrap": "wrap", "align-items": "center"}):
        solara.Button(
            tr(lang, "game.check_price"), on_click=check, outlined=True, classes=["cs-game-price-check"]
        )
        solara.Button(tr(lang, label), on_click=submit, color="primary", classes=["cs-game-submit"])
