"""The concept's five claims as shares of plausible worlds (``campaign-sim claims``).

A *world* is one parameter set of the calibrated ensemble, one structure of the model (the
published one, or one mechanism variant of ODD section 7) and one seed.  In every world the
same small experiments as ``tests/test_claims.py`` run (the same company with and without a
campaign, in an ordinary and a harsh market ...), each arm pair on one seed (common random
numbers), and each claim is judged by conditions fixed here, before any result was seen:

- **H1** know-how rises under fear; less than 30% of it shows on the floor in the last quarter;
  the floor effect of the first months fades; and fear is what blocks it (the share reaching the
  floor is smaller than in calm branches).
- **H2** attitude workshops with effect incentives raise pride, willingness, climate and
  engagement, profit and revenue, and lower complaints, absence and quits.
- **H3** a promise beyond what fearful staff deliver ends with lower profit, loyalty and trust
  than doing nothing.
- **H4** a harsher market raises fear and erodes engagement, and attitude work *buffers* it:
  engagement falls less with the harsh market when the attitude campaigns run than when they do
  not (an interaction, not the level offset the old test checked).
- **H5** easier customers make prouder staff, prouder staff make more loyal customers, and the
  loop amplifies: the customer-side change gains more loyalty with mechanism 5 on than off.

**Shares and intervals.**  A member's seed comes from the root seed and the member's number, the
same in every structure and whichever members a run includes (so structures are compared on
common random numbers, and seeds vary with the members).  The share of a structure is the
members' weighted share of worlds where the claim holds (the ensemble's posterior weights); the
headline share averages the structures equally.
Its 95% interval is Jeffreys' interval with the ensemble's effective number of members (Kish)
as its sample size: members, not worlds, are the independent draws.  The unweighted share over
all members is shown beside it, because with few effective members the weighted share rests on
a handful of parameter sets.  Where a claim fails is told by the structures with the lowest
share and by a PRIM box over the members' parameters and the structure (``regions``).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field
from scipy import stats as scipy_stats

from ..mechanisms.variants import POINTS
from ..rng import replicate_seed
from ..scenario_io import read_scenario_dict, validate_scenario
from .definition import ExperimentError, apply_values
from .ensemble import Ensemble, load_ensemble
from .plan import model_code_hash
from .regions import Box, find_box
from .worlds import WorldRun, evaluate_runs, read_definition, world_id

# ---- the experiments of the claims (fixed before any result was seen) ---------------------

HARSH = {"company.market_pressure": 0.7, "company.competitor_pull": 1.5}
EASIER = {"company.expectation_baseline": 0.12}
LOOP_OFF = {
    "staff.pride_from_customers": 0.0,
    "staff.fear_customer_gain": 0.0,
    "staff.fear_customer_relief": 0.0,
}
PROUD = {"branches.pride.mean": 0.7, "branches.effect_awareness.mean": 0.6, "staff.pride_decay": 0.002}


@dataclass(frozen=True)
class RunDesign:
    """A company run of every world: a shipped scenario, changes, and whose campaigns run."""

    scenario: str
    changes: dict[str, float]
    campaigns_from: str | None  # a shipped scenario whose campaigns run; None: no campaign


RUNS: dict[str, RunDesign] = {
    "fear_trained": RunDesign("fearful_behaviour_training", {}, "fearful_behaviour_training"),
    "fear_none": RunDesign("fearful_behaviour_training", {}, None),
    "calm_trained": RunDesign("calm_behaviour_training", {}, "calm_behaviour_training"),
    "calm_none": RunDesign("calm_behaviour_training", {}, None),
    "ordinary_none": RunDesign("baseline", {}, None),
    "ordinary_attitude": RunDesign("baseline", {}, "attitude_training"),
    "harsh_none": RunDesign("baseline", HARSH, None),
    "harsh_attitude": RunDesign("baseline", HARSH, "attitude_training"),
    "promise": RunDesign("broken_promise", {}, "broken_promise"),
    "promise_none": RunDesign("broken_promise", {}, None),
    "easy_none": RunDesign("baseline", EASIER, None),
    "loop_off_none": RunDesign("baseline", LOOP_OFF, None),
    "easy_loop_off_none": RunDesign("baseline", {**EASIER, **LOOP_OFF}, None),
    "proud_none": RunDesign("baseline", PROUD, None),
}
#: the windows the claims read: the two months after the trainings end, the last quarter, and
#: from the campaigns' start (day 30) to the end (quits are counted over it)
WINDOWS: dict[str, tuple[int, int | None]] = {
    "early": (60, 120),
    "last": (-91, None),
    "after_start": (30, None),
}
KPIS = (
    "ability",
    "delivered_behaviour",
    "pride",
    "willingness",
    "climate",
    "engagement",
    "fear",
    "profit",
    "revenue",
    "complaints",
    "absence_days",
    "quits",
    "loyalty",
    "trust",
)
#: H1: at most this share of the know-how gain may show on the floor in the last quarter
FLOOR_SHARE = 0.3

Means = dict[str, dict[str, dict[str, float]]]


def _d(m: Means, run: str, reference: str, kpi: str, window: str = "last") -> float:
    return m[run][window][kpi] - m[reference][window][kpi]


def _h1(m: Means) -> tuple[dict[str, bool], dict[str, float]]:
    gain = _d(m, "fear_trained", "fear_none", "ability")
    floor = _d(m, "fear_trained", "fear_none", "delivered_behaviour")
    early = _d(m, "fear_trained", "fear_none", "delivered_behaviour", "early")
    calm_gain = _d(m, "calm_trained", "calm_none", "ability")
    calm_floor = _d(m, "calm_trained", "calm_none", "delivered_behaviour")
    share = floor / gain if gain > 0 else float("nan")
    calm_share = calm_floor / calm_gain if calm_gain > 0 else float("nan")
    conditions = {
        "know-how rises under fear": gain > 0,
        f"under {FLOOR_SHARE:.0%} of it reaches the floor": gain > 0 and floor < FLOOR_SHARE * gain,
        "what reaches the floor fades": early > floor,
        "less reaches the floor than in calm branches": bool(share < calm_share),
    }
    return conditions, {"floor_share_fear": share, "floor_share_calm": calm_share}


def _h2(m: Means) -> tuple[dict[str, bool], dict[str, float]]:
    def up(kpi: str) -> bool:
        return _d(m, "ordinary_attitude", "ordinary_none", kpi) > 0

    def down(kpi: str, window: str = "last") -> bool:
        return _d(m, "ordinary_attitude", "ordinary_none", kpi, window) < 0

    conditions = {
        "pride, willingness, climate, engagement rise": all(
            up(k) for k in ("pride", "willingness", "climate", "engagement")
        ),
        "profit and revenue rise, complaints fall": up("profit") and up("revenue") and down("complaints"),
        "absence and quits fall": down("absence_days") and down("quits", "after_start"),
    }
    return conditions, {"profit_gain": _d(m, "ordinary_attitude", "ordinary_none", "profit")}


def _h3(m: Means) -> tuple[dict[str, bool], dict[str, float]]:
    conditions = {
        f"{kpi} lower than doing nothing": _d(m, "promise", "promise_none", kpi) < 0
        for kpi in ("profit", "loyalty", "trust")
    }
    return conditions, {"profit_change": _d(m, "promise", "promise_none", "profit")}


def _h4(m: Means) -> tuple[dict[str, bool], dict[str, float]]:
    erosion = _d(m, "harsh_none", "ordinary_none", "engagement")
    erosion_treated = _d(m, "harsh_attitude", "ordinary_attitude", "engagement")
    buffering = erosion_treated - erosion  # > 0: engagement falls less under attitude work
    conditions = {
        "a harsh market raises fear": _d(m, "harsh_none", "ordinary_none", "fear") > 0,
        "a harsh market erodes engagement": erosion < 0,
        "attitude work buffers the erosion": buffering > 0,
    }
    regained = _d(m, "harsh_attitude", "harsh_none", "engagement")
    return conditions, {
        "buffering": buffering,
        "level_regained": regained / -erosion if erosion < 0 else np.nan,
    }


def _h5(m: Means) -> tuple[dict[str, bool], dict[str, float]]:
    loop_gain = _d(m, "easy_none", "ordinary_none", "loyalty") - _d(
        m, "easy_loop_off_none", "loop_off_none", "loyalty"
    )
    conditions = {
        "happier customers make prouder staff": _d(m, "easy_none", "ordinary_none", "pride") > 0,
        "prouder staff make more loyal customers": _d(m, "proud_none", "ordinary_none", "loyalty") > 0,
        "the loop amplifies the customer-side gain": loop_gain > 0,
    }
    return conditions, {"loop_gain_loyalty": loop_gain}


@dataclass(frozen=True)
class Claim:
    key: str
    statement: str
    judge: Callable[[Means], tuple[dict[str, bool], dict[str, float]]]


CLAIMS = (
    Claim("H1", "Behaviour-only training under high fear raises know-how but changes little on the floor, "
          "and what it changes fades", _h1),
    Claim("H2", "Attitude-level training with incentives for effecting raises pride, willingness and "
          "climate, and improves the market and the internal figures", _h2),
    Claim("H3", "Promising customers more than the staff deliver leaves a branch worse off than doing "
          "nothing", _h3),
    Claim("H4", "Harsher markets raise fear and erode engagement; attitude-level work buffers this", _h4),
    Claim("H5", "Happier customers and prouder staff reinforce each other", _h5),
)  # fmt: skip


# ---- the definition file ------------------------------------------------------------------


class ClaimsFile(BaseModel):
    """The keys of a claims definition (``experiments/claims.toml``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("claims", pattern=r"^[A-Za-z0-9_\-]+$")
    description: str = ""
    ensemble: str = Field(description="ensemble CSV (relative to this file)")
    members: int = Field(0, ge=0, description="0: every member; N: the N highest-weight members")
    seed: int = Field(2024, ge=0, description="root of the members' seeds")
    branches: int = Field(8, ge=2, le=500)
    days: int = Field(365, ge=200, le=3650, description="H1 and the last quarter need most of a year")
    scenarios: str = Field("../scenarios", description="folder of the shipped scenarios the claims run")
    variants: Literal["each", "default"] | list[str] = Field(
        "each",
        description="'each': the published model and every alternative alone; 'default': only the "
        "published model; or a list of 'point=alternative' (several joined by '+'; 'default' for none)",
    )


@dataclass(frozen=True)
class ClaimsDefinition:
    path: Path
    spec: ClaimsFile
    ensemble: Ensemble
    structures: tuple[tuple[str, dict[str, str]], ...]  # (label, variants)
    scenarios: dict[str, dict[str, Any]]  # shipped scenario name -> validated data (run size set)

    @property
    def name(self) -> str:
        return self.spec.name


def _fail(path: Path, message: str) -> ExperimentError:
    return ExperimentError(f"{path}: invalid claims definition\n{message}")


def _structures(path: Path, variants: str | list[str]) -> tuple[tuple[str, dict[str, str]], ...]:
    if variants == "default":
        return (("published model", {}),)
    if variants == "each":
        singles = [
            f"{point}={name}"
            for point, vp in sorted(POINTS.items())
            for name in vp.alternatives
            if name != vp.default
        ]
        variants = ["default", *singles]
    out = []
    for i, entry in enumerate(variants):
        if entry.strip() == "default":
            out.append(("published model", {}))
            continue
        chosen: dict[str, str] = {}
        for part in entry.split("+"):
            point, _, name = part.strip().partition("=")
            if point not in POINTS and not name:
                close = difflib.get_close_matches(point, ["default", "each"], n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                points = ", ".join(sorted(POINTS))
                message = f"'variants[{i}]' = {entry!r}: neither 'default' nor point=alternative{hint}"
                raise _fail(path, f"{message} Points: {points}.")
            if point not in POINTS:
                raise _fail(path, f"'variants[{i}]' = {entry!r}: unknown variant point {point!r}. "
                                  f"Allowed: {', '.join(sorted(POINTS))}.")  # fmt: skip
            if name not in POINTS[point].alternatives:
                raise _fail(path, f"'variants[{i}]' = {entry!r}: unknown alternative {name!r} of {point}. "
                                  f"Allowed: {POINTS[point].allowed()}.")  # fmt: skip
            chosen[point] = name
        out.append((entry.strip(), chosen))
    return tuple(out)


def load_claims(path: str | Path, members: int | None = None) -> ClaimsDefinition:
    """Read and check a claims definition; ExperimentError (one message, file and key) if bad."""
    path = Path(path)
    spec = read_definition(path, ClaimsFile, "claims definition")
    if members is not None:
        spec = spec.model_copy(update={"members": members})
    folder = (path.parent / spec.scenarios).resolve()
    scenarios = {}
    for name in sorted(
        {d.scenario for d in RUNS.values()} | {d.campaigns_from for d in RUNS.values() if d.campaigns_from}
    ):
        file = folder / f"{name}.toml"
        if not file.is_file():
            raise _fail(path, f"'scenarios' = {spec.scenarios!r}: {file} does not exist (the claims run it)")
        data = read_scenario_dict(file)
        data.setdefault("run", {}).update(days=spec.days, branches=spec.branches)
        scenarios[name] = validate_scenario(data, str(file)).model_dump(mode="json")
    ensemble = load_ensemble((path.parent / spec.ensemble).resolve(), scenarios["baseline"])
    if spec.members:
        ensemble = ensemble.top(min(spec.members, len(ensemble.members)))
    structures = _structures(path, spec.variants)
    world = build_runs(scenarios, ensemble.member_values(0), structures[-1][1], path)
    del world  # building one world checks every claim change against the schema, before any run
    return ClaimsDefinition(path, spec, ensemble, structures, scenarios)


def build_runs(
    scenarios: dict[str, dict[str, Any]], member: dict[str, float], variants: dict[str, str], source: Path
) -> dict[str, dict[str, Any]]:
    """Scenario data of every run of one world: the member's parameters, then the claim's changes,
    the structure's variants and the campaigns."""
    out = {}
    for name, design in RUNS.items():
        data = apply_values(scenarios[design.scenario], {**member, **design.changes}, f"{source}: run {name}")
        data = copy.deepcopy(data)
        data.setdefault("model", {})["variants"] = dict(variants)
        data["campaigns"] = (
            copy.deepcopy(scenarios[design.campaigns_from]["campaigns"]) if design.campaigns_from else []
        )
        out[name] = data
    return out


# ---- worlds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """One world: its id, the member (ensemble id and parameter values), the structure, the seed.

    The runs' scenario data are built in the worker (:func:`evaluate_world`), from the shared
    shipped scenarios, so that planning thousands of worlds costs nothing."""

    id: str
    member: int
    structure: str
    variants: dict[str, str]
    seed: int
    values: dict[str, float]
    scenarios: dict[str, dict[str, Any]]
    source: Path


def worlds(definition: ClaimsDefinition) -> list[World]:
    """Every world of the definition: member x structure, each member with its own seed, the
    heaviest members first."""
    ensemble = definition.ensemble
    designs = {name: (d.scenario, d.changes, d.campaigns_from) for name, d in RUNS.items()}
    common = world_id(model_code_hash(), definition.scenarios, designs, WINDOWS, KPIS)
    out = []
    # heaviest members first: a stopped run's stored worlds then carry most of the weight
    order = sorted(range(len(ensemble.members)), key=lambda i: (-ensemble.weights[i], ensemble.members[i]))
    for position in order:
        member = ensemble.members[position]
        values = ensemble.member_values(position)
        seed = replicate_seed(definition.spec.seed, member)  # the same in any subset of members
        for label, variants in definition.structures:
            key = world_id(common, values, variants, seed)
            out.append(
                World(key, member, label, variants, seed, values, definition.scenarios, definition.path)
            )
    return out


def evaluate_world(world: World) -> list[dict[str, Any]]:
    """Run a world and judge every claim in it (one row per claim)."""
    return evaluate_worlds([world])


def evaluate_worlds(batch: list[World]) -> list[dict[str, Any]]:
    """Run a batch of worlds, their runs packed across worlds (``worlds.evaluate_runs``), and judge
    every claim in each (what a worker does; one result per world, one row per claim)."""
    runs = []
    for i, world in enumerate(batch):
        built = build_runs(world.scenarios, world.values, world.variants, world.source)
        runs.extend(WorldRun(f"{i}/{name}", data, world.seed) for name, data in built.items())
    means = evaluate_runs(runs, WINDOWS, KPIS)
    out = []
    for i, world in enumerate(batch):
        mine = {name.split("/", 1)[1]: m for name, m in means.items() if name.startswith(f"{i}/")}
        rows = []
        for claim in CLAIMS:
            conditions, sizes = claim.judge(mine)
            rows.append(
                {
                    "world": world.id,
                    "member": world.member,
                    "structure": world.structure,
                    "seed": world.seed,
                    "claim": claim.key,
                    "holds": all(conditions.values()),
                    "conditions": {k: bool(v) for k, v in conditions.items()},
                    "sizes": {k: float(v) for k, v in sizes.items()},
                }
            )
        out.append({"world": world.id, "rows": rows})
    return out


# ---- shares ----------------------------------------------------------------------------------


def percent(share: float) -> str:
    """A share in words that never rounds a failure away: 0.99997 is '>99.9%', not '100%'."""
    if 0.999 < share < 1:
        return ">99.9%"
    if 0 < share < 0.001:
        return "<0.1%"
    return f"{share:.0%}" if share in (0.0, 1.0) or 0.01 <= share <= 0.99 else f"{share:.1%}"


def jeffreys(share: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Jeffreys interval of a share observed in ``n`` (possibly effective, non-integer) draws."""
    if n <= 0 or not np.isfinite(share):
        return float("nan"), float("nan")
    a, b = share * n + 0.5, (1 - share) * n + 0.5
    tail = (1 - confidence) / 2
    low = 0.0 if share <= 0 else float(scipy_stats.beta.ppf(tail, a, b))
    high = 1.0 if share >= 1 else float(scipy_stats.beta.ppf(1 - tail, a, b))
    # an equal-tailed interval can miss a share very near 0 or 1 (a sliver of weight): widen to it
    return min(low, share), max(high, share)


@dataclass
class ClaimsResult:
    table: pd.DataFrame  # one row per claim
    by_structure: pd.DataFrame  # claim x structure
    conditions: pd.DataFrame  # claim x condition: weighted share holding
    worlds: pd.DataFrame  # one row per world and claim
    boxes: dict[str, Box]
    effective_members: float
    members: int
    structures: int
    branches: int
    days: int
    subset: str  # "" for the whole ensemble, else which members and how they were weighted
    level_regained: float  # H4: weighted share of worlds where attitude work wins back a third in level


def analyse(definition: ClaimsDefinition, rows: list[dict[str, Any]]) -> ClaimsResult:
    """Shares per claim and structure, the conditions that fail, and PRIM boxes of failure."""
    ensemble = definition.ensemble
    weight_of = dict(
        zip(ensemble.members, np.asarray(ensemble.weights) / np.sum(ensemble.weights), strict=True)
    )
    effective = 1.0 / float(np.sum(np.square(list(weight_of.values()))))
    frame = pd.DataFrame(rows)
    frame["weight"] = frame["member"].map(weight_of)
    structures = [label for label, _ in definition.structures]
    by_structure = []
    for (claim, structure), group in frame.groupby(["claim", "structure"], sort=False):
        holds = group["holds"].to_numpy(dtype=float)
        by_structure.append(
            {
                "claim": claim,
                "structure": structure,
                "share": _weighted(group, holds),
                "share_unweighted": float(holds.mean()),
                "members": len(group),
            }
        )
    per_structure = pd.DataFrame(by_structure)
    condition_rows = []
    for claim in CLAIMS:
        part = frame[frame["claim"] == claim.key]
        weights = part["weight"].to_numpy() / part["weight"].sum()
        for name in part["conditions"].iloc[0]:
            held = part["conditions"].map(lambda c, name=name: c[name]).to_numpy(dtype=float)
            condition_rows.append(
                {"claim": claim.key, "condition": name, "share": float(np.dot(weights, held)),
                 "share_unweighted": float(held.mean())}
            )  # fmt: skip
    conditions = pd.DataFrame(condition_rows)
    labels = {p: p for p in ensemble.parameters}
    position = {m: i for i, m in enumerate(ensemble.members)}
    table_rows = []
    boxes = {}
    for claim in CLAIMS:
        mine = per_structure[per_structure["claim"] == claim.key].set_index("structure").reindex(structures)
        share = float(mine["share"].mean())
        low, high = jeffreys(share, effective)
        published = float(mine["share"].get("published model", np.nan))
        weakest = mine["share"].sort_values()
        failing = [f"{s} (holds in {percent(v)})" for s, v in weakest.items() if v < 0.5]
        part = frame[frame["claim"] == claim.key]
        x = pd.DataFrame([ensemble.member_values(position[m]) for m in part["member"]])
        x["structure"] = part["structure"].to_numpy()
        box = find_box(
            x, ~part["holds"].to_numpy(dtype=bool), f"Where {claim.key} fails:", "failures", labels
        )
        boxes[claim.key] = box
        worst_condition = conditions[conditions["claim"] == claim.key].sort_values("share").iloc[0]
        table_rows.append(
            {
                "claim": claim.key,
                "statement": claim.statement,
                "share": share,
                "low": low,
                "high": high,
                "share_published_model": published,
                "share_unweighted": float(mine["share_unweighted"].mean()),
                "weakest_structure": f"{weakest.index[0]} (holds in {percent(weakest.iloc[0])})"
                if weakest.iloc[0] < 1
                else "none (holds in every world of every structure)",
                "structures_where_it_fails": "; ".join(failing)
                or "none (it holds in most worlds of every structure)",
                "weakest_condition": f"{worst_condition['condition']} "
                f"(holds in {percent(worst_condition['share'])})"
                if worst_condition["share"] < 1
                else "none (every condition holds in every world)",
                "failure_region": box.sentence(),
                "worlds": len(part),
            }
        )
    worlds_table = frame.drop(columns=["conditions", "sizes"]).join(
        pd.json_normalize(frame["sizes"].tolist())
    )
    return ClaimsResult(
        pd.DataFrame(table_rows),
        per_structure,
        conditions,
        worlds_table,
        boxes,
        effective,
        len(ensemble.members),
        len(structures),
        definition.spec.branches,
        definition.spec.days,
        str(ensemble.provenance.get("subset", "")),
        _level_share(frame),
    )


def _weighted(rows: pd.DataFrame, held: np.ndarray) -> float:
    """The members' weighted share of ``rows`` (one structure's worlds) where ``held`` is true."""
    weights = rows["weight"].to_numpy()
    return float(np.dot(weights / weights.sum(), held))


def _level_share(frame: pd.DataFrame) -> float:
    """H4's old, level criterion: the weighted share of worlds (structures equally) in which attitude
    work in the harsh market wins back at least a third of the engagement the market erodes."""
    h4 = frame[frame["claim"] == "H4"]
    regained = h4["sizes"].map(lambda s: s.get("level_regained", np.nan)).fillna(0.0)
    shares = [
        _weighted(rows, (regained[rows.index] >= 1 / 3).to_numpy()) for _, rows in h4.groupby("structure")
    ]
    return float(np.mean(shares)) if shares else float("nan")


def describe_shares(result: ClaimsResult) -> str:
    """What every share contains, in one sentence (for the console, the files and the README)."""
    subset = f" ({result.subset})" if result.subset else ""
    return (
        f"Share of plausible worlds in which each claim holds: {result.members} parameter sets of the "
        f"calibrated ensemble{subset} (weighted by their posterior weights; worth "
        f"{result.effective_members:.1f} equally weighted sets) x {result.structures} model structures (the "
        f"published model and mechanism variants, equally weighted), one seed per parameter set, "
        f"{result.days} simulated days of {result.branches}-branch companies per experiment, arms on common "
        "random numbers. A condition is judged by its sign in the world's one seed, so chance enters the "
        "shares with the parameters. 95% interval: Jeffreys, with the effective number of parameter sets "
        "as sample size."
    )
