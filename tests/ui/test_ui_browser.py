"""The real app in headless Chromium, driven as a strategist and a trainer would drive it.

Every test gets its own browser session on one ``campaign-sim ui`` server per
worker; the ``app`` fixture fails a test whose page asked anything of the
internet.  Waits are on real elements and on the day counter, never fixed sleeps.
"""

from __future__ import annotations

import io
import re
import struct

import pandas as pd
import pyarrow.parquet as pq
import pytest
import uihelp
from playwright.sync_api import expect

from campaign_sim.ui.i18n import DE, EN
from campaign_sim.ui.presets import STEPS


def test_page_loads_offline_and_draws_its_charts(app):
    expect(app.locator(".cs-title")).to_have_text(EN["app.title"])
    expect(app.locator(".st-day")).to_have_text("Day 0 of 365")
    app.locator(".st-step").click()
    expect(app.locator(".st-day")).to_have_text("Day 1 of 365")
    expect(app.locator(".cs-kpi svg.marks")).to_have_count(4)
    uihelp.chart_svg(app, "cs-staff")
    for asset in (
        "vega@5/build/vega.min.js",
        "vega-lite@5/build/vega-lite.min.js",
        "vega-embed@6/build/vega-embed.min.js",
    ):
        assert app.request.get(app.url.rstrip("/") + "/_solara/cdn/" + asset).ok, asset


def test_a_lever_changes_the_run_and_running_redraws_the_charts(app):
    uihelp.choose(app, "cs-a-training", "Behaviour training (doing)")
    expect(app.locator(".cs-info")).to_contain_text("New settings applied")
    branches = app.locator(".cs-branches input")
    branches.fill("7")
    branches.press("Enter")
    expect(branches).to_have_value("7")
    app.locator(".st-step").click()
    expect(app.locator(".st-day")).to_have_text("Day 1 of 365")
    before = uihelp.chart_svg(app, "cs-kpi")
    app.locator(".st-play").click()
    assert uihelp.wait_day(app, 40) >= 40
    app.locator(".st-play").click()  # pause while running: the page must still answer
    expect(app.locator(".st-play")).to_contain_text("Run")
    paused = uihelp.settled_day(app)  # under load, a frame stepped just before the pause may still land
    assert uihelp.changed_svg(app, "cs-kpi", before) != before
    app.locator(".cs-tab-branches").click()
    uihelp.chart_svg(app, "cs-tiles")
    expect(app.locator(".cs-tiles svg.marks g.mark-rect.role-mark path")).to_have_count(7)
    assert uihelp.day(app) == paused


def test_twenty_branches_run_on_screen_and_stop_when_paused(app):
    """Run advances the day counter on screen and Pause stops it; how fast is a speed goal,
    measured by benchmarks/bench_ui.py (make bench), not asserted here."""
    app.locator(".st-play").click()
    uihelp.wait_day(app, 5)
    app.locator(".st-play").click()
    paused = uihelp.settled_day(app)
    assert paused >= 5
    app.wait_for_timeout(1500)
    assert uihelp.day(app) == paused


def test_language_switches_at_any_time_even_while_running(app):
    app.locator(".st-play").click()
    app.locator(".cs-lang-de").click()
    expect(app.locator(".st-step")).to_contain_text(DE["btn.step"])
    expect(app.locator(".cs-tab-dashboard")).to_have_text(re.compile(DE["tab.dashboard"], re.I))
    expect(app.locator(".cs-title")).to_have_text(DE["app.title"])
    expect(app.locator(".st-day")).to_contain_text("Tag")
    app.locator(".st-play").click()
    expect(app.locator(".cs-kpi").first).to_contain_text("Gewinn")
    app.locator(".cs-lang-en").click()
    expect(app.locator(".st-step")).to_contain_text("Step")
    expect(app.locator(".cs-kpi").first).to_contain_text("Profit")


