"""Run plans: which runs a command makes (points x replicates x arms), and which arm in which branch.

A plan is a pure function of the experiment file and the command-line overrides:
design points come from :mod:`.design`, replicate seeds from the root seed, and the
arm assignment draws from its own seeded stream.  Design points share the replicate
seeds (common random numbers across points), and the arms of one replicate share its
seed.  Each run's id hashes its inputs and the model code, which is what lets a
results directory resume.  With an ensemble, the id also names the member
(``p00000-m0007-r0002-all-<hash>``), so more members reuse the stored ones.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .definition import Experiment, apply_campaign_values, apply_values, split_campaign_values
from .design import experiment_points
from .ensemble import Ensemble


def assign_arms(
    n_branches: int, n_arms: int, rng: np.random.Generator, strata: np.ndarray | None
) -> np.ndarray:
    """Arm index per branch, equal allocation.

    With ``strata`` (a value per branch, e.g. initial team fear) branches are sorted by
    it and cut into blocks of ``n_arms``; each block gets every arm once in random
    order, so arms are balanced across fearful and confident teams alike.
    """
    if strata is None:
        arms = np.resize(np.arange(n_arms), n_branches)
        return rng.permutation(arms)
    order = np.argsort(strata, kind="stable")
    arms = np.empty(n_branches, np.int64)
    for start in range(0, n_branches, n_arms):
        block = order[start : start + n_arms]
        arms[block] = rng.permutation(n_arms)[: block.size]
    return arms


@dataclass(frozen=True)
class RunSpec:
    """One model run: a pure function of these fields (see ``runs.run_one``)."""

    run_id: str
    experiment: str
    point: int
    replicate: int
    seed: int
    assignment: str  # "randomised" or "paired"
    arm: str  # paired: the arm run in every branch; randomised: "*"
    counterfactual: bool  # randomised only: the same replicate with no campaign at all
    scenario: dict[str, Any]  # scenario data without campaigns
    arms: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]  # (name, campaigns) of the arms in this run
    stratify_by: str | None
    pre: tuple[int, int]
    post: tuple[int, int]
    series_every: int
    full_series: bool = False
    #: days from the first campaign day over the money horizon (``Experiment.money``)
    money: tuple[int, int] = (0, 0)
    #: the ensemble member whose parameters the scenario carries; None without ``--ensemble``
    member: int | None = None


#: parts of the package that do not change what a run computes
_NOT_MODEL = (  # of experiments/, runs.py (the run function itself) does count
    "experiments",
    "ui",
    "cli",
    "calibration",
    "app.py",
    "validation.py",
    "plausibility.py",  # the published ranges and the warnings read KPIs only
    "simulation.py",
    "parquet_io.py",
)


@functools.cache
def model_code_hash() -> str:
    """Hash of the model's and the run function's source: runs of older code are never reused."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in _NOT_MODEL and relative.as_posix() != "experiments/runs.py":
            continue
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run_id(
    point: int, replicate: int, arm: str, counterfactual: bool, payload: dict[str, Any], member: int | None
) -> str:
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:12]
    label = "none" if counterfactual else arm.replace("*", "all")
    ensemble = "" if member is None else f"m{member:04d}-"
    return f"p{point:05d}-{ensemble}r{replicate:04d}-{label}-{digest}"


def plan_runs(
    experiment: Experiment, kind: str, full_series: bool = False, ensemble: Ensemble | None = None
) -> tuple[pd.DataFrame, list[RunSpec]]:
    """The design points and the list of runs of a command (compare, sweep, sensitivity).

    With an ``ensemble`` every point runs once per member (point x member x replicate x arm):
    the member's parameters on the experiment's scenario, then the point's values (a swept
    parameter keeps the point's value).  Members share the replicate seeds.
    """
    spec = experiment.spec
    points = experiment_points(experiment, kind)
    if kind == "sensitivity":
        assert spec.sensitivity is not None
        assignment = "paired"
        wanted = spec.sensitivity.arms(spec.control)
        arms = tuple(a for a in experiment.arms if a.name in wanted)
        series_every = spec.output.series_every
    else:
        assignment = spec.assignment.mode
        arms = experiment.arms
        series_every = spec.output.series_every
    arm_table = tuple((a.name, a.campaigns) for a in arms)
    seeds = experiment.seeds()
    code = model_code_hash()
    specs: list[RunSpec] = []
    members: list[tuple[int | None, dict[str, Any]]] = [(None, {})]
    if ensemble is not None:
        members = [(m, ensemble.member_values(i)) for i, m in enumerate(ensemble.members)]
    for (point, row), (member, parameters) in itertools.product(points.iterrows(), members):
        values = {k: (float(v) if isinstance(v, float | np.floating) else v) for k, v in row.items()}
        where = f"{experiment.path}: design point {point}" + ("" if member is None else f", member {member}")
        scenario_values, campaign_values = split_campaign_values({**parameters, **values})
        scenario = apply_values(experiment.base, scenario_values, where)
        point_arms = apply_campaign_values(arm_table, campaign_values, experiment.base, where)
        for replicate, seed in enumerate(seeds):
            if assignment == "paired":
                runs = [(name, False, ((name, campaigns),)) for name, campaigns in point_arms]
            else:
                runs = [("*", False, point_arms)]
                if spec.assignment.counterfactual:
                    runs.append(("*", True, point_arms))
            for arm, counterfactual, run_arms in runs:
                payload = {
                    "model_code": code,
                    "scenario": scenario,
                    "seed": seed,
                    "assignment": assignment,
                    "arm": arm,
                    "counterfactual": counterfactual,
                    "arms": run_arms,
                    "stratify_by": spec.assignment.stratify_by,
                    "pre": experiment.pre,
                    "post": experiment.post,
                    "series_every": series_every,
                    "full_series": full_series,
                    "money": experiment.money,
                }
                specs.append(
                    RunSpec(
                        run_id=_run_id(int(point), replicate, arm, counterfactual, payload, member),
                        experiment=experiment.name,
                        point=int(point),
                        replicate=replicate,
                        seed=seed,
                        assignment=assignment,
                        arm=arm,
                        counterfactual=counterfactual,
                        scenario=scenario,
                        arms=run_arms,
                        stratify_by=spec.assignment.stratify_by,
                        pre=experiment.pre,
                        post=experiment.post,
                        series_every=series_every,
                        full_series=full_series,
                        money=experiment.money,
                        member=member,
                    )
                )
    return points, specs
