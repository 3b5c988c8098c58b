"""docs/ODD.md describes the code as it is: it names every parameter, mechanism function and
KPI, and every default quoted in its parameter tables is the code's default.

These tests fail when someone adds a parameter, a campaign field, a mechanism or a KPI
without documenting it, or changes a default without updating the ODD.

Parameter tables follow one format: a row has one cell holding exactly one backticked dotted
key, ``section.field`` (``staff.pride_decay``, ``branches.ability.mean``), ``kind.field`` for a
campaign parameter (``promise.level``), ``campaigns.field`` for a field every campaign kind
shares, or ``module.CONSTANT`` followed by `` (constant)``; the next cell is the default
(a number, ``none`` or a quoted string; for a ``Spread`` the next three cells are ``mean``,
``between_sd`` and ``within_sd``).  Rows whose next cell is not such a value are not
parameter rows (state variables, KPIs, streams) and are ignored.
"""

from __future__ import annotations

import importlib
import inspect
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from campaign_sim import config, kpis, mechanisms, scenario
from campaign_sim.campaigns import SPECS

ODD = Path(__file__).resolve().parents[1] / "docs" / "ODD.md"
TEXT = ODD.read_text(encoding="utf-8")
BACKTICKED = set(re.findall(r"`([^`\n]+)`", TEXT))

SECTIONS: dict[str, type[BaseModel]] = {
    "run": config.RunConfig,
    "company": config.CompanyConfig,
    "branches": config.BranchesConfig,
    "staff": config.StaffBehaviour,
    "customers": config.CustomerBehaviour,
    "model": scenario.ModelConfig,
}
CAMPAIGN_CLASSES: tuple[type[BaseModel], ...] = typing.get_args(typing.get_args(scenario.Campaign)[0])
CAMPAIGNS: dict[str, type[BaseModel]] = {
    typing.get_args(cls.model_fields["kind"].annotation)[0]: cls for cls in CAMPAIGN_CLASSES
}
assert CAMPAIGNS == SPECS  # the scenario's union is built from the registered kinds
COMMON_CAMPAIGN_FIELDS = tuple(config.CampaignSpec.model_fields)

KEY_CELL = re.compile(r"^(?:campaign )?`([A-Za-z_]\w*(?:\.\w+)+)`(?: \(constant\))?$")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
QUOTED = re.compile(r'^"([^"]*)"$')


# ---- (1) every parameter field is named -------------------------------------------------------
def _documented_fields() -> list[tuple[str, str, tuple[str, ...]]]:
    """(owner, field, accepted prefixes) for every parameter field of the scenario."""
    fields = [(name, f, (name,)) for name, model in SECTIONS.items() for f in model.model_fields]
    fields += [("Spread", f, ()) for f in config.Spread.model_fields]
    fields += [
        (kind, f, (kind, "campaigns")) for kind, model in CAMPAIGNS.items() for f in model.model_fields
    ]
    return fields


DOCUMENTED_FIELDS = _documented_fields()


@pytest.mark.parametrize(
    ("owner", "field", "prefixes"), DOCUMENTED_FIELDS, ids=[f"{o}.{f}" for o, f, _ in DOCUMENTED_FIELDS]
)
def test_every_parameter_is_named_in_the_odd(owner: str, field: str, prefixes: tuple[str, ...]):
    names = {field} | {f"{prefix}.{field}" for prefix in prefixes}
    assert names & BACKTICKED, f"{owner}: parameter `{field}` is not documented in docs/ODD.md"


def test_every_campaign_kind_is_named_in_the_odd():
    missing = [kind for kind in CAMPAIGNS if kind not in BACKTICKED]
    assert not missing, f"campaign kinds not documented in docs/ODD.md: {missing}"


# ---- (2) every mechanism function is named ----------------------------------------------------
MECHANISM_FUNCTIONS = [name for name in mechanisms.__all__ if not inspect.isclass(getattr(mechanisms, name))]


def test_mechanism_list_is_not_empty():
    assert len(MECHANISM_FUNCTIONS) >= 20
    assert "Encounters" not in MECHANISM_FUNCTIONS


@pytest.mark.parametrize("name", MECHANISM_FUNCTIONS)
def test_every_mechanism_function_is_named_in_the_odd(name: str):
    assert name in BACKTICKED, f"mechanism function `{name}` is not documented in docs/ODD.md"


# ---- (3) every KPI is named -------------------------------------------------------------------
@pytest.mark.parametrize("name", list(kpis.KPIS))
def test_every_kpi_is_named_in_the_odd(name: str):
    assert name in BACKTICKED, f"KPI `{name}` is not documented in docs/ODD.md"


# ---- (4) defaults in the parameter tables are the code's defaults -----------------------------
_MISSING = object()


def _field_default(model: type[BaseModel], field: str):
    info = model.model_fields.get(field)
    if info is None:
        return _MISSING
    return info.get_default(call_default_factory=True)


