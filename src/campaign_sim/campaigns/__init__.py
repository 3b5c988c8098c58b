"""Campaigns: who (branches), when (start, duration) and what (the kind's content or levers).

Each kind is one module in ``campaigns/kinds/``, a :class:`~.base.CampaignKind` subclass
registered under its ``kind`` name; every module there is imported here, so a new file
is a new kind.  Its input is its pydantic spec in ``config.py`` (``config.Campaign``); a spec
without a registered kind, or a kind without a spec, fails at import.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..config import CAMPAIGN_KINDS
from . import kinds
from .base import EVALUATION_DELAY, KINDS, OPEN_ENDED_VERDICT, CampaignKind, Lever, Training, register
from .schedule import CampaignDay, CampaignSchedule, select_branches

for _module in pkgutil.iter_modules(kinds.__path__):
    importlib.import_module(f"{kinds.__name__}.{_module.name}")

if set(KINDS) != set(CAMPAIGN_KINDS):
    raise ImportError(
        f"campaign kinds with a spec but no module: {sorted(set(CAMPAIGN_KINDS) - set(KINDS))}; "
        f"with a module but no spec: {sorted(set(KINDS) - set(CAMPAIGN_KINDS))}"
    )

__all__ = [
    "EVALUATION_DELAY",
    "KINDS",
    "OPEN_ENDED_VERDICT",
    "CampaignDay",
    "CampaignKind",
    "CampaignSchedule",
    "Lever",
    "Training",
    "register",
    "select_branches",
]
