"""Main effects and interactions of a factorial trial (training x incentives), per replicate.

With factors A (e.g. training: none, behaviour, attitude) and B (incentives: as they are,
reward effect), each arm is one cell (a, b) and its per-replicate estimate y(a, b) is its
effect against the control cell (a0, b0), so y(a0, b0) = 0.  Per replicate:

    main effect of A = a   :  mean over b of  y(a, b) - y(a0, b)
    main effect of B = b   :  mean over a of  y(a, b) - y(a, b0)
    interaction (a, b)     :  y(a, b) - y(a, b0) - y(a0, b) + y(a0, b0)

(with more than two factors, the others are averaged over).  A main effect says what a
level adds on average over the other factor's levels; the interaction says how much more
(or less) it adds when the other factor is also changed, e.g. whether attitude training
and effect incentives reinforce each other.  Replicates are independent, so intervals come
from their spread, as in ``stats``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .ensemble import Members
from .stats import estimate


def cells(arm_levels: Mapping[str, Mapping[str, str]], factors: Mapping[str, Sequence[str]]) -> dict:
    """(level of each factor, in factor order) -> arm name, for the arms in the design."""
    return {tuple(levels[f] for f in factors): arm for arm, levels in arm_levels.items() if levels}


def contrasts(factors: Mapping[str, Sequence[str]]) -> list[tuple[str, str, str, dict[tuple, float]]]:
    """Every main effect and two-way interaction as (term, factor(s), level(s), cell weights)."""
    names = list(factors)
    grid = list(itertools.product(*factors.values()))
    out = []
    for i, factor in enumerate(names):
        reference = factors[factor][0]
        others = len(grid) // len(factors[factor])
        for level in factors[factor][1:]:
            weights: dict[tuple, float] = {}
            for cell in grid:
                if cell[i] == level:
                    weights[cell] = weights.get(cell, 0.0) + 1.0 / others
                elif cell[i] == reference:
                    weights[cell] = weights.get(cell, 0.0) - 1.0 / others
            out.append(("main effect", factor, level, weights))
    for (i, fa), (j, fb) in itertools.combinations(enumerate(names), 2):
        ra, rb = factors[fa][0], factors[fb][0]
        rest = len(grid) // (len(factors[fa]) * len(factors[fb]))
        for la in factors[fa][1:]:
            for lb in factors[fb][1:]:
                weights = {}
                for cell in grid:
                    sign = {(la, lb): 1.0, (la, rb): -1.0, (ra, lb): -1.0, (ra, rb): 1.0}.get(
                        (cell[i], cell[j])
                    )
                    if sign is not None:
                        weights[cell] = weights.get(cell, 0.0) + sign / rest
                out.append(("interaction", f"{fa} x {fb}", f"{la} x {lb}", weights))
    return out


def factorial_effects(
    per_replicate: pd.DataFrame,
    value: str,
    arm_levels: Mapping[str, Mapping[str, str]],
    factors: Mapping[str, Sequence[str]],
    control: str,
    by: Sequence[str] = ("point", "kpi"),
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    members: Members | None = None,
) -> pd.DataFrame:
    """Main effects and interactions with intervals, from per-replicate effects against control
    (with ``members``: the ensemble mixture's intervals and ``p_positive``).

    ``per_replicate`` has columns point, replicate, arm, ``value`` (and ``by``); the control's
    own rows may be missing (its effect against itself is 0).
    """
    arm_of_cell = cells(arm_levels, factors)
    wide = per_replicate.pivot_table(index=[*by, "replicate"], columns="arm", values=value, aggfunc="first")
    wide[control] = 0.0
    rows = []
    for term, factor, level, weights in contrasts(factors):
        arms = [arm_of_cell[c] for c in weights]
        if any(a not in wide.columns for a in arms):
            continue
        contrast = sum(w * wide[arm_of_cell[c]] for c, w in weights.items())
        for key, group in contrast.groupby(level=list(by), sort=True):
            replicates = group.index.get_level_values("replicate").to_numpy()
            found = estimate(group.to_numpy(), replicates, confidence, method, rng, resamples, members)
            if members is not None:
                found = (*found, members.summary(replicates, group.to_numpy(), confidence)[3])
            key = key if isinstance(key, tuple) else (key,)
            rows.append((*key, term, factor, level, *found, int(np.isfinite(group).sum())))
    extra = [] if members is None else ["p_positive"]
    columns = [*by, "term", "factor", "level", "effect", "ci_low", "ci_high", *extra, "replicates"]
    table = pd.DataFrame(rows, columns=columns)
    return table if members is None else table.assign(interval_over=members.words())
