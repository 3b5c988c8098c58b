"""A visitor's scenario file, read in memory only: capped in size, never written to disk, never echoed.

In a server others can reach (the workshop room, ``--host`` beyond the loopback)
an upload is the only way in for a file.  It is parsed from the bytes the
browser sent; ``extends`` may name only a shipped scenario (no path on the
server is ever opened for a visitor); messages name keys and rules, never a
value of the file, and never a path of the server.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..scenario import Scenario
from ..scenario_io import ScenarioError, deep_merge, read_scenario_dict, validate_scenario

#: largest accepted upload; the shipped scenario files have 1-4 KB
UPLOAD_LIMIT_BYTES = 256 * 1024


class UploadTooLarge(ScenarioError):
    """The file is larger than :data:`UPLOAD_LIMIT_BYTES` (the page says so in its language)."""


def _toml_problem(err: tomllib.TOMLDecodeError) -> str:
    """Where the TOML is broken (line and column), without quoting the text."""
    where = re.search(r"\(at line \d+, column \d+\)|\(at end of document\)", str(err))
    return "not valid TOML" + (f" {where.group()}" if where else "")


def _label(name: str) -> str:
    """The visitor's own file name, cut to its last part and a sane length (it is theirs to see)."""
    return (Path(name).name or "scenario.toml")[:80]


def parse_upload(name: str, content: bytes, shipped_dir: Path) -> Scenario:
    """The scenario in ``content``; :class:`ScenarioError` says what is wrong without quoting it."""
    label = _label(name)
    if len(content) > UPLOAD_LIMIT_BYTES:
        raise UploadTooLarge(f"{label}: larger than {UPLOAD_LIMIT_BYTES // 1024} KB")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(f"{label}: not a UTF-8 text file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{label}: {_toml_problem(err)}") from None
    data.setdefault("name", Path(label).stem)
    parent = data.pop("extends", None)
    if parent is not None:
        shipped = sorted(p.stem for p in shipped_dir.glob("*.toml")) if shipped_dir.is_dir() else []
        stem = parent.removesuffix(".toml") if isinstance(parent, str) else None
        if stem not in shipped:
            raise ScenarioError(
                f"{label}: 'extends' must name a shipped scenario: {', '.join(shipped) or 'none shipped'}"
            )
        data = deep_merge(read_scenario_dict(shipped_dir / f"{stem}.toml"), data)
    return validate_scenario(data, label)
