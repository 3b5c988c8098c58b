"""What a strategist needs to decide, tested on the functions that compute what the compare tab shows.

Costs and payback (cumulative, not daily), uncertainty over seeds, plan contents in words,
names that cannot be confused, signed numbers, and the starting team states as levers.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from campaign_sim import load_scenario
from campaign_sim.ui import charts, describe, payback
from campaign_sim.ui.i18n import DE, EN, STRINGS, tr
from campaign_sim.ui.levers import NO_CAMPAIGN, TEAM_STATES, Plan, Settings, build_scenario
from campaign_sim.ui.live_run import LiveRun
from campaign_sim.ui.payback import MINUS, interval, lead, number

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def _pair(days: int = 90, branches: int = 3, name: str = "attitude_training"):
    base = load_scenario(SCENARIOS / f"{name}.toml")
    a = build_scenario(base, Settings(branches=branches, days=days), Plan())
    b = build_scenario(base, Settings(branches=branches, days=days), NO_CAMPAIGN)
    return a, b


# ---- numbers ------------------------------------------------------------------------------------


def test_signed_numbers_never_print_plus_minus_and_follow_the_language():
    assert number("en", -224.34, 1, signed=True) == MINUS + "224.3"
    assert number("de", -224.34, 1, signed=True) == MINUS + "224,3"
    assert number("en", 1234.5, 1, signed=True) == "+1,234.5"
    assert number("de", 1234.5, 1) == "1.234,5"
    assert number("en", -0.0004, 3, signed=True) == "0.000"  # rounds to zero: no sign
    assert number("en", float("nan")) == "–"
    for lang in STRINGS:
        for value in (-224.3, 224.3, -0.5, 0.5):
            assert "+-" not in number(lang, value, 1, signed=True)
            assert "+" + MINUS not in number(lang, value, 1, signed=True)
    assert interval("en", -12.34, 45.6, 1) == f"{MINUS}12.3 to +45.6"
    assert interval("de", -12.34, 45.6, 1) == f"{MINUS}12,3 bis +45,6"


def test_the_direction_of_b_minus_a_is_said_in_words():
    assert lead("en", "profit", -224.3, 1) == "A better by 224.3"
    assert lead("en", "profit", 5.0, 1) == "B better by 5.0"
    assert lead("en", "complaints", -0.5, 3) == "B better by 0.500"  # fewer complaints is better
    assert lead("de", "complaints", 0.5, 3) == "A um 0,500 besser"
    assert lead("en", "expectation", 0.2, 3) == "B higher by 0.200"  # no side is good
    assert lead("en", "profit", 0.01, 1) == "no difference"


# ---- costs and payback --------------------------------------------------------------------------


def test_break_even_is_where_the_cumulative_stays_above_zero_not_where_the_daily_line_crosses():
    """A spends 100 a day more for 45 days, then earns 50 a day more: daily crossing 75, break-even 164."""
    days = 365
    a = np.zeros((days, 1))
    a[30:75] = -100.0
    a[75:] = 50.0
    b = np.zeros((days, 1))
    result = payback.payback(a, b, start=30, spent_a=4500.0, spent_b=0.0)
    daily = (b - a)[:, 0]
    assert int(np.flatnonzero(daily < 0)[0]) == 75  # the daily B - A line crosses zero here ...
    assert result.investor == "A"
    assert result.break_even == 164  # ... but A has earned its spending back only here
    assert result.total == pytest.approx(-(50.0 * (days - 75) - 4500.0))
    assert np.all(result.cumulative[:30] == 0)
    short = payback.payback(a[:120], b[:120], start=30, spent_a=4500.0)
    assert short.break_even is None  # "not within the run"
    same = payback.payback(b, b, start=30)
    assert same.investor == "" and same.break_even is None


def test_training_fees_are_one_off_as_the_experiments_cost_ledger_books_them():
    """The UI's one-off cost was 0 while the experiments booked training fees as an investment."""
    from campaign_sim.experiments.runs import CostLedger
    from campaign_sim.model import CampaignModel

    base = load_scenario(SCENARIOS / "attitude_training.toml")
    scenario = build_scenario(base, Settings(branches=4, days=90), Plan(training="both"))
    model = CampaignModel(scenario, seed=3)
    ledger = CostLedger(model.campaigns, np.zeros(4, dtype=np.int64), 1)
    model.run(progress=ledger)
    one_off, running = ledger.frame().sum(axis=0)[:, 0] * 4  # EUR per branch -> all 4 branches
    cost = payback.costs(model)
    assert cost.one_off > 0 and cost.running > 0
    assert cost.one_off == pytest.approx(one_off) and cost.running == pytest.approx(running)
    by_kind = {row["kind"]: row for row in cost.rows}
    for kind in ("behaviour_training", "attitude_training"):
        assert by_kind[kind]["money_one_off"] == by_kind[kind]["money_spent"] > 0
    assert by_kind["incentive_scheme"]["money_one_off"] == 0 < by_kind["incentive_scheme"]["money_running"]


