"""Campaigns: who (branches), when (start, duration) and what (the kind's content or levers).

Each kind is one module in ``campaigns/kinds/``, a :class:`~.base.CampaignKind` subclass
registered under its ``kind`` name together with its pydantic spec (``spec_type``); every
module there is imported here, so a new file is a new kind, and the scenario's list of
campaign specs (``campaign_sim.scenario.Campaign``) is built from :data:`SPECS`.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..config import CampaignSpec
from . import kinds
from .base import EVALUATION_DELAY, KINDS, OPEN_ENDED_VERDICT, CampaignKind, Lever, Training, register
from .schedule import CampaignDay, CampaignSchedule, select_branches

for _module in pkgutil.iter_modules(kinds.__path__):
    importlib.import_module(f"{kinds.__name__}.{_module.name}")

#: kind name -> its pydantic spec, in the order the kinds were registered (module name order)
SPECS: dict[str, type[CampaignSpec]] = {kind: cls.spec_type for kind, cls in KINDS.items()}

__all__ = [
    "EVALUATION_DELAY",
    "KINDS",
    "OPEN_ENDED_VERDICT",
    "SPECS",
    "CampaignDay",
    "CampaignKind",
    "CampaignSchedule",
    "Lever",
    "Training",
    "register",
    "select_branches",
]
