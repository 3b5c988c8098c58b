"""CampaignModel: a Mesa model of a multi-branch company whose state lives in arrays."""

from __future__ import annotations

import json
import time

import mesa
import numpy as np
import pandas as pd
from mesa.experimental.scenarios import Scenario as MesaScenario

from . import mechanisms as mech
from .agents import Customer, Employee, Population
from .campaigns import CampaignSchedule
from .campaigns.schedule import PackedSchedule
from .datacollection import KPIDataCollector
from .day import DAY, Today, describe_day
from .economics import book_day, smooth_revenue_ratio
from .kpis import KPIRecorder, customer_block, day_tally, row_map
from .mechanisms.m06_climate import climate_index, team_means
from .mechanisms.variants import resolve as resolve_variants
from .outputs import CUSTOMER_STATES, STAFF_KPI_STATES, STAFF_STATES
from .parameters import Parameters
from .rng import PackedStreams, RandomStreams
from .scenario import Scenario
from .state import concatenate, initialise

#: the staff states whose branch means are KPIs, in the order of ``team_means``' rows
_STAFF_MEANS = (*STAFF_STATES, "fear", "delivered_behaviour", "horizon")
#: where ``book_day`` finds each KPI: (block, row) of (encounters, books, tally, customers, staff means)
_KPI_SOURCES = row_map(
    {
        **{
            name: (0, row)
            for row, name in enumerate(
                (
                    "revenue", "over_capacity", "walkouts", "lost_sales", "additional_sales", "problems",
                    "unsolved_problems", "complaints", "escalations", "theft_loss",
                )
            )
        },
        "profit": (1, 9),
        **{
            name: (1, row)
            for row, name in enumerate(
                (
                    "", "cost_of_goods", "wages", "absence_cover", "rent", "overhead", "hiring_cost",
                    "shrinkage", "campaign_cost",
                )
            )
            if name
        },
        **{
            name: (2, row)
            for row, name in enumerate(
                ("quits", "absence_days", "churned", "new_customers", "visits", "reputation", "training_days",
                 "climate", "staff")
            )
        },
        "active_customers": (3, 0),
        **{name: (3, row) for row, name in enumerate(CUSTOMER_STATES, start=1)},
        **{name: (4, row) for row, name in enumerate(_STAFF_MEANS)},
    }
)  # fmt: skip


#: the sections in which companies of one pack may differ: their parameters are arrays with one
#: entry per company (``parameters.Parameters``), their initial states are drawn company by company
PER_COMPANY = ("campaigns", "name", "description", "staff", "customers", "company", "branches")


def pack_key(scenario: Scenario) -> str:
    """What companies of one pack must share: the code paths (``[model]``: mechanism variants)
    and the run's days, branches and snapshots.  Why: those decide which kernels run and how
    long; everything else (parameters, branches' make-up, campaigns, seed) may differ by company
    (:data:`PER_COMPANY`)."""
    data = scenario.model_dump(mode="json", exclude=set(PER_COMPANY))
    data["run"].pop("seed", None)
    return json.dumps(data, sort_keys=True)


def _resolve_seed(rng) -> int:
    """An int seed from Mesa's rng argument; None draws a fresh one from the OS."""
    if rng is None:
        return int(np.random.SeedSequence().generate_state(1, np.uint64)[0] >> np.uint64(1))
    if isinstance(rng, np.random.Generator):
        return int(rng.integers(0, 2**63 - 1))
    if isinstance(rng, np.random.SeedSequence):
        return int(rng.generate_state(1, np.uint64)[0] >> np.uint64(1))
    if isinstance(rng, bool) or not isinstance(rng, int | np.integer) or rng < 0:
        raise ValueError(f"seed must be a non-negative int, a SeedSequence or a Generator, got {rng!r}")
    return int(rng)


