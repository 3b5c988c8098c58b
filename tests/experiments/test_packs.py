"""Packed runs: several runs simulated as one vectorised model give each run's results
bit-identical to running it alone (the speed issue's promise), whatever packs they share."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import BaseModel

from campaign_sim import CampaignModel, load_scenario
from campaign_sim.config import CompanyConfig, CustomerBehaviour, StaffBehaviour
from campaign_sim.experiments.definition import load_experiment
from campaign_sim.experiments.executors import PACK_BRANCHES, make_packs
from campaign_sim.experiments.plan import plan_runs
from campaign_sim.experiments.runs import packable, run_one, run_pack
from campaign_sim.scenario import Scenario

from .conftest import REPO, write_tiny


def _scenario(name: str, days: int = 120, branches: int = 5) -> Scenario:
    return load_scenario(REPO / "scenarios" / f"{name}.toml", branches=branches).with_changes(
        {"run.days": days}
    )


def _with_campaigns(scenario: Scenario, campaigns: list[dict]) -> Scenario:
    return Scenario.model_validate({**scenario.model_dump(), "campaigns": campaigns})


def test_a_pack_of_companies_gives_each_its_solo_numbers_bit_for_bit():
    """Three companies with different campaigns (trainings, incentives, promise, leadership,
    none) and seeds."""
    levers = [
        {"kind": "promise", "start_day": 20, "level": 0.8},
        {"kind": "leadership", "start_day": 40, "duration_days": 30, "branches": [1, 3]},
    ]
    companies = [_scenario("combined"), _scenario("baseline"), _with_campaigns(_scenario("baseline"), levers)]
    seeds = [11, 12, 11]
    pack = CampaignModel.pack(companies, seeds).run()
    assert pack.companies == 3
    for k, (scenario, seed) in enumerate(zip(companies, seeds, strict=True)):
        solo = CampaignModel(scenario, seed=seed).run()
        np.testing.assert_array_equal(pack.company_values(k), solo.company_values(0))
        assert pack.campaigns.of_company(k).summary() == solo.campaigns.summary()
    # not a test that cannot fail: the companies' numbers do differ
    assert not np.array_equal(pack.company_values(0), pack.company_values(1), equal_nan=True)


#: parameters of every section that a pack's companies may hold apart, calibrated ones among them
_DIFFERENT = [
    {},
    {
        "staff.transfer_fear": 0.9, "staff.fear_block": 0.5, "staff.contagion": 0.05,
        "staff.quit_base": 0.004,
        "customers.churn_annual": 0.2, "customers.visit_rate": 0.2, "customers.loss_aversion": 3.0,
        "company.market_pressure": 0.7, "company.gross_margin": 0.3, "company.visits_per_staff_day": 3.0,
        "company.promise_level": 0.4, "branches.staff_mean": 9, "branches.ability.mean": 0.4,
    },
    {
        "staff.transfer_fear": 0.1, "staff.absence_base": 0.12, "staff.newcomer_ability": 0.5,
        "customers.churn_annual": 0.01, "customers.new_trust": 0.6, "customers.wom_rate": 0.1,
        "company.market_pressure": 0.05, "company.gross_margin": 0.55, "company.competitor_pull": 2.0,
        "company.expectation_baseline": 0.4, "company.hiring_cost": 9000.0, "branches.local_market_sd": 0.4,
    },
]  # fmt: skip


def _assert_pack_matches_solo(companies: list[Scenario], seeds: list[int]) -> CampaignModel:
    """Each company of the pack gives its solo run's KPIs and campaign summary, bit for bit."""
    pack = CampaignModel.pack(companies, seeds).run()
    for k, (scenario, seed) in enumerate(zip(companies, seeds, strict=True)):
        solo = CampaignModel(scenario, seed=seed).run()
        np.testing.assert_array_equal(pack.company_values(k), solo.company_values(0), err_msg=f"company {k}")
        assert pack.campaigns.of_company(k).summary() == solo.campaigns.summary()
    return pack


def test_companies_that_differ_in_their_parameters_each_get_their_solo_numbers():
    """Staff, customer, company and branch parameters (transfer_fear, churn_annual, market_pressure,
    gross_margin ...) per company, with a behaviour training so that transfer matters."""
    base = _scenario("combined", days=150)
    companies = [base.with_changes(changes) for changes in _DIFFERENT]
    pack = _assert_pack_matches_solo(companies, [5, 6, 5])
    # not a test that cannot fail: the parameters do change the numbers (company 0 and 2 share a seed)
    assert not np.array_equal(pack.company_values(0), pack.company_values(2), equal_nan=True)


def test_companies_that_differ_in_their_parameters_match_under_every_alternative_variant():
    """The variant functions that read parameters (ability_too, ungated, more_work, noisy, assimilation,
    fear_gated, all_rewards, delivery_only) read each company's own."""
    alternatives = {
        "horizon_knowledge": "ability_too", "customer_pride": "ungated", "doing_reward": "more_work",
        "effect_observation": "noisy", "promise_quality": "assimilation", "attitude_uptake": "fear_gated",
        "crowd_out": "all_rewards", "transfer_fear": "delivery_only",
    }  # fmt: skip
    base = _scenario("combined", days=120).with_changes({"model.variants": alternatives})
    more = {"staff.horizon_ability_weight": 0.9, "staff.ungated_pride_lens": 0.7, "staff.doing_quantity": 0.5,
            "staff.appraisal_noise": 1.5, "customers.promise_assimilation": 0.8}  # fmt: skip
    companies = [
        base.with_changes({**changes, **(more if k == 1 else {})}) for k, changes in enumerate(_DIFFERENT)
    ]
    _assert_pack_matches_solo(companies, [3, 3, 4])


