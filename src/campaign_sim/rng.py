"""Named random streams, all spawned from one SeedSequence per run.

Each stochastic decision draws from its own stream, and each daily stream
draws a fixed-size array every day (one number per customer place, post or
branch) whatever the scenario does, so that two scenarios run with the same
seed differ only where their campaigns differ (common random numbers).  Only
``init`` (once, at the start) and ``training`` (once per training campaign
start) are drawn at other times.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

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

    def __init__(self, seed: int | np.random.SeedSequence):
        root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        self.root = root
        for name, child in zip(STREAMS, root.spawn(len(STREAMS)), strict=True):
            setattr(self, name, np.random.Generator(np.random.PCG64(child)))


def replicate_seeds(seed: int, replicates: int) -> list[int]:
    """Independent seeds for ``replicates`` runs, all derived from one root seed."""
    children = np.random.SeedSequence(seed).spawn(replicates)
    return [int(c.generate_state(1, dtype=np.uint32)[0]) for c in children]


def normal_from_uniform(u: np.ndarray) -> np.ndarray:
    """Standard normal deviates from uniforms by inverse CDF.

    Lets a stream draw one cheap uniform per place every day (keeping common
    random numbers aligned) while only the places that need a normal pay for it.
    """
    return ndtri(np.clip(u, 1e-7, 1 - 1e-7)).astype(np.float32)


def packed_uniforms(gen: np.random.Generator, n: int) -> np.ndarray:
    """One raw 64-bit draw per place; :func:`field` unpacks up to three uniforms from it.

    Cheaper than three float draws, and each decision still gets its own
    number per place and day (common random numbers stay aligned).
    """
    return gen.bit_generator.random_raw(n)


def field(raw: np.ndarray, index: int) -> np.ndarray:
    """Uniforms in (0, 1), 21 bits of resolution, from field ``index`` (0, 1 or 2) of packed draws."""
    bits = (raw >> np.uint64(FIELD_BITS * index)) & _FIELD_MASK
    return (bits.astype(np.float32) + np.float32(0.5)) * _FIELD_SCALE


def poisson_from_uniform(u: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Poisson counts by inverse CDF: the smallest k with P(X <= k) >= u.

    One uniform per count keeps the draw size fixed (unlike numpy's sampler,
    whose consumption depends on the rate), so arrivals stay aligned across
    scenarios.  Loops over k, not over branches; rates here are small.
    """
    rate = np.asarray(rate, dtype=np.float64)
    term = np.exp(-rate)
    cdf = term.copy()
    count = np.zeros(rate.shape, np.int64)
    k = 0
    while True:
        short = u > cdf
        if not short.any() or k > 10_000:
            return count
        k += 1
        count += short
        term = term * rate / k
        cdf = cdf + term
