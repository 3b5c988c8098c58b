"""The concept's lesson for each team's outcome, read off the simulated branches (no canned verdicts).

Nothing here imports Solara.  Every rule compares the team's branches with the same
branches in the no-campaign counterfactual (same company, same seed), so a
difference is the decisions' effect; a lesson names the branches and the numbers it
rests on, and :func:`lesson_text` words it in English or German.  The rules follow
the concept's mechanisms (docs/CONCEPT.md): fear gates what training taught
(mechanisms 2 and 7), attitude work raises effect awareness and pride (8),
what incentives reward shapes pride and fear (9), promises raise expectations
that the staff must meet (10), punishment feeds fear of the boss (9).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..outputs import KPI_NAMES
from .game import Results, TeamResult, branch_words
from .i18n import tr
from .payback import number

#: working days after a training ends over which its effect on the floor is measured
AFTER_DAYS = 40
#: below this share of the ability a training added that shows on the floor, the training did not transfer
TRANSFER_LOW = 0.5
#: the least ability gain (0..1 scale) that counts as learned (below it a share is meaningless)
LEARNED = 0.01
#: fear "blocked" a training only where the transfer was at least this many percentage points lower ...
BLOCKED_GAP_PCT = 5.0
#: ... and fear this much higher (0..1 scale) than in the calmer trained branches (or the company median)
FEAR_GAP = 0.05
#: a change of a 0..1 state this large (vs the counterfactual) is worth a lesson
STATE_CHANGE = 0.01
#: days at the end of the horizon over which "where it ended" is averaged
END_DAYS = 10


@dataclass(frozen=True)
class Lesson:
    """One lesson: a text key of :mod:`.game_text`, the numbers it rests on, the branches it is about.

    ``tone`` is "good", "bad" or "info" (how the debrief colours it).  Numbers whose name
    ends in ``eur`` are money, in ``pct`` percentages, in ``level`` levels of a 0..1 state;
    ``days`` and ``customers`` are counts; the others are differences of 0..1 states."""

    key: str
    tone: str
    numbers: dict[str, float] = field(default_factory=dict)
    branches: tuple[int, ...] = ()
    #: the rounds (0-based) it is about
    rounds: tuple[int, ...] = ()


def _k(name: str) -> int:
    return KPI_NAMES.index(name)


def _delta(team: TeamResult, base: np.ndarray, kpi: str, days: slice, branches: list[int]) -> np.ndarray:
    """Team minus counterfactual of ``kpi``, per branch (of ``branches``), averaged over ``days``."""
    diff = team.values[days, _k(kpi), :][:, branches] - base[days, _k(kpi), :][:, branches]
    return np.nanmean(diff, axis=0)


def _campaigns(team: TeamResult, options: tuple[str, ...]) -> tuple[list[int], int, int] | None:
    """Branches reached by ``team``'s campaigns of ``options``, their first start and last end day."""
    rows = [r for r in team.campaigns if r["option"] in options]
    if not rows:
        return None
    ids = sorted({int(b) for r in rows for b in r["ids"]})
    start = min(int(r["start_day"]) for r in rows)
    end = max(int(r["start_day"]) + int(r["duration"]) for r in rows)
    return ids, start, end


