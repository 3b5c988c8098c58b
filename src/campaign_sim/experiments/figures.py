"""Figures of the report, drawn with seaborn/matplotlib from the analysis tables.

Each function draws one PNG into the report's ``figures/`` folder and returns its path
(with matplotlib's object API, so no pyplot state or GUI backend is involved).
Colours are fixed per arm across figures (the control is grey), intervals are the
experiment's confidence level, and every axis says its unit.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from scipy import stats as sps

from ..outputs import unit
from .attributes import split_words
from .payback import KEUR
from .pipeline import Analysis
from .sensitivity import NET_BENEFIT, outputs_of

DPI = 110


def _legend_below(fig, ax, ncol: int) -> None:
    """One legend for the whole figure, under the panels, taken from its first panel."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:  # an effects panel of a control-only sweep has no line to name
        fig.legend(handles, labels, loc="outside lower center", ncol=max(ncol, 1), frameon=False)


def unit_words(kpi: str) -> str:
    """A KPI's unit (from the output registry) as an axis label: per branch and day, 0..1 scale, ..."""
    registered = unit(kpi)
    return {
        "EUR/day": "EUR per branch and day",
        "count/day": "per branch and day",
        "count": "per branch",
        "0..1": "on a 0..1 scale",
    }.get(registered, registered)


#: Okabe-Ito (colour-blind safe; the UI's palette, ``ui.charts.PALETTE``), without its yellow (too
#: faint on white); ordered so that neighbouring arms differ in hue and the two oranges (orange,
#: vermillion) come far apart
ARM_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
#: the control's colour in every figure
CONTROL_COLOUR = "#7F7F7F"


def _palette(arms: list[str], control: str | None) -> dict[str, str]:
    """Fixed colours per arm, the same in every figure: the control grey, the others Okabe-Ito."""
    out, k = {}, 0
    for arm in arms:
        if arm == control:
            out[arm] = CONTROL_COLOUR
        else:
            out[arm] = ARM_COLOURS[k % len(ARM_COLOURS)]
            k += 1
    return out


