"""The room game's debrief exports: a PDF and PNG pages, in German and English."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from campaign_sim.ui import game_debrief
from campaign_sim.ui.game import Decision, Game, GameSettings, company, simulate

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def results():
    settings = GameSettings(budget=50_000.0, rounds=2, days_per_round=30, teams=("Blue", "Red"), branches=8)
    firm = company(settings, SCENARIOS)
    game = Game(settings)
    game.submit("Blue", (Decision("attitude_training", (0, 1, 2), 0),), firm)
    game.submit("Red", (Decision("promise", tuple(range(8)), 5),), firm)
    game.close_round()
    game.close_round()
    return simulate(game, firm)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_debrief_exports_as_pdf_and_png_pages(results, lang):
    pdf = game_debrief.pdf_bytes(results, lang)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(game_debrief.PAGES)
    pngs = game_debrief.png_pages(results, lang, dpi=60)
    assert len(pngs) == len(game_debrief.PAGES)
    for png in pngs:
        width, height = struct.unpack(">II", png[16:24])
        assert png.startswith(b"\x89PNG") and (width, height) == (701, 496)  # A4 landscape at 60 dpi
    rows = game_debrief.ranking_rows(results, lang)
    assert rows[0][2] == (
        "Net benefit vs no campaign" if lang == "en" else "Nettonutzen gegenüber keiner Kampagne"
    )
    assert {row[1] for row in rows[1:]} == {"Blue", "Red"}
    assert all(row[2].endswith("EUR") for row in rows[1:])


def test_the_charts_keep_the_legend_off_the_lines_and_say_their_scales(results):
    from matplotlib.ticker import MaxNLocator

    figures = dict(zip(game_debrief.PAGES, game_debrief.pages(results, "en"), strict=True))
    overview = figures["overview"]
    ax = overview.axes[0]
    overview.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1  # right of the plot: never over the zero line
    staff = {a.get_title(loc="left"): a for a in figures["staff"].axes}
    assert "Fear (weighted: of customers, of the boss, for the job)" in staff
    assert all(a.get_ylabel() == "scale 0-1" for a in staff.values())
    customers = {a.get_title(loc="left"): a for a in figures["customers"].axes}
    active = customers["Active customers (all branches)"]
    assert active.get_ylabel() == "customers" and isinstance(active.yaxis.get_major_locator(), MaxNLocator)
    assert all(t == float(int(t)) for t in active.get_yticks())
    assert customers["Loyalty"].get_ylabel() == "scale 0-1"
    de = {a.get_title(loc="left") for a in game_debrief.pages(results, "de")[3].axes}
    assert "Angst (gewichtet: vor Kunden, vor dem Chef, um den Arbeitsplatz)" in de
