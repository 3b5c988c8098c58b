"""ABC-SMC (pyabc) over every uncertain parameter at once, resumable after ``kill -9``.

Why ABC-SMC and not history matching: it needs no emulator of a model whose figures come out
of thresholds and feedback loops (an emulator of 23 inputs would need its own validation), it
takes the model's noise as it is, and it returns directly what is shipped, a weighted
ensemble of parameter sets; pyabc keeps every finished generation in an SQLite history, so
a killed run loses at most the generation in flight.

The distance is pattern-oriented: a fitted figure inside its published range contributes
nothing, one outside contributes how far outside, in widths of the range; the distance is the
root of the sum of squares.  Epsilon falls to the weighted quantile of the last generation's
distances; at epsilon 0 every accepted particle hits every fitted range.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..experiments.plan import model_code_hash
from .definition import CalibrationError, Definition, Target, definition_hash
from .statistics import Simulator

#: the SQLite history, the run's identity and the live evaluation counter, inside --out
HISTORY = "abc_history.db"
IDENTITY = "abc_run.json"
COUNTER = ".evaluations"
#: how long to wait for a --cluster scheduler before giving up with one message
CLUSTER_TIMEOUT = "30s"


def parameter_name(path: str) -> str:
    """pyabc's name for a scenario path (its parameter names are plain identifiers)."""
    return path.replace(".", "__")


class RangeDistance:
    """Pattern distance: how far each fitted figure lies outside its range, in range widths."""

    def __init__(self, fitted: list[Target]):
        self.ranges = [(t.id, t.low, t.high) for t in fitted]

    def __call__(self, x: dict, x_0: dict) -> float:
        total = 0.0
        for key, low, high in self.ranges:
            value = float(x[key])
            if not math.isfinite(value):
                return math.inf
            total += (max(low - value, value - high, 0.0) / (high - low)) ** 2
        return math.sqrt(total)


def unit_cube_transition(lows: dict[str, float], widths: dict[str, float]):
    """pyabc's multivariate normal perturbation fitted on the parameters scaled to [0, 1].

    Why: the raw parameters span five orders of magnitude (``quit_base`` ~0.001,
    ``awareness_fear_erosion`` ~4); a kernel covariance over them is ill-conditioned
    (condition number ~7e9 in this calibration's third generation), its density underflows to 0
    for some proposals, their weight becomes prior / 0, and pyabc stops on a NaN total weight.
    On the unit cube the same kernel is well-conditioned; densities are converted back (divided
    by the product of the widths), so weights mean what they meant.
    """
    import pyabc

    class UnitCubeTransition(pyabc.MultivariateNormalTransition):
        def fit(self, X, w):
            super().fit((X - pd.Series(lows)[X.columns]) / pd.Series(widths)[X.columns], w)

        def _back(self, unit):
            return unit * pd.Series(widths)[unit.index] + pd.Series(lows)[unit.index]

        def rvs_single(self):
            return pyabc.Parameter(self._back(pd.Series(super().rvs_single())).to_dict())

        def rvs(self, size=None):
            if size is None:
                return self.rvs_single()
            unit = super().rvs(size)
            return unit * pd.Series(widths)[unit.columns] + pd.Series(lows)[unit.columns]

        def pdf(self, x):
            columns = list(self.X.columns)
            scale = float(np.prod([widths[c] for c in columns]))
            if isinstance(x, pd.DataFrame):
                unit = (x[columns] - pd.Series(lows)[columns]) / pd.Series(widths)[columns]
            else:
                unit = pd.Series({c: (x[c] - lows[c]) / widths[c] for c in columns})
            return super().pdf(unit) / scale

    return UnitCubeTransition()


@dataclass
class Status:
    """What the progress display shows, updated after every generation."""

    generation: int = -1
    epsilon: float = math.inf
    acceptance: float = math.nan
    runs_done: int = 0
    runs_budget: int = 0
    stopped: str = ""
    epsilons: list[float] = field(default_factory=list)


def _sampler(workers: int, cluster: str | None):
    import pyabc

    if cluster:
        from distributed import Client

        try:
            client = Client(cluster, timeout=CLUSTER_TIMEOUT, set_as_default=False)
        except OSError as err:
            raise CalibrationError(f"--cluster {cluster}: no dask scheduler reachable ({err})") from None
        return pyabc.sampler.DaskDistributedSampler(dask_client=client, batch_size=1)
    if workers <= 1:
        return pyabc.sampler.SingleCoreSampler()
    return pyabc.sampler.MulticoreEvalParallelSampler(n_procs=workers)


