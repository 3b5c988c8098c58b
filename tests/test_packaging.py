"""The files that make the repository citable and licensed agree with pyproject.toml and the package."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

import campaign_sim

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_license_file_is_the_mit_license_pyproject_declares():
    text = (ROOT / "LICENSE").read_text()
    assert PROJECT["license"] == "MIT"
    assert text.startswith("MIT License") and "campaign-sim contributors" in text


def test_citation_matches_the_package():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == PROJECT["version"] == campaign_sim.__version__
    assert cff["license"] == PROJECT["license"]
    assert cff["authors"] == [{"name": "campaign-sim contributors"}]
    assert cff["title"] and cff["message"]


def test_import_linter_is_pinned_and_run_by_make_test():
    assert "import-linter==2.16" in PROJECT["optional-dependencies"]["test"]
    assert "import-linter==2.16" in (ROOT / "constraints.txt").read_text().splitlines()
    make_test = (ROOT / "Makefile").read_text().split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert make_test.index("lint-imports") < make_test.index("pytest")
