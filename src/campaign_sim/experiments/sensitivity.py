"""Sobol and Morris indices from a table of design points and responses (SALib analyse step).

Takes tables only: the design points (one column per parameter) and the response per
point (one column per output, here the attitude-minus-behaviour effect).  Seeds of the
bootstrap confidence intervals come from the experiment's root seed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: the KPI name of a net benefit output (EUR per branch over the money horizon, costs included)
NET_BENEFIT = "net_benefit_eur"


@dataclass(frozen=True)
class Output:
    """One response a sensitivity analysis decomposes: ``kpi`` of ``arm`` minus ``reference``.

    ``name`` is its column in ``response.csv`` and its ``output`` in ``indices.csv``: the KPI for
    the file's contrast (as before net benefits existed), ``net_benefit_eur:<arm>`` for an arm's
    net benefit against the control.
    """

    name: str
    kpi: str
    arm: str
    reference: str

    def title(self, labels: Mapping[str, str]) -> str:
        arm, ref = labels.get(self.arm, self.arm), labels.get(self.reference, self.reference)
        if self.kpi == NET_BENEFIT:
            return f"net benefit of {arm} against {ref} (EUR per branch over the horizon, costs included)"
        return f"effect on {self.kpi}: {arm} minus {ref}"


def outputs_of(sens: Mapping[str, Any], control: str) -> list[Output]:
    """The responses of a ``[sensitivity]`` section (as stored in the manifest), contrast first."""
    arm, reference = sens["contrast"]
    found = [Output(kpi, kpi, arm, reference) for kpi in sens["outputs"]]
    found += [Output(f"{NET_BENEFIT}:{a}", NET_BENEFIT, a, control) for a in sens.get("net_benefit", [])]
    return found


def may_matter(ind: pd.DataFrame, share: float) -> pd.DataFrame:
    """The rows of a Morris table (one per output and parameter) whose parameter may matter for
    that output: it does not cancel out, and the upper bound of its mu* reaches ``share`` of the
    output's largest mu* (outputs whose largest is zero or not finite have none)."""
    live = ind[~ind["cancels"].astype(bool)]
    top = live.groupby("output", sort=False)["mu_star"].transform("max")
    return live[np.isfinite(top) & (top > 0) & (live["mu_star_high"] >= share * top)]


def mattering(ind: pd.DataFrame, share: float, keep: int) -> list[str]:
    """The parameters a Morris screen says matter, at most ``keep``, taken in turn from each output.

    A parameter *may* matter for an output where the upper bound of its mu* reaches ``share`` of
    that output's largest mu* (upper bounds: a screen must not drop what its own noise cannot rule
    out); parameters that cancel out of an output never matter for it.  Among those, the outputs
    take turns, each taking its largest mu* (the point estimate, not the upper bound, which would
    favour the noisiest) not yet chosen, until ``keep`` are chosen: so every output's main drivers
    enter, whichever output's units are largest.
    """
    passing = may_matter(ind, share)
    ranked = [
        list(rows.sort_values("mu_star", ascending=False)["parameter"])
        for _, rows in passing.groupby("output", sort=False)
    ]
    chosen: list[str] = []
    while len(chosen) < keep and any(ranked):
        for order in ranked:
            while order and order[0] in chosen:
                order.pop(0)
            if order and len(chosen) < keep:
                chosen.append(order.pop(0))
    return chosen


def _interval(res, key: str, i: int) -> dict[str, float]:
    """An index with its confidence interval, as three columns (SALib reports a half-width)."""
    value, half = res[key][i], res[f"{key}_conf"][i]
    return {key: value, f"{key}_low": value - half, f"{key}_high": value + half}


def indices(
    points: pd.DataFrame,
    response: pd.DataFrame,
    parameters: Sequence[str],
    bounds: Sequence[tuple[float, float]],
    method: str,
    confidence: float,
    seed: int,
    levels: int = 4,
) -> pd.DataFrame:
    """One row per output and parameter.

    sobol: S1 (first-order) and ST (total) with lower/upper confidence bounds;
    morris: mu_star (mean absolute elementary effect) with bounds, and sigma.
    """
    problem = {"num_vars": len(parameters), "names": list(parameters), "bounds": [list(b) for b in bounds]}
    missing = points.index.difference(response.index)
    if len(missing):
        raise ValueError(f"{len(missing)} design points have no result yet; finish the runs first")
    rows = []
    for output in response.columns:
        y = response.loc[points.index, output].to_numpy(dtype=float)
        if method == "sobol":
            from SALib.analyze import sobol

            res = sobol.analyze(
                problem, y, calc_second_order=False, conf_level=confidence, num_resamples=1000, seed=seed
            )
            for i, name in enumerate(parameters):
                rows.append(
                    {
                        "output": output,
                        "parameter": name,
                        **_interval(res, "S1", i),
                        **_interval(res, "ST", i),
                    }
                )
        elif method == "morris":
            from SALib.analyze import morris

            x = points[list(parameters)].to_numpy(dtype=float)
            res = morris.analyze(
                problem, x, y, conf_level=confidence, num_resamples=1000, num_levels=levels, seed=seed
            )
            for i, name in enumerate(parameters):
                rows.append(
                    {
                        "output": output,
                        "parameter": name,
                        **_interval(res, "mu_star", i),
                        "mu": res["mu"][i],
                        "sigma": res["sigma"][i],
                    }
                )
        else:
            raise ValueError(f"unknown sensitivity method {method!r}")
    frame = pd.DataFrame(rows)
    numeric = frame.select_dtypes("number").columns
    frame[numeric] = frame[numeric].astype(float).replace([np.inf, -np.inf], np.nan)
    key = "ST" if method == "sobol" else "mu_star"
    parts = []
    for output in frame["output"].unique():
        part = frame[frame["output"] == output].copy()
        y = response.loc[points.index, output].to_numpy(dtype=float)
        part["cancels"] = cancelling(points, y, parameters)
        ranked = ~part["cancels"].to_numpy()
        best, worst = rank_ranges(part[ranked], key)
        part["rank_best"] = pd.array([pd.NA] * len(part), dtype="Int64")
        part["rank_worst"] = pd.array([pd.NA] * len(part), dtype="Int64")
        part.loc[ranked, "rank_best"], part.loc[ranked, "rank_worst"] = best, worst
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


