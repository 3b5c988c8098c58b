"""Fast tests of the UI's logic without a browser: texts, presets, levers, paired runs, exports, assets."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from campaign_sim import Scenario, ScenarioError, load_scenario
from campaign_sim.cli import main
from campaign_sim.outputs import GROUPS, KPI_NAMES, unit
from campaign_sim.ui import charts, export
from campaign_sim.ui.assets import OfflineAssetsError, ensure_offline_assets
from campaign_sim.ui.handout import measure, size_text
from campaign_sim.ui.i18n import DE, EN, SCENARIO_NAMES, STRINGS, scenario_name, tr
from campaign_sim.ui.levers import NO_CAMPAIGN, Plan, Settings, build_scenario, file_promise, load_uploaded
from campaign_sim.ui.live_run import CUSTOMER_VIEW, STAFF_VIEW, LiveRun
from campaign_sim.ui.presets import CLAIM_SEEDS, STEPS, WORKSHOP_BRANCHES, WORKSHOP_SEED, Claim

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# ---- texts -----------------------------------------------------------------------------------


def test_every_text_exists_in_both_languages_with_the_same_placeholders():
    assert set(EN) == set(DE)
    for key in EN:
        assert EN[key].strip() and DE[key].strip(), key
        assert _fields(EN[key]) == _fields(DE[key]), key


def test_every_kpi_state_unit_and_workshop_step_has_a_text():
    for lang in STRINGS:
        for name in KPI_NAMES:
            assert f"kpi.{name}" in STRINGS[lang]
            assert f"unit.{unit(name)}" in STRINGS[lang]
        for group in GROUPS:
            assert f"group.{group}" in STRINGS[lang]
        for step in STEPS:
            for part in (
                "section",
                "short",
                "title",
                "point",
                "text",
                "quote",
                "a",
                "b",
                "same",
                "q1",
                "q2",
                "q3",
            ):
                assert f"ws.{step.key}.{part}" in STRINGS[lang]
    for path in SCENARIOS.glob("*.toml"):
        assert f"scen.{path.stem}" in EN, path.stem
        assert path.stem in SCENARIO_NAMES["de"], path.stem
    assert len(set(SCENARIO_NAMES["de"].values())) == len(SCENARIO_NAMES["de"])
    assert scenario_name("de", "attitude_training") == "Einstellungstraining"
    assert scenario_name("en", "attitude_training") == "attitude_training"


def test_german_uses_the_concepts_own_terms():
    german = " ".join(DE.values())
    for term in (
        "Brille des Bewirkens",
        "Kundenorientierung",
        "Bewirken",
        "Tun",
        "Einstellungsebene",
        "Verbundenheit",
        "Erlebbarkeit",
        "Lösungsansatz",
        "Behauptung",
    ):
        assert term in german, term


def test_tr_falls_back_to_english_then_to_the_key():
    assert tr("fr", "btn.step") == "Step"
    assert tr("de", "no.such.key") == "no.such.key"
    assert tr("de", "status.day", day=3, days=10) == "Tag 3 von 10"


# ---- workshop presets --------------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS, ids=[s.key for s in STEPS])
def test_workshop_step_is_valid_and_charts_what_its_point_names(step):
    """Both plans validate and share seed and size; every KPI a claim names is one of the step's charts."""
    scenario_a, scenario_b = step.scenarios()
    assert scenario_a.run == scenario_b.run and scenario_a.run.seed == WORKSHOP_SEED
    assert scenario_a.run.branches == WORKSHOP_BRANCHES > 1
    assert step.kpis and all(kpi in KPI_NAMES for kpi in step.kpis)
    assert step.claims and {c.kpi for c in step.claims} <= set(step.kpis)
    assert step.staff_state in STAFF_VIEW and step.customer_state in CUSTOMER_VIEW


@pytest.mark.parametrize("step", STEPS, ids=[s.key for s in STEPS])
def test_workshop_step_claims_hold_on_every_seed(step):
    """The point of each step, as its claims state it, shows on each of the seeds 1-5, not only the one shown.

    Each claim is also checked against its opposite, so the check itself can fail.
    """
    for seed in CLAIM_SEEDS:
        live = LiveRun(*step.scenarios(seed), history=False)
        live.step(live.days)
        for claim, value in measure(step, live):
            assert claim.holds(value), (step.key, seed, claim, value)
            if claim.sign:
                assert not Claim(claim.kpi, -claim.sign, claim.size, claim.of).holds(value)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_workshop_point_texts_name_their_claims_thresholds(lang):
    """The one-line point on the screen says the same numbers the tested claims check."""
    for step in STEPS:
        point = tr(lang, f"ws.{step.key}.point")
        for claim in step.claims:
            threshold = size_text(lang, claim).split(" ")[0]
            assert re.search(rf"(?<![\d,.]){re.escape(threshold)}(?![\d])", point), (
                lang,
                step.key,
                threshold,
            )


