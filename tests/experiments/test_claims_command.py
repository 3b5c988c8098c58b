"""``campaign-sim claims``: the judges of the five claims, the shares and their intervals, a small
real run (checked against what the full run measured for the same worlds), and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from scipy import stats

from campaign_sim.cli import main
from campaign_sim.experiments.claims import CLAIMS, KPIS, RUNS, WINDOWS, analyse, jeffreys, load_claims

from .conftest import REPO

MEASURED = Path(__file__).resolve().parents[1] / "baselines" / "claims_subset.json"


def _means(**changes: float) -> dict:
    """Every run equal (all effects zero), then ``run__kpi[__window]`` = value changes."""
    means = {run: {w: dict.fromkeys(KPIS, 0.5) for w in WINDOWS} for run in RUNS}
    for key, value in changes.items():
        run, kpi, *window = key.split("__")
        for w in window or list(WINDOWS):
            means[run][w][kpi] = value
    return means


JUDGE = {c.key: c.judge for c in CLAIMS}


def test_h4_is_judged_on_buffering_not_on_the_level_regained():
    """Harsh market: engagement -0.10 without campaigns.  Attitude work regains half of it in
    level in both cases; what decides is whether engagement falls less with the campaigns."""
    harsh = {"harsh_none__fear": 0.6, "harsh_none__engagement": 0.4}
    buffered = _means(**harsh, ordinary_attitude__engagement=0.5, harsh_attitude__engagement=0.45)
    amplified = _means(**harsh, ordinary_attitude__engagement=0.7, harsh_attitude__engagement=0.45)
    (cond_b, size_b), (cond_a, size_a) = JUDGE["H4"](buffered), JUDGE["H4"](amplified)
    assert all(cond_b.values()) and size_b["buffering"] == pytest.approx(0.05)
    assert not cond_a["attitude work buffers the erosion"] and size_a["buffering"] == pytest.approx(-0.15)
    assert size_a["level_regained"] == pytest.approx(0.5) == size_b["level_regained"]


def test_h1_needs_fear_to_be_what_blocks_the_floor():
    fearful = {"fear_trained__ability": 0.6, "fear_trained__delivered_behaviour__last": 0.51,
               "fear_trained__delivered_behaviour__early": 0.53}  # fmt: skip
    calm_floor = _means(**fearful, calm_trained__ability=0.6, calm_trained__delivered_behaviour=0.56)
    calm_same = _means(**fearful, calm_trained__ability=0.6, calm_trained__delivered_behaviour=0.505)
    conditions, sizes = JUDGE["H1"](calm_floor)
    assert all(conditions.values()) and sizes["floor_share_fear"] == pytest.approx(0.1)
    conditions, _ = JUDGE["H1"](calm_same)
    assert not conditions["less reaches the floor than in calm branches"]


def test_h3_and_h5_conditions():
    worse = _means(promise__profit=0.4, promise__loyalty=0.4, promise__trust=0.4)
    assert all(JUDGE["H3"](worse)[0].values())
    assert not all(JUDGE["H3"](_means(promise__profit=0.4, promise__loyalty=0.4))[0].values())
    loop = _means(
        easy_none__pride=0.6,
        proud_none__loyalty=0.6,
        easy_none__loyalty=0.6,
        easy_loop_off_none__loyalty=0.55,
    )
    conditions, sizes = JUDGE["H5"](loop)
    assert all(conditions.values()) and sizes["loop_gain_loyalty"] == pytest.approx(0.05)


def test_jeffreys_interval_is_the_beta_quantiles_and_closed_at_the_ends():
    low, high = jeffreys(0.3, 20)
    assert low == pytest.approx(stats.beta.ppf(0.025, 6.5, 14.5)) and high == pytest.approx(
        stats.beta.ppf(0.975, 6.5, 14.5)
    )
    assert jeffreys(0.0, 10)[0] == 0.0 and jeffreys(1.0, 10)[1] == 1.0
    assert jeffreys(0.5, 3.1)[1] - jeffreys(0.5, 3.1)[0] > jeffreys(0.5, 150)[1] - jeffreys(0.5, 150)[0]


def _small(tmp_path: Path, variants: str = '["default", "attitude_uptake=fear_gated"]', **extra: str) -> Path:
    lines = [
        'name = "claims_small"',
        f'ensemble = "{REPO}/calibration/ensemble.csv"',
        "members = 2",
        f'scenarios = "{REPO}/scenarios"',
        f"variants = {variants}",
        *(f"{k} = {v}" for k, v in extra.items()),
    ]
    path = tmp_path / "claims.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_shares_weight_members_and_average_structures_equally(tmp_path):
    definition = load_claims(_small(tmp_path))
    members = definition.ensemble.members
    weights = np.asarray(definition.ensemble.weights) / sum(definition.ensemble.weights)
    rows = []
    for claim in CLAIMS:
        for m in members:
            for structure, _ in definition.structures:
                holds = m == members[0] or structure == "published model"
                world = {"world": f"{m}{structure}", "member": m, "structure": structure, "seed": 1}
                verdict = {
                    "claim": claim.key,
                    "holds": holds,
                    "conditions": {"c": holds},
                    "sizes": {"s": 1.0},
                }
                rows.append({**world, **verdict})
    result = analyse(definition, rows)
    row = result.table.iloc[0]
    assert row["share_published_model"] == pytest.approx(1.0)
    assert row["share"] == pytest.approx((1.0 + weights[0]) / 2)
    assert row["share_unweighted"] == pytest.approx(0.75)
    assert result.effective_members == pytest.approx(1 / np.sum(weights**2))
    assert row["low"] < row["share"] < row["high"]


def test_a_small_claims_run_reproduces_the_full_runs_worlds_and_writes_its_files(tmp_path):
    """The 2 highest-weight members x 2 structures, as the shipped definition runs them (8
    branches, a year): each claim's verdict in each world equals the full run's for the same world
    (recorded in tests/baselines/claims_subset.json); seeds are fixed, so only a change of the
    model can change them."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["claims", str(_small(tmp_path)), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    for name in (
        "claims.csv",
        "claims_by_structure.csv",
        "claims_worlds.csv",
        "claims_regions.csv",
        "claims.png",
        "claims.md",
    ):
        assert (out / name).stat().st_size > 0
    assert "Share of plausible worlds" in result.output and "H4" in result.output
    worlds = json.loads(MEASURED.read_text())
    import pandas as pd

    got = pd.read_csv(out / "claims_worlds.csv")
    verdicts = {f"{r.member}|{r.structure}|{r.claim}": bool(r.holds) for r in got.itertuples()}
    assert verdicts == worlds
    again = CliRunner().invoke(main, ["claims", str(_small(tmp_path)), "--out", str(out), "--workers", "1"])
    assert "0 worlds run" in again.output and "4 stored before" in again.output


