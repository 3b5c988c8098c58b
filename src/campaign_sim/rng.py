"""Named random streams, all spawned from one SeedSequence per run.

Each stochastic decision draws from its own stream, and each daily stream
draws a fixed-size array every day (one number per customer place, post or
branch) whatever the scenario does, so that two scenarios run with the same
seed differ only where their campaigns differ (common random numbers).  Only
``init`` (once, at the start) and ``training`` (once per training campaign
start) are drawn at other times; ``appraisal`` is drawn (one number per post and day)
only by a run that chooses the mechanism variant that uses it.  It is spawned last, so
the other streams are the same with or without it.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Sequence

import numpy as np
from numba import njit

STREAMS = (
    "init",
    "absence",
    "quit",
    "newcomer",
    "visit",  # per place: visit?, which employee, quality noise (three packed fields)
    "service",  # per place: problem?, solved?, complaint? (three packed fields)
    "extras",  # per place: additional sale?, shoplifting noticed? (packed fields)
    "churn",
    "inflow",
    "new_customer",  # per place: trust, loyalty, spend of a newcomer (three packed fields)
    "training",
    "appraisal",  # per post: the manager's misreading of effect (only under effect_observation = noisy)
)

#: a 64-bit draw holds three independent 21-bit uniforms: one draw serves three decisions
FIELD_BITS = 21
_FIELD_MASK = np.uint64((1 << FIELD_BITS) - 1)
_FIELD_SCALE = np.float32(1.0 / (1 << FIELD_BITS))


class RandomStreams:
    """One ``numpy.random.Generator`` per decision, e.g. ``streams.visit.random(n)``."""

    init: np.random.Generator
    absence: np.random.Generator
    quit: np.random.Generator
    newcomer: np.random.Generator
    visit: np.random.Generator
    service: np.random.Generator
    extras: np.random.Generator
    churn: np.random.Generator
    inflow: np.random.Generator
    new_customer: np.random.Generator
    training: np.random.Generator
    appraisal: np.random.Generator

    def __init__(self, seed: int | np.random.SeedSequence):
        root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        self.root = root
        for name, child in zip(STREAMS, root.spawn(len(STREAMS)), strict=True):
            setattr(self, name, np.random.Generator(np.random.SFC64(child)))

    def words(self, name: str) -> np.ndarray:
        """The live state of stream ``name`` for compiled kernels (see :func:`live_words`)."""
        return self._held(name)[1]

    def _held(self, name: str) -> tuple[np.random.Generator, np.ndarray, np.ndarray]:
        """(generator, its live words, the words as one ``(1, 4)`` row), made once per generator."""
        generator = getattr(self, name)
        cache = self.__dict__.setdefault("_words", {})
        held = cache.get(name)
        if held is None or held[0] is not generator:  # kept with its generator, which owns the memory
            words = live_words(generator)
            held = cache[name] = (generator, words, words.reshape(1, 4))
        return held

    # ---- the draws the mechanisms make (the same calls for one company and for a pack) -------
    @property
    def companies(self) -> tuple[RandomStreams, ...]:
        """The companies whose streams these are: one."""
        return (self,)

    def company(self, index: int) -> RandomStreams:
        """The streams of company ``index`` (campaigns draw from their own company's)."""
        if index != 0:
            raise IndexError(f"one company's streams have no company {index}")
        return self

    def uniforms(self, name: str, population: str, n: int, dtype=np.float64) -> np.ndarray:
        """``n`` uniforms from stream ``name``, one per slot of ``population`` (see
        :class:`PackedStreams`, which splits them by company)."""
        return getattr(self, name).random(n, dtype=dtype)

    def raw(self, name: str, population: str, n: int, rows: int = 1) -> np.ndarray:
        """``rows`` packed draws per slot of ``population`` (``n`` slots), as ``(rows, n)``
        (or ``(n,)`` for one row): row ``r`` holds draws ``r*n .. r*n + n - 1``."""
        draws = getattr(self, name).bit_generator.random_raw(rows * n)
        return draws.reshape(rows, n) if rows > 1 else draws

    def raw_per_branch(self, name: str, per_branch: np.ndarray) -> np.ndarray:
        """``per_branch[b]`` packed draws for each branch, branch after branch."""
        return getattr(self, name).bit_generator.random_raw(int(per_branch.sum()))

    def bounds(self, population: str, n: int) -> np.ndarray:
        """Where each company's slots of ``population`` start and end: ``[0, n]``."""
        return np.array([0, n], np.int64)

    def live(self, *names: str) -> tuple[np.ndarray, ...]:
        """The live SFC64 state of each named stream as a ``(companies, 4)`` array for a
        compiled kernel, which draws company after company (:func:`sfc64_load` on a row)."""
        return tuple(self._held(name)[2] for name in names)


class PackedStreams:
    """The streams of several companies run as one vectorised model (a *pack*).

    Each company keeps its own :class:`RandomStreams` from its own seed, and every draw
    the mechanisms make is split by company: company ``k`` draws, from its own streams,
    exactly the numbers it would draw alone, in the same order.  Slots of each population
    are stored company after company, so ``bounds`` (``population -> (companies + 1,)``
    slot offsets of ``"staff"``, ``"places"`` and ``"branches"``) say which slots are
    whose.  That is what keeps a packed run's results bit-identical to its solo run.
    """

    def __init__(self, companies: Sequence[RandomStreams], bounds: dict[str, np.ndarray]):
        self._companies = tuple(companies)
        self._bounds = {k: np.asarray(v, np.int64) for k, v in bounds.items()}
        self._held: dict[str, np.ndarray] = {}  # kernel-drawn streams' states, see ``live``
        for population, b in self._bounds.items():
            if b.size != len(self._companies) + 1:
                raise ValueError(f"{population}: {b.size} bounds for {len(self._companies)} companies")

    @property
    def companies(self) -> tuple[RandomStreams, ...]:
        return self._companies

    def company(self, index: int) -> RandomStreams:
        return self._companies[index]

    def bounds(self, population: str, n: int) -> np.ndarray:
        b = self._bounds[population]
        if int(b[-1]) != n:
            raise ValueError(f"{n} {population} slots, but the pack's companies hold {int(b[-1])}")
        return b

    def _counts(self, population: str, n: int) -> np.ndarray:
        return np.diff(self.bounds(population, n))

    def uniforms(self, name: str, population: str, n: int, dtype=np.float64) -> np.ndarray:
        counts = self._counts(population, n)
        return np.concatenate(
            [
                getattr(c, name).random(int(k), dtype=dtype)
                for c, k in zip(self._companies, counts, strict=True)
            ]
        )

    def raw(self, name: str, population: str, n: int, rows: int = 1) -> np.ndarray:
        counts = self._counts(population, n)
        parts = [c.raw(name, population, int(k), rows) for c, k in zip(self._companies, counts, strict=True)]
        return np.concatenate(parts, axis=-1)

    def raw_per_branch(self, name: str, per_branch: np.ndarray) -> np.ndarray:
        b = self.bounds("branches", per_branch.size)
        return np.concatenate(
            [c.raw_per_branch(name, per_branch[b[k] : b[k + 1]]) for k, c in enumerate(self._companies)]
        )

    def live(self, *names: str) -> tuple[np.ndarray, ...]:
        """Each named stream's state of every company as one ``(companies, 4)`` array for the
        kernels.

        The pack takes these states over on their first use and keeps them (a copy per day
        would cost more than a small company's draws): from then on the kernels advance the
        pack's array, and the companies' own generators of these streams stay where the pack
        took them over.  Only kernels draw these streams, so every number is the same.
        """
        held = self._held
        for name in names:
            if name not in held:
                held[name] = np.stack([c.words(name) for c in self._companies])
        return tuple(held[name] for name in names)


def live_words(generator: np.random.Generator) -> np.ndarray:
    """The four 64-bit words of an SFC64 generator's state, as an array that *is* that state.

    A compiled kernel that draws with :func:`sfc64_next` on these words advances the
    numpy Generator itself: numpy's next ``random_raw`` continues where the kernel
    stopped, and the numbers are numpy's own (``tests/test_rng.py`` checks both).
    """
    bit_generator = generator.bit_generator
    if not isinstance(bit_generator, np.random.SFC64):
        raise TypeError(f"compiled kernels draw from SFC64 streams, not {type(bit_generator).__name__}")
    words = (ctypes.c_uint64 * 4).from_address(bit_generator.ctypes.state_address)
    view = np.ctypeslib.as_array(words)
    view.flags.writeable = True
    return view


_U11, _U3, _U24, _U40, _U1 = np.uint64(11), np.uint64(3), np.uint64(24), np.uint64(40), np.uint64(1)


@njit(cache=True, inline="always")
def sfc64_step(a: np.uint64, b: np.uint64, c: np.uint64, w: np.uint64):
    """One step of numpy's SFC64 (Chris Doty-Humphrey's Small Fast Counting RNG), exactly
    as ``numpy.random.SFC64.random_raw`` computes it: ``(draw, a, b, c, w)`` from the state.

    Kernels keep the four words in local variables (registers) through their loop and
    write them back with :func:`sfc64_store`.
    """
    out = a + b + w
    return out, b ^ (b >> _U11), c + (c << _U3), ((c << _U24) | (c >> _U40)) + out, w + _U1


@njit(cache=True, inline="always")
def sfc64_load(words: np.ndarray):
    return words[0], words[1], words[2], words[3]


@njit(cache=True, inline="always")
def sfc64_store(words: np.ndarray, a: np.uint64, b: np.uint64, c: np.uint64, w: np.uint64) -> None:
    words[0], words[1], words[2], words[3] = a, b, c, w


@njit(cache=True, inline="always")
def sfc64_next(words: np.ndarray) -> np.uint64:
    """The next raw draw of the stream whose live state is ``words``, advancing it."""
    a, b, c, w = sfc64_load(words)
    out, a, b, c, w = sfc64_step(a, b, c, w)
    sfc64_store(words, a, b, c, w)
    return out


def replicate_seeds(seed: int, replicates: int) -> list[int]:
    """Independent seeds for ``replicates`` runs, all derived from one root seed."""
    children = np.random.SeedSequence(seed).spawn(replicates)
    return [int(c.generate_state(1, dtype=np.uint32)[0]) for c in children]


def replicate_seed(seed: int, index: int) -> int:
    """``replicate_seeds(seed, index + 1)[index]`` without spawning the others: the seed of one
    numbered unit (an ensemble member), the same whichever subset of units a command runs."""
    child = np.random.SeedSequence(seed, spawn_key=(index,))
    return int(child.generate_state(1, dtype=np.uint32)[0])


# Wichura's AS241 (PPND16) coefficients: the inverse normal CDF to about 1e-16
_A = (
    3.3871328727963666080e0,
    1.3314166789178437745e2,
    1.9715909503065514427e3,
    1.3731693765509461125e4,
    4.5921953931549871457e4,
    6.7265770927008700853e4,
    3.3430575583588128105e4,
    2.5090809287301226727e3,
)
_B = (
    1.0,
    4.2313330701600911252e1,
    6.8718700749205790830e2,
    5.3941960214247511077e3,
    2.1213794301586595867e4,
    3.9307895800092710610e4,
    2.8729085735721942674e4,
    5.2264952788528545610e3,
)
_C = (
    1.42343711074968357734e0,
    4.63033784615654529590e0,
    5.76949722146069140550e0,
    3.64784832476320460504e0,
    1.27045825245236838258e0,
    2.41780725177450611770e-1,
    2.27238449892691845833e-2,
    7.74545014278341407640e-4,
)
_D = (
    1.0,
    2.05319162663775882187e0,
    1.67638483018380384940e0,
    6.89767334985100004550e-1,
    1.48103976427480074590e-1,
    1.51986665636164571966e-2,
    5.47593808499534494600e-4,
    1.05075007164441684324e-9,
)
_E = (
    6.65790464350110377720e0,
    5.46378491116411436990e0,
    1.78482653991729133580e0,
    2.96560571828504891230e-1,
    2.65321895265761230930e-2,
    1.24266094738807843860e-3,
    2.71155556874348757815e-5,
    2.01033439929228813265e-7,
)
_F = (
    1.0,
    5.99832206555887937690e-1,
    1.36929880922735805310e-1,
    1.48753612908506148525e-2,
    7.86869131145613259100e-4,
    1.84631831751005468180e-5,
    1.42151175831644588870e-7,
    2.04426310338993978564e-15,
)


#: the clipping bounds as float32, as numpy's clip of float32 uniforms had them
_LOW, _HIGH = float(np.float32(1e-7)), float(np.float32(1.0 - 1e-7))


@njit(cache=True, inline="always")
def _poly(c, x):
    return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0]


