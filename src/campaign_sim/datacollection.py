"""Mesa's DataCollector fed from the KPI recorder, so Mesa's own tools work on the model.

``mesa.batch_run`` and SolaraViz's ``make_plot_component("profit")`` read
``model.datacollector.model_vars``.  Here each model variable is the company mean per
branch of one branch KPI (``outputs.KPI_NAMES``) for the day just stepped, plus the
run's ``seed`` so that any row can be repeated.  Collecting costs one mean over the
day's (KPI, branch) row, never a pass over agents; agent reporters, if a user adds
them, work as in Mesa.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import mesa
import numpy as np

from .outputs import KPI_NAMES

if TYPE_CHECKING:
    from .model import CampaignModel


def _unused_reporter(model: CampaignModel) -> float:  # pragma: no cover - collect() fills the values
    raise RuntimeError("KPI values are filled from the KPI recorder")


class KPIDataCollector(mesa.DataCollector):
    """Model variables = company means of the branch KPIs, one row per day stepped.

    ``collect`` only notes the day; ``model_vars`` is computed from the KPI recorder when
    read (``get_model_vars_dataframe``, ``mesa.batch_run``), so that a day of a long run
    does not pay for fifty list appends nobody may read.
    """

    def __init__(self, agent_reporters: dict[str, Any] | None = None, agenttype_reporters=None):
        self._model: CampaignModel | None = None
        self._days: list[int] = []
        self._cached: tuple[int, dict[str, list]] | None = None
        reporters = {name: _unused_reporter for name in ("seed", *KPI_NAMES)}
        super().__init__(
            model_reporters=reporters,
            agent_reporters=agent_reporters,
            agenttype_reporters=agenttype_reporters,
        )

    @property
    def model_vars(self) -> dict[str, list]:
        """Mesa's mapping of each model variable to its list of values, one per collected day."""
        if self._model is None:
            return self._empty
        n = len(self._days)
        if self._cached is None or self._cached[0] != n:
            means = self._model.kpis.values[self._days].mean(axis=2, dtype=np.float64)
            values = {"seed": [self._model.seed] * n}
            values.update({name: means[:, i].tolist() for i, name in enumerate(KPI_NAMES)})
            self._cached = (n, values)
        return self._cached[1]

    @model_vars.setter
    def model_vars(self, value: dict[str, list]) -> None:  # Mesa's __init__ assigns {} here
        self._empty = value

    def collect(self, model: CampaignModel) -> None:
        """Note the day just booked; its means are taken from the recorder when read."""
        day = model.day - 1
        if day < 0:
            return
        self._model = model
        self._days.append(day)
        self._collection_steps.append(model.time)
        if self.agent_reporters:
            self._agent_records[model.time] = list(self._record_agents(model))
        for agent_type in self.agenttype_reporters:
            self._agenttype_records.setdefault(model.time, {})[agent_type] = list(
                self._record_agenttype(model, agent_type)
            )
