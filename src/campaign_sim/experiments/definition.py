"""Experiment files: arms, replicates, periods, KPIs, sweeps and sensitivity, validated like scenarios.

An experiment (TOML in ``experiments/``) names a base scenario, the arms to compare
(each a list of campaigns, inline or taken from a scenario file), how branches get
their arm, how many replicate seeds to run, which days count as before and after the
campaigns, and, for sweeps and sensitivity analyses, which parameters vary over which
ranges.  :func:`load_experiment` reads, checks and resolves it into an
:class:`Experiment` that the rest of the package uses; every mistake becomes one
:class:`ExperimentError` naming the file and the key, so the command line can stop with
exit status 2 instead of a traceback.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import itertools
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..outputs import KPI_NAMES, STAFF_STATES
from ..rng import replicate_seeds
from ..scenario_io import (
    ScenarioError,
    archetype,
    describe_errors,
    find_named_file,
    read_scenario_dict,
    validate_scenario,
)
from .attributes import BRANCH_ATTRIBUTES

#: KPIs reported when an experiment does not list its own
DEFAULT_KPIS = ("profit", "revenue", "loyalty", "complaints", "additional_sales", "quits", "climate", "pride")
#: initial team states a randomisation can be stratified by
STRATIFIERS = (*STAFF_STATES, "fear")
#: what effects can be split by: any KPI (its level before the campaigns) or a branch attribute
SPLITTERS = (*KPI_NAMES, *BRANCH_ATTRIBUTES)


class ExperimentError(ScenarioError):
    """An experiment file cannot be used; the message names the file, the key and the fix."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Arm(_Strict):
    """One arm of the trial: a name and its campaigns (none = the control)."""

    name: str = Field(pattern=r"^[A-Za-z0-9_+\-]+$", description="short id used in tables")
    label: str = Field("", description="words used in the report (default: the name)")
    campaigns_from: str | None = Field(None, description="scenario file whose [[campaigns]] this arm runs")
    campaigns: list[dict[str, Any]] | None = Field(None, description="inline [[arms.campaigns]] tables")
    levels: dict[str, str] | None = Field(
        None, description="factor -> level of this arm in the [factorial] design (none: outside it)"
    )
    contains: str = Field("", description="one sentence: exactly what this arm does, for the report")

    @model_validator(mode="after")
    def _one_source(self):
        if self.campaigns_from is not None and self.campaigns is not None:
            raise ValueError("give either campaigns_from or campaigns, not both")
        return self


class Period(_Strict):
    """Days [start, end) of the run, or the ``last`` N days."""

    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=1)
    last: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _shape(self):
        if self.last is not None and (self.start is not None or self.end is not None):
            raise ValueError("give either {start, end} or {last}, not both")
        if self.last is None and (self.start is None or self.end is None):
            raise ValueError("give {start = a, end = b} (days a..b-1) or {last = n}")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    def days(self, run_days: int) -> tuple[int, int]:
        """Half-open day range for a run of ``run_days`` days."""
        if self.last is not None:
            return max(run_days - self.last, 0), run_days
        return int(self.start), int(self.end)  # type: ignore[arg-type]


class Periods(_Strict):
    """Before (default: days before the first campaign) and after (default: last quarter)."""

    pre: Period | None = None
    post: Period | None = None


class Assignment(_Strict):
    """How arms meet branches."""

    mode: Literal["randomised", "paired"] = Field(
        "randomised",
        description="randomised: arms assigned to branches at random inside one company run; "
        "paired: every arm runs in every branch, same seed (common random numbers)",
    )
    stratify_by: str | None = Field(
        "fear", description="initial team state to block the randomisation on (none: simple randomisation)"
    )
    counterfactual: bool = Field(
        False,
        description="also run each replicate with no campaign, to show the true effect on treated branches",
    )


#: model days in a year: the calibration's yearly rates are divided by it (ODD 2.5)
DAYS_PER_YEAR = 365


