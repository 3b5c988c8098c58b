"""The report's figures say what they show: every row and panel labelled, legends naming their groups."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from campaign_sim.experiments.figures import heterogeneity_plot

ARMS = {"control": "control (no campaign)", "attitude": "attitude-level training", "promise": "promise"}
KPIS = ["profit", "loyalty", "complaints", "revenue"]


def _analysis(tables: dict[str, pd.DataFrame], kpis=KPIS) -> SimpleNamespace:
    """The parts of an Analysis the figures read."""
    return SimpleNamespace(
        tables=tables,
        kpis=list(kpis),
        labels=dict(ARMS),
        control="control",
        definition={"statistics": {"confidence": 0.95}},
    )


def _heterogeneity(states: list[str]) -> pd.DataFrame:
    rows = []
    for state in states:
        for arm in ("attitude", "promise"):
            for kpi in KPIS:
                for group, effect in (("high", 2.0), ("low", 1.0), ("difference", 1.0)):
                    rows.append((0, arm, kpi, state, group, effect, effect - 0.5, effect + 0.5, 5))
    columns = ["point", "arm", "kpi", "state", "group", "effect", "ci_low", "ci_high", "replicates"]
    return pd.DataFrame(rows, columns=columns)


def _texts(legend) -> list[str]:
    return [t.get_text() for t in legend.get_texts()]


def test_heterogeneity_rows_are_labelled_and_legends_name_their_own_split():
    fig = heterogeneity_plot(_analysis({"heterogeneity": _heterogeneity(["fear", "manager_punishment"])}))
    rows = fig.subfigs
    assert len(rows) == 2  # one row per split
    for row, state, high, low in (
        (rows[0], "fear", "fearful teams", "confident teams"),
        (rows[1], "manager_punishment", "punitive managers", "lenient managers"),
    ):
        assert state in row.get_suptitle()  # the row says what it splits by
        (legend,) = row.legends
        texts = _texts(legend)
        assert len(texts) == 2
        assert high in texts[0] and f"above the median {state}" in texts[0]
        assert low in texts[1] and f"at or below the median {state}" in texts[1]
        if state != "fear":
            assert not any("fear" in t for t in texts)  # not the first split's words
        axes = [ax for ax in row.axes if ax.get_visible()]
        assert len(axes) == len(KPIS)
        for ax, kpi in zip(axes, KPIS, strict=True):
            assert kpi in ax.get_title()
            assert state in ax.get_xlabel()


def test_heterogeneity_by_a_kpi_without_words_still_names_it():
    fig = heterogeneity_plot(_analysis({"heterogeneity": _heterogeneity(["engagement"])}))
    (row,) = fig.subfigs
    assert "engagement" in row.get_suptitle()
    assert all("engagement" in t for t in _texts(row.legends[0]))
