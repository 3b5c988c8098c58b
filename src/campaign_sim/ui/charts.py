"""Vega-Lite chart specs (plain dicts) for the live charts, and the matplotlib twins for PNG export.

Specs are built as dicts rather than through Altair: a spec is rebuilt for
every frame of a running simulation, and skipping Altair's schema validation
keeps a frame cheap.  They target the Vega-Lite 5.2 bundled with
``solara-assets`` so that the page draws offline.

Colours are chosen for colour-blind viewers and projectors: the Okabe-Ito
palette for categories (plan A blue, plan B vermillion), lines that also
differ by dash, ``viridis`` for states 0..1 on a fixed domain (so a colour means
the same value on every frame), and ``blueorange`` for differences.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.2.0.json"
#: Okabe-Ito, without its yellow (too faint on white)
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F")
DASHES = ([1, 0], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 2], [2, 6], [6, 2, 2, 2, 2, 2])
PLAN_A, PLAN_B = PALETTE[0], PALETTE[1]
STATE_SCHEME = "viridis"
#: most points drawn per line; longer runs are thinned evenly
MAX_POINTS = 400
#: vega-embed options carried in the spec: SVG (one element per mark, so people and tiles can be
#: clicked and tested), and only the image export in the menu, no links that would leave this computer
EMBED = {
    "embedOptions": {
        "renderer": "svg",
        "actions": {"export": True, "source": False, "compiled": False, "editor": False},
    }
}


#: d3 number formats for German charts (decimal comma, thousands dot, the minus sign)
LOCALES: dict[str, dict[str, Any]] = {
    "de": {
        "number": {
            "decimal": ",",
            "thousands": ".",
            "grouping": [3],
            "currency": ["", " €"],
            "minus": "\u2212",
        }
    },
    "en": {
        "number": {
            "decimal": ".",
            "thousands": ",",
            "grouping": [3],
            "currency": ["", " €"],
            "minus": "\u2212",
        }
    },
}


def localise(spec: dict[str, Any], lang: str) -> dict[str, Any]:
    """The spec with numbers on axes, legends and tooltips written as in ``lang``."""
    config = {**spec.get("config", {}), "locale": LOCALES.get(lang, LOCALES["en"])}
    return {**spec, "config": config}


def _sizes(large: bool) -> dict[str, float]:
    return (
        {"font": 20, "title": 24, "line": 4.5, "height": 300}
        if large
        else {"font": 14, "title": 17, "line": 3.0, "height": 210}
    )


def _config(large: bool) -> dict[str, Any]:
    s = _sizes(large)
    return {
        "font": "Roboto, Arial, sans-serif",
        "axis": {
            "labelFontSize": s["font"],
            "titleFontSize": s["font"],
            "labelColor": "#111",
            "titleColor": "#111",
            "gridColor": "#ddd",
            "domainColor": "#333",
            "tickColor": "#333",
        },
        "legend": {"labelFontSize": s["font"], "titleFontSize": s["font"], "symbolStrokeWidth": s["line"]},
        "title": {"fontSize": s["title"], "anchor": "start", "color": "#111", "limit": 0},
        "view": {"stroke": None},
    }


#: characters per title line, normal and projector type (a chart in half the page is ~480 px wide)
TITLE_CHARS = {False: 46, True: 34}


def title_lines(title: str, large: bool = False, chars: int | None = None) -> dict[str, Any]:
    """A chart title wrapped into lines that fit half the page (or ``chars``), so that no title is cut off."""
    import textwrap

    lines = textwrap.wrap(title, chars or TITLE_CHARS[large], break_on_hyphens=False) or [title]
    return {"text": lines if len(lines) > 1 else lines[0]}


def title_text(spec: dict[str, Any]) -> str:
    """A spec's title as one string (the lines of a wrapped title joined by spaces)."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def _base(title: str, large: bool, height: float | None = None) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": title_lines(title, large),
        "width": "container",
        "height": height or _sizes(large)["height"],
        "config": _config(large),
        "autosize": {"type": "fit-x", "contains": "padding"},
        "usermeta": EMBED,
    }


def _thin(n: int) -> slice:
    return slice(None, None, max(1, math.ceil(n / MAX_POINTS)))