def behaviour(team: TeamResult, results: Results) -> Lesson | None:
    """Did what behaviour training taught reach the floor, and did fear block it (mechanisms 2, 7)?"""
    found = _campaigns(team, ("behaviour_training",))
    if found is None:
        return None
    ids, start, end = found
    if end >= results.days:
        return Lesson("game.lesson.too_early", "info", {"days": float(end - results.days + 1)}, tuple(ids))
    after = slice(end, min(end + AFTER_DAYS, results.days))
    learned = _delta(team, results.baseline, "ability", after, ids)
    shown = _delta(team, results.baseline, "delivered_behaviour", after, ids)
    share = np.where(learned > LEARNED, shown / np.maximum(learned, LEARNED), np.nan)
    fear_all = team.values[start, _k("fear"), :]
    fear = fear_all[ids]
    high = fear >= np.median(fear_all)
    blocked = [
        b for b, s, h in zip(ids, share, high, strict=True) if h and np.isfinite(s) and s < TRANSFER_LOW
    ]
    if not np.isfinite(share).any():  # nothing learned to transfer: no share to speak of
        return Lesson(
            "game.lesson.behaviour_nothing", "info", {"ability": float(np.mean(learned))}, tuple(ids)
        )
    numbers = {"ability": float(np.nanmean(learned)), "pct": 100 * float(np.nanmean(share))}
    if blocked:
        # fear "blocked" the training only where the difference is meaningful: the transfer clearly
        # lower and the fear clearly higher than in the calmer trained branches (or, without any,
        # the fear clearly above the company's median); otherwise the milder lesson below
        rest = [i for i, b in enumerate(ids) if b not in blocked and np.isfinite(share[i])]
        fear_level = float(np.mean(fear_all[blocked]))
        company_level = float(np.median(fear_all))
        pct = 100 * float(np.nanmean([share[ids.index(b)] for b in blocked]))
        found = dict(numbers, fear_level=fear_level, company_level=company_level, pct=pct)
        if rest:
            other_pct = 100 * float(np.nanmean(share[rest]))
            calmer = float(np.mean(fear_all[[ids[i] for i in rest]]))
            if other_pct - pct >= BLOCKED_GAP_PCT and fear_level - calmer >= FEAR_GAP:
                found["other_pct"] = other_pct
                return Lesson("game.lesson.fear_blocked_vs", "bad", found, tuple(blocked))
        elif fear_level - company_level >= FEAR_GAP:
            return Lesson("game.lesson.fear_blocked", "bad", found, tuple(blocked))
    if np.nanmean(share) >= TRANSFER_LOW:
        numbers["fear_level"] = float(np.mean(fear))
        return Lesson("game.lesson.behaviour_reached", "good", numbers, tuple(ids))
    return Lesson("game.lesson.behaviour_low", "bad", numbers, tuple(ids))


def attitude(team: TeamResult, results: Results) -> Lesson | None:
    """Did attitude work raise effect awareness and pride by the horizon's end (mechanism 8)?"""
    found = _campaigns(team, ("attitude_training",))
    if found is None:
        return None
    ids, _, end = found
    if end >= results.days:
        return Lesson("game.lesson.too_early", "info", {"days": float(end - results.days + 1)}, tuple(ids))
    last = slice(max(end, results.days - END_DAYS), results.days)
    awareness = float(np.mean(_delta(team, results.baseline, "effect_awareness", last, ids)))
    pride = float(np.mean(_delta(team, results.baseline, "pride", last, ids)))
    engagement = float(np.mean(_delta(team, results.baseline, "engagement", last, ids)))
    numbers = {"awareness": awareness, "pride": pride, "engagement": engagement}
    if awareness >= STATE_CHANGE and pride >= STATE_CHANGE:
        return Lesson("game.lesson.attitude_pride", "good", numbers, tuple(ids))
    if awareness >= STATE_CHANGE:
        return Lesson("game.lesson.attitude_aware", "info", numbers, tuple(ids))
    return Lesson("game.lesson.attitude_small", "info", numbers, tuple(ids))


def promise(team: TeamResult, results: Results) -> Lesson | None:
    """Did the staff deliver what the promise made customers expect (mechanism 10)?"""
    found = _campaigns(team, ("promise",))
    if found is None:
        return None
    ids, start, _ = found
    since = slice(start, results.days)
    expectation = float(np.mean(_delta(team, results.baseline, "expectation", since, ids)))
    satisfaction = float(np.mean(_delta(team, results.baseline, "satisfaction", since, ids)))
    last = slice(max(start, results.days - END_DAYS), results.days)
    loyalty = float(np.mean(_delta(team, results.baseline, "loyalty", last, ids)))
    numbers = {"expectation": expectation, "satisfaction": satisfaction, "loyalty": loyalty}
    if satisfaction < 0:
        return Lesson("game.lesson.promise_gap", "bad", numbers, tuple(ids))
    return Lesson("game.lesson.promise_carried", "good", numbers, tuple(ids))


