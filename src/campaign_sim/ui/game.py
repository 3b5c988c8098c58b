"""The room game: teams decide campaigns under a budget, round by round, on the same company.

Nothing here imports Solara.  A :class:`Game` is the whole state a trainer's game
needs (its :class:`GameSettings`, the decisions of every closed round, the
submissions of the open one); everything the debrief shows is recomputed from it
by :func:`simulate`, deterministically: every team and the no-campaign
counterfactual run the same company with the same seed (common random numbers),
so teams differ only by their decisions.  Each evaluation re-runs a team's whole
history from day 0 with all its decisions so far (a 8-20 branch company-year
takes well under a second), which is what lets a game survive a server restart
from its JSON file (:func:`save`, :func:`load`).

Campaigns live inside their round: a lever campaign (incentives, manager style,
promise) runs from its start day to the round's end, a training spreads its
sessions over at most :data:`TRAINING_DAYS` days and ends before the round does.
So after a round every campaign's cost is final, and what a team has spent is
what its campaigns cost in the simulation (``CampaignKind.cost_split``, the
same booking as the experiments' ``CostLedger``), never an estimate.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..model import CampaignModel
from ..outputs import KPI_NAMES
from ..scenario import Scenario
from ..scenario_io import load_scenario, validate_scenario
from .i18n import tr
from .payback import payback

#: the campaigns a team can buy: option -> the campaign spec (the kinds' own defaults for the rest)
OPTIONS: dict[str, dict[str, Any]] = {
    "behaviour_training": {"kind": "behaviour_training"},
    "attitude_training": {"kind": "attitude_training"},
    "incentive_effect": {"kind": "incentive_scheme", "focus_effect": 1.0, "reward": 0.5, "punishment": 0.1},
    "incentive_doing": {"kind": "incentive_scheme", "focus_effect": 0.0, "reward": 0.5, "punishment": 0.1},
    "leadership_supportive": {"kind": "leadership", "support": 0.85, "punishment": 0.05},
    "leadership_controlling": {"kind": "leadership", "support": 0.15, "punishment": 0.8},
    "promise": {"kind": "promise", "level": 0.6},
}
TRAININGS = frozenset({"behaviour_training", "attitude_training"})
#: the longest a training's sessions are spread over (the kinds' default)
TRAINING_DAYS = 30
#: the fewest days a training needs before its round ends (sessions plus the days off the floor)
TRAINING_MIN_DAYS = 10
#: shipped scenarios offered as the game's company (their campaigns are removed)
COMPANIES = ("baseline", "retail_store", "bank_branch", "harsh_market")
#: limits of the trainer's form
BRANCHES_RANGE = (4, 20)
ROUNDS_RANGE = (1, 8)
DAYS_RANGE = (20, 120)
TEAMS_RANGE = (2, 8)
#: the game's file in its folder
FILE_NAME = "game.json"


class GameError(ValueError):
    """A refused action: ``key`` is a text key of :mod:`.game_text`, ``values`` fill it in."""

    def __init__(self, key: str, **values: object):
        super().__init__(f"{key} {values}")
        self.key = key
        self.values = values


@dataclass(frozen=True)
class GameSettings:
    """What the trainer chose when opening the game."""

    company: str = "baseline"
    budget: float = 60_000.0
    rounds: int = 4
    days_per_round: int = 60
    teams: tuple[str, ...] = ("Team 1", "Team 2")
    branches: int = 12
    seed: int = 1

    @property
    def days(self) -> int:
        """The game's horizon in working days."""
        return self.rounds * self.days_per_round

    def check(self) -> None:
        """Raise :class:`GameError` for settings a game cannot run with."""
        names = [t.strip() for t in self.teams]
        if not TEAMS_RANGE[0] <= len(names) <= TEAMS_RANGE[1]:
            raise GameError("game.err.teams", lo=TEAMS_RANGE[0], hi=TEAMS_RANGE[1])
        if any(not n for n in names) or len(set(names)) != len(names):
            raise GameError("game.err.team_names")
        for value, (lo, hi), key in (
            (self.branches, BRANCHES_RANGE, "game.err.branches"),
            (self.rounds, ROUNDS_RANGE, "game.err.rounds"),
            (self.days_per_round, DAYS_RANGE, "game.err.days"),
        ):
            if not lo <= value <= hi:
                raise GameError(key, lo=lo, hi=hi)
        if not self.budget > 0:
            raise GameError("game.err.budget")


