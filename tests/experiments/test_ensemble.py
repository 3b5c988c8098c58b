"""Ensembles: the file's checks, planning over members, the mixture statistics, and --ensemble end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from scipy import stats as sps

from campaign_sim.cli import main
from campaign_sim.experiments.definition import ExperimentError, load_experiment
from campaign_sim.experiments.ensemble import (
    Members,
    load_ensemble,
    mixture_quantiles,
    training_pairs,
)
from campaign_sim.experiments.executors import make_packs
from campaign_sim.experiments.payback import summarise_money
from campaign_sim.experiments.pipeline import analyse, execute_plan
from campaign_sim.experiments.plan import plan_runs
from campaign_sim.experiments.stats import interval

from .conftest import write_tiny

#: five members varying three real parameters, unequal weights
MEMBERS = """member,weight,staff.transfer_fear,customers.loss_aversion,company.overhead_per_day
0,0.4,0.6,2.25,475
1,0.25,0.4,2.0,450
2,0.2,0.8,2.5,500
3,0.1,0.5,1.8,460
7,0.05,0.7,2.7,490
"""

#: what an ensemble interval covers, as the tables say it (members, their effective number, seeds)
WORDS = (
    r"over parameters \({} members, weighted; worth \d+\.\d equally weighted\) and seeds \({} per member\)"
)


def write_ensemble(folder: Path, text: str = MEMBERS, name: str = "ensemble.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".json").write_text(json.dumps({"method": "test fixture", "synthetic": True}))
    return path


# ---- the file -----------------------------------------------------------------------------


def test_a_valid_ensemble_is_read_with_its_provenance(tmp_path: Path):
    exp = load_experiment(write_tiny(tmp_path))
    ens = load_ensemble(write_ensemble(tmp_path), exp.base)
    assert ens.members == (0, 1, 2, 3, 7)
    assert ens.parameters == ("staff.transfer_fear", "customers.loss_aversion", "company.overhead_per_day")
    assert ens.member_values(4) == {
        "staff.transfer_fear": 0.7,
        "customers.loss_aversion": 2.7,
        "company.overhead_per_day": 490.0,
    }
    assert ens.provenance["method"] == "test fixture"
    top = ens.top(2)
    assert top.members == (0, 1) and sum(top.weights) == pytest.approx(1.0)


BAD_FILES = {
    "unknown path": (
        MEMBERS.replace("staff.transfer_fear", "staff.transfer_fer"),
        ["column 'staff.transfer_fer'", "did you mean 'transfer_fear'"],
    ),
    "non-numeric": (
        MEMBERS.replace("0,0.4,0.6,", "0,0.4,high,"),
        ["line 2, column 'staff.transfer_fear'", "'high' is not a finite number"],
    ),
    "out of range": (
        MEMBERS.replace("2,0.2,0.8,", "2,0.2,1.8,"),
        ["line 4 (member 2)", "transfer_fear"],
    ),
    "weights": (
        MEMBERS.replace("0,0.4,", "0,0.5,"),
        ["column 'weight' sums to 1.1", "must sum to 1 (within 1e-6)"],
    ),
    "missing column": (
        "".join(
            ",".join(x for i, x in enumerate(line.split(",")) if i != 1) + "\n" for line in MEMBERS.split()
        ),
        ["missing column(s) 'weight'", "'member' (int)"],
    ),
    "member id": (MEMBERS.replace("\n3,0.1,", "\n3.5,0.1,"), ["line 5, column 'member'", "not an integer"]),
    "duplicate": (MEMBERS.replace("\n7,0.05", "\n3,0.05"), ["ids [3] occur more than once"]),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_ensemble_stops_with_one_message_naming_file_and_place(tmp_path: Path, case: str):
    text, words = BAD_FILES[case]
    tiny = write_tiny(tmp_path)
    path = write_ensemble(tmp_path, text, "bad.csv")
    with pytest.raises(ExperimentError) as err:
        load_ensemble(path, load_experiment(tiny).base)
    message = str(err.value)
    assert str(path) in message
    for word in words:
        assert word in message
    # the command line: one message, exit 2, no traceback
    result = CliRunner().invoke(main, ["check", str(tiny), "--ensemble", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and str(path) in result.output


def test_check_counts_the_runs_an_ensemble_makes(tmp_path: Path):
    tiny = write_tiny(tmp_path, replicates=3, levels=2)
    result = CliRunner().invoke(main, ["check", str(tiny), "--ensemble", str(write_ensemble(tmp_path))])
    assert result.exit_code == 0, result.output
    # randomised with counterfactual: 2 runs per seed; 3 seeds; 5 members (sweep: 2 points)
    assert "campaign-sim compare --ensemble" in result.output
    assert re.search(r"compare --ensemble\s*│\s*1\s*│\s*30\s*│", result.output)
    assert re.search(r"sweep --ensemble\s*│\s*2\s*│\s*60\s*│", result.output)
    assert "5 members" in result.output


# ---- planning -------------------------------------------------------------------------------


def test_plans_run_every_point_member_replicate_and_arm_with_the_member_in_the_id(tmp_path: Path):
    exp = load_experiment(write_tiny(tmp_path, replicates=2, mode="paired"))
    ens = load_ensemble(write_ensemble(tmp_path), exp.base)
    _, plain = plan_runs(exp, "sweep")
    points, specs = plan_runs(exp, "sweep", ensemble=ens)
    assert len(specs) == len(plain) * 5 == len(points) * 5 * 2 * 3
    assert len({s.run_id for s in specs}) == len(specs)
    for spec in specs:
        assert f"-m{spec.member:04d}-r{spec.replicate:04d}-" in spec.run_id
        values = ens.member_values(ens.members.index(spec.member))
        assert spec.scenario["staff"]["transfer_fear"] == values["staff.transfer_fear"]
        assert spec.scenario["company"]["overhead_per_day"] == values["company.overhead_per_day"]
    # the sweep's own parameter keeps the point's value whatever the member
    assert {s.scenario["company"]["market_pressure"] for s in specs} == set(points["company.market_pressure"])
    # members share the replicate seeds; without an ensemble, ids carry no member
    assert {s.seed for s in specs} == {s.seed for s in plain}
    assert all("-m" not in s.run_id.split("-r")[0] for s in plain) and all(s.member is None for s in plain)


def test_more_members_keep_the_ids_of_the_first(tmp_path: Path):
    exp = load_experiment(write_tiny(tmp_path))
    five = load_ensemble(write_ensemble(tmp_path), exp.base)
    three = load_ensemble(
        write_ensemble(tmp_path, "member,weight,staff.transfer_fear\n0,0.5,0.6\n1,0.5,0.4\n", "a.csv"),
        exp.base,
    )
    six = load_ensemble(
        write_ensemble(
            tmp_path, "member,weight,staff.transfer_fear\n0,0.4,0.6\n1,0.4,0.4\n2,0.2,0.8\n", "b.csv"
        ),
        exp.base,
    )
    ids3 = {s.run_id for s in plan_runs(exp, "compare", ensemble=three)[1]}
    ids6 = {s.run_id for s in plan_runs(exp, "compare", ensemble=six)[1]}
    assert ids3 < ids6  # weights do not change what a run computes: the stored runs are reused
    assert len(ids6 - ids3) == len(ids3) // 2
    # the id follows the values: member 0 of both files is the defaults (the same runs), member 1
    # of the five-member file changes two more parameters (other runs)
    shared = ids3 & {s.run_id for s in plan_runs(exp, "compare", ensemble=five)[1]}
    assert shared == {i for i in ids3 if "-m0000-" in i}


def test_packs_mix_members_and_keep_both_workers_busy(tmp_path: Path):
    """Members differ only in parameters, so their runs share packs (bit-identical to solo runs,
    tests/experiments/test_packs.py); the 30 runs (5 members x 3 seeds x trial + counterfactual)
    make four packs for two workers."""
    exp = load_experiment(write_tiny(tmp_path, replicates=3))
    ens = load_ensemble(write_ensemble(tmp_path), exp.base)
    _, specs = plan_runs(exp, "compare", ensemble=ens)
    packs = make_packs(specs, workers=2)
    assert sorted(s.run_id for p in packs for s in p) == sorted(s.run_id for s in specs)
    assert sorted(len(p) for p in packs) == [6, 8, 8, 8]
    assert any(len({s.member for s in pack}) > 1 for pack in packs)


def test_an_ensemble_run_resumes_and_more_members_reuse_the_stored_runs(tmp_path: Path):
    exp = load_experiment(write_tiny(tmp_path, replicates=2, days=40, counterfactual=False))
    two = write_ensemble(tmp_path, "member,weight,staff.transfer_fear\n0,0.5,0.6\n1,0.5,0.4\n", "two.csv")
    three = write_ensemble(
        tmp_path, "member,weight,staff.transfer_fear\n0,0.5,0.6\n1,0.3,0.4\n2,0.2,0.8\n", "three.csv"
    )
    out = tmp_path / "out"
    first = execute_plan(exp, "compare", out, workers=1, ensemble=load_ensemble(two, exp.base))
    assert (first.total, first.ran) == (4, 4)
    again = execute_plan(exp, "compare", out, workers=1, ensemble=load_ensemble(two, exp.base))
    assert (again.done_before, again.ran) == (4, 0)
    more = execute_plan(exp, "compare", out, workers=1, ensemble=load_ensemble(three, exp.base))
    assert (more.total, more.done_before, more.ran, more.stale_removed) == (6, 4, 2, 0)
    analysis = analyse(out, write=False)
    assert analysis.members is not None and analysis.members.weights == (0.5, 0.3, 0.2)
    assert set(analysis.tidy["member"]) == {0, 1, 2}
    assert analysis.tidy["replicate"].nunique() == 6  # member x seed


# ---- statistics -----------------------------------------------------------------------------


def _members(weights: tuple[float, ...], seeds: int) -> Members:
    return Members(tuple(range(len(weights))), weights, seeds)


def test_two_separated_members_give_the_known_mixture_quantiles_and_p_positive():
    """Member 0 (weight 0.3): seeds -1001, -1000, -999; member 1 (weight 0.7): seeds 999, 1000, 1001.
    Each has mean +-1000 and standard error 1/sqrt(3) with 2 degrees of freedom.  The components
    are so far apart that the lower 2.5% of the mixture is member 0's 2.5/0.3 % quantile and the
    upper 2.5% member 1's (1 - 2.5/0.7) % quantile; P(> 0) is 0.7 up to the far tails."""
    se = 1 / np.sqrt(3)
    values = np.array([-1001, -1000, -999, 999, 1000, 1001], dtype=float)
    mean, low, high, p = _members((0.3, 0.7), 3).summary(np.arange(6), values, 0.95)
    assert mean == pytest.approx(0.3 * -1000 + 0.7 * 1000)
    assert _members((0.3, 0.7), 3).average(np.arange(6), values) == pytest.approx(mean)
    assert low == pytest.approx(-1000 + se * sps.t.ppf(0.025 / 0.3, 2), abs=1e-5)
    assert high == pytest.approx(1000 + se * sps.t.ppf(1 - 0.025 / 0.7, 2), abs=1e-5)
    assert p == pytest.approx(0.7, abs=1e-6)

    # and by the definition: the mixture's CDF at the interval's ends is 2.5% and 97.5%
    def cdf(x: float) -> float:
        return 0.3 * sps.t.cdf((x + 1000) / se, 2) + 0.7 * sps.t.cdf((x - 1000) / se, 2)

    assert cdf(low) == pytest.approx(0.025, abs=1e-9) and cdf(high) == pytest.approx(0.975, abs=1e-9)
    assert p == pytest.approx(1 - cdf(0.0), abs=1e-12)