def _round(values: np.ndarray) -> list[float | None]:
    return [None if not math.isfinite(v) else round(v, 4) for v in np.asarray(values, float).tolist()]


def _x(days_total: int, title: str) -> dict[str, Any]:
    return {
        "field": "day",
        "type": "quantitative",
        "title": title,
        "scale": {"domain": [0, max(days_total, 1)], "nice": False},
    }


def band(
    mean: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    title: str,
    y_title: str,
    days_total: int,
    x_title: str,
    large: bool = False,
    colour: str = PLAN_A,
) -> dict[str, Any]:
    """Mean over branches as a line, the 10-90 % spread of branches as a band."""
    idx = _thin(len(mean))
    days = np.arange(len(mean))[idx]
    rows = [
        {"day": int(d), "mean": m, "lo": a, "hi": b}
        for d, m, a, b in zip(days, _round(mean[idx]), _round(lo[idx]), _round(hi[idx]), strict=True)
    ]
    line = _sizes(large)["line"]
    spec = _base(title, large)
    spec["data"] = {"values": rows}
    spec["encoding"] = {"x": _x(days_total, x_title)}
    spec["layer"] = [
        {
            "mark": {"type": "area", "opacity": 0.25, "color": colour},
            "encoding": {
                "y": {"field": "lo", "type": "quantitative", "title": y_title},
                "y2": {"field": "hi"},
            },
        },
        {
            "mark": {"type": "line", "strokeWidth": line, "color": colour},
            "encoding": {
                "y": {"field": "mean", "type": "quantitative", "title": y_title},
                "tooltip": [{"field": "day"}, {"field": "mean", "format": ",.3~f"}],
            },
        },
    ]
    return spec


def lines(
    series: dict[str, np.ndarray],
    title: str,
    days_total: int,
    x_title: str,
    y_title: str,
    large: bool = False,
    domain: Sequence[float] | None = (0.0, 1.0),
    colours: Sequence[str] = PALETTE,
    start_day: int = 0,
    legend_title: str | None = None,
) -> dict[str, Any]:
    """Several labelled series over days; colour and dash both tell them apart."""
    rows: list[dict[str, Any]] = []
    labels = list(series)
    for label, values in series.items():
        idx = _thin(len(values))
        days = np.arange(start_day, start_day + len(values))[idx]
        rows.extend(
            {"day": int(d), "value": v, "series": label}
            for d, v in zip(days, _round(np.asarray(values)[idx]), strict=True)
        )
    y: dict[str, Any] = {"field": "value", "type": "quantitative", "title": y_title}
    if domain is not None:
        y["scale"] = {"domain": list(domain)}
    spec = _base(title, large)
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "line", "strokeWidth": _sizes(large)["line"]}
    spec["encoding"] = {
        "x": _x(days_total, x_title),
        "y": y,
        "color": {
            "field": "series",
            "type": "nominal",
            "title": legend_title,
            "sort": labels,
            "scale": {"domain": labels, "range": list(colours[: len(labels)])},
            "legend": {"orient": "bottom", "columns": 2 if len(labels) > 2 else len(labels), "labelLimit": 0},
        },
        "strokeDash": {
            "field": "series",
            "type": "nominal",
            "sort": labels,
            "scale": {"domain": labels, "range": [list(d) for d in DASHES[: len(labels)]]},
            "legend": None,
        },
        "tooltip": [{"field": "series"}, {"field": "day"}, {"field": "value", "format": ",.3~f"}],
    }
    return spec


