"""Reading scenario files: TOML, ``extends`` chains, and errors a strategist can act on."""

from __future__ import annotations

import difflib
import tomllib
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .plausibility import Archetype
from .scenario import Scenario


class ScenarioError(ValueError):
    """A scenario file cannot be used; the message names file, key and what is allowed."""


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
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
    return deep_merge(base, data)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold (through lists, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _tag_of(model: type[BaseModel]) -> tuple[str, ...]:
    """A union member's discriminator values (its ``kind`` literal), if it has one."""
    field = model.model_fields.get("kind")
    return typing.get_args(field.annotation) if field is not None else ()


def model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that holds the field at ``loc``'s end (for 'did you mean' and allowed keys).

    Walks lists (integer steps), unions and discriminated unions, where pydantic
    puts the tag (a campaign's ``kind``) into the location.
    """
    candidates = [root]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        tagged = [m for m in candidates if part in _tag_of(m)]
        if tagged:
            candidates = tagged
            continue
        candidates = [
            m
            for c in candidates
            if part in c.model_fields
            for m in _models_in(c.model_fields[part].annotation)
        ]
        if not candidates:
            return None
    return candidates[0] if len(candidates) == 1 else None


def _field_names(root: type[BaseModel]) -> set[str]:
    """Every field name of every model reachable from ``root``."""
    names: set[str] = set()
    todo, seen = [root], set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            names.add(name)
            todo.extend(_models_in(field.annotation))
    return names


#: whether error lines quote what a file gave (off in a server others can reach: see
#: :func:`quote_values`); key paths the model knows and what is allowed are always named
_QUOTE_VALUES = True


def quote_values(on: bool) -> None:
    """Let error messages quote values and unknown keys from files (on), or name only known keys (off).

    ``campaign-sim ui`` switches it off for the whole server process when others can
    connect, so that a visitor never reads back a value of a file through a message.
    """
    global _QUOTE_VALUES
    _QUOTE_VALUES = bool(on)


def describe_error(error: dict[str, Any], root: type[BaseModel]) -> str:
    """One line for one pydantic error: the dotted key, what was given and what is allowed."""
    if not _QUOTE_VALUES:
        return _describe_without_values(error, root)
    loc = tuple(error["loc"])
    # pydantic puts union members (a campaign's kind, 'dict[str,float]') into the location:
    # a user sees only list positions and real keys (and the unknown key itself)
    names = _field_names(root)
    unknown = loc[-1:] if error["type"] == "extra_forbidden" else ()
    shown = [p for p in loc[: len(loc) - len(unknown)] if isinstance(p, int) or p in names] + list(unknown)
    key = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in shown).replace(".[", "[")
    kind = error["type"]
    if kind == "extra_forbidden":
        model = model_at(root, loc)
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        listing = f" Allowed here: {', '.join(allowed)}." if allowed else ""
        return f"unknown key '{key}'{hint}{listing}"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        return f"'{key}.kind' = {ctx.get('tag', '')!r}: unknown campaign kind; allowed: {expected}"
    if kind == "missing":
        return f"'{key}' is required"
    message = error["msg"].removeprefix("Value error, ")
    if "input" in error and not isinstance(error["input"], dict | list):
        return f"'{key}' = {error['input']!r}: {message}"
    return f"'{key}': {message}" if key else message


def _describe_without_values(error: dict[str, Any], root: type[BaseModel]) -> str:
    """One line that names only keys the model defines and what they allow, never a value or unknown key.

    A custom validator's text may contain values, so only pydantic's own checks
    (whose texts state the rule: "less than or equal to 1") keep their wording.
    """
    loc = tuple(error["loc"])
    names = _field_names(root)
    known = loc[:-1] if error["type"] == "extra_forbidden" else loc
    shown = [p for p in known if isinstance(p, int) or p in names]
    key = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in shown).replace(".[", "[")
    kind = error["type"]
    where = f"'{key}'" if key else "the top level"
    if kind == "extra_forbidden":
        model = model_at(root, loc)
        allowed = sorted(model.model_fields) if model else []
        listing = f" Allowed here: {', '.join(allowed)}." if allowed else ""
        return f"an unknown key under {where}.{listing}"
    if kind == "union_tag_invalid":
        expected = str(error.get("ctx", {}).get("expected_tags", "")).replace("'", "")
        return f"{where}: unknown campaign kind; allowed: {expected}"
    if kind == "missing":
        return f"{where} is required"
    if kind in ("value_error", "assertion_error"):
        return f"{where}: this value is not allowed here"
    return f"{where}: {error['msg']}"


def describe_errors(err: ValidationError, root: type[BaseModel]) -> list[str]:
    """One line per problem.  A value that fits none of a union's forms (a branch selector)
    gives one line saying what the field accepts, not one line per form."""
    names = _field_names(root)
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for error in err.errors():
        loc = tuple(error["loc"])
        last = max((i for i, p in enumerate(loc) if isinstance(p, int) or p in names), default=-1)
        field_loc = loc if error["type"] == "extra_forbidden" else loc[: last + 1]
        grouped.setdefault(field_loc, []).append(error)
    lines = []
    for field_loc, group in grouped.items():
        first = describe_error(group[0], root)
        if len(group) == 1:
            lines.append(first)
            continue
        holder = model_at(root, field_loc)
        field = holder.model_fields.get(field_loc[-1]) if holder and field_loc else None
        forms = " or ".join(describe_error(e, root).split(": ", 1)[-1] for e in group)
        allowed = field.description if field is not None and field.description else forms
        lines.append(f"{first.split(': ', 1)[0]}: must be {allowed}")
    return lines


def find_named_file(
    name: str, directory: Path, what: str, error: type[ScenarioError] = ScenarioError
) -> Path:
    """A path as given, or ``name`` (with or without .toml) in ``directory``."""
    path = Path(name)
    if path.is_file():
        return path
    candidate = directory / (name if name.endswith(".toml") else f"{name}.toml")
    if candidate.is_file():
        return candidate
    raise error(f"{name}: no such {what} file (nor {candidate})")


def validate_scenario(data: dict[str, Any], source: str = "<scenario>") -> Scenario:
    """Validate raw data; raise :class:`ScenarioError` listing every problem."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        lines = describe_errors(err, Scenario)
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


#: the scenario file that defines the bank archetype; a bank scenario extends it (README)
BANK_ARCHETYPE_FILE = "bank_branch.toml"


def archetype(path: str | Path) -> Archetype:
    """``"bank"`` if the file is or extends ``bank_branch.toml``, else ``"retail"``.

    The two sector archetypes are defined by their files (``retail_store.toml``,
    ``bank_branch.toml``); which published P&L figures a run is held to follows from them.
    """
    path = Path(path)
    seen: set[Path] = set()
    while path.is_file() and path.resolve() not in seen:
        if path.name == BANK_ARCHETYPE_FILE:
            return "bank"
        seen.add(path.resolve())
        try:
            parent = tomllib.loads(path.read_text(encoding="utf-8")).get("extends")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return "retail"
        if not isinstance(parent, str):
            return "retail"
        path = path.parent / parent
    return "retail"
