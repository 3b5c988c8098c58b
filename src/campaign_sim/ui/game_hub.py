"""The server's one room game, shared by every page: thread-safe, saved after every change.

Nothing here imports Solara.  Pages call :class:`GameHub`'s methods from their
own threads and poll :attr:`GameHub.version` to learn that something changed;
a closed round is simulated in a background thread (never in a page's event
handler), and its :class:`~.game.Results` replace the old ones when ready.  The
game is saved as JSON in the hub's folder after every change, and a hub made on a
folder with a saved game (a restarted server) continues it: results are
recomputed from the decisions.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from .game import (
    FILE_NAME,
    Decision,
    Game,
    GameError,
    GameSettings,
    Price,
    Results,
    company,
    load,
    save,
    simulate,
    team_price,
)
from .room import DEFAULT_GAME_DIR, ENV_GAME_DIR


@dataclass(frozen=True)
class Snapshot:
    """What a page shows of the game at one moment (copies: a page never changes the hub's game)."""

    version: int
    game: Game | None
    results: Results | None
    running: bool
    #: the open round's submissions: team -> their price (each campaign, the round, the team's total)
    pending_price: dict[str, Price]

    @property
    def pending_spent(self) -> dict[str, float]:
        """The open round's submissions: team -> what the team will have spent by the round's end."""
        return {team: price.total for team, price in self.pending_price.items()}

    def spent(self, team: str) -> float:
        """What ``team`` has spent in the closed rounds (EUR)."""
        if self.results is None:
            return 0.0
        return next((t.spent for t in self.results.teams if t.team == team), 0.0)


class GameHub:
    """One game at a time: open, submit, close rounds, simulate in the background, save after each change."""

    def __init__(self, folder: Path, scenario_dir: Path):
        self.folder, self.scenario_dir = folder, scenario_dir
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        #: counts opened games, so that a late simulation of an old game never lands in a new one
        self._generation = 0
        self._game: Game | None = None
        self._results: Results | None = None
        self._pending_price: dict[str, Price] = {}
        self._running = 0
        self.version = 0
        self.errors: list[str] = []
        try:
            saved = load(folder)
            if saved is not None:
                saved.settings.check()
                firm = self._company(saved)
                spent = {
                    team: team_price(saved, team, chosen, firm) for team, chosen in saved.pending.items()
                }
        except Exception as err:  # a damaged or foreign file: start without a game, and say why
            self.errors.append(
                f"{folder / FILE_NAME}: not a game this version can continue ({type(err).__name__})"
            )
            print(f"room game: {self.errors[-1]}", file=sys.stderr, flush=True)
            saved = None
        if saved is not None:
            self._game, self._pending_price = saved, spent
            self._start_simulation(saved)

    def _company(self, game: Game):
        return company(game.settings, self.scenario_dir)

    def _changed(self) -> None:
        """Count a change and save the game (called with the lock held)."""
        self.version += 1
        if self._game is not None:
            save(self._game, self.folder)

    # ---- the trainer ----------------------------------------------------------------------------
    def open(self, settings: GameSettings) -> None:
        """Open a new game (the old one, if any, is replaced and its file overwritten)."""
        settings = GameSettings(**{**settings.__dict__, "teams": tuple(t.strip() for t in settings.teams)})
        settings.check()
        company(settings, self.scenario_dir)  # the company must load before the game is opened
        with self._lock:
            self._game, self._results, self._pending_price = Game(settings), None, {}
            self._generation += 1
            self._changed()

    def close_round(self) -> None:
        """Close the open round now (teams that did not submit decide nothing) and simulate it."""
        with self._lock:
            if self._game is None:
                raise GameError("game.err.no_game")
            self._game.close_round()
            self._pending_price = {}
            self._changed()
            game = Game.from_json(self._game.to_json())
        self._start_simulation(game)

    # ---- a team ------------------------------------------------------------------------------------
    def submit(self, team: str, decisions: list[Decision] | tuple[Decision, ...]) -> Price:
        """Record a team's plan for the open round (replacing its earlier one); returns its price.
        When every team has submitted, the round closes and runs."""
        game = self._copy()
        price = game.submit(team, decisions, self._company(game))  # may raise; runs outside the lock
        with self._lock:
            if self._game is None or self._game.round != game.round or self._game.settings != game.settings:
                raise GameError("game.err.busy")
            self._game.pending[team] = game.pending[team]
            self._pending_price[team] = price
            self._changed()
            complete = not self._game.waiting_for
        if complete:
            self.close_round()
        return price

    def price(self, team: str, decisions: list[Decision] | tuple[Decision, ...]) -> Price:
        """What a plan would cost ``team`` this round, priced as :meth:`submit` prices it; submits nothing."""
        game = self._copy()
        return game.price(team, decisions, self._company(game))

    def _copy(self) -> Game:
        with self._lock:
            if self._game is None:
                raise GameError("game.err.no_game")
            return Game.from_json(self._game.to_json())

    # ---- reading -----------------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        with self._lock:
            game = None if self._game is None else Game.from_json(self._game.to_json())
            return Snapshot(self.version, game, self._results, self._running > 0, dict(self._pending_price))

    def wait(self, timeout: float = 30.0) -> bool:
        """Wait until no simulation runs (tests and the command line); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._running == 0, timeout)

    # ---- simulating --------------------------------------------------------------------------------
    def _start_simulation(self, game: Game) -> None:
        with self._lock:
            self._running += 1
            self.version += 1
            generation = self._generation
        threading.Thread(
            target=self._simulate, args=(game, generation), daemon=True, name="room-game"
        ).start()

    def _simulate(self, game: Game, generation: int) -> None:
        try:
            results = simulate(game, self._company(game))
            with self._lock:
                # an old game's, or an earlier round's, results never replace newer ones
                newer = self._results is not None and (results is None or results.days < self._results.days)
                if generation == self._generation and not newer:
                    self._results = results
        except Exception as err:  # the trainer's page shows it; the server goes on
            self.errors.append(f"{type(err).__name__}: {err}")
            print(f"room game: simulation failed: {self.errors[-1]}", file=sys.stderr, flush=True)
        finally:
            with self._lock:
                self._running -= 1
                self.version += 1
                self._idle.notify_all()


_HUB: GameHub | None = None
_HUB_LOCK = threading.Lock()


def current(scenario_dir: Path) -> GameHub:
    """The server's hub, made on first use on $CAMPAIGN_SIM_GAME_DIR (default ``results/room_game``)."""
    global _HUB
    with _HUB_LOCK:
        if _HUB is None:
            _HUB = GameHub(Path(os.environ.get(ENV_GAME_DIR) or DEFAULT_GAME_DIR), scenario_dir)
        return _HUB


def participant_start_mode(scenario_dir: Path) -> str:
    """The tab a participant's page opens on: the game while one is open (and not over), else the workshop."""
    game = current(scenario_dir).snapshot().game
    return "game" if game is not None and not game.finished else "workshop"
