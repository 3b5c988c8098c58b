"""Running plans: the same tables for any number of workers, resumption, reports from storage."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from campaign_sim.cli import main
from campaign_sim.experiments.definition import ExperimentError, load_experiment
from campaign_sim.experiments.pipeline import analyse, execute_plan
from campaign_sim.experiments.report import build_report
from campaign_sim.experiments.store import ResultStore

from .conftest import stored_tables, write_tiny


def test_tables_are_identical_for_1_2_and_3_workers(tiny: Path, tmp_path: Path):
    exp = load_experiment(tiny)
    tables = {}
    for workers in (1, 2, 3):
        out = tmp_path / f"w{workers}"
        summary = execute_plan(exp, "sweep", out, workers=workers)
        assert summary.ran == summary.total == 12
        tables[workers] = stored_tables(out)
    tidy1, series1 = tables[1]
    assert len(tidy1) == 12 * 6 * 4  # runs x branches x periods (pre, post, money, follow_up)
    for workers in (2, 3):
        tidy, series = tables[workers]
        pd.testing.assert_frame_equal(tidy, tidy1, check_exact=True)
        pd.testing.assert_frame_equal(series, series1, check_exact=True)


def test_a_second_call_resumes_and_reruns_only_what_is_missing(tiny: Path, tmp_path: Path):
    exp = load_experiment(tiny)
    out = tmp_path / "out"
    execute_plan(exp, "compare", out, workers=1)
    reference, _ = stored_tables(out)
    store = ResultStore(out)
    parts = sorted((out / "runs").glob("*.parquet"))
    kept = {p: p.stat().st_mtime_ns for p in parts[2:]}
    for lost in parts[:2]:
        lost.unlink()
    (out / "runs" / ".half-written.parquet.tmp").write_bytes(b"PAR1 cut")  # a write killed midway

    summary = execute_plan(exp, "compare", out, workers=1)
    assert (summary.done_before, summary.ran) == (len(parts) - 2, 2)
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # stored runs are not redone
    assert not list((out / "runs").glob(".*.tmp"))
    again, _ = stored_tables(out)
    pd.testing.assert_frame_equal(again, reference, check_exact=True)
    manifest = store.read_manifest()
    assert manifest["status"] == "complete"
    assert [s["runs_done"] for s in manifest["invocations"]] == [len(parts), 2]
    assert manifest["experiment"]["file_sha256"] and manifest["replicate_seeds"] == exp.seeds()


def test_more_replicates_reuse_stored_runs(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    execute_plan(load_experiment(tiny, replicates=2), "compare", out, workers=1)
    summary = execute_plan(load_experiment(tiny, replicates=3), "compare", out, workers=1)
    assert (summary.done_before, summary.ran, summary.stale_removed) == (4, 2, 0)
    # fewer days: a different plan, whose old runs are removed rather than mixed in
    summary = execute_plan(load_experiment(tiny, days=40), "compare", out, workers=1)
    assert (summary.done_before, summary.ran, summary.stale_removed) == (0, 6, 6)


def test_results_of_another_command_are_not_overwritten(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    execute_plan(load_experiment(tiny, replicates=1), "compare", out, workers=1)
    with pytest.raises(ExperimentError, match="holds results of `compare`"):
        execute_plan(load_experiment(tiny, replicates=1), "sweep", out, workers=1)


def test_runs_send_back_aggregates_unless_full_series_is_asked_for(tiny: Path, tmp_path: Path):
    exp = load_experiment(tiny, replicates=1)
    execute_plan(exp, "compare", tmp_path / "small", workers=1)
    assert not (tmp_path / "small" / "branch_series").exists()
    execute_plan(exp, "compare", tmp_path / "full", workers=1, full_series=True)
    full = pd.read_parquet(tmp_path / "full" / "branch_series")
    assert len(full) == 2 * 60 * 6  # runs x days x branches
    assert {"arm", "profit", "fear_of_boss"} <= set(full.columns)


def test_report_is_self_contained_and_rebuilt_from_storage(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["compare", str(tiny), "--out", str(out), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "report:" in result.output and "behaviour" in result.output
    page = (out / "report.html").read_text()
    assert page.count("data:image/png;base64,") >= 4
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched from a network
    for name in ("forest.png", "trajectories.png", "staff_states.png", "customers.png", "heterogeneity.png"):
        assert (out / "figures" / name).stat().st_size > 10_000
    assert "95% CI" in page and "difference in differences" in page
    # the heterogeneity table is formatted like the others, not a DataFrame dump
    assert "Split by fear" in page and 'class="dataframe"' not in page and "<th>ci_low</th>" not in page
    effects = (out / "effects.csv").read_bytes()

    (out / "effects.csv").unlink()
    (out / "report.html").unlink()
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "effects.csv").read_bytes() == effects
    assert (out / "report.html").is_file()


def test_report_of_a_partial_run_says_what_is_missing(tiny: Path, tmp_path: Path):
    out = tmp_path / "out"
    execute_plan(load_experiment(tiny), "compare", out, workers=1)
    next((out / "runs").glob("*-all-*.parquet")).unlink()
    analysis = analyse(out)
    assert analysis.missing == 1
    assert "not stored yet" in build_report(analysis).read_text()


def test_sweep_and_sensitivity_commands(tmp_path: Path):
    from .conftest import REPO

    tiny = write_tiny(tmp_path, replicates=2, mode="paired", days=40)
    result = CliRunner().invoke(
        main, ["sweep", str(tiny), "--out", str(tmp_path / "s"), "--workers", "1", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "arms: what each one contains" in result.output  # what an arm label may not say
    assert "the effects on 1 more KPI (pride) are in effects.csv" in " ".join(result.output.split())
    assert "over 2 replicate seeds (not over parameters)" in " ".join(result.output.split())
    summary = pd.read_csv(tmp_path / "s" / "effects.csv")
    assert set(summary["company.market_pressure"]) == {0.1, 0.7}
    assert (tmp_path / "s" / "figures" / "sweep_effects.png").is_file()
    per_point = pd.read_csv(tmp_path / "s" / "summary.csv")
    assert {"company.market_pressure", "arm", "kpi", "level", "effect", "ci_low"} <= set(per_point.columns)
    assert len(per_point) == 2 * 3 * len(per_point["kpi"].unique())  # points x arms x KPIs

    text = (REPO / "experiments" / "sensitivity.toml").read_text()
    text = text.replace("../scenarios/", f"{REPO.as_posix()}/scenarios/").replace(
        "samples = 32", "samples = 4"
    )
    text = text.replace("post = { last = 91 }", "post = { last = 10 }")
    # wages move both arms alike: they must be named as cancelling out, not ranked as a small index
    text += '\n[[sensitivity.parameters]]\npath = "company.wage_per_day"\nlow = 50.0\nhigh = 90.0\n'
    sens = tmp_path / "sens.toml"
    sens.write_text(text)
    args = [
        "sensitivity",
        str(sens),
        "--out",
        str(tmp_path / "i"),
        "--days",
        "40",
        "--workers",
        "1",
        "--quiet",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    indices = pd.read_csv(tmp_path / "i" / "indices.csv")
    assert set(indices["output"]) == {"profit", "loyalty"}
    assert {"S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"} <= set(indices.columns)
    assert "first-order S1" in result.output
    wages = indices[indices["parameter"] == "company.wage_per_day"]
    assert wages["cancels"].all() and wages["rank_best"].isna().all()
    others = indices[indices["parameter"] != "company.wage_per_day"]
    assert not others["cancels"].any() and (others["rank_best"] <= others["rank_worst"]).all()
    assert "cancels out of the contrast" in result.output
    report = (tmp_path / "i" / "report.html").read_text()
    assert "company.wage_per_day cancels out of this output" in report
    assert "Design: Sobol (Saltelli's sampling, N = 4" in report and "Cohen's d" not in report


def test_sweep_of_the_control_alone(tmp_path: Path):
    """A sweep with one arm (no comparison, as in a sensitivity study of one design) runs to its
    report: no money table to fill, no effect to narrate, no legend to draw."""
    tiny = write_tiny(tmp_path, replicates=2, mode="paired", days=40)
    text = tiny.read_text()
    text = text[: text.index('[[arms]]\nname = "behaviour"')] + text[text.index("[sweep]") :]
    tiny.write_text(text)
    out = tmp_path / "s"
    result = CliRunner().invoke(main, ["sweep", str(tiny), "--out", str(out), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").is_file()
    assert pd.read_csv(out / "economics.csv").empty
    levels = pd.read_csv(out / "summary.csv")
    assert set(levels["arm"]) == {"control"}
