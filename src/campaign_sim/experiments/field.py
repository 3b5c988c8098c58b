"""Campaign effects against the sizes field studies report (CALIBRATION.md, I1-I5).

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

from .stats import interval


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

#: an effect whose interval lies above this multiple of the field's upper end needs explaining
SEVERAL_TIMES = 2.0


def field_comparison(
    per_replicate: pd.DataFrame,
    tidy: pd.DataFrame,
    arm_kinds: Mapping[str, Sequence[str]],
    confidence: float = 0.95,
    method: str = "t",
    rng: np.random.Generator | None = None,
    resamples: int = 2000,
) -> pd.DataFrame:
    """One row per arm and field figure that applies to it: the model's standardised effect with
    its interval over replicates, the field's, their ratio and a verdict."""
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
                values = d_people[mine.index.get_level_values("point") == point]
                d, low, high = interval(values, confidence, method, rng, resamples)
                ratio = d / fig.d if fig.d else np.nan
                if np.isfinite(low) and low > SEVERAL_TIMES * fig.high:
                    verdict = f"more than {SEVERAL_TIMES:g} times the field's: a finding to explain"
                elif np.isfinite(high) and high < fig.low:
                    verdict = "below the field's"
                elif np.isfinite(low) and low > fig.high:
                    verdict = "above the field's"
                else:
                    verdict = "interval overlaps the field's"
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
                        "source": fig.source,
                    }
                )
    return pd.DataFrame(rows)
