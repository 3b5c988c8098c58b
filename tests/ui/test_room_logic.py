"""The workshop room without a browser: tokens, seats, the gate, in-memory uploads, the memory estimate."""

from __future__ import annotations

import asyncio
import threading
import tracemalloc
from pathlib import Path

import pytest

from campaign_sim.cli.ui import is_loopback, room_address
from campaign_sim.scenario import Scenario
from campaign_sim.scenario_io import ScenarioError, quote_values
from campaign_sim.ui.live_run import LiveRun, estimate_bytes
from campaign_sim.ui.room import PARTICIPANT, TOKENS_FILE, TRAINER, Room, qr_svg, qr_text, stored_tokens
from campaign_sim.ui.room_gate import RoomGate
from campaign_sim.ui.safe_upload import UPLOAD_LIMIT_BYTES, UploadTooLarge, parse_upload

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SECRET = "SECRET-4711"


def _room(limit: int = 2) -> Room:
    return Room(room_token="r" * 22, trainer_token="t" * 22, address="10.0.0.5", limit=limit, port=8765)


def test_tokens_give_roles_and_nothing_else_does():
    room = _room()
    assert room.role_for("t" * 22) == TRAINER
    assert room.role_for("r" * 22) == PARTICIPANT
    for wrong in (None, "", "r" * 21, "t" * 23, "x"):
        assert room.role_for(wrong) is None
    assert room.link() == "http://10.0.0.5:8765/?room=" + "r" * 22
    assert "trainer=" + "t" * 22 in room.trainer_link("127.0.0.1")


def test_seats_count_browsers_not_tabs_and_free_up_when_the_last_tab_closes():
    room = _room(limit=2)
    assert room.join("a", "k1") and room.join("a", "k2") and room.join("b", "k3")
    assert room.view().participants == 2
    assert not room.join("c", "k4") and not room.admits("c") and room.admits("a")
    room.leave("a", "k1")
    assert room.view().participants == 2
    room.leave("a", "k2")
    assert room.view().participants == 1 and room.join("c", "k4")


def _call(gate: RoomGate, scope_type: str, path: str, query: str = "", cookie: str = "", accept: str = ""):
    """Send one request or websocket through the gate; returns (what the app saw, what was sent)."""
    seen: list[str] = []
    sent: list[dict] = []

    async def app(scope, receive, send):
        seen.append(scope["path"])

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    gate.app = app

    headers = [(b"accept", accept.encode())]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    scope = {
        "type": scope_type,
        "path": path,
        "query_string": query.encode(),
        "headers": headers,
        "client": ("192.0.2.7", 5000),
    }
    _run_apart(gate(scope, receive, send))
    return seen, sent


def _run_apart(coroutine) -> None:
    """Run ``coroutine`` in its own thread and event loop (a browser test's loop may hold this thread's)."""
    failures: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as err:
            failures.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_the_gate_refuses_without_a_token_and_logs_it_for_the_trainer():
    lines: list[str] = []
    room = _room()
    gate = RoomGate(lambda *a: None, room, log=lines.append)
    wrong = (("", ""), ("room=guess123", ""), ("", "cs_room_8765=guess123"), ("", "cs_room_1=" + "r" * 22))
    for query, cookie in wrong:
        seen, sent = _call(gate, "http", "/", query, cookie, "text/html")
        assert seen == [] and sent[0]["status"] == 403
        assert b"Ask your trainer for the room link" in sent[1]["body"]
    seen, sent = _call(gate, "websocket", "/jupyter/api/kernels/k/channels")
    assert seen == [] and sent == [{"type": "websocket.close", "code": 1008}]
    assert len(lines) == 5 and all("room: refused 192.0.2.7" in line for line in lines)
    assert not any("guess123" in line for line in lines), "no token is written to the log"
    assert room.view().refused == 5


def test_a_link_sets_the_cookie_and_sends_the_browser_to_the_bare_address():
    gate = RoomGate(lambda *a: None, _room(), log=lambda line: None)
    seen, sent = _call(gate, "http", "/", "trainer=" + "t" * 22 + "&x=1")
    headers = dict(sent[0]["headers"])
    assert seen == [] and sent[0]["status"] == 303
    assert headers[b"location"] == b"/?x=1"
    assert headers[b"set-cookie"].startswith(b"cs_room_8765=" + b"t" * 22 + b"; Path=/; HttpOnly")
    seen, _ = _call(gate, "http", "/static/x.js", cookie="cs_room_8765=" + "r" * 22)
    assert seen == ["/static/x.js"]


def test_a_full_room_turns_away_a_newcomer_only():
    room = _room(limit=1)
    gate = RoomGate(lambda *a: None, room, log=lambda line: None)
    room.join("inside", "k0")
    cookie = "cs_room_8765=" + "r" * 22
    _, sent = _call(gate, "http", "/", cookie=cookie + "; solara-session-id=new", accept="text/html")
    assert sent[0]["status"] == 503 and b"The room is full" in sent[1]["body"]
    seen, _ = _call(gate, "http", "/", cookie=cookie + "; solara-session-id=inside", accept="text/html")
    assert seen == ["/"]
    # the trainer is never turned away
    seen, _ = _call(gate, "http", "/", cookie="cs_room_8765=" + "t" * 22, accept="text/html")
    assert seen == ["/"]
    seen, sent = _call(gate, "websocket", "/jupyter/api/kernels/k9/channels", cookie=cookie)
    assert seen == [] and sent[-1]["type"] == "websocket.close"
    # a participant's websocket is counted while open and released after
    room.leave("inside", "k0")
    seen, _ = _call(gate, "websocket", "/jupyter/api/kernels/k1/channels", cookie=cookie)
    assert seen == ["/jupyter/api/kernels/k1/channels"] and room.view().participants == 0


