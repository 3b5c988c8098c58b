"""The workshop's measured claims, and the handout and debrief as printable A4 PDFs.

Nothing here imports Solara: the app offers the PDFs as downloads and
``campaign-sim workshop-handout`` writes them.  Both run every step's preset
to its end (the runs the trainer shows, seed :data:`.presets.WORKSHOP_SEED`)
and, for the uncertainty, on each of :data:`.presets.CLAIM_SEEDS`.  The pages
are drawn with matplotlib's PDF backend (``PdfPages``): no pyplot, no display.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import __version__
from ..outputs import unit
from . import charts
from .i18n import kpi_label, tr, unit_label
from .live_run import LiveRun
from .payback import number
from .presets import (
    BEFORE,
    CAMPAIGN_DAY,
    CLAIM_SEEDS,
    STEPS,
    WINDOW,
    WORKSHOP_BRANCHES,
    WORKSHOP_DAYS,
    WORKSHOP_SEED,
    Claim,
    WorkshopStep,
)

#: A4 portrait, inches
A4 = (8.27, 11.69)
#: money KPIs are charted as a trailing mean over this many working days (a day's profit is noise)
SMOOTH_DAYS = 20


def smoothing(kpi: str) -> int:
    """Days of the trailing mean a chart of ``kpi`` shows: money over :data:`SMOOTH_DAYS`, states daily."""
    return SMOOTH_DAYS if unit(kpi) == "EUR/day" else 1


def chart_title(lang: str, kpi: str) -> str:
    """A workshop chart's title: the KPI, its unit and, for money, the days it is averaged over."""
    values = {"kpi": kpi_label(lang, kpi), "unit": unit_label(lang, unit(kpi))}
    if smoothing(kpi) > 1:
        return tr(lang, "ws.chart_smooth", days=smoothing(kpi), **values)
    return tr(lang, "ws.chart", **values)


def decimals(claim: Claim) -> int:
    """Money without decimals, states on the 0-1 scale with two."""
    return 0 if unit(claim.kpi) == "EUR/day" else 2


def size_text(lang: str, claim: Claim) -> str:
    """The claim's threshold with its unit ("0,20", "300 EUR/Tag")."""
    text = number(lang, claim.size, decimals(claim))
    return f"{text} {unit_label(lang, 'EUR/day')}" if unit(claim.kpi) == "EUR/day" else text


def stated(lang: str, claim: Claim) -> str:
    """What the claim says, in words: "at least 0.20 lower"."""
    key = {+1: "ws.at_least_above", -1: "ws.at_least_below", 0: "ws.less_than"}[claim.sign]
    return tr(lang, key, size=size_text(lang, claim))


def claim_line(lang: str, claim: Claim, value: float) -> str:
    """One measured claim: the KPI, B - A (or one plan's change), what was stated, and whether it held."""
    value_text = number(lang, value, decimals(claim), signed=True)
    verdict = tr(lang, "ws.holds" if claim.holds(value) else "ws.fails")
    if claim.of == "B-A":
        text = tr(
            lang, "ws.claim_ba", kpi=kpi_label(lang, claim.kpi), value=value_text, stated=stated(lang, claim)
        )
    else:
        text = tr(
            lang,
            "ws.claim_change",
            kpi=kpi_label(lang, claim.kpi),
            plan=claim.of,
            value=value_text,
            b0=BEFORE[0],
            b1=BEFORE[1],
            stated=stated(lang, claim),
        )
    return f"{text}{_days(lang, claim)}: {verdict}"


def _days(lang: str, claim: Claim) -> str:
    """ ", days 30-59" for a claim measured outside the usual window (nothing otherwise)."""
    if claim.window == WINDOW:
        return ""
    return tr(lang, "ws.claim_days", w0=claim.window[0], w1=claim.window[1])


def measure(step: WorkshopStep, live: LiveRun) -> list[tuple[Claim, float]]:
    """Each claim of ``step`` with its value in ``live`` (which must have run past :data:`WINDOW`)."""
    return [(c, c.value(live.mean_series(c.kpi, 0), live.mean_series(c.kpi, 1))) for c in step.claims]


