"""What the UI runs, kept apart from how it is drawn: levers, designs, paired runs, agent history.

Nothing here imports Solara, so the logic behind every control is unit-tested
without a browser.  A *design* is what the company decides (campaign levers);
*settings* describe the company and the run (market, size, seed, days).  Two
designs over the same settings and seed are two :class:`CampaignModel` runs
with common random numbers, so their difference is the design's effect.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..config import Scenario
from ..model import CampaignModel
from ..scenario_io import ScenarioError, validate_scenario

#: day on which campaigns chosen in the UI start (as in the shipped scenarios)
CAMPAIGN_START = 30

Training = Literal["file", "none", "behaviour", "attitude", "both"]
Incentive = Literal["file", "none", "doing", "effect"]
Style = Literal["file", "none", "supportive", "controlling"]

TRAINING_OPTIONS: tuple[str, ...] = ("file", "none", "behaviour", "attitude", "both")
INCENTIVE_OPTIONS: tuple[str, ...] = ("file", "none", "doing", "effect")
LEADERSHIP_OPTIONS: tuple[str, ...] = ("file", "none", "supportive", "controlling")

#: employee states the UI can colour by and record, in display order
STAFF_VIEW = (
    "fear",
    "fear_of_customers",
    "fear_of_boss",
    "fear_for_job",
    "pride",
    "effect_awareness",
    "engagement",
    "ability",
    "willingness",
    "delivered_behaviour",
)
#: customer states the UI can colour by and record
CUSTOMER_VIEW = ("satisfaction", "trust", "loyalty", "expectation")

#: above this many bytes of float16 per run, per-agent history is not recorded
HISTORY_LIMIT_BYTES = 160 * 2**20


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
class Design:
    """A campaign design: each lever either keeps the scenario's own campaigns ("file") or replaces them."""

    training: str = "file"
    incentive: str = "file"
    leadership: str = "file"
    promise: float | None = None  # None: as in the scenario

    def campaigns(self, base: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The scenario's campaign list with the levers this design sets replaced."""
        groups = {
            "training": ({"behaviour_training", "attitude_training"}, self.training, _training),
            "incentive": ({"incentive_scheme"}, self.incentive, _incentive),
            "leadership": ({"leadership"}, self.leadership, _leadership),
        }
        out = list(base)
        for kinds, choice, make in groups.values():
            if choice != "file":
                out = [c for c in out if c.get("kind") not in kinds] + make(choice)
        if self.promise is not None:
            out = [c for c in out if c.get("kind") != "promise"] + _promise(self.promise)
        return out


#: the counterfactual every comparison starts with: the same company without any campaign
NO_CAMPAIGN = Design(training="none", incentive="none", leadership="none", promise=0.0)


@dataclass(frozen=True)
class Settings:
    """The company and the run; None keeps the scenario file's value."""

    market_pressure: float | None = None
    branches: int | None = None
    seed: int | None = None
    days: int | None = None


def build_scenario(base: Scenario, settings: Settings, design: Design, source: str = "controls") -> Scenario:
    """The scenario the UI runs: ``base`` with settings and design applied, validated.

    Raises :class:`ScenarioError` with the core's message naming the key and what is allowed.
    """
    data = base.model_dump()
    if settings.market_pressure is not None:
        data["company"]["market_pressure"] = settings.market_pressure
    for key in ("branches", "seed", "days"):
        value = getattr(settings, key)
        if value is not None:
            data["run"][key] = value
    data["campaigns"] = design.campaigns(data["campaigns"])
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


class AgentHistory:
    """States of every agent of one population, per day, so that a selected agent's past can be shown.

    Values are kept as float16 (three significant digits are plenty for a chart);
    ``since[slot]`` is the day the slot's current occupant arrived, so a slot that
    a newcomer took over never mixes two people's histories.
    """

    def __init__(self, arrays, fields: tuple[str, ...], days: int):
        self.arrays = arrays
        self.fields = fields
        self.columns = list(fields)
        size = arrays.uid.size
        self.enabled = days * size * len(fields) * 2 <= HISTORY_LIMIT_BYTES
        self.values = np.empty((days if self.enabled else 0, size, len(fields)), np.float16)
        self.since = np.zeros(size, np.int32)
        self.uid = arrays.uid.copy()
        self.days = 0

    def record(self, day: int) -> None:
        """Store today's states (call after the model's step for ``day``)."""
        changed = self.arrays.uid != self.uid
        self.since[changed] = day
        self.uid[changed] = self.arrays.uid[changed]
        if not self.enabled or day >= self.values.shape[0]:
            return
        for j, column in enumerate(self.columns):
            self.values[day, :, j] = getattr(self.arrays, column)
        self.days = day + 1

    def of(self, slot: int, uid: int) -> pd.DataFrame | None:
        """The recorded states of agent ``uid`` at ``slot`` (None if the slot now holds someone else)."""
        if self.uid[slot] != uid:
            return None
        start = int(self.since[slot])
        block = self.values[start : self.days, slot].astype(np.float32)
        frame = pd.DataFrame(block, columns=list(self.fields))
        frame.insert(0, "day", np.arange(start, self.days))
        return frame


class Runner:
    """Design A and design B run in lockstep with the same seed (common random numbers).

    A lock guards the models: the play loop steps them in one thread while a
    render or an export reads them in another.
    """

    def __init__(self, scenario_a: Scenario, scenario_b: Scenario | None = None, history: bool = True):
        self.scenarios = [s for s in (scenario_a, scenario_b) if s is not None]
        seed = scenario_a.run.seed
        self.models = [CampaignModel(s, seed=seed) for s in self.scenarios]
        self.lock = threading.RLock()
        self.error: str | None = None
        self.rate = 0.0  # days per second while playing, measured by the play loop
        model = self.models[0]
        days = scenario_a.run.days
        self.staff_history = AgentHistory(model.staff_state, STAFF_VIEW, days) if history else None
        self.customer_history = AgentHistory(model.customer_state, CUSTOMER_VIEW, days) if history else None

    @property
    def model(self) -> CampaignModel:
        """Design A's model (the one drawn in the dashboard and drill-down)."""
        return self.models[0]

    @property
    def day(self) -> int:
        return self.models[0].day

    @property
    def days(self) -> int:
        return self.scenarios[0].run.days

    @property
    def done(self) -> bool:
        return self.day >= self.days

    def step(self, n: int = 1) -> int:
        """Advance every design ``n`` days (fewer at the end of the run); returns the days done.

        An exception stops the run and is kept in :attr:`error` for the page to show.
        """
        done = 0
        with self.lock:
            if self.error is not None:
                return 0
            try:
                for _ in range(max(0, min(n, self.days - self.day))):
                    day = self.day
                    for model in self.models:
                        model.step()
                    for history in (self.staff_history, self.customer_history):
                        if history is not None:
                            history.record(day)
                    done += 1
            except Exception as err:  # a failed run must not take the page down
                self.error = f"{type(err).__name__}: {err}"
        return done

    def mean_series(self, kpi: str, design: int = 0) -> np.ndarray:
        """Mean over branches of one KPI for each day run so far."""
        with self.lock:
            values = self.models[design].kpis.series(kpi)
            return np.nanmean(values, axis=1) if values.size else np.zeros(0)

    def band_series(self, kpi: str, design: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean, 10th and 90th percentile over branches, per day."""
        with self.lock:
            values = self.models[design].kpis.series(kpi)
            if not values.size:
                empty = np.zeros(0)
                return empty, empty, empty
            lo, hi = np.nanpercentile(values, [10, 90], axis=1)
            return np.nanmean(values, axis=1), lo, hi

    def latest(self, kpi: str, window: int = 7, design: int = 0) -> np.ndarray:
        """Per-branch mean of the last ``window`` recorded days (zeros before the first step)."""
        with self.lock:
            values = self.models[design].kpis.series(kpi)
            if not values.size:
                return np.zeros(self.models[design].branch_state.size)
            return np.nanmean(values[-window:], axis=0)

    def branch_agents(self, branch: int, design: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The employees and active customers of one branch with their states now (vectorised reads)."""
        with self.lock:
            model = self.models[design]
            staff, cust, branches = model.staff_state, model.customer_state, model.branch_state
            s0, sn = int(branches.staff_start[branch]), int(branches.staff_count[branch])
            slots = np.arange(s0, s0 + sn)
            emp = pd.DataFrame({"slot": slots, "uid": staff.uid[slots]})
            for name in STAFF_VIEW:
                emp[name] = getattr(staff, name)[slots]
            c0, cn = int(branches.customer_start[branch]), int(branches.customer_capacity[branch])
            cslots = np.arange(c0, c0 + cn)[cust.active[c0 : c0 + cn]]
            cus = pd.DataFrame({"slot": cslots, "uid": cust.uid[cslots]})
            for name in CUSTOMER_VIEW:
                cus[name] = getattr(cust, name)[cslots]
            return emp, cus

    def agent_history(self, kind: str, slot: int, uid: int) -> pd.DataFrame | None:
        """Recorded history of one agent (``kind`` "employee" or "customer"); None if unknown or gone."""
        history = self.staff_history if kind == "employee" else self.customer_history
        if history is None or not history.enabled:
            return None
        with self.lock:
            return history.of(slot, uid)

    def frame(self) -> pd.DataFrame:
        """Every KPI per design, branch and day run so far (the data export)."""
        with self.lock:
            frames = []
            for label, model in zip("AB", self.models, strict=False):
                frame = model.branch_frame()
                frame.insert(0, "design", label)
                frames.append(frame)
            return pd.concat(frames, ignore_index=True)