def _save(fig: Figure, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    return path


def _grid(n: int, cols: int, width: float = 4.2, height: float = 3.0):
    cols = min(cols, n)
    rows = int(np.ceil(n / cols))
    # a bare Figure (no pyplot): no global backend or figure list is touched
    fig = Figure(figsize=(width * cols, height * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat)


def _bands(series: pd.DataFrame, kpi: str, confidence: float) -> pd.DataFrame:
    """Mean over replicates per arm and day with a t confidence band."""
    g = series.groupby(["arm", "day"], sort=True)[kpi]
    out = g.agg(["mean", "std", "count"]).reset_index()
    t = sps.t.ppf(0.5 + confidence / 2, np.maximum(out["count"] - 1, 1))
    half = np.where(out["count"] > 1, t * out["std"] / np.sqrt(out["count"]), 0.0)
    out["low"], out["high"] = out["mean"] - half, out["mean"] + half
    return out


def trajectory_figure(a: Analysis, kpis: list[str], title: str, folder: Path, name: str) -> Path | None:
    """KPI per arm over the run: mean over replicates with a confidence band."""
    if a.series is None:
        return None
    series = a.series[~a.series["counterfactual"] & (a.series["point"] == 0)]
    arms = [arm for arm in a.labels if arm in set(series["arm"])]
    palette = _palette(arms, a.control)
    conf = a.definition["statistics"]["confidence"]
    pre, post = a.experiment["pre"], a.experiment["post"]
    fig, axes = _grid(len(kpis), 3)
    for ax, kpi in zip(axes, kpis, strict=False):
        bands = _bands(series, kpi, conf)
        ax.axvspan(pre[0], pre[1], color="0.92", zorder=0)
        ax.axvspan(post[0], post[1], color="0.92", zorder=0)
        for arm in arms:
            b = bands[bands["arm"] == arm]
            control = arm == a.control
            ax.plot(
                b["day"],
                b["mean"],
                color=palette[arm],
                lw=1.6,
                label=a.labels[arm],
                ls="--" if control else "-",
                zorder=3 if control else 2,
            )
            ax.fill_between(b["day"], b["low"], b["high"], color=palette[arm], alpha=0.2, lw=0)
        ax.set_title(f"{kpi.replace('_', ' ')}", fontsize=11)
        ax.set_xlabel("day")
        ax.set_ylabel(unit_words(kpi), fontsize=9)
    _legend_below(fig, axes[0], ncol=min(len(arms), 5))
    fig.suptitle(
        f"{title}: mean per branch, {int(conf * 100)}% band over "
        + ("replicates" if getattr(a, "members", None) is None else "member x seed runs, unweighted")
        + " (grey: before and after periods)",
        fontsize=12,
    )
    return _save(fig, folder, name)


def payback_figure(a: Analysis, folder: Path) -> Path | None:
    """``payback.png``: see :func:`payback_plot`."""
    fig = payback_plot(a)
    return None if fig is None else _save(fig, folder, "payback.png")


def payback_plot(a: Analysis) -> Figure | None:
    """Cumulative net benefit per arm against control, costs included, with the break-even day.

    Three panels, so that no arm's scale hides another's break-even: the arms that break even
    over the whole horizon; the same arms zoomed on their break-even days (dot and dotted line
    per arm, its day written beside it); and the arms that do not break even on their own
    scale (a cautionary arm losing far more would otherwise flatten the others to a line).
    """
    band = a.tables.get("cumulative")
    econ = a.tables.get("economics")
    if band is None or band.empty or econ is None:
        return None
    band, econ = band[band["point"] == 0], econ[econ["point"] == 0].set_index("arm")
    arms = [arm for arm in a.labels if arm in set(band["arm"]) and arm in econ.index]
    palette = _palette([a.control, *arms], a.control)
    conf = int(a.definition["statistics"]["confidence"] * 100)
    first = econ.iloc[0]
    paying = [arm for arm in arms if np.isfinite(econ.loc[arm, "payback_day"])]
    losing = [arm for arm in arms if arm not in paying]
    fig = Figure(figsize=(13.5, 7.8), layout="constrained")
    if not paying:  # nothing to zoom on: one panel
        main = zoom = None
        side = fig.add_subplot()
    elif losing:
        grid = fig.add_gridspec(2, 2, width_ratios=(2.2, 1), height_ratios=(1.5, 1))
        main, zoom = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[1, 0])
        side = fig.add_subplot(grid[:, 1])
    else:
        grid = fig.add_gridspec(2, 1, height_ratios=(1.5, 1))
        main, zoom, side = fig.add_subplot(grid[0]), fig.add_subplot(grid[1]), None
    styles = ("-", "--", "-.", (0, (5, 1.5, 1, 1.5, 1, 1.5)))

    def curve(ax, arm: str, i: int, label: str | None) -> pd.DataFrame:
        b = band[band["arm"] == arm]
        ax.plot(b["day"], b["cumulative_eur"] / 1000, color=palette[arm], lw=1.9, ls=styles[i % 4],
                label=label)  # fmt: skip
        ax.fill_between(b["day"], b["low"] / 1000, b["high"] / 1000, color=palette[arm], alpha=0.13, lw=0)
        return b

    days = {arm: int(econ.loc[arm, "payback_day"]) for arm in paying}
    last = max(days.values(), default=0)
    window = min(int(band["day"].max()), max(int(1.6 * last), last + 30, 60))
    zoom_values = []
    for i, arm in enumerate(arms):
        share = float(econ.loc[arm].get("payback_share", float("nan")))
        seeds = f" (of the mean; {share:.0%} of seeds pay back)" if share == share else ""
        when = f"break-even day {days[arm]}{seeds}" if arm in days else "no break-even within the horizon"
        label = f"{a.labels[arm]}: {when}"
        if arm in losing:
            curve(side, arm, i, label)
            continue
        b = curve(main, arm, i, label)
        curve(zoom, arm, i, None)
        near = b[b["day"] <= window]
        zoom_values += [near["cumulative_eur"].min(), near["cumulative_eur"].max()]
        value = b.loc[b["day"] == days[arm], "cumulative_eur"]
        y = value.iloc[0] / 1000 if len(value) else 0.0
        for ax in (main, zoom):
            ax.plot(days[arm], y, "o", color=palette[arm], ms=8, mec="k", zorder=5)
        zoom.axvline(days[arm], color=palette[arm], lw=1.1, ls=":", zorder=1)
        zoom.annotate(
            f"day {days[arm]}",
            (days[arm], 0.95 - 0.09 * paying.index(arm)),
            xycoords=("data", "axes fraction"),
            xytext=(3, 0),
            textcoords="offset points",
            va="top",
            color=palette[arm],
            fontsize=8.5,
            fontweight="bold",
        )
    xlabel = f"days since the first campaign day (day {int(first['first_day'])}); 365 model days = 1 year"
    ylabel = f"cumulative net benefit,\n{KEUR} (thousand EUR) per branch"
    for ax in (main, zoom, side):
        if ax is None:
            continue
        ax.axhline(0, color="0.3", lw=0.9)
        ax.set_xlabel(xlabel, fontsize=9)
        ax.set_ylabel(ylabel, fontsize=9)
    if main is not None and zoom is not None:
        main.set_title("arms that break even: the whole horizon", fontsize=10.5)
        zoom.set_title(f"the same arms, zoomed on their break-even days (days 0-{window})", fontsize=10.5)
        zoom.set_xlim(0, window)
    if zoom is not None and zoom_values and np.all(np.isfinite(zoom_values)):
        low, high = min(zoom_values) / 1000, max(zoom_values) / 1000
        pad = 0.3 * max(high - low, 1e-3)
        zoom.set_ylim(low - pad, high + pad)
    if side is not None:
        side.set_title(
            "arms that do not break even (own scale)" if paying else "no arm breaks even within the horizon",
            fontsize=10.5,
        )
    handles, labels = [], []
    for ax in (main, side):
        if ax is not None:
            h, lab = ax.get_legend_handles_labels()
            handles, labels = handles + h, labels + lab
    fig.legend(handles, labels, loc="outside lower center", ncol=2, fontsize=9, frameon=False)
    fig.suptitle(
        f"Cumulative net benefit against control, campaign costs included, discounted at "
        f"{first['discount_rate']:.0%} a year; dot = break-even (payback) day; band = {conf}% interval "
        + (
            members.words()
            if (members := getattr(a, "members", None)) is not None
            else f"over {int(first['replicates'])} replicate seeds"
        ),
        fontsize=11,
    )
    return fig


def forest_figure(a: Analysis, folder: Path) -> Path:
    """Effect of each arm on each KPI against control, with its interval (and the truth)."""
    eff = a.tables["effects"]
    eff = eff[eff["point"] == 0]
    kpis = a.kpis
    arms = [arm for arm in a.labels if arm != a.control and arm in set(eff["arm"])]
    palette = _palette([a.control, *arms], a.control)
    conf = int(a.definition["statistics"]["confidence"] * 100)
    has_truth = "true_effect" in eff.columns
    fig, axes = _grid(len(kpis), 4, width=3.6, height=1.1 + 0.42 * len(arms))
    for ax, kpi in zip(axes, kpis, strict=False):
        rows = eff[eff["kpi"] == kpi].set_index("arm").reindex(arms)
        y = np.arange(len(arms))[::-1]
        ax.axvline(0, color="0.4", lw=0.8)
        for yi, arm in zip(y, arms, strict=True):
            r = rows.loc[arm]
            ax.plot([r["ci_low"], r["ci_high"]], [yi, yi], color=palette[arm], lw=2.2)
            ax.plot(r["effect"], yi, "o", color=palette[arm], ms=6)
            if has_truth and np.isfinite(r["true_effect"]):
                ax.plot(r["true_effect"], yi - 0.28, "D", mfc="white", mec="0.2", ms=4.5)
        ax.set_yticks(y, [a.labels[arm] for arm in arms] if ax.get_subplotspec().is_first_col() else [])
        ax.set_ylim(-0.7, len(arms) - 0.4)
        ax.set_title(f"{kpi.replace('_', ' ')}\n({unit_words(kpi)})", fontsize=10)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(5))
    note = " Open diamond: true effect from the same seeds run with no campaign." if has_truth else ""
    fig.suptitle(
        f"Effect against control (difference in differences), dot = estimate, bar = {conf}% CI.{note}",
        fontsize=11,
    )
    return _save(fig, folder, "forest.png")


