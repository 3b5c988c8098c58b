"""Campaign effects against the sizes field studies report (docs/EVIDENCE.md, I1-I5).

Field studies report standardised effects: the change of a state in the treated group minus
the control, over the spread of that state *between people*.  The trial's difference in
differences of a staff state (a branch mean) is divided by that state's standard deviation
between employees at the end of the pre period (``runs.people_spread``), per replicate, so the
model's effect reads on the same scale.  An effect several times the field's is a finding
to explain, not a success: the table says which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .ensemble import Members
from .stats import estimate


@dataclass(frozen=True)
class FieldFigure:
    """One published field effect size and the arms and state it is compared with."""

    key: str
    what: str
    state: str
    d: float
    low: float
    high: float
    kinds: tuple[str, ...]  # an arm is compared if it has a campaign of one of these kinds
    source: str


FIELD: tuple[FieldFigure, ...] = (
    FieldFigure(
        "I1",
        "organisational training: behaviour on the job",
        "delivered_behaviour",
        0.62,
        0.62,
        0.62,
        ("behaviour_training", "attitude_training"),
        "Arthur, Bennett, Edens & Bell 2003 (k = 122)",
    ),
    FieldFigure(
        "I2",
        "work-engagement interventions: engagement",
        "engagement",
        0.29,
        0.12,
        0.46,
        ("behaviour_training", "attitude_training", "incentive_scheme", "leadership"),
        "Knight, Patterson & Dawson 2017 (95% CI 0.12-0.46)",
    ),
    FieldFigure(
        "I3/I5",
        "financial incentives: performance (field g = 0.34; close to zero after correcting "
        "publication bias, I5)",
        "delivered_behaviour",
        0.34,
        0.0,
        0.34,
        ("incentive_scheme",),
        "Garbers & Konradt 2014; Cala et al. 2022",
    ),
)

#: an effect whose interval lies at or above this multiple of the field's upper end needs explaining
SEVERAL_TIMES = 2.0

#: the verdict classes, from the exact rules of :func:`field_verdict`
VERDICT_CLASSES = ("below", "overlaps", "above", "far above")
#: the rules in one sentence, for the tables' notes
VERDICT_RULES = (
    "Verdict: above when the interval's lower end exceeds the field's upper bound (the ratio shown is "
    f"that lower end over the bound; from {SEVERAL_TIMES:g}x a finding to explain); below when the "
    "interval's upper end is under the field's lower bound (the ratio: that upper end over the bound); "
    "otherwise, touching included, it overlaps. Ratios in verdicts are truncated to two decimals."
)


def format_ratio(ratio: float) -> str:
    """A ratio to a field figure, truncated (not rounded) to two decimals, so that a ratio shown
    as 2.00x is at least 2 and one under 2 never reads 2.00x: ``2.37x``, ``0.18x``, ``-0.13x``."""
    if not np.isfinite(ratio):
        return "n/a"
    value = np.trunc(round(ratio * 100, 6)) / 100
    return f"{value + 0.0:.2f}x"


def field_verdict(low: float, high: float, field_low: float, field_high: float) -> tuple[str, str]:
    """The verdict on a model interval [low, high] against the field's range [field_low, field_high],
    by exact rules on the interval's ends (a point figure has field_low = field_high):

    - ``far above``: low >= SEVERAL_TIMES x field_high, a finding to explain;
    - ``above``: field_high < low < SEVERAL_TIMES x field_high;
    - ``below``: high < field_low;
    - ``overlaps``: otherwise; an interval that only touches the field's range (low = field_high
      or high = field_low) overlaps it.

    The words give the ratio that decided: the interval's lower end over the field's upper bound
    (above: "2.30x the field's upper bound 0.46: a finding to explain") or its upper end over
    the field's lower bound (below), truncated to two decimals.
    Returns (class, words).
    """
    point = field_low == field_high
    upper = f"the field's figure {field_high:.2f}" if point else f"the field's upper bound {field_high:.2f}"
    lower = f"the field's figure {field_low:.2f}" if point else f"the field's lower bound {field_low:.2f}"
    if not (np.isfinite(low) and np.isfinite(high)):
        return "overlaps", "no interval (too few replicates)"
    if field_high > 0 and low > field_high:
        ratio = round(low / field_high, 9)
        if ratio >= SEVERAL_TIMES:
            return "far above", f"{format_ratio(ratio)} {upper}: a finding to explain"
        return "above", f"above: {format_ratio(ratio)} {upper}"
    if high < field_low:
        if field_low > 0 and high > 0:
            return "below", f"below: {format_ratio(high / field_low)} {lower}"
        return "below", f"below {lower}: the whole interval"
    range_words = (
        f"the field's figure {field_high:.2f}"
        if point
        else f"the field's range {field_low:.2f}-{field_high:.2f}"
    )
    return "overlaps", f"overlaps {range_words}"


def field_comparison(
    per_replicate: pd.DataFrame,
    tidy: pd.DataFrame,
    arm_kinds: Mapping[str, Sequence[str]],
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
    members: Members | None = None,
) -> pd.DataFrame:
    """One row per arm and field figure that applies to it: the model's standardised effect with
    its interval over replicates, the field's, their ratio (estimate over the field's figure) and a
    verdict by the exact rules of :func:`field_verdict`."""
    spread_cols = [c for c in tidy.columns if c.startswith("people_sd_")]
    if not spread_cols:
        return pd.DataFrame()
    spread = tidy[~tidy["counterfactual"]].groupby(["point", "replicate"])[spread_cols].mean()
    rows = []
    for fig in FIELD:
        column = f"people_sd_{fig.state}"
        if column not in spread.columns:
            continue
        did = per_replicate[per_replicate["kpi"] == fig.state]
        for arm, kinds in arm_kinds.items():
            if not set(kinds) & set(fig.kinds):
                continue
            mine = did[did["arm"] == arm].set_index(["point", "replicate"])["did"]
            if mine.empty:
                continue
            d_people = (mine / spread[column].reindex(mine.index)).to_numpy(dtype=float)
            for point in sorted(set(mine.index.get_level_values("point"))):
                here = mine.index.get_level_values("point") == point
                values = d_people[here]
                replicates = mine.index.get_level_values("replicate").to_numpy()[here]
                d, low, high = estimate(values, replicates, confidence, method, rng, resamples, members)
                ratio = d / fig.d if fig.d else np.nan
                verdict_class, verdict = field_verdict(low, high, fig.low, fig.high)
                rows.append(
                    {
                        "point": point,
                        "arm": arm,
                        "figure": fig.key,
                        "what": fig.what,
                        "state": fig.state,
                        "d_model": d,
                        "d_low": low,
                        "d_high": high,
                        "d_field": fig.d,
                        "field_low": fig.low,
                        "field_high": fig.high,
                        "ratio": ratio,
                        "verdict": verdict,
                        "verdict_class": verdict_class,
                        "source": fig.source,
                    }
                )
    table = pd.DataFrame(rows)
    return table if members is None or table.empty else table.assign(interval_over=members.words())
