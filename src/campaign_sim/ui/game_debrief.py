"""The room game's debrief as pages: ranking, decisions on a timeline, lessons, staff and customers.

Nothing here imports Solara.  :func:`pages` draws :data:`PAGES` A4 landscape
matplotlib figures from a game's :class:`~.game.Results` in English or German;
the trainer's screen shows them as images (:func:`png_pages`), the exports are
the same pages as one PDF (:func:`pdf_bytes`) or one PNG per page.  Every line
of a team is drawn against the no-campaign counterfactual (black, dashed).
"""

from __future__ import annotations

import io
import textwrap
import threading

import numpy as np

# imported here, once, by the importing thread: a page thread that is cancelled in the middle of
# matplotlib's first import would leave it half-initialised for every later drawing
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .. import __version__
from . import charts
from .game import OPTIONS, Results, TeamResult, branch_text
from .game_lessons import lesson_text, lessons
from .i18n import company_name, kpi_label, tr
from .payback import number

#: A4 landscape, inches
A4_LANDSCAPE = (11.69, 8.27)
#: the pages, in order
PAGES = ("overview", "timeline", "lessons", "staff", "customers")
#: staff states and customer figures over time
STAFF = ("engagement", "pride", "fear", "effect_awareness")
CUSTOMERS = ("active_customers", "loyalty", "satisfaction", "expectation")
#: one colour per campaign option on the timeline (Okabe-Ito, then grey)
OPTION_COLOURS = dict(zip(OPTIONS, (*charts.PALETTE[:6], "#7F7F7F"), strict=True))
COUNTERFACTUAL = {"color": "#000000", "lw": 2.0, "ls": (0, (6, 3))}
TONES = {"good": "#1b6e20", "bad": "#b00020", "info": "#333333"}
#: charts whose title says more than the state's name (which fear; that customers are a count)
CHART_TITLES = {"active_customers": "game.chart.active", "fear": "game.chart.fear"}
#: one drawing at a time (pages draw from their own threads)
_DRAWING = threading.Lock()


def team_colour(i: int) -> str:
    return charts.PALETTE[i % len(charts.PALETTE[:6])]


def money(lang: str, value: float, signed: bool = False) -> str:
    return f"{number(lang, value, 0, signed)} EUR"


def ranking_rows(results: Results, lang: str) -> list[tuple[str, ...]]:
    """The ranking as table rows (header first): rank, team, net benefit, spent, customers, loyalty."""
    rows = [
        (
            tr(lang, "game.rank"),
            tr(lang, "game.team"),
            tr(lang, "game.net"),
            tr(lang, "game.spent"),
            tr(lang, "game.customers"),
            tr(lang, "game.loyalty"),
        )
    ]
    last = results.days - 1
    for rank, team in results.ranking():
        customers = results.series(team.values, "active_customers", "sum")[last]
        customers -= results.series(results.baseline, "active_customers", "sum")[last]
        loyalty = (
            results.series(team.values, "loyalty")[last] - results.series(results.baseline, "loyalty")[last]
        )
        rows.append(
            (
                str(rank),
                team.team,
                money(lang, team.net_benefit, True),
                money(lang, team.spent),
                number(lang, customers, 0, True),
                number(lang, loyalty, 3, True),
            )
        )
    return rows


def subtitle(results: Results, lang: str) -> str:
    s = results.settings
    return tr(
        lang,
        "game.subtitle",
        company=company_name(lang, s.company),
        branches=s.branches,
        rounds=s.rounds,
        days=s.days_per_round,
        budget=money(lang, s.budget),
        seed=s.seed,
        played=results.days,
    )


def _figure(lang: str, results: Results, i: int, heading: str):
    fig = Figure(figsize=A4_LANDSCAPE, dpi=100)
    FigureCanvasAgg(fig)
    fig.text(0.04, 0.965, f"{tr(lang, 'game.title')}: {heading}", fontsize=17, weight="bold", va="top")
    fig.text(0.04, 0.915, charts.wrap(subtitle(results, lang), 150), fontsize=9.5, va="top", color="#333")
    footer = f"{tr(lang, 'game.page', i=i + 1, n=len(PAGES))} · campaign-sim {__version__}"
    fig.text(0.5, 0.012, footer, ha="center", fontsize=8, color="#444")
    return fig