def test_tiles_open_a_branch_whose_people_show_their_history(app):
    for _ in range(3):
        app.locator(".st-step").click()
    expect(app.locator(".st-day")).to_have_text("Day 3 of 365")
    app.locator(".cs-tab-branches").click()
    uihelp.chart_svg(app, "cs-tiles")
    tile = app.locator(".cs-tiles svg.marks g.mark-rect.role-mark path").nth(3)
    tile.click(force=True)  # its centre holds the tile's number, which carries the same branch
    expect(app.locator(".cs-branch .v-select__selection")).to_have_text("3")
    uihelp.chart_svg(app, "cs-employees")
    app.locator(".cs-employees svg.marks g.mark-symbol.role-mark path").nth(1).click(force=True)
    expect(app.locator(".cs-person .v-select__selection")).to_contain_text("employee")
    history = uihelp.chart_svg(app, "cs-history")
    assert "History of employee" in app.locator(".cs-history").inner_text()
    app.locator(".st-step").click()
    assert uihelp.changed_svg(app, "cs-history", history) != history


def test_two_plans_side_by_side_chart_their_difference(app):
    app.locator(".cs-tab-compare").click()
    uihelp.choose(app, "cs-b-training", "Attitude training (lens of effect)")
    expect(app.locator(".cs-info")).to_contain_text("New settings applied")
    app.locator(".st-play").click()
    uihelp.wait_day(app, 80)
    app.locator(".st-play").click()
    uihelp.chart_svg(app, "cs-compare-diff")
    expect(app.locator(".cs-compare-ab")).to_have_count(3)
    table = app.locator(".cs-compare-table").inner_text()
    assert "Pride" in table and "B − A" in table and "+-" not in table and "better by" in table
    expect(app.locator(".cs-plan-a")).to_contain_text("Incentive scheme 'reward effecting'")
    expect(app.locator(".cs-cost-a")).to_contain_text("one-off")
    expect(app.locator(".cs-cost-b")).to_contain_text("total")
    uihelp.chart_svg(app, "cs-cumulative")
    expect(app.locator(".cs-payback")).to_contain_text("working days")


def test_compare_runs_seeds_for_an_interval_of_b_minus_a(app):
    for field, value in (("branches", "2"), ("days", "60")):
        box = app.locator(f".cs-{field} input")
        box.fill(value)
        box.press("Enter")
        expect(box).to_have_value(value)
    uihelp.open_tab(app, "cs-tab-compare", "cs-seed-run")
    app.locator(".cs-seed-run").click()
    table = app.locator(".cs-seed-table")
    expect(table).to_contain_text("90 % interval of the mean", timeout=uihelp.TIMEOUT_MS * 2)
    expect(table).to_contain_text(" to ")
    expect(app.locator(".cs-seed-title")).to_contain_text("seeds 1-5")
    expect(app.locator(".cs-seeds")).to_contain_text("not over the model's parameters")
    expect(app.locator(".cs-field-table")).to_contain_text("I1: organisational training")  # next to the field


def test_levers_show_their_values_and_a_new_scenario_keeps_plan_b(app):
    expect(app.locator(".cs-market")).to_contain_text("Market pressure: 0.30")
    app.locator(".st-step").click()
    expect(app.locator(".st-day")).to_have_text("Day 1 of 365")
    app.locator(".cs-team").get_by_text("Our branches: starting team states").click()
    expect(app.locator(".cs-team-fear_of_boss")).to_contain_text("Fear of the boss: 0.30")
    expect(app.locator(".cs-team-engagement")).to_contain_text("Engagement: 0.47")  # not snapped to 0.45
    app.wait_for_timeout(1000)
    expect(app.locator(".st-day")).to_have_text("Day 1 of 365")  # opening the sliders changed nothing
    expect(app.locator(".cs-team-leadership_support")).to_contain_text("Manager support: 0.50")
    branches = app.locator(".cs-branches input")
    branches.fill("6")
    branches.press("Enter")
    expect(branches).to_have_value("6")
    app.locator(".cs-tab-compare").click()
    uihelp.choose(app, "cs-b-training", "Attitude training (lens of effect)")
    expect(app.locator(".cs-info")).to_contain_text("New settings applied")
    uihelp.choose(app, "cs-scenario", "harsh_market")
    expect(app.locator(".cs-info")).to_contain_text("Kept from before: plan B")
    expect(branches).to_have_value("6")
    expect(app.locator(".cs-b-training .v-select__selection")).to_have_text(
        "Attitude training (lens of effect)"
    )
    expect(app.locator(".cs-market")).to_contain_text("Market pressure: 0.70")