def plans(
    series: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    title: str,
    days_total: int,
    x_title: str,
    y_title: str,
    large: bool = False,
    rule_day: int | None = None,
    rule_label: str = "",
    height: float | None = None,
    columns: int = 2,
) -> dict[str, Any]:
    """Plan A and plan B: each the mean over branches as a line and the 10-90 % spread as a band.

    A is drawn first, solid and thicker; B dashed and thinner on top, so that
    where the two coincide A shows as a rim around B's dashes instead of
    vanishing.  The y axis fits the data (not 0-1): workshop effects are often
    a few hundredths, and the point text names their size.
    """
    line = _sizes(large)["line"]
    colours = {"A": PLAN_A, "B": PLAN_B}
    rows: list[dict[str, Any]] = []
    for label, (mean, lo, hi) in series.items():
        idx = _thin(len(mean))
        days = np.arange(len(mean))[idx]
        rows.extend(
            {"day": int(d), "plan": label, "mean": m, "lo": a, "hi": b}
            for d, m, a, b in zip(days, _round(mean[idx]), _round(lo[idx]), _round(hi[idx]), strict=True)
        )
    y = {"type": "quantitative", "title": y_title, "scale": {"zero": False}}
    layers: list[dict[str, Any]] = []
    for label in series:
        keep = {"filter": {"field": "plan", "equal": label}}
        layers.append(
            {
                "transform": [keep],
                "mark": {"type": "area", "opacity": 0.18, "color": colours.get(label, PALETTE[2])},
                "encoding": {"y": {"field": "lo", **y}, "y2": {"field": "hi"}},
            }
        )
    for label in series:
        keep = {"filter": {"field": "plan", "equal": label}}
        mark: dict[str, Any] = {"type": "line", "color": colours.get(label, PALETTE[2])}
        mark |= {"strokeWidth": line * 1.8} if label == "A" else {"strokeWidth": line, "strokeDash": [8, 5]}
        layers.append(
            {
                "transform": [keep],
                "mark": mark,
                "encoding": {
                    "y": {"field": "mean", **y},
                    "tooltip": [{"field": "plan"}, {"field": "day"}, {"field": "mean", "format": ",.3~f"}],
                },
            }
        )
    if rule_day is not None:
        layers.append(
            {
                "data": {"values": [{"day": rule_day, "label": rule_label}]},
                "layer": [
                    {
                        "mark": {"type": "rule", "color": "#555", "strokeDash": [2, 3]},
                        "encoding": {"x": {"field": "day", "type": "quantitative"}},
                    },
                    {
                        "mark": {
                            "type": "text",
                            "align": "left",
                            "dx": 4,
                            "y": 2,
                            "baseline": "top",
                            "fontSize": _sizes(large)["font"] * 0.8,
                            "color": "#333",
                        },
                        "encoding": {
                            "x": {"field": "day", "type": "quantitative"},
                            "text": {"field": "label"},
                        },
                    },
                ],
            }
        )
    spec = _base(title, large, height)
    # ``columns`` charts side by side: titles wrap to the narrower width; no export menu over the title
    spec["title"] = title_lines(title, large, chars=int(TITLE_CHARS[large] * 2.9 / max(3, columns)))
    spec["usermeta"] = {"embedOptions": {"renderer": "svg", "actions": False}}
    spec["data"] = {"values": rows}
    spec["encoding"] = {"x": {**_x(days_total, x_title), "axis": {"tickCount": 5, "labelOverlap": True}}}
    spec["layer"] = layers
    return spec


def difference(
    diff: np.ndarray, title: str, days_total: int, x_title: str, y_title: str, large: bool = False
) -> dict[str, Any]:
    """B - A per day, with a zero line: above zero (B higher) filled in B's colour, below in A's."""
    idx = _thin(len(diff))
    days = np.arange(len(diff))[idx]
    rows = [
        {
            "day": int(d),
            "diff": v,
            "b_up": None if v is None else max(v, 0.0),
            "a_up": None if v is None else min(v, 0.0),
        }
        for d, v in zip(days, _round(diff[idx]), strict=True)
    ]
    spec = _base(title, large)
    spec["data"] = {"values": rows}
    spec["encoding"] = {"x": _x(days_total, x_title)}
    spec["layer"] = [
        {
            "mark": {"type": "area", "opacity": 0.3, "color": PLAN_B},
            "encoding": {"y": {"field": "b_up", "type": "quantitative", "title": y_title}},
        },
        {
            "mark": {"type": "area", "opacity": 0.3, "color": PLAN_A},
            "encoding": {"y": {"field": "a_up", "type": "quantitative", "title": y_title}},
        },
        {
            "mark": {"type": "line", "strokeWidth": _sizes(large)["line"], "color": "#111"},
            "encoding": {
                "y": {"field": "diff", "type": "quantitative"},
                "tooltip": [{"field": "day"}, {"field": "diff", "format": "+,.3~f"}],
            },
        },
        {"mark": {"type": "rule", "color": "#555", "strokeDash": [4, 4]}, "encoding": {"y": {"datum": 0}}},
    ]
    return spec