def _quiet_pyabc() -> None:
    logging.getLogger("ABC").setLevel(logging.WARNING)


def prepare_out(definition_path: Path, out: Path, fresh: bool) -> Path:
    """The history file to use; refuse to resume a history made from another definition or code."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CalibrationError(f"--out {out}: cannot create the folder ({err.strerror})") from None
    history = out / HISTORY
    identity = out / IDENTITY
    now = {"definition": str(definition_path), "definition_sha256": definition_hash(definition_path),
           "model_code_hash": model_code_hash()}  # fmt: skip
    if fresh:
        for path in (history, identity, out / COUNTER, out / SESSIONS):
            path.unlink(missing_ok=True)
    elif history.exists() and identity.exists():
        before = json.loads(identity.read_text())
        for key in ("definition_sha256", "model_code_hash"):
            if before.get(key) != now[key]:
                raise CalibrationError(
                    f"{history} was made with another {key.replace('_', ' ')} "
                    f"({before.get(key)} vs {now[key]}); "
                    "rerun with --fresh to start over, or use another --out"
                )
    elif history.exists():
        raise CalibrationError(
            f"{history} has no {IDENTITY} beside it; rerun with --fresh or use another --out"
        )
    identity.write_text(json.dumps(now, indent=1) + "\n")
    return history


def run_abc(
    definition: Definition,
    definition_path: Path,
    scenarios_dir: Path,
    out: Path,
    workers: int = 1,
    cluster: str | None = None,
    budget: int | None = None,
    fresh: bool = False,
    on_generation: Callable[[Status], None] | None = None,
) -> Status:
    """Run (or resume) the ABC-SMC until the budget, the generations, or the acceptance floor
    stops it; every finished generation is in ``out/abc_history.db``.

    One pyabc ``ABCSMC.run`` per generation, each loading the history first: the same path as
    a resume after a kill, taken every generation, so resuming is never a special case.
    """
    import pyabc

    _quiet_pyabc()
    history_path = prepare_out(definition_path, out, fresh)
    db = f"sqlite:///{history_path.resolve()}"
    method, runs = definition.method, definition.runs
    per_set = runs.per_parameter_set
    budget_runs = budget if budget is not None else method.budget_runs
    names = {parameter_name(p.path): p.path for p in definition.parameters}
    prior = pyabc.Distribution(
        **{parameter_name(p.path): pyabc.RV("uniform", p.low, p.high - p.low) for p in definition.parameters}
    )
    lows = {parameter_name(p.path): p.low for p in definition.parameters}
    widths = {parameter_name(p.path): p.high - p.low for p in definition.parameters}
    simulator = Simulator(runs, scenarios_dir, names, counter=out / COUNTER)
    distance = RangeDistance(definition.fitted)
    observed = {t.id: (t.low + t.high) / 2 for t in definition.targets}
    sampler = _sampler(workers, cluster)
    if not cluster:
        from ..model import compile_kernels

        compile_kernels()  # load the kernels once here: forked workers inherit them
    status = Status(runs_budget=budget_runs)
    (out / COUNTER).write_bytes(b"")
    while True:
        started = history_path.exists()
        max_t, total = _history_state(db) if started else (-1, 0)
        status.runs_done = total * per_set
        status.generation = max_t
        if max_t >= 0:
            _fill_status(db, status)
        reason = _stop_reason(status, method, max_t, total * per_set, budget_runs, per_set)
        if reason:
            status.stopped = reason
            if on_generation:
                on_generation(status)
            return status
        if on_generation:
            on_generation(status)
        remaining_sets = (budget_runs - total * per_set) // per_set
        abc = pyabc.ABCSMC(
            simulator,
            prior,
            distance,
            population_size=method.population_size,
            eps=pyabc.QuantileEpsilon(
                initial_epsilon=math.inf if max_t < 0 else "from_sample", alpha=method.epsilon_quantile
            ),
            sampler=sampler,
            transitions=unit_cube_transition(lows, widths),
        )
        if started:
            abc.load(db, 1)
        else:
            abc.new(db, observed)
        # a generation may not run past the budget: cap its evaluations (pyabc: pop / min rate)
        floor = max(method.min_acceptance_rate, method.population_size / max(remaining_sets, 1))
        abc.run(max_nr_populations=1, min_acceptance_rate=floor)
        new_t, _ = _history_state(db)
        if new_t == max_t:  # the capped generation could not accept enough particles
            status.stopped = "budget: the last generation could not finish within it"
            status.runs_done = _history_state(db)[1] * per_set
            if on_generation:
                on_generation(status)
            return status


def _history_state(db: str) -> tuple[int, int]:
    """(last finished generation, parameter sets evaluated) of the history; -1 before the first."""
    import pyabc

    history = pyabc.History(db, _id=1)
    max_t = history.max_t
    return (-1 if max_t is None else int(max_t)), int(history.total_nr_simulations or 0)


SESSIONS = "abc_sessions.json"
_SESSIONS_LOCK = threading.Lock()


def record_session(out: Path, started_at: str, seconds: float) -> None:
    """Keep this command's wall time in ``out/abc_sessions.json`` (one entry per start), so the
    provenance counts every session of a resumed run, including one ended by ``kill -9``."""
    with _SESSIONS_LOCK:
        _record_session(out / SESSIONS, started_at, seconds)


def _record_session(path: Path, started_at: str, seconds: float) -> None:
    sessions = json.loads(path.read_text()) if path.exists() else []
    for entry in sessions:
        if entry["started"] == started_at:
            entry["seconds"] = round(seconds, 1)
            break
    else:
        sessions.append({"started": started_at, "seconds": round(seconds, 1)})
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(sessions, indent=1) + "\n")
    tmp.replace(path)


def wall_seconds(out: Path) -> float:
    path = out / SESSIONS
    return float(sum(e["seconds"] for e in json.loads(path.read_text()))) if path.exists() else 0.0


def _fill_status(db: str, status: Status) -> None:
    import pyabc

    history = pyabc.History(db, _id=1)
    pops = history.get_all_populations()
    pops = pops[pops["t"] >= 0]
    status.epsilons = [float(e) for e in pops["epsilon"]]
    status.epsilon = status.epsilons[-1]
    last = pops.iloc[-1]
    status.acceptance = float(history.get_nr_particles_per_population().iloc[-1]) / float(last["samples"])


def member_figures(
    definition: Definition, scenarios_dir: Path, members: list[dict[str, float]], workers: int
) -> list[dict[str, float]]:
    """The figures of packs not run in the ABC (the bank's, all checked) for each final member."""
    if definition.runs.bank is None or not members:
        return [{} for _ in members]
    simulator = Simulator(definition.runs, scenarios_dir, {}, packs=("bank",))
    jobs = [_BankJob(simulator, m) for m in members]
    if workers <= 1:
        return [job() for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(job) for job in jobs]
        return [f.result() for f in futures]


class _BankJob:
    def __init__(self, simulator: Simulator, changes: dict[str, float]):
        self.simulator, self.changes = simulator, changes

    def __call__(self) -> dict[str, float]:
        from .statistics import Setup, bank_pack_figures

        if self.simulator._setup is None:
            self.simulator._setup = Setup.load(self.simulator.runs, self.simulator.scenarios_dir)
        return bank_pack_figures(self.simulator._setup, self.changes)


def _stop_reason(status: Status, method, max_t: int, runs_done: int, budget: int, per_set: int) -> str:
    if max_t + 1 >= method.max_generations:
        return f"{method.max_generations} generations done"
    if runs_done + per_set * method.population_size > budget:
        return f"budget of {budget:,} model runs reached ({runs_done:,} done)"
    if max_t >= 0 and status.acceptance < method.min_acceptance_rate:
        return f"acceptance {status.acceptance:.3f} below {method.min_acceptance_rate}"
    if max_t >= 1 and status.epsilon == 0.0:
        return "converged: a whole generation at epsilon 0 (every member hits every fitted range)"
    if max_t >= 0:
        # the next generation's expected cost at the last acceptance rate must fit the budget
        expected = per_set * method.population_size / max(status.acceptance, 1e-9)
        if runs_done + expected > budget * 1.15:
            return (
                f"budget: the next generation would need about {expected:,.0f} more runs ({runs_done:,} done)"
            )
    return ""


def evaluations_this_session(out: Path) -> int:
    """Parameter sets evaluated since the command started (the workers' counter file)."""
    try:
        return (out / COUNTER).stat().st_size
    except FileNotFoundError:
        return 0


def seconds_per_run(started: float, runs: int) -> float:
    return (time.perf_counter() - started) / max(runs, 1)
