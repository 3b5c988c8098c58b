"""The command line's result tables fit 120 columns without cutting a number, and say the same
numbers in the same units as the report."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from campaign_sim.cli import experiments as cli
from campaign_sim.experiments.narrative import economics_html, factorial_html

ARMS = ["control", "behaviour", "attitude", "incentives", "behaviour+incentives", "attitude+incentives",
        "broken_promise"]  # fmt: skip
KPIS = ["profit", "loyalty", "complaints", "revenue", "additional_sales", "quits", "absence_days", "fear"]


def _effects() -> pd.DataFrame:
    rows = []
    for i, arm in enumerate(ARMS[1:]):
        for kpi in KPIS:
            big = kpi in ("profit", "revenue")
            effect = (-1909.4 if big else -0.3172) * (1 + i / 7)
            rows.append((0, arm, kpi, effect, effect * 1.08, effect * 0.92, -4.28, "large"))
    return pd.DataFrame(
        rows, columns=["point", "arm", "kpi", "effect", "ci_low", "ci_high", "d", "magnitude"]
    )


def _economics() -> pd.DataFrame:
    rows = []
    for arm in ARMS[1:]:
        rows.append(
            {"point": 0, "arm": arm, "cost_eur": 52_843.0, "one_off_eur": 7_321.0, "running_eur": 45_522.0,
             "net_benefit_eur": -786_812.0, "net_benefit_low": -849_777.0, "net_benefit_high": -723_846.0,
             "net_benefit_eur_per_year": -262_270.0, "roi": -30.04, "roi_low": -32.41, "roi_high": -27.63,
             "margin_points": -20.61, "margin_points_low": -22.43, "margin_points_high": -18.74,
             "pct_of_control_profit": -88.0, "payback_day": float("nan"), "payback_share": 0.0,
             "horizon_days": 1095, "first_day": 30, "discount_rate": 0.05, "replicates": 10,
             "spend_per_employee_eur": 3_779.4, "days_off_floor_per_employee": 1.9812}
        )  # fmt: skip
    return pd.DataFrame(rows)


def _factorial() -> pd.DataFrame:
    rows = []
    for term, factor, level in (
        ("main effect", "training", "behaviour"),
        ("interaction", "training x incentives", "attitude x reward_effect"),
    ):
        for kpi, value, half in (("net_benefit_eur", 42_689.0, 49_297.0), ("profit", 42.04, 49.1)):
            rows.append((0, term, factor, level, kpi, value, value - half, value + half))
        rows.append((0, term, factor, level, "loyalty", -0.0031, -0.0141, 0.0071))
    columns = ["point", "term", "factor", "level", "kpi", "effect", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=columns)


def _field() -> pd.DataFrame:
    rows = []
    for arm in ARMS[1:]:
        rows.append(
            {"point": 0, "window": "follow_up", "arm": arm, "figure": "I3/I5", "state": "delivered_behaviour",
             "d_model": 0.9812, "d_low": 0.8523, "d_high": 1.1134, "d_field": 0.34, "field_low": 0.0,
             "field_high": 0.34, "ratio": 2.886, "verdict": "2.50x the field's upper bound 0.34: a finding "
             "to explain", "verdict_class": "far above"}
        )  # fmt: skip
    return pd.DataFrame(rows)


def _heterogeneity() -> pd.DataFrame:
    rows = []
    for arm in ARMS[1:]:
        for kpi in ("profit", "loyalty"):
            for group in ("high", "low", "difference"):
                effect = -1410.2 if kpi == "profit" else -0.3317
                rows.append((0, arm, kpi, "manager_punishment", group, effect, effect * 1.2, -effect * 0.9))
    columns = ["point", "arm", "kpi", "state", "group", "effect", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture
def analysis() -> SimpleNamespace:
    return SimpleNamespace(
        tables={
            "effects": _effects(),
            "economics": _economics(),
            "factorial": _factorial(),
            "field": _field(),
            "heterogeneity": _heterogeneity(),
        },
        kpis=KPIS,
        labels={arm: arm for arm in ARMS},
        control="control",
        definition={"name": "trial", "statistics": {"confidence": 0.95}},
        experiment={"arms": [{"name": arm, "label": arm, "contains": "something"} for arm in ARMS]},
    )


def _printed(capsys, monkeypatch, printer, analysis) -> list[str]:
    monkeypatch.setenv("COLUMNS", "120")
    printer(analysis)
    return capsys.readouterr().out.splitlines()


NOTES = ("money", "ROI", "factorial", "against", "Ratio", "trial", "Effect size", "by starting")


def test_every_result_table_fits_120_columns_with_its_intervals_whole(capsys, monkeypatch, analysis):
    lines = _printed(capsys, monkeypatch, cli.print_effects, analysis)
    table_lines = [line for line in lines if not line.startswith(NOTES)]  # titles and notes soft-wrap
    assert max(len(line) for line in table_lines) <= 120
    text = "\n".join(lines)
    assert "…" not in text
    for interval in (
        "-849.8..-723.8",  # money, kEUR
        "-32.4..-27.6",  # ROI
        "-22.4..-18.7",  # margin points
        "-6.6..+92.0",  # factorial net benefit, kEUR
        "+0.85..+1.11",  # field d
        "-2,062..-1,757",  # an effect of the widest arm in EUR/day
        "-1,692..+1,269",  # heterogeneity, EUR/day
    ):
        assert interval in text, interval


def test_money_is_in_kEUR_on_the_command_line_and_in_the_report_alike(capsys, monkeypatch, analysis):
    cli_text = "\n".join(_printed(capsys, monkeypatch, cli.print_money, analysis))
    report = economics_html(analysis)
    for shown in ("-786.8", "-849.8", "-723.8", "-262.3", "52.8", "7.3", "45.5"):
        assert shown in cli_text and shown in report, shown
    assert "kEUR" in cli_text and "kEUR" in report
    assert "-786,812" not in report and "52,843" not in report  # not EUR in one and kEUR in the other
    cli_factorial = "\n".join(_printed(capsys, monkeypatch, cli.print_factorial, analysis))
    report_factorial = factorial_html(analysis)
    for shown in ("+42.7", "-6.6", "+92.0"):
        assert shown in cli_factorial and shown in report_factorial, shown
    assert "42,689" not in cli_factorial + report_factorial
    assert "kEUR/branch" in cli_factorial
    assert "kEUR per branch" in report_factorial


def test_spend_and_days_off_the_floor_per_employee_are_shown(capsys, monkeypatch, analysis):
    cli_text = "\n".join(_printed(capsys, monkeypatch, cli.print_money, analysis))
    report = economics_html(analysis)
    for text in (cli_text, report):
        assert "3,779 EUR" in text and "1.98 days" in text
        assert "per employee" in text.lower()


def test_a_count_of_customers_events_gets_a_row_per_1000_visits(capsys, monkeypatch, analysis):
    rows = [(0, arm, "complaints_per_1000_visits", 5.85, 3.94, 7.76) for arm in ARMS[1:]]
    rows += [(0, arm, "visits", -150.0, -170.0, -130.0) for arm in ARMS[1:]]
    analysis.tables["rates"] = pd.DataFrame(
        rows, columns=["point", "arm", "kpi", "effect", "ci_low", "ci_high"]
    )
    text = "\n".join(_printed(capsys, monkeypatch, cli.print_effects, analysis))
    assert "complaints per" in text and "1000 visits" in text and "+3.94..+7.76" in text