def finished(step: WorkshopStep, seed: int = WORKSHOP_SEED) -> LiveRun:
    """The step's two plans run to the last day."""
    live = LiveRun(*step.scenarios(seed), history=False)
    live.step(live.days)
    return live


@dataclass(frozen=True)
class StepResult:
    """What the handout shows of one step: the shown run's bands per KPI and the claims over seeds."""

    bands: dict[str, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]]
    shown: tuple[float, ...]
    seeds: tuple[tuple[float, ...], ...]


@lru_cache(maxsize=2)
def study(seeds: tuple[int, ...] = CLAIM_SEEDS) -> tuple[StepResult, ...]:
    """Every step run on the shown seed and on ``seeds`` (cached: the runs are deterministic)."""
    results = []
    for step in STEPS:
        live = finished(step)
        bands = {
            kpi: {ab: live.band_series(kpi, i, smooth=smoothing(kpi)) for i, ab in enumerate("AB")}
            for kpi in step.kpis
        }
        shown = tuple(v for _, v in measure(step, live))
        per_seed = tuple(
            tuple(v for _, v in measure(step, finished(step, s) if s != WORKSHOP_SEED else live))
            for s in seeds
        )
        results.append(StepResult(bands, shown, per_seed))
    return tuple(results)


def seed_label(seeds: tuple[int, ...]) -> str:
    return f"{seeds[0]}-{seeds[-1]}" if list(seeds) == list(range(seeds[0], seeds[-1] + 1)) else str(seeds)


# ---- drawing ------------------------------------------------------------------------------------


class _Page:
    """A4 page filled top-down: text blocks and chart rows at a moving cursor (figure coordinates)."""

    LEFT, RIGHT = 0.08, 0.92

    def __init__(self, pdf, lang: str, footer: str):
        from matplotlib.figure import Figure

        self.pdf, self.lang = pdf, lang
        self.fig = Figure(figsize=A4)
        self.y = 0.95
        self.fig.text(0.5, 0.025, footer, ha="center", fontsize=8, color="#444")

    def text(self, words: str, size: float = 10, gap: float = 0.008, indent: float = 0.0, **kw) -> None:
        width = (self.RIGHT - self.LEFT - indent) * A4[0] * 72  # points
        chars = int(width / (size * (0.58 if kw.get("weight") == "bold" else 0.52)))
        lines = textwrap.wrap(words, chars, break_on_hyphens=False) or [""]
        self.fig.text(self.LEFT + indent, self.y, "\n".join(lines), va="top", fontsize=size, **kw)
        self.y -= len(lines) * size * 1.45 / 72 / A4[1] + gap

    def charts(self, step: WorkshopStep, result: StepResult, height: float = 0.2) -> None:
        n = len(step.kpis)
        width = (self.RIGHT - self.LEFT - 0.08 * (n - 1)) / n
        bottom = self.y - height
        for j, kpi in enumerate(step.kpis):
            ax = self.fig.add_axes((self.LEFT + j * (width + 0.08), bottom + 0.035, width, height - 0.06))
            for ab, colour in (("A", charts.PLAN_A), ("B", charts.PLAN_B)):
                mean, lo, hi = result.bands[kpi][ab]
                days = np.arange(len(mean))
                ax.fill_between(days, lo, hi, color=colour, alpha=0.18, lw=0)
                if ab == "A":
                    ax.plot(days, mean, color=colour, lw=3.2, label="A")
                else:
                    ax.plot(days, mean, color=colour, lw=1.8, ls=(0, (5, 3)), label="B")
            ax.axvline(CAMPAIGN_DAY, color="#555", lw=0.8, ls=":")
            ax.set_title("\n".join(textwrap.wrap(chart_title(self.lang, kpi), 30)), fontsize=8.5, loc="left")
            ax.set_ylabel(unit_label(self.lang, unit(kpi)), fontsize=7.5)
            ax.set_xlabel(tr(self.lang, "axis.day"), fontsize=7.5)
            ax.tick_params(labelsize=7)
            ax.xaxis.set_major_formatter(charts.tick_formatter(self.lang))
            ax.yaxis.set_major_formatter(charts.tick_formatter(self.lang))
            ax.grid(color="#ddd", lw=0.5)
            if j == 0:
                ax.legend(fontsize=7, frameon=False, loc="upper left")
        self.y = bottom - 0.01

    def table(self, rows: list[tuple[str, ...]], columns: tuple[float, ...], size: float = 8.5) -> None:
        for i, row in enumerate(rows):
            height = 1
            for x, cell in zip(columns, row, strict=True):
                width = int((self._next(columns, x) - x) * A4[0] * 72 / (size * (0.62 if i == 0 else 0.56)))
                lines = textwrap.wrap(cell, max(12, width)) or [""]
                height = max(height, len(lines))
                self.fig.text(
                    x,
                    self.y,
                    "\n".join(lines),
                    va="top",
                    fontsize=size,
                    weight="bold" if i == 0 else "normal",
                )
            self.y -= height * size * 1.4 / 72 / A4[1] + 0.004

    def _next(self, columns: tuple[float, ...], x: float) -> float:
        later = [c for c in columns if c > x]
        return later[0] - 0.01 if later else self.RIGHT

    def close(self) -> None:
        self.pdf.savefig(self.fig)