class Economics(_Strict):
    """The money question: costs and benefits from the first campaign day over a horizon."""

    horizon_days: int | None = Field(
        None,
        ge=1,
        le=3650,
        description="days from the first campaign day that count (default: 3 years = 1095 model "
        "days if the run is long enough, else to the end of the run)",
    )
    discount_rate: float = Field(
        0.05, ge=0.0, lt=1.0, description="per year; day t after the first campaign day weighs (1+r)^(-t/365)"
    )


class Factorial(_Strict):
    """Factors crossed by the arms; each factor's first level is the reference (e.g. none)."""

    factors: dict[str, list[str]] = Field(min_length=1, description="factor -> its levels, reference first")

    @model_validator(mode="after")
    def _levels(self):
        for factor, levels in self.factors.items():
            if len(levels) < 2 or len(set(levels)) != len(levels):
                raise ValueError(f"factor {factor!r} needs at least two distinct levels")
        return self


class Statistics(_Strict):
    interval: Literal["t", "bootstrap"] = "t"
    confidence: float = Field(0.95, gt=0.5, lt=1.0)
    bootstrap_resamples: int = Field(2000, ge=100, le=100_000)


class Output(_Strict):
    series_every: int = Field(7, ge=0, le=365, description="days per stored trajectory point (0 = none)")


class Parameter(_Strict):
    """One scenario value that a sweep or sensitivity analysis varies."""

    path: str = Field(
        description="dotted scenario key, e.g. company.market_pressure, or a campaign parameter "
        "campaigns.<kind>.<key>, e.g. campaigns.attitude_training.awareness_gain"
    )
    low: float | None = None
    high: float | None = None
    levels: int = Field(5, ge=2, le=1000, description="grid: evenly spaced values from low to high")
    values: list[float] | None = Field(None, description="grid: explicit values instead of low/high/levels")
    label: str = ""

    @model_validator(mode="after")
    def _range(self):
        if self.values is None and (self.low is None or self.high is None):
            raise ValueError("give low and high (or, for a grid, values)")
        if self.low is not None and self.high is not None and self.high <= self.low:
            raise ValueError("high must be above low")
        return self

    def grid(self) -> list[float]:
        if self.values is not None:
            return [float(v) for v in self.values]
        step = (self.high - self.low) / (self.levels - 1)  # type: ignore[operator]
        return [round(self.low + i * step, 12) for i in range(self.levels)]  # type: ignore[operator]


class Sweep(_Strict):
    design: Literal["grid", "lhs", "sobol", "morris"] = "grid"
    samples: int = Field(16, ge=1, le=100_000, description="lhs/sobol/morris: base sample size N")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels")
    parameters: list[Parameter] = Field(min_length=1)


class FollowUp(_Strict):
    """A Sobol analysis of the parameters a Morris screen found to matter (run right after it)."""

    samples: int = Field(64, ge=2, le=100_000, description="Sobol base sample size N (a power of 2)")
    keep: int = Field(8, ge=2, le=100, description="at most this many parameters, the most influential")
    share: float = Field(
        0.1,
        gt=0.0,
        le=1.0,
        description="a parameter matters if the upper bound of its mu* reaches this share of the largest "
        "mu* of some output",
    )

    @model_validator(mode="after")
    def _power_of_two(self):
        if self.samples & (self.samples - 1):
            raise ValueError("samples must be a power of 2 for sobol (e.g. 32, 64, 128)")
        return self


class Sensitivity(_Strict):
    method: Literal["sobol", "morris"] = "sobol"
    samples: int = Field(32, ge=2, le=100_000, description="base sample size N (sobol: a power of 2)")
    levels: int = Field(4, ge=2, le=100, description="morris: grid levels")
    contrast: tuple[str, str] = Field(description="[arm, reference arm]: the effect is arm minus reference")
    outputs: list[str] = Field(default_factory=lambda: ["profit", "loyalty"], min_length=1)
    net_benefit: list[str] = Field(
        default_factory=list,
        description="arms whose net benefit against the control (EUR per branch over the money "
        "horizon, discounted, campaign costs included) is an output too",
    )
    follow_up: FollowUp | None = Field(
        None, description="morris only: then a Sobol analysis of the parameters that matter"
    )
    parameters: list[Parameter] = Field(min_length=2)

    @model_validator(mode="after")
    def _power_of_two(self):
        if self.method == "sobol" and self.samples & (self.samples - 1):
            raise ValueError("samples must be a power of 2 for sobol (e.g. 16, 32, 64)")
        if self.follow_up is not None and self.method != "morris":
            raise ValueError("follow_up screens first: it needs method = 'morris'")
        return self

    def arms(self, control: str) -> tuple[str, ...]:
        """The arms every design point runs: the contrast's, those with a net benefit, and then
        the control they are measured against."""
        names = [*self.contrast, *self.net_benefit, *([control] if self.net_benefit else [])]
        return tuple(dict.fromkeys(names))