def test_cost_card_names_its_horizon_and_each_campaign_s_one_off_and_running_cost():
    from campaign_sim.ui.strategist import cost_text

    a, b = _pair(days=90, branches=3)
    live = LiveRun(a, b, history=False)
    live.step(90)
    en = cost_text("en", live.models[0]).splitlines()
    assert en[0] == "Campaign cost up to working day 89, all 3 branches"
    assert en[1].startswith("one-off ") and "(training fees)" in en[1]
    assert not en[1].startswith("one-off 0 EUR")
    assert en[2].startswith("• Attitude training (lens of effect) 'lens of effect workshops': one-off ")
    assert en[3].startswith("• Incentive scheme 'reward effecting': one-off 0 EUR, running ")
    de = cost_text("de", live.models[0])
    assert "Kampagnenkosten bis Arbeitstag 89, alle 3 Filialen" in de and "einmalig" in de
    assert "\n•" not in cost_text("en", live.models[1])  # no campaign: no per-campaign lines


def test_plan_costs_come_from_the_campaign_summary_and_the_cumulative_includes_them():
    a, b = _pair(days=90)
    live = LiveRun(a, b, history=False)
    live.step(90)
    cost_a, cost_b = payback.costs(live.models[0]), payback.costs(live.models[1])
    assert cost_a.spent > 0 and cost_b.spent == 0
    assert cost_a.spent == pytest.approx(cost_a.one_off + cost_a.running)
    assert cost_a.spent == pytest.approx(
        float(np.nansum(live.models[0].kpis.series("campaign_cost"))), rel=1e-4
    )
    assert {row["kind"] for row in cost_a.rows} == {"attitude_training", "incentive_scheme"}
    start = payback.first_campaign_day(a, b)
    assert start == 30
    result = payback.live_payback(live.models, start)
    profit = [np.nansum(m.kpis.series("profit"), axis=1) for m in live.models]
    np.testing.assert_allclose(
        result.cumulative[start:], np.cumsum((profit[1] - profit[0])[start:]), rtol=1e-5
    )
    assert result.investor == "A" and result.days == 90


def test_payback_text_names_the_investor_and_days_in_both_languages():
    from campaign_sim.ui.strategist import payback_lines

    a = np.zeros((200, 2))
    a[30:60] = -100.0
    a[60:] = 100.0
    result = payback.payback(a, np.zeros((200, 2)), 30, spent_a=1.0)
    en = payback_lines("en", result, 3)
    assert en[0].startswith("After 200 working days A is ahead by")
    assert "all 3 branches, campaign costs included" in en[0]  # whose money, net of what
    assert f"working day {result.break_even}" in en[1]
    de = payback_lines("de", result, 3)
    assert de[0].startswith("Nach 200 Arbeitstagen liegt A") and "Gewinnschwelle von Plan A" in de[1]
    behind = payback.payback(a[:70], np.zeros((70, 2)), 30, spent_a=1.0)
    assert "not within the run" in payback_lines("en", behind, 3)[1]


# ---- uncertainty over seeds ---------------------------------------------------------------------


def test_several_seeds_give_a_mean_and_an_interval_of_b_minus_a():
    a, b = _pair(days=60, branches=2)
    done: list[int] = []
    study = payback.run_seeds(a, b, 3, progress=done.append)
    assert study is not None and study.seeds == (1, 2, 3) and done == [1, 2, 3]
    assert study.quarter == 15 and study.total.shape == (3,)
    values = study.diff["pride"]
    assert values.shape == (3,) and len(set(values.round(6))) == 3  # each seed is another draw
    mean, lo, hi = payback.mean_interval(values)
    assert lo < mean < hi and mean == pytest.approx(values.mean())
    one = payback.mean_interval(values[:1])
    assert math.isnan(one[1]) and math.isnan(one[2])
    assert payback.run_seeds(a, b, 3, cancelled=lambda: True) is None


