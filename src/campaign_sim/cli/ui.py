"""``campaign-sim ui``: serve the browser app on this computer, with no internet needed."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import click

from ..ui.i18n import LANGUAGES


def _bind(host: str, port: int) -> int:
    """Check that ``host:port`` can be served (0: pick a free port); returns the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        return int(sock.getsockname()[1])


@click.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0 picks a free port."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets others in the room connect.",
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
@click.option("--setup-only", is_flag=True, help="Only prepare the local browser assets, then exit.")
def ui(port: int, host: str, lang: str, scenario: str, directory: Path | None, setup_only: bool) -> None:
    """Start the browser UI (strategist dashboard and workshop mode) and print its address."""
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
    if directory is not None:
        os.environ["CAMPAIGN_SIM_UI_SCENARIOS"] = str(directory.resolve())
    try:
        port = _bind(host, port)
    except OSError as err:
        click.echo(
            f"error: cannot serve on {host}:{port} ({err.strerror}); try another --port, or --port 0",
            err=True,
        )
        sys.exit(2)
    click.echo(
        f"campaign-sim UI: http://{host}:{port}/  "
        "(served from this computer, no internet needed; Ctrl+C stops)"
    )
    sys.stdout.flush()

    from solara.__main__ import run as solara_run

    solara_run.main(
        args=[
            "campaign_sim.app",
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