class CampaignModel(mesa.Model):
    """One company, many branches, one working day per step.

    Args:
        scenario: a validated :class:`~campaign_sim.scenario.Scenario` (see ``load_scenario``).
        rng: Mesa's seed argument: an int seed, a ``numpy.random.SeedSequence`` or a
            ``numpy.random.Generator`` (one seed is drawn from it); None = fresh randomness.
        seed: an int seed (keyword only), the same as ``rng=int``.
        profile: (keyword only) time each process of the day; see :meth:`profile_table`.

    As in Mesa, no seed means fresh randomness: a seed is drawn from the operating
    system and kept as ``model.seed`` (and in every output: the ``seed`` model variable,
    ``branch_frame().attrs["seed"]``), so any run can be repeated with
    ``CampaignModel(scenario, seed=model.seed)``.  The command line and the experiments
    pass ``scenario.run.seed`` explicitly.  From the seed one ``SeedSequence`` spawns
    Mesa's ``model.rng``/``model.random`` and the model's named streams
    (``model.streams``, one per stochastic decision, see ``rng.py``); the mechanisms draw
    only from the named streams, so user code drawing from ``model.rng`` never shifts the
    common random numbers that two scenarios share.

    The order of everything within one day (``day.DAY``, ODD section 3):

    """

    def __init__(self, scenario: Scenario | None = None, rng=None, **kwargs):
        # ``seed`` comes through **kwargs on purpose: mesa.batch_run passes per-iteration
        # randomness under the name ``seed`` if the signature declares it, overriding a
        # user's ``parameters={"seed": [...]}``; undeclared, it passes ``rng`` instead.
        seed = kwargs.pop("seed", None)
        profile = bool(kwargs.pop("profile", False))
        if seed is not None and rng is not None:
            raise ValueError("give seed or rng, not both")
        scenario = scenario if scenario is not None else Scenario()
        pack = kwargs.pop("_pack", None)
        if kwargs:
            raise TypeError(f"CampaignModel() got unexpected keyword arguments: {', '.join(kwargs)}")
        self.config = scenario
        #: the scenario of each company: one, or several in a pack (:meth:`pack`)
        self.companies_config = [scenario] if pack is None else list(pack[0])
        self.seed = _resolve_seed(rng if seed is None else seed)
        #: the seed of each company: one, or several in a pack (:meth:`pack`)
        self.seeds = [self.seed] if pack is None else [int(s) for s in pack[1]]
        companies = self.companies_config
        roots = [np.random.SeedSequence(s).spawn(2) for s in self.seeds]
        mesa_seed = roots[0][0]
        super().__init__(scenario=MesaScenario(rng=int(mesa_seed.generate_state(1)[0]), config=scenario))
        own = [RandomStreams(streams_seed) for _, streams_seed in roots]
        parts = [initialise(c, s.init) for c, s in zip(companies, own, strict=True)]
        #: the chosen function of every mechanism variant point (``[model] variants``, ODD section 7)
        self.variants = resolve_variants(scenario.model.variants)
        if pack is None:
            self.streams = own[0]
            self.staff_state, self.customer_state, self.branch_state = parts[0]
            self.bounds = {
                "staff": self.streams.bounds("staff", self.staff_state.size),
                "places": self.streams.bounds("places", self.customer_state.size),
                "branches": self.streams.bounds("branches", self.branch_state.size),
            }
        else:
            self.staff_state, self.customer_state, self.branch_state, self.bounds = concatenate(parts)
            self.streams = PackedStreams(own, self.bounds)
        #: every company's parameters, as arrays with one entry per company (a pack's may differ)
        self.parameters = Parameters.of(companies, self.bounds)
        mech.total_fear(self.staff_state, self.parameters.staff)
        self.branch_state.climate[:] = climate_index(self.staff_state, self.branch_state)
        schedules = [
            CampaignSchedule(c.campaigns, p[2].size, self.variants, c.staff)
            for c, p in zip(companies, parts, strict=True)
        ]
        if pack is None:
            self.campaigns = schedules[0]
        else:
            self.campaigns = PackedSchedule(schedules, self.staff_state, self.branch_state, self.bounds)
        self.kpis = KPIRecorder(scenario.run.days, self.branch_state.size)
        self.day = 0
        self.next_uid = int(max(self.customer_state.uid.max(), self.staff_state.uid.max())) + 1
        self._population = Population(self)
        self.snapshots: list[pd.DataFrame] = []
        self.datacollector = KPIDataCollector()
        #: seconds spent in each process of the day (``profile=True``), else None
        self.profile = np.zeros(len(DAY)) if profile else None
        self.running = True

    @classmethod
    def pack(cls, scenarios: list[Scenario], seeds: list[int], profile: bool = False) -> CampaignModel:
        """Several companies run as one vectorised model: company ``k`` is ``scenarios[k]``
        with seed ``seeds[k]``, and its branches' KPIs (:meth:`company_values`) are bit-identical
        to ``CampaignModel(scenarios[k], seed=seeds[k])``'s.

        Why: a small run pays a fixed cost per simulated day (Python, numpy calls) whatever
        its size; a pack pays it once for all its companies.  Its companies may differ in their
        campaigns, seeds and every parameter of ``staff``, ``customers``, ``company`` and
        ``branches`` (an ensemble's members, a sensitivity analysis's points: each kernel reads
        company ``k``'s values for company ``k``'s slots, ``parameters.py``); they must share
        the mechanism variants and the run's days, branches and snapshots (:func:`pack_key`),
        else ``ValueError``.  ``model.config`` is company 0's scenario, ``model.companies_config``
        all of them.  Agents (``model.agents``) are those of all companies; uids are unique in the
        pack, not the solo run's.
        """
        if not scenarios or len(scenarios) != len(seeds):
            raise ValueError(f"a pack needs one seed per scenario, got {len(scenarios)} and {len(seeds)}")
        first = pack_key(scenarios[0])
        for k, s in enumerate(scenarios[1:], start=1):
            if pack_key(s) != first:
                raise ValueError(
                    f"company {k} of the pack differs from company 0 in its mechanism variants or its "
                    "run's days, branches or snapshots"
                )
        return cls(scenarios[0], seed=seeds[0], profile=profile, _pack=(scenarios, seeds))

    @property
    def companies(self) -> int:
        """How many companies this model runs (1, or more in a pack)."""
        return len(self.seeds)

    def company_values(self, k: int = 0) -> np.ndarray:
        """(day, kpi, branch) KPI values of company ``k``'s branches, for the days recorded."""
        b0, b1 = (int(x) for x in self.bounds["branches"][k : k + 2])
        return self.kpis.values[: self.kpis.days_recorded, :, b0:b1]

    def people_spread(self, k: int = 0) -> dict[str, float]:
        """Each staff state's standard deviation between the employees of company ``k`` (all its
        branches): the scale of field studies' standardised effects (docs/EVIDENCE.md I1-I5), used
        by the experiments and the UI alike."""
        s0, s1 = (int(x) for x in self.bounds["staff"][k : k + 2])
        staff = self.staff_state
        return {
            name: float(np.std(getattr(staff, name)[s0:s1], dtype=np.float64)) for name in STAFF_KPI_STATES
        }

    # ---- agents as handles -------------------------------------------------
    @property
    def agents(self) -> mesa.AgentSet:
        """All agents (employees in post and active customers); handles are made on first access."""
        self._materialise()
        return super().agents

    @property
    def agents_by_type(self) -> dict[type, mesa.AgentSet]:
        self._materialise()
        return super().agents_by_type

    def _materialise(self) -> None:
        population = self.__dict__.get("_population")
        if population is not None and len(population.handles) < 2:
            population.agents(Employee)
            population.agents(Customer)

    @property
    def employees(self) -> mesa.AgentSet:
        """All employees in post, as live ``Employee`` agents (created on first access)."""
        return self._population.agents(Employee)

    @property
    def customers(self) -> mesa.AgentSet:
        """All active customers, as live ``Customer`` agents (created on first access)."""
        return self._population.agents(Customer)

    # ---- one working day ---------------------------------------------------
    def step(self) -> None:
        """Advance one working day: the processes of ``day.DAY``, in order."""
        today = Today()
        timings = self.profile
        if timings is None:
            for process in DAY:
                process.run(self, today)
            return
        for i, process in enumerate(DAY):
            start = time.perf_counter()
            process.run(self, today)
            timings[i] += time.perf_counter() - start

    def end_day(self) -> None:
        """Agents in step with the arrays, the day counted, snapshot, stop, Mesa's data collected."""
        self._population.sync()
        self.day += 1
        every = self.config.run.snapshot_every
        if every and self.day % every == 0:
            self.snapshots.append(self.agent_frame())
        if self.day >= self.config.run.days:
            self.running = False
        self.datacollector.collect(self)

    def profile_table(self) -> list[tuple[int, str, float]]:
        """(number, process, seconds) of every process of the day, summed over the days stepped
        since the model was made with ``profile=True``."""
        if self.profile is None:
            raise RuntimeError("make the model with profile=True to time the processes of the day")
        return [
            (i, p.what, float(t)) for i, (p, t) in enumerate(zip(DAY, self.profile, strict=True), start=1)
        ]

    def book_day(self, today: Today) -> None:
        """Money (economics.py), counts and state means per branch for the day's KPI row."""
        enc, plan = today.encounters, today.plan
        staff, customers, branches = self.staff_state, self.customer_state, self.branch_state
        tally = day_tally(
            staff.branch, today.quit_slots, staff.absent, staff.in_training, customers.branch, today.left,
            today.joined, enc.visits, branches.reputation, plan.training_days, branches.climate,
            branches.staff_count,
        )  # fmt: skip
        quits, absent = tally[0], tally[1]
        books = book_day(
            self.parameters.company,
            enc.revenue,
            enc.theft_loss,
            branches.staff_count,
            absent,
            quits,
            plan.cost,
        )
        smooth_revenue_ratio(branches, enc.revenue)
        staff_means = team_means(tuple(getattr(staff, s) for s in _STAFF_MEANS), branches)
        cust = customer_block(customers, branches)
        self.kpis.record(self.day, (enc.per_branch, books.table, tally, cust, staff_means), _KPI_SOURCES)

    # ---- running and results ----------------------------------------------
    def run(self, days: int | None = None, progress=None) -> CampaignModel:
        """Step ``days`` (default: the scenario's) days; ``progress(n)`` is called after each."""
        for _ in range(self.config.run.days - self.day if days is None else days):
            self.step()
            if progress is not None:
                progress(1)
        return self

    def branch_frame(self) -> pd.DataFrame:
        """Every KPI per branch and day as a long DataFrame (columns ``day``, ``branch``, KPIs);
        ``attrs["seed"]`` is the run's seed, ``attrs["variants"]`` the mechanism variants that
        depart from the published model (empty: the default model)."""
        frame = self.kpis.frame()
        frame.attrs["seed"] = self.seed
        frame.attrs["variants"] = self.variants.non_default()
        return frame

    def agent_frame(self) -> pd.DataFrame:
        """A snapshot of every employee's state now (one row per employee in post)."""
        staff = self.staff_state
        data = {
            "day": np.full(staff.size, self.day, np.int32),
            "uid": staff.uid,
            "branch": staff.branch,
            **{
                s: getattr(staff, s)
                for s in (*STAFF_STATES, "fear", "delivered_behaviour", "horizon", "transfer")
            },
            "absent": staff.absent,
            "tenure": staff.tenure,
        }
        return pd.DataFrame(data)

    def customer_frame(self) -> pd.DataFrame:
        """A snapshot of every active customer's state now."""
        c = self.customer_state
        idx = np.flatnonzero(c.active)
        data = {"day": self.day, "uid": c.uid[idx], "branch": c.branch[idx]}
        data.update({s: getattr(c, s)[idx] for s in CUSTOMER_STATES})
        return pd.DataFrame(data)

    def snapshot_frame(self) -> pd.DataFrame:
        """All per-agent snapshots taken every ``run.snapshot_every`` days."""
        return pd.concat(self.snapshots, ignore_index=True) if self.snapshots else self.agent_frame().iloc[:0]

    def state_bytes(self) -> dict[str, int]:
        """Bytes of state held for each population."""
        return {"staff": self.staff_state.nbytes(), "customers": self.customer_state.nbytes()}


CampaignModel.__doc__ = (CampaignModel.__doc__ or "").rstrip() + "\n\n" + describe_day() + "\n"


def compile_kernels() -> float:
    """Compile (first use on a machine) or load (from numba's cache) every kernel of the day;
    returns the seconds it took.

    Why: the kernels compile lazily on first call, so a timed run would otherwise include
    that one-off cost.  ``make setup`` calls this once, which fills the cache; later calls
    only load (a fraction of a second).  Runs a tiny 2-branch model for 60 days with every
    campaign kind, so that newcomers, quits and finished trainings all take place.
    """
    start = time.perf_counter()
    data = Scenario().model_dump()
    data["run"].update(branches=2, days=60)
    data["branches"].update(customers_mean=200, staff_mean=6)
    data["staff"].update(quit_base=0.01)  # a few quits, so that newcomers' kernel loads too
    data["campaigns"] = [
        {"kind": "behaviour_training", "start_day": 5, "duration_days": 10},
        {"kind": "attitude_training", "start_day": 20, "duration_days": 10},
        {"kind": "promise", "start_day": 1, "level": 0.5},
    ]
    CampaignModel(Scenario.model_validate(data), seed=0).run()
    return time.perf_counter() - start