def test_one_member_gives_exactly_the_seed_only_t_interval():
    values = np.array([3.0, 5.5, 4.1, 6.2, 2.9])
    mean, low, high, p = _members((1.0,), 5).summary(np.arange(5), values, 0.9)
    expected = interval(values, 0.9, "t")
    assert (mean, low, high) == pytest.approx(expected, abs=1e-9)
    se = values.std(ddof=1) / np.sqrt(5)
    assert p == pytest.approx(sps.t.cdf(values.mean() / se, 4))


def test_mixture_quantiles_match_draws_from_the_mixture():
    rng = np.random.default_rng(5)
    mean, se, n = np.array([-1.0, 0.5, 2.0]), np.array([0.4, 1.0, 0.3]), np.array([3.0, 5.0, 2.0])
    weights = np.array([0.2, 0.5, 0.3])
    which = rng.choice(3, size=400_000, p=weights)
    draws = mean[which] + se[which] * rng.standard_t(n[which] - 1)
    probabilities = (0.05, 0.25, 0.5, 0.9)
    found = mixture_quantiles(mean, se, n, weights, probabilities)
    assert found == pytest.approx(np.quantile(draws, probabilities), abs=0.02)


def test_p_payback_and_the_weighted_payback_share_on_a_known_case():
    """Member 0 (weight 0.25) loses clearly in every seed; member 1 (weight 0.75) gains clearly in
    two seeds of three and loses a little in one.  P(pays back) is the mixture's mass at or above
    zero: member 1's t (mean +633, se 633 / sqrt(3) * ...) above zero times 0.75; the share of
    member x seed runs that pay back is 0.75 x 2/3 = 0.5."""
    net = np.array([-1000.0, -1100.0, -900.0, 1000.0, 1000.0, -100.0])
    per_rep = pd.DataFrame(
        {
            "point": 0,
            "replicate": np.arange(6),
            "arm": "treated",
            "cost_eur": 500.0,
            "one_off_eur": 500.0,
            "running_eur": 0.0,
            "net_benefit_eur": net,
            "roi": net / 500.0,
            "payback_day": np.where(net >= 0, 100.0, np.nan),
            "profit_gap_per_day": net / 365.0,
            "control_profit_per_day": 250.0,
            "margin_points": net / 1000.0,
        }
    )
    members = _members((0.25, 0.75), 3)
    econ, _ = summarise_money(per_rep, pd.DataFrame(), (30, 395), 0.0, members=members)
    row = econ.iloc[0]
    m1 = net[3:]
    se1 = m1.std(ddof=1) / np.sqrt(3)
    se0 = net[:3].std(ddof=1) / np.sqrt(3)
    expected = 0.75 * sps.t.sf(-m1.mean() / se1, 2) + 0.25 * sps.t.sf(1000 / se0, 2)
    assert row["p_payback"] == pytest.approx(expected, abs=1e-9)
    assert row["payback_share"] == pytest.approx(0.5)
    assert row["net_benefit_eur"] == pytest.approx(0.25 * -1000 + 0.75 * m1.mean())
    # every mean is weighted by member, not over the member x seed rows
    assert row["pct_of_control_profit"] == pytest.approx(100 * row["net_benefit_eur"] / 365 / 250)
    assert re.fullmatch(WORDS.format(2, 3), row["interval_over"])
    # without an ensemble the table keeps its columns and the share is over seeds
    plain, _ = summarise_money(per_rep, pd.DataFrame(), (30, 395), 0.0)
    assert "p_payback" not in plain.columns and plain.iloc[0]["payback_share"] == pytest.approx(2 / 6)


