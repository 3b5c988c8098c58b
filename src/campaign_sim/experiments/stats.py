"""Statistics of virtual field trials, from tables only (this module never imports the model).

The estimand is the one a planner asks for: *how much does this campaign change a
branch's KPI, compared with doing nothing?*  Per replicate it is estimated as a
difference in differences over branches,

    DiD = mean over arm branches (post - pre)  -  mean over control branches (post - pre),

so that differences between branches before the campaign and trends common to all
branches cancel.  Replicates (independent seeds, each with its own random
assignment) give independent estimates; their mean is the effect and their spread
gives a confidence interval (Student t, or percentile bootstrap).  The effect size is
Cohen's d of the branches' change scores (DiD over the pooled within-arm sd), the
scale on which "small" (0.2), "medium" (0.5) and "large" (0.8) are read.

With an ensemble (``members``), ``replicate`` indexes member x seed, and every summary is the
weighted mixture over the members of :mod:`.ensemble` instead of the seed-only interval; the
tables then gain ``p_positive`` (the mixture's mass above zero) and ``interval_over``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats as sps

from .ensemble import Members

GROUP_KEYS = ("point", "replicate")


def interval(
    values: np.ndarray,
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
) -> tuple[float, float, float]:
    """Mean and confidence interval of the mean of independent replicate estimates."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    n = values.size
    if n == 0:
        return np.nan, np.nan, np.nan
    mean = float(values.mean())
    if n < 2:
        return mean, np.nan, np.nan
    alpha = 1.0 - confidence
    if method == "t":
        half = float(sps.t.ppf(1 - alpha / 2, n - 1) * values.std(ddof=1) / np.sqrt(n))
        return mean, mean - half, mean + half
    if method == "bootstrap":
        if rng is None:
            raise ValueError("the bootstrap needs a seeded numpy Generator")
        means = values[rng.integers(0, n, size=(resamples, n))].mean(axis=1)
        low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
        return mean, float(low), float(high)
    raise ValueError(f"unknown interval method {method!r}; use 't' or 'bootstrap'")


#: counts that scale with the customers served: a campaign that drives customers away lowers them
#: without any better service, so their effect is also read per 1,000 visits (and only that rate
#: decides whether the change is better or worse)
PER_VISIT_KPIS = ("complaints", "escalations", "problems", "unsolved_problems", "churned", "walkouts")


def per_visit_name(kpi: str) -> str:
    """The column of ``kpi`` per 1,000 visits: ``complaints_per_1000_visits``."""
    return f"{kpi}_per_1000_visits"


