"""Ensembles of parameter sets: read and check the file, and combine the members' estimates.

An ensemble (``calibration/ensemble.csv``, written by ``campaign-sim calibrate``) has one row
per member: ``member`` (int), ``weight`` (float, the weights sum to 1), then one column per
uncertain parameter named by its dotted scenario path (``staff.transfer_fear``).  A sidecar
``ensemble.json`` beside it holds the provenance (method, targets, seeds, code hash ...).
Each member's values are applied on top of the experiment's scenario with the experiments'
own validated ``apply_values``, so a bad file stops before any run, with one message.

**How the members' estimates are combined.**  The estimand is the effect a company gets in
expectation over chance (seeds, randomisation) for its true parameters, which are unknown and
weighted by the ensemble.  Per member, the replicate seeds give the mean ``m`` and its standard
error ``s``; with ``n`` seeds and a flat prior, what those seeds say about the member's expected
effect is a Student t with ``n - 1`` degrees of freedom centred on ``m`` with scale ``s``.  The
ensemble distribution is the mixture of these t distributions with the members' weights.  Its
mean is the weighted mean of the members' means; its interval is the mixture's central
quantiles (over parameters and seeds); ``p_positive`` is the mixture's mass above zero.

Why this and not the weighted member x seed draws: those describe single trials' outcomes (each
draw one seed's realisation), not what is known about the expected effect, and with 3 seeds per
member they put the seed noise in at full size instead of shrinking it with the seeds run.  The
mixture reduces exactly to the seed-only Student t interval when the ensemble has one member,
so ensemble and seed-only tables answer the same question.  A member with one seed (or zero
spread) is a point mass at its mean.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from .definition import ExperimentError, _suggest_path, apply_values, set_path

#: how far the weights may sum from 1
WEIGHT_TOLERANCE = 1e-6
#: bisection steps of the mixture quantiles (the bracket shrinks 2^-60: far below any shown digit)
_BISECTIONS = 60


@dataclass(frozen=True)
class Ensemble:
    """The members of an ensemble file, checked against an experiment's scenario."""

    path: str
    sha256: str
    parameters: tuple[str, ...]
    members: tuple[int, ...]
    weights: tuple[float, ...]
    values: tuple[tuple[float, ...], ...]  # per member, one value per parameter
    provenance: dict[str, Any]

    def member_values(self, index: int) -> dict[str, float]:
        """The dotted scenario keys and values of the member at position ``index``."""
        return dict(zip(self.parameters, self.values[index], strict=True))

    def top(self, count: int) -> Ensemble:
        """The ``count`` highest-weight members, weights renormalised (a quick look, labelled so)."""
        order = sorted(range(len(self.members)), key=lambda i: (-self.weights[i], self.members[i]))[:count]
        total = sum(self.weights[i] for i in order)
        return Ensemble(
            self.path,
            self.sha256,
            self.parameters,
            tuple(self.members[i] for i in order),
            tuple(self.weights[i] / total for i in order),
            tuple(self.values[i] for i in order),
            {**self.provenance, "subset": f"{count} highest-weight members, weights renormalised"},
        )

    def describe(self) -> dict[str, Any]:
        """What the manifest stores: enough to weight the members again without the file."""
        return {
            "file": self.path,
            "sha256": self.sha256,
            "parameters": list(self.parameters),
            "members": list(self.members),
            "weights": list(self.weights),
            "values": [list(v) for v in self.values],
            "provenance": self.provenance,
        }


#: the calibrated ensemble that ships with the repository (``campaign-sim calibrate`` writes it)
SHIPPED = Path(__file__).resolve().parents[3] / "calibration" / "ensemble.csv"


def shipped_members(base: dict[str, Any]) -> tuple[tuple[int, float, dict[str, float]], ...]:
    """The shipped ensemble as (member, weight, values) for the UI's compare tab; empty if the
    file is missing or does not fit ``base`` (the UI then offers seeds only)."""
    try:
        ensemble = load_ensemble(SHIPPED, base)
    except ExperimentError:
        return ()
    return tuple(
        (member, weight, ensemble.member_values(i))
        for i, (member, weight) in enumerate(zip(ensemble.members, ensemble.weights, strict=True))
    )


