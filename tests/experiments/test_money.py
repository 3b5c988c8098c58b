"""Money over the horizon and the factorial contrasts, recovered from trials with known answers.

Synthetic tables (no model) give exact answers: a campaign that costs C on its first day and
then adds g EUR of profit per branch and day must show cost C, net benefit sum(w g) - C, ROI
net / C and payback on day ceil(C / g).  A real tiny factorial trial then shows that training
alone, incentives alone and both together are estimated separately, with costs entering.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from campaign_sim.cli import main
from campaign_sim.experiments.factorial import factorial_effects
from campaign_sim.experiments.payback import discount_weights, economics_table, payback_day

from .conftest import REPO

PRE, START, END = (0, 10), 10, 110
COST, GAIN = 500.0, 20.0


def synthetic_money(
    replicates: int = 4, offset: float = 37.0, noise: float = 0.0, end: int = END
) -> pd.DataFrame:
    """Control and one arm per replicate: the arm's branches earn ``offset`` more by chance in every
    day (the DiD removes it), pay COST on day START and earn GAIN more per day from START on."""
    rng = np.random.default_rng(0)
    rows = []
    days = np.arange(end)
    for rep in range(replicates):
        base = 300 + 10 * np.sin(days / 7) + rep
        cost = np.where(days == START, COST, 0.0)
        effect = np.where(days >= START, GAIN + rng.normal(0, noise, end), 0.0)
        for arm, profit, spent in (
            ("control", base, 0 * cost),
            ("trained", base + offset + effect - cost, cost),
        ):
            rows.append(
                pd.DataFrame(
                    {
                        "point": 0,
                        "replicate": rep,
                        "counterfactual": False,
                        "arm": arm,
                        "day": days,
                        "profit": profit,
                        "revenue": profit * 4,
                        "campaign_cost": spent,
                        "cost_one_off": spent,
                        "cost_running": 0.0,
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def test_a_known_net_effect_with_costs_is_recovered_exactly():
    table, curve = economics_table(synthetic_money(), "control", PRE, (START, END), 0.0)
    row = table.set_index("arm").loc["trained"]
    horizon = END - START
    assert row["cost_eur"] == pytest.approx(COST)
    assert row["one_off_eur"] == pytest.approx(COST) and row["running_eur"] == 0
    assert row["net_benefit_eur"] == pytest.approx(GAIN * horizon - COST)
    assert row["roi"] == pytest.approx((GAIN * horizon - COST) / COST)
    # day 0 already earns GAIN and pays COST: cumulative (d + 1) GAIN - COST >= 0 from d = C/g - 1
    assert row["payback_day"] == math.ceil(COST / GAIN) - 1
    # 100 days: the one-off cost scaled to a year would read as a yearly rate it is not
    assert math.isnan(row["net_benefit_eur_per_year"])
    long, _ = economics_table(synthetic_money(end=START + 400), "control", PRE, (START, START + 400), 0.0)
    long_row = long.set_index("arm").loc["trained"]
    assert long_row["net_benefit_eur_per_year"] == pytest.approx((GAIN * 400 - COST) * 365 / 400)
    assert set(curve["arm"]) == {"trained"} and curve["day"].max() == horizon - 1


def test_a_window_that_skipped_the_cost_period_would_be_wrong_and_is_not_used():
    """Starting the money one day late (after the cost) would overstate the benefit by the cost."""
    right, _ = economics_table(synthetic_money(), "control", PRE, (START, END), 0.0)
    late, _ = economics_table(synthetic_money(), "control", PRE, (START + 1, END), 0.0)
    assert late["net_benefit_eur"].iloc[0] - right["net_benefit_eur"].iloc[0] == pytest.approx(COST - GAIN)


def test_discounting_weighs_later_days_less():
    w = discount_weights(366, 0.05)
    assert w[0] == 1 and w[365] == pytest.approx(1 / 1.05)
    undiscounted, _ = economics_table(synthetic_money(), "control", PRE, (START, END), 0.0)
    discounted, _ = economics_table(synthetic_money(), "control", PRE, (START, END), 0.5)
    expected = (GAIN * discount_weights(END - START, 0.5)).sum() - COST
    assert discounted["net_benefit_eur"].iloc[0] == pytest.approx(expected)
    assert discounted["net_benefit_eur"].iloc[0] < undiscounted["net_benefit_eur"].iloc[0]
    row = discounted.iloc[0]  # the parts of the cost are discounted like the whole
    assert row["cost_eur"] == pytest.approx(row["one_off_eur"] + row["running_eur"])


def test_intervals_cover_the_known_effect_with_noise():
    table, _ = economics_table(synthetic_money(replicates=12, noise=30.0), "control", PRE, (START, END), 0.0)
    row = table.iloc[0]
    assert row["net_benefit_low"] < GAIN * (END - START) - COST < row["net_benefit_high"]
    assert row["net_benefit_low"] < row["net_benefit_eur"] < row["net_benefit_high"]


def test_payback_day_is_the_first_day_from_which_it_stays_positive():
    assert payback_day(np.array([-3.0, -1.0, 2.0, -0.5, 1.0, 4.0])) == 4
    assert payback_day(np.array([1.0, 2.0])) == 0
    assert np.isnan(payback_day(np.array([-3.0, -1.0])))
    assert np.isnan(payback_day(np.array([])))


FACTORS = {"training": ["none", "behaviour", "attitude"], "incentives": ["as_is", "reward_effect"]}
LEVELS = {
    "control": {"training": "none", "incentives": "as_is"},
    "behaviour": {"training": "behaviour", "incentives": "as_is"},
    "attitude": {"training": "attitude", "incentives": "as_is"},
    "incentives": {"training": "none", "incentives": "reward_effect"},
    "behaviour+incentives": {"training": "behaviour", "incentives": "reward_effect"},
    "attitude+incentives": {"training": "attitude", "incentives": "reward_effect"},
    "broken_promise": {},
}


def test_factorial_contrasts_separate_training_incentives_and_their_interaction():
    """Cell effects built from known parts: each main effect and the interaction come back exactly."""
    training = {"none": 0.0, "behaviour": 5.0, "attitude": 12.0}
    incentives = {"as_is": 0.0, "reward_effect": 100.0}
    together = {("attitude", "reward_effect"): 30.0, ("behaviour", "reward_effect"): -4.0}
    rows = []
    for rep in range(5):
        for arm, lv in LEVELS.items():
            if arm == "control":
                continue
            if not lv:
                rows.append((0, rep, arm, "profit", -50.0 + rep))
                continue
            y = training[lv["training"]] + incentives[lv["incentives"]]
            y += together.get((lv["training"], lv["incentives"]), 0.0)
            rows.append((0, rep, arm, "profit", y))
    per_rep = pd.DataFrame(rows, columns=["point", "replicate", "arm", "kpi", "did"])
    out = factorial_effects(per_rep, "did", LEVELS, FACTORS, "control").set_index(["factor", "level"])
    got = out["effect"]
    assert got[("training", "behaviour")] == pytest.approx(5.0 + (-4.0) / 2 + 0.0)
    assert got[("training", "attitude")] == pytest.approx(12.0 + 30.0 / 2)
    assert got[("incentives", "reward_effect")] == pytest.approx(100.0 + (30.0 - 4.0) / 3)
    assert (out["replicates"] == 5).all()
    assert got[("training x incentives", "attitude x reward_effect")] == pytest.approx(30.0)
    assert got[("training x incentives", "behaviour x reward_effect")] == pytest.approx(-4.0)


TRIAL = """
name = "tiny_factorial"
scenario = "{repo}/scenarios/baseline.toml"
seed = 5
replicates = 3
days = 90
branches = 12
kpis = ["profit", "pride"]
control = "control"