def incentives(team: TeamResult, results: Results) -> list[Lesson]:
    """What rewarding effecting or doing did to pride and fear of the boss (mechanism 9)."""
    out = []
    for option, good in (("incentive_effect", "game.lesson.reward_effect"), ("incentive_doing", None)):
        found = _campaigns(team, (option,))
        if found is None:
            continue
        ids, start, _ = found
        since = slice(start, results.days)
        pride = float(np.mean(_delta(team, results.baseline, "pride", since, ids)))
        fear = float(np.mean(_delta(team, results.baseline, "fear_of_boss", since, ids)))
        numbers = {"pride": pride, "fear": fear}
        if good is not None and pride >= STATE_CHANGE:
            out.append(Lesson(good, "good", numbers, tuple(ids)))
        else:
            out.append(Lesson("game.lesson.reward_doing" if good is None else "game.lesson.reward_small",
                              "info", numbers, tuple(ids)))  # fmt: skip
    return out


def leadership(team: TeamResult, results: Results) -> Lesson | None:
    """What the manager style did to fear of the boss (mechanisms 1, 9)."""
    found = _campaigns(team, ("leadership_controlling", "leadership_supportive"))
    if found is None:
        return None
    ids, start, _ = found
    fear = float(np.mean(_delta(team, results.baseline, "fear_of_boss", slice(start, results.days), ids)))
    if fear >= STATE_CHANGE:
        return Lesson("game.lesson.controlling_up", "bad", {"fear": fear}, tuple(ids))
    if fear <= -STATE_CHANGE:
        return Lesson("game.lesson.supportive_down", "good", {"fear": fear}, tuple(ids))
    return Lesson("game.lesson.style_flat", "info", {"fear": fear}, tuple(ids))


def money(team: TeamResult, results: Results) -> Lesson:
    """What the campaigns cost and what they brought, against the counterfactual, and the customers."""
    last = slice(results.days - 1, results.days)
    customers = float(
        np.sum(
            team.values[last, _k("active_customers"), :] - results.baseline[last, _k("active_customers"), :]
        )
    )
    n = results.baseline.shape[2]
    loyalty = float(np.mean(_delta(team, results.baseline, "loyalty", last, list(range(n)))))
    numbers = {
        "spent_eur": team.spent,
        "net_eur": team.net_benefit,
        "customers": customers,
        "loyalty": loyalty,
    }
    if not team.campaigns:
        return Lesson("game.lesson.none", "info", numbers)
    return Lesson("game.lesson.money_gain" if team.net_benefit >= 0 else "game.lesson.money_loss",
                  "good" if team.net_benefit >= 0 else "bad", numbers)  # fmt: skip


def skipped(team: TeamResult) -> Lesson | None:
    """The rounds in which the team submitted nothing (it played them without a new campaign)."""
    if not team.skipped:
        return None
    key = "game.lesson.skipped_one" if len(team.skipped) == 1 else "game.lesson.skipped_many"
    return Lesson(key, "info", rounds=team.skipped)


def lessons(team: TeamResult, results: Results) -> list[Lesson]:
    """Every lesson of one team, the money first."""
    found: list[Lesson | None] = [money(team, results), skipped(team), behaviour(team, results)]
    found.append(attitude(team, results))
    found += [promise(team, results), *incentives(team, results), leadership(team, results)]
    return [lesson for lesson in found if lesson is not None]


def _format(lang: str, name: str, value: float) -> str:
    if name.endswith("eur"):
        return f"{number(lang, value, 0)} EUR"
    if name.endswith("pct"):
        return f"{number(lang, value, 0)} %"
    if name in ("days", "customers"):
        return number(lang, value, 0, signed=name == "customers")
    if name.endswith("level"):  # a level on the 0..1 scale, not a difference
        return number(lang, value, 2)
    return number(lang, value, 3, signed=True)


def lesson_text(lang: str, lesson: Lesson) -> str:
    """The lesson in words, with its numbers and branches (1-based, as the game shows them)."""
    values = {name: _format(lang, name, v) for name, v in lesson.numbers.items()}
    rounds = ", ".join(str(r + 1) for r in lesson.rounds)
    where = branch_words(lang, lesson.branches, after_in=True)
    return tr(lang, lesson.key, branches=where, rounds=rounds, **values)
