"""Mechanism 7: behaviour training raises ability; its transfer decays, fear limits it."""

from __future__ import annotations

import numpy as np

from ..config import StaffBehaviour
from ..state import Staff


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
) -> None:
    """Trainees (bool mask) learn ``ability_gain`` of their gap; how much they apply depends on fear,
    supervisor support and climate, and their own motivation (Saks & Belcourt 2006, S1-S2)."""
    idx = np.flatnonzero(trainees)
    if idx.size == 0:
        return
    gain = ability_gain * (1.0 - staff.ability[idx]) * uptake(staff, idx, p)
    env = _environment(staff, support, climate)[idx]
    start_transfer = (
        p.transfer_base
        * (1.0 - p.transfer_fear * staff.fear[idx])
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


def decay_transfer(staff: Staff, support: np.ndarray, climate: np.ndarray, p: StaffBehaviour) -> None:
    """Applied share of trained ability fades toward a floor that fear lowers.

    Decay is faster with more fear and slower in a supportive climate (S2).
    """
    env = _environment(staff, support, climate)
    rate = np.minimum(p.transfer_decay * np.maximum(0.0, 1.0 + staff.fear - env), 1.0)  # never past the floor
    floor = p.transfer_floor * (1.0 - p.transfer_fear * staff.fear)
    t = staff.transfer
    t -= rate * np.maximum(t - floor, 0.0) * (staff.trained_gain > 0)


def learn_on_the_job(staff: Staff, norm_ability: np.ndarray, p: StaffBehaviour) -> None:
    """Newcomers and the less able grow slowly toward the company's ordinary ability."""
    gap = np.maximum(norm_ability[staff.branch] - staff.ability, 0.0)
    staff.ability += p.learning_rate * gap
