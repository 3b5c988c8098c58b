"""Scenario files: the shipped ones validate, ``extends`` merges, bad input gives an actionable error.

Errors must name the file, the key and what is allowed, and the command line
must turn them into exit status 2 with the message on stderr and no traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from campaign_sim import ScenarioError, load_scenario
from campaign_sim.cli import main
from campaign_sim.kpis import KPI_NAMES
from campaign_sim.scenario_io import read_scenario_dict

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.toml"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- shipped scenarios -------------------------------------------------------


def test_scenarios_are_shipped():
    assert len(SHIPPED) >= 10
    assert SCENARIOS / "baseline.toml" in SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenario_validates(path):
    """Every shipped file loads, validates and is named after its file."""
    sc = load_scenario(path)
    assert sc.name == path.stem
    assert sc.description


def test_shipped_chain_merges():
    """broken_promise -> fearful_behaviour_training -> behaviour_training -> baseline."""
    sc = load_scenario(SCENARIOS / "broken_promise.toml")
    assert sc.run.days == 365 and sc.run.branches == 20  # from baseline
    assert sc.branches.fear_of_boss.mean == 0.6  # from fearful_behaviour_training
    assert sc.branches.leadership_support.mean == 0.3
    assert [c.kind for c in sc.campaigns] == ["behaviour_training", "promise"]  # own list replaces parent's
    assert sc.campaigns[1].level == 0.8


# ---- extends -----------------------------------------------------------------


def test_extends_deep_merges_tables_and_replaces_lists(tmp_path):
    """Child values override, sibling keys of merged tables survive, lists are replaced whole."""
    write(
        tmp_path / "grand.toml",
        """
name = "grand"
[run]
days = 50
branches = 4
[company]
market_pressure = 0.5
competitor_pull = 2.0
[branches]
fear_of_boss = { mean = 0.6, between_sd = 0.2, within_sd = 0.05 }
[[campaigns]]
kind = "promise"
level = 0.3
[[campaigns]]
kind = "leadership"
support = 0.9
""",
    )
    write(
        tmp_path / "sub" / "parent.toml",
        """
extends = "../grand.toml"
name = "parent"
[company]
market_pressure = 0.6
[branches.fear_of_boss]
mean = 0.7
""",
    )
    child = write(
        tmp_path / "sub" / "child.toml",
        """