def with_rates(tidy: pd.DataFrame, kpis: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """``tidy`` with each of ``kpis`` (those of :data:`PER_VISIT_KPIS`) also per 1,000 visits, per
    branch and period (the period's mean count over its mean visits); and the new column names."""
    rated = [k for k in kpis if k in PER_VISIT_KPIS and k in tidy.columns]
    if not rated or "visits" not in tidy.columns:
        return tidy, []
    visits = tidy["visits"].where(tidy["visits"] > 0)
    extra = {per_visit_name(k): 1000.0 * tidy[k] / visits for k in rated}
    return tidy.assign(**extra), list(extra)


def format_d(d: float) -> str:
    """A standardised effect (Cohen's d, the field's d or g) the one way every table and sentence
    shows it: two decimals with a sign, ``+0.29``, ``-1.20``, ``+0.00`` (``n/a`` if missing)."""
    if d is None or not np.isfinite(d):
        return "n/a"
    text = f"{d:+.2f}"
    return "+0.00" if text == "-0.00" else text


def magnitude(d: float) -> str:
    """Cohen's words for an effect size."""
    if not np.isfinite(d):
        return "unknown"
    size = abs(d)
    return "negligible" if size < 0.2 else "small" if size < 0.5 else "medium" if size < 0.8 else "large"


def branch_changes(
    tidy: pd.DataFrame, kpis: Sequence[str], money_kpis: Sequence[str] = (), after: str = "post"
) -> pd.DataFrame:
    """Long table: one row per run, arm, branch and KPI with pre, post and change.

    For ``money_kpis`` (EUR) "post" is the money window, from the first campaign day over
    the horizon (period ``money``), so that a money effect always includes what the
    campaigns cost; other KPIs use the after period (``post``, by default the last quarter).
    """
    keys = ["point", "replicate", "counterfactual", "arm", "branch"]
    money = [k for k in kpis if k in money_kpis] if (tidy["period"] == "money").any() else []
    other = [k for k in kpis if k not in money]
    pre = tidy[tidy["period"] == "pre"].set_index(keys)[list(kpis)]
    post = tidy[tidy["period"] == after].set_index(keys)[other]
    if money:
        post = post.join(tidy[tidy["period"] == "money"].set_index(keys)[money])[list(kpis)]
    pre_long = pre.rename_axis(columns="kpi").stack().rename("pre")
    post_long = post.rename_axis(columns="kpi").stack().rename("post")
    out = pd.concat([pre_long, post_long], axis=1).reset_index()
    out["change"] = out["post"] - out["pre"]
    return out


def baseline_groups(tidy: pd.DataFrame, state: str) -> pd.DataFrame:
    """Each branch's group by its pre-period ``state``: above or below the run's median.

    Returns columns point, replicate, branch, group ("high" / "low").
    """
    pre = tidy[(tidy["period"] == "pre") & ~tidy["counterfactual"]]
    first = pre.drop_duplicates(["point", "replicate", "branch"])[["point", "replicate", "branch", state]]
    median = first.groupby(list(GROUP_KEYS))[state].transform("median")
    first = first.assign(group=np.where(first[state] > median, "high", "low"))
    return first[["point", "replicate", "branch", "group"]]


def effects_per_replicate(
    tidy: pd.DataFrame,
    kpis: Sequence[str],
    control: str,
    money_kpis: Sequence[str] = (),
    after: str = "post",
) -> pd.DataFrame:
    """The DiD of every arm and KPI per replicate (the input of factorial contrasts); ``after``
    names the period the non-money KPIs are compared in (``post``, or ``follow_up``)."""
    return did_per_replicate(branch_changes(tidy, kpis, money_kpis, after), control)


def did_per_replicate(changes: pd.DataFrame, control: str, by: Sequence[str] = ()) -> pd.DataFrame:
    """DiD estimate, Cohen's d and the control's pre level per replicate, arm and KPI."""
    trial = changes[~changes["counterfactual"]]
    keys = [*GROUP_KEYS, "kpi", *by]
    stats = trial.groupby([*keys, "arm"], sort=True).agg(
        mean_change=("change", "mean"),
        var_change=("change", "var"),
        n=("change", "size"),
        pre=("pre", "mean"),
    )
    stats = stats.reset_index()
    ctrl = stats[stats["arm"] == control].drop(columns="arm")
    ctrl = ctrl.rename(columns={c: f"{c}_control" for c in ("mean_change", "var_change", "n", "pre")})
    arms = stats[stats["arm"] != control].merge(ctrl, on=keys, how="inner")
    arms["did"] = arms["mean_change"] - arms["mean_change_control"]
    dof = arms["n"] + arms["n_control"] - 2
    pooled = (
        (arms["n"] - 1) * arms["var_change"] + (arms["n_control"] - 1) * arms["var_change_control"]
    ) / dof
    sd = np.sqrt(pooled.where(dof > 0))
    arms["d"] = (arms["did"] / sd.where(sd > 0)).astype(float)
    return arms[[*GROUP_KEYS, "arm", "kpi", *by, "did", "d", "pre_control", "n", "n_control"]]


def true_effect_per_replicate(changes: pd.DataFrame) -> pd.DataFrame | None:
    """Effect on the treated branches against the same branches run with no campaign.

    Needs counterfactual runs (same seed, same branches, no campaign).  Returns
    point, replicate, arm, kpi, true_effect; None without counterfactual runs.
    """
    if not changes["counterfactual"].any():
        return None
    keys = ["point", "replicate", "arm", "branch", "kpi"]
    trial = changes[~changes["counterfactual"]].set_index(keys)["change"]
    cf = changes[changes["counterfactual"]].set_index(keys)["change"]
    diff = (trial - cf).dropna().rename("true_effect").reset_index()
    return diff.groupby(["point", "replicate", "arm", "kpi"], sort=True)["true_effect"].mean().reset_index()


def estimate(
    values: np.ndarray,
    replicates: np.ndarray,
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    members: Members | None = None,
) -> tuple[float, float, float]:
    """Mean and interval of one group's per-replicate values: over seeds (:func:`interval`), or
    with ``members`` over the ensemble's weighted mixture (``replicates`` says whose row is whose)."""
    if members is None:
        return interval(values, confidence, method, rng, resamples)
    return members.summary(replicates, values, confidence)[:3]


def summarise(
    per_replicate: pd.DataFrame,
    value: str,
    by: Sequence[str],
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    members: Members | None = None,
) -> pd.DataFrame:
    """Mean over replicates and its confidence interval, per group (sorted, deterministic);
    with ``members`` the ensemble mixture's, and ``p_positive``."""
    rows = []
    for key, group in per_replicate.groupby(list(by), sort=True):
        values = group[value].to_numpy()
        if members is None:
            found = (*interval(values, confidence, method, rng, resamples),)
        else:
            found = members.summary(group["replicate"].to_numpy(), values, confidence)
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, *found, int(group[value].notna().sum())))
    extra = [] if members is None else ["p_positive"]
    return pd.DataFrame(rows, columns=[*by, value, f"{value}_low", f"{value}_high", *extra, "replicates"])


