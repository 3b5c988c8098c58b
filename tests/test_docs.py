"""docs/ODD.md describes the code as it is: it names every parameter, mechanism function and
KPI, and every default quoted in its parameter tables is the code's default.

These tests fail when someone adds a parameter, a campaign field, a mechanism or a KPI
without documenting it, or changes a default without updating the ODD; when a state's survey
instrument (``measurement.py``) and its row in ODD 2.6 disagree; and when a file of the
repository points outside it (the development workspace's shared folder) or names a file the
repository does not have.

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
import subprocess
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from campaign_sim import config, kpis, measurement, mechanisms, scenario
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


# ---- (5) every state is tied to its survey instrument (ODD 2.6, measurement.py) ----------------
def _section(title: str) -> str:
    """The text of one ODD subsection, from its heading to the next heading or rule."""
    start = TEXT.index(title)
    ends = [TEXT.find(mark, start + len(title)) for mark in ("\n### ", "\n## ", "\n---")]
    return TEXT[start : min(e for e in ends if e != -1)]


def _state_rows(section: str, cells: int) -> dict[str, list[str]]:
    """Rows of a table in ``section`` with ``cells`` cells, keyed by the backticked state name."""
    rows = {}
    for line in section.splitlines():
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        first = re.match(r"^`(\w+)`", parts[0]) if line.startswith("| `") else None
        if first and len(parts) == cells:
            rows[first.group(1)] = parts
    return rows


MEASUREMENT = _section("### 2.6 Measurement")


@pytest.mark.parametrize("state", list(measurement.INSTRUMENTS))
def test_every_state_has_its_instrument_in_the_odd(state: str):
    entry = measurement.INSTRUMENTS[state]
    row = _state_rows(MEASUREMENT, 7).get(state)
    assert row is not None, f"docs/ODD.md 2.6 has no instrument row for `{state}`"
    _, instrument_cell, reference, mapping, norm, norm_unit, confidence = row
    author = re.split(r",| 1\d\d\d| 2\d\d\d", entry.reference)[0]
    assert author in reference, f"`{state}`: the ODD's reference does not name {author}"
    assert f"{entry.scale_min:g}-{entry.scale_max:g}" in instrument_cell, f"`{state}`: scale range"
    assert ("reversed" in instrument_cell.lower()) == entry.reversed, f"`{state}`: reversal"
    offset = "x" if entry.scale_min == 0 else f"(x-{entry.scale_min:g})"
    expected_map = ("1-" if entry.reversed else "") + f"{offset}/{entry.span:g}"
    assert mapping == f"${expected_map}$", f"`{state}`: map onto 0..1"
    assert confidence.startswith(entry.confidence), f"`{state}`: confidence"
    if entry.norm_sd is None:
        assert norm.startswith("none") and norm_unit == "none", f"`{state}`: no published norm"
    else:
        mean, sd = (float(v) for v in norm.split(","))
        assert (mean, sd) == (entry.norm_mean, entry.norm_sd), f"`{state}`: norm mean, SD"
        assert norm_unit == f"{entry.norm_sd_unit:.3f}", f"`{state}`: norm SD on 0..1"


@pytest.mark.parametrize("state", list(measurement.INSTRUMENTS))
def test_the_odds_spread_table_quotes_the_code_s_norm(state: str):
    entry = measurement.INSTRUMENTS[state]
    row = _state_rows(MEASUREMENT, 5).get(state)
    assert row is not None, f"docs/ODD.md 2.6: no row for `{state}` in the table of the model's spread"
    expected = "none" if entry.norm_sd_unit is None else f"{entry.norm_sd_unit:.3f}"
    assert row[1] == expected


# ---- (6) the evidence travels with the code: no pointer out of the repository -----------------
ROOT = ODD.parents[1]
TEXT_SUFFIXES = {".md", ".py", ".toml", ".txt", ".cff", ".cfg", ".yml", ".yaml", ".json", ".html", ".css"}
#: pointers to the development workspace outside the repository (built so this file holds none)
OUTSIDE = ("../" + "shared", "shared/" + "seed", "CALIBRATION" + ".md")
#: where a named file is looked for: the repository root, the package (``experiments/field.py``
#: names ``src/campaign_sim/experiments/field.py``) and docs/ (``EVIDENCE.md`` from the ODD)
LOOKUP = (ROOT, ROOT / "src" / "campaign_sim", ROOT / "docs")
#: a path with a folder (``docs/ODD.md``, ``src/campaign_sim/measurement.py``) or a bare document
#: name (``EVIDENCE.md``); bare module and scenario names are too often examples or temp files
NAMED_FILE = re.compile(r"(?<![\w./-])((?:[\w-]+/)+[\w-]+\.(?:md|py|toml|cff)|[\w-]+\.md)(?![\w/-])")
#: files named as examples of what a user writes or of a missing file, not as files of the repository
EXAMPLES = {"scenarios/my_trial.toml", "experiments/no_such_thing.toml"}
#: files the commands write into results/ (named in the docs, never in the repository)
EXAMPLES |= {"claims.md", "discover.md"}
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _repository_files() -> list[Path]:
    """The tracked text files (git), or every text file outside caches and virtualenvs."""
    try:
        listed = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        files = [ROOT / name for name in listed]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "results", "__pycache__", "node_modules"}
        files = [p for p in ROOT.rglob("*") if not skip & set(p.relative_to(ROOT).parts)]
    return [p for p in files if p.is_file() and (p.suffix in TEXT_SUFFIXES or p.name == "Makefile")]


REPOSITORY_FILES = _repository_files()


def test_the_repository_has_its_evidence_and_concept():
    assert (ROOT / "docs" / "EVIDENCE.md").is_file() and (ROOT / "docs" / "CONCEPT.md").is_file()
    assert len(REPOSITORY_FILES) > 50
    evidence = (ROOT / "docs" / "EVIDENCE.md").read_text(encoding="utf-8")
    ids = [f"S{i}" for i in range(1, 9)] + [f"C{i}" for i in range(1, 8)]
    ids += [f"E{i}" for i in range(1, 6)] + [f"I{i}" for i in range(1, 6)]
    missing = [i for i in ids if f"| {i} |" not in evidence]
    assert not missing, f"docs/EVIDENCE.md has no row for {missing}"


def test_no_file_points_outside_the_repository():
    found = []
    for path in REPOSITORY_FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(ROOT)}: {mark}" for mark in OUTSIDE if mark in text]
    assert not found, "pointers to files outside the repository:\n" + "\n".join(found)


def test_every_named_file_exists_in_the_repository():
    missing = []
    for path in REPOSITORY_FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        names = set(NAMED_FILE.findall(text))
        if path.suffix == ".md":
            names |= {
                link.split("#")[0]
                for link in MARKDOWN_LINK.findall(text)
                if not re.match(r"^(?:https?|mailto):|^#", link)
            }
        for name in names:
            if name in EXAMPLES or not name:
                continue
            if not any((base / name).exists() for base in (path.parent, *LOOKUP)):
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert not missing, "files named but not in the repository:\n" + "\n".join(sorted(missing))


# ---- section 8: each figure's basis (set / fitted / checked) as validate prints it --------------
def _chapter(title: str) -> str:
    """The text of one numbered ODD section (``## N. ...``), up to the next."""
    start = TEXT.index(f"\n## {title}")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start:end]


def test_odd_section_8_gives_each_figure_the_basis_validate_prints():
    """The table of section 8 has one row per validate target, with the same basis and a reason."""
    from campaign_sim.validation import TARGETS

    rows = {}
    for line in _chapter("8. Calibration and validation").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 6 and cells[0] not in ("check", "---"):
            rows[cells[0]] = cells
    assert set(rows) == {t.key for t in TARGETS}
    for t in TARGETS:
        basis, why = rows[t.key][4], rows[t.key][5]
        assert basis == t.basis, f"ODD section 8 says {t.key} is {basis}; validation.BASIS says {t.basis}"
        assert len(why) > 10, f"ODD section 8: {t.key} has no reason for its basis"