[assignment]
stratify_by = "fear"

[periods]
pre = {{ start = 0, end = 10 }}
post = {{ last = 20 }}

[economics]
horizon_days = {horizon}
discount_rate = 0.05

[factorial]
factors = {{ training = ["none", "attitude"], incentives = ["as_is", "{reward}"] }}

[[arms]]
name = "control"
levels = {{ training = "none", incentives = "as_is" }}

[[arms]]
name = "attitude"
levels = {{ training = "attitude", incentives = "as_is" }}
campaigns = [{{ kind = "attitude_training", start_day = 10, duration_days = 10 }}]

[[arms]]
name = "incentives"
levels = {{ training = "none", incentives = "reward_effect" }}
campaigns = [{{ kind = "incentive_scheme", start_day = 10 }}]

[[arms]]
name = "attitude+incentives"
levels = {{ training = "attitude", incentives = "reward_effect" }}
campaigns = [
  {{ kind = "attitude_training", start_day = 10, duration_days = 10 }},
  {{ kind = "incentive_scheme", start_day = 10 }},
]
"""


def _trial(tmp_path: Path, horizon: int = 80, reward: str = "reward_effect") -> Path:
    path = tmp_path / "trial.toml"
    path.write_text(TRIAL.format(repo=REPO.as_posix(), horizon=horizon, reward=reward))
    return path


def test_a_real_factorial_trial_writes_economics_and_separates_its_parts(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["compare", str(_trial(tmp_path)), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    econ = pd.read_csv(out / "economics.csv")
    for column in (
        "arm",
        "cost_eur",
        "net_benefit_eur",
        "net_benefit_low",
        "net_benefit_high",
        "roi",
        "payback_day",
    ):
        assert column in econ.columns
    econ = econ.set_index("arm")
    assert set(econ.index) == {"attitude", "incentives", "attitude+incentives"}
    # costs enter: the training arm pays its fees once, the incentive arm every day, both arms both
    assert econ.loc["attitude", "one_off_eur"] > 0 and econ.loc["attitude", "running_eur"] == 0
    assert econ.loc["incentives", "running_eur"] > 0 and econ.loc["incentives", "one_off_eur"] == 0
    both = econ.loc["attitude+incentives"]
    assert both["cost_eur"] > max(econ.loc["attitude", "cost_eur"], econ.loc["incentives", "cost_eur"])
    assert (econ["horizon_days"] == 80).all() and (econ["first_day"] == 10).all()
    fac = pd.read_csv(out / "factorial.csv")
    terms = set(zip(fac["factor"], fac["level"], strict=True))
    assert {
        ("training", "attitude"),
        ("incentives", "reward_effect"),
        ("training x incentives", "attitude x reward_effect"),
    } <= terms
    assert set(fac["kpi"]) == {"profit", "pride", "net_benefit_eur"}
    effects = pd.read_csv(out / "effects.csv")
    assert set(effects.loc[effects["kpi"] == "profit", "window"]) == {"money"}
    assert set(effects.loc[effects["kpi"] == "pride", "window"]) == {"post"}
    flat = " ".join(result.output.split())
    assert "campaign costs included" in flat and "payback" in flat


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"reward": "reward_effects"},
            "'arms[2] (incentives).levels.incentives' = 'reward_effect': unknown level of incentives "
            "(the levels of [factorial].factors.incentives; a typo may be there)",
        ),
        ({"horizon": 200}, "'economics.horizon_days' = 200"),
    ],
)
def test_a_bad_factor_level_or_horizon_stops_with_one_message(tmp_path, change, message):
    result = CliRunner().invoke(main, ["check", str(_trial(tmp_path, **change))])
    assert result.exit_code == 2
    assert "trial.toml" in result.output and message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_an_unknown_control_arm_of_a_factorial_is_named_directly(tmp_path):
    """Not the indirect 'reference cell is arm ...' message: the key, the value and the arms allowed."""
    path = _trial(tmp_path)
    text = path.read_text()
    assert 'control = "control"' in text
    path.write_text(text.replace('control = "control"', 'control = "contrl"', 1))
    for command in (["check", str(path)], ["compare", str(path), "--out", str(tmp_path / "out")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2
        flat = " ".join(result.output.split())
        assert "Traceback" not in result.output
        assert str(path) in flat
        assert "'control' = 'contrl': unknown arm; did you mean 'control'?" in flat
        assert "Allowed: control, attitude, incentives, attitude+incentives." in flat
        assert "reference cell" not in flat


def test_effects_split_by_a_branch_attribute(tmp_path):
    """Heterogeneity by the manager's own punishment style, not only by KPI states."""
    path = _trial(tmp_path)
    path.write_text(
        path.read_text().replace(
            'kpis = ["profit", "pride"]',
            'kpis = ["profit", "pride"]\nheterogeneity = ["manager_punishment", "branch_size"]',
        )
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["compare", str(path), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    het = pd.read_csv(out / "heterogeneity.csv")
    assert set(het["state"]) == {"manager_punishment", "branch_size"}
    assert {"high", "low"} <= set(het["group"])
    tidy = pd.read_parquet(out / "tidy.parquet")
    per_branch = tidy.groupby(["replicate", "branch"])["manager_punishment"].nunique()
    assert (per_branch == 1).all()  # fixed at the start: the same in every period


def test_an_unknown_split_names_the_branch_attributes(tmp_path):
    path = _trial(tmp_path)
    path.write_text(
        path.read_text().replace(
            'kpis = ["profit", "pride"]', 'kpis = ["profit", "pride"]\nheterogeneity = ["punishment"]'
        )
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    flat = " ".join(result.output.split())
    assert "'heterogeneity[0]' = 'punishment': unknown KPI or branch attribute" in flat
    assert "manager_punishment" in flat


def _field_inputs(scale: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-replicate DiD of delivered behaviour = ``scale`` x the sd between people (0.1)."""
    reps = range(6)
    per_rep = pd.DataFrame(
        [(0, r, "trained", "delivered_behaviour", scale * 0.1 * (1 + 0.01 * r)) for r in reps],
        columns=["point", "replicate", "arm", "kpi", "did"],
    )
    tidy = pd.DataFrame(
        {"point": 0, "replicate": list(reps), "counterfactual": False, "people_sd_delivered_behaviour": 0.1}
    )
    return per_rep, tidy


def test_effects_are_read_on_the_field_scale_and_large_ones_are_flagged():
    from campaign_sim.experiments.field import field_comparison

    kinds = {"trained": ["behaviour_training"]}
    like_field = field_comparison(*_field_inputs(0.62), kinds).set_index("figure").loc["I1"]
    assert like_field["d_model"] == pytest.approx(0.62 * 1.025, rel=1e-6)
    assert like_field["ratio"] == pytest.approx(1.025, rel=1e-6)
    assert "finding" not in like_field["verdict"]
    huge = field_comparison(*_field_inputs(3.0), kinds).set_index("figure").loc["I1"]
    assert huge["verdict_class"] == "far above" and "a finding to explain" in huge["verdict"]
    # a training arm is not compared with the incentive figure, and no arm without its kind
    assert set(field_comparison(*_field_inputs(1.0), kinds)["figure"]) == {"I1"}


I2 = (0.12, 0.46)  # the field's range of engagement interventions


@pytest.mark.parametrize(
    ("low", "high", "field", "cls", "words"),
    [
        # above: strictly over the upper bound; the ratio shown is the one that decided
        (0.4601, 0.9, I2, "above", "above: 1.00x the field's upper bound 0.46"),
        (0.46, 0.9, I2, "overlaps", "overlaps the field's range 0.12-0.46"),  # touching
        (0.45, 0.98, I2, "overlaps", "overlaps the field's range 0.12-0.46"),
        # the 2x edge: just under stays "above" and never shows 2.00x; exactly 2x is flagged
        (0.9199, 1.2, I2, "above", "above: 1.99x the field's upper bound 0.46"),
        (0.92, 1.2, I2, "far above", "2.00x the field's upper bound 0.46: a finding to explain"),
        (1.058, 1.3, I2, "far above", "2.30x the field's upper bound 0.46: a finding to explain"),
        # below: strictly under the lower bound
        (-0.1, 0.1199, I2, "below", "below: 0.99x the field's lower bound 0.12"),
        (-0.1, 0.12, I2, "overlaps", "overlaps the field's range 0.12-0.46"),  # touching
        (-0.5, -0.1, I2, "below", "below the field's lower bound 0.12: the whole interval"),
        # a point figure (I1) says "figure", not "bound"
        (0.19, 0.39, (0.62, 0.62), "below", "below: 0.62x the field's figure 0.62"),
        (1.24, 1.5, (0.62, 0.62), "far above", "2.00x the field's figure 0.62: a finding to explain"),
        # a field range from zero (I3/I5): below zero has no ratio
        (-0.3, -0.01, (0.0, 0.34), "below", "below the field's lower bound 0.00: the whole interval"),
        (0.65, 0.91, (0.0, 0.34), "above", "above: 1.91x the field's upper bound 0.34"),
    ],
)
def test_field_verdicts_follow_exact_rules_at_the_bounds(low, high, field, cls, words):
    from campaign_sim.experiments.field import field_verdict

    got_cls, got_words = field_verdict(low, high, *field)
    assert got_cls == cls
    assert got_words == words
    assert ("a finding to explain" in got_words) == (cls == "far above")


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(1.999999, "1.99x"), (2.0, "2.00x"), (2.3456, "2.34x"), (0.05, "0.05x"), (-0.13, "-0.13x")],
)
def test_ratios_are_truncated_so_they_never_cross_a_threshold(ratio, text):
    from campaign_sim.experiments.field import format_ratio

    assert format_ratio(ratio) == text


def test_spend_and_days_off_per_employee_over_the_horizon():
    """Undiscounted spending and training days over the window, each over the employees in post."""
    from campaign_sim.experiments.payback import per_employee

    tidy = pd.DataFrame(
        {
            "point": 0,
            "replicate": [0, 0, 1, 1, 0],
            "counterfactual": False,
            "arm": ["trained", "trained", "trained", "trained", "trained"],
            "branch": [0, 1, 0, 1, 0],
            "period": ["money", "money", "money", "money", "pre"],
            # per branch and day over a 100-day window: 5 EUR for 10 employees = 50 EUR per employee
            "campaign_cost": [5.0, 10.0, 5.0, 10.0, 999.0],
            "training_days": [0.2, 0.4, 0.2, 0.4, 9.0],  # 20 and 40 employee-days: 2 days each
            "staff": [10.0, 20.0, 10.0, 20.0, 1.0],
        }
    )
    row = per_employee(tidy, (30, 130)).iloc[0]
    assert row["arm"] == "trained"
    assert row["spend_per_employee_eur"] == pytest.approx(50.0)
    assert row["days_off_floor_per_employee"] == pytest.approx(2.0)
