"""Sensitivity rankings say only what their intervals support, and name parameters that cancel
out of a contrast instead of showing them as a measured zero (issue: structure, item 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from campaign_sim.experiments.sensitivity import cancelling, rank_label, rank_ranges


def _rows(values: list[tuple[float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"ST": v, "ST_low": lo, "ST_high": hi} for v, lo, hi in values],
    )


def test_overlapping_intervals_share_a_rank_range():
    # punishment 0.17-0.65 and gross margin 0.15-0.63 overlap: neither is certainly first;
    # a third, 0.70-0.90, is certainly above both; a fourth, 0.00-0.05, certainly last
    rows = _rows([(0.41, 0.17, 0.65), (0.39, 0.15, 0.63), (0.80, 0.70, 0.90), (0.02, 0.00, 0.05)])
    best, worst = rank_ranges(rows, "ST")
    assert best.tolist() == [2, 2, 1, 4]
    assert worst.tolist() == [3, 3, 1, 4]
    assert [rank_label(b, w) for b, w in zip(best, worst, strict=True)] == ["2-3", "2-3", "1", "4"]


def test_disjoint_intervals_are_ranked_in_order():
    rows = _rows([(0.1, 0.05, 0.15), (0.5, 0.4, 0.6), (0.3, 0.2, 0.35)])
    best, worst = rank_ranges(rows, "ST")
    assert best.tolist() == worst.tolist() == [3, 1, 2]


def test_a_parameter_that_moves_both_arms_alike_cancels_out():
    """Saltelli-like pairs: rows that differ in one parameter only.  The contrast depends on
    `fear` and not at all on `wages` (up to float32-like rounding)."""
    rng = np.random.default_rng(0)
    base = rng.uniform(0, 1, (20, 2))
    rows = []
    for fear, wages in base:
        for f, w in ((fear, wages), (rng.uniform(0, 1), wages), (fear, rng.uniform(0, 1))):
            rows.append({"fear": f, "wages": w})
    points = pd.DataFrame(rows)
    contrast = 100 * points["fear"].to_numpy() + 1e-6 * points["wages"].to_numpy()  # rounding-sized
    assert cancelling(points, contrast, ["fear", "wages"]).tolist() == [False, True]
    # an effect well above rounding is not called cancelling
    contrast = 100 * points["fear"].to_numpy() + 0.01 * points["wages"].to_numpy()
    assert cancelling(points, contrast, ["fear", "wages"]).tolist() == [False, False]


def test_without_pairs_nothing_is_said_to_cancel():
    points = pd.DataFrame({"fear": [0.1, 0.5, 0.9], "wages": [0.2, 0.6, 0.4]})  # no shared others
    assert cancelling(points, np.zeros(3), ["fear", "wages"]).tolist() == [False, False]


def test_too_few_samples_is_said_when_intervals_outgrow_the_indices():
    from campaign_sim.experiments.sensitivity import too_few_samples

    wide = pd.DataFrame(
        {
            "output": ["profit", "profit"],
            "ST": [0.2, 0.1],
            "ST_low": [-0.5, -0.6],
            "ST_high": [0.9, 0.8],
            "cancels": [False, False],
        }
    )
    narrow = wide.assign(output="loyalty", ST_low=[0.15, 0.05], ST_high=[0.25, 0.15])
    assert too_few_samples(pd.concat([wide, narrow]), "sobol") == ["profit"]
    assert too_few_samples(wide.assign(cancels=True), "sobol") == []  # nothing to order