def effects(
    tidy: pd.DataFrame,
    kpis: Sequence[str],
    control: str,
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    money_kpis: Sequence[str] = (),
    members: Members | None = None,
) -> pd.DataFrame:
    """Effect of every arm on every KPI: DiD with CI, relative to the control's level, Cohen's d.

    One row per design point, arm and KPI.  With counterfactual runs it adds the true
    effect on the treated branches and its CI, against which the trial's estimate can be
    judged.  ``window`` says which days the "after" mean covers: ``post`` (the after
    period) or, for ``money_kpis``, ``money`` (from the first campaign day over the horizon).
    """
    changes = branch_changes(tidy, kpis, money_kpis)
    per_rep = did_per_replicate(changes, control)
    by = ["point", "arm", "kpi"]
    table = summarise(per_rep, "did", by, confidence, method, rng, resamples, members).rename(
        columns={"did": "effect", "did_low": "ci_low", "did_high": "ci_high"}
    )
    d = summarise(per_rep, "d", by, confidence, method, rng, resamples, members)
    d = d.drop(columns=["replicates", *(["p_positive"] if members else [])])
    if members is None:
        level = per_rep.groupby(by, sort=True)["pre_control"].mean().rename("control_pre").reset_index()
    else:  # weighted by member like the effect it scales
        level = pd.DataFrame(
            [
                (*key, members.average(g["replicate"].to_numpy(), g["pre_control"].to_numpy()))
                for key, g in per_rep.groupby(by, sort=True)
            ],
            columns=[*by, "control_pre"],
        )
    table = table.merge(d, on=by).merge(level, on=by)
    scale = table["control_pre"].abs().where(table["control_pre"] != 0)
    for col in ("effect", "ci_low", "ci_high"):
        table[f"{col}_pct"] = 100 * table[col] / scale
    table["magnitude"] = table["d"].map(magnitude)
    has_money = (tidy["period"] == "money").any()
    table["window"] = np.where(has_money & table["kpi"].isin(list(money_kpis)), "money", "post")
    truth = true_effect_per_replicate(changes)
    if truth is not None:
        true = summarise(truth, "true_effect", by, confidence, method, rng, resamples, members)
        table = table.merge(
            true.drop(columns=["replicates", *(["p_positive"] if members else [])]), on=by, how="left"
        )
    return with_coverage(table, members)


def with_coverage(table: pd.DataFrame, members: Members | None) -> pd.DataFrame:
    """An ensemble table says what its intervals cover (seed-only tables stay as they were)."""
    return table if members is None else table.assign(interval_over=members.words())


def heterogeneity(
    tidy: pd.DataFrame,
    kpis: Sequence[str],
    control: str,
    state: str,
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    money_kpis: Sequence[str] = (),
    members: Members | None = None,
) -> pd.DataFrame:
    """Effects separately in branches that started high or low on ``state`` (e.g. fear).

    Groups are formed per replicate from the pre-campaign period, so membership cannot be
    changed by the campaign.  One row per point, arm, KPI and group ("high", "low", and
    "difference" = high minus low, whose interval says whether the starting state matters).
    """
    changes = branch_changes(tidy, kpis, money_kpis)
    groups = baseline_groups(tidy, state)
    changes = changes.merge(groups, on=["point", "replicate", "branch"], how="left")
    per_rep = did_per_replicate(changes, control, by=("group",))
    keys = ["point", "replicate", "arm", "kpi"]
    wide = per_rep.pivot_table(index=keys, columns="group", values="did", aggfunc="first")
    if {"high", "low"} <= set(wide.columns):
        diff = (wide["high"] - wide["low"]).rename("did").reset_index().assign(group="difference")
        per_rep = pd.concat([per_rep, diff], ignore_index=True)
    by = ["point", "arm", "kpi", "group"]
    table = summarise(per_rep, "did", by, confidence, method, rng, resamples, members).rename(
        columns={"did": "effect", "did_low": "ci_low", "did_high": "ci_high"}
    )
    table.insert(3, "state", state)
    return with_coverage(table, members)


def levels(
    tidy: pd.DataFrame,
    kpis: Sequence[str],
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    members: Members | None = None,
) -> pd.DataFrame:
    """Mean KPI per branch and day after the campaign, per point and arm, with CI over replicates."""
    trial = tidy[(tidy["period"] == "post") & ~tidy["counterfactual"]]
    per_rep = trial.groupby(["point", "replicate", "arm"], sort=True)[list(kpis)].mean()
    long = per_rep.rename_axis(columns="kpi").stack().rename("level").reset_index()
    table = summarise(long, "level", ["point", "arm", "kpi"], confidence, method, rng, resamples, members)
    return with_coverage(table.drop(columns=["p_positive"]) if members else table, members)


def contrast_per_point(
    tidy: pd.DataFrame, outputs: Sequence[str], arm: str, reference: str, money_kpis: Sequence[str] = ()
) -> pd.DataFrame:
    """DiD of ``arm`` against ``reference`` per design point (mean over replicates).

    The response a sensitivity analysis decomposes: one row per point, one column per output.
    """
    changes = branch_changes(tidy, outputs, money_kpis)
    changes = changes[changes["arm"].isin([arm, reference])]
    per_rep = did_per_replicate(changes, reference)
    per_rep = per_rep[per_rep["arm"] == arm]
    return per_rep.pivot_table(index="point", columns="kpi", values="did", aggfunc="mean")[list(outputs)]
