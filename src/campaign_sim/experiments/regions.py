"""Scenario discovery: PRIM boxes (ema-workbench) over world inputs, told in words.

PRIM (Friedman and Fisher 1999; Bryant and Lempert 2010) peels a box of input space in which
a case of interest (a claim failing, a campaign not paying back) is concentrated.  A box is
judged by its *coverage* (the share of all cases of interest that lie in it) and its *density*
(the share of worlds in it that are cases).  From the peeling trajectory we keep the box a
strategist can read: at most :data:`MAX_DIMENSIONS` restricted inputs, at least
:data:`MIN_MASS` of the worlds, and among those the highest coverage with density at least
:data:`DENSITY`; if no box is that dense, the one with the best product of density and
coverage.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

#: a box must hold at least this share of the worlds (smaller ones describe too few to act on)
MIN_MASS = 0.05
#: a box restricts at most this many inputs (beyond that it is no longer a rule one can read)
MAX_DIMENSIONS = 3
#: preferred density: at least 4 in 5 worlds inside the box are cases
DENSITY = 0.8
#: with fewer cases than this PRIM describes noise; the box is then not searched
MIN_CASES = 5


@dataclass
class Box:
    """A PRIM box: its limits in words, and how well it describes the cases."""

    question: str
    #: what a case is, in the plural ("failures", "worlds that do not pay back")
    cases_are: str = "cases"
    conditions: list[str] = field(default_factory=list)
    #: numeric inputs the box restricts: name -> (low, high)
    limits: dict[str, tuple[float, float]] = field(default_factory=dict)
    coverage: float = float("nan")
    density: float = float("nan")
    mass: float = float("nan")
    worlds_in_box: int = 0
    cases: int = 0
    worlds: int = 0
    note: str = ""

    @property
    def base_rate(self) -> float:
        return self.cases / self.worlds if self.worlds else float("nan")

    def sentence(self) -> str:
        """The box as one sentence a strategist can act on."""
        if self.note:
            return f"{self.question} {self.note}"
        if not self.conditions:
            return (
                f"{self.question} no input separates the {self.cases_are} from the other worlds "
                f"({self.cases} of {self.worlds} worlds are {self.cases_are})."
            )
        where = " and ".join(self.conditions)
        return (
            f"{self.question} mostly where {where}: {self.density:.0%} of the {self.worlds_in_box} worlds "
            f"there are {self.cases_are} (against {self.base_rate:.0%} of all worlds), and they hold "
            f"{self.coverage:.0%} of all {self.cases} {self.cases_are}."
        )

    def row(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "conditions": " and ".join(self.conditions),
            "coverage": self.coverage,
            "density": self.density,
            "mass": self.mass,
            "worlds_in_box": self.worlds_in_box,
            "cases": self.cases,
            "worlds": self.worlds,
            "base_rate": self.base_rate,
            "sentence": self.sentence(),
        }


def _number(value: float) -> str:
    return f"{value:.3g}"


def _conditions(
    limits: pd.DataFrame, x: pd.DataFrame, labels: dict[str, str]
) -> tuple[list[str], dict[str, tuple[float, float]]]:
    words, numeric = [], {}
    for column in limits.columns:
        label = labels.get(column, column)
        low, high = limits[column].iloc[0], limits[column].iloc[1]
        if isinstance(low, set):
            everything = set(x[column].unique())
            if set(low) != everything:
                words.append(f"{label} is {' or '.join(sorted(map(str, low)))}")
            continue
        lo_all, hi_all = float(x[column].min()), float(x[column].max())
        above, below = float(low) > lo_all, float(high) < hi_all
        if above or below:
            numeric[column] = (float(low), float(high))
        if above and below:
            words.append(f"{label} between {_number(low)} and {_number(high)}")
        elif above:
            words.append(f"{label} at least {_number(low)}")
        elif below:
            words.append(f"{label} at most {_number(high)}")
    return words, numeric


def find_box(
    x: pd.DataFrame, cases: np.ndarray, question: str, cases_are: str, labels: dict[str, str] | None = None
) -> Box:
    """The readable PRIM box of ``cases`` (bool per row of ``x``) over the inputs ``x``.

    Numeric columns are ranges, object/category columns sets of values.  Constant columns are
    dropped (they cannot separate anything)."""
    cases = np.asarray(cases, dtype=bool)
    box = Box(question, cases_are, cases=int(cases.sum()), worlds=int(cases.size))
    if box.cases < MIN_CASES:
        box.note = f"too few {box.cases_are} to describe a region ({box.cases} of {box.worlds} worlds)."
        return box
    if box.cases == box.worlds:
        box.note = f"everywhere: all {box.worlds} worlds are {box.cases_are}."
        return box
    varied = x.loc[:, [c for c in x.columns if x[c].nunique() > 1]]
    if varied.empty:
        box.note = f"no input varies between the worlds, so none can separate the {box.cases_are}."
        return box
    varied = varied.copy()
    for column in varied.columns:
        if not pd.api.types.is_numeric_dtype(varied[column]):
            varied[column] = varied[column].astype("category")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("EMA").setLevel(logging.ERROR)
        from ema_workbench.analysis import prim  # heavy import (about 10 s cold): only when needed

        found = prim.Prim(varied, cases, mass_min=MIN_MASS).find_box()
    trajectory = found.peeling_trajectory
    readable = trajectory[(trajectory["res_dim"] <= MAX_DIMENSIONS) & (trajectory["mass"] >= MIN_MASS)]
    if readable.empty:
        readable = trajectory.iloc[:1]
    dense = readable[readable["density"] >= DENSITY]
    if not dense.empty:
        best = dense.sort_values(["coverage", "density"], ascending=False).iloc[0]
    else:
        best = readable.loc[(readable["density"] * readable["coverage"]).idxmax()]
    index = int(best["id"])
    box.conditions, box.limits = _conditions(found.box_lims[index], varied, labels or {})
    box.coverage, box.density, box.mass = float(best["coverage"]), float(best["density"]), float(best["mass"])
    box.worlds_in_box = int(best["n"])
    return box