def heterogeneity_figure(a: Analysis, folder: Path) -> Path | None:
    """``heterogeneity.png``: see :func:`heterogeneity_plot`."""
    fig = heterogeneity_plot(a)
    return None if fig is None else _save(fig, folder, "heterogeneity.png")


def heterogeneity_plot(a: Analysis) -> Figure | None:
    """The effect in branches above vs at or below the median of each split, per arm.

    One row of panels per split (a KPI before the campaigns or a branch attribute), each row
    titled with what it splits by and with its own legend naming that split's two groups.
    """
    het = a.tables.get("heterogeneity")
    if het is None or het.empty:
        return None
    het = het[het["point"] == 0]
    kpis = a.kpis[:4]
    states = list(dict.fromkeys(het["state"]))
    arms = [arm for arm in a.labels if arm != a.control and arm in set(het["arm"])]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    cols = min(4, len(kpis))
    row_height = 1.7 + 0.5 * len(arms)
    fig = Figure(figsize=(3.8 * cols, row_height * len(states) + 0.4), layout="constrained")
    subfigs = fig.subfigures(len(states), 1, squeeze=False).flat
    colours = {"high": "#c0392b", "low": "#2e86c1"}
    for sub, state in zip(subfigs, states, strict=True):
        what, high_word, low_word = split_words(state)
        axes = sub.subplots(1, cols, squeeze=False).flat
        for ax, kpi in zip(axes, kpis, strict=False):
            rows = het[(het["kpi"] == kpi) & (het["state"] == state)]
            y = np.arange(len(arms))[::-1]
            ax.axvline(0, color="0.4", lw=0.8)
            for group, offset, word, where in (
                ("high", 0.15, high_word, "above"),
                ("low", -0.15, low_word, "at or below"),
            ):
                g = rows[rows["group"] == group].set_index("arm").reindex(arms)
                ax.errorbar(
                    g["effect"],
                    y + offset,
                    # clipped: over an ensemble the (weighted mean) estimate may lie outside a skewed
                    # mixture's interval, and a bar cannot have negative length
                    xerr=np.clip([g["effect"] - g["ci_low"], g["ci_high"] - g["effect"]], 0, None),
                    fmt="o",
                    color=colours[group],
                    ms=5,
                    lw=1.8,
                    label=f"{word} ({where} the median {state})",
                )
            ax.set_yticks(y, [a.labels[arm] for arm in arms] if ax.get_subplotspec().is_first_col() else [])
            ax.set_ylim(-0.7, len(arms) - 0.4)
            ax.set_title(f"{kpi.replace('_', ' ')}\n({unit_words(kpi)})", fontsize=10)
            ax.set_xlabel(f"effect, split by {state}", fontsize=8.5)
            ax.tick_params(axis="x", labelsize=8)
            ax.xaxis.set_major_locator(MaxNLocator(5))
        handles, labels = axes[0].get_legend_handles_labels()
        sub.legend(handles, labels, loc="outside lower center", ncol=2, frameon=False)
        sub.suptitle(f"Split by {what}", fontsize=11, x=0.01, ha="left", fontweight="bold")
    fig.suptitle(
        f"Effect against control by the branches' starting state or attribute, {conf}% CI", fontsize=12
    )
    return fig


