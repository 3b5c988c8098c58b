"""Scenario discovery (``campaign-sim discover``): under which company conditions a campaign
does not pay back, and where behaviour training alone does as well.

Each *world* draws a parameter set from the calibrated ensemble (with its posterior weight),
company conditions from their ranges (a scrambled Sobol sequence: market pressure, starting
fear, leadership, team size ...) and a sector (retail or bank, alternating), and runs the same company three
times on one seed (common random numbers): no campaign, behaviour-only training, and
attitude-level work.  Its outcomes are each campaign's *net benefit* per branch over the
money horizon: the discounted sum, from the first campaign day, of the branch profit it adds
over the no-campaign run, every campaign cost (one-off and running) included, since profit is
booked net of them.  PRIM (``regions``) then finds the conditions that concentrate

- worlds in which attitude-level work does not pay back within the horizon (net benefit < 0);
- worlds in which behaviour training alone does as well (its net benefit at least attitude's).
"""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator
from scipy.stats import qmc

from ..outputs import KPI_NAMES
from ..rng import replicate_seeds
from ..scenario_io import read_scenario_dict, validate_scenario
from .claims import jeffreys
from .definition import ExperimentError, apply_values, describe_campaigns
from .design import purpose_rng, salib_seed
from .ensemble import Ensemble, load_ensemble
from .payback import discount_weights
from .plan import model_code_hash
from .regions import Box, find_box
from .worlds import read_definition, run_companies, world_id


class Condition(BaseModel):
    """A company condition varied between worlds: a dotted scenario key and its range."""

    model_config = ConfigDict(extra="forbid")

    path: str
    low: float
    high: float
    label: str = ""

    @model_validator(mode="after")
    def _range(self):
        if self.high <= self.low:
            raise ValueError("high must be above low")
        return self


