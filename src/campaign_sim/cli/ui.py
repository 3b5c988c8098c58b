"""``campaign-sim ui``: serve the browser app on this computer, with no internet needed."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from pathlib import Path

import click

from ..scenario_io import quote_values
from ..ui.i18n import LANGUAGES
from ..ui.presets import CLAIM_SEEDS, STEPS
from ..ui.room import DEFAULT_GAME_DIR, DEFAULT_LIMIT, ENV_GAME_DIR
from .common import check_destination, friendly

#: workshop steps (``--step`` is checked against it)
STEP_COUNT = len(STEPS)
#: seconds after which a page whose browser went away is closed when others can connect
IDLE_SECONDS = 120
ENV_IDLE = "CAMPAIGN_SIM_UI_IDLE_SECONDS"
#: the Solara app served
APP = "campaign_sim.app"


def _bind(host: str, port: int) -> int:
    """Check that ``host:port`` can be served (0: pick a free port); returns the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        return int(sock.getsockname()[1])


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def page_safe_env() -> str:
    from ..ui.page_state import ENV_SAFE

    return ENV_SAFE


def room_address(host: str) -> str:
    """The address participants type: ``host``, or for 0.0.0.0 this computer's address in the network.

    Found from the computer's own name (no packet is sent); the loopback if it has none.
    """
    if host not in ("0.0.0.0", "::", ""):
        return host
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for *_, sockaddr in infos:
        if not ipaddress.ip_address(sockaddr[0]).is_loopback:
            return str(sockaddr[0])
    return "127.0.0.1"


def _open_room(host: str, port: int, limit: int, token_dir: Path | None) -> None:
    """Make the two tokens (or reuse those kept in ``token_dir``), hand them to the server
    (environment), print both links and the QR code."""
    from ..ui import room as room_mod
    from ..ui.room_gate import install

    address = room_address(host)
    if token_dir is None:
        room_token, trainer_token = room_mod.new_token(), room_mod.new_token()
    else:  # --game-dir: the same links after a restart
        room_token, trainer_token = room_mod.stored_tokens(token_dir)
    os.environ.update(
        {
            room_mod.ENV_ROOM_TOKEN: room_token,
            room_mod.ENV_TRAINER_TOKEN: trainer_token,
            room_mod.ENV_ROOM_ADDRESS: address,
            room_mod.ENV_ROOM_PORT: str(port),
            room_mod.ENV_ROOM_LIMIT: str(limit),
        }
    )
    the_room = room_mod.current()
    assert the_room is not None
    # Solara registers the app named here when its server module is first imported (by install)
    os.environ["SOLARA_APP"] = APP
    install(the_room)
    trainer_host = "127.0.0.1" if host in ("0.0.0.0", "::") or is_loopback(host) else address
    click.echo(f"Workshop room (up to {limit} participants). Participants open:\n  {the_room.link()}")
    click.echo(room_mod.qr_text(the_room.link()))
    click.echo(f"Your own (trainer's) address, keep it to yourself:\n  {the_room.trainer_link(trainer_host)}")
    click.echo("Served from this computer, no internet needed; Ctrl+C stops.")


def _harden() -> None:
    """Others can connect: close the pages of dropped visitors soon (their runs' memory goes with them)."""
    import solara.server.settings as settings

    settings.kernel.cull_timeout = f"{int(os.environ.get(ENV_IDLE, IDLE_SECONDS))}s"


