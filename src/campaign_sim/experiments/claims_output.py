"""What ``campaign-sim claims`` writes: the tables, the figure and a short report in words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import pages
from .claims import CLAIMS, ClaimsResult, describe_shares, percent
from .figures import DPI


def claims_figure(result: ClaimsResult, path: Path) -> Path:
    """Left: each claim's share of plausible worlds with its interval; right: the share per model
    structure (rows: structures, columns: claims), so where a claim fails shows at a glance."""
    table = result.table
    structures = list(dict.fromkeys(result.by_structure["structure"]))
    fig = Figure(figsize=(11, 0.9 + 0.45 * max(len(structures), len(table))), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=(1, 1.4))
    y = np.arange(len(table))[::-1]
    left.errorbar(
        table["share"], y, xerr=[table["share"] - table["low"], table["high"] - table["share"]],
        fmt="o", color="#1f4e79", capsize=4, label="weighted (posterior), 95% interval",
    )  # fmt: skip
    left.plot(table["share_unweighted"], y - 0.22, "x", color="#c55a11", label="every parameter set equally")
    left.set_yticks(y, table["claim"])
    left.set_xlim(-0.02, 1.02)
    left.axvline(0.5, color="0.7", lw=0.8, ls="--")
    left.set_xlabel("share of plausible worlds in which the claim holds")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=8, frameon=False)
    grid = result.by_structure.pivot(index="structure", columns="claim", values="share").reindex(structures)
    grid = grid[[c.key for c in CLAIMS]]
    image = right.imshow(grid.to_numpy(), vmin=0, vmax=1, cmap="RdYlBu", aspect="auto")
    right.set_xticks(range(grid.shape[1]), grid.columns)
    right.set_yticks(range(grid.shape[0]), grid.index, fontsize=8)
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        dark = value > 0.8 or value < 0.15  # the colour map's ends are dark
        right.text(
            j, i, f"{value:.0%}", ha="center", va="center", fontsize=7, color="white" if dark else "black"
        )
    fig.colorbar(image, ax=right, label="weighted share holding")
    right.set_title("per model structure", fontsize=10)
    fig.suptitle(
        f"The concept's claims across {result.members} parameter sets x {result.structures} structures",
        fontsize=11,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    return path


def claims_text(result: ClaimsResult) -> str:
    """The claims in words, as Markdown: what each share contains, then one paragraph per claim."""
    lines = ["# The concept's claims as shares of plausible worlds", "", describe_shares(result), ""]
    for row in result.table.itertuples():
        conditions = result.conditions[result.conditions["claim"] == row.claim]
        told = "; ".join(f"{c.condition} {percent(c.share)}" for c in conditions.itertuples())
        lines += [
            f"## {row.claim}: {row.statement}",
            "",
            f"Holds in **{percent(row.share)}** of plausible worlds "
            f"(95% interval {row.low:.0%}-{row.high:.0%}); "
            f"in the published model's structure {percent(row.share_published_model)}; every parameter set "
            f"counted equally {percent(row.share_unweighted)}.",
            f"Its conditions, each alone: {told}.",
            f"Structures where it fails in most worlds: {row.structures_where_it_fails}.",
            row.failure_region,
            "",
        ]
        if row.claim == "H4":
            lines[-1:-1] = [
                f"In level (the old test's criterion, not the claim's buffering), attitude work in the harsh "
                f"market wins back at least a third of the engagement the market erodes in "
                f"{result.level_regained:.0%} of worlds.",
                "",
            ]
    return "\n".join(lines)


def write_claims(result: ClaimsResult, out: Path) -> list[Path]:
    """claims.csv, claims_by_structure.csv, claims_conditions.csv, claims_worlds.csv,
    claims_regions.csv, claims.png, claims.md and report.html in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    tables = {
        "claims.csv": result.table,
        "claims_by_structure.csv": result.by_structure,
        "claims_conditions.csv": result.conditions,
        "claims_worlds.csv": result.worlds,
    }
    tables["claims_regions.csv"] = pd.DataFrame(
        [{"claim": key, **box.row()} for key, box in result.boxes.items()]
    )
    for name, frame in tables.items():
        frame.to_csv(out / name, index=False)
        written.append(out / name)
    figure = claims_figure(result, out / "claims.png")
    written.append(figure)
    (out / "claims.md").write_text(claims_text(result), encoding="utf-8")
    written.append(out / "claims.md")
    shown = result.table[
        ["claim", "statement", "share", "low", "high", "share_published_model", "share_unweighted"]
    ]
    body = (
        pages.paragraphs([describe_shares(result)])
        + pages.image(
            figure, "Left: share of plausible worlds per claim (95% interval); right: per model structure."
        )
        + pages.table(shown, "Shares of plausible worlds in which each claim holds", digits=2)
        + "".join(
            f"<h2>{pages.html.escape(r.claim)}: {pages.html.escape(r.statement)}</h2>"
            + pages.paragraphs(
                [
                    f"Holds in {percent(r.share)} of plausible worlds "
                    f"(95% interval {r.low:.0%}-{r.high:.0%}).",
                    f"Structures where it fails in most worlds: {r.structures_where_it_fails}.",
                    f"Weakest condition: {r.weakest_condition}.",
                    r.failure_region,
                ]
            )
            for r in result.table.itertuples()
        )
    )
    meta = f"{result.members} parameter sets x {result.structures} structures"
    written.append(
        pages.write_page(out / "report.html", "The concept's claims in plausible worlds", meta, body)
    )
    return written
