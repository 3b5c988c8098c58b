"""The broad sensitivity screen (issue: structure, item 3): Morris over every uncertain parameter,
net benefits as outputs beside the attitude-minus-behaviour contrast, then Sobol on those that
matter."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from campaign_sim.cli import main
from campaign_sim.config import CompanyConfig, CustomerBehaviour, StaffBehaviour
from campaign_sim.experiments.definition import ExperimentError, load_experiment
from campaign_sim.experiments.sensitivity import NET_BENEFIT, mattering

from .conftest import REPO

SCREEN = REPO / "experiments" / "screen.toml"
COST = "campaigns.attitude_training.cost_per_participant"


def _tiny_screen(folder: Path, parameters: list[tuple[str, float, float]], **edits: str) -> Path:
    """experiments/screen.toml cut down to a few parameters, r = 2 and a short run."""
    text = SCREEN.read_text().split("# ---- the parameters")[0]
    text = text.replace("../scenarios/", f"{REPO.as_posix()}/scenarios/")
    for old, new in {
        "samples = 10 ": "samples = 2 ",
        "samples = 64 ": "samples = 4 ",
        "keep = 8 ": "keep = 2 ",
        "share = 0.1 ": "share = 0.01 ",
        "post = { last = 91 }": "post = { last = 10 }",
        "horizon_days = 1095": "horizon_days = 40",
        **edits,
    }.items():
        assert old in text, old
        text = text.replace(old, new)
    for path, low, high in parameters:
        text += f'\n[[sensitivity.parameters]]\npath = "{path}"\nlow = {low}\nhigh = {high}\n'
    out = folder / "screen_tiny.toml"
    out.write_text(text)
    return out


def test_the_shipped_screen_covers_every_uncertain_parameter():
    """Every staff, customer and company parameter is screened, unless it acts only under a
    mechanism variant or with a promise (the file says which), and so are the four former
    hard-coded constants, the economics and the trainings' sizes and prices."""
    exp = load_experiment(SCREEN)
    sens = exp.spec.sensitivity
    assert sens is not None and sens.method == "morris" and sens.follow_up is not None
    paths = {p.path for p in sens.parameters}
    text = SCREEN.read_text()
    for section, cls in (
        ("staff", StaffBehaviour),
        ("customers", CustomerBehaviour),
        ("company", CompanyConfig),
    ):
        for name in cls.model_fields:
            key = f"{section}.{name}"
            assert key in paths or f"# {key}: left out" in text, key
    for constant in ("visit_floor", "spend_floor", "spend_satisfaction", "loyalty_trust_weight"):
        assert f"customers.{constant}" in paths
    assert {"company.gross_margin", "company.wage_per_day", COST} <= paths
    assert len(paths) >= 90
    assert set(sens.net_benefit) == {"behaviour", "attitude"}
    assert sens.arms(exp.control) == ("attitude", "behaviour", "control")