class DiscoverFile(BaseModel):
    """The keys of a discovery definition (``experiments/discover.toml``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("discover", pattern=r"^[A-Za-z0-9_\-]+$")
    description: str = ""
    ensemble: str = Field(description="ensemble CSV (relative to this file)")
    worlds: int = Field(667, ge=10, le=100_000, description="worlds sampled (3 company runs each)")
    seed: int = Field(11, ge=0)
    branches: int = Field(8, ge=2, le=500)
    horizon_days: int = Field(1095, ge=30, le=3650, description="money horizon from the first campaign day")
    discount_rate: float = Field(0.05, ge=0, le=0.5, description="per year")
    scenarios: str = "../scenarios"
    sectors: dict[str, str] = Field(
        default_factory=lambda: {"retail": "baseline", "bank": "bank_branch"},
        min_length=1,
        description="sector label -> shipped scenario of that sector",
    )
    behaviour: str = Field("behaviour_training", description="scenario whose campaigns are the behaviour arm")
    attitude: str = Field("attitude_training", description="scenario whose campaigns are the attitude arm")
    conditions: list[Condition] = Field(min_length=1)


@dataclass(frozen=True)
class DiscoverDefinition:
    path: Path
    spec: DiscoverFile
    ensemble: Ensemble
    sectors: dict[str, dict[str, Any]]  # label -> scenario data without campaigns
    arms: dict[str, list[dict[str, Any]]]  # behaviour / attitude -> campaigns
    first_day: int

    @property
    def name(self) -> str:
        return self.spec.name

    def arm_words(self) -> dict[str, str]:
        return {arm: describe_campaigns(tuple(campaigns)) for arm, campaigns in self.arms.items()}


def _fail(path: Path, message: str) -> ExperimentError:
    return ExperimentError(f"{path}: invalid discovery definition\n{message}")


def _scenario(folder: Path, name: str, key: str, path: Path) -> dict[str, Any]:
    file = folder / f"{name}.toml"
    if not file.is_file():
        raise _fail(path, f"'{key}' = {name!r}: no such scenario {file}")
    return validate_scenario(read_scenario_dict(file), str(file)).model_dump(mode="json")


def load_discover(path: str | Path, worlds: int | None = None) -> DiscoverDefinition:
    """Read and check a discovery definition; one ExperimentError naming file and key if bad."""
    path = Path(path)
    spec = read_definition(path, DiscoverFile, "discovery definition")
    if worlds is not None:
        spec = spec.model_copy(update={"worlds": worlds})
    folder = (path.parent / spec.scenarios).resolve()
    arms = {
        arm: _scenario(folder, getattr(spec, arm), arm, path)["campaigns"]
        for arm in ("behaviour", "attitude")
    }
    for arm, campaigns in arms.items():
        if not campaigns:
            raise _fail(path, f"'{arm}' = {getattr(spec, arm)!r}: that scenario has no campaigns")
    first_day = min(c["start_day"] for campaigns in arms.values() for c in campaigns)
    sectors = {}
    for label, name in spec.sectors.items():
        data = _scenario(folder, name, f"sectors.{label}", path)
        data["run"].update(branches=spec.branches, days=first_day + spec.horizon_days)
        data["campaigns"] = []
        sectors[label] = data
        for i, c in enumerate(spec.conditions):
            for value in (c.low, c.high):
                apply_values(data, {c.path: value}, f"{path}: conditions[{i}].path (sector {label})")
    ensemble = load_ensemble((path.parent / spec.ensemble).resolve(), next(iter(sectors.values())))
    return DiscoverDefinition(path, spec, ensemble, sectors, arms, first_day)


# ---- worlds --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiscoverWorld:
    id: str
    index: int
    member: int
    sector: str
    conditions: dict[str, float]
    seed: int
    scenario: dict[str, Any]  # the sector's scenario with the member's parameters and the conditions
    arms: dict[str, list[dict[str, Any]]]
    money: tuple[int, int]
    discount_rate: float


def sample_inputs(definition: DiscoverDefinition) -> pd.DataFrame:
    """The worlds' inputs: member (drawn by posterior weight), sector (alternating), conditions
    (a scrambled Sobol sequence over their ranges).

    Every column is a sequence, so the first N worlds of a larger sample are the N worlds a
    smaller one draws (``--worlds N`` reuses a bigger run's stored worlds, and a stopped run's
    worlds are a quasi-random sample on their own)."""
    spec = definition.spec
    n = spec.worlds
    with warnings.catch_warnings():  # balance warnings for n not a power of 2: a prefix is still even
        warnings.simplefilter("ignore")
        sobol = qmc.Sobol(d=len(spec.conditions), scramble=True, seed=salib_seed(spec.seed, "discover"))
        cube = sobol.random(n)
    rng = purpose_rng(spec.seed, "discover-members")
    weights = np.asarray(definition.ensemble.weights, dtype=float)
    positions = rng.choice(len(weights), size=n, p=weights / weights.sum())
    sectors = list(definition.sectors)
    frame = pd.DataFrame(
        {
            "member": [definition.ensemble.members[p] for p in positions],
            "position": positions,
            "sector": [sectors[i % len(sectors)] for i in range(n)],
        }
    )
    for j, c in enumerate(spec.conditions):
        frame[c.path] = c.low + cube[:, j] * (c.high - c.low)
    return frame


def worlds(definition: DiscoverDefinition) -> list[DiscoverWorld]:
    spec = definition.spec
    inputs = sample_inputs(definition)
    seeds = replicate_seeds(spec.seed, spec.worlds)
    money = (definition.first_day, definition.first_day + spec.horizon_days)
    common = world_id(model_code_hash(), definition.arms, money, spec.discount_rate)
    out = []
    paths = [c.path for c in spec.conditions]
    for i, row in inputs.iterrows():
        values = {
            **definition.ensemble.member_values(int(row["position"])),
            **{p: float(row[p]) for p in paths},
        }
        scenario = apply_values(definition.sectors[row["sector"]], values, f"{definition.path}: world {i}")
        key = world_id(common, scenario, int(seeds[i]))
        used = {p: float(value_at(scenario, p)) for p in paths}  # integer keys arrive rounded
        out.append(
            DiscoverWorld(
                key, int(i), int(row["member"]), str(row["sector"]), used,
                int(seeds[i]), scenario, definition.arms, money, spec.discount_rate,
            )
        )  # fmt: skip
    return out


def value_at(data: dict[str, Any], path: str) -> Any:
    """The value of a dotted key in scenario data."""
    node: Any = data
    for part in path.split("."):
        node = node[part]
    return node


def evaluate_world(world: DiscoverWorld) -> list[dict[str, Any]]:
    """Run the no-campaign, behaviour and attitude companies of a world; net benefits."""
    return evaluate_worlds([world])


def evaluate_worlds(batch: list[DiscoverWorld]) -> list[dict[str, Any]]:
    """Run the no-campaign, behaviour and attitude companies of a batch of worlds, packed across
    worlds (``worlds.run_companies``); each world's net benefits (one result per world)."""
    from ..scenario import Scenario

    scenarios, seeds = [], []
    for world in batch:
        for campaigns in ([], *world.arms.values()):
            data = {**copy.deepcopy(world.scenario), "campaigns": campaigns}
            scenarios.append(Scenario.model_validate(data))
            seeds.append(world.seed)
    values = iter(run_companies(scenarios, seeds))
    column = KPI_NAMES.index("profit")
    out = []
    for world in batch:
        start, end = world.money
        weights = discount_weights(end - start, world.discount_rate)
        profit = {
            arm: next(values)[start:end, column, :].mean(axis=1, dtype=np.float64)
            for arm in ("none", *world.arms)
        }
        net = {arm: float(((profit[arm] - profit["none"]) * weights).sum()) for arm in world.arms}
        row = {
            "world": world.id,
            "index": world.index,
            "member": world.member,
            "sector": world.sector,
            "seed": world.seed,
            **world.conditions,
            **{f"net_{arm}": value for arm, value in net.items()},
        }
        out.append({"world": world.id, "rows": [row]})
    return out