def _range(lang: str, claim: Claim, values: list[float]) -> str:
    d = decimals(claim)
    return tr(
        lang, "num.interval", lo=number(lang, min(values), d, True), hi=number(lang, max(values), d, True)
    )


def _claim_name(lang: str, claim: Claim) -> str:
    who = (
        "B − A" if claim.of == "B-A" else tr(lang, "ws.claim_plan", plan=claim.of, b0=BEFORE[0], b1=BEFORE[1])
    )
    return f"{kpi_label(lang, claim.kpi)}, {who}{_days(lang, claim)}: {stated(lang, claim)}"


def _step_page(pdf, lang: str, i: int, step: WorkshopStep, result: StepResult, seeds, footer: str) -> None:
    key = f"ws.{step.key}"
    page = _Page(pdf, lang, footer)
    page.text(
        tr(lang, "ho.step", i=i + 1, n=len(STEPS), section=tr(lang, f"{key}.section")), 9, color="#0b4f8a"
    )
    page.text(tr(lang, f"{key}.title"), 17, weight="bold", gap=0.012)
    page.text(tr(lang, "ho.point"), 9, color="#0b4f8a", gap=0.002)
    page.text(tr(lang, f"{key}.point"), 11.5, weight="bold", gap=0.012)
    page.text(tr(lang, "ho.plans", a=tr(lang, f"{key}.a"), b=tr(lang, f"{key}.b")), 10)
    page.text(tr(lang, f"{key}.same"), 9, color="#333")
    page.text(tr(lang, f"{key}.text"), 10, gap=0.01)
    page.text(tr(lang, "ws.quote_mark", quote=tr(lang, f"{key}.quote")), 10, style="italic", gap=0.012)
    page.charts(step, result, height=0.21 if len(step.kpis) <= 3 else 0.2)
    page.text(tr(lang, "ws.band_hint", n=WORKSHOP_BRANCHES, day=CAMPAIGN_DAY), 8, color="#333")
    page.text(
        tr(
            lang,
            "ho.measured",
            n=WORKSHOP_BRANCHES,
            w0=WINDOW[0],
            w1=WINDOW[1],
            seed=WORKSHOP_SEED,
            seeds=seed_label(seeds),
        ),
        9,
        weight="bold",
    )
    rows = [
        (tr(lang, "ho.col_claim"), tr(lang, "ho.col_run"), tr(lang, "ho.col_seeds", seeds=seed_label(seeds)))
    ]
    for j, claim in enumerate(step.claims):
        value = result.shown[j]
        mark = "✓" if claim.holds(value) else "✗ " + tr(lang, "ws.fails")
        rows.append(
            (
                _claim_name(lang, claim),
                f"{number(lang, value, decimals(claim), True)} {mark}",
                _range(lang, claim, [s[j] for s in result.seeds]),
            )
        )
    page.table(rows, (page.LEFT, 0.62, 0.76))
    page.y -= 0.01
    page.text(tr(lang, "ho.questions"), 11, weight="bold", gap=0.004)
    for q in (1, 2, 3):
        page.text(f"{q}. {tr(lang, f'{key}.q{q}')}", 10.5, indent=0.01)
    page.close()