def _code_default(key: str):
    """The code's default for a documented key, or ``_MISSING`` if the key does not exist."""
    parts = key.split(".")
    if len(parts) >= 2 and parts[-1].isupper():  # a module constant, e.g. campaigns.EVALUATION_DELAY
        try:
            module = importlib.import_module("campaign_sim." + ".".join(parts[:-1]))
        except ImportError:
            return _MISSING
        return getattr(module, parts[-1], _MISSING)
    if parts[0] in SECTIONS and len(parts) >= 2:
        value: object = scenario.Scenario()
        for part in parts:
            if not isinstance(value, BaseModel) or part not in type(value).model_fields:
                return _MISSING
            value = getattr(value, part)
        return value
    if len(parts) == 2 and parts[0] in CAMPAIGNS:
        return _field_default(CAMPAIGNS[parts[0]], parts[1])
    if len(parts) == 2 and parts[0] == "campaigns" and parts[1] in COMMON_CAMPAIGN_FIELDS:
        defaults = {repr(_field_default(model, parts[1])) for model in CAMPAIGN_CLASSES}
        assert len(defaults) == 1, f"`{key}`: the campaign kinds differ ({defaults}); document each kind"
        return _field_default(CAMPAIGN_CLASSES[0], parts[1])
    return _MISSING


def _value(cell: str):
    """A table cell as a default value, or ``_MISSING`` if the cell is not a value."""
    if NUMBER.match(cell):
        return float(cell)
    if cell == "none":
        return None
    if cell == "{}":
        return {}
    quoted = QUOTED.match(cell)
    return quoted.group(1) if quoted else _MISSING


def _parameter_rows() -> list[tuple[int, str, list[str]]]:
    """(line number, key, cells after the key) of every parameter-table row."""
    rows = []
    for number, line in enumerate(TEXT.splitlines(), start=1):
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        for i, cell in enumerate(cells):
            match = KEY_CELL.match(cell)
            if match:
                rest = cells[i + 1 :]
                if rest and _value(rest[0]) is not _MISSING:
                    rows.append((number, match.group(1), rest))
                break
    return rows


PARAMETER_ROWS = _parameter_rows()


def _same(documented, code) -> bool:
    if documented is None or isinstance(documented, str | dict):
        return documented == code
    return not isinstance(code, bool) and isinstance(code, int | float) and float(code) == documented


@pytest.mark.parametrize(("line", "key", "cells"), PARAMETER_ROWS, ids=[k for _, k, _ in PARAMETER_ROWS])
def test_documented_default_is_the_code_default(line: int, key: str, cells: list[str]):
    code = _code_default(key)
    assert code is not _MISSING, f"ODD.md:{line}: `{key}` is not a parameter or constant of the code"
    if isinstance(code, config.Spread):
        documented = [_value(c) for c in cells[:3]]
        expected = [code.mean, code.between_sd, code.within_sd]
        assert all(_same(d, e) for d, e in zip(documented, expected, strict=True)), (
            f"ODD.md:{line}: `{key}` documented as {documented}, code has {expected}"
        )
    else:
        documented = _value(cells[0])
        assert _same(documented, code), f"ODD.md:{line}: `{key}` documented as {cells[0]}, code has {code!r}"


def test_every_parameter_has_a_default_row():
    """Every scenario parameter (campaign ``kind`` aside) has a row in a parameter table."""
    keys = {key for _, key, _ in PARAMETER_ROWS}
    missing = [f"{name}.{f}" for name, model in SECTIONS.items() for f in model.model_fields]
    missing = [key for key in missing if key not in keys]
    for kind, model in CAMPAIGNS.items():
        for f in model.model_fields:
            if f == "kind" or f"{kind}.{f}" in keys:
                continue
            overridden = f in inspect.get_annotations(model)  # the kind redefines the field
            if f in COMMON_CAMPAIGN_FIELDS and not overridden and f"campaigns.{f}" in keys:
                continue
            missing.append(f"{kind}.{f}")
    assert not missing, f"parameters without a default row in docs/ODD.md: {missing}"


def test_parameter_tables_are_parsed():
    """Guard against a format change that would silently skip every row."""
    assert len(PARAMETER_ROWS) >= 120


# ---- section 8: each figure's basis (set / fitted / checked) as validate prints it --------------
def _section(title: str) -> str:
    start = TEXT.index(f"\n## {title}")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start:end]


def test_odd_section_8_gives_each_figure_the_basis_validate_prints():
    """The table of section 8 has one row per validate target, with the same basis and a reason."""
    from campaign_sim.validation import TARGETS

    rows = {}
    for line in _section("8. Calibration and validation").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 6 and cells[0] not in ("check", "---"):
            rows[cells[0]] = cells
    assert set(rows) == {t.key for t in TARGETS}
    for t in TARGETS:
        basis, why = rows[t.key][4], rows[t.key][5]
        assert basis == t.basis, f"ODD section 8 says {t.key} is {basis}; validation.BASIS says {t.basis}"
        assert len(why) > 10, f"ODD section 8: {t.key} has no reason for its basis"
