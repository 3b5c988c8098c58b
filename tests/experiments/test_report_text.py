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


def _complaints_trial(rate: tuple[float, float, float]) -> SimpleNamespace:
    """Complaints fall clearly (fewer customers: visits fall too); per 1,000 visits they move by ``rate``."""
    cols = ["point", "arm", "kpi", "effect", "ci_low", "ci_high", "d", "magnitude", "window"]
    effects = pd.DataFrame(
        [(0, "promise", "complaints", -1.03, -1.14, -0.91, -2.0, "large", "post")], columns=cols
    )
    rates = pd.DataFrame(
        [
            (0, "promise", "complaints_per_1000_visits", *rate, 1.0, "large", "post"),
            (0, "promise", "visits", -150.0, -170.0, -130.0, -3.0, "large", "post"),
        ],
        columns=cols,
    )
    a = _analysis(effects=effects, rates=rates)
    a.kpis = ["complaints"]
    a.labels = {"control": "control", "promise": "broken promise"}
    return a


def _complaints_cell(page: str) -> str:
    return re.search(r"<td[^>]*>-1\.03.*?</td>", page).group(0)


def test_fewer_complaints_from_fewer_customers_are_not_called_better():
    worse_per_visit = _complaints_cell(effects_html(_complaints_trial((5.85, 3.94, 7.76))))
    assert "better" not in worse_per_visit and "worse" in worse_per_visit  # judged per visit
    assert "per 1,000 visits: +5.85 [+3.94, +7.76]; fewer visits" in worse_per_visit
    unclear_per_visit = _complaints_cell(effects_html(_complaints_trial((0.5, -1.0, 2.0))))
    assert "better" not in unclear_per_visit and "worse" not in unclear_per_visit
    fewer_per_visit = _complaints_cell(effects_html(_complaints_trial((-9.7, -11.2, -8.2))))
    assert "better" in fewer_per_visit  # fewer per visit: better service indeed


def test_counts_of_customers_events_are_also_computed_per_1000_visits():
    from campaign_sim.experiments.stats import with_rates

    tidy = pd.DataFrame({"complaints": [2.0, 1.0], "visits": [400.0, 0.0], "profit": [1.0, 2.0]})
    rated, names = with_rates(tidy, ["complaints", "profit"])
    assert names == ["complaints_per_1000_visits"]
    assert rated["complaints_per_1000_visits"].iloc[0] == pytest.approx(5.0)
    assert np.isnan(rated["complaints_per_1000_visits"].iloc[1])  # no visits: no rate


def test_the_sentence_on_complaints_says_what_happened_per_visit():
    from campaign_sim.experiments.narrative import _arm_paragraph

    a = _complaints_trial((5.85, 3.94, 7.76))
    text = _arm_paragraph(a, a.tables["effects"], "promise", ["complaints"], 95)
    assert "lowered complaints by 1.03" in text
    assert "per 1,000 visits it raised it by 5.85 (with fewer visits) (95% CI +3.94 to +7.76)" in text


def test_a_single_field_figure_has_no_range_under_it():
    row = {"point": 0, "arm": "attitude", "window": "post", "figure": "I1", "what": "training",
           "state": "delivered_behaviour", "d_model": 0.3, "d_low": 0.2, "d_high": 0.4, "d_field": 0.62,
           "field_low": 0.62, "field_high": 0.62, "ratio": 0.48,
           "verdict": "below: 0.64x the field's figure 0.62"}  # fmt: skip
    page = field_html(_analysis(field=pd.DataFrame([row])))
    assert "+0.62 to +0.62" not in page and "+0.62" in page