def test_seed_table_labels_its_interval_as_uncertainty_over_seeds_not_parameters():
    from campaign_sim.ui.strategist import seed_break_even, seed_rows

    a, b = _pair(days=60, branches=2)
    study = payback.run_seeds(a, b, 2)
    rows = seed_rows("en", study, ["profit", "pride"])
    assert [r[0] for r in rows] == [
        "Profit (EUR/day)",  # a number without its unit says nothing
        "Pride (scale 0-1)",
        "Cumulative net benefit B − A on the last day, all branches (EUR)",
    ]
    assert all(" to " in r[2] for r in rows) and not any("+-" in c for r in rows for c in r)
    assert "seeds" in EN["seeds.hint"] and "not over the model's parameters" in EN["seeds.hint"]
    assert "90 %" in EN["seeds.col_ci"] and "Startwerte" in DE["seeds.hint"]
    assert "nicht über die Parameter" in DE["seeds.hint"]
    assert seed_break_even("en", study).startswith("Break-even of plan A")


def test_members_are_drawn_in_proportion_to_their_weight():
    members = [(7, 0.5, {}), (8, 0.25, {}), (9, 0.25, {}), (10, 0.0, {})]
    drawn = [m for m, _, _ in payback.draw_members(members, 8, seed=3)]
    assert sorted(drawn) == [7, 7, 7, 7, 8, 8, 9, 9]  # systematic: count x weight each, none of weight 0
    assert drawn == [m for m, _, _ in payback.draw_members(members, 8, seed=3)]  # same seed, same draw


def test_the_ensemble_band_varies_parameters_and_seeds_and_says_so():
    """The compare tab's ensemble band (issue: calibration, item 4): each run takes a member's
    parameters for both plans; a member with the scenario's own values changes nothing."""
    from campaign_sim.ui.strategist import seed_rows

    a, b = _pair(days=60, branches=2)
    plain = payback.run_seeds(a, b, 2)
    own = {"staff.fear_block": a.staff.fear_block, "customers.churn_annual": a.customers.churn_annual}
    same = payback.run_seeds(a, b, 2, members=[(1, 1.0, own)])
    assert same.members == (1, 1)
    assert all(np.array_equal(plain.diff[k], same.diff[k]) for k in plain.diff)  # bit for bit
    other = {"staff.fear_block": 0.3, "customers.churn_annual": 0.04}
    mixed = payback.run_seeds(a, b, 4, members=[(1, 0.5, own), (2, 0.5, other)])
    assert sorted(mixed.members) == [1, 1, 2, 2]
    assert mixed.daily["pride"].shape == (4, 60)
    median, lo, hi = mixed.band("pride")
    assert median.shape == (60,) and np.all(lo <= median) and np.all(median <= hi)
    assert np.any(hi > lo)
    low, high = mixed.spread("pride")
    assert low <= np.median(mixed.diff["pride"]) <= high
    rows = seed_rows("en", mixed, ["pride"])
    assert len(rows[0]) == 5 and " to " in rows[0][3]  # the range holding 90 % of the runs
    assert "parameter set" in EN["seeds.hint_ensemble"] and "Parametersatz" in DE["seeds.hint_ensemble"]
    assert "{m}" in EN["seeds.ensemble"] and "{e}" in DE["seeds.ensemble"]
    assert payback.worth([(1, 0.5, {}), (2, 0.5, {})]) == pytest.approx(2.0)
    assert payback.worth([(1, 0.9, {}), (2, 0.1, {})]) == pytest.approx(1 / 0.82)
    # the unit sits after the number in both languages: "B um 29.702 EUR besser"
    assert payback.lead("de", "profit", 29702.0, 0, " EUR") == "B um 29.702 EUR besser"


def test_the_app_offers_the_shipped_ensemble():
    from campaign_sim.experiments.ensemble import shipped_members
    from campaign_sim.scenario import Scenario

    members = shipped_members(Scenario().model_dump(mode="json"))
    assert len(members) >= 100 and math.isclose(sum(w for _, w, _ in members), 1.0, abs_tol=1e-6)
    assert "staff.transfer_fear" in members[0][2]


