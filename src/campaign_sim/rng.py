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
    "visit",
    "assign",
    "quality",
    "problem",
    "solve",
    "complain",
    "addon",
    "theft",
    "churn",
    "inflow",
    "new_customer",
    "training",
)


class RandomStreams:
    """One ``numpy.random.Generator`` per decision, e.g. ``streams.visit.random(n)``."""

    init: np.random.Generator
    absence: np.random.Generator
    quit: np.random.Generator
    newcomer: np.random.Generator
    visit: np.random.Generator
    assign: np.random.Generator
    quality: np.random.Generator
    problem: np.random.Generator
    solve: np.random.Generator
    complain: np.random.Generator
    addon: np.random.Generator
    theft: np.random.Generator
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
