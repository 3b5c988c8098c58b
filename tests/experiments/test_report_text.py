"""The report's and the command line's words and numbers: one rounding rule, units, labelled columns."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from campaign_sim.experiments.narrative import _sentence, effects_html, field_html, heterogeneity_html
from campaign_sim.experiments.stats import format_d

LABELS = {"control": "control", "attitude": "attitude-level training", "promise": "broken promise"}


def _analysis(**tables) -> SimpleNamespace:
    return SimpleNamespace(
        tables=tables,
        kpis=["profit", "loyalty"],
        labels=dict(LABELS),
        control="control",
        definition={"statistics": {"confidence": 0.95}},
    )


def _effects(d: float) -> pd.DataFrame:
    rows = [
        (0, arm, kpi, 12.3456, 1.23456, 23.4567, d, "medium", "post")
        for arm in ("attitude", "promise")
        for kpi in ("profit", "loyalty")
    ]
    cols = ["point", "arm", "kpi", "effect", "ci_low", "ci_high", "d", "magnitude", "window"]
    return pd.DataFrame(rows, columns=cols)


@pytest.mark.parametrize(
    ("d", "text"), [(0.5, "+0.50"), (0.123456, "+0.12"), (-1.5, "-1.50"), (-0.001, "+0.00"), (np.nan, "n/a")]
)
def test_a_standardised_effect_has_two_decimals_and_a_sign(d, text):
    assert format_d(d) == text


D_LABEL = re.compile(r"\bd = ([^\s,;)<]+)")


def test_every_d_in_the_report_has_the_same_rounding():
    a = _analysis(effects=_effects(0.5))
    table = effects_html(a)
    sentence = _sentence(a.tables["effects"].iloc[0], "profit", 95)
    shown = D_LABEL.findall(table) + D_LABEL.findall(sentence)
    assert shown and set(shown) == {"+0.50"}
    field = pd.DataFrame(
        [(0, "attitude", "follow_up", "I2", "engagement", "engagement", 0.7, 0.45, 0.98, 0.29, 0.12, 0.46,
          2.41, "x")],
        columns=["point", "arm", "window", "figure", "what", "state", "d_model", "d_low", "d_high", "d_field",
                 "field_low", "field_high", "ratio", "verdict"],
    )  # fmt: skip
    page = field_html(_analysis(field=field))
    for value in ("+0.70", "+0.45", "+0.98", "+0.29", "+0.12", "+0.46"):
        assert value in page
    assert not re.search(r">0\.\d\d", page)  # no unsigned d beside signed ones


def test_the_heterogeneity_table_is_rounded_labelled_and_has_units():
    rows = []
    for arm in ("attitude", "promise"):
        for kpi, scale in (("profit", 100.0), ("loyalty", 0.01)):
            for group in ("high", "low", "difference"):
                value = 1.23456789 * scale
                low, high = value - scale, value + scale
                rows.append((0, arm, kpi, "manager_punishment", group, value, low, high, 5))
    het = pd.DataFrame(
        rows, columns=["point", "arm", "kpi", "state", "group", "effect", "ci_low", "ci_high", "replicates"]
    )
    page = heterogeneity_html(_analysis(heterogeneity=het))
    assert "punitive managers" in page and "lenient managers" in page  # the groups in words
    assert "EUR per branch and day" in page and "on a 0..1 scale" in page  # units
    assert "attitude-level training" in page and "broken promise" in page  # arms by their labels
    assert "+123" in page and "+0.012" in page  # rounded like the effects table
    assert "1.2345" not in page and "123.45" not in page and "ci_low" not in page
