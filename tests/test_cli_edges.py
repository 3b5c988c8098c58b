"""The command line at its edges: each bad input ends in one message and exit status 2, before work starts.

Also the experiment commands' recovery paths (damaged parts and manifests, a resumed
experiment with nothing left to do) and the options added for them.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import campaign_sim.experiments.pipeline as pipeline
import campaign_sim.experiments.report as report_module
import campaign_sim.simulation as simulation
from campaign_sim.cli import common, main
from campaign_sim.experiments.definition import ExperimentError, load_experiment

ROOT = Path(__file__).resolve().parents[1]
BASELINE = (ROOT / "scenarios" / "baseline.toml").as_posix()

#: two arms in four branches over forty days, two replicates: two runs, a second or two
SMALL = f"""
name = "small"
scenario = "{BASELINE}"
seed = 5
replicates = 2
days = 40
branches = 4
kpis = ["profit", "loyalty"]

[assignment]
mode = "randomised"
stratify_by = "fear"
counterfactual = false

[periods]
pre = {{ start = 0, end = 10 }}
post = {{ last = 10 }}

[[arms]]
name = "control"

[[arms]]
name = "attitude"
campaigns = [{{ kind = "attitude_training", start_day = 10, duration_days = 10 }}]
"""


def invoke(*args: object, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


def one_line(text: str) -> str:
    return " ".join(text.split())


def assert_clean_failure(result, *needles: str) -> None:
    """Exit 2, no traceback, and every needle in the message."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for needle in needles:
        assert needle in one_line(result.output), result.output


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exp") / "small.toml"
    path.write_text(SMALL)
    return path


