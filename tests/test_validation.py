"""A fast validation run: every published figure of docs/EVIDENCE.md lies inside its target range.

Two replicate seeds of eight branches keep this near two seconds; the
simulated means sit well inside the ranges (``campaign-sim validate`` runs the
full check with more seeds and branches).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from campaign_sim.validation import TARGETS, run_checks

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