def test_export_downloads_data_and_charts(app):
    for _ in range(4):
        app.locator(".st-step").click()
    expect(app.locator(".st-day")).to_have_text("Day 4 of 365")
    app.locator(".cs-tab-export").click()
    files = {}
    for css in ("cs-export-csv", "cs-export-parquet", "cs-export-png", "cs-export-compare-png"):
        with app.expect_download() as info:
            app.locator(f".{css} button").click()
        download = info.value
        files[css] = (download.suggested_filename, download.path().read_bytes())
    name, csv = files["cs-export-csv"]
    assert name == "attitude_training_seed1_day4.csv"
    frame = pd.read_csv(io.BytesIO(csv))
    assert len(frame) == 2 * 4 * 20 and {"plan", "day", "branch", "profit", "pride"} <= set(frame.columns)
    table = pq.read_table(io.BytesIO(files["cs-export-parquet"][1]))
    assert table.num_rows == len(frame)
    for key in ("cs-export-png", "cs-export-compare-png"):
        png = files[key][1]
        width, height = struct.unpack(">II", png[16:24])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and width > 800 and height > 300


def test_a_bad_scenario_file_shows_why_and_the_app_stays_usable(app, tmp_path):
    bad = tmp_path / "my_trial.toml"
    bad.write_text('extends = "baseline.toml"\n[company]\nmarket_presure = 0.5\n', encoding="utf-8")
    app.locator(".cs-path input").fill(str(bad))
    app.locator(".cs-load").click()
    error = app.locator(".cs-error")
    expect(error).to_contain_text("This scenario cannot be used")
    expect(error).to_contain_text("did you mean 'market_pressure'")
    app.locator(".st-step").click()
    expect(app.locator(".st-day")).to_have_text("Day 1 of 365")
    broken = tmp_path / "broken.toml"
    broken.write_text("[company\n", encoding="utf-8")
    app.locator(".cs-path input").fill(str(broken))
    app.locator(".cs-load").click()
    expect(error).to_contain_text("not valid TOML")
    days = app.locator(".cs-days input")
    days.fill("99999")
    days.press("Enter")
    expect(error).to_contain_text("run.days")
    expect(days).to_have_value("365")
    good = tmp_path / "mine.toml"
    good.write_text('extends = "baseline.toml"\nname = "mine"\n[run]\nbranches = 4\n', encoding="utf-8")
    app.locator(".cs-path input").fill(str(good))
    app.locator(".cs-load").click()
    expect(app.locator(".cs-info")).to_contain_text("Loaded scenario 'mine' (4 branches")


def test_workshop_walks_through_the_concept_in_both_languages(app):
    app.locator(".cs-mode-workshop").click()
    expect(app.locator(".cs-ws-title")).to_have_text(EN["ws.problem.title"])
    for index, step in enumerate(STEPS[1:], start=1):
        app.locator(".cs-ws-next").click()
        expect(app.locator(".cs-ws-title")).to_have_text(EN[f"ws.{step.key}.title"])
        expect(app.locator(".cs-ws-section")).to_contain_text(f"Step {index + 1} of {len(STEPS)}")
        expect(app.locator(".cs-ws-point")).to_have_text(EN[f"ws.{step.key}.point"])
    expect(app.locator(".cs-ws-next")).to_be_disabled()
    app.wait_for_timeout(1500)
    assert uihelp.day(app, "ws") == 0  # opening a step never starts its run
    expect(app.locator(".ws-play")).to_contain_text(EN["ws.run"])
    app.locator(".ws-play").click()
    assert uihelp.wait_day(app, 120, prefix="ws") >= 120
    expect(app.locator(".cs-ws-chart svg.marks")).to_have_count(len(STEPS[-1].kpis))
    expect(app.locator(".cs-ws-chart").first.locator("g.mark-line.role-mark path")).to_have_count(2)
    expect(app.locator(".cs-ws-chart").first.locator("g.mark-area.role-mark path")).to_have_count(2)
    app.locator(".cs-lang-de").click()
    expect(app.locator(".cs-ws-title")).to_have_text(DE["ws.loop.title"])
    expect(app.locator(".cs-key-b")).to_contain_text("Prämien für Bewirken")
    app.locator(".cs-ws-prev").click()
    expect(app.locator(".cs-ws-title")).to_have_text(DE["ws.difference.title"])
    expect(app.locator(".cs-ws-branch-b")).to_contain_text("Plan B, Filiale 1 von 10: Prämien für Bewirken")
    app.locator(".cs-ws-more").get_by_text(DE["ws.explain"]).click()
    expect(app.locator(".cs-ws-quote")).to_contain_text("Konzeptpapier: „Durch Belohnung und Bestrafung")


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_workshop_projector_view_fits_one_screen_in_both_languages(workshop, size):
    """Title, point, A/B key and every chart of every step are on screen together, without scrolling."""
    width, height = size
    workshop.set_viewport_size({"width": width, "height": height})
    assert workshop.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"  # projector
    for lang, texts in (("de", DE), ("en", EN)):
        workshop.locator(f".cs-lang-{lang}").click()
        for index, step in enumerate(STEPS):
            uihelp.workshop_step(workshop, index)
            expect(workshop.locator(".cs-ws-point")).to_have_text(texts[f"ws.{step.key}.point"])
            expect(workshop.locator(".cs-ws-chart svg.marks")).to_have_count(len(step.kpis))
            workshop.wait_for_timeout(300)
            assert workshop.evaluate("window.scrollY") == 0
            for css in (".cs-ws-title", ".cs-ws-point", ".cs-key", ".ws-play"):
                uihelp.assert_on_screen(workshop, workshop.locator(css).first, (lang, index, css))
            for j in range(len(step.kpis)):
                uihelp.assert_on_screen(workshop, workshop.locator(".cs-ws-chart").nth(j), (lang, index, j))