def test_training_pairs_set_attitude_against_behaviour_at_equal_incentives():
    arms = [
        {"name": "control", "levels": {"training": "none", "incentives": "as_is"}},
        {"name": "behaviour", "levels": {"training": "behaviour", "incentives": "as_is"}},
        {"name": "attitude", "levels": {"training": "attitude", "incentives": "as_is"}},
        {"name": "b+i", "levels": {"training": "behaviour", "incentives": "reward_effect"}},
        {"name": "a+i", "levels": {"training": "attitude", "incentives": "reward_effect"}},
        {"name": "broken_promise", "levels": {}},
    ]
    factors = {
        "factors": {"training": ["none", "behaviour", "attitude"], "incentives": ["as_is", "reward_effect"]}
    }
    assert training_pairs(arms, factors) == [("attitude", "behaviour"), ("a+i", "b+i")]
    assert training_pairs(arms[:3], None) == [("attitude", "behaviour")]
    assert training_pairs(arms[:2], None) == []


# ---- end to end -----------------------------------------------------------------------------


def test_compare_with_an_ensemble_writes_p_positive_p_payback_and_says_the_odds(tmp_path: Path):
    tiny = write_tiny(tmp_path, replicates=2, days=40, counterfactual=False)
    ensemble = write_ensemble(tmp_path)
    out = tmp_path / "out"
    args = ["compare", str(tiny), "--ensemble", str(ensemble), "--out", str(out), "--workers", "1", "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    effects = pd.read_csv(out / "effects.csv")
    assert effects["p_positive"].between(0, 1).all()
    (words,) = set(effects["interval_over"])
    assert re.fullmatch(WORDS.format(5, 2), words)
    economics = pd.read_csv(out / "economics.csv")
    assert economics["p_payback"].between(0, 1).all() and set(economics["members"]) == {5}
    # p_payback is the mixture's mass of net benefit at or above zero: it sides with the estimate
    for _, r in economics.iterrows():
        if r["net_benefit_low"] > 0:
            assert r["p_payback"] > 0.975
        if r["net_benefit_high"] < 0:
            assert r["p_payback"] < 0.025
    cumulative = pd.read_csv(out / "cumulative.csv")
    assert (cumulative["low"] <= cumulative["high"]).all() and cumulative["interval_over"].nunique() == 1
    contrasts = pd.read_csv(out / "ensemble_contrasts.csv")
    assert list(contrasts[["arm", "reference"]].itertuples(index=False, name=None)) == [
        ("attitude", "behaviour")
    ]
    assert "Chance of paying back within the horizon" in result.output
    assert "Attitude-level work beats behaviour-only training on net benefit" in result.output
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Attitude-level work beats behaviour-only training" in report
    assert re.search(WORDS.format(5, 2), report)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["ensemble"]["members"] == [0, 1, 2, 3, 7]
    assert all("-m" in run_id for run_id in manifest["run_ids"])
    # the same plan again runs nothing and prints the stored tables
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "0 runs in" in again.output


def test_sensitivity_refuses_an_ensemble(tmp_path: Path):
    exp = load_experiment(write_tiny(tmp_path))
    ens = load_ensemble(write_ensemble(tmp_path), exp.base)
    with pytest.raises(ExperimentError, match="--ensemble works with compare and sweep"):
        execute_plan(exp, "sensitivity", tmp_path / "out", workers=1, ensemble=ens)


def test_sweep_with_an_ensemble_gives_each_point_its_ensemble_effect(tmp_path: Path):
    tiny = write_tiny(tmp_path, replicates=2, days=40, counterfactual=False, mode="paired")
    ensemble = write_ensemble(
        tmp_path, "member,weight,staff.transfer_fear\n0,0.7,0.6\n1,0.3,0.4\n", "two.csv"
    )
    out = tmp_path / "out"
    args = ["sweep", str(tiny), "--ensemble", str(ensemble), "--out", str(out), "--workers", "1", "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    summary = pd.read_csv(out / "summary.csv")
    assert set(summary["point"]) == {0, 1} and summary["p_positive"].dropna().between(0, 1).all()
    assert re.search(WORDS.format(2, 2), " ".join(result.output.split()))
    assert len(json.loads((out / "manifest.json").read_text())["run_ids"]) == 2 * 2 * 2 * 3
