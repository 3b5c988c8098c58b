"""Mechanism variants: named structural alternatives of one step of a mechanism.

A *variant point* is a place in a mechanism where the literature allows more than one
structure (for example: does fear gate how much of an attitude training is taken up?).
Each point has a default, which is the model as published, and named alternatives.  A
scenario picks alternatives in its ``[model]`` section::

    [model]
    variants = { attitude_uptake = "fear_gated" }

The functions register themselves, in the mechanism module they belong to, with
:func:`alternative`; the model resolves the scenario's choice once (:func:`resolve`) and
hands the chosen functions to the mechanisms and campaign kinds that call them.  Adding a
variant is one decorated function next to the default, its ODD paragraph (section 7, next
to the mechanism) and its contract test (``tests/mechanisms/test_contract.py`` runs every
registered alternative).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Alternative:
    """One structure of a variant point: its name, what it means, the function."""

    point: str
    name: str
    meaning: str
    function: Callable


@dataclass
class VariantPoint:
    """A step of a mechanism with structural alternatives; ``default`` is the published model."""

    name: str
    mechanism: str
    default: str = ""
    alternatives: dict[str, Alternative] = field(default_factory=dict)

    def allowed(self) -> str:
        """The names a scenario may give, default first, for error messages."""
        return ", ".join(
            f"{n} (default)" if n == self.default else n
            for n in sorted(self.alternatives, key=lambda n: n != self.default)
        )


#: point name -> its alternatives (filled when ``campaign_sim.mechanisms`` is imported)
POINTS: dict[str, VariantPoint] = {}


def alternative(point: str, name: str, *, mechanism: str, meaning: str, default: bool = False):
    """Decorator: register ``function`` as alternative ``name`` of variant point ``point``."""

    def register(function: Callable) -> Callable:
        vp = POINTS.setdefault(point, VariantPoint(point, mechanism))
        if vp.mechanism != mechanism:
            raise ValueError(f"variant point {point!r} belongs to {vp.mechanism}, not {mechanism}")
        if name in vp.alternatives:
            raise ValueError(f"variant {point}={name!r} registered twice")
        if default:
            if vp.default:
                raise ValueError(f"variant point {point!r} has two defaults: {vp.default!r}, {name!r}")
            vp.default = name
        vp.alternatives[name] = Alternative(point, name, meaning, function)
        return function

    return register


def check_choices(chosen: Mapping[str, str]) -> None:
    """Raise ``ValueError`` naming the point and what is allowed if a choice is unknown."""
    for point, name in chosen.items():
        if point not in POINTS:
            raise ValueError(f"unknown variant point {point!r}; allowed: {', '.join(sorted(POINTS))}")
        if name not in POINTS[point].alternatives:
            raise ValueError(f"{point}: unknown variant {name!r}; allowed: {POINTS[point].allowed()}")


class Variants:
    """The chosen function of every variant point for one run: ``variants.attitude_uptake(...)``."""

    def __init__(self, chosen: Mapping[str, str] | None = None):
        importlib.import_module(__package__)  # every mechanism module, so every point is registered
        chosen = dict(chosen or {})
        check_choices(chosen)
        names = {p: chosen.get(p, vp.default) for p, vp in POINTS.items()}
        #: point -> chosen alternative's name, defaults included (for manifests and reports)
        self.names: Mapping[str, str] = MappingProxyType(names)
        self._functions = {p: POINTS[p].alternatives[n].function for p, n in names.items()}
        self.__dict__.update(self._functions)  # plain attributes: the day looks them up often

    def __getattr__(self, point: str) -> Callable:
        try:
            return self.__dict__["_functions"][point]
        except KeyError:
            raise AttributeError(f"no variant point {point!r}; known: {', '.join(sorted(POINTS))}") from None

    def non_default(self) -> dict[str, str]:
        """Only the points where the run departs from the published model."""
        return {p: n for p, n in self.names.items() if n != POINTS[p].default}

    def __repr__(self) -> str:
        return f"Variants({dict(self.names)})"


def resolve(chosen: Mapping[str, str] | None = None) -> Variants:
    """The run's variants: every point at its default unless ``chosen`` names another."""
    return Variants(chosen)
