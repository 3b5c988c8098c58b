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
    """Model variables = company means of the branch KPIs, one row per day stepped."""

    def __init__(self, agent_reporters: dict[str, Any] | None = None, agenttype_reporters=None):
        reporters = {name: _unused_reporter for name in ("seed", *KPI_NAMES)}
        super().__init__(
            model_reporters=reporters,
            agent_reporters=agent_reporters,
            agenttype_reporters=agenttype_reporters,
        )

    def collect(self, model: CampaignModel) -> None:
        """Append the day just booked: one mean per KPI over branches (float64)."""
        day = model.day - 1
        if day < 0:
            return
        means = model.kpis.values[day].mean(axis=1, dtype=np.float64)
        self._collection_steps.append(model.time)
        self.model_vars["seed"].append(model.seed)
        for name, value in zip(KPI_NAMES, means.tolist(), strict=True):
            self.model_vars[name].append(value)
        if self.agent_reporters:
            self._agent_records[model.time] = list(self._record_agents(model))
        for agent_type in self.agenttype_reporters:
            self._agenttype_records.setdefault(model.time, {})[agent_type] = list(
                self._record_agenttype(model, agent_type)
            )