def sweep_figure(a: Analysis, table: str, kpis: list[str], folder: Path, name: str, title: str) -> Path:
    """A KPI (effect or level) against each swept parameter, per arm, with its interval."""
    data = a.tables[table]
    params = [p["path"] for p in a.definition["sweep"]["parameters"]]
    value, low, high = (
        ("effect", "ci_low", "ci_high") if table == "effects" else ("level", "level_low", "level_high")
    )
    arms = [arm for arm in a.labels if arm in set(data["arm"])]
    palette = _palette(arms, a.control)
    single_grid = len(params) == 1
    fig, axes = _grid(len(kpis) * len(params), min(3, len(kpis) * len(params)), width=4.4, height=3.2)
    pairs = [(k, p) for k in kpis for p in params]
    for ax, (kpi, param) in zip(axes, pairs, strict=False):
        rows = data[data["kpi"] == kpi]
        for arm in arms:
            r = rows[rows["arm"] == arm].sort_values(param)
            if single_grid:
                control = arm == a.control
                ax.plot(
                    r[param],
                    r[value],
                    "o--" if control else "o-",
                    color=palette[arm],
                    ms=3.5,
                    lw=1.6,
                    label=a.labels[arm],
                    zorder=3 if control else 2,
                )
                ax.fill_between(r[param], r[low], r[high], color=palette[arm], alpha=0.18, lw=0)
            else:
                ax.scatter(r[param], r[value], s=10, color=palette[arm], label=a.labels[arm], alpha=0.7)
        if table == "effects":
            ax.axhline(0, color="0.4", lw=0.8)
        ax.set_xlabel(param)
        ax.set_title(kpi.replace("_", " "), fontsize=11)
        ax.set_ylabel(unit_words(kpi), fontsize=9)
    _legend_below(fig, axes[0], ncol=min(len(arms), 5))
    fig.suptitle(title, fontsize=12)
    return _save(fig, folder, name)


def _wrap(text: str, width: int) -> str:
    """A panel title on as many lines as it needs."""
    return "\n".join(textwrap.wrap(text, width))


#: parameters per panel of the indices figure, and parameters of the response figure
FIGURE_PARAMETERS = 20
RESPONSE_PARAMETERS = 8


