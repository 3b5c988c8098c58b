"""The calibration definition (``experiments/calibration.toml``): method, priors and targets.

Why a file: the split of the targets into *fitted* and *checked* must be written down (and
committed) before any result is seen, and a rerun must use exactly the same settings.  Every
mistake is refused with one message naming the file, the key and what is allowed.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..scenario import Scenario
from ..scenario_io import ScenarioError
from .statistics import TARGETS, needed_scenarios


class CalibrationError(ScenarioError):
    """Bad calibration input: the command line prints it as one message and exits 2."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Method(_Strict):
    """ABC-SMC settings (pyabc)."""

    name: Literal["abc-smc"] = "abc-smc"
    population_size: int = Field(150, ge=2, le=100_000)
    budget_runs: int = Field(10_000, ge=1)
    max_generations: int = Field(12, ge=1, le=1000)
    min_acceptance_rate: float = Field(0.01, gt=0, le=1)
    epsilon_quantile: float = Field(0.5, gt=0, le=1)


class Runs(_Strict):
    """What one parameter set runs: the retail pack and the bank pack, on fixed seeds."""

    branches: int = Field(8, ge=1, le=5000)
    seeds: list[int] = Field(default_factory=lambda: [1, 2], min_length=1)
    retail: list[str] = Field(
        default_factory=lambda: ["baseline", "behaviour_training", "attitude_training", "effect_incentives"],
        min_length=1,
    )
    retail_days: int = Field(426, ge=1)
    bank: str | None = "bank_branch"
    bank_days: int = Field(365, ge=1)
    effect_scale: Literal["norm_sd"] = "norm_sd"

    @model_validator(mode="after")
    def _distinct(self) -> Runs:
        if len(set(self.seeds)) != len(self.seeds) or any(s < 0 for s in self.seeds):
            raise ValueError("runs.seeds must be distinct non-negative integers")
        if len(set(self.retail)) != len(self.retail):
            raise ValueError("runs.retail names a scenario twice")
        return self

    @property
    def per_parameter_set(self) -> int:
        """Model runs (one company, one seed) that one parameter set costs in the ABC: the retail
        pack (the bank pack holds only checked figures and runs once per final member)."""
        return len(self.seeds) * len(self.retail)

    @property
    def per_member(self) -> int:
        """Model runs of the bank pack, run once for every member of the final ensemble."""
        return len(self.seeds) * (self.bank is not None)


class Parameter(_Strict):
    """One uncertain parameter: a dotted scenario path with a uniform prior."""

    path: str
    low: float
    high: float
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Parameter:
        if not self.low < self.high:
            raise ValueError(f"{self.path}: low ({self.low}) must be below high ({self.high})")
        return self


class Target(_Strict):
    """One published figure: its id (see ``statistics.TARGETS``), range and role."""

    id: str
    low: float
    high: float
    role: Literal["fitted", "checked"]
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _known(self) -> Target:
        if self.id not in TARGETS:
            raise ValueError(f"unknown target id '{self.id}'; allowed: {', '.join(TARGETS)}")
        if not self.low < self.high:
            raise ValueError(f"target {self.id}: low ({self.low}) must be below high ({self.high})")
        return self

    @property
    def what(self) -> str:
        return TARGETS[self.id].what


class Definition(_Strict):
    """The whole calibration: method, runs, parameters, targets."""

    method: Method = Method()
    runs: Runs = Runs()
    parameters: list[Parameter] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Definition:
        paths = [p.path for p in self.parameters]
        if len(set(paths)) != len(paths):
            raise ValueError("a parameter path is given twice")
        ids = [t.id for t in self.targets]
        if len(set(ids)) != len(ids):
            raise ValueError("a target id is given twice")
        if not any(t.role == "fitted" for t in self.targets):
            raise ValueError("no target has role 'fitted': nothing to calibrate against")
        for target in self.targets:
            missing = needed_scenarios(target.id) - set(self.runs.retail)
            if TARGETS[target.id].pack == "bank" and self.runs.bank is None:
                raise ValueError(f"target {target.id} needs runs.bank")
            if TARGETS[target.id].pack == "bank" and target.role == "fitted":
                raise ValueError(
                    f"target {target.id} is a bank figure: the bank pack runs only for the final "
                    "ensemble, so its figures can only be checked"
                )
            if missing:
                raise ValueError(
                    f"target {target.id} needs runs.retail to include {', '.join(sorted(missing))}"
                )
        return self

    @property
    def fitted(self) -> list[Target]:
        return [t for t in self.targets if t.role == "fitted"]

    @property
    def checked(self) -> list[Target]:
        return [t for t in self.targets if t.role == "checked"]


def check_paths(definition: Definition, scenario: Scenario, source: Path) -> None:
    """Every parameter path must be a scenario key, and its prior inside the key's bounds."""
    for p in definition.parameters:
        for value in (p.low, p.high):
            try:
                scenario.with_changes({p.path: value})
            except KeyError as err:
                raise CalibrationError(f"{source}: parameters: {err.args[0]}") from None
            except ValidationError as err:
                first = err.errors()[0]
                raise CalibrationError(
                    f"{source}: parameters: {p.path} = {value} is not allowed: {first['msg']}"
                ) from None


def _where(loc: tuple, data: dict) -> str:
    """'parameters[2].low' from pydantic's location, with the path or id of list items."""
    parts: list[str] = []
    node: object = data
    for item in loc:
        if isinstance(item, int):
            label = ""
            if isinstance(node, list) and item < len(node) and isinstance(node[item], dict):
                label = node[item].get("path") or node[item].get("id") or ""
            parts[-1] += f"[{item}]" + (f" ({label})" if label else "")
            node = node[item] if isinstance(node, list) and item < len(node) else None
        else:
            parts.append(str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts)


def load_definition(path: Path) -> Definition:
    """Read and validate a calibration file; any mistake raises :class:`CalibrationError`."""
    if not path.is_file():
        raise CalibrationError(f"{path}: no such calibration file")
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as err:
        raise CalibrationError(f"{path}: not valid TOML: {err}") from None
    try:
        return Definition.model_validate(data)
    except ValidationError as err:
        lines = []
        for e in err.errors()[:5]:
            where = _where(e["loc"], data) or "the file"
            msg = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbidden":
                msg = "unknown key"
            elif e["type"] == "literal_error":
                msg = f"{msg} (got {e.get('input')!r})"
            lines.append(f"{where}: {msg}")
        raise CalibrationError(f"{path}: invalid calibration definition\n" + "\n".join(lines)) from None


def definition_hash(path: Path) -> str:
    """sha256 of the file's bytes: a resumed run must use the file it started with."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
