"""The room's door: an ASGI layer in front of the Solara server that checks every request's token.

Every HTTP request and every websocket, from the loopback too, must carry the
room token or the trainer token: in the link's query (first visit) or in the
cookie the first visit set.  Without one the visitor gets a plain page that
sends them to their trainer, and the trainer's terminal a log line.  A link
with a token is answered with the cookie and a redirect to the bare address, so
that no token stays in the address bar (the trainer's screen is on the projector).
Participants' websockets are counted (:class:`.room.Room`); a newcomer to a full
room gets a page saying so, and nobody already in notices.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .i18n import LANGUAGES, tr
from .room import PARTICIPANT, ROOM_PARAM, TRAINER_PARAM, Room, stamp

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Solara's own browser-session cookie (one per browser, shared by its tabs)
SESSION_COOKIE = "solara-session-id"
KERNEL_PATH = "/jupyter/api/kernels/"
#: websocket close code for a refused connection ("policy violation")
POLICY_VIOLATION = 1008


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is a missing token, not a crash
                return {}
    return {key: morsel.value for key, morsel in jar.items()}


def _header(scope: Scope, wanted: bytes) -> str:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value.decode("latin-1")
    return ""


def notice_page(key: str, status: int = 403) -> tuple[int, bytes]:
    """A page without scripts or assets, in both languages (the visitor's is unknown)."""
    blocks = "".join(
        f'<section lang="{lang}"><h1>{html.escape(tr(lang, f"{key}.title"))}</h1>'
        f"<p>{html.escape(tr(lang, f'{key}.text'))}</p></section>"
        for lang in LANGUAGES
    )
    page = (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(tr('en', f'{key}.title'))}</title>"
        "<style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em;color:#111}"
        "h1{font-size:1.4rem}section+section{border-top:1px solid #bbb;margin-top:1.5em}</style>"
        f'</head><body class="cs-{key.replace(".", "-")}">{blocks}</body></html>'
    )
    return status, page.encode()


class RoomGate:
    """Wraps the Solara ASGI app; ``log`` receives one line per refused visitor (default: stderr)."""

    def __init__(self, app: ASGIApp, room: Room, log: Callable[[str], None] | None = None):
        self.app = app
        self.room = room
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)  # lifespan
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        cookies = _cookies(scope)
        given = query.get(TRAINER_PARAM) or query.get(ROOM_PARAM)
        role = self.room.role_for(given or cookies.get(self.room.cookie))
        client = (scope.get("client") or ("?", 0))[0]
        path = scope.get("path", "/")
        if role is None:
            count = self.room.refuse()
            why = "a wrong room link" if given or cookies.get(self.room.cookie) else "no room link"
            self.log(f"{stamp()} room: refused {client} ({why}; {path}); refused so far: {count}")
            await self._refuse(scope, receive, send, "room.refused")
            return
        session = cookies.get(SESSION_COOKIE)
        if scope["type"] == "http":
            if given:
                await self._enter(scope, send, query, given)
                return
            page = "text/html" in _header(scope, b"accept")
            if role == PARTICIPANT and page and not self.room.admits(session):
                count = self.room.refuse()
                self.log(f"{stamp()} room: full ({self.room.limit}), turned away {client}; refused: {count}")
                await self._refuse(scope, receive, send, "room.full", 503)
                return
            await self.app(scope, receive, send)
            return
        await self._websocket(scope, receive, send, role, session, client)

    async def _websocket(
        self, scope: Scope, receive: Receive, send: Send, role: str, session: str | None, client: str
    ) -> None:
        path = scope.get("path", "")
        if role != PARTICIPANT or not path.startswith(KERNEL_PATH):
            await self.app(scope, receive, send)
            return
        connection = path.removeprefix(KERNEL_PATH).split("/", 1)[0]
        key = session or connection
        if not self.room.join(key, connection):
            count = self.room.refuse()
            self.log(f"{stamp()} room: full ({self.room.limit}), closed a connection of {client}; {count}")
            await self._refuse(scope, receive, send, "room.full")
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.room.leave(key, connection)

    async def _enter(self, scope: Scope, send: Send, query: dict[str, str], token: str) -> None:
        """Set the token's cookie and send the browser to the same page without the token."""
        rest = {k: v for k, v in query.items() if k not in (ROOM_PARAM, TRAINER_PARAM)}
        target = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")
        cookie = f"{self.room.cookie}={token}; Path=/; HttpOnly; SameSite=Lax"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", target.encode("latin-1")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, key: str, status: int = 403) -> None:
        if scope["type"] == "websocket":
            await receive()  # websocket.connect; closing before accepting answers it with 403
            await send({"type": "websocket.close", "code": POLICY_VIOLATION})
            return
        status, body = notice_page(key, status)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def install(room: Room) -> None:
    """Put the gate in front of Solara's app (before uvicorn imports ``solara.server.starlette:app``)."""
    import solara.server.starlette as solara_starlette

    if not isinstance(solara_starlette.app, RoomGate):
        solara_starlette.app = RoomGate(solara_starlette.app, room)  # type: ignore[assignment]
