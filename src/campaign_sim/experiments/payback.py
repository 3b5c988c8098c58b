"""Money over the horizon: cost, net benefit, ROI and payback of every arm against the control.

The controller's question is not "how much higher is profit in the last quarter" but
"what do we get back for what we spend, and when".  Per replicate (its own seed and
randomisation) and arm, from the first campaign day ``t0`` over the horizon ``H``:

    gap(t)       = profit_arm(t) - profit_control(t) - (pre-period gap)      EUR per branch and day
    net benefit  = sum over t0 <= t < t0 + H of  w(t) gap(t),   w(t) = (1 + r)^(-(t - t0)/365)
    cost         = sum of w(t) (campaign_cost_arm(t) - campaign_cost_control(t)), and so its
                   one-off and running parts (all money here is discounted alike)
    ROI          = net benefit / cost
    payback day  = first day (counted from t0) from which the cumulative net benefit stays >= 0

In a controller's units also: net benefit per branch and year, the change of the operating
margin (profit over revenue) in percentage points, and the daily profit gap as a percent of
the control's profit per branch and day over the same days (the denominator).

Profit is already net of campaign costs, so the net benefit is what the campaign returned
after paying for itself; nothing is estimated from a window that skips the cost period.
Subtracting the pre-period gap is the difference in differences of ``stats``: it removes
the chance difference between the arms' branches before any campaign.  Replicates are
independent, so their spread gives the intervals (seeds and randomisation only, not
parameter uncertainty).  With an ensemble (``members``) the intervals are the weighted mixture
over the members of :mod:`.ensemble` (parameters and seeds), and ``p_payback`` is the mixture's
probability that the net benefit over the horizon is at least zero: that is, that the arm pays
back within the horizon (a cumulative net benefit that ends at or above zero has a payback day).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as sps

from .definition import DAYS_PER_YEAR
from .ensemble import Members, member_estimates, member_rows, mixture_quantiles
from .stats import estimate


def discount_weights(days: int, rate: float) -> np.ndarray:
    """Weight of each day after the first campaign day: (1 + rate)^(-t / 365)."""
    return (1.0 + rate) ** (-np.arange(days) / DAYS_PER_YEAR)


def _wide(money: pd.DataFrame, column: str) -> pd.DataFrame:
    """(point, replicate, day) x arm table of one money column, trial runs only."""
    trial = money[~money["counterfactual"]]
    keys = ["point", "replicate", "day"]
    return trial.pivot_table(index=keys, columns="arm", values=column, aggfunc="first")


def per_replicate(
    money: pd.DataFrame,
    control: str,
    pre: tuple[int, int],
    window: tuple[int, int],
    rate: float,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per point, replicate and arm: cost, one-off, running, net benefit, ROI, payback day;
    and the cumulative net benefit per day (days counted from the first campaign day)."""
    start, end = window
    weights = discount_weights(end - start, rate)
    columns = ("profit", "revenue", "campaign_cost", "cost_one_off", "cost_running")
    tables = {c: _wide(money, c) for c in columns}
    rows, curves = [], []
    for (point, replicate), profit in tables["profit"].groupby(level=["point", "replicate"], sort=True):
        profit = profit.droplevel(["point", "replicate"])
        if control not in profit.columns:
            continue
        key = (point, replicate)
        cost = tables["campaign_cost"].loc[key]
        one_off = tables["cost_one_off"].loc[key]
        running = tables["cost_running"].loc[key]
        revenue = tables["revenue"].loc[key]
        control_profit = profit[control].loc[start : end - 1].mean()

        def discounted(table: pd.DataFrame, arm: str) -> float:
            """Discounted sum over the horizon of ``arm`` minus the control in one money column."""
            return float(((table[arm] - table[control]).loc[start : end - 1].to_numpy() * weights).sum())

        for arm in profit.columns:
            if arm == control:
                continue
            gap = profit[arm] - profit[control]
            pre_gap = gap.loc[pre[0] : pre[1] - 1].mean()
            adjusted = gap.loc[start : end - 1] - pre_gap
            cumulative = np.cumsum(adjusted.to_numpy() * weights)
            spent = discounted(cost, arm)
            rows.append(
                {
                    "point": point,
                    "replicate": replicate,
                    "arm": arm,
                    "cost_eur": spent,
                    "one_off_eur": discounted(one_off, arm),
                    "running_eur": discounted(running, arm),
                    "net_benefit_eur": cumulative[-1] if cumulative.size else np.nan,
                    "roi": cumulative[-1] / spent if spent > 0 and cumulative.size else np.nan,
                    "payback_day": payback_day(cumulative),
                    "profit_gap_per_day": adjusted.mean(),
                    "control_profit_per_day": control_profit,
                    "margin_points": 100
                    * (
                        _margin(profit[arm], revenue[arm], start, end)
                        - _margin(profit[control], revenue[control], start, end)
                        - _margin(profit[arm], revenue[arm], *pre)
                        + _margin(profit[control], revenue[control], *pre)
                    ),
                }
            )
            curves.append(
                pd.DataFrame(
                    {
                        "point": point,
                        "replicate": replicate,
                        "arm": arm,
                        "day": np.arange(cumulative.size, dtype=np.int32),
                        "cumulative_eur": cumulative,
                    }
                )
            )
    per_rep = pd.DataFrame(rows)
    curve = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame()
    return per_rep, curve