# ---- the two questions ----------------------------------------------------------------------


@dataclass
class Discovery:
    worlds: pd.DataFrame
    boxes: dict[str, Box]
    shares: dict[str, tuple[float, float, float]]  # question -> share, low, high
    horizon_years: float
    arms: dict[str, str]


QUESTIONS = {
    "no_payback": "Attitude-level work does not pay back within the horizon",
    "behaviour_as_well": "Behaviour training alone does as well as attitude-level work (its net benefit at "
    "least as high)",
}


def analyse(definition: DiscoverDefinition, rows: list[dict[str, Any]]) -> Discovery:
    frame = pd.DataFrame(rows).sort_values("index").reset_index(drop=True)
    first = next(iter(definition.sectors.values()))
    for c in definition.spec.conditions:  # integer keys (staff per branch) as the model got them
        if isinstance(value_at(first, c.path), int):
            frame[c.path] = frame[c.path].round()
    cases = {
        "no_payback": (frame["net_attitude"] < 0).to_numpy(),
        "behaviour_as_well": (frame["net_behaviour"] >= frame["net_attitude"]).to_numpy(),
    }
    labels = {c.path: c.label or c.path for c in definition.spec.conditions}
    x = frame[["sector", *labels]]
    years = definition.spec.horizon_days / 365
    boxes, shares = {}, {}
    for key, case in cases.items():
        frame[key] = case
        question = "Where:"  # follows the sentence with the question and its share
        boxes[key] = find_box(x, case, question, "such worlds", labels)
        share = float(case.mean())
        shares[key] = (share, *jeffreys(share, len(case)))
    return Discovery(frame, boxes, shares, years, definition.arm_words())


def describe_discovery(d: Discovery, definition: DiscoverDefinition) -> str:
    spec = definition.spec
    conditions = ", ".join(c.label or c.path for c in spec.conditions)
    return (
        f"{len(d.worlds)} worlds: parameter sets drawn from the calibrated ensemble by posterior weight, "
        f"sector ({', '.join(definition.sectors)}) and company conditions ({conditions}) sampled over "
        f"their ranges, one seed each; {spec.branches}-branch companies. Net benefit: discounted "
        f"({spec.discount_rate:.0%} a year) profit per branch added over the same company without a "
        f"campaign, {d.horizon_years:g} years from the first campaign day, every campaign cost (one-off "
        f"and running) included. Behaviour arm: {d.arms['behaviour']}; attitude arm: {d.arms['attitude']}. "
        "Worlds are independent draws (parameter sets drawn by weight), so the shares' 95% intervals "
        "(Jeffreys) count worlds. The condition ranges reach beyond the baseline the parameters were "
        "calibrated on (market pressure, fear and team size at their extremes): read worlds there as "
        "what-ifs, not forecasts."
    )
