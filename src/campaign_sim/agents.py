"""Employee and Customer agents: real ``mesa.Agent`` objects that are handles on the arrays.

Reading ``employee.fear_of_boss`` reads the model's array at the agent's slot;
writing it writes there.  Handles are created only when somebody asks for them
(the UI, a user inspecting the model) and kept in step with quits, churn and
newcomers by :meth:`Population.sync`, which touches only the slots that changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from .outputs import CUSTOMER_STATES, STAFF_STATES

if TYPE_CHECKING:
    from .model import CampaignModel


class StateView:
    """Descriptor: an agent attribute that is a live view of one array element."""

    def __init__(self, population: str, array: str | None = None, writable: bool = True):
        self.population = population
        self.array = array
        self.writable = writable

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.array = self.array or name

    def _values(self, agent) -> np.ndarray:
        return getattr(getattr(agent.model, self.population), self.array)

    def __get__(self, agent, owner=None):
        if agent is None:
            return self
        value = self._values(agent)[agent.slot]
        return value.item()

    def __set__(self, agent, value) -> None:
        if not self.writable:
            raise AttributeError(f"{self.name} is derived each day and cannot be set")
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"{self.name} must be within 0..1, got {value!r}")
        self._values(agent)[agent.slot] = value


class Employee(mesa.Agent):
    """An employee in post.  States in 0..1 are live views of ``model.staff_state``."""

    ability = StateView("staff_state")
    fear_of_customers = StateView("staff_state")
    fear_of_boss = StateView("staff_state")
    fear_for_job = StateView("staff_state")
    pride = StateView("staff_state")
    effect_awareness = StateView("staff_state")
    engagement = StateView("staff_state")
    willingness = StateView("staff_state")
    transfer = StateView("staff_state")
    fear = StateView("staff_state", writable=False)
    delivered_behaviour = StateView("staff_state", writable=False)
    horizon = StateView("staff_state", writable=False)
    absent = StateView("staff_state", writable=False)
    tenure = StateView("staff_state", writable=False)
    branch = StateView("staff_state", writable=False)

    def __init__(self, model: CampaignModel, slot: int):
        super().__init__(model)
        self.slot = int(slot)
        self.uid = int(model.staff_state.uid[slot])

    def state(self) -> dict[str, float]:
        """All states of this employee now."""
        return {
            name: getattr(self, name) for name in (*STAFF_STATES, "fear", "delivered_behaviour", "horizon")
        }

    def __repr__(self) -> str:
        return f"Employee(uid={self.uid}, branch={self.branch}, fear={self.fear:.2f}, pride={self.pride:.2f})"


class Customer(mesa.Agent):
    """An active customer.  States in 0..1 are live views of ``model.customer_state``."""

    expectation = StateView("customer_state")
    satisfaction = StateView("customer_state")
    trust = StateView("customer_state")
    loyalty = StateView("customer_state")
    branch = StateView("customer_state", writable=False)

    def __init__(self, model: CampaignModel, slot: int):
        super().__init__(model)
        self.slot = int(slot)
        self.uid = int(model.customer_state.uid[slot])

    def state(self) -> dict[str, float]:
        """All states of this customer now."""
        return {name: getattr(self, name) for name in CUSTOMER_STATES}

    def __repr__(self) -> str:
        return f"Customer(uid={self.uid}, branch={self.branch}, loyalty={self.loyalty:.2f})"


class Population:
    """Creates agent handles on demand and keeps them in step with the arrays."""

    def __init__(self, model: CampaignModel):
        self.model = model
        self.handles: dict[type, dict[int, mesa.Agent]] = {}
        self.handle_uid: dict[type, np.ndarray] = {}

    def _arrays(self, cls: type):
        return self.model.staff_state if cls is Employee else self.model.customer_state

    def _present(self, cls: type) -> np.ndarray:
        arrays = self._arrays(cls)
        return np.ones(arrays.size, bool) if cls is Employee else arrays.active

    def agents(self, cls: type) -> mesa.AgentSet:
        if cls not in self.handles:
            arrays = self._arrays(cls)
            self.handles[cls] = {}
            self.handle_uid[cls] = np.full(arrays.size, -1, np.int64)
            self._create(cls, np.flatnonzero(self._present(cls)))
        # Mesa's own registry, not the model's property (which materialises through here)
        by_type = mesa.Model.agents_by_type.fget(self.model)
        return by_type.get(cls) or mesa.AgentSet([], random=self.model.random)

    def _create(self, cls: type, slots: np.ndarray) -> None:
        handles, uids = self.handles[cls], self.handle_uid[cls]
        for slot in slots.tolist():
            handles[slot] = cls(self.model, slot)
        uids[slots] = self._arrays(cls).uid[slots]

    def sync(self) -> None:
        """Remove handles of agents who left, create handles for newcomers (changed slots only)."""
        for cls in self.handles:
            arrays, uids = self._arrays(cls), self.handle_uid[cls]
            present = self._present(cls)
            stale = np.flatnonzero((uids >= 0) & ((uids != arrays.uid) | ~present))
            handles = self.handles[cls]
            for slot in stale.tolist():
                handles.pop(slot).remove()
            uids[stale] = -1
            self._create(cls, np.flatnonzero(present & (uids < 0)))
