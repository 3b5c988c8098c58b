"""The workshop room: who may connect, who leads, who is connected (``campaign-sim ui --room``).

Nothing here imports Solara.  One :class:`Room` lives in the server process; the
gate (:mod:`.room_gate`) asks it which role a token stands for and tells it about
every open connection, and each page reads a :class:`RoomView` snapshot of it.  The
tokens reach the server through the environment (the command line sets them
before Solara starts).  With ``--game-dir`` the command line also keeps them in
that folder (:func:`stored_tokens`, a file only its owner may read), so a
restarted server has the same links as before.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ENV_ROOM_TOKEN = "CAMPAIGN_SIM_ROOM_TOKEN"
ENV_TRAINER_TOKEN = "CAMPAIGN_SIM_TRAINER_TOKEN"
ENV_ROOM_LIMIT = "CAMPAIGN_SIM_ROOM_LIMIT"
ENV_ROOM_ADDRESS = "CAMPAIGN_SIM_ROOM_ADDRESS"
ENV_ROOM_PORT = "CAMPAIGN_SIM_ROOM_PORT"
#: the folder the room's team game is saved in (``campaign-sim ui --room --game-dir``)
ENV_GAME_DIR = "CAMPAIGN_SIM_GAME_DIR"
DEFAULT_GAME_DIR = Path("results") / "room_game"
#: the query parameters of the two links
ROOM_PARAM, TRAINER_PARAM = "room", "trainer"
#: participants a room admits unless ``--limit`` says otherwise (the measured capacity, README)
DEFAULT_LIMIT = 30

TRAINER, PARTICIPANT = "trainer", "participant"
#: the file in the game's folder that keeps the room's two tokens across restarts
TOKENS_FILE = "room_tokens.json"


def new_token() -> str:
    """A random token a visitor cannot guess (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


def _valid(token: object) -> bool:
    return isinstance(token, str) and len(token) >= 16 and token.replace("-", "").replace("_", "").isalnum()


def stored_tokens(folder: Path) -> tuple[str, str]:
    """The room token and the trainer token kept in ``folder`` (made and saved there the first time).

    A restarted server that is given the same folder gets the same tokens, so the links
    people have keep working.  The file is readable by its owner only (mode 0600, tightened
    if it was looser); a missing, damaged or foreign file is replaced by new tokens."""
    path = folder / TOKENS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        room_token, trainer_token = data["room"], data["trainer"]
        if _valid(room_token) and _valid(trainer_token) and room_token != trainer_token:
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                path.chmod(0o600)
            return room_token, trainer_token
    except (OSError, ValueError, KeyError, TypeError):
        pass
    room_token, trainer_token = new_token(), new_token()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".room-tokens-", suffix=".json")  # created with mode 0600
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"room": room_token, "trainer": trainer_token}, out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return room_token, trainer_token


@dataclass(frozen=True)
class RoomView:
    """What a page shows of the room; frozen, so an unchanged room redraws nothing."""

    participants: int = 0
    refused: int = 0
    lead: bool = True
    step: int = 0
    strategist: bool = False


@dataclass
class Room:
    """The room's tokens and its shared state; every method is safe to call from any thread."""

    room_token: str
    trainer_token: str
    address: str = ""
    limit: int = DEFAULT_LIMIT
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: browser session id -> open connections (kernel ids) of participants
    _sessions: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _refused: int = 0
    _lead: bool = True
    _step: int = 0
    _strategist: bool = False

    # --- tokens ---------------------------------------------------------------
    def role_for(self, token: str | None) -> str | None:
        """``"trainer"``, ``"participant"`` or None for a token (compared in constant time)."""
        if not token:
            return None
        if secrets.compare_digest(token.encode(), self.trainer_token.encode()):
            return TRAINER
        if secrets.compare_digest(token.encode(), self.room_token.encode()):
            return PARTICIPANT
        return None

    @property
    def cookie(self) -> str:
        """The cookie that carries the token after the first visit (per port: rooms on one host differ)."""
        return f"cs_room_{self.port}"

    def link(self, host: str | None = None) -> str:
        """The participants' address."""
        return f"http://{host or self.address}:{self.port}/?{ROOM_PARAM}={self.room_token}"

    def trainer_link(self, host: str | None = None) -> str:
        """The trainer's own address (keep it off the projector)."""
        return f"http://{host or self.address}:{self.port}/?{TRAINER_PARAM}={self.trainer_token}"

    # --- connections ------------------------------------------------------------
    def admits(self, session: str | None) -> bool:
        """Whether a participant's browser session may come in: already in, or a seat is free."""
        with self._lock:
            return (session is not None and session in self._sessions) or len(self._sessions) < self.limit

    def join(self, session: str, connection: str) -> bool:
        """Count a participant's open connection; False (not counted) when the room is full."""
        with self._lock:
            if session not in self._sessions and len(self._sessions) >= self.limit:
                return False
            self._sessions.setdefault(session, set()).add(connection)
            return True

    def leave(self, session: str, connection: str) -> None:
        """A participant's connection closed; the browser session leaves with its last connection."""
        with self._lock:
            open_ = self._sessions.get(session)
            if open_ is None:
                return
            open_.discard(connection)
            if not open_:
                del self._sessions[session]

    def refuse(self) -> int:
        """Count a refused visitor (wrong or missing token, or a full room); returns the count."""
        with self._lock:
            self._refused += 1
            return self._refused

    # --- the trainer's choices --------------------------------------------------
    def set_lead(self, lead: bool) -> None:
        with self._lock:
            self._lead = bool(lead)

    def set_step(self, step: int) -> None:
        with self._lock:
            self._step = int(step)

    def set_strategist(self, allowed: bool) -> None:
        with self._lock:
            self._strategist = bool(allowed)

    def view(self) -> RoomView:
        with self._lock:
            return RoomView(len(self._sessions), self._refused, self._lead, self._step, self._strategist)


_ROOM: Room | None = None
_ROOM_LOCK = threading.Lock()


def current() -> Room | None:
    """The server's room, made from the environment on first use; None when not in room mode."""
    global _ROOM
    with _ROOM_LOCK:
        if _ROOM is None and os.environ.get(ENV_ROOM_TOKEN) and os.environ.get(ENV_TRAINER_TOKEN):
            _ROOM = Room(
                room_token=os.environ[ENV_ROOM_TOKEN],
                trainer_token=os.environ[ENV_TRAINER_TOKEN],
                address=os.environ.get(ENV_ROOM_ADDRESS, "127.0.0.1"),
                limit=int(os.environ.get(ENV_ROOM_LIMIT, DEFAULT_LIMIT)),
                port=int(os.environ.get(ENV_ROOM_PORT, "0")),
            )
        return _ROOM


def qr_svg(url: str) -> str:
    """The address as a QR code, an SVG data URI for an ``<img>`` (drawn here, no internet needed)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)


def qr_text(url: str) -> str:
    """The address as a QR code made of block characters, for the terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def stamp() -> str:
    """A time for the trainer's log lines."""
    return time.strftime("%H:%M:%S")