def sensitivity_figure(a: Analysis, folder: Path) -> Path | None:
    """First-order and total indices (or Morris mu*) per parameter, with intervals."""
    ind = a.tables.get("indices")
    if ind is None:
        return None
    sens = a.definition["sensitivity"]
    outputs = outputs_of(sens, a.control)
    key = "ST" if sens["method"] == "sobol" else "mu_star"
    shown = min(ind["parameter"].nunique(), FIGURE_PARAMETERS)
    fig, axes = _grid(len(outputs), 2, width=5.6, height=0.9 + 0.45 * shown)
    for ax, output in zip(axes, outputs, strict=False):
        rows = ind[ind["output"] == output.name].nlargest(shown, key)
        if sens["method"] == "sobol":
            rows = rows.sort_values("ST")
            y = np.arange(len(rows))
            for offset, col, colour, label in (
                (0.18, "ST", "#1f4e79", "total (ST)"),
                (-0.18, "S1", "#7fb3d5", "first-order (S1)"),
            ):
                ax.barh(y + offset, rows[col], height=0.34, color=colour, label=label)
                ax.errorbar(
                    rows[col],
                    y + offset,
                    xerr=[rows[col] - rows[f"{col}_low"], rows[f"{col}_high"] - rows[col]],
                    fmt="none",
                    ecolor="0.15",
                    lw=1,
                    capsize=2,
                )
            ax.set_xlabel("share of the effect's variance")
            ax.axvline(0, color="0.4", lw=0.8)
        else:
            rows = rows.sort_values("mu_star")
            y = np.arange(len(rows))
            ax.barh(y, rows["mu_star"], color="#1f4e79", label="mu* (mean |elementary effect|)")
            ax.errorbar(
                rows["mu_star"],
                y,
                xerr=[rows["mu_star"] - rows["mu_star_low"], rows["mu_star_high"] - rows["mu_star"]],
                fmt="none",
                ecolor="0.15",
                lw=1,
                capsize=2,
            )
            words = "EUR per branch over the horizon" if output.kpi == NET_BENEFIT else unit_words(output.kpi)
            ax.set_xlabel(f"mu* ({words})")
        ax.set_yticks(y, rows["parameter"])
        ax.set_title(_wrap(output.title(a.labels), 60), fontsize=10)
        ax.legend(fontsize=8, loc="lower right")
    conf = int(a.definition["statistics"]["confidence"] * 100)
    total = ind["parameter"].nunique()
    which = f"; the {shown} largest of {total} parameters" if shown < total else ""
    fig.suptitle(
        f"{sens['method'].capitalize()} sensitivity indices with {conf}% confidence intervals{which}",
        fontsize=12,
    )
    return _save(fig, folder, "sensitivity.png")


def response_figure(a: Analysis, folder: Path) -> Path | None:
    """The contrast at every sampled point against each parameter (what the indices summarise)."""
    resp = a.tables.get("response")
    if resp is None:
        return None
    sens = a.definition["sensitivity"]
    params = [p["path"] for p in sens["parameters"]]
    ind = a.tables.get("indices")
    if ind is not None and len(params) > RESPONSE_PARAMETERS:  # the most influential ones
        key = "ST" if sens["method"] == "sobol" else "mu_star"
        # each output's index over its largest, so that outputs in EUR do not outweigh those on 0..1
        share = ind[key] / ind.groupby("output")[key].transform("max")
        best = share.groupby(ind["parameter"]).max().nlargest(RESPONSE_PARAMETERS)
        params = [p for p in params if p in best.index]
    outputs = outputs_of(sens, a.control)
    fig, axes = _grid(len(outputs) * len(params), 4, width=3.0, height=2.5)
    for ax, (output, param) in zip(axes, [(o, p) for o in outputs for p in params], strict=False):
        ax.scatter(resp[param], resp[output.name], s=5, alpha=0.5, color="#1f4e79")
        ax.axhline(0, color="0.4", lw=0.8)
        ax.set_xlabel(".".join(param.split(".")[-2:]), fontsize=8)
        label = (
            f"net benefit, {output.arm}\n(EUR per branch)"
            if output.kpi == NET_BENEFIT
            else f"effect on {output.kpi}\n({unit_words(output.kpi)})"
        )
        ax.set_ylabel(label if ax.get_subplotspec().is_first_col() else "", fontsize=8)
        ax.tick_params(labelsize=7)
    arm, ref = sens["contrast"]
    fig.suptitle(
        f"Effect ({a.labels.get(arm, arm)} minus {a.labels.get(ref, ref)})"
        + (" and net benefits" if sens.get("net_benefit") else "")
        + " at each sampled point",
        fontsize=11,
    )
    return _save(fig, folder, "response.png")