@click.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0 picks a free port."
)
@click.option(
    "--host",
    default=None,
    help="Address to listen on [default: 127.0.0.1; with --room 0.0.0.0, the local network]. Beyond "
    "the loopback the page opens no files of this computer (uploads only).",
)
@click.option(
    "--room",
    is_flag=True,
    help="Workshop room: participants join with a link and QR code carrying a room token; your own "
    "link carries a trainer token; anyone else is turned away.",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 200),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="With --room: most participants at once (a newcomer beyond it is told the room is full).",
)
@click.option(
    "--game-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"With --room: folder where the room game is saved after every change (and continued from "
    f"after a restart) [default: {DEFAULT_GAME_DIR}]. Given, it also keeps the room's two tokens "
    "(room_tokens.json, readable only by you), so the links stay the same after a restart.",
)
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Starting language."
)
@click.option("--scenario", default="attitude_training", show_default=True, help="Scenario shown first.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of scenario files [default: ./scenarios].",
)
@click.option("--workshop", is_flag=True, help="Open straight into the workshop (trainers).")
@click.option(
    "--step",
    type=click.IntRange(1, STEP_COUNT),
    default=None,
    help=f"Workshop step to open first, 1-{STEP_COUNT} (implies --workshop; also where 'Reset for the "
    "next group' returns).",
)
@click.option("--projector", is_flag=True, help="Start with projector mode on (large type, thick lines).")
@click.option("--setup-only", is_flag=True, help="Only prepare the local browser assets, then exit.")
def ui(
    port: int,
    host: str | None,
    room: bool,
    limit: int,
    game_dir: Path | None,
    lang: str,
    scenario: str,
    directory: Path | None,
    workshop: bool,
    step: int | None,
    projector: bool,
    setup_only: bool,
) -> None:
    """Start the browser UI (strategist dashboard and workshop mode) and print its address.

    Every page opened (and every reload) starts in the language, mode, step and
    projector setting given here, so a trainer's room needs no clicking before the start.
    """
    from ..ui.assets import OfflineAssetsError, ensure_offline_assets, quiet_solara

    quiet_solara()
    try:
        ensure_offline_assets()
    except (OfflineAssetsError, OSError) as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    if setup_only:
        click.echo("local browser assets ready")
        return
    os.environ["CAMPAIGN_SIM_UI_LANG"] = lang
    os.environ["CAMPAIGN_SIM_UI_SCENARIO"] = scenario
    os.environ["CAMPAIGN_SIM_UI_MODE"] = "workshop" if workshop or room or step is not None else "strategist"
    os.environ["CAMPAIGN_SIM_UI_STEP"] = str(step or 1)
    os.environ["CAMPAIGN_SIM_UI_PROJECTOR"] = "1" if projector else "0"
    if directory is not None:
        os.environ["CAMPAIGN_SIM_UI_SCENARIOS"] = str(directory.resolve())
    host = host or ("0.0.0.0" if room else "127.0.0.1")
    safe = room or not is_loopback(host)
    os.environ[page_safe_env()] = "1" if safe else "0"
    quote_values(not safe)  # this process serves the pages: its messages must not quote files
    try:
        port = _bind(host, port)
    except OSError as err:
        click.echo(
            f"error: cannot serve on {host}:{port} ({err.strerror}); try another --port, or --port 0",
            err=True,
        )
        sys.exit(2)
    if room:
        os.environ[ENV_GAME_DIR] = str((game_dir or DEFAULT_GAME_DIR).resolve())
        _open_room(host, port, limit, None if game_dir is None else game_dir.resolve())
    else:
        click.echo(
            f"campaign-sim UI: http://{host}:{port}/  "
            "(served from this computer, no internet needed; Ctrl+C stops)"
        )
    if safe:
        _harden()
    sys.stdout.flush()

    from solara.__main__ import run as solara_run

    solara_run.main(
        args=[
            APP,
            "--host",
            host,
            "--port",
            str(port),
            "--production",
            "--no-open",
            "--no-check-version",
            "--theme-loader",
            "plain",
            "--log-level-uvicorn",
            "warning",
        ],
        prog_name="campaign-sim ui",
        standalone_mode=True,
    )


@click.command("workshop-handout")
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of both PDFs."
)
@click.option(
    "--out",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("results/workshop"),
    show_default=True,
    help="Folder for workshop_handout_<lang>.pdf and workshop_debrief_<lang>.pdf; checked first.",
)
@click.option(
    "--seeds",
    type=click.IntRange(1, 20),
    default=len(CLAIM_SEEDS),
    show_default=True,
    help="Seeds 1..N for the ranges of every measured point (the shown run is seed 1).",
)
@friendly
def workshop_handout(lang: str, folder: Path, seeds: int) -> None:
    """Write the workshop handout (every step's point, charts, questions) and the one-page debrief as PDF."""
    from ..ui.handout import debrief_pdf, handout_pdf

    targets = (folder / f"workshop_handout_{lang}.pdf", folder / f"workshop_debrief_{lang}.pdf")
    for target in targets:
        check_destination(target)
    chosen = tuple(range(1, seeds + 1))
    click.echo(f"running {len(STEPS)} workshop steps on seeds 1-{seeds} ...", err=True)
    targets[0].write_bytes(handout_pdf(lang, chosen))
    targets[1].write_bytes(debrief_pdf(lang, chosen))
    for target in targets:
        click.echo(str(target))
