"""The report: one self-contained HTML file with the figures beside it.

The HTML embeds every figure as base64 and uses inline CSS only, so it opens in a
browser with no network and can be mailed as one file; the PNGs are also written to
``figures/`` for slides.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import seaborn as sns

from ..outputs import names
from . import pages
from .figures import (
    forest_figure,
    heterogeneity_figure,
    payback_figure,
    response_figure,
    sensitivity_figure,
    sweep_figure,
    trajectory_figure,
)
from .narrative import (
    arms_html,
    calibrated_world_html,
    details_text,
    economics_html,
    effects_html,
    factorial_html,
    field_html,
    heterogeneity_html,
    method_text,
    sensitivity_text,
    summary_text,
    sweep_text,
)
from .pipeline import CUSTOMER_SERIES, STAFF_SERIES, Analysis
from .stats import format_d


def _words(kpis) -> str:
    return ", ".join(k.replace("_", " ") for k in kpis)


def _img(path: Path, caption: str) -> str:
    return pages.image(path, caption)


def _frame_html(frame: pd.DataFrame, caption: str, digits: int = 3) -> str:
    """A plain table of ``frame``; a standardised effect ``d`` in two decimals, as everywhere."""
    return pages.table(frame, caption, digits, {"d": format_d} if "d" in frame.columns else None)


def build_report(a: Analysis) -> Path:
    """Draw the figures and write report.html in the results directory."""
    with sns.axes_style("whitegrid"), sns.plotting_context("notebook"):  # styles for these figures only
        return _build(a)


def _build(a: Analysis) -> Path:
    root = a.store.root
    folder = root / "figures"
    exp = a.experiment
    d = a.definition
    conf = int(d["statistics"]["confidence"] * 100)
    method = "Student t" if d["statistics"]["interval"] == "t" else "percentile bootstrap"
    invocations = a.manifest.get("invocations", [])
    first = invocations[0]["started"] if invocations else "?"
    last = (invocations[-1].get("ended") if invocations else None) or "?"
    runs_done = a.manifest["runs"] - a.missing
    meta = (
        f"{a.kind} &middot; {runs_done} of {a.manifest['runs']} runs &middot; {exp['replicates']} replicates "
        f"&middot; {exp['base_scenario']['run']['branches']} branches &middot; {exp['days']} days &middot; "
        f"before: days {exp['pre'][0]}-{exp['pre'][1] - 1}, "
        f"after: days {exp['post'][0]}-{exp['post'][1] - 1} "
        f"&middot; root seed {d['seed']} &middot; campaign-sim {a.manifest['campaign_sim']} &middot; "
        f"experiment file {html.escape(exp['file'])} (sha256 {exp['file_sha256'][:12]}) &middot; "
        f"runs from {first} to {last} ({len(invocations)} invocations: each start or resume)"
    )
    members = getattr(a, "members", None)
    if members is not None:
        meta += f" &middot; ensemble {html.escape(a.manifest['ensemble']['file'])}: {members.words()}"
    body = [
        f"<h1>{html.escape(d['name'])}</h1>",
        f"<p>{html.escape(d['description'])}</p>",
        f'<p class="meta">{meta}</p>',
    ]
    warning = calibrated_world_html(a)  # first, where nobody reads past it; "" when all is inside
    if warning:
        body.append(warning)

    if a.kind == "compare":
        body.append("<h2>Summary</h2>")
        body += [f'<p class="summary">{p}</p>' for p in summary_text(a)]
        body.append("<h2>What each arm contains</h2>")
        body.append(arms_html(a))
        money = payback_figure(a, folder)
        if money is not None:
            body.append("<h2>Money: cost, net benefit and payback</h2>")
            body.append(economics_html(a))
            body.append(
                _img(
                    money,
                    "Cumulative net benefit per branch against control from the first campaign day: the "
                    "profit difference (profit is net of campaign costs) minus the difference before the "
                    "campaigns, discounted; the dot marks the day from which it stays above zero.",
                )
            )
        if a.tables.get("factorial") is not None:
            body.append("<h2>Factorial: training and incentives, one by one and together</h2>")
            body.append(factorial_html(a))
        if a.tables.get("field") is not None:
            body.append("<h2>Against field studies of such interventions</h2>")
            body.append(field_html(a))
        body.append("<h2>Effects on every KPI</h2>")
        if a.tables.get("economics") is not None:
            body += [f'<p class="summary">{p}</p>' for p in details_text(a)]
        body.append(effects_html(a))
        forest = forest_figure(a, folder)
        body.append(
            _img(
                forest,
                f"Effect of each arm against control on each KPI: difference in differences of the mean per "
                f"branch and day, after minus before, {conf}% "
                + (members.words() if members is not None else f"{method} interval over replicates")
                + ".",
            )
        )
        staff_group = names("staff")
        market = [k for k in a.kpis if k not in staff_group][:6]
        staff = list(dict.fromkeys([*(k for k in a.kpis if k in staff_group), *STAFF_SERIES]))
        figs = [
            (
                trajectory_figure(
                    a, market, "Business and customer KPIs per arm", folder, "trajectories.png"
                ),
                f"Business and customer KPIs per arm over the run: {_words(market)}.",
            ),
            (
                trajectory_figure(a, staff, "Staff per arm", folder, "staff_states.png"),
                f"Staff per arm: {_words(staff)}.",
            ),
            (
                trajectory_figure(a, list(CUSTOMER_SERIES), "Customers per arm", folder, "customers.png"),
                f"Customers per arm: {_words(CUSTOMER_SERIES)}.",
            ),
            (
                heterogeneity_figure(a, folder),
                "How the effect differs by the teams' starting state: branches above vs below the median "
                "before the "
                "campaigns (groups formed within each replicate).",
            ),
        ]
        body.append("<h2>Figures</h2>")
        body += [_img(path, caption) for path, caption in figs if path is not None]
        if a.tables.get("heterogeneity") is not None:
            body.append("<h2>Effects by starting state or branch attribute</h2>")
            body.append(heterogeneity_html(a))
    elif a.kind == "sweep":
        main = a.kpis[:3]
        states = ["fear", "engagement", "pride"]
        body.append("<h2>Summary</h2>")
        body += [f'<p class="summary">{p}</p>' for p in sweep_text(a)]
        figs = [
            (
                sweep_figure(
                    a,
                    "effects",
                    main,
                    folder,
                    "sweep_effects.png",
                    f"Effect against control at each design point ({conf}% CI over replicates)",
                ),
                "Effect of each arm against control (difference in differences) across the design.",
            ),
            (
                sweep_figure(
                    a,
                    "levels",
                    main,
                    folder,
                    "sweep_levels.png",
                    f"KPI after the campaigns, mean per branch and day ({conf}% CI)",
                ),
                "How each arm holds up: the KPI's level after the campaigns at each design point.",
            ),
            (
                sweep_figure(
                    a,
                    "levels",
                    states,
                    folder,
                    "sweep_staff.png",
                    f"Staff states after the campaigns ({conf}% CI)",
                ),
                "Staff fear, engagement and pride after the campaigns at each design point.",
            ),
        ]
        body += [_img(path, caption) for path, caption in figs]
        eff = a.tables["effects"]
        cols = [
            "point",
            *[p["path"] for p in d["sweep"]["parameters"]],
            "arm",
            "kpi",
            "effect",
            "ci_low",
            "ci_high",
            "d",
        ]
        body.append(_frame_html(eff[eff["kpi"].isin(main)][cols], "Effects per design point"))
    else:
        body.append("<h2>Summary</h2>")
        body += [f'<p class="summary">{p}</p>' for p in sensitivity_text(a)]
        sobol = d["sensitivity"]["method"] == "sobol"
        indices_caption = (
            "Sensitivity indices with their confidence intervals. First-order (S1): the share of the "
            "effect's variance due to the parameter alone; total (ST): including its interactions. With "
            "few samples S1 can come out above ST or below zero: that is sampling error, and more "
            "samples narrow the intervals."
            if sobol
            else "Morris screen: mu*, the mean absolute elementary effect of moving one parameter by a "
            "step of its range, with its bootstrap confidence interval, in each output's own unit. Bars "
            "are sorted by the point estimate; where intervals overlap the order is not known (the "
            "rank ranges in the table)."
        )
        for path, caption in (
            (sensitivity_figure(a, folder), indices_caption),
            (
                response_figure(a, folder),
                "Each output at every sampled point against the parameters with the largest indices "
                "(each output's index over its largest, the highest of these per parameter).",
            ),
        ):
            if path is not None:
                body.append(_img(path, caption))
        if "indices" in a.tables:
            body.append(_frame_html(a.tables["indices"], "Sensitivity indices"))
    body.append("<h2>Method</h2>")
    body.append(f"<p>{method_text(a, conf, method)}</p>")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body.append(
        f'<p class="meta">Report built {stamp} from {html.escape(str(root))} '
        "(no model run needed to rebuild: "
        f"<code>campaign-sim report {html.escape(str(root))}</code>).</p>"
    )
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(d['name'])}: campaign-sim report</title><style>{pages.CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )
    path = root / "report.html"
    tmp = path.with_name(".report.html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
