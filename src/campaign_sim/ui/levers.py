"""The strategist's choices, kept apart from how they are drawn: the scenario, its levers, two plans.

Nothing here imports Solara, so the logic behind every control is unit-tested
without a browser.  A *plan* is what the company decides (campaign levers);
*settings* describe the company and the run (market, size, seed, days).  Two
plans over the same settings and seed are two :class:`CampaignModel` runs
with common random numbers (see :mod:`.live_run`), so their difference is the
plan's effect.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..scenario import Scenario
from ..scenario_io import ScenarioError, validate_scenario

#: day on which campaigns chosen in the UI start (as in the shipped scenarios)
CAMPAIGN_START = 30

Training = Literal["file", "none", "behaviour", "attitude", "both"]
Incentive = Literal["file", "none", "doing", "effect"]
Style = Literal["file", "none", "supportive", "controlling"]

TRAINING_OPTIONS: tuple[str, ...] = ("file", "none", "behaviour", "attitude", "both")
INCENTIVE_OPTIONS: tuple[str, ...] = ("file", "none", "doing", "effect")
LEADERSHIP_OPTIONS: tuple[str, ...] = ("file", "none", "supportive", "controlling")
#: the campaign kinds each lever replaces when it is not left "as in the scenario"
LEVER_KINDS: dict[str, frozenset[str]] = {
    "training": frozenset({"behaviour_training", "attitude_training"}),
    "incentive": frozenset({"incentive_scheme"}),
    "leadership": frozenset({"leadership"}),
    "promise": frozenset({"promise"}),
}
#: the starting team states and manager style of the branches the UI offers levers for
#: (the mean over branches of ``branches.<state>``; spreads stay as in the scenario)
TEAM_STATES: tuple[str, ...] = (
    "fear_of_boss",
    "fear_of_customers",
    "fear_for_job",
    "pride",
    "engagement",
    "effect_awareness",
    "willingness",
    "ability",
    "leadership_support",
    "punishment",
)


def _training(kind: str) -> list[dict[str, Any]]:
    behaviour = {
        "kind": "behaviour_training",
        "name": "behaviour training",
        "start_day": CAMPAIGN_START,
        "duration_days": 30,
    }
    attitude = {
        "kind": "attitude_training",
        "name": "lens of effect workshops",
        "start_day": CAMPAIGN_START,
        "duration_days": 30,
    }
    return {"none": [], "behaviour": [behaviour], "attitude": [attitude], "both": [behaviour, attitude]}[kind]


def _incentive(kind: str) -> list[dict[str, Any]]:
    if kind == "none":
        return []
    focus = 1.0 if kind == "effect" else 0.0
    return [
        {
            "kind": "incentive_scheme",
            "name": f"reward {'effecting' if focus else 'doing'}",
            "start_day": CAMPAIGN_START,
            "focus_effect": focus,
            "reward": 0.5,
            "punishment": 0.1,
        }
    ]


def _leadership(kind: str) -> list[dict[str, Any]]:
    if kind == "none":
        return []
    support, punishment = (0.85, 0.05) if kind == "supportive" else (0.15, 0.8)
    return [
        {
            "kind": "leadership",
            "name": f"{kind} leadership",
            "start_day": CAMPAIGN_START,
            "support": support,
            "punishment": punishment,
        }
    ]


def _promise(level: float) -> list[dict[str, Any]]:
    if level <= 0:
        return []
    return [{"kind": "promise", "name": "promise", "start_day": CAMPAIGN_START, "level": float(level)}]


@dataclass(frozen=True)
class Plan:
    """A campaign plan: each lever either keeps the scenario's own campaigns ("file") or replaces them."""

    training: str = "file"
    incentive: str = "file"
    leadership: str = "file"
    promise: float | None = None  # None: as in the scenario

    def campaigns(self, base: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The scenario's campaign list with the levers this plan sets replaced."""
        groups = {
            "training": (LEVER_KINDS["training"], self.training, _training),
            "incentive": (LEVER_KINDS["incentive"], self.incentive, _incentive),
            "leadership": (LEVER_KINDS["leadership"], self.leadership, _leadership),
        }
        out = list(base)
        for kinds, choice, make in groups.values():
            if choice != "file":
                out = [c for c in out if c.get("kind") not in kinds] + make(choice)
        if self.promise is not None:
            out = [c for c in out if c.get("kind") != "promise"] + _promise(self.promise)
        return out


#: the counterfactual every comparison starts with: the same company without any campaign
NO_CAMPAIGN = Plan(training="none", incentive="none", leadership="none", promise=0.0)


@dataclass(frozen=True)
class Settings:
    """The company and the run; None keeps the scenario file's value."""

    market_pressure: float | None = None
    branches: int | None = None
    seed: int | None = None
    days: int | None = None
    #: (state, mean) pairs for the branches' starting team states (see :data:`TEAM_STATES`)
    team: tuple[tuple[str, float], ...] = ()

    def team_mean(self, base: Scenario, state: str) -> float:
        """The mean of a starting team state: the value set here, else the scenario's."""
        return dict(self.team).get(state, getattr(base.branches, state).mean)

    def with_team(self, state: str, mean: float) -> Settings:
        """A copy with one starting team state's mean set."""
        if state not in TEAM_STATES:
            raise KeyError(f"{state}: not a team state the UI sets; allowed: {', '.join(TEAM_STATES)}")
        team = {**dict(self.team), state: round(float(mean), 2)}
        return replace(self, team=tuple(sorted(team.items())))

    def kept(self) -> Settings:
        """What a newly picked scenario keeps: the run's size, days and seed (company and team reset)."""
        return Settings(branches=self.branches, seed=self.seed, days=self.days)


def build_scenario(base: Scenario, settings: Settings, plan: Plan, source: str = "controls") -> Scenario:
    """The scenario the UI runs: ``base`` with settings and plan applied, validated.

    Raises :class:`ScenarioError` with the core's message naming the key and what is allowed.
    """
    data = base.model_dump()
    if settings.market_pressure is not None:
        data["company"]["market_pressure"] = settings.market_pressure
    for key in ("branches", "seed", "days"):
        value = getattr(settings, key)
        if value is not None:
            data["run"][key] = value
    for state, mean in settings.team:
        data["branches"][state]["mean"] = mean
    data["campaigns"] = plan.campaigns(data["campaigns"])
    return validate_scenario(data, source)


def file_promise(base: Scenario) -> float:
    """The promise level a scenario advertises (its strongest promise campaign, else the standing one)."""
    levels = [c.level for c in base.campaigns if c.kind == "promise"]
    return max(levels, default=base.company.promise_level)


def load_uploaded(name: str, content: bytes, scenario_dir: Path) -> Scenario:
    """Validate an uploaded scenario; ``extends`` resolves against the shipped scenarios folder."""
    import tempfile

    from ..scenario_io import load_scenario

    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(f"{name}: not a UTF-8 text file") from None
    with tempfile.TemporaryDirectory(prefix="campaign-sim-upload-") as tmp:
        folder = Path(tmp)
        if scenario_dir.is_dir():
            for shipped in scenario_dir.glob("*.toml"):
                (folder / shipped.name).symlink_to(shipped.resolve())
        path = folder / f"uploaded-{Path(name).name or 'scenario.toml'}"
        path.write_text(text, encoding="utf-8")
        try:
            scenario = load_scenario(path)
        except ScenarioError as err:
            raise ScenarioError(str(err).replace(str(path), Path(name).name)) from None
    if scenario.name == path.stem:
        scenario = scenario.model_copy(update={"name": Path(name).stem})
    return scenario