def test_band_series_smooths_money_per_branch_before_the_spread():
    """A 20-day moving mean: constant series stay, a one-day spike is spread over 20 days."""
    step = STEPS[-1]
    live = LiveRun(*step.scenarios(), history=False)
    live.step(60)
    raw = live.models[1].kpis.series("profit")
    mean, lo, hi = live.band_series("profit", 1, smooth=20)
    expected = np.mean(raw[40:60], axis=0)
    assert mean[59] == pytest.approx(np.mean(expected))
    assert mean[0] == pytest.approx(np.mean(raw[0]))
    assert np.all(lo <= mean) and np.all(mean <= hi)
    assert np.std(np.diff(mean)) < np.std(np.diff(live.band_series("profit", 1)[0]))


def test_workshop_claims_say_which_way_and_by_how_much():
    grew = np.r_[np.zeros(30), np.full(210, 0.1)]
    flat = np.zeros(240)
    assert Claim("pride", +1, 0.05).holds(Claim("pride", +1, 0.05).value(flat, grew))
    assert not Claim("pride", +1, 0.2).holds(Claim("pride", +1, 0.2).value(flat, grew))
    assert Claim("pride", +1, 0.05, of="B").value(flat, grew) == pytest.approx(0.1)
    assert Claim("pride", 0, 0.03, of="A").holds(0.01) and not Claim("pride", 0, 0.03, of="A").holds(-0.05)


# ---- levers and plans --------------------------------------------------------------------------


def test_plan_replaces_only_the_levers_it_sets():
    base = load_scenario(SCENARIOS / "broken_promise.toml")
    kinds = [c.kind for c in base.campaigns]
    same = build_scenario(base, Settings(), Plan())
    assert [c.kind for c in same.campaigns] == kinds
    changed = build_scenario(base, Settings(), Plan(training="attitude", promise=0.0))
    assert sorted(c.kind for c in changed.campaigns) == ["attitude_training"]
    assert file_promise(base) == pytest.approx(0.8)
    none = build_scenario(base, Settings(), NO_CAMPAIGN)
    assert none.campaigns == []
    effect = build_scenario(base, Settings(), Plan(incentive="effect", leadership="controlling"))
    scheme = next(c for c in effect.campaigns if c.kind == "incentive_scheme")
    boss = next(c for c in effect.campaigns if c.kind == "leadership")
    assert scheme.focus_effect == 1.0 and boss.punishment > 0.5


def test_settings_override_the_file_and_bad_values_explain_themselves():
    base = load_scenario(SCENARIOS / "baseline.toml")
    sc = build_scenario(base, Settings(market_pressure=0.6, branches=5, seed=9, days=40), Plan())
    assert (sc.company.market_pressure, sc.run.branches, sc.run.seed, sc.run.days) == (0.6, 5, 9, 40)
    with pytest.raises(ScenarioError, match=r"run\.branches"):
        build_scenario(base, Settings(branches=0), Plan())
    with pytest.raises(ScenarioError, match=r"company\.market_pressure"):
        build_scenario(base, Settings(market_pressure=1.5), Plan())


def test_uploaded_file_may_extend_a_shipped_scenario_and_errors_name_the_upload():
    good = b'extends = "baseline.toml"\nname = "mine"\n[company]\nmarket_pressure = 0.55\n'
    sc = load_uploaded("mine.toml", good, SCENARIOS)
    assert sc.name == "mine" and sc.company.market_pressure == 0.55
    assert sc.branches == load_scenario(SCENARIOS / "baseline.toml").branches
    bad = b'extends = "baseline.toml"\n[company]\nmarket_presure = 0.5\n'
    with pytest.raises(ScenarioError, match=r"mine\.toml.*\n.*did you mean 'market_pressure'"):
        load_uploaded("mine.toml", bad, SCENARIOS)
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_uploaded("x.toml", b"[company\n", SCENARIOS)


# ---- paired runs and agent history -------------------------------------------------------------


def _small(days: int = 30, branches: int = 3) -> Scenario:
    return build_scenario(
        load_scenario(SCENARIOS / "attitude_training.toml"), Settings(branches=branches, days=days), Plan()
    )


def test_two_plans_share_their_random_numbers_until_the_campaign_starts():
    base = _small(days=40)
    other = build_scenario(base, Settings(), NO_CAMPAIGN)
    live = LiveRun(base, other)
    live.step(40)
    a, b = live.mean_series("revenue", 0), live.mean_series("revenue", 1)
    np.testing.assert_array_equal(a[:30], b[:30])  # campaigns start on day 30
    assert not np.array_equal(a[30:], b[30:])
    assert live.done and live.step(5) == 0


