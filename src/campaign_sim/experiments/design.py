"""The experiment's design: which parameter values (design points) a sweep or sensitivity runs.

Sampling is kept apart from planning (:mod:`.plan`), running and analysis.  Every
random choice (the sampler here, the arm assignment in :mod:`.plan`, the bootstrap)
draws from a numpy Generator seeded from the experiment's root seed and a fixed tag
per purpose, so the design is a pure function of the experiment file.
"""

from __future__ import annotations

import itertools
import zlib
from typing import Any

import numpy as np
import pandas as pd

from .definition import Experiment, Parameter

#: fixed tags that separate the purposes random numbers are drawn for
_PURPOSES = ("design", "assignment", "bootstrap", "salib")


def purpose_rng(seed: int, purpose: str, *extra: int) -> np.random.Generator:
    """A Generator for one purpose (``design``, ``assignment``, ...) derived from a root seed."""
    tag = zlib.crc32(purpose.encode())
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, tag, *extra])))


def salib_seed(seed: int, purpose: str) -> int:
    """A positive int seed for SALib functions that take only ints (and treat 0 as 'none')."""
    return int(purpose_rng(seed, purpose).integers(1, 2**31 - 1))


def _problem(parameters: list[Parameter]) -> dict[str, Any]:
    return {
        "num_vars": len(parameters),
        "names": [p.path for p in parameters],
        "bounds": [[p.low, p.high] for p in parameters],
    }


def design_points(
    parameters: list[Parameter], design: str, samples: int, levels: int, seed: int
) -> pd.DataFrame:
    """One row per design point, one column per parameter path (index = point number)."""
    names = [p.path for p in parameters]
    if design == "grid":
        rows = list(itertools.product(*(p.grid() for p in parameters)))
        return pd.DataFrame(rows, columns=names)
    problem = _problem(parameters)
    rng = purpose_rng(seed, "design")
    if design == "lhs":
        from SALib.sample import latin

        values = latin.sample(problem, samples, seed=rng)
    elif design == "sobol":
        from SALib.sample import sobol

        values = sobol.sample(problem, samples, calc_second_order=False, seed=rng)
    elif design == "morris":
        from SALib.sample import morris

        values = morris.sample(problem, samples, num_levels=levels, seed=rng)
    else:  # pragma: no cover - validated in definition
        raise ValueError(design)
    return pd.DataFrame(np.asarray(values, dtype=float), columns=names)


def experiment_points(experiment: Experiment, kind: str) -> pd.DataFrame:
    """Design points of a command: compare runs the base point only."""
    spec = experiment.spec
    if kind == "sweep":
        s = spec.sweep
        assert s is not None
        return design_points(s.parameters, s.design, s.samples, s.levels, spec.seed)
    if kind == "sensitivity":
        s = spec.sensitivity
        assert s is not None
        return design_points(s.parameters, s.method, s.samples, s.levels, spec.seed)
    return pd.DataFrame(index=pd.RangeIndex(1))
