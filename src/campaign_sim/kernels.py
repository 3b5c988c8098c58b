"""Small compiled helpers the mechanisms share (numba, cached on first use).

Why: at a few hundred employees a NumPy call costs more in dispatch than in work, and
``np.clip`` alone costs several microseconds; one compiled pass costs about one.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, inline="always")
def clip_unit(values: np.ndarray) -> np.ndarray:
    """Clip ``values`` to [0, 1] in place (what ``np.clip(values, 0, 1, out=values)`` does)."""
    for i in range(values.size):
        v = values[i]
        if v < 0.0:
            values[i] = 0.0
        elif v > 1.0:
            values[i] = 1.0
    return values


@njit(cache=True)
def clip_units(arrays: tuple) -> None:
    """:func:`clip_unit` on each array of a tuple of same-typed arrays, in one call."""
    for k in range(len(arrays)):
        clip_unit(arrays[k])