def test_b_minus_a_is_set_against_the_field_studies_as_standardised_effects():
    """docs/EVIDENCE.md I1-I5: the model's effect over the spread between employees, next to the field's."""
    from campaign_sim.experiments.field import FIELD
    from campaign_sim.ui.i18n import FIELD_WHAT
    from campaign_sim.ui.strategist import field_table_rows

    a, b = _pair(days=60, branches=2)  # A: attitude training and an incentive scheme, B: no campaign
    study = payback.run_seeds(a, b, 3)
    sd = study.people_sd["delivered_behaviour"]
    assert sd.shape == (3,) and np.all(sd > 0)
    rows = payback.field_rows(study, (a, b), FIELD)
    assert [r.figure.key for r in rows] == ["I1", "I2", "I3/I5"]
    i1 = rows[0]
    assert i1.plan == "A − B"  # the plan with the campaigns first
    assert i1.d == pytest.approx(np.mean(-study.diff["delivered_behaviour"] / sd))
    assert i1.low < i1.d < i1.high and i1.ratio == pytest.approx(i1.d / 0.62)
    en = field_table_rows("en", rows)
    assert en[0][0].startswith("I1: organisational training: behaviour on the job (")
    assert en[0][1].startswith("A − B: ") and " to " in en[0][1] and en[0][2] == "0.62"
    assert en[1][2] == "0.29 (0.12 to 0.46)" and en[0][3].endswith(" ×")
    de = field_table_rows("de", rows)
    assert de[0][0].startswith("I1: Training in Organisationen") and de[1][2] == "0,29 (0,12 bis 0,46)"
    assert set(FIELD_WHAT["de"]) == {f.key for f in FIELD}  # every figure in German too
    assert payback.field_rows(study, (a, a), FIELD) == []  # the same campaigns on both sides: no figure


def test_the_dashboard_band_is_called_spread_between_branches_not_uncertainty():
    assert "spread between branches (10-90 %)" in EN["chart.kpi_band"]
    assert "Streuung zwischen Filialen (10-90 %)" in DE["chart.kpi_band"]
    for text in (EN["chart.kpi_band"], EN["dash.band_hint"]):
        assert "uncertainty" not in text.replace("not uncertainty", "")
    assert "working day" in EN["dash.band_hint"] and "Arbeitstag" in DE["dash.band_hint"]


# ---- plans in words ------------------------------------------------------------------------------


def test_campaign_names_the_ui_and_shipped_scenarios_give_are_german_in_german():
    from campaign_sim.ui.i18n import CAMPAIGN_NAMES

    base = load_scenario(SCENARIOS / "baseline.toml")
    names = set()
    for training, incentive, leadership in (
        ("both", "effect", "supportive"),
        ("none", "doing", "controlling"),
    ):
        plan = Plan(training=training, incentive=incentive, leadership=leadership, promise=0.5)
        scenario = build_scenario(base, Settings(branches=2), plan)
        names |= {c.name for c in scenario.campaigns}
        german = " ".join(describe.plan_lines("de", scenario))
        assert not any(f"'{c.name}'" in german for c in scenario.campaigns), german
    for path in SCENARIOS.glob("*.toml"):
        names |= {c.name for c in load_scenario(path).campaigns if c.name}
    assert names <= set(CAMPAIGN_NAMES["de"]), names - set(CAMPAIGN_NAMES["de"])
    both = build_scenario(base, Settings(branches=2), Plan(training="both"))
    assert "Workshops zur Brille des Bewirkens" in " ".join(describe.plan_lines("de", both))
    assert "'lens of effect workshops'" in " ".join(describe.plan_lines("en", both))


def test_every_lever_left_as_in_the_scenario_names_the_campaigns_it_keeps():
    base = load_scenario(SCENARIOS / "attitude_training.toml")
    training = describe.file_option("en", base, "training")
    kept = "Attitude training (lens of effect) 'lens of effect workshops', working days 30-59"
    assert training == f"as in the scenario: {kept}"
    incentive = describe.file_option("en", base, "incentive")
    assert (
        "Incentive scheme 'reward effecting'" in incentive and "from working day 30 to the end" in incentive
    )
    assert "rewards for effecting" in incentive and "penalties for bad results 0.10" in incentive
    assert describe.file_option("en", base, "leadership") == "as in the scenario: none"
    assert describe.file_option("de", base, "leadership") == "wie im Szenario: keine"
    lines = describe.plan_lines("en", build_scenario(base, Settings(branches=4), Plan()))
    assert len(lines) == 2 and all("all 4 branches" in line for line in lines)
    assert describe.plan_lines("de", build_scenario(base, Settings(), NO_CAMPAIGN)) == ["keine Kampagne"]
    spec = base.campaigns[0].model_copy(update={"branches": {"first": 2, "count": 3}})
    assert "branches 2-4 (3)" in describe.campaign_text("en", spec, 20)


