"""The scenario: every input of a run, assembled from the sections of ``config.py``, the
campaign specs of the registered kinds (``campaigns/kinds/``) and the mechanism variants
(``mechanisms/variants.py``).

It sits above the core's parts because it gathers them: a new campaign kind or a new
variant becomes a valid scenario entry by being registered, with no edit here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Union

from pydantic import Field, field_validator, model_validator

from .campaigns import SPECS
from .config import (
    BranchesConfig,
    CompanyConfig,
    CustomerBehaviour,
    RunConfig,
    StaffBehaviour,
    _Section,
)
from .mechanisms.variants import POINTS, check_choices

#: any registered kind's spec, told apart by its ``kind`` field
Campaign = Annotated[Union[tuple(SPECS.values())], Field(discriminator="kind")]  # noqa: UP007
#: the kind names a scenario's ``[[campaigns]]`` may give
CAMPAIGN_KINDS: tuple[str, ...] = tuple(SPECS)


class ModelConfig(_Section):
    """Which structure of the model runs: the mechanism variants (ODD section 7)."""

    variants: dict[str, str] = Field(
        default_factory=dict,
        description='variant point -> alternative, e.g. { attitude_uptake = "fear_gated" }; '
        "points left out keep the published default",
    )

    @field_validator("variants")
    @classmethod
    def _known(cls, chosen: dict[str, str]) -> dict[str, str]:
        check_choices(chosen)
        return chosen


def variant_points() -> dict[str, list[str]]:
    """Every variant point and its alternatives, default first (for docs and the UI)."""
    return {p: sorted(vp.alternatives, key=lambda n: n != vp.default) for p, vp in sorted(POINTS.items())}


class Scenario(_Section):
    """One situation: company, branches, behaviour parameters and campaigns."""

    name: str = Field("scenario", description="short name")
    description: str = Field("", description="one paragraph for the reader")
    run: RunConfig = Field(default_factory=RunConfig)
    company: CompanyConfig = Field(default_factory=CompanyConfig)
    branches: BranchesConfig = Field(default_factory=BranchesConfig)
    staff: StaffBehaviour = Field(default_factory=StaffBehaviour)
    customers: CustomerBehaviour = Field(default_factory=CustomerBehaviour)
    model: ModelConfig = Field(default_factory=ModelConfig)
    campaigns: list[Campaign] = Field(default_factory=list)

    def with_overrides(self, **run_overrides: int | None) -> Scenario:
        """A copy with some ``run`` values replaced (None keeps the file's value)."""
        changes = {k: v for k, v in run_overrides.items() if v is not None}
        if not changes:
            return self
        data = self.model_dump()
        data["run"].update(changes)
        return Scenario.model_validate(data)

    def with_changes(self, changes: Mapping[str, Any]) -> Scenario:
        """A validated copy with dotted keys changed: ``{"company.market_pressure": 0.5}``.

        The one way to change parameters from Python: an unknown key raises ``KeyError``
        naming the keys allowed there; a bad value raises pydantic's ``ValidationError``.
        """
        data = self.model_dump()
        for dotted, value in changes.items():
            *parents, last = dotted.split(".")
            holder = data
            for i, part in enumerate(parents):
                if not isinstance(holder, dict) or part not in holder:
                    where = ".".join(parents[:i]) or "the scenario"
                    allowed = ", ".join(sorted(holder)) if isinstance(holder, dict) else "none"
                    raise KeyError(f"{dotted}: no section '{part}' in {where}; allowed: {allowed}")
                holder = holder[part]
            if not isinstance(holder, dict) or last not in holder:
                allowed = ", ".join(sorted(holder)) if isinstance(holder, dict) else "none"
                raise KeyError(f"{dotted}: unknown key '{last}'; allowed here: {allowed}")
            holder[last] = value
        return Scenario.model_validate(data)

    @model_validator(mode="after")
    def _campaigns_fit(self):
        n = self.run.branches
        for i, c in enumerate(self.campaigns):
            sel = c.branches
            if isinstance(sel, list) and any(not 0 <= b < n for b in sel):
                raise ValueError(f"campaigns[{i}].branches: ids must be within 0..{n - 1} ({n} branches)")
            if (
                isinstance(sel, dict)
                and "first" in sel
                and not (sel["first"] >= 0 and sel["first"] + sel["count"] <= n)
            ):
                raise ValueError(f"campaigns[{i}].branches: first + count must fit in {n} branches")
            days_off = getattr(c, "days_off_floor", 0)
            if c.duration_days is not None and days_off > c.duration_days:
                raise ValueError(
                    f"campaigns[{i}]: days_off_floor ({days_off}) exceeds duration_days ({c.duration_days})"
                )
        return self
