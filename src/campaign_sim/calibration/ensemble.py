"""The shipped result: the last ABC-SMC generation as a weighted ensemble, with provenance.

``ensemble.csv``: ``member``, ``weight`` (sums to 1), then one column per parameter path.
``ensemble.json``: method and settings, targets with roles, seeds, model code hash, date,
model runs, wall time, the best-supported member, posterior summaries per parameter and,
for each target, the ensemble's weighted median and 90 % range and whether the median lies
in the published range.  Other commands (``compare --ensemble``) read exactly this format.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from ..experiments.plan import model_code_hash
from ..validation import weighted_quantiles
from .definition import Definition, definition_hash
from .method import Status, member_figures, parameter_name, wall_seconds

CSV = "ensemble.csv"
JSON = "ensemble.json"


def final_population(db: str) -> tuple[pd.DataFrame, np.ndarray, list[dict], np.ndarray, int]:
    """(parameters, weights, figures, distances, generation) of the last finished generation."""
    import pyabc

    history = pyabc.History(db, _id=1)
    t = int(history.max_t)
    population = history.get_population(t=t)
    particles = population.particles
    params = pd.DataFrame([dict(p.parameter) for p in particles])
    weights = np.array([p.weight for p in particles], dtype=np.float64)
    figures = [dict(p.sum_stat) for p in particles]
    distances = np.array([p.distance for p in particles], dtype=np.float64)
    return params, weights / weights.sum(), figures, distances, t


def write_ensemble(
    definition: Definition,
    definition_path: Path,
    out: Path,
    db: str,
    status: Status,
    workers: int,
    cluster: str | None,
    scenarios_dir: Path,
) -> dict:
    """Write ``ensemble.csv`` and ``ensemble.json`` into ``out``; returns the provenance.

    The bank pack (checked figures only) runs here, once for every member.
    """
    import pyabc

    params, weights, figures, distances, t = final_population(db)
    changes = [{p.path: float(params[parameter_name(p.path)].iloc[i]) for p in definition.parameters}
               for i in range(len(weights))]  # fmt: skip
    extra = member_figures(definition, scenarios_dir, changes, workers)
    figures = [f | e for f, e in zip(figures, extra, strict=True)]
    history = pyabc.History(db, _id=1)
    evaluated = int(history.total_nr_simulations)
    per_set = definition.runs.per_parameter_set
    # best supported: highest weight, ties to the smaller distance
    best = int(np.lexsort((distances, -weights))[0])
    table = pd.DataFrame({"member": np.arange(len(weights)), "weight": weights})
    for p in definition.parameters:
        table[p.path] = params[parameter_name(p.path)].to_numpy(np.float64)
    table.to_csv(out / CSV, index=False, float_format="%.10g")
    posterior = []
    for p in definition.parameters:
        values = table[p.path].to_numpy()
        q05, q50, q95 = weighted_quantiles(values, weights, (0.05, 0.5, 0.95))
        posterior.append(
            {
                "path": p.path,
                "prior": [p.low, p.high],
                "reason": p.reason,
                "mean": float(np.sum(values * weights)),
                "q05": q05,
                "q50": q50,
                "q95": q95,
                "range_share_of_prior": (q95 - q05) / (p.high - p.low),
                "best_member": float(values[best]),
            }
        )
    targets = []
    for target in definition.targets:
        values = np.array([f.get(target.id, math.nan) for f in figures], dtype=np.float64)
        ok = np.isfinite(values)
        q05, q50, q95 = weighted_quantiles(values[ok], weights[ok], (0.05, 0.5, 0.95))
        inside = (values >= target.low) & (values <= target.high)
        targets.append(
            {
                "id": target.id,
                "what": target.what,
                "range": [target.low, target.high],
                "role": target.role,
                "reason": target.reason,
                "median": q50,
                "q05": q05,
                "q95": q95,
                "median_in_range": bool(target.low <= q50 <= target.high),
                "weight_in_range": float(weights[inside].sum()),
                "best_member": float(values[best]),
            }
        )
    pops = history.get_all_populations()
    pops = pops[pops["t"] >= 0]
    provenance = {
        "method": {
            "name": "ABC-SMC",
            "library": f"pyabc {pyabc.__version__}",
            "settings": definition.method.model_dump(),
            "distance": "root of the sum over fitted targets of (distance outside the range / range width)^2",
            "epsilon": "weighted quantile of the last generation's distances "
            f"(alpha = {definition.method.epsilon_quantile}); generation 0 accepts every prior draw",
            "transition": "pyabc MultivariateNormalTransition on the parameters scaled to [0, 1] "
            "(method.unit_cube_transition)",
            "generations": t + 1,
            "epsilons": [float(e) for e in pops["epsilon"]],
            "evaluations_per_generation": [int(n) for n in pops["samples"]],
            "stopped": status.stopped,
        },
        "definition": str(definition_path),
        "definition_sha256": definition_hash(definition_path),
        "runs": definition.runs.model_dump(),
        "seeds": list(definition.runs.seeds),
        "model_code_hash": model_code_hash(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameter_sets_evaluated": evaluated,
        "model_runs": evaluated * per_set + len(weights) * definition.runs.per_member,
        "model_runs_in_abc": evaluated * per_set,
        "model_runs_per_parameter_set": per_set,
        "model_runs_per_member_after_abc": definition.runs.per_member,
        "wall_time_seconds": round(wall_seconds(out), 1),
        "workers": "dask " + cluster if cluster else workers,
        "members": len(weights),
        "effective_sample_size": float(1.0 / np.sum(weights**2)),
        "best_member": best,
        "best_member_distance": float(distances[best]),
        "parameters": posterior,
        "targets": targets,
    }
    (out / JSON).write_text(json.dumps(_finite(provenance), indent=1, allow_nan=False) + "\n")
    return provenance


def _finite(value):
    """NaN and infinity as null: strict JSON (a figure that could not be formed, e.g. a short run)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def read_ensemble(folder: Path) -> tuple[pd.DataFrame, dict]:
    """The shipped ensemble and its provenance."""
    return pd.read_csv(folder / CSV), json.loads((folder / JSON).read_text())