def test_net_benefits_and_the_sobol_follow_up(tmp_path: Path):
    path = _tiny_screen(
        tmp_path,
        [("staff.fear_block", 0.5, 0.95), (COST, 250, 750), ("company.wage_per_day", 50, 90),
         ("customers.spend_floor", 0.4, 1.2)],
    )  # fmt: skip
    out = tmp_path / "out"
    args = ["sensitivity", str(path), "--out", str(out), "--days", "70", "--workers", "1", "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    ind = pd.read_csv(out / "indices.csv")
    outputs = {"profit", "loyalty", f"{NET_BENEFIT}:behaviour", f"{NET_BENEFIT}:attitude"}
    assert set(ind["output"]) == outputs
    at = ind.set_index(["output", "parameter"])
    # the attitude training's price moves its own net benefit, exactly linearly (sigma ~ 0), and
    # cancels out of the behaviour training's
    own = at.loc[(f"{NET_BENEFIT}:attitude", COST)]
    assert own["mu_star"] > 1000 and own["sigma"] < 1e-6 * own["mu_star"] and not own["cancels"]
    assert at.loc[(f"{NET_BENEFIT}:behaviour", COST), "cancels"]
    # wages are paid in every arm alike: they cancel out of every output
    assert at.xs("company.wage_per_day", level="parameter")["cancels"].all()
    response = pd.read_csv(out / "response.csv")
    assert outputs <= set(response.columns)
    assert "net benefit of attitude-level training against control" in result.output
    said = " ".join(result.output.split())
    assert "too few samples (r = 2) to order the parameters of profit, loyalty" in said  # r < 10: always
    assert "too few samples (N = 4) to order the parameters of loyalty" in said
    report = (out / "report.html").read_text()
    assert "net benefit of <b>attitude-level training</b>" in report
    assert "The Sobol follow-up (N = 4, in <code>sobol/report.html</code>" in report
    # the follow-up: Sobol over the parameters that matter, the price among them (it leads an output)
    assert "follow-up: Sobol analysis of the 2 parameters that matter" in result.output
    second = pd.read_csv(out / "sobol" / "indices.csv")
    assert {"S1", "ST"} <= set(second.columns) and set(second["output"]) == outputs
    assert COST in set(second["parameter"]) and second["parameter"].nunique() == 2
    design = pd.read_parquet(out / "sobol" / "design.parquet")
    assert len(design) == 4 * (2 + 2)  # N x (parameters + 2)
    assert (out / "sobol" / "report.html").is_file()


def _indices(rows: list[tuple[str, str, float, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["output", "parameter", "mu_star", "mu_star_high", "cancels"])


def test_mattering_keeps_each_outputs_leader_and_drops_what_cannot_matter():
    ind = _indices(
        [
            ("profit", "fear", 10.0, 12.0, False),
            ("profit", "margin", 9.0, 11.0, False),
            ("profit", "noise", 0.1, 0.5, False),  # 0.5 / 10 = 5% of the largest: does not matter
            ("profit", "wages", 0.0, 0.0, True),
            ("net", "price", 1000.0, 1000.0, False),  # leads an output in other units
            ("net", "fear", 10.0, 40.0, False),
            ("net", "wages", 0.0, 0.0, True),
        ]
    )
    assert mattering(ind, 0.1, 8) == ["fear", "price", "margin"]
    assert mattering(ind, 0.1, 2) == ["fear", "price"]  # the cap never drops an output's leader first
    assert "noise" in mattering(ind, 0.05, 8)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'net_benefit = ["behaviour", "attitude"]',
            'net_benefit = ["attitud"]',
            "sensitivity.net_benefit[0]",
        ),
        ('net_benefit = ["behaviour", "attitude"]', 'net_benefit = ["control"]', "is the control"),
        ('method = "morris"', 'method = "sobol"', "follow_up screens first"),
    ],
)
def test_mistakes_in_the_screen_name_the_key(tmp_path: Path, old: str, new: str, message: str):
    path = _tiny_screen(tmp_path, [("staff.fear_block", 0.5, 0.95), (COST, 250, 750)], **{old: new})
    with pytest.raises(ExperimentError) as err:
        load_experiment(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_mattering_orders_by_the_estimate_not_by_the_noisiest_upper_bound():
    """A noisy parameter (wide interval) must not crowd out another output's main driver."""
    ind = _indices(
        [
            ("profit", "fear", 10.0, 11.0, False),
            ("profit", "noisy", 6.0, 30.0, False),
            ("net", "ability", 500.0, 520.0, False),
            ("net", "noisy", 100.0, 900.0, False),
        ]
    )
    assert mattering(ind, 0.1, 2) == ["fear", "ability"]
    assert mattering(ind, 0.1, 3) == ["fear", "ability", "noisy"]


def test_check_counts_the_follow_up_too():
    result = CliRunner().invoke(main, ["check", str(SCREEN)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "then its Sobol follow-up (at most) │ 640 │ 1,920" in said
    assert "sensitivity: every arm in every branch, paired" in said
