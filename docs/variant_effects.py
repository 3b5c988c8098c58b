"""The table of ODD section 9, "Under the structural alternatives": each claim's contrast under
every mechanism variant alone and all together.

Run from the repository: ``.venv/bin/python docs/variant_effects.py`` (about two minutes on
one core).  10 branches x 365 days x seeds 1-3, each arm paired with its counterfactual on the
same seed and variants; last 91 days; mean ± sd over the seeds.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from campaign_sim import CampaignModel, Scenario, load_scenario
from campaign_sim.mechanisms.variants import POINTS

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
SEEDS = (1, 2, 3)
ALTERNATIVES = tuple((p, n) for p, vp in POINTS.items() for n in vp.alternatives if n != vp.default)
SETTINGS = (
    [("default (published model)", ())]
    + [(f"`{p}` = `{n}`", ((p, n),)) for p, n in ALTERNATIVES]
    + [(f"all {len(ALTERNATIVES)} alternatives", ALTERNATIVES)]
)
#: column: (header, treatment, control, KPI); "name:none" = the file without campaigns,
#: "name:doing" = the file's incentive scheme rewarding doing (focus_effect 0)
COLUMNS = (
    ("claim 1: Δ profit", "fearful_behaviour_training", "fearful_behaviour_training:none", "profit"),
    (
        "claim 1: Δ delivered",
        "fearful_behaviour_training",
        "fearful_behaviour_training:none",
        "delivered_behaviour",
    ),
    ("claim 2: Δ profit", "attitude_training", "baseline", "profit"),
    ("claim 2: Δ pride", "attitude_training", "baseline", "pride"),
    ("claim 2: Δ engagement", "attitude_training", "baseline", "engagement"),
    ("behaviour training: Δ profit", "behaviour_training", "baseline", "profit"),
    ("effect incentives: Δ profit", "effect_incentives", "baseline", "profit"),
    ("rewarding doing: Δ profit", "effect_incentives:doing", "baseline", "profit"),
    ("claim 3: Δ profit", "broken_promise", "fearful_behaviour_training", "profit"),
    ("claim 3: Δ trust", "broken_promise", "fearful_behaviour_training", "trust"),
)


@cache
def last_quarter(arm: str, variants: tuple, seed: int) -> dict[str, float]:
    """Every KPI's company mean per branch and day over the last 91 days of one run."""
    name, _, change = arm.partition(":")
    data = load_scenario(SCENARIOS / f"{name}.toml", branches=10, days=365).model_dump()
    data["model"]["variants"] = dict(variants)
    if change == "none":
        data["campaigns"] = []
    elif change == "doing":
        for c in data["campaigns"]:
            if c["kind"] == "incentive_scheme":
                c["focus_effect"] = 0.0
    model = CampaignModel(Scenario.model_validate(data), seed=seed).run()
    return {k: float(model.kpis.series(k)[-91:].mean()) for _, _, _, k in COLUMNS}


def cell(treatment: str, control: str, kpi: str, variants: tuple) -> str:
    d = np.array(
        [last_quarter(treatment, variants, s)[kpi] - last_quarter(control, variants, s)[kpi] for s in SEEDS]
    )
    fmt = "{:+.0f} ± {:.0f}" if kpi == "profit" else "{:+.3f} ± {:.3f}"
    return fmt.format(d.mean(), d.std(ddof=1)).replace("-", "−")


def main() -> None:
    print("| variants | " + " | ".join(c[0] for c in COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for label, variants in SETTINGS:
        print(f"| {label} | " + " | ".join(cell(t, c, k, variants) for _, t, c, k in COLUMNS) + " |")


if __name__ == "__main__":
    main()
