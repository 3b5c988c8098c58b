"""The model's 0..1 states tied to published survey instruments (docs/ODD.md 2.6).

Every staff and customer state is read as a linear map of one instrument's scale range onto
0..1 (reversed where the instrument measures the opposite pole, e.g. psychological safety for
fear of the boss).  Each entry also carries the spread between people that the instrument's
published norms imply, so that

- a company's survey results can set a scenario's starting team states
  (:func:`branches_from_survey`), and
- a campaign's raw effect on a 0..1 state can be divided by a spread measured on real people
  (:func:`standardised_effect`) and so compared with the field studies' d and g
  (docs/EVIDENCE.md I1-I4) without relying on the model's own spread.

Confidence of the norm figures (``Instrument.confidence``):

- ``recalled``: the figure's order is taken from the named source, recalled, not re-read for
  this module; check it against the source before relying on the second digit;
- ``approximation``: no specific published norm was at hand; the figure is the typical spread
  of such multi-item Likert scales (about one scale point on a 7-point scale), named as such;
- ``none``: no published norm exists for the instrument (a company's own test); the state can
  be mapped but not standardised by a norm.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .outputs import CUSTOMER_STATES, STAFF_STATES

Confidence = Literal["recalled", "approximation", "none"]


@dataclass(frozen=True)
class Instrument:
    """How one model state is measured: an instrument's score range mapped linearly onto 0..1."""

    state: str
    agent: Literal["employee", "customer"]
    instrument: str
    reference: str
    scale_min: float
    scale_max: float
    reversed: bool
    norm_mean: float | None  # mean between people, in instrument units
    norm_sd: float | None  # SD between people, in instrument units
    norm_source: str
    confidence: Confidence

    @property
    def span(self) -> float:
        """Width of the instrument's scale, the unit that 1.0 on the model's scale stands for."""
        return self.scale_max - self.scale_min

    @property
    def norm_sd_unit(self) -> float | None:
        """The norm's SD between people on the model's 0..1 scale."""
        return None if self.norm_sd is None else self.norm_sd / self.span


_LIKERT_APPROX = (
    "typical SD of 7-point scale means in work and consumer surveys, about 1 scale point, taken as 1.0; "
    "no norm of this scale at hand"
)

