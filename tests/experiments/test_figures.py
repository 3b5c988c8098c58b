"""The report's figures say what they show: every row and panel labelled, legends naming their groups."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import rgb_to_hsv, to_rgb

from campaign_sim.experiments.figures import _palette, heterogeneity_plot, payback_plot

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


def _money(finals: dict[str, float], paybacks: dict[str, float], days: int = 400):
    """A cumulative band per arm (below zero until its payback day, then rising to ``finals``) and
    the economics rows the figure reads."""
    rows = []
    for arm, final in finals.items():
        t = np.arange(days)
        pay = paybacks[arm]
        if np.isfinite(pay):  # below zero until ``pay``, then rising to ``final``
            rise = final * ((t - pay) / (days - 1 - pay)) ** 2
            curve = np.where(t < pay, -5000 * np.sin(np.pi * t / pay), rise)
        else:
            curve = final * t / (days - 1)
        rows.append(
            pd.DataFrame(
                {"point": 0, "arm": arm, "day": t, "cumulative_eur": curve, "low": curve - 3000,
                 "high": curve + 3000, "replicates": 5}
            )
        )  # fmt: skip
    band = pd.concat(rows, ignore_index=True)
    econ = pd.DataFrame(
        [(0, arm, paybacks[arm], 30, 0.05, 5) for arm in finals],
        columns=["point", "arm", "payback_day", "first_day", "discount_rate", "replicates"],
    )
    return {"cumulative": band, "economics": econ}


def test_payback_break_even_of_every_arm_is_visible_beside_a_far_larger_loss():
    finals = {"attitude": 400_000.0, "behaviour": 15_000.0, "promise": -800_000.0}
    paybacks = {"attitude": 130.0, "behaviour": 190.0, "promise": np.nan}
    a = _analysis(_money(finals, paybacks))
    a.labels = {"control": "control", "behaviour": "behaviour", "attitude": "attitude", "promise": "promise"}
    fig = payback_plot(a)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    dots = {
        ax: [line for line in ax.get_lines() if line.get_marker() == "o" and len(line.get_xdata()) == 1]
        for ax in axes
    }
    zoom = next(ax for ax in axes if "zoomed" in ax.get_title())
    side = next(ax for ax in axes if "do not break even" in ax.get_title())
    # the loss has its own panel: no break-even dot shares its scale
    assert not dots[side]
    assert min(side.get_ylim()) < -700
    # in the zoom every arm that breaks even has its dot, inside the view, on a scale near zero
    assert sorted(float(d.get_xdata()[0]) for d in dots[zoom]) == [130.0, 190.0]
    low, high = zoom.get_ylim()  # thousand EUR
    assert low > -100 and 0.05 < (0 - low) / (high - low) < 0.95  # the loss's scale is not this one
    x0, x1 = zoom.get_xlim()
    assert x0 <= 130 and x1 >= 190 and (190 - 130) / (x1 - x0) > 0.1  # dots well apart
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("promise" in t and "no break-even" in t for t in legend)
    assert any("attitude" in t and "day 130" in t for t in legend)


def test_arm_colours_are_distinct_okabe_ito_the_same_in_every_figure():
    okabe_ito = {"#0072B2", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#D55E00", "#CC79A7", "#000000"}
    arms = ["control", *[f"arm{i}" for i in range(6)]]
    colours = _palette(arms, "control")
    treated = [colours[arm] for arm in arms[1:]]
    assert len(set(treated)) == len(treated) and set(treated) <= okabe_ito
    assert colours["control"] not in treated
    # at most the two oranges of Okabe-Ito (orange, vermillion), and not for neighbouring arms
    oranges = [i for i, c in enumerate(treated) if _is_orange(c)]
    assert len(oranges) <= 2 and all(b - a > 1 for a, b in itertools.pairwise(oranges))
    assert _palette(arms, "control") == colours  # fixed: every figure calls the same function


def _is_orange(colour) -> bool:
    h, s, v = rgb_to_hsv(to_rgb(colour))
    return 10 / 360 <= h <= 50 / 360 and s > 0.4 and v > 0.5


@pytest.mark.parametrize(
    ("finals", "paybacks", "panels"),
    [
        ({"attitude": 400_000.0, "behaviour": 15_000.0}, {"attitude": 130.0, "behaviour": 190.0}, 2),
        ({"promise": -800_000.0}, {"promise": np.nan}, 1),
    ],
    ids=["all break even", "none breaks even"],
)
def test_payback_chart_without_losing_or_without_paying_arms(finals, paybacks, panels):
    a = _analysis(_money(finals, paybacks))
    a.labels = {"control": "control", **{arm: arm for arm in finals}}
    fig = payback_plot(a)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == panels
    titles = " ".join(ax.get_title() for ax in axes)
    assert ("zoomed" in titles) == (panels > 1)  # a zoom only where an arm breaks even
    assert ("no arm breaks even" in titles) == (panels == 1)
