"""What ``campaign-sim discover`` writes: the worlds, the boxes, a figure and a page in words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from . import pages
from .discover import QUESTIONS, DiscoverDefinition, Discovery, describe_discovery
from .figures import DPI


def _axes_for(d: Discovery, key: str, numeric: list[str]) -> tuple[str, str]:
    """The two inputs to draw for a question: the box's restricted ones first, then those whose
    ranks go most with the question's worlds (so a figure without a box still shows what matters)."""
    case = d.worlds[key].astype(float)
    order = sorted(numeric, key=lambda c: -abs(d.worlds[c].rank().corr(case.rank())) if case.std() > 0 else 0)
    chosen = [c for c in d.boxes[key].limits if c in numeric]
    chosen += [c for c in order if c not in chosen]
    return chosen[0], chosen[1] if len(chosen) > 1 else chosen[0]


def discovery_figure(d: Discovery, definition: DiscoverDefinition, path: Path) -> Path:
    """Top: each arm's net benefit against each condition (every world a dot). Bottom, per question:
    the worlds over two inputs (the box's, else those that go most with the question), the
    question's worlds in colour and the PRIM box outlined where it restricts them."""
    labels = {c.path: c.label or c.path for c in definition.spec.conditions}
    numeric = list(labels)
    fig = Figure(figsize=(3.0 * max(len(numeric), 3), 8.2), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=(1, 1.3))
    for ax, name in zip(top.subplots(1, len(numeric), sharey=True), numeric, strict=True):
        for arm, colour in (("behaviour", "#7f7f7f"), ("attitude", "#1f4e79")):
            ax.scatter(d.worlds[name], d.worlds[f"net_{arm}"] / 1000, s=5, color=colour, alpha=0.6, label=arm)
        ax.axhline(0, color="#c55a11", lw=0.8)
        ax.set_xlabel(labels[name], fontsize=8)
    top.axes[0].set_ylabel(f"net benefit per branch,\n{d.horizon_years:g} years (kEUR)", fontsize=8)
    top.axes[0].legend(fontsize=7, loc="best")
    top.suptitle("Net benefit of each campaign in every world (all campaign costs included)", fontsize=10)
    for ax, key in zip(bottom.subplots(1, len(QUESTIONS)), QUESTIONS, strict=True):
        x_name, y_name = _axes_for(d, key, numeric)
        case = d.worlds[key].to_numpy(dtype=bool)
        ax.scatter(d.worlds[x_name][~case], d.worlds[y_name][~case], s=9, color="0.75", label="other worlds")
        ax.scatter(d.worlds[x_name][case], d.worlds[y_name][case], s=12, color="#c55a11", label="such worlds")
        limits = d.boxes[key].limits
        if x_name in limits or y_name in limits:
            x0, x1 = limits.get(x_name, (d.worlds[x_name].min(), d.worlds[x_name].max()))
            y0, y1 = limits.get(y_name, (d.worlds[y_name].min(), d.worlds[y_name].max()))
            ax.add_patch(
                Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, lw=1.6, ec="#1f4e79", label="PRIM box")
            )
        share = d.shares[key][0]
        ax.set_title(f"{QUESTIONS[key]}:\n{case.sum()} of {case.size} worlds ({share:.0%})", fontsize=9)
        ax.set_xlabel(labels[x_name])
        ax.set_ylabel(labels[y_name])
        ax.legend(fontsize=7, loc="best")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    return path


def discovery_lines(d: Discovery, definition: DiscoverDefinition) -> list[str]:
    """The answers in words: the share of worlds per question, then its box."""
    lines = [describe_discovery(d, definition)]
    for key, question in QUESTIONS.items():
        share, low, high = d.shares[key]
        lines.append(
            f"{question} ({d.horizon_years:g} years) in {share:.0%} of worlds "
            f"(95% interval {low:.0%}-{high:.0%}). " + d.boxes[key].sentence()
        )
    for arm in ("behaviour", "attitude"):
        net = d.worlds[f"net_{arm}"]
        lines.append(
            f"Net benefit of the {arm} arm per branch over {d.horizon_years:g} years: median "
            f"{net.median():,.0f} EUR (middle 90% of worlds {net.quantile(0.05):,.0f} to "
            f"{net.quantile(0.95):,.0f} EUR; chance, parameters and conditions together)."
        )
    return lines


def write_discovery(d: Discovery, definition: DiscoverDefinition, out: Path) -> list[Path]:
    """discover_worlds.csv, discover_boxes.csv, discover.png, discover.md and report.html in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    worlds = out / "discover_worlds.csv"
    d.worlds.to_csv(worlds, index=False)
    boxes = pd.DataFrame([{"question": QUESTIONS[k], **b.row()} for k, b in d.boxes.items()])
    boxes_path = out / "discover_boxes.csv"
    boxes.to_csv(boxes_path, index=False)
    figure = discovery_figure(d, definition, out / "discover.png")
    lines = discovery_lines(d, definition)
    text = out / "discover.md"
    text.write_text("# Scenario discovery\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    shown = boxes[["question", "conditions", "coverage", "density", "worlds_in_box", "cases", "worlds"]]
    body = (
        pages.paragraphs(lines)
        + pages.image(
            figure,
            "Top: net benefit per world against each condition. Bottom: the worlds of each "
            "question over the two inputs that matter most; the PRIM box outlined.",
        )
        + pages.table(
            shown.astype(object).where(shown.notna(), "-"),
            "PRIM boxes: coverage = share of such worlds in the box; density = share of worlds in the box "
            "that are such worlds",
        )
    )
    report = pages.write_page(out / "report.html", "Scenario discovery", f"{len(d.worlds)} worlds", body)
    return [worlds, boxes_path, figure, text, report]