def _cover(pdf, lang: str, footer: str) -> None:
    page = _Page(pdf, lang, footer)
    page.text(tr(lang, "ho.title"), 19, weight="bold", gap=0.02)
    page.text(tr(lang, "ho.subtitle", n=WORKSHOP_BRANCHES, days=WORKSHOP_DAYS, seed=WORKSHOP_SEED), 11)
    page.text(tr(lang, "ho.model_note", version=__version__), 10, color="#333", gap=0.02)
    for i, step in enumerate(STEPS):
        key = f"ws.{step.key}"
        page.text(f"{i + 1}. {tr(lang, f'{key}.title')}", 12, weight="bold", gap=0.003)
        page.text(tr(lang, f"{key}.point"), 10, indent=0.025, gap=0.014)
    page.close()


def _pdf_bytes(draw) -> bytes:
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Creator": f"campaign-sim {__version__}"}) as pdf:
        draw(pdf)
    return buffer.getvalue()


def handout_pdf(lang: str, seeds: tuple[int, ...] = CLAIM_SEEDS) -> bytes:
    """The handout: a cover with every step's point, then one page per step (point, charts, questions)."""
    results = study(tuple(seeds))
    n = len(STEPS) + 1

    def draw(pdf) -> None:
        _cover(pdf, lang, tr(lang, "ho.page", i=1, n=n))
        for i, (step, result) in enumerate(zip(STEPS, results, strict=True)):
            _step_page(pdf, lang, i, step, result, seeds, tr(lang, "ho.page", i=i + 2, n=n))

    return _pdf_bytes(draw)


def debrief_pdf(lang: str, seeds: tuple[int, ...] = CLAIM_SEEDS) -> bytes:
    """The one-page debrief: every step's statement and in how many seeds it held, the model's limits."""
    results = study(tuple(seeds))

    def draw(pdf) -> None:
        page = _Page(pdf, lang, f"campaign-sim {__version__}")
        page.text(tr(lang, "ho.debrief_title"), 16, weight="bold", gap=0.012)
        page.text(
            tr(
                lang,
                "ho.debrief_intro",
                seeds=seed_label(seeds),
                n=WORKSHOP_BRANCHES,
                w0=WINDOW[0],
                w1=WINDOW[1],
            ),
            9.5,
            gap=0.012,
        )
        for i, (step, result) in enumerate(zip(STEPS, results, strict=True)):
            key = f"ws.{step.key}"
            held = sum(all(c.holds(v) for c, v in zip(step.claims, s, strict=True)) for s in result.seeds)
            page.text(
                f"{i + 1}. {tr(lang, f'{key}.title')} ({tr(lang, 'ho.held', k=held, m=len(seeds))})",
                10,
                weight="bold",
                gap=0.001,
            )
            page.text(tr(lang, f"{key}.point"), 8.5, indent=0.02, gap=0.006)
        page.y -= 0.006
        page.text(tr(lang, "ho.debrief_limits"), 11, weight="bold", gap=0.004)
        for k in (1, 2, 3, 4):
            page.text(f"• {tr(lang, f'ho.limit{k}')}", 8.5, indent=0.01, gap=0.003)
        page.y -= 0.008
        page.text(tr(lang, "ho.debrief_questions"), 11, weight="bold", gap=0.004)
        for k in (1, 2, 3):
            page.text(f"{k}. {tr(lang, f'ho.dq{k}')}", 9.5, indent=0.01, gap=0.003)
        page.close()

    return _pdf_bytes(draw)
