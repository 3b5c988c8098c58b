"""Small company runs measured in a few windows: the unit of `claims` and `discover`.

Both commands ask many *worlds* (a parameter set of the ensemble, a structural variant, company
conditions, a seed) a question that needs a handful of runs each: the same company with and
without a campaign, in an ordinary and a harsh market ...  A batch of worlds is evaluated by one
worker, which packs the runs that share their code paths and run length, whatever their parameters
and campaigns (``CampaignModel.pack``, bit-identical to solo runs), across the batch's worlds, and
sends back only company means over named day windows, never tables per branch: a world is a few
hundred bytes, so thousands of them store and resume cheaply (each world is stored whole).
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ValidationError

from ..model import CampaignModel, pack_key
from ..outputs import KPI_NAMES
from ..scenario import Scenario
from ..scenario_io import describe_errors
from .definition import ExperimentError
from .executors import PACK_BRANCHES, available_cores, run_each

#: name -> (first day, end day or None for the run's end); a negative first day counts from the end
Windows = Mapping[str, tuple[int, int | None]]


@dataclass(frozen=True)
class WorldRun:
    """One company run of a world: validated scenario data (campaigns included) and its seed."""

    name: str
    scenario: dict[str, Any]
    seed: int


def _days(window: tuple[int, int | None], days: int) -> slice:
    start, end = window
    return slice(max(start + days if start < 0 else start, 0), days if end is None else min(end, days))


def company_means(values: np.ndarray, windows: Windows, kpis: Sequence[str]) -> dict[str, dict[str, float]]:
    """Company mean (over branches and the window's days) of each KPI, per window.

    ``values`` is (day, kpi, branch) as ``CampaignModel.company_values`` gives it.  Counts that
    are events per day (quits) are summed over the window's days instead, per branch."""
    out: dict[str, dict[str, float]] = {}
    for window, bounds in windows.items():
        block = values[_days(bounds, values.shape[0])]
        means = {}
        for kpi in kpis:
            column = block[:, KPI_NAMES.index(kpi), :].astype(np.float64)
            means[kpi] = float(column.sum(axis=0).mean() if kpi == "quits" else column.mean())
        out[window] = means
    return out


def run_companies(scenarios: Sequence[Scenario], seeds: Sequence[int]) -> list[np.ndarray]:
    """Each company's (day, kpi, branch) KPI values, the companies run in packs of those that share
    their code paths and run length (``model.pack_key``), at most :data:`~.executors.PACK_BRANCHES`
    branches a pack; bit-identical to running each alone."""
    groups: dict[str, list[int]] = {}
    for i, scenario in enumerate(scenarios):
        groups.setdefault(pack_key(scenario), []).append(i)
    out: list[np.ndarray | None] = [None] * len(scenarios)
    for members in groups.values():
        most = max(PACK_BRANCHES // max(scenarios[members[0]].run.branches, 1), 1)
        for start in range(0, len(members), most):
            chunk = members[start : start + most]
            model = CampaignModel.pack([scenarios[i] for i in chunk], [seeds[i] for i in chunk]).run()
            for k, i in enumerate(chunk):
                out[i] = model.company_values(k)
    return out  # type: ignore[return-value]


def evaluate_runs(
    runs: Sequence[WorldRun], windows: Windows, kpis: Sequence[str]
) -> dict[str, dict[str, dict[str, float]]]:
    """Run company runs (of one world or several; names unique), packed where they can
    (:func:`run_companies`), and return ``{run name: {window: {kpi: company mean}}}``."""
    scenarios = [Scenario.model_validate(r.scenario) for r in runs]
    values = run_companies(scenarios, [r.seed for r in runs])
    return {r.name: company_means(v, windows, kpis) for r, v in zip(runs, values, strict=True)}


def world_id(*parts: Any) -> str:
    """A short stable id of a world's inputs (with the model code hash among them, so results of
    older code are never reused)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


class WorldStore:
    """``<out>/worlds/<id>.json`` per finished world: a world is stored whole or not at all, so
    a stopped command (even ``kill -9``) resumes without losing or repeating a world."""

    def __init__(self, out: Path):
        self.folder = out / "worlds"

    def done(self) -> set[str]:
        if not self.folder.is_dir():
            return set()
        return {p.stem for p in self.folder.glob("*.json")}

    def write(self, result: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{result['world']}.json"
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(result["rows"]))
        os.replace(temporary, target)

    def read(self, ids: list[str]) -> list[dict[str, Any]]:
        rows = []
        for key in ids:
            rows.extend(json.loads((self.folder / f"{key}.json").read_text()))
        return rows

    def clear(self) -> None:
        if self.folder.is_dir():
            for part in self.folder.iterdir():
                part.unlink()


def batches[W](worlds: list[W], workers: int, per_batch: int) -> list[list[W]]:
    """Worlds in batches of at most ``per_batch`` (their runs pack together), small enough that
    each worker gets at least two batches where there are enough worlds."""
    size = max(min(per_batch, -(-len(worlds) // (2 * max(workers, 1)))), 1)
    return [worlds[i : i + size] for i in range(0, len(worlds), size)]


def worlds_per_batch(runs_per_world: int, branches: int) -> int:
    """How many worlds of ``runs_per_world`` company runs of ``branches`` branches fill a pack of
    :data:`~.executors.PACK_BRANCHES` branches (at least one)."""
    return max(PACK_BRANCHES // max(runs_per_world * branches, 1), 1)


def run_stored[W](
    evaluate: Callable[[list[W]], list[dict[str, Any]]],
    worlds: list[W],
    out: Path,
    workers: int | None = None,
    cluster: str | None = None,
    fresh: bool = False,
    per_batch: int = 1,
) -> Iterator[int]:
    """Evaluate the worlds (objects with an ``id``) not yet stored in ``out``, here, in a pool or
    on a cluster, storing each as it finishes; yields once per finished world.

    ``evaluate`` takes a batch of up to ``per_batch`` worlds (:func:`batches`; their runs share
    packs) and returns one result per world; each world is stored whole as its batch finishes."""
    store = WorldStore(out)
    if fresh:
        store.clear()
    done = store.done()
    todo = [w for w in worlds if w.id not in done]  # type: ignore[attr-defined]
    # a cluster's size is not known here: its batches are sized as for sixteen workers
    work = batches(todo, 16 if cluster else workers or available_cores(), per_batch)
    for result in run_each(evaluate, work, workers, cluster, key=_batch_key):
        store.write(result)
        yield 1


def _batch_key(batch: list[Any]) -> str:
    return f"campaign-sim-worlds-{batch[0].id}-{len(batch)}"


def read_definition[M: BaseModel](path: Path, model: type[M], what: str) -> M:
    """A definition file (claims, discovery) read and validated by its pydantic ``model``;
    ExperimentError naming the file and every bad key otherwise."""
    if not path.is_file():
        raise ExperimentError(f"{path}: no such {what}")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ExperimentError(f"{path}: not valid TOML: {err}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        raise ExperimentError("\n".join([f"{path}: invalid {what}", *describe_errors(err, model)])) from None
