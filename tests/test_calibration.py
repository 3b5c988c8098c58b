"""`campaign-sim calibrate`: the definition, the figures, the ABC-SMC, resume, the shipped ensemble.

Tiny budgets: 2 branches, one seed, short horizons, populations of a few particles.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from campaign_sim import CampaignModel, load_scenario
from campaign_sim.calibration.definition import CalibrationError, check_paths, load_definition
from campaign_sim.calibration.method import RangeDistance
from campaign_sim.calibration.statistics import FAULT_KILL_AT, TARGETS, Setup, quarter_mean, simulate
from campaign_sim.cli import main
from campaign_sim.measurement import standardised_effect
from campaign_sim.validation import _kpi_figures, _transfer_figures, weighted_quantiles

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
SHIPPED = ROOT / "experiments" / "calibration.toml"


def tiny_definition(
    folder: Path, population: int = 6, generations: int = 2, budget: int = 2000, extra: str = ""
) -> Path:
    """The shipped definition shrunk: 2 branches, one seed, 120 retail and 60 bank days.

    S1_182 and S1_365 cannot form in 120 days, so they are checked here, not fitted.
    """
    text = SHIPPED.read_text()
    for old, new in (
        ("population_size = 150", f"population_size = {population}"),
        ("budget_runs = 10000", f"budget_runs = {budget}"),
        ("max_generations = 12", f"max_generations = {generations}"),
        ("branches = 8 ", "branches = 2 "),
        ("seeds = [1, 2]", "seeds = [3]"),
        ("retail_days = 426", "retail_days = 120"),
        ("bank_days = 365", "bank_days = 60"),
        (
            'id = "S1_182"\nlow = 0.38\nhigh = 0.50\nrole = "fitted"',
            'id = "S1_182"\nlow = 0.38\nhigh = 0.50\nrole = "checked"',
        ),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "tiny.toml"
    path.write_text(text + extra)
    return path


# ---- the definition ---------------------------------------------------------------------------
def test_the_shipped_definition_is_valid_and_splits_the_targets():
    spec = load_definition(SHIPPED)
    check_paths(spec, load_scenario(SCENARIOS / "baseline.toml"), SHIPPED)
    assert spec.method.population_size >= 100
    assert {t.id for t in spec.fitted} >= {"S1_0", "S3", "S4", "C4", "E1", "I1_behaviour", "I2_attitude"}
    assert {t.id for t in spec.checked} >= {"E4", "E5", "I4_incentives", "S1_365"}
    assert spec.runs.per_parameter_set == 8  # 4 retail scenarios on 2 seeds, one pack
    assert spec.runs.per_member == 2  # the bank on 2 seeds, once per final member


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('role = "checked"', 'role = "validated"', 1),
            "targets[2] (S1_365).role: Input should be 'fitted' or 'checked'",
        ),
        (('id = "C4"', 'id = "C9"', 1), "unknown target id 'C9'; allowed: S1_0, S1_182"),
        (
            ("low = 0.07\nhigh = 0.11", "low = 0.11\nhigh = 0.07", 1),
            "target C4: low (0.11) must be below high (0.07)",
        ),
        (
            ("population_size = 150", "population_size = 150\npopulation = 3", 1),
            "method.population: unknown key",
        ),
        (
            ('effect_scale = "norm_sd"', 'effect_scale = "model_sd"', 1),
            "runs.effect_scale: Input should be 'norm_sd'",
        ),
        (('role = "fitted"', 'role = "checked"', 99), "no target has role 'fitted'"),
        (('retail = ["baseline", ', "retail = [", 1), "target S3 needs runs.retail to include baseline"),
    ],
)
def test_a_bad_definition_is_one_message_naming_the_file_and_key(tmp_path, change, message):
    old, new, count = change
    text = SHIPPED.read_text()
    assert old in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(old, new, count))
    with pytest.raises(CalibrationError) as err:
        load_definition(path)
    assert str(err.value).startswith(f"{path}: invalid calibration definition")
    assert message in str(err.value)


def test_a_parameter_path_must_be_a_scenario_key_inside_its_bounds(tmp_path):
    base = load_scenario(SCENARIOS / "baseline.toml")
    for old, new, message in (
        ('path = "staff.transfer_fear"', 'path = "staff.transfer_feer"', "staff.transfer_feer: unknown key"),
        ("low = 0.2\nhigh = 0.9", "low = 0.2\nhigh = 1.5", "staff.transfer_fear = 1.5 is not allowed"),
    ):
        path = tmp_path / "bad.toml"
        path.write_text(SHIPPED.read_text().replace(old, new, 1))
        with pytest.raises(CalibrationError, match="parameters") as err:
            check_paths(load_definition(path), base, path)
        assert message in str(err.value) and str(path) in str(err.value)


def test_the_command_refuses_bad_input_with_one_message_and_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(SHIPPED.read_text().replace('id = "C4"', 'id = "C9"', 1))
    for args in ([str(bad)], [str(tmp_path / "none.toml")], [str(SHIPPED), "--out", str(bad)]):
        result = CliRunner().invoke(main, ["calibrate", *args, "--dir", str(SCENARIOS)])
        assert result.exit_code == 2, result.output
        assert "error:" in result.output.lower() and "Traceback" not in result.output


# ---- the figures of one parameter set -------------------------------------------------------
def test_the_figures_of_the_default_parameters_are_validations_figures(tmp_path):
    """Default parameters, 2 branches, one seed: the packed figures equal solo runs measured
    with validation.py's own functions (packs are bit-identical to solo runs)."""
    spec = load_definition(tiny_definition(tmp_path, extra=""))
    runs = spec.runs.model_copy(update={"retail_days": 426, "bank_days": 365})
    setup = Setup.load(runs, SCENARIOS)
    figures = simulate(setup, {})
    seed = 3
    baseline = load_scenario(SCENARIOS / "baseline.toml", branches=2, days=426)
    solo = CampaignModel(baseline, seed=seed).run(365)
    expected = _kpi_figures(solo, "baseline")
    behaviour = load_scenario(SCENARIOS / "behaviour_training.toml", branches=2, days=426)
    expected |= _transfer_figures(behaviour, seed)
    bank = CampaignModel(load_scenario(SCENARIOS / "bank_branch.toml", branches=2, days=365), seed=seed).run()
    expected |= _kpi_figures(bank, "bank_branch")
    for key in (
        "S1_0",
        "S1_182",
        "S1_365",
        "S3",
        "S4",
        "C3b",
        "C4",
        "C7a",
        "C7b",
        "E1",
        "E2",
        "E3",
        "E4",
        "E5",
    ):
        assert figures[key] == pytest.approx(float(expected[key]), rel=1e-5), key
    # an effect: campaign minus baseline, last quarter of the year, over the instrument's norm SD
    incentives = CampaignModel(
        load_scenario(SCENARIOS / "effect_incentives.toml", branches=2, days=426), seed=seed
    ).run(365)
    raw = quarter_mean(incentives.kpis.values[:365], "delivered_behaviour") - quarter_mean(
        solo.kpis.values[:365], "delivered_behaviour"
    )
    assert figures["I3_incentives"] == pytest.approx(
        standardised_effect(raw, "delivered_behaviour"), rel=1e-5
    )
    assert figures["I3_incentives"] > 0.1  # the scheme does move behaviour at the defaults
    assert set(figures) == set(TARGETS)


