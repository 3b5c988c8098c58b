"""Mesa's own tools work on CampaignModel: batch_run, seeds as Mesa means them, SolaraViz plots,
and one validated way to change parameters from Python."""

from __future__ import annotations

import warnings
from pathlib import Path

import mesa
import numpy as np
import pytest
from pydantic import ValidationError

from campaign_sim import CampaignModel, Scenario, load_scenario
from campaign_sim.outputs import KPI_NAMES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "attitude_training.toml", branches=3, days=40)


def _batch(**kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Mesa deprecates iterations= for rng=
        return mesa.batch_run(CampaignModel, number_processes=1, display_progress=False, **kwargs)


def test_batch_run_returns_the_kpis_with_different_replicates(scenario):
    rows = _batch(parameters={"scenario": [scenario]}, iterations=2, max_steps=40)
    assert len(rows) == 2
    assert set(KPI_NAMES) <= set(rows[0])
    assert rows[0]["seed"] != rows[1]["seed"]
    assert rows[0]["profit"] != rows[1]["profit"]


def test_batch_run_rng_values_give_reproducible_replicates(scenario):
    a = _batch(parameters={"scenario": [scenario]}, rng=[1, 2], max_steps=10)
    b = _batch(parameters={"scenario": [scenario]}, rng=[1, 2], max_steps=10)
    assert [r["profit"] for r in a] == [r["profit"] for r in b]
    assert a[0]["profit"] != a[1]["profit"]


def test_batch_run_seed_parameter_is_honoured(scenario):
    """parameters={"seed": [...]} runs those seeds, as CampaignModel(seed=...) does."""
    rows = _batch(parameters={"scenario": [scenario], "seed": [1, 2]}, max_steps=10)
    by_seed = {r["seed"]: r["profit"] for r in rows}
    assert set(by_seed) == {1, 2}
    for seed in (1, 2):
        alone = CampaignModel(scenario, seed=seed).run(10)
        assert by_seed[seed] == pytest.approx(float(alone.kpis.series("profit")[-1].mean(dtype=np.float64)))


def test_datacollector_holds_company_means_per_day(scenario):
    model = CampaignModel(scenario, seed=3).run(12)
    frame = model.datacollector.get_model_vars_dataframe()
    assert len(frame) == 12
    np.testing.assert_allclose(
        frame["loyalty"].to_numpy(), model.kpis.series("loyalty").mean(axis=1, dtype=np.float64)
    )
    assert (frame["seed"] == 3).all()


def test_make_plot_component_charts_the_model(scenario):
    """SolaraViz's own plot component draws a KPI of CampaignModel (rendered server-side)."""
    import ipywidgets
    import solara
    from mesa.visualization import make_plot_component

    model = CampaignModel(scenario, seed=3).run(5)
    component, _page = make_plot_component("profit")
    _box, rc = solara.render(component(model), handle_error=False)
    images = rc.find(ipywidgets.Image).widgets
    assert images, "make_plot_component rendered no figure"
    assert images[0].value[:4] == b"\x89PNG" and len(images[0].value) > 5000
    rc.close()


def test_with_changes_validates(scenario):
    changed = scenario.with_changes({"company.market_pressure": 0.5, "run.days": 10})
    assert (changed.company.market_pressure, changed.run.days) == (0.5, 10)
    assert scenario.company.market_pressure != 0.5 or scenario.run.days != 10
    with pytest.raises(ValidationError, match="market_pressure"):
        scenario.with_changes({"company.market_pressure": 7.0})
    with pytest.raises(KeyError, match="allowed here"):
        scenario.with_changes({"company.market_presure": 0.5})
    with pytest.raises(KeyError, match="no section"):
        scenario.with_changes({"compny.market_pressure": 0.5})


def test_model_copy_with_update_validates(scenario):
    with pytest.raises(ValidationError):
        scenario.company.model_copy(update={"market_pressure": 7.0})
    assert scenario.company.model_copy(update={"market_pressure": 0.4}).market_pressure == 0.4