extends = "parent.toml"
[run]
days = 40
[[campaigns]]
kind = "behaviour_training"
ability_gain = 0.1
""",
    )
    sc = load_scenario(child)
    assert sc.name == "child"  # a child without a name is named after its own file
    assert (sc.run.days, sc.run.branches) == (40, 4)
    assert sc.company.market_pressure == 0.6
    assert sc.company.competitor_pull == 2.0
    fob = sc.branches.fear_of_boss
    assert (fob.mean, fob.between_sd, fob.within_sd) == (0.7, 0.2, 0.05)
    assert [c.kind for c in sc.campaigns] == ["behaviour_training"]
    assert sc.campaigns[0].ability_gain == 0.1
    raw = read_scenario_dict(child)
    assert "extends" not in raw


def test_run_overrides(tmp_path):
    """days, branches and seed given to load_scenario win over the file; None keeps it."""
    sc = load_scenario(SCENARIOS / "baseline.toml", days=12, branches=None, seed=9)
    assert (sc.run.days, sc.run.branches, sc.run.seed) == (12, 20, 9)


@pytest.mark.parametrize("self_loop", [True, False])
def test_extends_cycle(tmp_path, self_loop):
    a = tmp_path / "a.toml"
    if self_loop:
        write(a, 'extends = "a.toml"\n')
    else:
        write(a, 'extends = "b.toml"\n')
        write(tmp_path / "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(ScenarioError, match="cycle"):
        load_scenario(a)


def test_extends_missing_parent_names_it(tmp_path):
    child = write(tmp_path / "child.toml", 'extends = "nowhere.toml"\n')
    with pytest.raises(ScenarioError) as err:
        load_scenario(child)
    assert "nowhere.toml" in str(err.value) and "no such scenario file" in str(err.value)


def test_extends_must_be_a_string(tmp_path):
    child = write(tmp_path / "child.toml", "extends = 3\n")
    with pytest.raises(ScenarioError, match="'extends' must be a file name"):
        load_scenario(child)


# ---- bad input ---------------------------------------------------------------

#: (file text, fragments the message must contain: file name is checked separately)
BAD = {
    "unknown_key": (
        "[company]\nmarket_presure = 0.3\n",
        [
            "unknown key 'company.market_presure'",
            "did you mean 'market_pressure'",
            "Allowed here:",
            "promise_level",
        ],
    ),
    "unknown_top_key": ('nmae = "x"\n', ["unknown key 'nmae'", "did you mean 'name'"]),
    "unknown_campaign_key": (
        '[[campaigns]]\nkind = "behaviour_training"\nabilty_gain = 0.3\n',
        ["unknown key 'campaigns[0].abilty_gain'", "did you mean 'ability_gain'", "days_off_floor"],
    ),
    "unknown_spread_key": (
        "[branches.pride]\nmeen = 0.3\nmean = 0.3\n",
        ["unknown key 'branches.pride.meen'", "did you mean 'mean'"],
    ),
    "wrong_type": ('[run]\ndays = "many"\n', ["'run.days' = 'many'", "valid integer"]),
    "below_range": (
        "[company]\nmarket_pressure = -0.1\n",
        ["'company.market_pressure' = -0.1", "greater than or equal to 0"],
    ),
    "above_range": (
        "[company]\nmarket_pressure = 1.5\n",
        ["'company.market_pressure' = 1.5", "less than or equal to 1"],
    ),
    "days_zero": ("[run]\ndays = 0\n", ["'run.days' = 0", "greater than or equal to 1"]),
    "unknown_kind": (
        '[[campaigns]]\nkind = "bonus"\n',
        [
            "'campaigns[0].kind' = 'bonus'",
            "unknown campaign kind",
            "behaviour_training",
            "attitude_training",
            "incentive_scheme",
            "leadership",
            "promise",
        ],
    ),
    "bad_selector_keys": (
        '[[campaigns]]\nkind = "promise"\nbranches = { shar = 0.5 }\n',
        ["campaigns[0]", "branches must be 'all', a list of ids, {share = x} or {first = i, count = n}"],
    ),
    "bad_selector_share": (
        '[[campaigns]]\nkind = "promise"\nbranches = { share = 1.5 }\n',
        ["campaigns[0]", "branches.share must be within 0..1"],
    ),
    "bad_selector_word": (
        '[[campaigns]]\nkind = "promise"\nbranches = "some"\n',
        ["campaigns[0].branches", "'some'", 'must be "all", a list of branch ids'],
    ),
    "fear_weights": (
        "[staff]\nfear_weight_customers = 0.6\nfear_weight_boss = 0.5\n",
        ["'staff'", "fear_weight_customers + fear_weight_boss must be at most 1"],
    ),
    "invalid_toml": ("[run\ndays = 3\n", ["not valid TOML"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_message(tmp_path, case):
    """ScenarioError names the file, the key and what is allowed."""
    text, fragments = BAD[case]
    path = write(tmp_path / f"{case}.toml", text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message, (fragment, message)


def test_missing_file(tmp_path):
    path = tmp_path / "absent.toml"
    with pytest.raises(ScenarioError, match="no such scenario file") as err:
        load_scenario(path)
    assert str(path) in str(err.value)


def test_every_problem_is_listed(tmp_path):
    """Several mistakes in one file: each gets its own line."""
    path = write(tmp_path / "many.toml", "[run]\ndays = 0\nbranches = -1\n[company]\ngross_margin = 2\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    lines = str(err.value).splitlines()
    assert any("run.days" in ln for ln in lines)
    assert any("run.branches" in ln for ln in lines)
    assert any("company.gross_margin" in ln for ln in lines)


# ---- command line ------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch):
    """Invoke the CLI in-process from the project root."""
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("command", ["check", "run"])
@pytest.mark.parametrize("case", ["unknown_key", "out_of_range", "invalid_toml", "missing"])
def test_cli_bad_scenario_exits_2(cli, tmp_path, command, case):
    """Bad scenarios give exit status 2, the message on stderr, nothing on stdout, no traceback."""
    text = {
        "unknown_key": "[company]\nmarket_presure = 0.3\n",
        "out_of_range": "[company]\nmarket_pressure = 1.5\n",
        "invalid_toml": "[run\n",
        "missing": None,
    }[case]
    path = tmp_path / "bad.toml"
    if text is not None:
        write(path, text)
    extra = ["--out", tmp_path / "x.parquet"] if command == "run" else []
    result = cli(command, path, *extra)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    stderr = _flat(result.stderr)
    assert stderr.startswith("error:") and "bad.toml" in stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not (tmp_path / "x.parquet").exists()


@pytest.mark.parametrize("command", ["check", "run"])
def test_cli_subprocess_no_traceback(tmp_path, command):
    """The installed entry point: exit 2, message on stderr naming key and suggestion, no traceback."""
    bad = write(tmp_path / "bad.toml", "[company]\nmarket_presure = 0.3\n")
    exe = Path(sys.executable).with_name("campaign-sim")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "campaign_sim.cli"]
    proc = subprocess.run(
        [*cmd, command, str(bad)], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stdout == ""
    err = _flat(proc.stderr)
    assert str(bad) in err and "market_presure" in err and "did you mean 'market_pressure'" in err


def test_cli_check_good(cli):
    result = cli("check", SCENARIOS / "combined.toml")
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert out.startswith("ok") and "scenario 'combined'" in out and "3 campaign(s)" in out


def test_cli_check_by_name(cli):
    """A bare name resolves to ./scenarios/<name>.toml."""
    result = cli("check", "baseline")
    assert result.exit_code == 0, result.output
    assert "scenario 'baseline'" in _flat(result.stdout)


def _column(table: str, index: int) -> str:
    """The text of one column of a rich table, folded lines joined."""
    rows = [line.split("│")[1:-1] for line in table.splitlines() if line.startswith("│")]
    return "".join(cells[index].strip() for cells in rows)


def test_cli_scenarios_lists_all(cli):
    """Every shipped file is listed, and each as valid."""
    result = cli("scenarios")
    assert result.exit_code == 0, result.output
    files = _column(result.stdout, 0)
    for path in SHIPPED:
        assert path.name in files
    assert _column(result.stdout, 3) == "yes" * len(SHIPPED)


def test_cli_scenarios_flags_invalid(cli, tmp_path):
    """An invalid file in the folder is listed as invalid and the command exits 2."""
    write(tmp_path / "good.toml", 'name = "good"\n')
    write(tmp_path / "bad.toml", "[company]\nmarket_pressure = 3\n")
    result = cli("scenarios", "--dir", tmp_path)
    assert result.exit_code == 2
    assert _column(result.stdout, 0) == "bad.tomlgood.toml"
    assert _column(result.stdout, 3) == "noyes"


def _run(cli, out: Path, *extra):
    result = cli("run", SCENARIOS / "baseline.toml", "--days", 20, "--branches", 3, "--out", out, *extra)
    assert result.exit_code == 0, result.output + str(result.exception)
    return result


def test_cli_run_writes_parquet(cli, tmp_path):
    """One row per day and branch with every KPI, metadata with the seed, and the speed line."""
    out = tmp_path / "tmp" / "x.parquet"
    result = _run(cli, out)
    frame = pd.read_parquet(out)
    assert len(frame) == 20 * 3
    assert list(frame.columns) == ["day", "branch", *KPI_NAMES]
    assert sorted(set(zip(frame["day"], frame["branch"], strict=True))) == [
        (d, b) for d in range(20) for b in range(3)
    ]
    assert np.isfinite(frame[list(KPI_NAMES)].to_numpy()).all()
    meta = pq.read_schema(out).metadata
    assert meta[b"seed"] == b"1"
    out_text = _flat(result.stdout)
    assert re.search(
        r"Simulated [\d,]+ employees and [\d,]+ customers over 20 days in [\d.]+ s: "
        r"[\d.]+ million agent-steps/s$",
        out_text,
    ), out_text[-300:]


def test_cli_run_seed(cli, tmp_path):
    """--seed changes the numbers; the same seed reproduces them exactly."""
    frames = {}
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        out = tmp_path / f"{name}.parquet"
        _run(cli, out, "--seed", seed, "--quiet")
        frames[name] = pd.read_parquet(out)
    pd.testing.assert_frame_equal(frames["a"], frames["b"])
    assert not frames["a"]["revenue"].equals(frames["c"]["revenue"])
    assert pq.read_schema(tmp_path / "c.parquet").metadata[b"seed"] == b"6"