def _draw_section(rng: np.random.Generator, section: type[BaseModel]) -> dict[str, float]:
    """Every float field of ``section`` drawn uniformly within its bounds (unbounded above: up to
    twice its default)."""
    out = {}
    for name, field in section.model_fields.items():
        if field.annotation is not float:
            continue
        low, high = 0.0, 2.0 * float(field.default or 1.0)
        for bound in field.metadata:
            low = float(getattr(bound, "ge", getattr(bound, "gt", low)))
            high = float(getattr(bound, "le", high))
        if any(hasattr(bound, "gt") for bound in field.metadata):
            low = max(low, 0.01 * high)
        out[name] = float(rng.uniform(low, high))
    return out


def test_random_parameter_draws_within_their_bounds_give_each_company_its_solo_numbers():
    """A randomised check over the parameter space: four companies, every staff, customer and
    company parameter drawn within its field's bounds, with a campaign of every kind."""
    rng = np.random.default_rng(20261203)
    base = _scenario("combined", days=60, branches=3)
    companies = []
    for _ in range(4):
        staff = _draw_section(rng, StaffBehaviour)
        weights = staff["fear_weight_customers"] + staff["fear_weight_boss"]
        if weights > 1.0:  # the third weight (fear for the job) takes the rest
            staff["fear_weight_customers"] /= weights
            staff["fear_weight_boss"] /= weights
        changes = {f"staff.{k}": v for k, v in staff.items()}
        changes.update({f"customers.{k}": v for k, v in _draw_section(rng, CustomerBehaviour).items()})
        changes.update({f"company.{k}": v for k, v in _draw_section(rng, CompanyConfig).items()})
        changes["branches.staff_mean"] = int(rng.integers(3, 20))
        company = base.with_changes(changes)
        if len(companies) % 2:  # promise and leadership as well as the trainings and incentives
            levers = [
                {"kind": "promise", "start_day": 10, "level": 0.7},
                {"kind": "leadership", "start_day": 20, "duration_days": 20, "branches": [0, 2]},
            ]
            company = _with_campaigns(company, [*company.model_dump()["campaigns"], *levers])
        companies.append(company)
    _assert_pack_matches_solo(companies, [int(s) for s in rng.integers(0, 2**31, 4)])


def test_a_pack_refuses_companies_that_differ_in_code_paths_or_length():
    other_variant = _scenario("baseline").with_changes({"model.variants": {"customer_pride": "ungated"}})
    longer = _scenario("baseline", days=121)
    for odd in (other_variant, longer):
        with pytest.raises(ValueError, match="company 1 of the pack differs"):
            CampaignModel.pack([_scenario("baseline"), odd], [1, 2])
    with pytest.raises(ValueError, match="one seed per scenario"):
        CampaignModel.pack([_scenario("baseline")], [1, 2])


@pytest.mark.parametrize("mode", ["paired", "randomised"])
def test_packed_runs_send_back_the_tables_of_solo_runs(tmp_path: Path, mode: str):
    """Every table a run sends back (tidy rows, series, money, full series) is equal to the
    solo run's, for paired arms and for randomised (stratified) assignment with counterfactuals."""
    exp = load_experiment(write_tiny(tmp_path, mode=mode, days=40, replicates=2))
    _, specs = plan_runs(exp, "compare", full_series=True)
    assert len(specs) >= 4
    packed = run_pack(specs)
    for spec, out in zip(specs, packed, strict=True):
        alone = run_one(spec)
        assert out.run_id == alone.run_id
        for part in ("tidy", "series", "money", "full"):
            pd.testing.assert_frame_equal(getattr(out, part), getattr(alone, part), check_exact=True)


def test_packs_mix_design_points_and_keep_every_worker_busy(tmp_path: Path):
    """A sweep's points differ in parameters (here market pressure) only, so they pack as one
    group; each worker still gets at least two packs."""
    exp = load_experiment(write_tiny(tmp_path, mode="paired", replicates=8, levels=2))
    _, specs = plan_runs(exp, "sweep")
    packs = make_packs(specs, workers=2)
    assert sorted(s.run_id for p in packs for s in p) == sorted(s.run_id for s in specs)
    for pack in packs:
        assert len(pack) * int(pack[0].scenario["run"]["branches"]) <= PACK_BRANCHES
    assert len(packs) >= 2 * 2  # at least two packs for each of two workers
    assert max(len(p) for p in packs) == -(-len(specs) // 4)
    assert len({packable(s) for s in specs}) == 1  # the points' market pressures differ, yet one group


def test_packs_keep_runs_of_other_variants_or_lengths_apart(tmp_path: Path):
    exp = load_experiment(write_tiny(tmp_path, mode="paired", replicates=4))
    _, specs = plan_runs(exp, "compare")
    other = [
        replace(spec, scenario={**spec.scenario, "model": {"variants": {"customer_pride": "ungated"}}})
        for spec in specs
    ]
    longer = [
        replace(spec, scenario={**spec.scenario, "run": {**spec.scenario["run"], "days": 999}})
        for spec in specs
    ]
    family = {
        id(s): name
        for name, group in (("as is", specs), ("ungated", other), ("longer", longer))
        for s in group
    }
    packs = make_packs([*specs, *other, *longer], workers=2)
    assert sum(len(p) for p in packs) == 3 * len(specs)
    for pack in packs:
        assert len({family[id(s)] for s in pack}) == 1
        assert len({packable(s) for s in pack}) == 1
