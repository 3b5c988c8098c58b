"""Sobol and Morris indices from a table of design points and responses (SALib analyse step).

Takes tables only: the design points (one column per parameter) and the response per
point (one column per output, here the attitude-minus-behaviour effect).  Seeds of the
bootstrap confidence intervals come from the experiment's root seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


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
    return frame