@pytest.fixture(scope="module")
def finished(small_file: Path, tmp_path_factory) -> Path:
    """A completed compare of the small experiment (copy it before changing anything)."""
    out = tmp_path_factory.mktemp("done") / "out"
    result = invoke("compare", small_file, "--out", out, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def copy_of(finished: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(finished, out)
    return out


# ---- run --out -----------------------------------------------------------------------------------


def _no_simulation(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the scenario was simulated before --out was checked")

    monkeypatch.setattr(simulation, "run_scenario", refuse)


def test_run_out_under_a_regular_file_fails_before_simulating(tmp_path, monkeypatch):
    _no_simulation(monkeypatch)
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file")
    out = blocker / "sub" / "run.parquet"
    result = invoke("run", "baseline", "--days", 5, "--branches", 1, "--out", out, "--quiet")
    assert_clean_failure(result, str(blocker), "is a file, not a folder", "--out")


def test_run_out_that_is_a_folder_fails_before_simulating(tmp_path, monkeypatch):
    _no_simulation(monkeypatch)
    result = invoke("run", "baseline", "--days", 5, "--branches", 1, "--out", tmp_path, "--quiet")
    assert_clean_failure(result, "is a directory")  # click's own check of the option


def test_run_out_creates_missing_folders(tmp_path):
    out = tmp_path / "new" / "deeper" / "run.parquet"
    result = invoke("run", "baseline", "--days", 5, "--branches", 1, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out)) == 5


def test_run_closing_line_stays_on_one_line_in_a_pipe(tmp_path):
    """CliRunner's output is no terminal: rich would wrap at 80 columns; the line is longer."""
    out = tmp_path / "run.parquet"
    result = invoke("run", "baseline", "--days", 5, "--branches", 2, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    closing = [line for line in result.output.splitlines() if line.startswith("Simulated ")]
    assert len(closing) == 1 and closing[0].endswith("million agent-steps/s"), result.output
    assert len(closing[0]) > 80


def test_run_in_a_real_pipe_keeps_the_closing_line_whole(tmp_path):
    out = tmp_path / "run.parquet"
    command = [sys.executable, "-m", "campaign_sim.cli", "run", "baseline", "--days", "3", "--branches", "1"]
    done = subprocess.run(
        [*command, "--out", str(out), "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert any(
        line.startswith("Simulated ") and line.endswith("agent-steps/s") for line in done.stdout.splitlines()
    ), done.stdout


# ---- validate from anywhere ----------------------------------------------------------------------


def test_validate_works_from_another_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./scenarios here: the repository's are used
    result = invoke("validate", "--seeds", 2, "--branches", 3)
    assert result.exit_code in (0, 1), result.output  # 1: a figure off in so few branches
    assert "figures inside their published range" in one_line(result.output)
    assert str(ROOT / "scenarios") in one_line(result.output)


def test_validate_without_any_scenario_folder_names_both_and_suggests_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(common, "SHIPPED_SCENARIOS", tmp_path / "nowhere")
    result = invoke("validate", "--seeds", 2)
    assert_clean_failure(result, str(tmp_path / "scenarios"), str(tmp_path / "nowhere"), "--dir")


def test_validate_dir_that_does_not_exist(tmp_path):
    result = invoke("validate", "--dir", tmp_path / "missing")
    assert_clean_failure(result, "no such folder of scenario files")


@pytest.mark.parametrize("command", ["validate", "scenarios"])
def test_dir_option_has_help_text(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    help_text = one_line(result.output)
    assert "--dir DIRECTORY Folder" in help_text
    assert "else the repository's scenarios/" in help_text


def test_scenarios_lists_the_shipped_folder_from_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("scenarios")
    assert result.exit_code == 0, result.output
    assert "baseline.toml" in result.output


# ---- experiment options and errors ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_cluster_without_a_scheduler_is_one_quick_message(small_file, tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    start = time.perf_counter()
    result = invoke("compare", small_file, "--out", tmp_path / "out", "--cluster", address)
    seconds = time.perf_counter() - start
    assert_clean_failure(result, f"--cluster {address}", "no Dask scheduler answers", "dask scheduler")
    assert f"dask worker {address}" in one_line(result.output)
    assert seconds < 20
    assert not (tmp_path / "out" / "runs").exists()  # nothing planned or stored


def test_days_too_short_names_the_shortest_that_works(small_file, tmp_path):
    result = invoke("compare", small_file, "--days", 12, "--out", tmp_path / "out")
    assert_clean_failure(result, "--days 12 is too short", "the shortest that works is --days 20")
    assert load_experiment(small_file, days=20).days == 20
    with pytest.raises(ExperimentError):
        load_experiment(small_file, days=19)


def test_compare_branches_overrides_every_run(small_file, tmp_path):
    out = tmp_path / "out"
    result = invoke("compare", small_file, "--branches", 6, "--out", out, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    tidy = pd.read_parquet(out / "tidy.parquet")
    assert tidy.groupby("replicate")["branch"].nunique().eq(6).all()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["experiment"]["cli_overrides"]["branches"] == 6


def test_branches_fewer_than_arms_in_a_randomised_design_is_refused(small_file, tmp_path):
    result = invoke("compare", small_file, "--branches", 1, "--out", tmp_path / "out")
    assert_clean_failure(result, "--branches 1", "at least one branch per arm (2 arms)")


@pytest.mark.parametrize("command", ["compare", "sweep", "sensitivity"])
def test_every_experiment_command_has_branches(command):
    result = invoke(command, "--help")
    assert "--branches INTEGER" in result.output


def test_check_describes_an_experiment_file(small_file):
    result = invoke("check", small_file)
    assert result.exit_code == 0, result.output
    text = one_line(result.output)
    assert "experiment 'small'" in text and "2 replicates" in text and "4 branches" in text
    assert "control (control)" in text and "no campaign" in text
    cells = "".join(c for c in result.output if c not in " │\n")  # table cells wrap their words
    assert "attitude_training(days10-19)" in cells
    assert "money from day 10" in text
    assert "campaign-sim compare │ 1 │ 2" in text  # 1 design point, 2 runs


def test_check_finds_an_experiment_by_name(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = invoke("check", "training_trial")
    assert result.exit_code == 0, result.output
    assert "campaign-sim compare │ 1 │ 10" in one_line(result.output)


def test_check_of_a_missing_name_names_both_folders(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "no_such_thing")
    assert_clean_failure(result, "no such scenario or experiment file", "experiments/no_such_thing.toml")


def test_check_reports_a_broken_experiment_file(small_file, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(small_file.read_text().replace('kpis = ["profit", "loyalty"]', 'kpis = ["proft"]'))
    result = invoke("check", bad)
    assert_clean_failure(result, "invalid experiment", "did you mean 'profit'?")


# ---- damaged results ------------------------------------------------------------------------------


def _parts(out: Path, kind: str) -> list[Path]:
    return sorted((out / kind).glob("*.parquet"))


def test_a_truncated_part_is_set_aside_and_its_run_run_again(copy_of, finished):
    victim = _parts(copy_of, "runs")[0]
    victim.write_bytes(victim.read_bytes()[:100])
    exp_file = Path(json.loads((finished / "manifest.json").read_text())["experiment"]["file"])
    result = invoke("compare", exp_file, "--out", copy_of, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    assert f"{victim}: damaged" in one_line(result.output)
    assert (copy_of / "damaged" / "runs" / victim.name).is_file()
    assert (copy_of / "damaged" / "series" / victim.name).is_file()  # the whole run goes
    assert "1 runs in" in result.output and "(1 found done)" in result.output
    pd.testing.assert_frame_equal(
        pd.read_csv(copy_of / "effects.csv"), pd.read_csv(finished / "effects.csv"), check_exact=True
    )


def test_damage_inside_a_part_is_found_when_read_and_the_run_repeated(copy_of, finished):
    """Magic bytes intact, a data page overwritten: only reading the part finds it."""
    victim = _parts(copy_of, "series")[-1]
    data = bytearray(victim.read_bytes())
    data[200:1200] = bytes(b ^ 0xFF for b in data[200:1200])
    victim.write_bytes(bytes(data))
    (copy_of / "analysis.json").unlink()  # force the tables to be rebuilt, hence read
    exp_file = Path(json.loads((finished / "manifest.json").read_text())["experiment"]["file"])
    result = invoke("compare", exp_file, "--out", copy_of, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    assert str(victim) in one_line(result.output) and "set aside" in result.output
    assert (copy_of / "damaged" / "series" / victim.name).is_file()
    names = [p.name for p in _parts(copy_of, "series")]
    assert names == [p.name for p in _parts(finished, "series")]  # run again, same id
    pd.testing.assert_frame_equal(
        pd.read_parquet(copy_of / "series.parquet"), pd.read_parquet(finished / "series.parquet")
    )


def test_a_damaged_manifest_is_named_set_aside_and_the_experiment_resumes(copy_of, finished):
    (copy_of / "manifest.json").write_text('{"kind": "comp')
    exp_file = Path(json.loads((finished / "manifest.json").read_text())["experiment"]["file"])
    result = invoke("compare", exp_file, "--out", copy_of, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    assert f"{copy_of / 'manifest.json'}: damaged" in one_line(result.output)
    assert (copy_of / "damaged" / "manifest.json").read_text() == '{"kind": "comp'
    assert "0 runs in" in result.output and "(2 found done)" in result.output
    assert json.loads((copy_of / "manifest.json").read_text())["kind"] == "compare"


def test_report_on_a_damaged_manifest_names_it(copy_of):
    (copy_of / "manifest.json").write_text("[1, 2]")
    result = invoke("report", copy_of)
    assert_clean_failure(result, f"{copy_of / 'manifest.json'}: damaged (not a JSON object)", "set aside")


# ---- a resumed experiment with nothing to do ------------------------------------------------------


def test_a_rerun_with_everything_done_runs_nothing_and_draws_nothing(copy_of, finished, monkeypatch):
    def no_runs(specs, *args, **kwargs):
        assert not specs, f"{len(specs)} runs executed on a rerun with everything done"
        return iter(())

    def no_report(*args, **kwargs):
        raise AssertionError("the report was built again although nothing changed")

    monkeypatch.setattr(pipeline, "execute", no_runs)
    monkeypatch.setattr(report_module, "build_report", no_report)
    before = (copy_of / "report.html").stat().st_mtime_ns
    exp_file = Path(json.loads((finished / "manifest.json").read_text())["experiment"]["file"])
    result = invoke("compare", exp_file, "--out", copy_of, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    assert "0 runs in" in result.output and "tables and report were up to date" in result.output
    assert "effect against 'control'" in result.output  # the stored tables are printed
    assert (copy_of / "report.html").stat().st_mtime_ns == before


def test_changed_statistics_rebuild_the_tables_without_running(copy_of, finished, tmp_path, monkeypatch):
    """Same runs, other confidence level: nothing to run, but the stored tables are stale."""

    def no_runs(specs, *args, **kwargs):
        assert not specs
        return iter(())

    monkeypatch.setattr(pipeline, "execute", no_runs)
    exp_file = Path(json.loads((finished / "manifest.json").read_text())["experiment"]["file"])
    changed = tmp_path / "small.toml"
    changed.write_text(exp_file.read_text() + "\n[statistics]\nconfidence = 0.8\n")
    result = invoke("compare", changed, "--out", copy_of, "--workers", 1, "--quiet")
    assert result.exit_code == 0, result.output
    assert "up to date" not in result.output and "80% CI" in one_line(result.output)
    narrower = pd.read_csv(copy_of / "effects.csv")
    wider = pd.read_csv(finished / "effects.csv")
    assert ((narrower["ci_high"] - narrower["ci_low"]) < (wider["ci_high"] - wider["ci_low"])).all()
