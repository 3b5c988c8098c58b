"""The day is defined once (day.DAY): the ODD table and the model docstring come from it, each
process calls the mechanism functions it names in that order, and --profile times each one."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import campaign_sim.mechanisms as mech
import campaign_sim.model as model_module
from campaign_sim import CampaignModel, load_scenario
from campaign_sim.day import DAY, describe_day, odd_table

ROOT = Path(__file__).resolve().parents[1]


def test_odd_section_3_is_the_generated_table():
    text = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    assert odd_table() in text, (
        "docs/ODD.md section 3 differs from day.odd_table(): paste the generated table"
    )


def test_model_docstring_lists_the_day():
    assert describe_day() in CampaignModel.__doc__
    assert len(re.findall(r"^\s+\d+\. ", describe_day(), flags=re.M)) == len(DAY)


def _direct_calls(calls: str) -> list[str]:
    """Mechanism functions a process calls itself: backticked names before any '→' of each part."""
    names = []
    for part in calls.split(";"):
        names += [n for n in re.findall(r"`(\w+)`", part.split("→")[0]) if n in mech.__all__]
    return names


def test_each_process_calls_the_mechanisms_it_names(monkeypatch):
    trace: list[tuple[int, str]] = []
    current = [0]
    for name in mech.__all__:
        func = getattr(mech, name)
        if callable(func) and not isinstance(func, type):

            def wrapped(*args, _func=func, _name=name, **kwargs):
                trace.append((current[0], _name))
                return _func(*args, **kwargs)

            monkeypatch.setattr(mech, name, wrapped)

    def numbered(i, process):
        def run(m, t):
            current[0] = i
            process.run(m, t)

        return dataclasses.replace(process, run=run)

    monkeypatch.setattr(model_module, "DAY", tuple(numbered(i, p) for i, p in enumerate(DAY, start=1)))
    scenario = load_scenario(ROOT / "scenarios" / "combined.toml", branches=2, days=3)
    CampaignModel(scenario, seed=1).step()
    for i, process in enumerate(DAY, start=1):
        called = [name for number, name in trace if number == i]
        assert called == _direct_calls(process.calls), f"process {i} ({process.what}) calls {called}"


def test_profile_times_every_process():
    scenario = load_scenario(ROOT / "scenarios" / "combined.toml", branches=2, days=5)
    model = CampaignModel(scenario, seed=1, profile=True).run()
    table = model.profile_table()
    assert [row[0] for row in table] == list(range(1, len(DAY) + 1))
    assert all(seconds > 0 for _, _, seconds in table)
    with pytest.raises(RuntimeError, match="profile=True"):
        CampaignModel(scenario, seed=1).profile_table()