def test_a_parameter_set_changes_exactly_the_figures_it_should(tmp_path):
    setup = Setup.load(load_definition(tiny_definition(tmp_path)).runs, SCENARIOS)
    default = simulate(setup, {})
    no_quits = simulate(setup, {"staff.quit_base": 0.0, "customers.notice_max": 1.0})
    assert default["S3"] > 0.1 and no_quits["S3"] == 0.0
    assert no_quits["C7b"] < default["C7b"]  # more shoplifters noticed: less theft in the shrinkage


def test_the_distance_counts_only_fitted_figures_outside_their_range():
    spec = load_definition(SHIPPED)
    distance = RangeDistance(spec.fitted)
    inside = {t.id: (t.low + t.high) / 2 for t in spec.targets}
    assert distance(inside, inside) == 0.0
    s4 = next(t for t in spec.targets if t.id == "S4")
    moved = inside | {"S4": s4.high + (s4.high - s4.low), "E4": 5.0}  # E4 is checked: no effect
    assert distance(moved, inside) == pytest.approx(1.0)
    assert math.isinf(distance(inside | {"S1_0": math.nan}, inside))


def test_weighted_quantiles_follow_the_weights():
    values = np.array([0.0, 1.0, 2.0, 3.0])
    assert weighted_quantiles(values, np.full(4, 0.25), (0.5,))[0] == pytest.approx(1.5)
    assert weighted_quantiles(values, np.array([0.0, 0.0, 0.0, 1.0]), (0.05, 0.95)) == [3.0, 3.0]