@dataclass(frozen=True)
class Decision:
    """One campaign a team buys: an :data:`OPTIONS` key, branch ids (0-based), start day within the round."""

    option: str
    branches: tuple[int, ...]
    start: int = 0

    def campaign(self, settings: GameSettings, round_index: int) -> dict[str, Any]:
        """The campaign spec this decision adds to the team's scenario (absolute days)."""
        begin = round_index * settings.days_per_round + self.start
        end = (round_index + 1) * settings.days_per_round
        spec = {
            **OPTIONS[self.option],
            "name": f"r{round_index + 1} {self.option}",
            "branches": sorted(self.branches),
            "start_day": begin,
        }
        # a training completes on its last day, which must be inside the round; a lever runs to its end
        spec["duration_days"] = (
            min(TRAINING_DAYS, end - 1 - begin) if self.option in TRAININGS else end - begin
        )
        return spec


def latest_start(option: str, days_per_round: int) -> int:
    """The last start day (within the round) an option may have."""
    return days_per_round - 1 - TRAINING_MIN_DAYS if option in TRAININGS else days_per_round - 1


def parse_branches(text: str, n: int) -> tuple[int, ...]:
    """Branch numbers as people write them ("1-4, 7", "all") -> 0-based ids; GameError when unclear."""
    words = text.strip().lower()
    if words in ("all", "alle", "*"):
        return tuple(range(n))
    ids: set[int] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[,;\s]+", words))):
        found = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if found is None:
            raise GameError("game.err.branch_text", n=n)
        lo = int(found.group(1))
        hi = int(found.group(2) or lo)
        if not 1 <= lo <= hi <= n:
            raise GameError("game.err.branch_range", n=n)
        ids.update(range(lo - 1, hi))
    if not ids:
        raise GameError("game.err.branch_text", n=n)
    return tuple(sorted(ids))


def branch_words(lang: str, ids: tuple[int, ...] | list[int], after_in: bool = False) -> str:
    """Branches with their noun, singular or plural: "branch 2", "branches 1-4, 7" ("Filiale 2",
    "Filialen 1-4"; after "in" the German plural takes its article: "den Filialen 1-4")."""
    key = ("game.in_branch_" if after_in else "game.branch_") + ("one" if len(ids) == 1 else "many")
    return tr(lang, key, ids=branch_text(ids))


def branch_text(ids: tuple[int, ...] | list[int]) -> str:
    """0-based ids as people read them, 1-based with ranges: "1-4, 7"."""
    numbers = sorted(i + 1 for i in ids)
    parts: list[tuple[int, int]] = []
    for number in numbers:
        if parts and number == parts[-1][1] + 1:
            parts[-1] = (parts[-1][0], number)
        else:
            parts.append((number, number))
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in parts)