def cumulative(
    values: np.ndarray,
    title: str,
    days_total: int,
    x_title: str,
    y_title: str,
    large: bool = False,
    break_even: int | None = None,
    rule_label: str = "",
) -> dict[str, Any]:
    """The cumulative net benefit B - A per day, with a zero line and the break-even day marked."""
    spec = difference(values, title, days_total, x_title, y_title, large)
    spec["layer"][2]["encoding"]["tooltip"] = [{"field": "day"}, {"field": "diff", "format": "+,.0f"}]
    if break_even is not None:
        spec["layer"].append(
            {
                "data": {"values": [{"day": int(break_even), "label": f"{rule_label} {break_even}"}]},
                "layer": [
                    {
                        "mark": {"type": "rule", "color": PLAN_A, "strokeWidth": _sizes(large)["line"]},
                        "encoding": {"x": {"field": "day", "type": "quantitative"}},
                    },
                    {
                        "mark": {
                            "type": "text",
                            "align": "left",
                            "dx": 6,
                            "y": 8,
                            "baseline": "top",
                            "fontSize": _sizes(large)["font"],
                            "fontWeight": "bold",
                            "color": PLAN_A,
                        },
                        "encoding": {
                            "x": {"field": "day", "type": "quantitative"},
                            "text": {"field": "label"},
                        },
                    },
                ],
            }
        )
    return spec


def number_format(unit: str) -> str:
    """d3 format for values of a KPI unit (money without decimals, states with two)."""
    return {"EUR/day": ",.0f", "count": ",.0f", "count/day": ",.2f"}.get(unit, ".3f")


def tiles(
    values: np.ndarray, title: str, unit: str, large: bool = False, selected: int | None = None
) -> dict[str, Any]:
    """Every branch as a tile coloured by one KPI; clicking a tile yields its ``branch``."""
    n = len(values)
    cols = max(1, min(10, math.ceil(math.sqrt(n * 1.6))))
    finite = np.asarray(values, float)
    lo, hi = (
        (float(np.nanmin(finite)), float(np.nanmax(finite))) if n and np.isfinite(finite).any() else (0, 1)
    )
    scale = (hi - lo) or 1.0
    fmt = number_format(unit)
    rows = []
    for b, v in enumerate(_round(finite)):
        share = 0.5 if v is None else (v - lo) / scale
        rows.append(
            {
                "branch": b,
                "col": b % cols,
                "row": b // cols,
                "value": v,
                # dark text on the light end of viridis, white on the dark end
                "dark": share > 0.55,
                "selected": b == selected,
            }
        )
    step = 96 if large else 76
    font = _sizes(large)["font"]
    ink = {"condition": {"test": "datum.dark", "value": "#000000"}, "value": "#ffffff"}
    return {
        "$schema": SCHEMA,
        "title": title_lines(title, large),
        "data": {"values": rows},
        "width": {"step": step},
        "height": {"step": step},
        "config": {**_config(large), "axis": {"grid": False}},
        "usermeta": EMBED,
        "encoding": {
            "x": {"field": "col", "type": "ordinal", "axis": None},
            "y": {"field": "row", "type": "ordinal", "axis": None},
        },
        "layer": [
            {
                "mark": {"type": "rect", "cursor": "pointer", "cornerRadius": 4},
                "encoding": {
                    "color": {
                        "field": "value",
                        "type": "quantitative",
                        "scale": {"scheme": STATE_SCHEME},
                        "title": None,
                        "legend": {"orient": "right", "gradientLength": 4 * step, "format": fmt},
                    },
                    "stroke": {
                        "condition": {"test": "datum.selected", "value": "#D55E00"},
                        "value": "#ffffff",
                    },
                    "strokeWidth": {"condition": {"test": "datum.selected", "value": 5}, "value": 2},
                    "tooltip": [{"field": "branch"}, {"field": "value", "format": fmt}],
                },
            },
            {
                "mark": {"type": "text", "fontSize": font, "fontWeight": "bold", "dy": -font * 0.55},
                "encoding": {
                    "text": {"field": "branch"},
                    "color": ink,
                },
            },
            {
                "mark": {"type": "text", "fontSize": font * 0.8, "dy": font * 0.65},
                "encoding": {
                    "text": {"field": "value", "format": fmt},
                    "color": ink,
                },
            },
        ],
    }