# ---- the method end to end, and resume --------------------------------------------------------
def check_ensemble(out: Path, spec, members: int) -> dict:
    table = pd.read_csv(out / "ensemble.csv")
    provenance = json.loads((out / "ensemble.json").read_text())
    assert list(table.columns) == ["member", "weight", *[p.path for p in spec.parameters]]
    assert len(table) == members == provenance["members"]
    assert table["weight"].sum() == pytest.approx(1.0) and (table["weight"] > 0).all()
    for p in spec.parameters:
        assert table[p.path].between(p.low, p.high).all(), p.path
    in_abc = provenance["parameter_sets_evaluated"] * spec.runs.per_parameter_set
    assert provenance["model_runs"] == in_abc + members * spec.runs.per_member
    assert [t["id"] for t in provenance["targets"]] == [t.id for t in spec.targets]
    assert [t["role"] for t in provenance["targets"]] == [t.role for t in spec.targets]
    assert provenance["seeds"] == spec.runs.seeds and len(provenance["model_code_hash"]) == 16
    assert 0 <= provenance["best_member"] < members
    for entry in provenance["parameters"]:
        values = table[entry["path"]].to_numpy()
        assert entry["mean"] == pytest.approx(float(np.sum(values * table["weight"])))
        assert entry["q05"] <= entry["q50"] <= entry["q95"]
    return provenance


def test_a_tiny_calibration_writes_a_valid_ensemble_with_provenance(tmp_path):
    path = tiny_definition(tmp_path, population=5, generations=2)
    out = tmp_path / "out"
    args = ["calibrate", str(path), "--workers", "1", "--out", str(out), "--dir", str(SCENARIOS)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    spec = load_definition(path)
    provenance = check_ensemble(out, spec, 5)
    assert provenance["method"]["generations"] == 2
    assert provenance["method"]["stopped"] == "2 generations done"
    assert provenance["wall_time_seconds"] > 0
    s1 = next(t for t in provenance["targets"] if t["id"] == "S1_0")
    assert 0.3 < s1["median"] < 1.0 and s1["q05"] <= s1["median"] <= s1["q95"]
    # rerun: the history is complete, nothing is simulated again
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert json.loads((out / "ensemble.json").read_text())["model_runs"] == provenance["model_runs"]
    # a budget smaller than one generation refuses to pretend
    small = CliRunner().invoke(
        main, [*args[:-4], "--out", str(tmp_path / "o2"), "--budget", "5", "--dir", str(SCENARIOS)]
    )
    assert small.exit_code == 2 and "no generation finished" in small.output


def _generation(db: Path, t: int) -> pd.DataFrame:
    import pyabc

    frame, _ = pyabc.History(f"sqlite:///{db}", _id=1).get_distribution(m=0, t=t)
    return frame.sort_index(axis=1).sort_values(list(frame.columns)).reset_index(drop=True)


def test_a_run_killed_mid_generation_resumes_from_its_history(tmp_path):
    import pyabc

    # generation 0 accepts every prior draw: 16 evaluations, at most one more per extra worker in
    # flight; generation 1 needs at least 16 more.  Killed (SIGKILL, workers included, by the
    # command's fault injection) at the 24th evaluation, the run is in generation 1 on any machine.
    path = tiny_definition(tmp_path, population=16, generations=2)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "campaign_sim.cli", "calibrate", str(path), "--workers", "2"]
    command += ["--out", str(out), "--dir", str(SCENARIOS)]
    db = out / "abc_history.db"
    proc = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,
        env={**os.environ, FAULT_KILL_AT: "24"},
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert (out / ".evaluations").stat().st_size >= 24
    history = pyabc.History(f"sqlite:///{db}", _id=1)
    assert history.max_t == 0  # generation 1 was lost with the kill, generation 0 is kept
    before = _generation(db, 0)
    evaluated_before = history.total_nr_simulations
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    history = pyabc.History(f"sqlite:///{db}", _id=1)
    assert history.max_t == 1
    pd.testing.assert_frame_equal(_generation(db, 0), before)  # continued, not started over
    assert history.total_nr_simulations > evaluated_before
    sessions = json.loads((out / "abc_sessions.json").read_text())
    assert len(sessions) == 2 and all(s["seconds"] > 0 for s in sessions)
    provenance = check_ensemble(out, load_definition(path), 16)
    assert provenance["wall_time_seconds"] == pytest.approx(sum(s["seconds"] for s in sessions), abs=0.2)


