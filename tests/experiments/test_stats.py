"""The statistics on synthetic trials whose true effect we set: estimates, intervals, coverage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from campaign_sim.experiments import stats

ARMS = ("control", "behaviour", "attitude")


def synthetic_tidy(
    rng: np.random.Generator,
    effects: dict[str, float],
    replicates: int = 10,
    branches: int = 30,
    noise: float = 1.0,
    fear_modifier: float = 0.0,
    trials: int = 1,
) -> pd.DataFrame:
    """Trial tables like run_one's (one ``point`` per independent trial).

    Each branch has its own level (sd 5) and all share a trend (+2); both must cancel
    in the DiD.  The arm's effect is added after the campaign, plus ``fear_modifier``
    in treated branches whose fear is above the replicate's median.
    """
    shape = (trials, replicates, branches)
    point, rep, branch = np.indices(shape)
    keys = rng.random(shape).argsort(axis=2)
    arm_of = np.resize(np.arange(len(ARMS)), branches)[keys]
    fear = rng.uniform(0, 1, shape)
    high = fear > np.median(fear, axis=2, keepdims=True)
    effect = np.select([arm_of == i for i in range(len(ARMS))], [effects.get(a, 0.0) for a in ARMS])
    effect = effect + fear_modifier * high * (arm_of != 0)
    level = rng.normal(100, 5, shape)
    pre = level + rng.normal(0, noise, shape)
    post = level + 2.0 + effect + rng.normal(0, noise, shape)
    base = pd.DataFrame(
        {
            "point": point.ravel(),
            "replicate": rep.ravel(),
            "counterfactual": False,
            "arm": np.array(ARMS)[arm_of.ravel()],
            "branch": branch.ravel(),
            "fear": fear.ravel(),
        }
    )
    return pd.concat(
        [base.assign(period="pre", profit=pre.ravel()), base.assign(period="post", profit=post.ravel())],
        ignore_index=True,
    )


def test_did_recovers_the_effect_exactly_without_noise():
    rng = np.random.default_rng(1)
    tidy = synthetic_tidy(rng, {"behaviour": 1.5, "attitude": 4.0}, replicates=3, noise=0.0)
    table = stats.effects(tidy, ["profit"], "control").set_index("arm")
    assert table.loc["behaviour", "effect"] == pytest.approx(1.5)
    assert table.loc["attitude", "effect"] == pytest.approx(4.0)
    # branch levels and the common trend cancel: the interval collapses onto the effect
    assert table.loc["attitude", "ci_high"] - table.loc["attitude", "ci_low"] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("method", "replicates", "low", "high"), [("t", 8, 0.92, 0.98), ("bootstrap", 20, 0.90, 0.98)]
)
def test_interval_covers_the_true_effect_at_the_stated_rate(method, replicates, low, high):
    """Over 400 simulated trials the 95% interval contains the set effect about 95% of the time."""
    rng = np.random.default_rng(20240601)
    truth = {"behaviour": 0.3, "attitude": 1.0}
    trials = 400
    tidy = synthetic_tidy(rng, truth, replicates=replicates, branches=12, trials=trials)
    table = stats.effects(tidy, ["profit"], "control", 0.95, method, np.random.default_rng(7), resamples=1000)
    assert table["point"].nunique() == trials
    for arm, effect in truth.items():
        rows = table[table["arm"] == arm]
        coverage = ((rows["ci_low"] <= effect) & (effect <= rows["ci_high"])).mean()
        assert low <= coverage <= high, (arm, coverage)


def test_effect_size_is_cohens_d_of_change_scores():
    """With change-score sd sqrt(2) (noise 1 at pre and post), an effect of sqrt(2) is d = 1."""
    rng = np.random.default_rng(3)
    tidy = synthetic_tidy(rng, {"behaviour": np.sqrt(2.0), "attitude": 0.0}, replicates=40, branches=60)
    table = stats.effects(tidy, ["profit"], "control").set_index("arm")
    assert table.loc["behaviour", "d"] == pytest.approx(1.0, abs=0.12)
    assert table.loc["behaviour", "magnitude"] == "large"
    assert table.loc["attitude", "d_low"] < 0 < table.loc["attitude", "d_high"]


def test_heterogeneity_separates_fearful_from_confident_branches():
    rng = np.random.default_rng(5)
    tidy = synthetic_tidy(rng, {"behaviour": 1.0, "attitude": 1.0}, replicates=20, fear_modifier=-2.0)
    het = stats.heterogeneity(tidy, ["profit"], "control", "fear").set_index(["arm", "group"])
    assert het.loc[("behaviour", "high"), "effect"] == pytest.approx(-1.0, abs=0.3)
    assert het.loc[("behaviour", "low"), "effect"] == pytest.approx(1.0, abs=0.3)
    assert het.loc[("attitude", "high"), "ci_high"] < het.loc[("attitude", "low"), "ci_low"]


def test_true_effect_from_counterfactual_runs():
    """Counterfactual rows (same branches, no campaign) give the effect on the treated branches."""
    rng = np.random.default_rng(9)
    trial = synthetic_tidy(rng, {"behaviour": 2.0, "attitude": 5.0}, replicates=4, noise=0.0)
    cf = trial.copy()
    cf["counterfactual"] = True
    treated_post = (cf["period"] == "post") & (cf["arm"] != "control")
    cf.loc[treated_post & (cf["arm"] == "behaviour"), "profit"] -= 2.0
    cf.loc[treated_post & (cf["arm"] == "attitude"), "profit"] -= 5.0
    table = stats.effects(pd.concat([trial, cf]), ["profit"], "control").set_index("arm")
    assert table.loc["behaviour", "true_effect"] == pytest.approx(2.0)
    assert table.loc["attitude", "true_effect"] == pytest.approx(5.0)


def test_interval_edge_cases():
    assert np.isnan(stats.interval(np.array([]))[0])
    mean, low, high = stats.interval(np.array([2.0]))
    assert mean == 2.0 and np.isnan(low) and np.isnan(high)
    with pytest.raises(ValueError, match="seeded"):
        stats.interval(np.array([1.0, 2.0]), method="bootstrap")
    values = np.array([1.0, 2.0, 3.0, 4.0])
    a = stats.interval(values, method="bootstrap", rng=np.random.default_rng(1))
    b = stats.interval(values, method="bootstrap", rng=np.random.default_rng(1))
    assert a == b  # same seed, same interval


def test_contrast_per_point_is_arm_minus_reference():
    rng = np.random.default_rng(11)
    tidy = synthetic_tidy(rng, {"behaviour": 1.0, "attitude": 3.0}, replicates=2, noise=0.0)
    response = stats.contrast_per_point(tidy, ["profit"], "attitude", "behaviour")
    assert response.loc[0, "profit"] == pytest.approx(2.0)
