"""Mechanism 7: behaviour training raises ability; its transfer decays, fear limits it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import njit

from ..config import StaffBehaviour
from ..parameters import CompanyParameters, packed, per_company
from ..state import Staff
from .variants import alternative

#: share of transfer that maximal fear takes, at its start and from its floor: p -> share (per company
#: if ``p`` is a pack's parameters)
TransferFear = Callable[[StaffBehaviour | CompanyParameters], float | np.ndarray]


@alternative(
    "transfer_fear",
    "start_and_floor",
    mechanism="mechanism 7",
    meaning="fear lowers the transfer of behaviour training at its start and its long-run floor, "
    "besides blocking delivery (mechanism 2)",
    default=True,
)
def fear_cuts_transfer(p: StaffBehaviour | CompanyParameters) -> float | np.ndarray:
    """The published model: fear acts on behaviour training three times (start, floor, delivery)."""
    return p.transfer_fear


@alternative(
    "transfer_fear",
    "delivery_only",
    mechanism="mechanism 7",
    meaning="fear acts on behaviour training once, at delivery (mechanism 2); "
    "transfer's start and floor do not depend on fear",
)
def fear_at_delivery_only(p: StaffBehaviour | CompanyParameters) -> float:
    """The transfer literature names support and climate (S2); fear as a third cut of the same
    know-how is an assumption, so this alternative counts the obstacle once, where S5 puts it."""
    return 0.0


def uptake(staff: Staff, idx: np.ndarray, p: StaffBehaviour) -> np.ndarray:
    """Share of a training's content a participant takes up: unwilling trainees take up less
    (trainee motivation, S2), which is how earlier campaigns shape later ones (mechanism 12)."""
    return 1.0 - p.uptake_willingness * (1.0 - staff.willingness[idx])


def _environment(staff: Staff, support: np.ndarray, climate: np.ndarray) -> np.ndarray:
    return 0.5 * (support[staff.branch] + climate[staff.branch])


def complete_behaviour_training(
    staff: Staff,
    trainees: np.ndarray,
    ability_gain: float,
    support: np.ndarray,
    climate: np.ndarray,
    p: StaffBehaviour,
    fear_share: TransferFear = fear_cuts_transfer,
) -> None:
    """Trainees (bool mask) learn ``ability_gain`` of their gap; how much they apply depends on fear,
    supervisor support and climate, and their own motivation (Saks & Belcourt 2006, S1-S2).

    ``fear_share`` is the run's ``transfer_fear`` variant (default: ``staff.transfer_fear``)."""
    idx = np.flatnonzero(trainees)
    if idx.size == 0:
        return
    gain = ability_gain * (1.0 - staff.ability[idx]) * uptake(staff, idx, p)
    env = _environment(staff, support, climate)[idx]
    start_transfer = (
        p.transfer_base
        * (1.0 - fear_share(p) * staff.fear[idx])
        * (1.0 - p.transfer_support * (1.0 - env))
        * (1.0 - p.transfer_motivation * (1.0 - staff.willingness[idx]))
    )
    old_gain = staff.trained_gain[idx]
    total = old_gain + gain
    staff.transfer[idx] = np.where(
        total > 0, (old_gain * staff.transfer[idx] + gain * start_transfer) / np.maximum(total, 1e-9), 0
    )
    staff.trained_gain[idx] = total
    staff.ability[idx] += gain


def decay_transfer(
    staff: Staff,
    support: np.ndarray,
    climate: np.ndarray,
    p: StaffBehaviour | CompanyParameters,
    fear_share: TransferFear = fear_cuts_transfer,
) -> None:
    """Applied share of trained ability fades toward a floor that fear lowers.

    Decay is faster with more fear and slower in a supportive climate (S2).  ``fear_share``
    is the run's ``transfer_fear`` variant: how much fear lowers the floor.
    """
    p = packed(p)
    _decay(
        staff.branch, staff.fear, staff.transfer, staff.trained_gain, support, climate,
        p.bounds("staff", staff.size), p.table(_DECAY), per_company(fear_share(p), p.companies),
    )  # fmt: skip


#: the staff parameters ``_decay`` reads, as the rows of its ``p_k`` (one column per company)
_DECAY = ("transfer_decay", "transfer_floor")


@njit(cache=True)
def _decay(branch, fear, transfer, trained_gain, support, climate, staff_bounds, p_k, transfer_fear_k):
    for k in range(staff_bounds.size - 1):
        decay, floor_share, transfer_fear = p_k[0, k], p_k[1, k], transfer_fear_k[k]
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            if trained_gain[i] <= 0:
                continue
            env = 0.5 * (support[branch[i]] + climate[branch[i]])  # as _environment
            rate = min(decay * max(0.0, 1.0 + fear[i] - env), 1.0)  # never past the floor
            floor = floor_share * (1.0 - transfer_fear * fear[i])
            transfer[i] -= rate * max(transfer[i] - floor, 0.0)


def learn_on_the_job(staff: Staff, norm_ability: np.ndarray, p: StaffBehaviour | CompanyParameters) -> None:
    """Newcomers and the less able grow slowly toward the company's ordinary ability."""
    p = packed(p)
    _learn(staff.branch, staff.ability, norm_ability, p.bounds("staff", staff.size), p.learning_rate)


@njit(cache=True)
def _learn(branch, ability, norm_ability, staff_bounds, learning_rate_k):
    for k in range(staff_bounds.size - 1):
        learning_rate = learning_rate_k[k]
        for i in range(staff_bounds[k], staff_bounds[k + 1]):
            ability[i] += learning_rate * max(norm_ability[branch[i]] - ability[i], 0.0)
