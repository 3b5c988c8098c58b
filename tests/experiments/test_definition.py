"""Experiment files: the shipped ones are valid; every mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from campaign_sim.cli import main
from campaign_sim.experiments.definition import ExperimentError, load_experiment

from .conftest import REPO, write_tiny

#: the experiment files (calibration.toml, claims.toml and discover.toml beside them define the
#: other commands; tests/experiments/test_claims_command.py checks those)
SHIPPED = sorted(
    p for p in (REPO / "experiments").glob("*.toml") if p.stem not in ("calibration", "claims", "discover")
)


def test_the_three_required_experiments_are_shipped():
    assert {p.stem for p in SHIPPED} >= {"training_trial", "market_pressure", "sensitivity"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_experiments_are_valid(path: Path):
    exp = load_experiment(path)
    assert exp.pre[1] <= exp.post[0]
    assert len(exp.seeds()) == exp.replicates


ARMS = ("control", "behaviour", "attitude", "incentives", "behaviour+incentives", "attitude+incentives")


def test_training_trial_is_the_factorial_of_the_issue():
    """Exactly the six factorial arms plus broken_promise; every arm's campaigns explicit, with days."""
    exp = load_experiment(REPO / "experiments" / "training_trial.toml")
    assert exp.arm_names == (*ARMS, "broken_promise")
    kinds = {a.name: sorted(c["kind"] for c in a.campaigns) for a in exp.arms}
    assert kinds == {
        "control": [],
        "behaviour": ["behaviour_training"],
        "attitude": ["attitude_training"],
        "incentives": ["incentive_scheme"],
        "behaviour+incentives": ["behaviour_training", "incentive_scheme"],
        "attitude+incentives": ["attitude_training", "incentive_scheme"],
        "broken_promise": ["behaviour_training", "promise"],
    }
    levels = {a.name: dict(a.levels) for a in exp.arms}
    assert levels["attitude+incentives"] == {"training": "attitude", "incentives": "reward_effect"}
    assert levels["broken_promise"] == {}
    assert "full approach" in next(a.label for a in exp.arms if a.name == "attitude+incentives")
    for arm in exp.arms:
        for c in arm.campaigns:
            assert c["start_day"] == 30
            # trainings end on day 59; lever campaigns are permanent and their text says so
            assert c["duration_days"] == (30 if c["kind"].endswith("training") else None)
        assert arm.contains and ("permanent" in arm.contains) == any(
            c["duration_days"] is None for c in arm.campaigns
        )
    assert exp.money == (30, 30 + 1095)
    assert exp.spec.assignment.mode == "randomised"


def test_equal_budget_trial_spends_the_same_in_every_arm():
    """Every treatment arm: the same fees per participant and the same days off the floor."""
    exp = load_experiment(REPO / "experiments" / "training_trial_equal_budget.toml")
    assert exp.arm_names == ARMS
    off, fees, daily = {}, {}, {}
    for arm in exp.arms:
        if arm.name == "control":
            continue
        off[arm.name] = sum(c.get("days_off_floor", 0) for c in arm.campaigns)
        fees[arm.name] = sum(c.get("cost_per_participant", 0) for c in arm.campaigns)
        daily[arm.name] = sum(c.get("cost_per_employee_day", 0) for c in arm.campaigns)
    assert len(set(off.values())) == 1 and next(iter(off.values())) > 0
    budget = {arm: fees[arm] + daily[arm] * (exp.money[1] - exp.money[0]) for arm in fees}
    assert max(budget.values()) - min(budget.values()) < 1.0, budget


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    path = write_tiny(tmp_path)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("replicates = 3", "replicate = 3", "unknown key 'replicate'; did you mean 'replicates'?"),
        ('kpis = ["profit"', 'kpis = ["proft"', "'kpis[0]' = 'proft': unknown KPI; did you mean 'profit'?"),
        ('mode = "randomised"', 'mode = "random"', "'assignment.mode'"),
        (
            'path = "company.market_pressure"',
            'path = "company.market_presure"',
            "did you mean 'market_pressure'?",
        ),
        ("high = 0.7", "high = 1.7", "'company.market_pressure' = 1.7"),
        ("post = { last = 20 }", "post = { start = 50, end = 80 }", "'periods.post' = days 50..79"),
        ("pre = { start = 0, end = 10 }", "pre = { start = 0, end = 20 }", "after the first campaign starts"),
        ('name = "behaviour"', 'name = "control"', "arm names must be unique"),
        ('kind = "behaviour_training"', 'kind = "behavior_training"', "unknown campaign kind"),
        ("seed = 3", "seed = -1", "'seed' = -1"),
    ],
)
def test_mistakes_name_file_and_key(tmp_path: Path, old: str, new: str, message: str):
    path = _broken(tmp_path, old, new)
    with pytest.raises(ExperimentError) as err:
        load_experiment(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_command_line_exits_2_with_one_clear_message(tmp_path: Path):
    path = _broken(tmp_path, "replicates = 3", "replicate = 3")
    result = CliRunner().invoke(main, ["compare", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "did you mean 'replicates'" in result.output
    assert "Traceback" not in result.output


def test_a_command_without_its_section_exits_2(tmp_path: Path):
    path = REPO / "experiments" / "training_trial.toml"
    result = CliRunner().invoke(main, ["sensitivity", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no [sensitivity] section" in result.output


def test_command_line_overrides_replicates_and_days(tiny: Path):
    exp = load_experiment(tiny, replicates=5, days=40)
    assert exp.replicates == 5
    assert exp.days == 40 and exp.base["run"]["days"] == 40
    assert exp.post == (20, 40)  # {last = 20} follows the shorter run
    # the first replicate seeds do not depend on how many replicates are asked for
    assert load_experiment(tiny, replicates=2).seeds() == exp.seeds()[:2]


def test_sobol_needs_a_power_of_two(tmp_path: Path):
    text = (REPO / "experiments" / "sensitivity.toml").read_text()
    text = text.replace("samples = 32", "samples = 30").replace(
        "../scenarios/", f"{REPO.as_posix()}/scenarios/"
    )
    path = tmp_path / "sens.toml"
    path.write_text(text)
    with pytest.raises(ExperimentError, match="power of 2"):
        load_experiment(path)


@pytest.mark.parametrize(("name", "meaning"), [("horizon", "proactive"), ("staff", "employees in post")])
def test_splits_named_like_other_keys_are_documented_as_the_kpis_they_are(name: str, meaning: str):
    """`horizon` and `staff` are accepted splits (KPIs of the registry); the README says what they are."""
    from campaign_sim.experiments.definition import SPLITTERS
    from campaign_sim.outputs import OUTPUTS

    assert name in SPLITTERS and meaning in OUTPUTS[name].meaning
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    start = readme.index("**Heterogeneity** splits")
    paragraph = readme[start : readme.index("**Output**", start)]
    assert f"`{name}` is" in paragraph and meaning in paragraph