@dataclass
class Game:
    """A game's whole state: settings, each closed round's decisions per team, the open round's plans."""

    settings: GameSettings
    #: per closed round: team -> its decisions; a team that did not submit is missing (it decided nothing)
    history: list[dict[str, tuple[Decision, ...]]] = field(default_factory=list)
    #: the open round's submissions so far: team -> decisions
    pending: dict[str, tuple[Decision, ...]] = field(default_factory=dict)

    @property
    def round(self) -> int:
        """The open round (0-based); equal to ``settings.rounds`` when the game is over."""
        return len(self.history)

    @property
    def finished(self) -> bool:
        return self.round >= self.settings.rounds

    def skipped(self, team: str) -> tuple[int, ...]:
        """The closed rounds (0-based) in which ``team`` submitted nothing (it played them without a
        new campaign); a team that submitted an empty plan chose no campaign and is not counted."""
        return tuple(r for r, chosen in enumerate(self.history) if team not in chosen)

    def decisions(self, team: str, upto: int | None = None) -> list[tuple[int, Decision]]:
        """(round, decision) of ``team`` in the closed rounds before ``upto`` (default: all closed)."""
        rounds = self.history[: self.round if upto is None else upto]
        return [(r, d) for r, chosen in enumerate(rounds) for d in chosen.get(team, ())]

    def check_team(self, team: str) -> None:
        if team not in self.settings.teams:
            raise GameError("game.err.unknown_team", team=team)

    def submit(self, team: str, decisions: list[Decision] | tuple[Decision, ...], company: Scenario) -> Price:
        """Record ``team``'s decisions for the open round (replacing an earlier submission).

        Returns the plan's :class:`Price` (each campaign, the round, the team's total); refuses (GameError)
        an unknown team, a finished game, a decision that does not fit the round or
        the company, and a plan whose campaigns cost more than the budget left.
        """
        self.check_team(team)
        if self.finished:
            raise GameError("game.err.over")
        chosen = tuple(decisions)
        quote = self.price(team, chosen, company)
        if quote.total > self.settings.budget + 0.005:
            raise GameError(
                "game.err.budget_exceeded",
                cost=quote.round_cost,
                left=quote.left_before,
                campaigns=tuple(zip(chosen, quote.costs, strict=True)),
            )
        self.pending[team] = chosen
        return quote

    def price(self, team: str, decisions: list[Decision] | tuple[Decision, ...], company: Scenario) -> Price:
        """What ``decisions`` would cost ``team`` in the open round, priced exactly as :meth:`submit`
        prices them (the same simulation), without submitting; refuses what submit refuses except
        a plan over the budget (the price says so: :attr:`Price.over_budget`)."""
        self.check_team(team)
        if self.finished:
            raise GameError("game.err.over")
        chosen = tuple(decisions)
        for d in chosen:
            self.check_decision(d)
        return team_price(self, team, chosen, company)

    def check_decision(self, d: Decision) -> None:
        s = self.settings
        if d.option not in OPTIONS:
            raise GameError("game.err.option", option=d.option)
        if not d.branches or any(not 0 <= b < s.branches for b in d.branches):
            raise GameError("game.err.branch_range", n=s.branches)
        last = latest_start(d.option, s.days_per_round)
        if not 0 <= d.start <= last:
            raise GameError("game.err.start", last=last)

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """Teams that have not submitted in the open round."""
        return tuple(t for t in self.settings.teams if t not in self.pending)

    def close_round(self) -> int:
        """Close the open round (teams that did not submit decide nothing and are recorded as such,
        see :meth:`skipped`); returns the closed round."""
        if self.finished:
            raise GameError("game.err.over")
        self.history.append({t: self.pending[t] for t in self.settings.teams if t in self.pending})
        self.pending = {}
        return self.round - 1

    # ---- JSON ------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        def rows(chosen: dict[str, tuple[Decision, ...]]) -> dict[str, list[dict[str, Any]]]:
            return {t: [asdict(d) for d in ds] for t, ds in chosen.items()}

        return {
            "format": 1,
            "settings": {**asdict(self.settings), "teams": list(self.settings.teams)},
            "history": [rows(r) for r in self.history],
            "pending": rows(self.pending),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Game:
        def decisions(rows: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[Decision, ...]]:
            return {
                t: tuple(
                    Decision(d["option"], tuple(int(b) for b in d["branches"]), int(d["start"])) for d in ds
                )
                for t, ds in rows.items()
            }

        raw = dict(data["settings"])
        settings = GameSettings(**{**raw, "teams": tuple(raw["teams"])})
        return cls(settings, [decisions(r) for r in data["history"]], decisions(data.get("pending", {})))


def save(game: Game, folder: Path) -> Path:
    """Write ``game`` to ``folder/game.json`` atomically (a crash never leaves half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".game-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(game.to_json(), out, indent=1)
    os.replace(tmp, target)
    return target


def load(folder: Path) -> Game | None:
    """The game saved in ``folder``, or None when there is none."""
    path = folder / FILE_NAME
    if not path.is_file():
        return None
    return Game.from_json(json.loads(path.read_text(encoding="utf-8")))


# ---- simulating ---------------------------------------------------------------------------------


def company(settings: GameSettings, scenario_dir: Path) -> Scenario:
    """The game's company: a shipped scenario without its campaigns, at the game's size, horizon, seed."""
    if settings.company not in COMPANIES:
        raise GameError("game.err.company", company=settings.company)
    base = load_scenario(scenario_dir / f"{settings.company}.toml")
    data = base.model_dump()
    data["campaigns"] = []
    data["run"].update(branches=settings.branches, days=settings.days, seed=settings.seed)
    return validate_scenario(data, settings.company)


def team_scenario(game: Game, team: str, company_: Scenario, extra: tuple[Decision, ...] = ()) -> Scenario:
    """``company_`` with every closed-round decision of ``team`` (and ``extra`` in the open round)."""
    specs = [d.campaign(game.settings, r) for r, d in game.decisions(team)]
    specs += [d.campaign(game.settings, game.round) for d in extra]
    if not specs:
        return company_
    return validate_scenario({**company_.model_dump(), "campaigns": specs}, team)


def run(scenario: Scenario, days: int) -> CampaignModel:
    """``scenario`` run for ``days`` working days from day 0 with its own seed."""
    model = CampaignModel(scenario, seed=scenario.run.seed)
    for _ in range(days):
        model.step()
    return model


@dataclass(frozen=True)
class Price:
    """What a plan for the open round costs a team: each planned campaign, and what came before."""

    budget: float
    #: what the team spent in the closed rounds (final: their campaigns have ended)
    before: float
    #: each planned campaign's cost by the round's end, in the plan's order (EUR)
    costs: tuple[float, ...]

    @property
    def round_cost(self) -> float:
        """What the plan costs this round."""
        return float(sum(self.costs))

    @property
    def total(self) -> float:
        """What the team will have spent by the round's end with this plan."""
        return self.before + self.round_cost

    @property
    def left_before(self) -> float:
        """The budget left before this round's plan."""
        return max(self.budget - self.before, 0.0)

    @property
    def left_after(self) -> float:
        """The budget left after this round's plan (negative: over the budget)."""
        return self.budget - self.total

    @property
    def over_budget(self) -> bool:
        return self.total > self.budget + 0.005


def team_price(game: Game, team: str, extra: tuple[Decision, ...], company_: Scenario) -> Price:
    """The :class:`Price` of ``extra`` as ``team``'s plan for the open round: one simulation of the
    team's whole history with it to the round's end, each campaign's cost as it is booked there."""
    budget = game.settings.budget
    if not extra and not game.decisions(team):
        return Price(budget, 0.0, ())
    days = min(game.round + 1, game.settings.rounds) * game.settings.days_per_round
    model = run(team_scenario(game, team, company_, extra), days)
    spent = [float(r["money_spent"]) for r in model.campaigns.summary()]
    old = len(spent) - len(extra)  # the closed rounds' campaigns come first (team_scenario's order)
    return Price(budget, float(sum(spent[:old])), tuple(spent[old:]))


def team_spent(game: Game, team: str, extra: tuple[Decision, ...], company_: Scenario) -> float:
    """What ``team``'s campaigns cost by the open round's end, with ``extra`` as its plan for it (EUR)."""
    return team_price(game, team, extra, company_).total


@dataclass(frozen=True)
class TeamResult:
    """One team's simulated run over the closed rounds, next to the counterfactual."""

    team: str
    values: np.ndarray  # (day, kpi, branch)
    spent: float
    net: np.ndarray  # cumulative net benefit vs the counterfactual per day (EUR, all branches)
    campaigns: tuple[
        dict[str, object], ...
    ]  # each campaign's summary (cost, reached), with "round", "option"
    #: the closed rounds (0-based) in which the team submitted nothing
    skipped: tuple[int, ...] = ()

    @property
    def net_benefit(self) -> float:
        return float(self.net[-1]) if self.net.size else 0.0


@dataclass(frozen=True)
class Results:
    """Every team and the counterfactual over the closed rounds (``days`` working days)."""

    settings: GameSettings
    days: int
    baseline: np.ndarray  # (day, kpi, branch) without any campaign
    teams: tuple[TeamResult, ...]

    def ranking(self) -> list[tuple[int, TeamResult]]:
        """(rank, team) by net benefit, best first; equal net benefits share a rank."""
        ordered = sorted(self.teams, key=lambda t: -t.net_benefit)
        out: list[tuple[int, TeamResult]] = []
        for i, t in enumerate(ordered):
            same = out and round(out[-1][1].net_benefit, 2) == round(t.net_benefit, 2)
            out.append((out[-1][0] if same else i + 1, t))
        return out

    def series(self, values: np.ndarray, kpi: str, how: str = "mean") -> np.ndarray:
        """A KPI per day over the company: mean (states) or sum (counts) over branches."""
        column = values[:, KPI_NAMES.index(kpi), :]
        return np.nansum(column, axis=1) if how == "sum" else np.nanmean(column, axis=1)


def simulate(game: Game, company_: Scenario) -> Results | None:
    """Every team's history over the closed rounds, and the counterfactual; None before a round closed."""
    days = game.round * game.settings.days_per_round
    if days == 0:
        return None
    base = run(company_, days)
    baseline = base.company_values(0).copy()
    profit = KPI_NAMES.index("profit")
    teams = []
    for team in game.settings.teams:
        chosen = game.decisions(team)
        model = run(team_scenario(game, team, company_), days) if chosen else base
        values = model.company_values(0).copy()
        rows = tuple(
            {
                **row,
                "round": r,
                "option": d.option,
                "start": d.start,
                "ids": d.branches,
                "duration": d.campaign(game.settings, r)["duration_days"],
            }
            for row, (r, d) in zip(model.campaigns.summary(), chosen, strict=True)
        )
        spent = float(sum(r["money_spent"] for r in rows))
        net = payback(baseline[:, profit, :], values[:, profit, :], 0, 0.0, spent).cumulative
        teams.append(TeamResult(team, values, spent, net, rows, game.skipped(team)))
    return Results(game.settings, days, baseline, tuple(teams))
