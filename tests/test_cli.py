"""The command line end to end: validate's table and exit status, per-agent snapshots."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from campaign_sim.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_validate_prints_every_figure_and_passes(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["validate", "--seeds", "2", "--branches", "6"])
    assert result.exit_code == 0, result.output
    figures = ("S1_0", "S1_182", "S1_365", "S3", "S4", "C2", "C3a", "C3b", "C4", "C7a", "C7b")
    for figure in (*figures, "E1", "E2", "E3", "E4", "E5"):
        assert figure in result.output
    text = " ".join(result.output.split())
    assert "16 of 16 figures inside their published range" in text
    assert "16 figures: 6 set, 10 fitted, 0 checked" in text
    assert "default parameters" in text and "validate --ensemble calibration/ensemble.csv" in text
    assert "outside its range" not in text


def test_validate_fails_when_a_figure_is_out_of_range(tmp_path, monkeypatch):
    """A scenario folder whose baseline absences are far too high makes validate exit 1.

    The folder holds the parent `baseline` extends (`retail_store`) but no `bank_branch`,
    so the bank figures are skipped.
    """
    for name in ("retail_store", "baseline", "behaviour_training"):
        (tmp_path / f"{name}.toml").write_text((ROOT / "scenarios" / f"{name}.toml").read_text())
    with (tmp_path / "baseline.toml").open("a") as f:
        f.write("\n[staff]\nabsence_base = 0.3\n")
    result = CliRunner().invoke(main, ["validate", "--seeds", "2", "--branches", "4", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "FAIL" in result.output
    text = " ".join(result.output.split())
    assert "outside its range: S4 (absence" in text
    assert "not measured (no bank_branch.toml" in text
    assert "E4 (" not in text and "E5 (" not in text  # skipped, not failed


def test_run_writes_agent_snapshots_when_asked(tmp_path):
    scenario = tmp_path / "snap.toml"
    scenario.write_text(
        f'extends = "{(ROOT / "scenarios" / "baseline.toml").as_posix()}"\n[run]\nsnapshot_every = 5\n'
    )
    out = tmp_path / "series.parquet"
    args = ["run", str(scenario), "--days", "10", "--branches", "2", "--out", str(out), "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    agents = pd.read_parquet(tmp_path / "series_agents.parquet")
    assert sorted(agents["day"].unique()) == [5, 10]
    assert {"fear_of_boss", "pride", "effect_awareness", "engagement"} <= set(agents.columns)
    assert len(pd.read_parquet(out)) == 10 * 2


def test_run_profile_prints_every_process_of_the_day(tmp_path):
    """--profile prints one row per process of day.DAY with its seconds."""
    from click.testing import CliRunner

    from campaign_sim.cli import main
    from campaign_sim.day import DAY

    result = CliRunner().invoke(
        main,
        [
            "run",
            "scenarios/baseline.toml",
            "--days",
            "5",
            "--branches",
            "2",
            "--quiet",
            "--profile",
            "--out",
            str(tmp_path / "b.parquet"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "time per process of the day" in result.output
    for process in DAY:
        assert process.what[:30] in " ".join(result.output.split())