@njit(cache=True)
def standard_normal_at(u: float) -> np.float32:
    """The standard normal deviate with CDF ``u`` (AS241), ``u`` clipped to [1e-7, 1 - 1e-7]
    (as float32).

    The compiled kernels call it per visitor; :func:`normal_from_uniform` is its array form.
    """
    u = min(max(u, _LOW), _HIGH)
    q = u - 0.5
    if abs(q) <= 0.425:
        r = 0.180625 - q * q
        return np.float32(q * _poly(_A, r) / _poly(_B, r))
    r = math.sqrt(-math.log(u if q < 0.0 else 1.0 - u))
    if r <= 5.0:
        r -= 1.6
        z = _poly(_C, r) / _poly(_D, r)
    else:
        r -= 5.0
        z = _poly(_E, r) / _poly(_F, r)
    return np.float32(-z if q < 0.0 else z)


@njit(cache=True)
def normal_from_uniform(u: np.ndarray) -> np.ndarray:
    """Standard normal deviates from uniforms by inverse CDF.

    Lets a stream draw one cheap uniform per place every day (keeping common
    random numbers aligned) while only the places that need a normal pay for it.
    """
    out = np.empty(u.size, np.float32)
    for i in range(u.size):
        out[i] = standard_normal_at(np.float64(u[i]))
    return out