#: a contrast that moves by less than this share of its largest value is unmoved: KPIs are kept as
#: float32, so a parameter that changes both arms alike still shifts their difference by rounding
#: (about 1e-7 of the KPI's level)
CANCEL_TOLERANCE = 1e-6


def cancelling(points: pd.DataFrame, response: np.ndarray, parameters: Sequence[str]) -> np.ndarray:
    """Per parameter: True where it cancels out of the contrast, i.e. every pair of sampled points
    that differ in this parameter alone (Saltelli's A and AB rows, Morris' steps) gives the same
    contrast up to rounding.

    Why: with common random numbers a parameter that moves both arms alike (wages, in attitude
    minus behaviour training) changes the contrast at no sampled point; "0.000" in a table would
    read as "measured, and small", when it is "cannot matter, by construction of the contrast".
    A design without such pairs (grid, LHS) never says so.
    """
    y = np.asarray(response, dtype=float)
    bound = CANCEL_TOLERANCE * float(np.nanmax(np.abs(y))) if y.size else 0.0
    table = points[list(parameters)].reset_index(drop=True).assign(_y=y)
    out = []
    for name in parameters:
        others = [p for p in parameters if p != name]
        paired, moved = False, False
        for _, group in table.groupby(others, sort=False) if others else [(None, table)]:
            if group[name].nunique() > 1:
                paired = True
                moved |= bool(group["_y"].max() - group["_y"].min() > bound)
        out.append(paired and not moved)
    return np.array(out, dtype=bool)


def rank_ranges(rows: pd.DataFrame, key: str) -> tuple[np.ndarray, np.ndarray]:
    """Each parameter's place in the ranking as a range (best, worst; 1 = most influential).

    A parameter ranks above another only where its whole interval lies above the other's: its
    best place is one more than the number of parameters certainly above it, its worst the
    number not certainly below it.  Parameters whose intervals overlap share a range, so a
    table never orders them as if their order were known.
    """
    low = rows[f"{key}_low"].to_numpy(dtype=float)
    high = rows[f"{key}_high"].to_numpy(dtype=float)
    above = low[None, :] > high[:, None]  # [i, j]: j certainly above i
    below = high[None, :] < low[:, None]  # [i, j]: j certainly below i
    best = 1 + above.sum(axis=1)
    worst = len(rows) - below.sum(axis=1)
    return best.astype(np.int64), worst.astype(np.int64)


def rank_label(best: int, worst: int) -> str:
    """'1' where the place is certain, '1-3' where the intervals leave it open."""
    return f"{best}" if best == worst else f"{best}-{worst}"


#: Morris trajectories below which no interval is trusted (Campolongo et al. 2007 use 10-20)
MORRIS_MIN_TRAJECTORIES = 10


def too_few_samples(ind: pd.DataFrame, method: str, samples: int | None = None) -> list[str]:
    """The outputs whose sample cannot order the parameters: the typical interval (median over the
    parameters that do not cancel) is wider than the typical index; for Morris also every output
    when there are fewer than :data:`MORRIS_MIN_TRAJECTORIES` trajectories.  A warning, not a
    failure: the indices are still what the sample says."""
    key = "ST" if method == "sobol" else "mu_star"
    if method == "morris" and samples is not None and samples < MORRIS_MIN_TRAJECTORIES:
        # a bootstrap over a handful of elementary effects is narrow by construction, not by evidence
        return [str(o) for o in ind["output"].unique()]
    found = []
    for output, rows in ind.groupby("output", sort=False):
        rows = rows[~rows["cancels"].astype(bool)]
        if rows.empty:
            continue
        width = (rows[f"{key}_high"] - rows[f"{key}_low"]).median()
        if width > rows[key].abs().median():
            found.append(str(output))
    return found