def test_qr_code_for_screen_and_terminal():
    assert qr_svg("http://10.0.0.5:8765/?room=abc").startswith("data:image/svg+xml")
    assert "█" in qr_text("http://10.0.0.5:8765/?room=abc")


def test_loopback_and_the_printed_address():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert room_address("192.168.1.4") == "192.168.1.4"
    assert room_address("0.0.0.0")  # this computer's address, or the loopback if it has none


@pytest.fixture
def no_quotes():
    quote_values(False)
    yield
    quote_values(True)


@pytest.mark.parametrize(
    "content",
    [
        f'[company]\nmarket_pressure = "{SECRET}"\n',
        f"[company]\n{SECRET.replace('-', '_')} = 1\n",
        f'[[campaigns]]\nkind = "{SECRET}"\nstart_day = 3\n',
        f'[company\nx = "{SECRET}"\n',
        f'extends = "../../{SECRET}"\n',
        f'extends = "/etc/passwd"\nname = "{SECRET}"\n',
        f'[run]\nbranches = 3\n[[campaigns]]\nkind = "behaviour_training"\nbranches = [7]\nname = "{SECRET}"',
        f"[run]\nbranches = 3\ndays = {SECRET.replace('-', '_')}\n",
    ],
)
def test_an_upload_problem_names_keys_and_rules_never_values(no_quotes, content):
    with pytest.raises(ScenarioError) as err:
        parse_upload("mine.toml", content.encode(), SCENARIOS)
    text = str(err.value)
    assert text.startswith("mine.toml: ")
    for leaked in (SECRET, SECRET.replace("-", "_"), "/etc", str(SCENARIOS)):
        assert leaked not in text


def test_an_upload_is_capped_and_may_extend_only_a_shipped_scenario(no_quotes):
    with pytest.raises(UploadTooLarge):
        parse_upload("big.toml", b"#" * (UPLOAD_LIMIT_BYTES + 1), SCENARIOS)
    scenario = parse_upload("/home/x/mine.toml", b'extends = "baseline"\n[run]\nbranches = 4\n', SCENARIOS)
    assert scenario.run.branches == 4 and scenario.name == "mine"
    scenario = parse_upload("mine.toml", b"[run]\nbranches = 3\n", SCENARIOS)
    assert scenario.name == "mine"


def test_quoting_stays_on_for_the_command_line():
    with pytest.raises(ScenarioError, match=SECRET):
        parse_upload("mine.toml", f'[company]\nmarket_pressure = "{SECRET}"\n'.encode(), SCENARIOS)


@pytest.mark.parametrize(
    ("branches", "customers", "days", "history"),
    [(20, 500, 365, False), (20, 2000, 365, False), (20, 500, 365, True), (5, 5000, 200, True)],
)
def test_the_memory_estimate_is_not_below_what_a_run_holds(branches, customers, days, history):
    scenario = Scenario.model_validate(
        {"run": {"branches": branches, "days": days}, "branches": {"customers_mean": customers}}
    )
    LiveRun(scenario, scenario, history=False).step(2)  # warm: imports and compiled kernels
    tracemalloc.start()
    live = LiveRun(scenario, scenario, history=history)
    live.step(20)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    estimate = estimate_bytes([scenario, scenario], history)
    assert peak <= estimate <= 3 * peak, (peak, estimate)


def test_an_upload_is_never_written_anywhere(monkeypatch, no_quotes):
    """Parsing touches no disk: every way to write a file or make a temporary folder fails here."""

    def refuse(*args, **kwargs):
        raise AssertionError("an upload must not be written")

    import builtins
    import tempfile

    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            refuse()
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only_open)
    for name in ("mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryDirectory"):
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    monkeypatch.setattr(Path, "write_bytes", refuse)
    scenario = parse_upload("mine.toml", b'extends = "baseline"\n[run]\nbranches = 4\n', SCENARIOS)
    assert scenario.run.branches == 4
    with pytest.raises(ScenarioError):
        parse_upload("bad.toml", b"[run]\nbranches = -1\n", SCENARIOS)


def test_a_restarted_room_with_its_game_folder_keeps_its_links(tmp_path):
    folder = tmp_path / "game"
    room_token, trainer_token = stored_tokens(folder)  # the first start makes them
    assert room_token != trainer_token and len(room_token) >= 16
    path = folder / TOKENS_FILE
    assert path.stat().st_mode & 0o777 == 0o600  # readable by the user only
    assert stored_tokens(folder) == (room_token, trainer_token)  # a restart finds the same ones
    again = Room(*stored_tokens(folder), address="10.0.0.5", port=8765)
    assert again.link() == f"http://10.0.0.5:8765/?room={room_token}"
    assert again.trainer_link() == f"http://10.0.0.5:8765/?trainer={trainer_token}"
    path.chmod(0o644)  # a copied file that others may read is tightened again
    assert stored_tokens(folder) == (room_token, trainer_token) and path.stat().st_mode & 0o777 == 0o600
    path.write_text("{not json", encoding="utf-8")  # a damaged file: new tokens, saved as before
    fresh = stored_tokens(folder)
    assert fresh != (room_token, trainer_token) and stored_tokens(folder) == fresh
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == [TOKENS_FILE]  # no temporary file left behind
