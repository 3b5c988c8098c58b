"""Reading scenario files: TOML, ``extends`` chains, and errors a strategist can act on."""

from __future__ import annotations

import difflib
import tomllib
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .config import Scenario


class ScenarioError(ValueError):
    """A scenario file cannot be used; the message names file, key and what is allowed."""


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_scenario_dict(path: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Raw scenario data with every ``extends`` resolved (parents first, then overrides)."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError(f"{path}: no such scenario file")
    if path.resolve() in _seen:
        raise ScenarioError(f"{path}: 'extends' forms a cycle")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{path}: not valid TOML: {err}") from None
    data.setdefault("name", path.stem)  # a child without a name is named after its file
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ScenarioError(f"{path}: key 'extends' must be a file name (a string)")
    parent_path = (path.parent / parent).resolve()
    base = read_scenario_dict(parent_path, (*_seen, path.resolve()))
    return _deep_merge(base, data)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that holds the field at ``loc``'s parent (for name suggestions)."""
    model: Any = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", {})
        if part in fields:
            annotation = fields[part].annotation
            if typing.get_origin(annotation) is list:
                continue  # a list's items (campaigns) are resolved by their kind tag next
            model = annotation if isinstance(annotation, type) else None
        else:
            # a campaign kind tag from a discriminated union
            from . import config

            model = next(
                (
                    cls
                    for cls in (
                        config.BehaviourTraining,
                        config.AttitudeTraining,
                        config.IncentiveScheme,
                        config.Leadership,
                        config.Promise,
                    )
                    if cls.model_fields["kind"].annotation.__args__[0] == part
                ),
                None,
            )
        if model is None:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _describe(error: dict[str, Any]) -> str:
    loc = tuple(error["loc"])
    key = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc if p not in _KIND_TAGS).replace(
        ".[", "["
    )
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _model_at(loc)
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        listing = f" Allowed here: {', '.join(allowed)}." if allowed else ""
        return f"unknown key '{key}'{hint}{listing}"
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", "")
        return f"'{key}.kind' = {tag!r}: unknown campaign kind; allowed: {', '.join(_KIND_TAGS)}"
    if kind == "missing":
        return f"'{key}' is required"
    given = error.get("input")
    return f"'{key}' = {given!r}: {error['msg']}"


_KIND_TAGS = ("behaviour_training", "attitude_training", "incentive_scheme", "leadership", "promise")


def validate_scenario(data: dict[str, Any], source: str = "<scenario>") -> Scenario:
    """Validate raw data; raise :class:`ScenarioError` listing every problem."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        lines = [_describe(e) for e in err.errors()]
        raise ScenarioError(f"{source}: " + "\n".join(["invalid scenario", *lines])) from None


def load_scenario(path: str | Path, **run_overrides: int | None) -> Scenario:
    """Load and validate a scenario file; ``days``, ``branches``, ``seed`` may override it."""
    path = Path(path)
    data = read_scenario_dict(path)
    if any(v is not None for v in run_overrides.values()):
        run = dict(data.get("run", {}))
        run.update({k: v for k, v in run_overrides.items() if v is not None})
        data["run"] = run
    return validate_scenario(data, str(path))