def test_agent_history_follows_one_person_and_forgets_a_replaced_one():
    live = LiveRun(_small(days=60))
    live.step(60)
    employees, customers = live.branch_agents(1)
    slot, uid = int(employees.slot[0]), int(employees.uid[0])
    history = live.agent_history("employee", slot, uid)
    assert history is not None and list(history.columns) == ["day", *STAFF_VIEW]
    assert history.day.iloc[-1] == 59
    assert history.fear.iloc[-1] == pytest.approx(live.model.staff_state.fear[slot], abs=2e-3)
    assert live.agent_history("employee", slot, uid + 10**9) is None
    cslot, cuid = int(customers.slot[0]), int(customers.uid[0])
    assert live.agent_history("customer", cslot, cuid).shape[1] == 1 + len(CUSTOMER_VIEW)


def test_a_failing_run_stops_with_a_message_instead_of_raising(monkeypatch):
    live = LiveRun(_small())

    def broken() -> None:
        raise FloatingPointError("boom")

    monkeypatch.setattr(live.models[0], "step", broken)
    assert live.step(3) == 0
    assert live.error == "FloatingPointError: boom"
    assert live.step(1) == 0


# ---- exports and charts ------------------------------------------------------------------------


def test_exports_hold_both_plans_and_open_as_files():
    base = _small(days=12)
    live = LiveRun(base, build_scenario(base, Settings(), NO_CAMPAIGN))
    live.step(12)
    frame = pd.read_csv(io.BytesIO(export.csv_bytes(live)))
    assert len(frame) == 2 * 12 * 3 and set(frame.plan) == {"A", "B"}
    assert {"day", "branch", *KPI_NAMES} <= set(frame.columns)
    table = pq.read_table(io.BytesIO(export.parquet_bytes(live)))
    assert table.num_rows == len(frame) and b"scenario" in table.schema.metadata
    for png in (
        export.dashboard_png(live, "de", ["profit", "pride"]),
        export.comparison_png(live, "en", ["pride"]),
    ):
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    assert re.fullmatch(r"attitude_training_seed1_day12", export.file_stem(live))


def _png_figure(monkeypatch, live, lang: str, build):
    """The figure an export would draw, with the panels and title it was given."""
    seen: dict = {}
    monkeypatch.setattr(
        charts,
        "png",
        lambda panels, title, lang="en", columns=2: seen.update(panels=panels, title=title, lang=lang) or b"",
    )
    build(live, lang)
    fig = charts.figure(seen["panels"], seen["title"], seen["lang"])
    fig.canvas.draw()
    return fig, seen


def test_png_export_wraps_titles_and_writes_numbers_in_the_page_s_language(monkeypatch):
    base = _small(days=90)
    live = LiveRun(base, build_scenario(base, Settings(), NO_CAMPAIGN))
    live.step(90)
    english_decimal = re.compile(r"^\u2212?\d+\.\d{1,2}$")  # "0.30", not "5.000"
    for build in (
        lambda live, lang: export.comparison_png(live, lang, ["pride", "profit"]),
        lambda live, lang: export.dashboard_png(live, lang, ["profit", "pride"]),
    ):
        fig, seen = _png_figure(monkeypatch, live, "de", build)
        assert seen["lang"] == "de" and "Startwert 1, 3 Filialen" in seen["title"]
        titles = [ax.get_title(loc="left") for ax in fig.axes]
        assert all(len(line) <= charts.PNG_TITLE_CHARS for t in titles for line in t.split("\n"))
        assert any("\n" in t for t in titles)  # a long title wraps instead of running off the panel
        ticks = [t.get_text() for ax in fig.axes if ax.axison for t in ax.get_yticklabels()]
        assert any(re.fullmatch(r"\u2212?\d+,\d+", t) for t in ticks), ticks  # "0,30"
        assert not any(english_decimal.fullmatch(t) for t in ticks), ticks
        assert all(ax.get_ylabel() for ax in fig.axes if ax.get_title(loc="left"))  # every panel has its unit
        width = fig.bbox.width  # titles and legends (long German names) stay inside the image
        for ax in fig.axes:
            for artist in (ax.title, ax._left_title, ax.get_legend()):
                if artist is not None and artist.get_visible():
                    box = artist.get_window_extent()
                    assert box.x0 >= -1 and box.x1 <= width + 1, (ax.get_title(loc="left"), box)
    fig, seen = _png_figure(
        monkeypatch, live, "en", lambda live, lang: export.comparison_png(live, lang, ["pride"])
    )
    assert "\nA: " in seen["title"] and "\nB: no campaign" in seen["title"]  # what A and B are
    assert seen["panels"][0]["title"].startswith("Cumulative profit B − A")  # the money first
    ticks = [t.get_text() for ax in fig.axes if ax.axison for t in ax.get_yticklabels()]
    assert any(english_decimal.fullmatch(t) for t in ticks)


