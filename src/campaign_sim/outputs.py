"""Every quantity the model reports, declared once: name, unit, meaning, group, good direction.

Branch KPIs (one column of ``branch_frame()`` each), employee states and customer
states all come from this one table.  CLI tables, the report, the UI pickers and the
ODD take their lists from it by group (:func:`names`), so a new KPI is one entry here
plus the line that books it (``economics.py`` for money, ``model.py`` for counts), and
every table and export uses the same column name for the same quantity.

An entry with ``agent="employee"`` (or ``"customer"``) is also an attribute of the
agents and a column of ``agent_frame()`` (``customer_frame()``); if it is also a
branch KPI (``kpi=True``), the KPI is the branch mean of that state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Group = Literal["business", "staff", "customers", "campaign"]
Good = Literal["up", "down"] | None
AgentKind = Literal["employee", "customer"] | None

GROUPS: tuple[Group, ...] = ("business", "staff", "customers", "campaign")


@dataclass(frozen=True)
class Output:
    """One reported quantity."""

    name: str
    unit: str
    meaning: str
    group: Group
    good: Good = None  # which direction is good for the company (None: neither)
    kpi: bool = True  # a column of branch_frame(), one value per branch and day
    agent: AgentKind = None  # also a state of each employee / customer
    headline: bool = False  # in the short summaries (CLI before/after table, UI defaults)
    state: bool = False  # an employee/customer state kept from day to day (not derived each day)


def _o(*args, **kwargs) -> Output:
    return Output(*args, **kwargs)


_ENTRIES: tuple[Output, ...] = (
    # ---- business: money and market figures per branch and day
    _o("revenue", "EUR/day", "sales including additional sales", "business", "up", headline=True),
    _o(
        "profit",
        "EUR/day",
        "revenue - cost of goods - wages - absence cover - rent - overhead - campaign costs - hiring costs"
        " - shrinkage",
        "business",
        "up",
        headline=True,
    ),
    _o(
        "additional_sales",
        "count/day",
        "additional offers accepted (cross-selling)",
        "business",
        "up",
        headline=True,
    ),
    _o("complaints", "count/day", "unsolved problems voiced to staff", "business", "down", headline=True),
    _o("escalations", "count/day", "complaints taken further", "business", "down"),
    _o("problems", "count/day", "visits with a problem", "business", "down"),
    _o(
        "unsolved_problems",
        "count/day",
        "problems not solved by the employee during the visit",
        "business",
        "down",
    ),
    _o("visits", "count/day", "customer visits", "business", "up"),
    _o("active_customers", "count", "customers with the branch", "customers", "up", headline=True),
    _o("churned", "count/day", "customers who left for the competitor", "customers", "down"),
    _o("new_customers", "count/day", "customers won", "customers", "up"),
    _o(
        "satisfaction",
        "0..1",
        "satisfaction of active customers (KPI: branch mean)",
        "customers",
        "up",
        agent="customer",
        headline=True,
        state=True,
    ),
    _o(
        "trust",
        "0..1",
        "trust of active customers (KPI: branch mean)",
        "customers",
        "up",
        agent="customer",
        headline=True,
        state=True,
    ),
    _o(
        "loyalty",
        "0..1",
        "loyalty of active customers (KPI: branch mean)",
        "customers",
        "up",
        agent="customer",
        headline=True,
        state=True,
    ),
    _o(
        "expectation",
        "0..1",
        "expectation of active customers (KPI: branch mean)",
        "customers",
        None,
        agent="customer",
        state=True,
    ),
    _o("reputation", "0..1", "word-of-mouth reputation", "customers", "up", headline=True),
    _o("quits", "count/day", "employees who quit", "staff", "down", headline=True),
    _o("absence_days", "count/day", "employees absent (sickness and other)", "staff", "down", headline=True),
    _o("training_days", "count/day", "employees off the floor for a campaign", "campaign", None),
    _o(
        "shrinkage",
        "EUR/day",
        "undetected shoplifting plus other shrinkage",
        "business",
        "down",
        headline=True,
    ),
    _o("theft_loss", "EUR/day", "undetected shoplifting", "business", "down"),
    _o("campaign_cost", "EUR/day", "money spent on campaigns", "campaign", "down"),
    _o("hiring_cost", "EUR/day", "cost of replacing quits", "business", "down"),
    _o("wages", "EUR/day", "wage cost", "business", None),
    _o("cost_of_goods", "EUR/day", "cost of the goods sold: (1 - gross margin) x revenue", "business", None),
    _o(
        "absence_cover",
        "EUR/day",
        "temp cover and overtime for absent staff (their own pay is in wages)",
        "business",
        "down",
    ),
    _o("rent", "EUR/day", "rent and occupancy cost of the branch", "business", None),
    _o(
        "overhead",
        "EUR/day",
        "other operating cost (energy, IT, marketing, administration)",
        "business",
        None,
    ),
    _o(
        "over_capacity",
        "0..1",
        "share of visits beyond what the staff on duty serve well (they wait)",
        "business",
        "down",
    ),
    _o(
        "walkouts",
        "count/day",
        "over-capacity visits that left without buying (expected)",
        "business",
        "down",
    ),
    _o("lost_sales", "EUR/day", "what the walkouts would have spent (not in revenue)", "business", "down"),
    _o("climate", "0..1", "team climate index", "staff", "up", headline=True),
    # ---- staff: employee states (KPI = branch mean over employees in post)
    _o("fear", "0..1", "total fear (weighted sum of its three sources)", "staff", "down", agent="employee"),
    _o(
        "fear_of_customers",
        "0..1",
        "fear of customers",
        "staff",
        "down",
        agent="employee",
        headline=True,
        state=True,
    ),
    _o(
        "fear_of_boss",
        "0..1",
        "fear of the boss",
        "staff",
        "down",
        agent="employee",
        headline=True,
        state=True,
    ),
    _o(
        "fear_for_job",
        "0..1",
        "fear for the job",
        "staff",
        "down",
        agent="employee",
        headline=True,
        state=True,
    ),
    _o(
        "pride", "0..1", "pride in one's own work", "staff", "up", agent="employee", headline=True, state=True
    ),
    _o(
        "effect_awareness",
        "0..1",
        "awareness of what one's work effects",
        "staff",
        "up",
        agent="employee",
        headline=True,
        state=True,
    ),
    _o(
        "engagement",
        "0..1",
        "engagement (1 = passion, 0 = burden)",
        "staff",
        "up",
        agent="employee",
        headline=True,
        state=True,
    ),
    _o(
        "ability",
        "0..1",
        "ability (behavioural know-how)",
        "staff",
        "up",
        agent="employee",
        headline=True,
        state=True,
    ),
    _o(
        "willingness",
        "0..1",
        "willingness to take part in campaigns",
        "staff",
        "up",
        agent="employee",
        headline=True,
        state=True,
    ),
    _o(
        "delivered_behaviour",
        "0..1",
        "behaviour delivered on the floor (ability gated by fear and motivation)",
        "staff",
        "up",
        agent="employee",
        headline=True,
    ),
    _o("horizon", "0..1", "proactive horizon", "staff", "up", agent="employee"),
    _o("staff", "count", "employees in post", "staff", None),
    # ---- employee-only attributes (not branch KPIs)
    _o(
        "transfer",
        "0..1",
        "share of trained ability applied on the floor",
        "staff",
        "up",
        kpi=False,
        agent="employee",
        state=True,
    ),
    _o("absent", "yes/no", "absent today", "staff", None, kpi=False, agent="employee"),
    _o("tenure", "days", "days since hire", "staff", None, kpi=False, agent="employee"),
)

#: name -> Output, in the declared order
OUTPUTS: dict[str, Output] = {o.name: o for o in _ENTRIES}
assert len(OUTPUTS) == len(_ENTRIES), "an output is declared twice"


def names(
    group: Group | None = None,
    *,
    kpi: bool | None = None,
    agent: AgentKind | Literal["any"] = "any",
    headline: bool | None = None,
    state: bool | None = None,
) -> tuple[str, ...]:
    """Names of the outputs that match every filter given, in declared order."""
    return tuple(
        o.name
        for o in _ENTRIES
        if (group is None or o.group == group)
        and (kpi is None or o.kpi == kpi)
        and (agent == "any" or o.agent == agent)
        and (headline is None or o.headline == headline)
        and (state is None or o.state == state)
    )


#: columns of branch_frame(), in order
KPI_NAMES: tuple[str, ...] = names(kpi=True)
#: employee states in [0, 1] kept from day to day (what agents can set, what newcomers draw); the
#: order is the order in which newcomers draw them (mechanism 11), so it is part of the random streams
STAFF_STATES: tuple[str, ...] = (
    "ability",
    "fear_of_customers",
    "fear_of_boss",
    "fear_for_job",
    "pride",
    "effect_awareness",
    "engagement",
    "willingness",
)
assert set(STAFF_STATES) == set(names(agent="employee", state=True)) - {"transfer"}
#: employee states in [0, 1] that are branch KPIs (stored and derived), for pickers and charts
STAFF_KPI_STATES: tuple[str, ...] = names(agent="employee", kpi=True)
#: customer states in [0, 1]
CUSTOMER_STATES: tuple[str, ...] = ("expectation", "satisfaction", "trust", "loyalty")
assert set(CUSTOMER_STATES) == set(names(agent="customer", state=True))
#: the KPIs of short summaries
HEADLINE_KPIS: tuple[str, ...] = names(kpi=True, headline=True)


def unit(name: str) -> str:
    return OUTPUTS[name].unit


def good_direction(name: str) -> Good:
    return OUTPUTS[name].good