def agents(
    frame,
    state: str,
    title: str,
    kind: str,
    large: bool = False,
    selected_uid: int | None = None,
    columns: int | None = None,
) -> dict[str, Any]:
    """People of one branch as marks on a grid, coloured by one state (0..1, fixed scale).

    Employees are large circles, customers small squares.  A click yields the
    datum with ``kind``, ``slot`` and ``uid``.
    """
    n = len(frame)
    employee = kind == "employee"
    cols = columns or (min(8, max(1, n)) if employee else max(10, min(30, math.ceil(math.sqrt(n * 3)))))
    values = frame[state].to_numpy() if n else np.zeros(0)
    uids = frame["uid"].to_numpy() if n else np.zeros(0, int)
    slots = frame["slot"].to_numpy() if n else np.zeros(0, int)
    rows = [
        {
            "kind": kind,
            "slot": int(slot),
            "uid": int(uid),
            "value": v,
            "col": i % cols,
            "row": i // cols,
            "selected": bool(selected_uid is not None and uid == selected_uid),
        }
        for i, (slot, uid, v) in enumerate(zip(slots.tolist(), uids.tolist(), _round(values), strict=True))
    ]
    s = _sizes(large)
    cell = (54 if large else 40) if employee else (20 if large else 15)
    mark_size = cell * cell * (0.55 if employee else 0.75)
    n_rows = max(1, math.ceil(n / cols))
    return {
        "$schema": SCHEMA,
        "title": title_lines(title, large),
        "data": {"values": rows},
        "width": cols * cell,
        "height": n_rows * cell,
        "config": {**_config(large), "axis": {"grid": False}},
        "usermeta": {"embedOptions": {**EMBED["embedOptions"], "actions": False}},
        "mark": {
            "type": "circle" if employee else "square",
            "size": mark_size,
            "opacity": 1,
            "cursor": "pointer",
        },
        "encoding": {
            "x": {
                "field": "col",
                "type": "quantitative",
                "axis": None,
                "scale": {"domain": [-0.5, cols - 0.5]},
            },
            "y": {
                "field": "row",
                "type": "quantitative",
                "axis": None,
                "scale": {"domain": [n_rows - 0.5, -0.5]},
            },
            "color": {
                "field": "value",
                "type": "quantitative",
                "title": None,
                "scale": {"scheme": STATE_SCHEME, "domain": [0, 1]},
                "legend": {
                    "orient": "right",
                    "gradientLength": max(60, min(220, n_rows * cell)),
                    "format": ".1f",
                },
            },
            "stroke": {"condition": {"test": "datum.selected", "value": "#D55E00"}, "value": "#333333"},
            "strokeWidth": {
                "condition": {"test": "datum.selected", "value": s["line"] * 1.4},
                "value": 1 if employee else 0.3,
            },
            "tooltip": [{"field": "uid"}, {"field": "value", "format": ".2f"}],
        },
    }


# ---- PNG export (matplotlib, server side) ------------------------------------------------


#: characters per line of a PNG panel's title (12 pt in a 6.4 inch wide panel) and of the figure's title
PNG_TITLE_CHARS, PNG_SUPTITLE_CHARS = 58, 120


def wrap(text: str, width: int) -> str:
    """``text`` broken at words into lines of at most ``width`` characters (for matplotlib titles)."""
    import textwrap

    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_on_hyphens=False)) for line in text.split("\n")
    )


def tick_decimals(locs: Sequence[float]) -> int:
    """Fewest decimals (0-4) that tell the ticks ``locs`` apart exactly (0.25 steps: 2, 50 steps: 0)."""
    locs = np.asarray(locs, float)
    steps = np.abs(np.diff(locs)) if locs.size > 1 else np.abs(locs)
    step = float(steps[steps > 0].min()) if np.any(steps > 0) else 1.0
    for decimals in range(5):
        scaled = step * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6 * max(1.0, scaled):
            return decimals
    return 4


