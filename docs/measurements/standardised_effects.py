"""Measure the campaigns' standardised effects and the model's spread between people.

Runs ``baseline``, ``behaviour_training``, ``attitude_training`` (workshops plus an incentive
scheme rewarding effect), ``effect_incentives`` (the scheme alone) and ``combined`` (all three)
on the same seeds (common
random numbers: a seed draws the same company, people and noise in every scenario, so the
difference is the campaign's effect), 20 branches x 365 days x 3 seeds, and prints the tables
of docs/ODD.md 2.6 and 8.1 as Markdown (stdout), plus the numbers as JSON (stderr).

- raw difference: campaign minus baseline, mean over the last quarter (days 274-364) of the
  branch means of a state, averaged over branches, then over seeds;
- model SD: the state's standard deviation between people (all branches) in the baseline at the
  end of day 29, before any campaign (as ``experiments.runs.people_spread``), mean over seeds;
- norm SD: the instrument's between-person SD on 0..1 (``campaign_sim.measurement``).

Run: ``.venv/bin/python docs/measurements/standardised_effects.py`` (about half a minute).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from campaign_sim import CampaignModel, load_scenario
from campaign_sim.measurement import INSTRUMENTS, standardised_effect
from campaign_sim.outputs import CUSTOMER_STATES, STAFF_STATES

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("baseline", "behaviour_training", "attitude_training", "effect_incentives", "combined")
SEEDS = (1, 2, 3)
BRANCHES, DAYS, PRE_DAYS, LAST_QUARTER = 20, 365, 30, 91
STAFF = (*STAFF_STATES, "delivered_behaviour")
STATES = (*STAFF, *CUSTOMER_STATES)
#: (campaign, state) -> the field figures it is set beside: (id and what, point, low, high)
FIELD: dict[tuple[str, str], tuple[tuple[str, float, float, float], ...]] = {
    ("behaviour_training", "ability"): (("I1 learning", 0.63, 0.63, 0.63),),
    ("behaviour_training", "delivered_behaviour"): (("I1 behaviour", 0.62, 0.62, 0.62),),
    ("behaviour_training", "engagement"): (("I2", 0.29, 0.12, 0.46),),
    ("attitude_training", "delivered_behaviour"): (
        ("I1 behaviour", 0.62, 0.62, 0.62),
        ("I3/I5", 0.34, 0.0, 0.34),
        ("I4", 0.55, 0.52, 0.58),
    ),
    ("attitude_training", "engagement"): (("I2", 0.29, 0.12, 0.46),),
    ("attitude_training", "pride"): (("I1 learning (nearest)", 0.63, 0.63, 0.63),),
    ("attitude_training", "effect_awareness"): (("I1 learning (nearest)", 0.63, 0.63, 0.63),),
    ("attitude_training", "willingness"): (("I1 learning (nearest)", 0.63, 0.63, 0.63),),
    ("effect_incentives", "delivered_behaviour"): (
        ("I3/I5", 0.34, 0.0, 0.34),
        ("I4", 0.55, 0.52, 0.58),
    ),
    ("effect_incentives", "engagement"): (("I2", 0.29, 0.12, 0.46),),
    ("combined", "ability"): (("I1 learning", 0.63, 0.63, 0.63),),
    ("combined", "delivered_behaviour"): (
        ("I1 behaviour", 0.62, 0.62, 0.62),
        ("I3/I5", 0.34, 0.0, 0.34),
    ),
    ("combined", "engagement"): (("I2", 0.29, 0.12, 0.46),),
}


def one_run(name: str, seed: int) -> dict[str, dict[str, float]]:
    """Last-quarter means of every state, and the between-people SDs before and at the end."""
    scenario = load_scenario(ROOT / "scenarios" / f"{name}.toml", branches=BRANCHES, days=DAYS)
    model = CampaignModel(scenario, seed=seed)
    for _ in range(PRE_DAYS):
        model.step()
    pre_staff, pre_customers = model.agent_frame(), model.customer_frame()
    for _ in range(DAYS - PRE_DAYS):
        model.step()
    end_staff, end_customers = model.agent_frame(), model.customer_frame()
    frame = model.branch_frame()
    last = frame[frame["day"] >= DAYS - LAST_QUARTER]
    means = {s: float(last.groupby("branch")[s].mean().mean()) for s in STATES}

    def spread(staff, customers) -> dict[str, float]:
        values = {s: float(np.std(staff[s].to_numpy(np.float64))) for s in STAFF}
        values |= {s: float(np.std(customers[s].to_numpy(np.float64))) for s in CUSTOMER_STATES}
        return values

    return {
        "mean": means,
        "sd_pre": spread(pre_staff, pre_customers),
        "sd_end": spread(end_staff, end_customers),
    }


def main() -> None:
    runs = {(name, seed): one_run(name, seed) for name in SCENARIOS for seed in SEEDS}
    model_sd = {s: float(np.mean([runs["baseline", k]["sd_pre"][s] for k in SEEDS])) for s in STATES}
    model_sd_end = {s: float(np.mean([runs["baseline", k]["sd_end"][s] for k in SEEDS])) for s in STATES}
    out: dict[str, object] = {"model_sd_pre": model_sd, "model_sd_end": model_sd_end, "effects": {}}
    print("| state | norm SD (0..1) | model SD day 29 | model SD day 364 | model / norm (day 29) |")
    print("|---|---|---|---|---|")
    for s in STATES:
        norm = INSTRUMENTS[s].norm_sd_unit
        norm_cell = f"{norm:.3f}" if norm is not None else "none published"
        ratio = f"{model_sd[s] / norm:.2f}" if norm is not None else "-"
        print(f"| `{s}` | {norm_cell} | {model_sd[s]:.3f} | {model_sd_end[s]:.3f} | {ratio} |")
    print()
    print("| campaign | state | raw difference (0..1), per seed | mean | / norm SD | / model SD |")
    print("|---|---|---|---|---|---|")
    for name in SCENARIOS[1:]:
        for s in STATES:
            diffs = [runs[name, k]["mean"][s] - runs["baseline", k]["mean"][s] for k in SEEDS]
            raw = float(np.mean(diffs))
            by_norm = standardised_effect(raw, s) if INSTRUMENTS[s].norm_sd_unit is not None else None
            by_model = raw / model_sd[s]
            out["effects"][f"{name}:{s}"] = {"raw": diffs, "by_norm": by_norm, "by_model": by_model}
            seeds = " / ".join(f"{d:+.4f}" for d in diffs)
            norm_cell = f"{by_norm:+.2f}" if by_norm is not None else "n/a"
            print(f"| {name} | `{s}` | {seeds} | {raw:+.4f} | {norm_cell} | {by_model:+.2f} |")
    print()
    print(
        "| campaign | state | d by norm SD | d by model SD | field figure | field d | ratio (norm, model) |"
    )
    print("|---|---|---|---|---|---|---|")
    for (name, s), figures in FIELD.items():
        effect = out["effects"][f"{name}:{s}"]
        by_norm, by_model = effect["by_norm"], effect["by_model"]
        for key, point, low, high in figures:
            field = f"{point:.2f}" if low == high else f"{point:.2f} ({low:.2f}-{high:.2f})"
            norm_cell = f"{by_norm:+.2f}" if by_norm is not None else "n/a"
            ratio_norm = f"{by_norm / point:.2f}x" if by_norm is not None else "n/a"
            print(
                f"| {name} | `{s}` | {norm_cell} | {by_model:+.2f} | {key} | {field} | "
                f"{ratio_norm}, {by_model / point:.2f}x |"
            )
    json.dump(out, sys.stderr, indent=1)


if __name__ == "__main__":
    main()