INSTRUMENTS: dict[str, Instrument] = {
    i.state: i
    for i in (
        Instrument(
            "ability",
            "employee",
            "the company's own test of its trained service standard (knowledge items and role-play "
            "checklist), share of the standard met, 0-100 %",
            "Arthur, Bennett, Edens & Bell 2003 (I1 'learning' criteria are such tests)",
            0.0,
            100.0,
            False,
            None,
            None,
            "no published norm: a company's test has its own spread; measure it in the company",
            "none",
        ),
        Instrument(
            "fear_of_customers",
            "employee",
            "Customer-related Social Stressors (CSS), subscale customer verbal aggression, 1-5",
            "Dormann & Zapf 2004, J Occupational Health Psychology 9:61-82",
            1.0,
            5.0,
            False,
            2.0,
            0.8,
            "order of the descriptive statistics of service workers in Dormann & Zapf 2004 "
            "(recalled, not re-read); the scale measures exposure to hostile customers, not fear",
            "approximation",
        ),
        Instrument(
            "fear_of_boss",
            "employee",
            "Team psychological safety, 7 items, 1-7 (reversed: high safety = low fear)",
            "Edmondson 1999, Administrative Science Quarterly 44:350-383",
            1.0,
            7.0,
            True,
            5.0,
            1.0,
            _LIKERT_APPROX + "; safety covers the whole team, the leader included",
            "approximation",
        ),
        Instrument(
            "fear_for_job",
            "employee",
            "Job Insecurity Scale (JIS), 4 items, 1-5",
            "De Witte 2000; Vander Elst, De Witte & De Cuyper 2014, European J Work and "
            "Organizational Psychology 23:364-380",
            1.0,
            5.0,
            False,
            2.2,
            0.9,
            "order of the country samples' means and SDs in Vander Elst et al. 2014 (recalled, not re-read)",
            "recalled",
        ),
        Instrument(
            "pride",
            "employee",
            "Authentic pride subscale, 7 adjectives, 1-5, asked about one's own work",
            "Tracy & Robins 2007, J Personality and Social Psychology 92:506-525",
            1.0,
            5.0,
            False,
            3.6,
            0.8,
            "order of the authentic-pride descriptives in Tracy & Robins 2007 (recalled, not "
            "re-read; student samples, trait wording)",
            "approximation",
        ),
        Instrument(
            "effect_awareness",
            "employee",
            "Perceived prosocial impact, 3 items, 1-7 ('I am very conscious of the positive impact "
            "my work has on others')",
            "Grant 2008, J Applied Psychology 93:108-124",
            1.0,
            7.0,
            False,
            5.5,
            1.0,
            _LIKERT_APPROX + "; means in Grant's samples lie high on the scale",
            "approximation",
        ),
        Instrument(
            "engagement",
            "employee",
            "Utrecht Work Engagement Scale, short form (UWES-9), 0-6",
            "Schaufeli, Bakker & Salanova 2006, Educational and Psychological Measurement "
            "66:701-716; Schaufeli & Bakker 2004, UWES manual",
            0.0,
            6.0,
            False,
            3.8,
            1.1,
            "order of the UWES-9 total in the manual's international database (Schaufeli & "
            "Bakker 2004; recalled, not re-read: mean near 4, SD about 1.1-1.2)",
            "recalled",
        ),
        Instrument(
            "willingness",
            "employee",
            "Affective commitment to change, 6 items, 1-7",
            "Herscovitch & Meyer 2002, J Applied Psychology 87:474-487",
            1.0,
            7.0,
            False,
            5.0,
            1.0,
            _LIKERT_APPROX,
            "approximation",
        ),
        Instrument(
            "delivered_behaviour",
            "employee",
            "Customer orientation (CO) items of the SOCO scale, 1-9, rated by supervisor, "
            "mystery shopper or self (derived state: ability as delivered on the floor)",
            "Saxe & Weitz 1982, J Marketing Research 19:343-351; short form Thomas, Soutar & "
            "Ryan 2001, J Personal Selling & Sales Management 21:63-69",
            1.0,
            9.0,
            False,
            7.5,
            1.0,
            "about 1 point on the 9-point scale, means high on the scale (approximation, no norm at hand)",
            "approximation",
        ),
        Instrument(
            "expectation",
            "customer",
            "SERVQUAL expectations, 22 items, 1-7",
            "Parasuraman, Zeithaml & Berry 1988, J Retailing 64(1):12-40",
            1.0,
            7.0,
            False,
            6.0,
            1.0,
            "about 1 scale point, taken as 1.0, means near 6 (no norm at hand); the model's baseline "
            "expectation (0.19 of ideal service) is anchored far lower than SERVQUAL's expected service",
            "approximation",
        ),
        Instrument(
            "satisfaction",
            "customer",
            "American Customer Satisfaction Index (ACSI) satisfaction, 3 items of 1-10 as a 0-100 index",
            "Fornell, Johnson, Anderson, Cha & Bryant 1996, J Marketing 60(4):7-18",
            0.0,
            100.0,
            False,
            75.0,
            20.0,
            "mean: company scores mostly lie at 70-80 (recalled); SD between customers about "
            "20 index points (approximation, no norm at hand)",
            "approximation",
        ),
        Instrument(
            "trust",
            "customer",
            "Trust in frontline employees, 7-point items",
            "Sirdeshmukh, Singh & Sabol 2002, J Marketing 66(1):15-37",
            1.0,
            7.0,
            False,
            5.0,
            1.0,
            _LIKERT_APPROX,
            "approximation",
        ),
        Instrument(
            "loyalty",
            "customer",
            "Loyalty intentions (behavioural-intentions battery, loyalty factor), 5 items, 1-7",
            "Zeithaml, Berry & Parasuraman 1996, J Marketing 60(2):31-46",
            1.0,
            7.0,
            False,
            5.3,
            1.0,
            _LIKERT_APPROX,
            "approximation",
        ),
    )
}

assert set(STAFF_STATES) | set(CUSTOMER_STATES) <= set(INSTRUMENTS), "every state needs an instrument"

#: staff states a survey can set in a scenario's [branches] section
SURVEY_STATES: tuple[str, ...] = STAFF_STATES
#: the schema's upper bound of ``between_sd`` and ``within_sd`` (config.Spread)
MAX_SD = 0.5