def _error(path: Path, message: str) -> ExperimentError:
    return ExperimentError(f"{path}: invalid ensemble: {message}")


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def load_ensemble(path: Path, base: dict[str, Any]) -> Ensemble:
    """Read and check an ensemble file against the scenario data ``base``; ExperimentError if bad.

    Every member is applied to ``base`` with ``apply_values`` (the scenario schema's ranges), so
    a member the model cannot run is refused before any run, naming the row and column.
    """
    path = Path(path)
    if not path.is_file():
        raise ExperimentError(f"{path}: no such ensemble file")
    raw = path.read_bytes()
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise _error(path, f"not a readable CSV ({err})") from None
    columns = [str(c).strip() for c in table.columns]
    table.columns = columns
    missing = [c for c in ("member", "weight") if c not in columns]
    if missing:
        raise _error(
            path,
            f"missing column(s) {', '.join(repr(c) for c in missing)}; the columns are 'member' (int), "
            "'weight' (float, summing to 1), then one per parameter named by its scenario path",
        )
    parameters = tuple(c for c in columns if c not in ("member", "weight"))
    if not parameters:
        raise _error(path, "no parameter columns; add one per parameter, named by its scenario path")
    if table.empty:
        raise _error(path, "no members (no rows after the header)")
    for column in parameters:
        try:
            set_path(copy.deepcopy(base), column, 0.0)
        except KeyError:
            raise _error(
                path, f"column '{column}' is not a scenario path: {_suggest_path(base, column)}"
            ) from None
    members, weights, values = [], [], []
    for row_number, row in enumerate(table.itertuples(index=False), start=2):  # line 1 is the header
        cells = dict(zip(columns, row, strict=True))
        member = cells["member"].strip()
        if not member.lstrip("-").isdigit():
            raise _error(path, f"line {row_number}, column 'member': {member!r} is not an integer")
        weight = _number(cells["weight"])
        if weight is None or weight < 0:
            raise _error(
                path, f"line {row_number}, column 'weight': {cells['weight']!r}; allowed: a number >= 0"
            )
        numbers = []
        for column in parameters:
            value = _number(cells[column])
            if value is None:
                raise _error(
                    path, f"line {row_number}, column '{column}': {cells[column]!r} is not a finite number"
                )
            numbers.append(value)
        members.append(int(member))
        weights.append(weight)
        values.append(tuple(numbers))
    duplicates = sorted({m for m in members if members.count(m) > 1})
    if duplicates:
        raise _error(path, f"column 'member': ids {duplicates} occur more than once; each member once")
    total = math.fsum(weights)
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise _error(path, f"column 'weight' sums to {total:.9g}; the weights must sum to 1 (within 1e-6)")
    for row_number, (member, numbers) in enumerate(zip(members, values, strict=True), start=2):
        apply_values(
            base, dict(zip(parameters, numbers, strict=True)), f"{path}: line {row_number} (member {member})"
        )
    return Ensemble(
        str(path),
        hashlib.sha256(raw).hexdigest(),
        parameters,
        tuple(members),
        tuple(weights),
        tuple(values),
        _provenance(path),
    )


