"""A fast validation run: every published figure of docs/EVIDENCE.md lies inside its target range.

Two replicate seeds of eight branches keep this near two seconds; the
simulated means sit well inside the ranges (``campaign-sim validate`` runs the
full check with more seeds and branches).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from campaign_sim.plausibility import BY_KEY, PUBLISHED
from campaign_sim.validation import BASES, BASIS, TARGETS, Target, basis_summary, run_checks

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@pytest.fixture(scope="module")
def results():
    ticks = []
    out = run_checks(SCENARIOS, seeds=2, branches=8, progress=ticks.append)
    assert ticks == [1, 1]
    return {r.target.key: r for r in out}


def test_every_target_checked(results):
    assert set(results) == {t.key for t in TARGETS}


@pytest.mark.parametrize("key", [t.key for t in TARGETS])
def test_figure_inside_target_range(results, key):
    r = results[key]
    assert np.isfinite(r.mean) and np.isfinite(r.sd)
    assert r.passed, f"{key} ({r.target.what}): {r.mean:.4g} outside {r.target.low}-{r.target.high}"


def test_transfer_fades(results):
    """Trained behaviour applied on the job falls from right after training to six months to a year (S1)."""
    assert results["S1_0"].mean > results["S1_182"].mean > results["S1_365"].mean


# ---- what each figure is worth: set, fitted or checked ---------------------------------------


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.key)
def test_every_target_says_set_fitted_or_checked_and_why(target):
    assert target.basis in BASES == ("set", "fitted", "checked")
    assert len(target.reason) > 20, f"{target.key}: the reason for its basis is missing"


def test_targets_are_the_published_figures_in_order():
    """validate and the run warnings read one table of ranges (plausibility.PUBLISHED)."""
    assert [t.figure for t in TARGETS] == list(PUBLISHED)
    assert set(BASIS) == {p.key for p in PUBLISHED}


def test_summary_counts_each_basis_and_names_the_checked_figures():
    figure = PUBLISHED[0]
    fake = [Target(figure, "set", "r"), Target(figure, "fitted", "r"), Target(BY_KEY["E5"], "checked", "r")]
    assert (
        basis_summary(fake)
        == "3 figures: 1 set, 1 fitted, 1 checked; only the checked figure (E5) tests the model"
    )
    assert "none of them tests the model" in basis_summary(fake[:2])


def test_validate_exits_1_and_names_the_figure_that_misses(tmp_path, monkeypatch):
    """A target whose range the model cannot meet (C3a, the voiced share of unsolved problems, is
    set to 0.5) fails: exit status 1, the figure named, the others pass."""
    from click.testing import CliRunner

    import campaign_sim.validation as validation
    from campaign_sim.cli import main

    for name in ("retail_store", "baseline", "behaviour_training"):
        (tmp_path / f"{name}.toml").write_text((SCENARIOS / f"{name}.toml").read_text())
    narrowed = [
        Target(dataclasses.replace(t.figure, low=0.9, high=1.0), t.basis, t.reason) if t.key == "C3a" else t
        for t in TARGETS
    ]
    monkeypatch.setattr(validation, "TARGETS", tuple(narrowed))
    result = CliRunner().invoke(main, ["validate", "--seeds", "2", "--branches", "6", "--dir", str(tmp_path)])
    text = " ".join(result.output.split())
    assert result.exit_code == 1, text
    assert "outside its range: C3a (share of unsolved problems voiced to staff, set)" in text
    assert text.count("outside its range") == 1
    assert "13 of 14 figures inside their published range" in text


def test_over_the_ensemble_a_figure_is_checked_only_if_the_calibration_held_it_out():
    """validate --ensemble's basis agrees with experiments/calibration.toml: what the ABC fitted is
    fitted; a figure counts as checked only if the calibration held it out, and a figure set or
    hand-fitted through parameters outside the ensemble keeps that basis."""
    import tomllib

    from campaign_sim.validation import ENSEMBLE_BASIS

    definition = tomllib.loads((SCENARIOS.parent / "experiments" / "calibration.toml").read_text())
    roles = {t["id"]: t["role"] for t in definition["targets"]}
    for key, (basis, reason) in ENSEMBLE_BASIS.items():
        if roles.get(key) == "fitted":
            assert basis == "fitted", key
        if basis == "checked":
            assert roles.get(key) == "checked" and BASIS[key][0] != "set", key
        if roles.get(key) == "checked" and basis != "checked":
            assert "held out" in reason and "but" in reason, key
    assert [k for k, (b, _) in ENSEMBLE_BASIS.items() if b == "checked"] == ["S1_365"]


def test_validate_over_an_ensemble_reports_weighted_medians_and_fails_a_member_set_outside(tmp_path):
    from click.testing import CliRunner

    from campaign_sim.cli import main

    ensemble = tmp_path / "ensemble.csv"
    ensemble.write_text("member,weight,staff.absence_base\n0,0.5,0.057\n1,0.5,0.058\n")
    args = ["validate", "--ensemble", str(ensemble), "--seeds", "2", "--branches", "8", "--workers", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 members (weighted; worth 2.0 equally weighted)" in result.output
    assert "only the checked figure (S1_365) tests the model" in result.output
    ensemble.write_text("member,weight,staff.absence_base\n0,0.9,0.2\n1,0.1,0.057\n")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "outside its range: S4" in result.output


def test_members_checked_in_packs_get_the_figures_each_gets_alone():
    """validate --ensemble runs its members as packs; each member's figures (KPIs, transfer,
    loss aversion, bank) are those of checking it alone."""
    from campaign_sim.validation import members_checks

    members = [
        {"staff.transfer_fear": 0.3, "customers.churn_annual": 0.12, "company.market_pressure": 0.5},
        {},
        {"staff.transfer_floor": 0.4, "customers.loss_aversion": 3.0, "company.gross_margin": 0.3},
    ]
    together = members_checks(SCENARIOS, seeds=1, branches=3, members=members)
    for changes, packed in zip(members, together, strict=True):
        alone = run_checks(SCENARIOS, seeds=1, branches=3, changes=changes)
        assert [(r.target.key, r.mean) for r in packed] == [(r.target.key, r.mean) for r in alone]
    assert together[0] != together[1]
    # and "alone" is a model of its own: the baseline figures of a plain CampaignModel
    from campaign_sim import CampaignModel, load_scenario
    from campaign_sim.rng import replicate_seeds
    from campaign_sim.validation import KPI_FIGURES, _kpi_figures

    baseline = load_scenario(SCENARIOS / "baseline.toml", branches=3, days=365).with_changes(members[0])
    (seed,) = replicate_seeds(baseline.run.seed, 1)
    solo = _kpi_figures(CampaignModel(baseline, seed=seed).run(), "baseline")
    packed = {r.target.key: r.mean for r in together[0]}
    assert {key: packed[key] for key in KPI_FIGURES["baseline"] if key in packed} == {
        key: value for key, value in solo.items() if key in packed
    }