def tick_formatter(lang: str):
    """A matplotlib tick formatter that writes numbers as the page does (:func:`payback.number`):
    thousands separators, German decimal commas and thousands dots, the minus sign."""
    from matplotlib.ticker import Formatter

    from .payback import number

    class Ticks(Formatter):
        decimals = 0

        def set_locs(self, locs):
            self.decimals = tick_decimals(locs)

        def __call__(self, x, pos=None):
            return number(lang, float(x), self.decimals)

    return Ticks()


def figure(panels: list[dict[str, Any]], title: str, lang: str = "en", columns: int = 2):
    """The matplotlib figure of :func:`png` (kept apart so that its titles and ticks can be tested)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n = max(1, len(panels))
    rows = math.ceil(n / columns)
    fig = Figure(figsize=(6.4 * columns, 3.9 * rows + 0.9), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(wrap(title, PNG_SUPTITLE_CHARS), fontsize=14)
    for i, panel in enumerate(panels):
        ax = fig.add_subplot(rows, columns, i + 1)
        if "text" in panel:  # words beside a chart (costs, who is ahead), no axes
            ax.axis("off")
            ax.text(0, 1.05, wrap(panel["text"], PNG_TITLE_CHARS + 26), va="top", fontsize=9)
            continue
        ax.set_title(wrap(panel["title"], PNG_TITLE_CHARS), fontsize=12, loc="left")
        for j, (label, values) in enumerate(panel["series"].items()):
            values = np.asarray(values, float)
            x = np.arange(panel.get("start", 0), panel.get("start", 0) + len(values))
            if panel.get("difference"):  # B - A: black line, above zero in B's colour, below in A's
                ax.plot(x, values, color="#000000", lw=1.8, label=label)
                ax.fill_between(x, values, 0, where=values >= 0, color=PLAN_B, alpha=0.3, lw=0)
                ax.fill_between(x, values, 0, where=values < 0, color=PLAN_A, alpha=0.3, lw=0)
                continue
            dash = DASHES[j % len(DASHES)]
            style = "-" if dash[1] == 0 else (0, tuple(dash))
            ax.plot(x, values, color=PALETTE[j % len(PALETTE)], lw=2.2, label=label, linestyle=style)
        if "band" in panel:
            lo, hi = panel["band"]
            ax.fill_between(np.arange(len(lo)), lo, hi, color=PALETTE[0], alpha=0.2, lw=0)
        if panel.get("zero") or panel.get("difference"):
            ax.axhline(0, color="#555", lw=1, ls="--")
        if panel.get("rule") is not None:
            day, text = panel["rule"]
            ax.axvline(day, color=PLAN_A, lw=1.5)
            ax.annotate(
                text,
                (day, 1),
                xycoords=("data", "axes fraction"),
                xytext=(4, -14),
                textcoords="offset points",
                color=PLAN_A,
                fontsize=10,
            )
        ax.set_xlabel(panel.get("x", ""))
        ax.set_ylabel(panel.get("y", ""))
        ax.xaxis.set_major_formatter(tick_formatter(lang))
        ax.yaxis.set_major_formatter(tick_formatter(lang))
        ax.grid(color="#ddd", lw=0.6)
        if len(panel["series"]) > 1:
            many = len(panel["series"]) > 4  # long German names: fewer columns, so the legend fits the panel
            ax.legend(
                fontsize=8.5 if many else 9,
                ncols=2 if many else 4,
                frameon=False,
                loc="upper center",
                bbox_to_anchor=(0.5, -0.16),
            )
    return fig


def png(panels: list[dict[str, Any]], title: str, lang: str = "en", columns: int = 2) -> bytes:
    """A PNG of several panels, each ``{"title", "x", "y"?, "series": {label: values}, "band": (lo, hi)?,
    "zero"?, "difference"?, "rule": (day, text)?}`` or ``{"text": words}`` (a panel of words).

    Drawn with matplotlib's Agg canvas (no pyplot, no display, thread-safe per
    figure), in the same colours and dashes as the live charts; titles wrap at
    words instead of being cut off, and tick numbers follow ``lang`` as on the page.
    """
    fig = figure(panels, title, lang, columns)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