class ExperimentFile(_Strict):
    """The keys of an experiment file."""

    name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    description: str = ""
    scenario: str = Field(description="base scenario file (relative to this file) or a name in ./scenarios")
    overrides: dict[str, Any] = Field(default_factory=dict, description="dotted scenario keys -> values")
    seed: int = Field(1, ge=0)
    replicates: int = Field(8, ge=1, le=100_000)
    days: int | None = Field(None, ge=1, le=3650)
    branches: int | None = Field(None, ge=1, le=5000)
    control: str = "control"
    kpis: list[str] = Field(default_factory=lambda: list(DEFAULT_KPIS), min_length=1)
    heterogeneity: list[str] = Field(
        default_factory=lambda: ["fear"],
        description="split effects at the median of a KPI before the campaigns (any output-registry KPI; "
        "'horizon' is the staff's proactive horizon, 'staff' the employees in post) or of a branch attribute",
    )
    assignment: Assignment = Field(default_factory=Assignment)
    periods: Periods = Field(default_factory=Periods)
    statistics: Statistics = Field(default_factory=Statistics)
    output: Output = Field(default_factory=Output)
    economics: Economics = Field(default_factory=Economics)
    factorial: Factorial | None = None
    arms: list[Arm] = Field(min_length=1)
    sweep: Sweep | None = None
    sensitivity: Sensitivity | None = None


# ---- resolved experiment -------------------------------------------------------


@dataclass(frozen=True)
class ResolvedArm:
    name: str
    label: str
    campaigns: tuple[dict[str, Any], ...]  # campaign tables, ``branches`` set per run
    levels: tuple[tuple[str, str], ...] = ()  # (factor, level) in the factorial design; () = outside
    contains: str = ""  # what the arm does, in words (from the file, else from its campaigns)


@dataclass(frozen=True)
class Experiment:
    """An experiment ready to plan: base scenario, arms with campaigns, periods, seeds."""

    path: Path
    file_sha256: str
    spec: ExperimentFile
    base: dict[str, Any]  # validated scenario data with overrides, days and branches applied
    arms: tuple[ResolvedArm, ...]
    pre: tuple[int, int]
    post: tuple[int, int]
    replicates: int
    days: int
    overrides_cli: dict[str, int] = field(default_factory=dict)
    #: days [first campaign day, first campaign day + horizon) that the money counts
    money: tuple[int, int] = (0, 0)
    discount_rate: float = 0.0
    #: the sector archetype of the base scenario (``scenario_io.archetype``): which published
    #: P&L figures the control arm is held to
    archetype: str = "retail"

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def control(self) -> str:
        return self.spec.control

    @property
    def arm_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.arms)

    def labels(self) -> dict[str, str]:
        return {a.name: a.label for a in self.arms}

    def seeds(self) -> list[int]:
        """Replicate seeds; the first k are the same whatever the number of replicates."""
        return replicate_seeds(self.spec.seed, self.replicates)

    def describe(self) -> dict[str, Any]:
        """Everything needed to rebuild tables and reports later (stored in the manifest)."""
        return {
            "name": self.name,
            "file": str(self.path),
            "file_sha256": self.file_sha256,
            "definition": self.spec.model_dump(mode="json"),
            "base_scenario": self.base,
            "arms": [
                {
                    "name": a.name,
                    "label": a.label,
                    "campaigns": list(a.campaigns),
                    "levels": dict(a.levels),
                    "contains": a.contains,
                }
                for a in self.arms
            ],
            "pre": list(self.pre),
            "post": list(self.post),
            "money": list(self.money),
            "discount_rate": self.discount_rate,
            "archetype": self.archetype,
            "replicates": self.replicates,
            "days": self.days,
            "cli_overrides": self.overrides_cli,
        }

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.describe(), sort_keys=True, default=str).encode()).hexdigest()