def _provenance(path: Path) -> dict[str, Any]:
    """The sidecar ``<name>.json`` (method, targets, seeds ...), or a note that there is none."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {"note": f"no {sidecar.name} beside the ensemble: its provenance is unknown"}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ExperimentError(f"{sidecar}: invalid ensemble provenance: not valid JSON ({err})") from None
    if not isinstance(data, dict):
        raise ExperimentError(f"{sidecar}: invalid ensemble provenance: a JSON object is needed")
    return data


def member_rows(replicates: np.ndarray, seeds: int) -> np.ndarray:
    """Member position of each combined replicate index (``position * seeds + seed index``)."""
    return np.asarray(replicates, dtype=np.int64) // max(seeds, 1)


def member_estimates(values: np.ndarray, positions: np.ndarray, count: int) -> tuple[np.ndarray, ...]:
    """Per member position: mean over its seeds, standard error of that mean, number of seeds."""
    values = np.asarray(values, dtype=float)
    positions = np.asarray(positions, dtype=np.int64)
    keep = np.isfinite(values)
    values, positions = values[keep], positions[keep]
    n = np.bincount(positions, minlength=count).astype(float)
    total = np.bincount(positions, weights=values, minlength=count)
    mean = np.divide(total, n, out=np.full(count, np.nan), where=n > 0)
    deviation = values - mean[positions]
    squares = np.bincount(positions, weights=deviation**2, minlength=count)
    var = np.divide(squares, n - 1, out=np.zeros(count), where=n > 1)
    se = np.sqrt(var / np.maximum(n, 1))
    return mean, se, n


def _component_cdf(x: np.ndarray, mean: np.ndarray, se: np.ndarray, n: np.ndarray) -> np.ndarray:
    """P(component <= x): Student t with n - 1 dof and scale ``se``, or a point mass where se = 0."""
    spread = (se > 0) & (n > 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (x - mean) / np.where(spread, se, 1.0)
        smooth = special.stdtr(np.maximum(n - 1, 1), z)  # the t CDF as a bare ufunc: no scipy.stats overhead
    return np.where(spread, smooth, (x >= mean).astype(float))


def mixture_cdf(x: float | np.ndarray, mean: np.ndarray, se: np.ndarray, n: np.ndarray, weights: np.ndarray):
    """The ensemble distribution's P(effect <= x); members are the last axis of mean, se, n."""
    x = np.asarray(x, dtype=float)[..., None]
    return (_component_cdf(x, mean, se, n) * weights).sum(axis=-1)


def mixture_quantiles(
    mean: np.ndarray, se: np.ndarray, n: np.ndarray, weights: np.ndarray, probabilities: Sequence[float]
) -> np.ndarray:
    """Quantiles of the mixture (members on the last axis; leading axes are independent groups),
    on a new last axis, one per probability.

    The q-quantile lies between the smallest and largest component q-quantile, so bisection in
    that bracket finds it (all probabilities at once); a point mass is its own quantile.
    """
    mean, se, n = (np.asarray(a, dtype=float)[..., None, :] for a in (mean, se, n))
    q = np.asarray(probabilities, dtype=float)
    spread = (se > 0) & (n > 1)
    dof = np.maximum(n - 1, 1)
    component = mean + np.where(spread, special.stdtrit(dof, q[:, None]) * se, 0.0)
    low, high = component.min(axis=-1), component.max(axis=-1)
    for _ in range(_BISECTIONS):
        middle = 0.5 * (low + high)
        below = mixture_cdf(middle, mean, se, n, weights) < q
        low, high = np.where(below, middle, low), np.where(below, high, middle)
        if np.all(high - low <= 1e-12 * np.maximum(np.abs(high), 1.0)):
            break
    return high


@dataclass(frozen=True)
class Members:
    """Which ensemble member each combined replicate index is (``position * seeds + seed``)."""

    ids: tuple[int, ...]
    weights: tuple[float, ...]
    seeds: int

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def effective(self) -> float:
        """Kish's effective number of members, (sum w)^2 / sum w^2: how many equally weighted
        members the weights are worth (a calibration's weights can make 150 worth 3)."""
        w = np.asarray(self.weights, dtype=float)
        return float(w.sum() ** 2 / (w**2).sum()) if w.size else 0.0

    def words(self) -> str:
        """What an ensemble interval covers, for every table and sentence."""
        return (
            f"over parameters ({self.count} members, weighted; worth {self.effective:.1f} equally "
            f"weighted) and seeds ({self.seeds} per member)"
        )

    def average(self, replicates: np.ndarray, values: np.ndarray) -> float:
        """The weighted mean over members of each member's mean over its seeds (finite values)."""
        mean, _, n = member_estimates(values, member_rows(replicates, self.seeds), self.count)
        present = n > 0
        weights = np.asarray(self.weights)[present]
        return float(weights @ mean[present] / weights.sum()) if present.any() else np.nan

    def summary(
        self, replicates: np.ndarray, values: np.ndarray, confidence: float
    ) -> tuple[float, float, float, float]:
        """Mean, interval and P(effect > 0) of the mixture over the members (see the module's doc)."""
        mean, se, n = member_estimates(values, member_rows(replicates, self.seeds), self.count)
        present = n > 0
        if not present.any():
            return np.nan, np.nan, np.nan, np.nan
        weights = np.asarray(self.weights)[present]
        weights = weights / weights.sum()  # a member with no finite estimate (e.g. no ROI) drops out
        mean, se, n = mean[present], se[present], n[present]
        alpha = 1.0 - confidence
        low, high = mixture_quantiles(mean, se, n, weights, (alpha / 2, 1 - alpha / 2))
        above = 1.0 - float(mixture_cdf(0.0, mean, se, n, weights))
        return float(weights @ mean), float(low), float(high), above