@pytest.mark.parametrize(
    ("variants", "extra", "expected"),
    [
        ('["default", "attitude_uptake=fear_gatd"]', {}, "'variants[1]'"),
        ('["atitude_uptake=fear_gated"]', {}, "unknown variant point 'atitude_uptake'"),
        ('"each"', {"branches": "1"}, "branches"),
        ('"each"', {"ensemble": '"nowhere.csv"'}, "no such ensemble file"),
    ],
)
def test_bad_definitions_stop_with_one_message_and_status_2(tmp_path, variants, extra, expected):
    path = _small(tmp_path, variants)
    if extra:
        text = path.read_text()
        for key, value in extra.items():
            lines = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
            text = "\n".join([*lines, f"{key} = {value}"]) + "\n"
        path.write_text(text)
    result = CliRunner().invoke(main, ["claims", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("claims", "claims definition, 150 parameter sets x 9 structures = 1,350 worlds"),
        ("discover", "discovery definition, 667 worlds x 3 company runs"),
        ("calibration", "calibration definition, 23 parameters"),
    ],
)
def test_check_knows_the_shipped_claims_discovery_and_calibration_definitions(name, expected):
    result = CliRunner().invoke(main, ["check", str(REPO / "experiments" / f"{name}.toml")])
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_a_share_in_words_never_rounds_a_failure_away():
    from campaign_sim.experiments.claims import percent

    assert [percent(x) for x in (0.0, 1.0, 0.999972, 0.0002, 0.0096, 0.984)] == [
        "0%", "100%", ">99.9%", "<0.1%", "1.0%", "98%",
    ]  # fmt: skip