# ---- errors in the style of scenario_io ------------------------------------------


def _fail(source: Path | str, *lines: str) -> ExperimentError:
    return ExperimentError(f"{source}: " + "\n".join(["invalid experiment", *lines]))


def _check_name(source: Path, key: str, value: str, allowed: tuple[str, ...] | list[str], what: str) -> None:
    if value not in allowed:
        close = difflib.get_close_matches(value, allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise _fail(source, f"'{key}' = {value!r}: unknown {what}{hint} Allowed: {', '.join(allowed)}.")


# ---- scenario data helpers ---------------------------------------------------------


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted key (``company.market_pressure``) in nested scenario data, in place.

    Integer fields (e.g. ``branches.staff_mean``) receive rounded values, so that a
    continuous design can vary them.
    """
    parts = path.split(".")
    node = data
    for i, part in enumerate(parts[:-1]):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(".".join(parts[: i + 1]))
        node = node[part]
    last = parts[-1]
    if not isinstance(node, dict) or last not in node:
        raise KeyError(path)
    current = node[last]
    if isinstance(current, dict) and not isinstance(value, dict):
        raise KeyError(f"{path} is a table; name one of its keys: {', '.join(current)}")
    if isinstance(current, int) and not isinstance(current, bool) and isinstance(value, float):
        value = round(value)
    node[last] = value


#: the prefix of a campaign parameter in a sweep or sensitivity analysis: campaigns.<kind>.<key>
CAMPAIGN_PREFIX = "campaigns."


def split_campaign_values(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(scenario values, campaign values) of a design point's dotted keys."""
    campaign = {k: v for k, v in values.items() if k.startswith(CAMPAIGN_PREFIX)}
    return {k: v for k, v in values.items() if k not in campaign}, campaign


def apply_campaign_values(
    arms: tuple[tuple[str, tuple[dict[str, Any], ...]], ...],
    values: dict[str, Any],
    base: dict[str, Any],
    source: str,
) -> tuple[tuple[str, tuple[dict[str, Any], ...]], ...]:
    """The arms with ``campaigns.<kind>.<key>`` values set in every campaign of that kind (in
    every arm), validated with the scenario schema; ExperimentError naming the key otherwise."""
    if not values:
        return arms
    kinds = sorted({c["kind"] for _, campaigns in arms for c in campaigns})
    out = [(name, [dict(c) for c in campaigns]) for name, campaigns in arms]
    for path, value in values.items():
        parts = path.split(".")
        if len(parts) != 3 or parts[1].isdigit():
            raise ExperimentError(
                f"{source}: '{path}': a campaign parameter is campaigns.<kind>.<key>, e.g. "
                f"campaigns.{kinds[0] if kinds else 'attitude_training'}.cost_per_participant "
                "(by kind, not by position: arms differ in their campaigns). "
                f"Kinds in this experiment's arms: {', '.join(kinds) or 'none'}."
            )
        _, kind, key = parts
        if kind not in kinds:
            close = difflib.get_close_matches(kind, kinds, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ExperimentError(
                f"{source}: '{path}': no arm runs a campaign of kind '{kind}'{hint}. "
                f"Kinds in this experiment's arms: {', '.join(kinds) or 'none'}."
            )
        for _, campaigns in out:
            for campaign in campaigns:
                if campaign["kind"] != kind:
                    continue
                settable = [k for k in campaign if k not in ("kind", "name", "branches")]
                if key not in settable:
                    close = difflib.get_close_matches(key, settable, n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    raise ExperimentError(
                        f"{source}: '{path}': campaigns of kind {kind} have no key '{key}'{hint} "
                        f"Allowed: {', '.join(settable)}."
                    )
                current = campaign[key]
                campaign[key] = (
                    round(value) if isinstance(current, int) and isinstance(value, float) else value
                )
    checked = []
    for name, campaigns in out:
        try:
            validate_scenario({**base, "campaigns": campaigns}, f"{source} (arm {name})")
        except ScenarioError as err:
            problem = str(err).splitlines()[-1].split(": ", 1)[-1]
            given = ", ".join(f"'{p}' = {v!r}" for p, v in values.items())
            raise ExperimentError(
                f"{source}: {given}: not allowed in arm {name}'s campaigns: {problem}"
            ) from None
        checked.append((name, tuple(campaigns)))
    return tuple(checked)


def _suggest_path(data: dict[str, Any], path: str) -> str:
    parts = path.split(".")
    node: Any = data
    for part in parts:
        if not isinstance(node, dict):
            break
        if part not in node:
            close = difflib.get_close_matches(part, list(node), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return f"no such scenario key '{part}'{hint} Allowed here: {', '.join(node)}."
        node = node[part]
    return "no such scenario key"


def apply_values(
    base: dict[str, Any], values: dict[str, Any], source: str = "<experiment>"
) -> dict[str, Any]:
    """Validated scenario data with dotted keys replaced; raises ExperimentError."""
    data = copy.deepcopy(base)
    for path, value in values.items():
        try:
            set_path(data, path, value)
        except KeyError as err:
            told = str(err.args[0]) if err.args else ""
            reason = told if "is a table" in told else _suggest_path(data, path)
            raise ExperimentError(f"{source}: '{path}': {reason}") from None
    try:
        return validate_scenario(data, source).model_dump(mode="json")
    except ScenarioError as err:
        raise ExperimentError(str(err)) from None


# ---- loading ----------------------------------------------------------------------


def _find_scenario(ref: str, exp_path: Path, key: str) -> Path:
    relative = (exp_path.parent / ref).resolve()
    if relative.is_file():
        return relative
    named = Path("scenarios") / (ref if ref.endswith(".toml") else f"{ref}.toml")
    if named.is_file():
        return named.resolve()
    raise _fail(exp_path, f"'{key}' = {ref!r}: no such scenario file (looked for {relative} and {named})")


def _scenario_data(path: Path) -> dict[str, Any]:
    data = read_scenario_dict(path)
    data.setdefault("name", path.stem)
    return data


def _arm_campaigns(arm: Arm, index: int, exp_path: Path, base: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    key = f"arms[{index}]"
    if arm.campaigns_from is not None:
        scenario_path = _find_scenario(arm.campaigns_from, exp_path, f"{key}.campaigns_from")
        campaigns = validate_scenario(_scenario_data(scenario_path), str(scenario_path)).campaigns
    elif arm.campaigns is not None:
        data = {**base, "campaigns": arm.campaigns}
        try:
            campaigns = validate_scenario(data, f"{exp_path}: {key}.campaigns").campaigns
        except ScenarioError as err:
            raise ExperimentError(str(err)) from None
    else:
        campaigns = []
    dumped = []
    for c in campaigns:
        entry = c.model_dump(mode="json")
        entry.pop("branches", None)  # set per run from the assignment
        dumped.append(entry)
    return tuple(dumped)


def load_experiment(
    path: str | Path,
    replicates: int | None = None,
    days: int | None = None,
    horizon: int | None = None,
) -> Experiment:
    """Read, validate and resolve an experiment file; ``replicates``/``days``/``horizon`` override it."""
    path = Path(path)
    if not path.is_file():
        raise ExperimentError(f"{path}: no such experiment file")
    raw_bytes = path.read_bytes()
    try:
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ExperimentError(f"{path}: not valid TOML: {err}") from None
    if horizon is not None:
        raw = {**raw, "economics": {**raw.get("economics", {}), "horizon_days": horizon}}
    try:
        spec = ExperimentFile.model_validate(raw)
    except ValidationError as err:
        raise _fail(path, *describe_errors(err, ExperimentFile)) from None

    names = [a.name for a in spec.arms]
    if len(set(names)) != len(names):
        raise _fail(path, f"'arms': arm names must be unique, got {', '.join(names)}")
    for i, kpi in enumerate(spec.kpis):
        _check_name(path, f"kpis[{i}]", kpi, KPI_NAMES, "KPI")
    for i, state in enumerate(spec.heterogeneity):
        _check_name(path, f"heterogeneity[{i}]", state, SPLITTERS, "KPI or branch attribute")
    if spec.assignment.stratify_by is not None:
        _check_name(path, "assignment.stratify_by", spec.assignment.stratify_by, STRATIFIERS, "team state")

    scenario_path = _find_scenario(spec.scenario, path, "scenario")
    data = _scenario_data(scenario_path)
    data = validate_scenario(data, str(scenario_path)).model_dump(mode="json")
    run_days = days or spec.days or data["run"]["days"]
    data["run"]["days"] = run_days
    if spec.branches:
        data["run"]["branches"] = spec.branches
    data["campaigns"] = []
    base = apply_values(data, spec.overrides, f"{path}: [overrides] on {scenario_path.name}")

    arms = tuple(
        ResolvedArm(
            a.name,
            a.label or a.name.replace("_", " "),
            campaigns := _arm_campaigns(a, i, path, base),
            tuple((a.levels or {}).items()),
            a.contains or describe_campaigns(campaigns),
        )
        for i, a in enumerate(spec.arms)
    )
    # the control first: a factorial's reference-cell check would otherwise speak of a
    # mismatch instead of naming the unknown arm
    needs_control = spec.sensitivity is None or bool(spec.sensitivity.net_benefit)
    if needs_control or spec.control in names or spec.factorial is not None:
        _check_name(path, "control", spec.control, names, "arm")  # a pure sensitivity file may have none
    _check_factorial(path, spec)
    if spec.sensitivity is not None:
        for i, arm in enumerate(spec.sensitivity.contrast):
            _check_name(path, f"sensitivity.contrast[{i}]", arm, names, "arm")
        for i, kpi in enumerate(spec.sensitivity.outputs):
            _check_name(path, f"sensitivity.outputs[{i}]", kpi, KPI_NAMES, "KPI")
        for i, arm in enumerate(spec.sensitivity.net_benefit):
            _check_name(path, f"sensitivity.net_benefit[{i}]", arm, names, "arm")
            if arm == spec.control:
                raise _fail(
                    path, f"'sensitivity.net_benefit[{i}]' = {arm!r} is the control it is measured against"
                )
    for section in ("sweep", "sensitivity"):
        varied = getattr(spec, section)
        if varied is None:
            continue
        for i, param in enumerate(varied.parameters):
            key = f"{section}.parameters[{i}]"
            if section == "sensitivity" and param.values is not None:
                raise _fail(path, f"'{key}.values': a sensitivity analysis needs low and high, not values")
            if isinstance(varied, Sweep) and varied.design != "grid" and param.values is not None:
                raise _fail(path, f"'{key}.values': only a grid takes values; give low and high")
            probes = param.values or [param.low, param.high]
            for value in probes:
                where = f"{path}: {key}.path"
                if param.path.startswith(CAMPAIGN_PREFIX):
                    apply_campaign_values(
                        tuple((a.name, a.campaigns) for a in arms), {param.path: value}, base, where
                    )
                else:
                    apply_values(base, {param.path: value}, where)

    first_start = min((c["start_day"] for a in arms for c in a.campaigns), default=None)
    pre_spec = spec.periods.pre or Period(start=0, end=first_start or max(run_days // 4, 1))
    post_spec = spec.periods.post or Period(last=max(run_days // 4, 1))
    pre, post = pre_spec.days(run_days), post_spec.days(run_days)
    for key, (a, b) in (("periods.pre", pre), ("periods.post", post)):
        if b > run_days or a >= b:
            raise _fail(path, f"'{key}' = days {a}..{b - 1}: must lie within the run's {run_days} days")
    if first_start is not None and pre[1] > first_start:
        raise _fail(
            path,
            f"'periods.pre' ends on day {pre[1] - 1}, after the first campaign starts (day {first_start})",
        )
    if post[0] < pre[1]:
        raise _fail(path, f"'periods.post' (from day {post[0]}) overlaps 'periods.pre' (to day {pre[1] - 1})")

    money = _money_window(path, spec, first_start, run_days, days is not None)

    cli = {
        k: v for k, v in {"replicates": replicates, "days": days, "horizon": horizon}.items() if v is not None
    }
    return Experiment(
        path=path,
        file_sha256=hashlib.sha256(raw_bytes).hexdigest(),
        spec=spec,
        base=base,
        arms=arms,
        pre=pre,
        post=post,
        replicates=replicates or spec.replicates,
        days=run_days,
        overrides_cli=cli,
        money=money,
        discount_rate=spec.economics.discount_rate,
        archetype=archetype(scenario_path),
    )


def describe_campaigns(campaigns: tuple[dict[str, Any], ...]) -> str:
    """An arm's campaigns in words, with their days: "attitude_training days 30-59; ..."."""
    if not campaigns:
        return "no campaign"
    parts = []
    for c in campaigns:
        start, duration = c["start_day"], c.get("duration_days")
        when = f"days {start}-{start + duration - 1}" if duration else f"from day {start}, permanent"
        name = c.get("name")
        parts.append(f"{name} ({c['kind']}, {when})" if name else f"{c['kind']} ({when})")
    return "; ".join(parts)


def _check_factorial(path: Path, spec: ExperimentFile) -> None:
    """Every factorial arm names a level of every factor; each cell once; the control is the reference."""
    if spec.factorial is None:
        stray = [a.name for a in spec.arms if a.levels]
        if stray:
            raise _fail(
                path, f"'arms' {', '.join(stray)}: 'levels' needs a [factorial] section naming the factors"
            )
        return
    factors = spec.factorial.factors
    cells: dict[tuple[str, ...], str] = {}
    for i, arm in enumerate(spec.arms):
        if not arm.levels:
            continue
        where = f"arms[{i}] ({arm.name}).levels"  # the arm by name: indices count from 0
        for factor in arm.levels:
            _check_name(
                path, f"{where}.{factor}", factor, list(factors), "factor (the factors of [factorial])"
            )
        for factor, allowed in factors.items():
            if factor not in arm.levels:
                raise _fail(path, f"'{where}': arm {arm.name!r} gives no level of factor {factor!r}")
            _check_name(
                path,
                f"{where}.{factor}",
                arm.levels[factor],
                allowed,
                f"level of {factor} (the levels of [factorial].factors.{factor}; a typo may be there)",
            )
        cell = tuple(arm.levels[f] for f in factors)
        if cell in cells:
            raise _fail(path, f"'arms[{i}].levels': arms {cells[cell]!r} and {arm.name!r} are the same cell")
        cells[cell] = arm.name
    missing = [
        dict(zip(factors, cell, strict=True))
        for cell in itertools.product(*factors.values())
        if cell not in cells
    ]
    if missing:
        raise _fail(path, f"'factorial': no arm for the cell(s) {missing}; a full factorial needs every one")
    reference = tuple(levels[0] for levels in factors.values())
    if cells[reference] != spec.control:
        raise _fail(
            path,
            f"'factorial': the reference cell {dict(zip(factors, reference, strict=True))} is arm "
            f"{cells[reference]!r}, but 'control' is {spec.control!r}; they must be the same arm",
        )


#: the default money horizon: three model years
DEFAULT_HORIZON = 3 * DAYS_PER_YEAR


def _money_window(
    path: Path, spec: ExperimentFile, first_start: int | None, run_days: int, days_from_cli: bool
) -> tuple[int, int]:
    """Days the money counts: from the first campaign day over the horizon, inside the run."""
    start = first_start if first_start is not None else 0
    horizon = spec.economics.horizon_days
    if horizon is None:
        return start, min(start + DEFAULT_HORIZON, run_days)
    if start + horizon > run_days:
        where = "--days" if days_from_cli else "'days'"
        raise _fail(
            path,
            f"'economics.horizon_days' = {horizon}: from the first campaign day ({start}) the horizon "
            f"ends on day {start + horizon - 1}, after the run's {run_days} days; give {where} "
            f"{start + horizon} or more, or a shorter horizon (--horizon, or economics.horizon_days)",
        )
    return start, start + horizon


def resolve_experiment_path(name: str, directory: Path = Path("experiments")) -> Path:
    """A path, or a name in ./experiments (``training_trial`` -> experiments/training_trial.toml)."""
    return find_named_file(name, directory, "experiment", ExperimentError)