def _axes_style(ax, lang: str, title: str, y: str = "") -> None:
    ax.set_title(title, fontsize=12, loc="left")
    ax.set_xlabel(tr(lang, "axis.day"), fontsize=10)
    ax.set_ylabel(y, fontsize=10)
    ax.tick_params(labelsize=9)
    ax.xaxis.set_major_formatter(charts.tick_formatter(lang))
    ax.yaxis.set_major_formatter(charts.tick_formatter(lang))
    ax.grid(color="#ddd", lw=0.6)


def _round_lines(ax, results: Results) -> None:
    for r in range(1, results.days // results.settings.days_per_round + 1):
        ax.axvline(r * results.settings.days_per_round, color="#999", lw=0.8, ls=":")


def _overview(lang: str, results: Results):
    fig = _figure(lang, results, 0, tr(lang, "game.ranking"))
    rows = ranking_rows(results, lang)
    columns = (0.04, 0.1, 0.28, 0.46, 0.6, 0.78)
    y = 0.86
    for i, row in enumerate(rows):
        height = 1
        for x, cell in zip(columns, row, strict=True):
            lines = textwrap.wrap(cell, 22) or [""]
            height = max(height, len(lines))
            fig.text(x, y, "\n".join(lines), va="top", fontsize=11, weight="bold" if i == 0 else "normal")
        y -= 0.032 * height + 0.006
    fig.text(0.04, y, charts.wrap(tr(lang, "game.net_hint"), 150), fontsize=9, va="top", color="#333")
    bottom = 0.08
    top = y - 0.07
    # the legend stands right of the plot, never over its lines (the counterfactual is the zero line)
    ax = fig.add_axes((0.08, bottom, 0.74, max(top - bottom, 0.2)))
    days = np.arange(results.days)
    ax.plot(days, np.zeros(results.days), label=tr(lang, "game.counterfactual"), **COUNTERFACTUAL)
    for i, team in enumerate(results.teams):
        ax.plot(days, team.net, color=team_colour(i), lw=2.4, label=team.team)
    _round_lines(ax, results)
    _axes_style(ax, lang, tr(lang, "game.chart.net", n=results.settings.branches), "EUR")
    ax.legend(fontsize=10, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return fig


def _timeline(lang: str, results: Results):
    fig = _figure(lang, results, 1, tr(lang, "game.timeline"))
    ax = fig.add_axes((0.14, 0.1, 0.83, 0.75))
    teams = results.teams
    ax.set_axisbelow(True)
    for row, team in enumerate(teams):
        campaigns = list(team.campaigns)
        lane = min(0.3, 0.84 / max(1, len(campaigns)))
        for j, c in enumerate(campaigns):
            start, length = int(c["start_day"]), int(c["duration"])
            y = row - 0.42 + j * lane
            option = str(c["option"])
            ax.broken_barh([(start, length)], (y, lane * 0.9), color=OPTION_COLOURS[option], alpha=0.85)
            text = f"{tr(lang, f'game.short.{option}')} · {branch_text(c['ids'])}"
            ax.text(start + 1, y + lane * 0.45, text, fontsize=9 if lane > 0.2 else 7.5, va="center")
        for r in team.skipped:  # a round the team played without submitting
            ax.text(
                (r + 0.5) * results.settings.days_per_round,
                row,
                tr(lang, "game.skipped_short"),
                ha="center",
                va="center",
                fontsize=9,
                style="italic",
                color="#b00020",
            )
        ax.axhline(row + 0.5, color="#bbb", lw=0.8)
    if results.days < results.settings.days:  # the rounds still to play
        ax.axvspan(results.days, results.settings.days, color="#eee", lw=0)
    ax.set_ylim(len(teams) - 0.5, -0.5)
    ax.set_xlim(0, results.settings.days)
    for r in range(results.settings.rounds):
        ax.text(
            (r + 0.5) * results.settings.days_per_round,
            -0.55,
            tr(lang, "game.round_short", r=r + 1),
            ha="center",
            fontsize=10,
            color="#555",
        )
    _round_lines(ax, results)
    _axes_style(ax, lang, "", "")
    ax.set_yticks(range(len(teams)), [t.team for t in teams], fontsize=11)
    ax.yaxis.grid(False)
    return fig


def _lessons(lang: str, results: Results):
    fig = _figure(lang, results, 2, tr(lang, "game.lessons"))
    teams = [team for _, team in results.ranking()]
    columns = 1 if len(teams) <= 3 else 2
    per_column = -(-len(teams) // columns)
    width = 0.92 / columns
    size = 10.5 if columns == 1 else 9
    chars = int((width - 0.03) * A4_LANDSCAPE[0] * 72 / (size * 0.6))
    for c in range(columns):
        y = 0.86
        for team in teams[c * per_column : (c + 1) * per_column]:
            x = 0.04 + c * width
            fig.text(x, y, team.team, fontsize=size + 2, weight="bold", va="top")
            y -= (size + 2) * 1.5 / 72 / A4_LANDSCAPE[1]
            for lesson in lessons(team, results):
                lines = textwrap.wrap(lesson_text(lang, lesson), chars - 3, break_on_hyphens=False)
                fig.text(
                    x + 0.01, y, "• " + "\n  ".join(lines), fontsize=size, va="top", color=TONES[lesson.tone]
                )
                y -= len(lines) * size * 1.4 / 72 / A4_LANDSCAPE[1] + 0.006
            y -= 0.012
    return fig


def _states(lang: str, results: Results, page: int, kpis: tuple[str, ...], heading: str):
    fig = _figure(lang, results, page, heading)
    days = np.arange(results.days)
    grid = fig.add_gridspec(2, 2, left=0.07, right=0.97, bottom=0.2, top=0.84, hspace=0.38, wspace=0.18)
    for k, kpi in enumerate(kpis):
        ax = fig.add_subplot(grid[k // 2, k % 2])
        how = "sum" if kpi == "active_customers" else "mean"
        title = tr(lang, CHART_TITLES[kpi]) if kpi in CHART_TITLES else kpi_label(lang, kpi)
        ax.plot(
            days,
            results.series(results.baseline, kpi, how),
            label=tr(lang, "game.counterfactual"),
            **COUNTERFACTUAL,
        )
        for i, team in enumerate(results.teams):
            ax.plot(
                days, results.series(team.values, kpi, how), color=team_colour(i), lw=1.8, label=team.team
            )
        _round_lines(ax, results)
        _axes_style(ax, lang, title, tr(lang, "game.axis.customers" if how == "sum" else "game.axis.scale"))
        if how == "sum":  # customers are counted: whole numbers on the axis
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if k == 0:
            handles, labels = ax.get_legend_handles_labels()
            fig.legend(
                handles,
                labels,
                loc="lower center",
                bbox_to_anchor=(0.5, 0.05),
                ncols=min(6, len(labels)),
                fontsize=11,
                frameon=False,
            )
    return fig


def pages(results: Results, lang: str) -> list:
    """The debrief's :data:`PAGES` as matplotlib figures."""
    with _DRAWING:
        return _pages(results, lang)


def _pages(results: Results, lang: str) -> list:
    return [
        _overview(lang, results),
        _timeline(lang, results),
        _lessons(lang, results),
        _states(lang, results, 3, STAFF, tr(lang, "game.chart.staff")),
        _states(lang, results, 4, CUSTOMERS, tr(lang, "game.chart.customers")),
    ]


def png_pages(results: Results, lang: str, dpi: int = 100) -> list[bytes]:
    """Each page as a PNG."""
    out = []
    with _DRAWING:
        for fig in _pages(results, lang):
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=dpi)
            out.append(buffer.getvalue())
    return out


def pdf_bytes(results: Results, lang: str) -> bytes:
    """All pages as one PDF."""
    buffer = io.BytesIO()
    with _DRAWING, PdfPages(buffer, metadata={"Creator": f"campaign-sim {__version__}"}) as pdf:
        for fig in _pages(results, lang):
            pdf.savefig(fig)
    return buffer.getvalue()


def lesson_lines(team: TeamResult, results: Results, lang: str) -> list[tuple[str, str]]:
    """(tone, text) of each lesson of a team, for the page."""
    return [(lesson.tone, lesson_text(lang, lesson)) for lesson in lessons(team, results)]