def field(raw: np.ndarray, index: int) -> np.ndarray:
    """Uniforms in (0, 1), 21 bits of resolution, from field ``index`` (0, 1 or 2) of packed draws."""
    bits = (raw >> np.uint64(FIELD_BITS * index)) & _FIELD_MASK
    return (bits.astype(np.float32) + np.float32(0.5)) * _FIELD_SCALE


@njit(cache=True, inline="always")
def field_at(raw: np.uint64, index: int) -> np.float32:
    """:func:`field` for one packed draw, inside compiled kernels (the same bits, the same float;
    converted through int64, which is exact for 21 bits and cheaper than from uint64)."""
    bits = np.int64((raw >> np.uint64(FIELD_BITS * index)) & _FIELD_MASK)
    return (np.float32(bits) + np.float32(0.5)) * _FIELD_SCALE


@njit(cache=True, inline="always")
def poisson_from_uniform(u: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Poisson counts by inverse CDF: the smallest k with P(X <= k) >= u (at most 10,001).

    One uniform per count keeps the draw size fixed (unlike numpy's sampler,
    whose consumption depends on the rate), so arrivals stay aligned across
    scenarios.  Rates here are small, so the walk up the CDF is short.
    """
    count = np.zeros(u.size, np.int64)
    for i in range(u.size):
        term = math.exp(-rate[i])
        cdf = term
        k = 0
        while u[i] > cdf and k <= 10_000:
            k += 1
            term = term * rate[i] / k
            cdf = cdf + term
        count[i] = k
    return count


#: what the mechanisms draw from: one company's streams, or a pack's
Streams = RandomStreams | PackedStreams
