"""Warnings when a run leaves the calibrated world: figures from KPI arrays, annualised right,
named when outside their published range, silent for the shipped baseline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from campaign_sim import plausibility
from campaign_sim.cli import main
from campaign_sim.kpis import KPI_INDEX
from campaign_sim.model import CampaignModel
from campaign_sim.outputs import KPI_NAMES
from campaign_sim.plausibility import BY_KEY, PUBLISHED, RATIOS, check, outside, ratio, window_means
from campaign_sim.scenario_io import archetype, load_scenario
from campaign_sim.simulation import check_baseline

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def harsh_file(tmp_path: Path) -> Path:
    """A researcher's harsh world: brutal market, a strong competitor, staff quick to quit."""
    path = tmp_path / "harsh_world.toml"
    path.write_text(
        f'extends = "{(SCENARIOS / "baseline.toml").as_posix()}"\nname = "harsh_world"\n'
        "[company]\nmarket_pressure = 1.0\ncompetitor_pull = 2.0\n[staff]\nquit_base = 0.003\n"
    )
    return path


def synthetic(days: int, branches: int, **daily: float) -> np.ndarray:
    """A (day, kpi, branch) KPI array with the given constant value of each named KPI per day."""
    values = np.zeros((days, len(KPI_NAMES), branches), np.float32)
    for name, value in daily.items():
        values[:, KPI_INDEX[name], :] = value
    return values


def test_turnover_is_annualised_from_any_window():
    """20 staff, 2 quits in 73 days per branch: 10 quits a year on 20 posts = 0.5 a year."""
    values = synthetic(73, 3, staff=20.0)
    values[[10, 50], KPI_INDEX["quits"], :] = 1.0
    value, low, high, units = ratio(window_means(values, 0, 73), "S3")
    assert value == pytest.approx(0.5)
    assert (low, high, units) == (pytest.approx(0.5), pytest.approx(0.5), 3)  # branches alike: no spread


def test_attrition_absence_and_shares_from_known_arrays():
    """Yearly attrition (2 of 500 customers lost in 73 days = 2%), absence share and P&L shares."""
    values = synthetic(
        73, 2, staff=10.0, absence_days=0.5, active_customers=500.0, revenue=1000.0, profit=30.0,
        wages=150.0, absence_cover=10.0, cost_of_goods=600.0,
    )  # fmt: skip
    values[0, KPI_INDEX["churned"], :] = 2.0
    means = window_means(values, 0, 73)
    assert ratio(means, "C4")[0] == pytest.approx(2 / 500 * 365 / 73)
    assert ratio(means, "S4")[0] == pytest.approx(0.05)
    assert ratio(means, "E1")[0] == pytest.approx(0.03)
    assert ratio(means, "E2")[0] == pytest.approx(0.16)
    assert ratio(means, "E3")[0] == pytest.approx(0.6)
    assert ratio(means, "E4")[0] == pytest.approx(370 / 400)  # operating cost / income net of goods
    assert ratio(means, "E5")[0] == pytest.approx(160 / 370)


def test_outside_needs_the_whole_interval_beyond_the_range():
    """Branches that differ widely give an interval that reaches into the range: no warning; the
    same mean with branches alike is clearly outside."""
    alike = synthetic(365, 4, staff=10.0, quits=0.03)  # 10.95 quits a year on 10 posts
    found = check(window_means(alike, 0, 365), "retail", "a year")
    s3 = next(m for m in found if m.figure.key == "S3")
    assert s3.value == pytest.approx(1.095, rel=1e-5) and s3.outside
    spread = synthetic(365, 4, staff=10.0)
    spread[:, KPI_INDEX["quits"], :] = np.array([0.0, 0.0, 0.0, 0.12], np.float32)
    s3 = ratio(window_means(spread, 0, 365), "S3")
    assert s3[0] == pytest.approx(1.095, rel=1e-5) and s3[1] < BY_KEY["S3"].high
    assert "S3" not in {m.figure.key for m in outside(check(window_means(spread, 0, 365), "retail", "y"))}


def test_every_kpi_figure_has_a_published_range_and_an_archetype():
    assert set(RATIOS) == {p.key for p in PUBLISHED if p.archetypes}
    assert {"S3", "S4", "C4"} <= {p.key for p in PUBLISHED if p.archetypes == ("retail", "bank")}


def test_archetype_follows_the_extends_chain(tmp_path):
    child = tmp_path / "my_bank.toml"
    child.write_text(f'extends = "{(SCENARIOS / "bank_branch.toml").as_posix()}"\n')
    assert archetype(child) == "bank"
    assert archetype(SCENARIOS / "bank_branch.toml") == "bank"
    assert archetype(SCENARIOS / "attitude_training.toml") == "retail"
    assert archetype(harsh_file(tmp_path)) == "retail"


def test_harsh_world_warns_and_names_turnover(tmp_path):
    out = tmp_path / "harsh.parquet"
    args = [
        "run",
        str(harsh_file(tmp_path)),
        "--days",
        "120",
        "--branches",
        "4",
        "--quiet",
        "--out",
        str(out),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output  # a warning, not an error
    assert "outside the calibrated world" in result.output
    line = next(x for x in result.output.splitlines() if "! S3 voluntary staff turnover a year" in x)
    assert "calibrated range 0.25 to 0.55 (S3 NRF/BLS JOLTS: 25-55%)" in line
    assert "days 0-119, no campaign" in line


def test_shipped_baseline_is_silent(tmp_path):
    args = [
        "run",
        "baseline",
        "--days",
        "120",
        "--branches",
        "4",
        "--quiet",
        "--out",
        str(tmp_path / "b.parquet"),
    ]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "calibrated world" not in result.output


def test_with_campaigns_only_the_days_before_the_first_one_are_the_baseline():
    sc = load_scenario(SCENARIOS / "broken_promise.toml", days=90, branches=3)
    model = CampaignModel(sc, seed=1).run()
    checked = check_baseline(model, sc, "retail")
    start = min(c.start_day for c in sc.campaigns)
    assert checked.window == f"days 0-{start - 1}, before the first campaign"
    assert {m.window for m in checked.measured} == {checked.window}
    assert "E1" in {m.figure.key for m in checked.measured}


def test_bank_runs_are_held_to_the_bank_figures():
    sc = load_scenario(SCENARIOS / "bank_branch.toml", days=60, branches=3)
    keys = {m.figure.key for m in check_baseline(CampaignModel(sc, seed=1).run(), sc, "bank").measured}
    assert {"E4", "E5", "S3", "C4"} <= keys and not keys & {"E1", "E3", "C7a"}
    assert plausibility.MARGIN["bank"] == "E4"


def test_a_campaign_from_day_0_leaves_no_baseline_and_says_so(tmp_path):
    path = tmp_path / "day0.toml"
    path.write_text(
        f'extends = "{(SCENARIOS / "baseline.toml").as_posix()}"\n'
        '[[campaigns]]\nkind = "attitude_training"\nstart_day = 0\nduration_days = 5\n'
    )
    out = str(tmp_path / "d.parquet")
    args = ["run", str(path), "--days", "30", "--branches", "2", "--quiet", "--out", out]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "baseline not checked against the calibrated ranges: a campaign starts on day 0" in result.output
    assert "outside the calibrated world" not in result.output
