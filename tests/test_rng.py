"""The random-number kernels give numpy's own numbers (so seeds mean what numpy says)."""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit
from scipy.special import ndtri
from scipy.stats import poisson

from campaign_sim.rng import (
    RandomStreams,
    field,
    field_at,
    live_words,
    normal_from_uniform,
    poisson_from_uniform,
    sfc64_next,
)


@njit
def _draw(words, n):
    out = np.empty(n, np.uint64)
    for i in range(n):
        out[i] = sfc64_next(words)
    return out


@njit
def _fields(raw):
    return field_at(raw[0], 0), field_at(raw[0], 1), field_at(raw[0], 2)


def test_kernel_draws_are_numpys_sfc64_and_advance_the_generator():
    """sfc64_next on the live words yields numpy's random_raw, and numpy continues after them."""
    ours, theirs = RandomStreams(5), RandomStreams(5)
    np.testing.assert_array_equal(
        _draw(ours.words("visit"), 1000), theirs.visit.bit_generator.random_raw(1000)
    )
    np.testing.assert_array_equal(
        ours.visit.bit_generator.random_raw(7), theirs.visit.bit_generator.random_raw(7)
    )
    # the other streams did not move
    np.testing.assert_array_equal(
        ours.service.bit_generator.random_raw(3), theirs.service.bit_generator.random_raw(3)
    )


def test_live_words_refuse_other_bit_generators():
    with pytest.raises(TypeError, match="SFC64"):
        live_words(np.random.Generator(np.random.PCG64(1)))


def test_field_at_matches_field():
    raw = np.random.Generator(np.random.SFC64(3)).bit_generator.random_raw(1)
    assert _fields(raw) == tuple(field(raw, i)[0] for i in range(3))


def test_inverse_normal_equals_scipy():
    """AS241 in numba gives scipy's ndtri to the last float32 bit, tails and clipping included."""
    u = np.random.default_rng(0).random(200_000).astype(np.float32)
    u = np.concatenate([u, np.float32([0.0, 1e-9, 1e-7, 0.0251, 0.075, 0.5, 0.925, 0.9749, 1 - 1e-7, 1.0])])
    expected = ndtri(np.clip(u, 1e-7, 1 - 1e-7)).astype(np.float32)
    np.testing.assert_array_equal(normal_from_uniform(u), expected)


def test_poisson_by_inverse_cdf_equals_scipy_ppf():
    """The walk up the CDF stops at scipy's quantile (away from float ties at the CDF steps)."""
    rng = np.random.default_rng(1)
    u, rate = rng.random(5000), rng.uniform(0.0, 8.0, 5000)
    expected = poisson.ppf(u, rate)
    steps = np.abs(poisson.cdf(expected, rate) - u) > 1e-12
    np.testing.assert_array_equal(poisson_from_uniform(u, rate)[steps], expected[steps])


def test_one_replicate_seed_is_the_same_as_spawned_with_the_others():
    """An ensemble member's seed does not depend on which members a command runs."""
    from campaign_sim.rng import replicate_seed, replicate_seeds

    seeds = replicate_seeds(2024, 40)
    assert [replicate_seed(2024, i) for i in (0, 7, 39)] == [seeds[0], seeds[7], seeds[39]]
    assert replicate_seed(2024, 7) != replicate_seed(2025, 7)
