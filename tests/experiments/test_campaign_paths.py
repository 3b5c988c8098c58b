"""Sweeps and sensitivity analyses vary campaign parameters (``campaigns.<kind>.<key>``) as well as
scenario keys, and a wrong campaign path stops with one message naming the file, key and choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from campaign_sim.cli import main
from campaign_sim.experiments.definition import ExperimentError, load_experiment
from campaign_sim.experiments.plan import plan_runs

from .conftest import REPO

SWEEP = """
name = "gain_sweep"
scenario = "{repo}/scenarios/baseline.toml"
replicates = 1
days = 60
branches = 4
[sweep]
design = "grid"
[[sweep.parameters]]
path = "{path}"
values = [{values}]
[[arms]]
name = "control"
[[arms]]
name = "behaviour"
campaigns_from = "{repo}/scenarios/behaviour_training.toml"
[[arms]]
name = "attitude"
campaigns_from = "{repo}/scenarios/attitude_training.toml"
"""


def _file(tmp_path: Path, path: str, values: str = "0.2, 0.8") -> Path:
    target = tmp_path / "sweep.toml"
    target.write_text(SWEEP.format(repo=REPO, path=path, values=values))
    return target


def test_a_campaign_parameter_reaches_only_campaigns_of_its_kind_at_each_point(tmp_path):
    exp = load_experiment(_file(tmp_path, "campaigns.attitude_training.awareness_gain"))
    _, specs = plan_runs(exp, "sweep")
    seen = {}
    for spec in specs:
        for _, campaigns in spec.arms:
            for campaign in campaigns:
                seen.setdefault((spec.point, campaign["kind"]), set()).add(campaign.get("awareness_gain"))
    assert seen[(0, "attitude_training")] == {0.2} and seen[(1, "attitude_training")] == {0.8}
    assert seen[(0, "behaviour_training")] == {None} == seen[(1, "behaviour_training")]
    # the base scenario is the same at both points: only the campaigns differ
    assert len({str(s.scenario) for s in specs}) == 1
    # different campaigns, different runs: no stored run is mistaken for another point's
    assert len({s.run_id for s in specs}) == len(specs)


@pytest.mark.parametrize(
    ("path", "values", "expected"),
    [
        ("campaigns.0.awareness_gain", "0.2, 0.8", "by kind, not by position"),
        ("campaigns.attitude_trainig.awareness_gain", "0.2, 0.8", "did you mean 'attitude_training'?"),
        ("campaigns.attitude_training.awareness_gian", "0.2, 0.8", "did you mean 'awareness_gain'?"),
        ("campaigns.attitude_training.awareness_gain", "0.2, 1.8", "less than or equal to 1"),
    ],
)
def test_a_bad_campaign_path_or_value_names_file_key_and_choices(tmp_path, path, values, expected):
    file = _file(tmp_path, path, values)
    with pytest.raises(ExperimentError) as caught:
        load_experiment(file)
    message = str(caught.value)
    assert str(file) in message and "sweep.parameters[0].path" in message and expected in message
    result = CliRunner().invoke(main, ["sweep", str(file), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "Traceback" not in result.output