def instrument(state: str) -> Instrument:
    """The entry of a state; an unknown name is refused with the closest names."""
    try:
        return INSTRUMENTS[state]
    except KeyError:
        close = difflib.get_close_matches(state, INSTRUMENTS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(
            f"unknown state '{state}'{hint} States with an instrument: {', '.join(INSTRUMENTS)}"
        ) from None


def _check_range(values: np.ndarray, low: float, high: float, what: str) -> None:
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{what}: not a number")
    if np.any(values < low) or np.any(values > high):
        raise ValueError(f"{what}: {values.min():g}..{values.max():g} is outside {low:g}..{high:g}")


def to_state(scale_score: float | Sequence[float] | np.ndarray, state: str) -> float | np.ndarray:
    """A score in instrument units (a respondent's or a group's item mean) as the model's 0..1 state."""
    entry = instrument(state)
    score = np.asarray(scale_score, dtype=np.float64)
    _check_range(score, entry.scale_min, entry.scale_max, f"{state} ({entry.instrument})")
    share = (score - entry.scale_min) / entry.span
    value = 1.0 - share if entry.reversed else share
    return float(value) if value.ndim == 0 else value


def to_scale(state_value: float | Sequence[float] | np.ndarray, state: str) -> float | np.ndarray:
    """The model's 0..1 state as a score in instrument units (inverse of :func:`to_state`)."""
    entry = instrument(state)
    value = np.asarray(state_value, dtype=np.float64)
    _check_range(value, 0.0, 1.0, f"{state} (model scale)")
    share = 1.0 - value if entry.reversed else value
    score = entry.scale_min + share * entry.span
    return float(score) if score.ndim == 0 else score


def standardised_effect(raw_difference: float, state: str) -> float:
    """A raw difference on the 0..1 scale over the norm's SD between people: a d comparable
    with the field's I1-I4, independent of the model's own spread.  The sign is the model's
    (a fall of fear is negative), whatever the instrument's direction."""
    entry = instrument(state)
    if entry.norm_sd_unit is None:
        raise ValueError(f"{state}: {entry.instrument} has no published norm ({entry.norm_source})")
    return raw_difference / entry.norm_sd_unit


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(values)):
        rows = [int(i) + 1 for i in np.flatnonzero(~np.isfinite(values))]
        raise ValueError(f"column '{name}': missing or not a number in row(s) {rows}")
    return values


def branches_from_survey(
    table: pd.DataFrame | Mapping[str, Sequence[float]],
) -> dict[str, dict[str, float]]:
    """A company's survey results per branch as the ``[branches]`` starting states of a scenario.

    ``table`` has one row per branch and, per surveyed staff state, a column named after the
    state holding the branch's mean in instrument units (UWES-9 0-6 for ``engagement`` ...),
    optionally ``<state>_sd`` (the SD between the branch's respondents, instrument units) and
    one ``n`` column (respondents per branch); a ``branch`` column (labels) is ignored.

    Returns ``{state: {mean, between_sd, within_sd}}`` on the 0..1 scale:

    - ``mean``: mean of the branches' mapped means (each branch counts once);
    - ``between_sd``: SD of the mapped branch means (n-1; 0 for one branch), less the sampling
      noise of a branch mean (``within_sd**2 / n``) when ``n`` and ``<state>_sd`` are given,
      since a survey's branch means scatter more than the branches truly differ;
    - ``within_sd``: the pooled ``<state>_sd`` (root mean square) mapped onto 0..1; without it,
      the instrument's norm SD less the between-branch part, ``sqrt(norm**2 - between**2)``.
    """
    frame = pd.DataFrame(table)
    if frame.empty:
        raise ValueError("the survey table has no rows")
    allowed = {"branch", "n", *SURVEY_STATES, *(f"{s}_sd" for s in SURVEY_STATES)}
    for name in frame.columns:
        if name in allowed:
            continue
        base = name.removesuffix("_sd")
        if base in INSTRUMENTS:
            raise ValueError(
                f"column '{name}': {base} is a customer state; a scenario's [branches] section sets "
                f"staff states only ({', '.join(SURVEY_STATES)})"
            )
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"unknown column '{name}'{hint} Allowed: {', '.join(sorted(allowed))}")
    states = [s for s in SURVEY_STATES if s in frame.columns]
    if not states:
        raise ValueError(f"no state column; name at least one of {', '.join(SURVEY_STATES)}")
    for name in frame.columns:
        if name.endswith("_sd") and name.removesuffix("_sd") not in frame.columns:
            raise ValueError(f"column '{name}' has no column of means '{name.removesuffix('_sd')}'")
    n = _column(frame, "n") if "n" in frame.columns else None
    if n is not None and np.any(n < 1):
        raise ValueError("column 'n': respondents per branch must be at least 1")

    result: dict[str, dict[str, float]] = {}
    for state in states:
        entry = INSTRUMENTS[state]
        means = np.asarray(to_state(_column(frame, state), state), dtype=np.float64)
        between = float(np.std(means, ddof=1)) if means.size > 1 else 0.0
        if f"{state}_sd" in frame.columns:
            sds = _column(frame, f"{state}_sd")
            _check_range(sds, 0.0, entry.span, f"column '{state}_sd'")
            within_by_branch = sds / entry.span
            within = math.sqrt(float(np.mean(within_by_branch**2)))
            if n is not None and means.size > 1:
                noise = float(np.mean(within_by_branch**2 / n))
                between = math.sqrt(max(between**2 - noise, 0.0))
        elif entry.norm_sd_unit is not None:
            within = math.sqrt(max(entry.norm_sd_unit**2 - between**2, 0.0))
        else:
            raise ValueError(
                f"{state}: give column '{state}_sd' (the SD within branches): {entry.instrument} "
                "has no published norm to take it from"
            )
        result[state] = {
            "mean": float(np.mean(means)),
            "between_sd": min(between, MAX_SD),
            "within_sd": min(within, MAX_SD),
        }
    return result