def _margin(profit: pd.Series, revenue: pd.Series, start: int, end: int) -> float:
    """Operating margin (profit over revenue) of days [start, end)."""
    sales = revenue.loc[start : end - 1].sum()
    return profit.loc[start : end - 1].sum() / sales if sales > 0 else np.nan


def payback_day(cumulative: np.ndarray) -> float:
    """First day from which the cumulative net benefit stays >= 0; NaN if it ends below 0."""
    if cumulative.size == 0 or cumulative[-1] < 0:
        return np.nan
    below = np.flatnonzero(cumulative < 0)
    return float(below[-1] + 1) if below.size else 0.0


def economics_table(
    money: pd.DataFrame,
    control: str,
    pre: tuple[int, int],
    window: tuple[int, int],
    rate: float,
    labels: dict[str, str] | None = None,
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``economics.csv``: one row per point and arm (EUR per branch over the horizon), and the
    mean cumulative net benefit per day with its interval (the break-even chart)."""
    per_rep, curve = per_replicate(money, control, pre, window, rate)
    return summarise_money(per_rep, curve, window, rate, labels, confidence, method, rng, resamples)


def summarise_money(
    per_rep: pd.DataFrame,
    curve: pd.DataFrame,
    window: tuple[int, int],
    rate: float,
    labels: dict[str, str] | None = None,
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    members: Members | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`economics_table` from :func:`per_replicate`'s output (callers that also need the
    per-replicate rows, such as the factorial contrasts, compute them once).  With ``members``
    the intervals are the ensemble mixture's, ``p_payback`` is added and ``payback_share`` is the
    weighted share of member x seed runs that pay back."""
    horizon = window[1] - window[0]
    band = cumulative_band(curve, confidence, members)
    columns = ECONOMICS_COLUMNS if members is None else ENSEMBLE_ECONOMICS_COLUMNS
    if per_rep.empty:  # no arm besides the control (e.g. a sensitivity sweep of one design)
        return pd.DataFrame(columns=columns), band
    rows = []
    for (point, arm), group in per_rep.groupby(["point", "arm"], sort=True):
        replicates = group["replicate"].to_numpy()

        def summary(column: str, group=group, replicates=replicates) -> tuple[float, float, float]:
            values = group[column].to_numpy()
            return estimate(values, replicates, confidence, method, rng, resamples, members)

        if members is None:
            weight = np.full(len(group), 1.0 / len(group))
        else:  # each seed of a member carries the member's weight over its seeds
            position = member_rows(replicates, members.seeds)
            weight = np.asarray(members.weights)[position] / np.bincount(position)[position]
            weight = weight / weight.sum()

        def average(column: str, group=group, weight=weight) -> float:
            """Mean over replicates (over an ensemble: weighted by member)."""
            values = group[column].to_numpy(dtype=float)
            return float(values.mean()) if members is None else float(weight @ values)

        net, low, high = summary("net_benefit_eur")
        _, roi_low, roi_high = summary("roi")
        cost = average("cost_eur")
        mean_curve = band.loc[(band["point"] == point) & (band["arm"] == arm), "cumulative_eur"]
        paid_back = payback_day(mean_curve.to_numpy())
        reps = group["payback_day"].to_numpy()
        # a ratio of means: per-seed ratios explode where a seed's control profit is near zero
        control = average("control_profit_per_day")
        gap, g_low, g_high = summary("profit_gap_per_day")
        pct, pct_low, pct_high = (
            (100 * gap / control, 100 * g_low / control, 100 * g_high / control)
            if control
            else (np.nan, np.nan, np.nan)
        )
        margin, margin_low, margin_high = summary("margin_points")
        share = float(np.isfinite(reps).mean()) if members is None else float(weight @ np.isfinite(reps))
        extra = {}
        if members is not None:
            extra = {
                "p_payback": members.summary(replicates, group["net_benefit_eur"].to_numpy(), confidence)[3],
                "members": members.count,
                "interval_over": members.words(),
            }
        rows.append(
            {
                "point": point,
                "arm": arm,
                "label": (labels or {}).get(arm, arm),
                "cost_eur": cost,
                "one_off_eur": average("one_off_eur"),
                "running_eur": average("running_eur"),
                "net_benefit_eur": net,
                "net_benefit_low": low,
                "net_benefit_high": high,
                # a horizon shorter than a year would scale its one-off costs up to a yearly rate
                "net_benefit_eur_per_year": net * DAYS_PER_YEAR / horizon
                if horizon >= DAYS_PER_YEAR
                else np.nan,
                "roi": net / cost if cost > 0 else np.nan,
                "roi_low": roi_low,
                "roi_high": roi_high,
                "payback_day": paid_back,
                "payback_share": share,
                "margin_points": margin,
                "margin_points_low": margin_low,
                "margin_points_high": margin_high,
                "pct_of_control_profit": pct,
                "pct_of_control_profit_low": pct_low,
                "pct_of_control_profit_high": pct_high,
                "horizon_days": horizon,
                "first_day": window[0],
                "discount_rate": rate,
                "replicates": len(group),
                **extra,
            }
        )
    return pd.DataFrame(rows, columns=columns), band


#: the columns of economics.csv, in order
ECONOMICS_COLUMNS = (
    "point", "arm", "label", "cost_eur", "one_off_eur", "running_eur", "net_benefit_eur", "net_benefit_low",
    "net_benefit_high", "net_benefit_eur_per_year", "roi", "roi_low", "roi_high", "payback_day",
    "payback_share", "margin_points", "margin_points_low", "margin_points_high", "pct_of_control_profit",
    "pct_of_control_profit_low", "pct_of_control_profit_high", "horizon_days", "first_day", "discount_rate",
    "replicates",
)  # fmt: skip
#: economics.csv of an ensemble run: also the probability of paying back within the horizon
ENSEMBLE_ECONOMICS_COLUMNS = (*ECONOMICS_COLUMNS, "p_payback", "members", "interval_over")


def cumulative_band(
    curve: pd.DataFrame, confidence: float = 0.95, members: Members | None = None
) -> pd.DataFrame:
    """Mean cumulative net benefit per point, arm and day with its t interval over replicates
    (with ``members``: the weighted mean and the ensemble mixture's interval)."""
    columns = ["point", "arm", "day", "cumulative_eur", "low", "high", "replicates"]
    if curve.empty:
        return pd.DataFrame(columns=columns)
    if members is not None:
        return _ensemble_band(curve, confidence, members)[columns].assign(interval_over=members.words())
    grouped = curve.groupby(["point", "arm", "day"], sort=True)["cumulative_eur"]
    band = grouped.agg(["mean", "std", "size"]).reset_index()
    n = band["size"].to_numpy()
    t = sps.t.ppf(0.5 + confidence / 2, np.maximum(n - 1, 1))
    half = np.where(n > 1, t * band["std"].to_numpy() / np.sqrt(n), np.nan)
    band["low"], band["high"] = band["mean"] - half, band["mean"] + half
    band = band.rename(columns={"mean": "cumulative_eur", "size": "replicates"})
    return band[columns]


def _ensemble_band(curve: pd.DataFrame, confidence: float, members: Members) -> pd.DataFrame:
    """:func:`cumulative_band` over an ensemble: every day's mixture at once (vectorised)."""
    alpha = 1.0 - confidence
    parts = []
    weights = np.asarray(members.weights)
    for (point, arm), group in curve.groupby(["point", "arm"], sort=True):
        wide = group.pivot_table(index="day", columns="replicate", values="cumulative_eur", aggfunc="first")
        position = member_rows(wide.columns.to_numpy(), members.seeds)
        stats = [member_estimates(row, position, members.count) for row in wide.to_numpy()]
        mean, se, n = (np.stack(parts_) for parts_ in zip(*stats, strict=True))
        present = n[0] > 0
        w = weights[present] / weights[present].sum()
        mean, se, n = mean[:, present], se[:, present], n[:, present]
        low, high = mixture_quantiles(mean, se, n, w, (alpha / 2, 1 - alpha / 2)).T
        parts.append(
            pd.DataFrame(
                {
                    "point": point,
                    "arm": arm,
                    "day": wide.index.to_numpy(),
                    "cumulative_eur": mean @ w,
                    "low": low,
                    "high": high,
                    "replicates": wide.notna().sum(axis=1).to_numpy(),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def per_employee(tidy: pd.DataFrame, window: tuple[int, int]) -> pd.DataFrame:
    """What each arm spends and takes off the floor per employee over the money window, undiscounted,
    so that a reader can check that budgets are equal: per point and arm, the mean over replicates
    and branches of (campaign spending over the window) / (employees in post), and of the
    employee-days of training (days off the floor) over the window / (employees in post).

    From the tidy table's ``money`` period (per branch, the mean per day over the window of
    ``campaign_cost``, ``training_days`` and ``staff``).
    """
    columns = ["point", "arm", "spend_per_employee_eur", "days_off_floor_per_employee"]
    money = tidy[(tidy["period"] == "money") & ~tidy["counterfactual"]]
    if money.empty or not {"campaign_cost", "training_days", "staff"} <= set(money.columns):
        return pd.DataFrame(columns=columns)
    days = window[1] - window[0]
    staff = money["staff"].where(money["staff"] > 0)
    rows = money.assign(
        spend_per_employee_eur=money["campaign_cost"] * days / staff,
        days_off_floor_per_employee=money["training_days"] * days / staff,
    )
    per_rep = rows.groupby(["point", "replicate", "arm"], sort=True)[columns[2:]].mean()
    return per_rep.groupby(["point", "arm"], sort=True).mean().reset_index()[columns]


#: the unit of money totals (cost, net benefit over the horizon) in every table, sentence and figure
#: of the command line and the report; the CSV files keep EUR (columns ending in ``_eur``)
KEUR = "kEUR"


def keur(value: float) -> str:
    """Thousands of EUR (kEUR) with a sign, for tables and sentences: +422.4, -1,843.9 (n/a if missing)."""
    return "n/a" if not np.isfinite(value) else f"{value / 1000:+,.1f}"


def keur_amount(value: float) -> str:
    """Thousands of EUR (kEUR) without a sign, for costs: 5.8, 1,843.9 (n/a if missing)."""
    return "n/a" if not np.isfinite(value) else f"{value / 1000:,.1f}"