def test_chart_specs_stay_json_and_within_the_point_budget():
    import json

    long = np.linspace(0, 1, 3000)
    spec = charts.lines({"a": long, "b": long[::-1]}, "t", 3000, "day", "v")
    assert len(spec["data"]["values"]) <= 2 * (charts.MAX_POINTS + 1)
    tiles = charts.tiles(np.array([0.1, np.nan, 0.9]), "t", "0..1", selected=2)
    json.dumps(tiles, allow_nan=False)
    assert [row["value"] for row in tiles["data"]["values"]][1] is None


# ---- offline assets and the command line -------------------------------------------------------


def test_vega_aliases_point_at_the_bundled_versions(tmp_path):
    for name in ("vega@5.21.0", "vega@5.3.0", "vega-lite@5.2.0", "vega-embed@6.20.2"):
        (tmp_path / name).mkdir()
    made = ensure_offline_assets(tmp_path)
    assert {p.name for p in made} == {"vega@5", "vega-lite@5", "vega-embed@6"}
    assert (tmp_path / "vega@5").resolve() == (tmp_path / "vega@5.21.0").resolve()
    assert ensure_offline_assets(tmp_path) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(OfflineAssetsError, match="vega"):
        ensure_offline_assets(empty)


def test_vega_alias_made_by_another_server_meanwhile_is_not_an_error(tmp_path, monkeypatch):
    """Two servers start at once (parallel test workers): the loser of the race keeps the link."""
    for name in ("vega@5.21.0", "vega-lite@5.2.0", "vega-embed@6.20.2"):
        (tmp_path / name).mkdir()
    real = Path.symlink_to

    def racing(self, target, target_is_directory=False):
        real(self, target, target_is_directory)  # the other server wins ...
        raise FileExistsError(self)  # ... and ours finds the link there

    monkeypatch.setattr(Path, "symlink_to", racing)
    assert ensure_offline_assets(tmp_path) == []
    assert (tmp_path / "vega@5").resolve() == (tmp_path / "vega@5.21.0").resolve()


def test_ui_command_is_registered_and_documents_its_options():
    result = CliRunner().invoke(main, ["ui", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--lang", "--scenario", "--setup-only"):
        assert option in result.output
    assert "127.0.0.1" in result.output


# ---- workshop handout and command line -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_workshop_handout_command_writes_the_handout_and_the_one_page_debrief(tmp_path, lang):
    result = CliRunner().invoke(
        main, ["workshop-handout", "--lang", lang, "--out", str(tmp_path), "--seeds", "2"]
    )
    assert result.exit_code == 0, result.output
    handout = (tmp_path / f"workshop_handout_{lang}.pdf").read_bytes()
    debrief = (tmp_path / f"workshop_debrief_{lang}.pdf").read_bytes()
    pages = re.compile(rb"/Type\s*/Page[^s]")
    assert handout.startswith(b"%PDF") and len(pages.findall(handout)) == len(STEPS) + 1
    assert debrief.startswith(b"%PDF") and len(pages.findall(debrief)) == 1


def test_workshop_handout_command_refuses_an_out_it_cannot_write(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["workshop-handout", "--out", str(blocker / "sub")])
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output
    assert "Traceback" not in result.output


def test_ui_command_offers_workshop_step_and_projector_and_checks_the_step():
    result = CliRunner().invoke(main, ["ui", "--help"])
    for option in ("--workshop", "--step", "--projector"):
        assert option in result.output
    bad = CliRunner().invoke(main, ["ui", "--step", str(len(STEPS) + 1)])
    assert bad.exit_code == 2 and "--step" in bad.output


def test_handout_numbers_and_claim_lines_are_german_in_german():
    from campaign_sim.ui.handout import claim_line, stated

    claim = next(c for c in STEPS[-1].claims if c.kpi == "revenue")
    assert stated("de", claim) == "mindestens 400 EUR/Tag höher"
    assert (
        claim_line("de", claim, 1234.4)
        == "Umsatz: B − A = +1.234 (Aussage: mindestens 400 EUR/Tag höher): bestätigt"
    )
    assert claim_line("en", claim, 123.0).endswith("NOT as stated")
    share = Claim("pride", -1, 0.2)
    assert claim_line("de", share, -0.25).startswith(
        "Stolz: B − A = −0,25 (Aussage: mindestens 0,20 niedriger)"
    )
