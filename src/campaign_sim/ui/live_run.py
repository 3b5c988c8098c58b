"""A live run: plan A and plan B stepped in lockstep, read by the page while it plays.

Nothing here imports Solara.  :class:`LiveRun` holds the two :class:`CampaignModel`
runs (same settings, same seed: common random numbers) and the per-agent history
behind the drill-down; the page steps it from its play loop and reads it to draw.
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd

from ..model import CampaignModel
from ..outputs import STAFF_KPI_STATES, names
from ..scenario import Scenario

#: employee states the UI can colour by and record, in the registry's order
STAFF_VIEW: tuple[str, ...] = STAFF_KPI_STATES
#: customer states the UI can colour by and record
CUSTOMER_VIEW: tuple[str, ...] = names(agent="customer")

#: above this many bytes of float16 per run, per-agent history is not recorded
HISTORY_LIMIT_BYTES = 160 * 2**20


#: bytes one model keeps per branch and day (its KPI series), per customer slot and per employee,
#: and once (measured with tracemalloc on 2-40 branches, 100-730 days; rounded up)
BYTES_PER_BRANCH_DAY = 200
BYTES_PER_CUSTOMER = 64
BYTES_PER_EMPLOYEE = 160
BYTES_PER_MODEL = 2 * 2**20


def _history_bytes(days: int, agents: int, fields: int) -> int:
    """What :class:`AgentHistory` would keep (nothing above its limit: it switches itself off)."""
    size = days * agents * fields * 2
    return size if size <= HISTORY_LIMIT_BYTES else 0


def estimate_bytes(scenarios: list[Scenario], history: bool = True) -> int:
    """Memory a :class:`LiveRun` of ``scenarios`` will hold, known before it is built.

    The workshop room caps each participant's runs with it: a visitor who types
    5,000 branches is told so instead of taking the server's memory from the others.
    """
    total = 0
    for scenario in scenarios:
        run, cfg = scenario.run, scenario.branches
        customers = run.branches * (cfg.customers_mean + 2 * cfg.customers_sd) * (1 + cfg.customer_headroom)
        staff = run.branches * (cfg.staff_mean + 2 * cfg.staff_sd)
        total += (
            BYTES_PER_MODEL
            + run.branches * run.days * BYTES_PER_BRANCH_DAY
            + int(customers) * BYTES_PER_CUSTOMER
            + int(staff) * BYTES_PER_EMPLOYEE
        )
    if history and scenarios:
        days = scenarios[0].run.days
        cfg, n = scenarios[0].branches, scenarios[0].run.branches
        customers = int(n * (cfg.customers_mean + 2 * cfg.customers_sd) * (1 + cfg.customer_headroom))
        staff = int(n * (cfg.staff_mean + 2 * cfg.staff_sd))
        total += _history_bytes(days, staff, len(STAFF_VIEW))
        total += _history_bytes(days, customers, len(CUSTOMER_VIEW))
    return total


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
        """Keep today's states (call after the model's step for ``day``)."""
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


class LiveRun:
    """Plan A and plan B run in lockstep with the same seed (common random numbers).

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
        """Plan A's model (the one drawn in the dashboard and drill-down)."""
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
        """Advance every plan ``n`` days (fewer at the end of the run); returns the days done.

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

    def mean_series(self, kpi: str, plan: int = 0) -> np.ndarray:
        """Mean over branches of one KPI for each day run so far."""
        with self.lock:
            values = self.models[plan].kpis.series(kpi)
            return np.nanmean(values, axis=1) if values.size else np.zeros(0)

    def band_series(
        self, kpi: str, plan: int = 0, smooth: int = 1
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean, 10th and 90th percentile over branches, per day.

        ``smooth`` > 1: each branch's trailing mean over that many days first
        (fewer at the start), so that a noisy daily KPI such as profit shows its course.
        """
        with self.lock:
            values = self.models[plan].kpis.series(kpi)
            if not values.size:
                empty = np.zeros(0)
                return empty, empty, empty
            if smooth > 1:
                sums = np.cumsum(np.nan_to_num(values), axis=0)
                lagged = np.vstack([np.zeros((smooth, values.shape[1])), sums[:-smooth]])[: len(sums)]
                counts = np.minimum(np.arange(1, len(values) + 1), smooth)[:, None]
                values = (sums - lagged) / counts
            lo, hi = np.nanpercentile(values, [10, 90], axis=1)
            return np.nanmean(values, axis=1), lo, hi

    def latest(self, kpi: str, window: int = 7, plan: int = 0) -> np.ndarray:
        """Per-branch mean of the last ``window`` recorded days (zeros before the first step)."""
        with self.lock:
            values = self.models[plan].kpis.series(kpi)
            if not values.size:
                return np.zeros(self.models[plan].branch_state.size)
            return np.nanmean(values[-window:], axis=0)

    def branch_agents(self, branch: int, plan: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The employees and active customers of one branch with their states now (vectorised reads)."""
        with self.lock:
            model = self.models[plan]
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
        """Every KPI per plan, branch and day run so far (the data export)."""
        with self.lock:
            frames = []
            for label, model in zip("AB", self.models, strict=False):
                frame = model.branch_frame()
                frame.insert(0, "plan", label)
                frames.append(frame)
            return pd.concat(frames, ignore_index=True)
