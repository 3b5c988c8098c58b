"""The behaviour and economics parameters of every company a model runs, as arrays.

Why: a *pack* (``CampaignModel.pack``) runs several companies as one vectorised model, and
its companies may differ in every field of their ``staff``, ``customers`` and ``company``
sections (an ensemble's members, a sensitivity analysis's points).  Each field is then one
float64 array with an entry per company, and the compiled kernels loop company by company
over that company's slots (``bounds``), reading the company's value as the scalar they read
in a solo run.  A float64 array's entry is the same double as the Python float it holds, so
every company computes exactly what it computes alone.  A solo run is a pack of one; a
mechanism given a plain section (tests, notebooks) sees it as a pack of one as well.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from pydantic import BaseModel

#: what a mechanism accepts as its parameters: a plain section or every company's (a pack's)
Section = BaseModel


class CompanyParameters:
    """One section of the scenario (``staff``, ``customers`` or ``company``) for every company of
    a model: attribute ``name`` is a float64 array of field ``name``, one entry per company;
    ``bounds(population, n)`` says which slots of a population are whose (as
    ``rng.PackedStreams.bounds`` does)."""

    def __init__(self, sections: Sequence[Section], bounds: Mapping[str, np.ndarray] | None = None):
        if not sections:
            raise ValueError("parameters of no company")
        names = type(sections[0]).model_fields
        #: the sections this was made from, one per company (campaigns read their own company's)
        self.sections = tuple(sections)
        # population -> (slots, bounds); unsigned, so that the kernels' loops over a company's slots
        # index without the wraparound check of a signed index (which keeps LLVM from vectorising them)
        self._layout = {k: (int(v[-1]), np.asarray(v, np.uint64)) for k, v in (bounds or {}).items()}
        self._lone = bounds is None
        if self._lone and len(sections) != 1:
            raise ValueError("the parameters of several companies need their bounds")
        self._per_slot: dict[tuple[str, str], np.ndarray] = {}
        self._tables: dict[int, tuple[tuple[str, ...], np.ndarray]] = {}
        # plain attributes: the day reads them often
        self.__dict__.update(
            {name: np.array([float(getattr(s, name)) for s in sections], np.float64) for name in names}
        )

    def __getattr__(self, name: str) -> np.ndarray:  # only reached for unknown names
        raise AttributeError(f"no parameter {name!r}")

    @property
    def companies(self) -> int:
        return len(self.sections)

    def bounds(self, population: str, n: int) -> np.ndarray:
        """Where each company's slots of ``population`` (``"staff"``, ``"places"``,
        ``"branches"``) start, and their total ``n`` (uint64)."""
        layout = self._layout.get(population)
        if layout is not None and layout[0] == n:  # the day's path: one lookup
            return layout[1]
        if not self._lone:
            held = "none given" if layout is None else f"the companies hold {layout[0]}"
            raise ValueError(f"{n} {population} slots, but {held}")
        layout = self._layout[population] = (n, np.array([0, n], np.uint64))  # one company holds all
        return layout[1]

    def per(self, name: str, population: str, n: int) -> np.ndarray:
        """Field ``name`` for every slot of ``population``: its company's value (float64, kept)."""
        key = (name, population)
        values = self._per_slot.get(key)
        if values is None or values.size != n:
            values = np.repeat(getattr(self, name), np.diff(self.bounds(population, n)).astype(np.int64))
            self._per_slot[key] = values
        return values

    def table(self, names: tuple[str, ...]) -> np.ndarray:
        """Fields ``names`` (a module's constant) as the rows of one ``(fields, companies)`` array,
        kept: one kernel argument instead of one per field (each array argument costs the
        compiled kernel's dispatch about 0.2 us, a day makes some thirty calls)."""
        hit = self._tables.get(id(names))
        if hit is None or hit[0] is not names:
            hit = self._tables[id(names)] = (names, np.stack([getattr(self, name) for name in names]))
        return hit[1]


def packed(p: Section | CompanyParameters) -> CompanyParameters:
    """``p`` as every company's parameters: a plain section is a pack of one."""
    return p if isinstance(p, CompanyParameters) else _lone(p)


_LONE: dict[int, tuple[Section, CompanyParameters]] = {}


def _lone(section: Section) -> CompanyParameters:
    """A plain section as a pack of one, kept while the section lives (tests call mechanisms
    with one section many times)."""
    hit = _LONE.get(id(section))
    if hit is not None and hit[0] is section:
        return hit[1]
    if len(_LONE) > 256:
        _LONE.clear()
    made = CompanyParameters([section])
    _LONE[id(section)] = (section, made)
    return made


def per_company(value: float | np.ndarray, companies: int) -> np.ndarray:
    """A value given once (a float) or per company (an array) as one float64 per company."""
    if isinstance(value, np.ndarray):
        return value
    return np.full(companies, float(value))


class _Company(Protocol):
    """What :meth:`Parameters.of` reads of a scenario (``scenario.Scenario``, a higher layer)."""

    staff: BaseModel
    customers: BaseModel
    company: BaseModel
    branches: BaseModel


@dataclass(frozen=True)
class Parameters:
    """Every company's parameters of a model: the ``staff``, ``customers`` and ``company``
    sections as arrays, and the ``branches`` sections as they are (newcomers' spreads)."""

    staff: CompanyParameters
    customers: CompanyParameters
    company: CompanyParameters
    branches: tuple[BaseModel, ...]

    @classmethod
    def of(cls, scenarios: Sequence[_Company], bounds: Mapping[str, np.ndarray]) -> Parameters:
        """The parameters of ``scenarios``, company ``k`` holding slots ``bounds[...][k:k+2]``."""
        return cls(
            staff=CompanyParameters([s.staff for s in scenarios], bounds),
            customers=CompanyParameters([s.customers for s in scenarios], bounds),
            company=CompanyParameters([s.company for s in scenarios], bounds),
            branches=tuple(s.branches for s in scenarios),
        )