def fold_members(frame: pd.DataFrame, members: Members) -> pd.DataFrame:
    """``replicate`` made unique over member x seed (the per-replicate statistics stay unchanged)."""
    position = {m: i for i, m in enumerate(members.ids)}
    folded = frame["member"].map(position).to_numpy(dtype=np.int64) * members.seeds + frame["replicate"]
    return frame.assign(replicate=folded.astype(np.int64))


def members_of(manifest: dict[str, Any]) -> Members | None:
    """The ensemble of a results directory (from its manifest), or None for a seed-only plan."""
    ensemble = manifest.get("ensemble")
    if not ensemble:
        return None
    return Members(tuple(ensemble["members"]), tuple(ensemble["weights"]), len(manifest["replicate_seeds"]))


#: the training factor's levels whose arms are set against each other (``attitude_over_behaviour``)
ATTITUDE, BEHAVIOUR = "attitude", "behaviour"


def training_pairs(arms: Sequence[dict[str, Any]], factorial: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(attitude arm, behaviour-only arm) pairs that differ only in the training.

    With a factorial design: the factor that has both an ``attitude`` and a ``behaviour`` level,
    and arms equal on every other factor (attitude vs behaviour without incentives, and
    attitude+incentives vs behaviour+incentives).  Without one: arms named so, if both exist.
    """
    factors = (factorial or {}).get("factors") or {}
    training = next((f for f, levels in factors.items() if {ATTITUDE, BEHAVIOUR} <= set(levels)), None)
    if training is None:
        names = {a["name"] for a in arms}
        return [(ATTITUDE, BEHAVIOUR)] if {ATTITUDE, BEHAVIOUR} <= names else []
    cells = {a["name"]: a.get("levels") or {} for a in arms}
    pairs = []
    for name, levels in cells.items():
        if levels.get(training) != ATTITUDE:
            continue
        rest = {f: v for f, v in levels.items() if f != training}
        for other, other_levels in cells.items():
            if other_levels.get(training) == BEHAVIOUR and rest == {
                f: v for f, v in other_levels.items() if f != training
            }:
                pairs.append((name, other))
    return pairs


def attitude_over_behaviour(
    money_rep: pd.DataFrame,
    arms: Sequence[dict[str, Any]],
    factorial: dict[str, Any] | None,
    members: Members,
    confidence: float,
) -> pd.DataFrame:
    """How likely attitude-level work is to beat behaviour-only training on net benefit.

    Per member x seed, the paired difference of net benefit over the horizon (both arms ran in
    the same company run with the same seed: common random numbers); then the mixture over the
    members.  ``p_positive`` is the probability that the attitude arm returns more.
    """
    columns = ["point", "arm", "reference", "kpi", "effect", "ci_low", "ci_high", "p_positive",
               "replicates", "interval_over"]  # fmt: skip
    rows = []
    for arm, reference in training_pairs(arms, factorial):
        wide = money_rep.pivot_table(
            index=["point", "replicate"], columns="arm", values="net_benefit_eur", aggfunc="first"
        )
        if arm not in wide.columns or reference not in wide.columns:
            continue
        difference = (wide[arm] - wide[reference]).dropna()
        for point, group in difference.groupby(level="point", sort=True):
            replicates = group.index.get_level_values("replicate").to_numpy()
            found = members.summary(replicates, group.to_numpy(), confidence)
            rows.append((point, arm, reference, "net_benefit_eur", *found, len(group), members.words()))
    return pd.DataFrame(rows, columns=columns)