def test_a_history_of_another_definition_is_not_resumed(tmp_path):
    path = tiny_definition(tmp_path, population=4, generations=1)
    out = tmp_path / "out"
    args = ["calibrate", str(path), "--workers", "1", "--out", str(out), "--dir", str(SCENARIOS)]
    assert CliRunner().invoke(main, args).exit_code == 0
    path.write_text(path.read_text().replace("population_size = 4", "population_size = 5"))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "--fresh" in result.output
    fresh = CliRunner().invoke(main, [*args, "--fresh"])
    assert fresh.exit_code == 0, fresh.output
    assert len(pd.read_csv(out / "ensemble.csv")) == 5


# ---- the shipped ensemble ---------------------------------------------------------------------
def test_the_shipped_ensemble_is_complete_and_inside_its_priors():
    folder = ROOT / "calibration"
    spec = load_definition(SHIPPED)
    table = pd.read_csv(folder / "ensemble.csv")
    provenance = check_ensemble(folder, spec, len(table))
    assert len(table) >= 100
    assert provenance["method"]["name"] == "ABC-SMC" and provenance["method"]["library"] == "pyabc 0.13.0"
    assert provenance["definition_sha256"] == __import__(
        "campaign_sim.calibration.definition", fromlist=["definition_hash"]
    ).definition_hash(SHIPPED)
    assert provenance["model_runs"] >= 1000 and provenance["wall_time_seconds"] > 0
    by_id = {t["id"]: t for t in provenance["targets"]}
    for target in spec.targets:
        entry = by_id[target.id]
        assert entry["median_in_range"] == (target.low <= entry["median"] <= target.high)
    assert tomllib.loads(SHIPPED.read_text())["runs"]["seeds"] == provenance["seeds"]


def test_the_perturbation_works_on_the_unit_cube_so_weights_stay_finite():
    """Parameters five orders of magnitude apart: the kernel is fitted on [0, 1] per parameter
    and its density converted back, so no proposal gets density 0 (weight prior / 0 = NaN)."""
    from campaign_sim.calibration.method import unit_cube_transition

    rng = np.random.default_rng(0)
    lows, widths = {"a": 0.0005, "b": 0.0}, {"a": 0.0013, "b": 8.0}
    sample = pd.DataFrame({"a": 0.0005 + 0.0013 * rng.beta(20, 20, 150), "b": 8.0 * rng.beta(2, 5, 150)})
    weights = np.full(150, 1 / 150)
    transition = unit_cube_transition(lows, widths)
    transition.fit(sample, weights)
    proposals = transition.rvs(200)
    densities = transition.pdf(proposals)
    assert np.all(np.isfinite(densities)) and np.all(densities > 0)
    # the density is the unit-cube kernel's over the product of the widths
    unit = (sample - pd.Series(lows)) / pd.Series(widths)
    from scipy.stats import multivariate_normal

    x = proposals.iloc[0]
    u = (x - pd.Series(lows)) / pd.Series(widths)
    expected = (multivariate_normal(cov=transition.cov).pdf(u.to_numpy() - unit.to_numpy()) * weights).sum()
    assert transition.pdf(x) == pytest.approx(expected / (0.0013 * 8.0), rel=1e-9)
    assert isinstance(transition.rvs_single()["a"], float)


def test_a_calibration_runs_on_a_dask_cluster(tmp_path):
    """``--cluster``: the particles are simulated by dask workers (here a local cluster)."""
    from distributed import LocalCluster

    path = tiny_definition(tmp_path, population=3, generations=1)
    out = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        command = [sys.executable, "-m", "campaign_sim.cli", "calibrate", str(path), "--cluster"]
        command += [cluster.scheduler_address, "--out", str(out), "--dir", str(SCENARIOS)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    provenance = check_ensemble(out, load_definition(path), 3)
    assert provenance["workers"] == f"dask {cluster.scheduler_address}"


def test_a_dead_cluster_address_is_one_message(tmp_path, monkeypatch):
    monkeypatch.setattr("campaign_sim.calibration.method.CLUSTER_TIMEOUT", "2s")
    path = tiny_definition(tmp_path, population=3, generations=1)
    args = ["calibrate", str(path), "--cluster", "tcp://127.0.0.1:9", "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(main, [*args, "--dir", str(SCENARIOS)])
    assert result.exit_code == 2 and "no dask scheduler reachable" in result.output
