"""compare and sweep warn when the control arm leaves the calibrated world, on the console and in
the report; a run inside the published ranges is silent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from campaign_sim.cli import main
from campaign_sim.experiments.pipeline import calibrated_world
from campaign_sim.outputs import KPI_NAMES

from .conftest import write_tiny

#: a researcher's harsh world: brutal market, a strong competitor, staff quick to quit
HARSH = """
[overrides]
"staff.quit_base" = 0.003
"company.market_pressure" = 1.0
"company.competitor_pull" = 2.0
"""


def harsh_tiny(folder: Path, **kwargs) -> Path:
    path = write_tiny(folder, **kwargs)
    path.write_text(path.read_text(encoding="utf-8") + HARSH, encoding="utf-8")
    return path


def invoke(*args: str):
    result = CliRunner().invoke(main, [*args, "--workers", "1", "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output  # a warning never changes the exit status
    return result.output


def test_compare_in_a_harsh_world_warns_on_the_console_and_in_the_report(tmp_path):
    out = tmp_path / "out"
    text = invoke("compare", str(harsh_tiny(tmp_path)), "--out", str(out))
    assert "outside the calibrated world" in text
    line = next(x for x in text.splitlines() if "! S3 voluntary staff turnover a year" in x)
    assert "control arm, 3 replicates" in line and "calibrated range 0.25 to 0.55" in line
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<h2>Outside the calibrated world</h2>" in report
    assert "S3 NRF/BLS JOLTS: 25-55%" in report
    table = pd.read_csv(out / "calibrated_world.csv")
    assert set(table["arm"]) == {"control"}
    assert table.loc[table["figure"] == "S3", "outside"].all()
    # resumed with nothing to run: the stored tables still carry the warning
    again = invoke("compare", str(harsh_tiny(tmp_path)), "--out", str(out))
    assert "tables and report were up to date" in again and "! S3 voluntary staff turnover" in again


def test_compare_inside_the_calibrated_world_is_silent(tmp_path):
    out = tmp_path / "out"
    text = invoke("compare", str(write_tiny(tmp_path)), "--out", str(out))
    assert "calibrated world" not in text
    assert "calibrated world" not in (out / "report.html").read_text(encoding="utf-8")
    table = pd.read_csv(out / "calibrated_world.csv")
    assert {"S3", "S4", "C4", "E1", "E2", "E3"} <= set(table["figure"]) and not table["outside"].any()


def test_sweep_names_the_point_that_leaves(tmp_path):
    out = tmp_path / "out"
    text = " ".join(invoke("sweep", str(harsh_tiny(tmp_path)), "--out", str(out)).split())
    assert "of 2 point(s)" in text
    assert "! point 1 (company.market_pressure = 0.7): S3 voluntary staff turnover" in text
    assert "1 (company.market_pressure = 0.7)" in (out / "report.html").read_text(encoding="utf-8")


def test_without_a_control_arm_in_the_runs_every_arm_is_checked():
    """The units are branches x replicates of each arm; the value is the ratio of their sums."""
    keys = [(arm, replicate, branch) for arm in ("a", "b") for replicate in (0, 1) for branch in (0, 1)]
    tidy = pd.DataFrame(0.0, index=range(len(keys)), columns=list(KPI_NAMES))
    tidy["arm"] = [arm for arm, _, _ in keys]
    tidy["replicate"] = [replicate for _, replicate, _ in keys]
    tidy["point"], tidy["counterfactual"], tidy["period"] = 0, False, "money"
    tidy["staff"] = 10.0
    tidy["quits"] = (tidy["arm"] == "b") * 0.03  # 10.95 quits a year on 10 posts in arm b, none in a
    experiment = {"days": 60, "money": [0, 60], "post": [40, 60], "archetype": "retail"}
    table = calibrated_world(tidy, experiment, control="control")
    s3 = table[table["figure"] == "S3"].set_index("arm")
    assert s3.loc["b", "value"] == 0.03 * 365 / 10 and s3.loc["b", "units"] == 4
    assert s3.loc["a", "value"] == 0.0 and s3.loc["a", "outside"] and s3.loc["b", "outside"]