def test_workshop_opens_as_started_pauses_resumes_and_resets_for_the_next_group(workshop):
    """``ui --workshop --step 2 --projector --lang de`` opens there; reset returns every step to it."""
    expect(workshop.locator(".cs-ws-section")).to_contain_text("Schritt 2 von 7")
    expect(workshop.locator(".cs-ws-title")).to_have_text(DE["ws.market.title"])
    expect(workshop.locator(".cs-ws-nav")).to_have_text(
        [f"{i + 1} {DE[f'ws.{s.key}.short']}" for i, s in enumerate(STEPS)]
    )
    assert len({DE[f"ws.{s.key}.short"] for s in STEPS}) == len(STEPS)
    workshop.wait_for_timeout(1500)
    assert uihelp.day(workshop, "ws") == 0
    workshop.locator(".ws-play").click()
    uihelp.wait_day(workshop, 30, prefix="ws")
    workshop.locator(".ws-play").click()
    expect(workshop.locator(".ws-play")).to_contain_text(DE["ws.resume"])
    paused = uihelp.settled_day(workshop, "ws")
    assert 30 <= paused < 240
    workshop.locator(".ws-play").click()
    uihelp.wait_day(workshop, 240, prefix="ws", timeout=90)
    expect(workshop.locator(".cs-ws-claim-ok")).to_have_count(len(STEPS[1].claims))
    expect(workshop.locator(".cs-ws-claim-fails")).to_have_count(0)
    uihelp.workshop_step(workshop, 4)
    workshop.locator(".cs-ws-reset-all").click()
    expect(workshop.locator(".cs-ws-section")).to_contain_text("Schritt 2 von 7")
    expect(workshop.locator(".ws-day")).to_contain_text("Tag 0 von 240")
    expect(workshop.locator(".cs-info")).to_contain_text("Schritt 2 ist geöffnet")


def test_workshop_hands_out_the_handout_and_the_debrief_as_pdf(workshop):
    """Both PDFs come from the app (the first click runs every step on five seeds: half a minute alone)."""
    workshop.locator(".cs-ws-more").get_by_text(DE["ws.explain"]).click()
    for css, pages in ((".cs-ws-handout", len(STEPS) + 1), (".cs-ws-debrief", 1)):
        button = workshop.locator(f"{css} .v-btn")
        expect(button).to_be_visible()
        workshop.wait_for_timeout(500)  # the panel has finished opening: a click during it can be lost
        with workshop.expect_download(timeout=300_000) as download:
            button.click()
        with open(download.value.path(), "rb") as file:
            data = file.read()
        assert data.startswith(b"%PDF") and download.value.suggested_filename.endswith("_de.pdf")
        assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == pages
