"""The concept's five claims, and two regions where they fail, as statistical tests.

Nothing here is written into the model: each test runs shipped scenarios (or a
scenario with a few values changed) over five replicate seeds, always pairing
arms on the same seed (common random numbers), and compares company means
over the last quarter of a year.  An effect must show in every seed and lie
at least 3 standard errors from zero; thresholds on sizes sit well inside
what these seeds give (noted in each test).  Seeds are fixed, so only a change
of the model, never chance, can make a test fail.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from campaign_sim import CampaignModel, Scenario, load_scenario
from campaign_sim.rng import replicate_seeds

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
SEEDS = tuple(replicate_seeds(2024, 5))
BRANCHES = 20
LAST = slice(-90, None)  # last quarter of the year
EARLY = slice(60, 120)  # the two months after the trainings end
KPIS = (
    "profit",
    "revenue",
    "complaints",
    "quits",
    "absence_days",
    "theft_loss",
    "loyalty",
    "trust",
    "reputation",
    "climate",
    "fear",
    "fear_of_customers",
    "pride",
    "effect_awareness",
    "engagement",
    "willingness",
    "ability",
    "delivered_behaviour",
)


@cache
def _runs(name: str, campaigns_json: str, changes_json: str) -> dict[str, np.ndarray]:
    data = load_scenario(SCENARIOS / f"{name}.toml", branches=BRANCHES, days=365).model_dump()
    campaigns = json.loads(campaigns_json)
    if campaigns is not None:
        data["campaigns"] = campaigns
    for section, values in json.loads(changes_json).items():
        for key, value in values.items():
            if isinstance(value, dict):
                data[section][key].update(value)
            else:
                data[section][key] = value
    scenario = Scenario.model_validate(data)
    kpis = [CampaignModel(scenario, seed=seed).run().kpis for seed in SEEDS]
    return {k: np.stack([r.series(k).mean(axis=1) for r in kpis]) for k in KPIS}


def arm(name: str, campaigns: list[dict] | None = None, **changes: dict) -> dict[str, np.ndarray]:
    """Per seed, the daily company mean of each KPI: ``{kpi: array (seeds, days)}``.

    ``campaigns`` replaces the scenario's campaigns (``[]``: none, its own
    counterfactual); ``changes`` sets section values, e.g.
    ``company={"market_pressure": 0.7}``.
    """
    return _runs(name, json.dumps(campaigns), json.dumps(changes, sort_keys=True))


def campaigns_of(name: str, kind: str | None = None) -> list[dict]:
    """The campaigns of a shipped scenario (optionally only those of one kind)."""
    listed = load_scenario(SCENARIOS / f"{name}.toml").model_dump()["campaigns"]
    return [c for c in listed if kind is None or c["kind"] == kind]


def last(series: dict[str, np.ndarray], kpi: str, days: slice = LAST) -> np.ndarray:
    """Per-seed mean of a KPI over a window (default: the last quarter)."""
    return series[kpi][:, days].mean(axis=1)


def assert_positive(diff: np.ndarray, what: str) -> None:
    """Every seed shows the effect, and the mean is at least 3 standard errors above zero."""
    se = diff.std(ddof=1) / np.sqrt(diff.size)
    assert (diff > 0).all(), f"{what}: not positive in every seed: {np.round(diff, 4)}"
    assert diff.mean() > 3 * se, f"{what}: mean {diff.mean():.4g} within 3 SE ({se:.3g})"


def effect(treated: dict, control: dict, kpi: str, days: slice = LAST) -> np.ndarray:
    return last(treated, kpi, days) - last(control, kpi, days)


FEARFUL = "fearful_behaviour_training"
CALM = "calm_behaviour_training"


def test_claim1_behaviour_training_under_fear_raises_knowledge_not_floor_behaviour():
    """Claim 1: under high fear behaviour training raises ability, barely moves delivered
    behaviour, and what it moves fades (measured: ability +0.045; delivered +0.018 in the two
    months after training, +0.003 in the last quarter)."""
    trained, control = arm(FEARFUL), arm(FEARFUL, campaigns=[])
    ability = effect(trained, control, "ability")
    delivered_late = effect(trained, control, "delivered_behaviour")
    delivered_early = effect(trained, control, "delivered_behaviour", EARLY)
    assert_positive(ability - 0.035, "ability gain of at least 0.035")
    assert (delivered_late < 0.3 * ability).all(), "floor behaviour moves less than 30% of know-how"
    assert_positive(delivered_early - delivered_late, "the floor effect fades")


def test_claim2_attitude_work_with_effect_incentives_improves_people_and_figures():
    """Claim 2: attitude training with effect incentives raises pride, willingness, climate,
    and improves market (profit, revenue, complaints) and internal figures (quits, absence,
    theft)."""
    treated, control = arm("attitude_training"), arm("baseline")
    for kpi in ("pride", "willingness", "climate", "effect_awareness", "engagement", "profit", "revenue"):
        assert_positive(effect(treated, control, kpi), f"{kpi} rises")
    for kpi in ("complaints", "absence_days", "theft_loss", "fear"):
        assert_positive(-effect(treated, control, kpi), f"{kpi} falls")
    quits = treated["quits"][:, 30:].sum(axis=1) - control["quits"][:, 30:].sum(axis=1)
    assert_positive(-quits, "quits after the campaign start fall")


def test_claim3_broken_promise_is_worse_than_doing_nothing():
    """Claim 3: promising more than fearful staff deliver leaves the branches worse off than no
    campaign at all: profit, loyalty, trust and reputation end lower."""
    promised = arm("broken_promise")
    nothing = arm("broken_promise", campaigns=[])
    for kpi in ("profit", "loyalty", "trust", "reputation"):
        assert_positive(-effect(promised, nothing, kpi), f"{kpi} lower than doing nothing")


def test_claim4_harsh_market_raises_fear_but_attitude_work_does_not_buffer_it():
    """Claim 4 says harsher markets raise fear and erode engagement, and attitude work *buffers*
    this: engagement should fall less with the harsh market when attitude work runs.  Measured in
    the published model: the harsh market raises fear and erodes engagement (-0.149), attitude
    work in the harsh market wins back part of it in level (0.084, more than a third), but
    engagement falls *more* with the harsh market under attitude work (-0.195): the buffering
    interaction has the wrong sign in every seed.  Across the calibrated ensemble and the
    structural variants see ``campaign-sim claims`` (README, Claims)."""
    harsh = {"company": {"market_pressure": 0.7, "competitor_pull": 1.5}}
    ordinary, hard = arm("baseline"), arm("baseline", **harsh)
    treated, hard_treated = arm("attitude_training"), arm("attitude_training", **harsh)
    assert_positive(effect(hard, ordinary, "fear"), "harsh market raises fear")
    erosion = -effect(hard, ordinary, "engagement")
    assert_positive(erosion, "harsh market erodes engagement")
    regained = effect(hard_treated, hard, "engagement")
    assert_positive(regained - erosion / 3, "attitude work regains a third of the erosion in level")
    erosion_treated = -effect(hard_treated, treated, "engagement")
    buffering = erosion - erosion_treated  # > 0 would be the claim's buffer
    assert_positive(-buffering, "engagement falls more with the harsh market under attitude work (no buffer)")


def test_claim5_customers_and_staff_reinforce_each_other():
    """Claim 5, both directions of the loop and its gain:
    happier customers (easier to please) make prouder, less fearful staff with no staff change;
    prouder, more aware staff make more loyal customers with no customer change;
    the same customer-side change does more for loyalty and profit when the customers'
    feedback into staff (mechanism 5) is on than when it is switched off."""
    easier = {"company": {"expectation_baseline": 0.12}}
    base, easy = arm("baseline"), arm("baseline", **easier)
    assert_positive(effect(easy, base, "pride"), "happier customers -> prouder staff")
    assert_positive(-effect(easy, base, "fear_of_customers"), "happier customers -> less fear of customers")
    proud = arm(
        "baseline",
        branches={"pride": {"mean": 0.7}, "effect_awareness": {"mean": 0.6}},
        staff={"pride_decay": 0.002},
    )
    assert_positive(effect(proud, base, "loyalty"), "prouder staff -> more loyal customers")
    assert_positive(effect(proud, base, "trust"), "prouder staff -> more trusting customers")
    off = {"pride_from_customers": 0.0, "fear_customer_gain": 0.0, "fear_customer_relief": 0.0}
    base_off, easy_off = arm("baseline", staff=off), arm("baseline", staff=off, **easier)
    for kpi in ("loyalty", "profit"):
        gain = effect(easy, base, kpi) - effect(easy_off, base_off, kpi)
        assert_positive(gain, f"the staff side of the loop amplifies the customer-side gain in {kpi}")


def test_where_claim1_fails_low_fear_lets_behaviour_training_work():
    """With little fear, behaviour training works on the floor: a third or more of the know-how
    it adds shows in delivered behaviour a year on (measured 0.36-0.39; under fear 0.03-0.06),
    and it delivers a third or more of the attitude approach's floor gain (measured 0.35-0.42;
    under fear 0.01-0.03).  It does not close *most* of the gap: attitude work still adds more."""

    def shares(scenario: str) -> tuple[np.ndarray, np.ndarray]:
        control = arm(scenario, campaigns=[])
        trained = arm(scenario)
        delivered = effect(trained, control, "delivered_behaviour")
        attitude = arm(scenario, campaigns=campaigns_of("attitude_training"))
        return delivered / effect(trained, control, "ability"), delivered / effect(
            attitude, control, "delivered_behaviour"
        )

    (calm_pass, calm_share), (fear_pass, fear_share) = shares(CALM), shares(FEARFUL)
    assert (calm_pass > 0.3).all() and (fear_pass < 0.15).all(), (calm_pass, fear_pass)
    assert (calm_share > 0.3).all() and (fear_share < 0.1).all(), (calm_share, fear_share)
    assert (calm_share < 1).all(), "attitude work still adds more than behaviour training alone"


def test_where_claim2_fails_punishing_incentives_collapse_the_attitude_approach():
    """Where incentives punish instead of reward, the attitude approach (same workshops, same
    focus on effect) keeps less than a quarter of its gains in profit, pride and loyalty
    (measured: profit +265 EUR per branch-day rewarding vs +12 punishing; pride +0.29 vs
    +0.03).  Its workshops still raise effect awareness: what collapses is what the awareness
    turns into."""
    base = arm("baseline")
    rewarding, punishing = arm("attitude_training"), arm("punitive_attitude_training")
    for kpi in ("profit", "pride", "loyalty"):
        rewarded_gain, punished_gain = effect(rewarding, base, kpi), effect(punishing, base, kpi)
        assert_positive(rewarded_gain, f"the rewarding approach raises {kpi}")
        assert (punished_gain < 0.25 * rewarded_gain).all(), (
            f"{kpi}: punishing gain {np.round(punished_gain, 3)} vs rewarding {np.round(rewarded_gain, 3)}"
        )
    assert_positive(effect(punishing, base, "effect_awareness"), "workshops still raise effect awareness")