def test_manager_reprimands_and_incentive_penalties_cannot_be_confused():
    for table, style, scheme in ((EN, "manager style", "penalties"), (DE, "Führungsstil", "Abzüge")):
        for key in ("leadership.supportive", "leadership.controlling"):
            assert style in table[key].lower() or style in table[key]
        for key in ("incentive.doing", "incentive.effect"):
            assert scheme in table[key]
            assert style not in table[key].lower()
        texts = [
            table[k] for k in table if k.startswith(("lever.", "leadership.", "incentive.", "training."))
        ]
        assert not any("punish" in t.lower() or "straf" in t.lower() for t in texts)
    assert "incentive scheme" in EN["scen.punitive_attitude_training"]
    assert "penalties" in EN["scen.punitive_attitude_training"]
    assert "managers" not in EN["scen.punitive_attitude_training"]
    assert "Abzügen" in DE["scen.punitive_attitude_training"]
    assert EN["leadership.none"].startswith("managers as they are")
    assert "{day}" in EN["lever.leadership"] and "{day}" in DE["lever.leadership"]
    assert tr("en", "lever.leadership", day=30).endswith("from working day 30)")


# ---- our branches ---------------------------------------------------------------------------------


def test_starting_team_states_are_levers_on_the_scenarios_branches_section():
    for state in (
        "fear_of_boss",
        "fear_of_customers",
        "fear_for_job",
        "pride",
        "engagement",
        "leadership_support",
    ):
        assert state in TEAM_STATES
    base = load_scenario(SCENARIOS / "baseline.toml")
    settings = Settings().with_team("fear_of_boss", 0.5).with_team("pride", 0.7)
    scenario = build_scenario(base, settings, Plan())
    expected = base.with_changes({"branches.fear_of_boss.mean": 0.5, "branches.pride.mean": 0.7})
    assert scenario.branches == expected.branches
    assert scenario.branches.fear_of_boss.between_sd == base.branches.fear_of_boss.between_sd
    assert settings.team_mean(base, "fear_of_boss") == 0.5
    assert settings.team_mean(base, "engagement") == base.branches.engagement.mean
    assert settings.kept() == Settings()  # a new scenario brings its own team
    with pytest.raises(KeyError, match="staff_mean"):
        Settings().with_team("staff_mean", 3)
    for lang in STRINGS:
        for state in TEAM_STATES:
            assert f"team.{state}" in STRINGS[lang] or f"kpi.{state}" in STRINGS[lang], state


def test_fearful_branches_deliver_less_than_calm_ones():
    """The team levers reach the model: high starting fear of the boss lowers behaviour delivered."""
    base = load_scenario(SCENARIOS / "baseline.toml")
    small = Settings(branches=3, days=20)
    calm = build_scenario(base, small.with_team("fear_of_boss", 0.05), Plan())
    fearful = build_scenario(base, small.with_team("fear_of_boss", 0.95), Plan())
    live = LiveRun(calm, fearful, history=False)
    live.step(20)
    assert live.mean_series("fear", 1).mean() > live.mean_series("fear", 0).mean()


# ---- charts ---------------------------------------------------------------------------------------


def test_long_chart_titles_wrap_instead_of_being_cut_off():
    title = tr("de", "pay.chart", n=120)
    spec = charts.difference(np.zeros(10), title, 10, "x", "y")
    lines = spec["title"]["text"]
    assert isinstance(lines, list) and all(len(line) <= charts.TITLE_CHARS[False] for line in lines)
    assert charts.title_text(spec) == title
    assert charts.lines({"a": np.zeros(3)}, "short", 3, "x", "y")["title"] == {"text": "short"}


def test_cumulative_chart_marks_the_break_even_day():
    spec = charts.cumulative(
        np.linspace(-5, 5, 100), "t", 100, "x", "y", break_even=50, rule_label="break-even"
    )
    marks = spec["layer"][-1]
    assert marks["data"]["values"] == [{"day": 50, "label": "break-even 50"}]
    assert charts.cumulative(np.zeros(3), "t", 3, "x", "y")["layer"][-1]["mark"]["type"] == "rule"


def test_a_slider_that_only_resends_its_value_does_not_restart_the_run():
    from campaign_sim.ui.strategist import changed

    assert not changed(0.47, 0.47000001) and not changed(0.3, 0.3)
    assert changed(0.47, 0.45) and changed(0.3, 0.31)


def test_chart_numbers_follow_the_language():
    spec = charts.lines({"a": np.zeros(3)}, "t", 3, "x", "y")
    german = charts.localise(spec, "de")
    assert german["config"]["locale"]["number"]["decimal"] == ","
    assert german["config"]["locale"]["number"]["minus"] == MINUS
    assert charts.localise(spec, "en")["config"]["locale"]["number"]["thousands"] == ","
    assert german["config"]["axis"] == spec["config"]["axis"] and "locale" not in spec["config"]
