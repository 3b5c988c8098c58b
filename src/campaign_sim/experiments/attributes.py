"""Branch attributes an experiment can split its effects by (``heterogeneity = [...]``).

Fixed when a run starts, they are kept in every row of the tidy table (``runs.branch_attributes``),
so a planner can ask whether a campaign works better under lenient managers, in big branches
or in rich local markets, not only in teams that started fearful.
"""

from __future__ import annotations

from ..outputs import OUTPUTS

#: branch attributes fixed at the start of a run, kept in every tidy row so that effects can be
#: split by them (``heterogeneity = ["manager_punishment"]``): name -> meaning
BRANCH_ATTRIBUTES = {
    "manager_punishment": "the branch manager's own punishment style, 0..1 (before any campaign)",
    "manager_support": "the branch manager's own supervisor support, 0..1 (before any campaign)",
    "branch_size": "employees in the branch at the start",
    "customer_base": "active customers of the branch at the start",
    "local_market": "the branch's local spend multiplier (1 = company average)",
}

#: how the two halves read in a sentence
GROUP_WORDS = {
    "fear": ("fearful teams", "confident teams"),
    "manager_punishment": ("branches with punitive managers", "branches with lenient managers"),
    "manager_support": ("branches with supportive managers", "branches with unsupportive managers"),
    "branch_size": ("larger branches", "smaller branches"),
    "customer_base": ("branches with more customers", "branches with fewer customers"),
    "local_market": ("richer local markets", "poorer local markets"),
    "horizon": ("teams with a wide proactive horizon", "teams with a narrow proactive horizon"),
    "staff": ("branches with more employees in post", "branches with fewer employees in post"),
}


def split_words(state: str) -> tuple[str, str, str]:
    """What a split is and how its two halves read: (what, high half, low half).

    ``what`` names the attribute or KPI and its meaning ("manager_punishment: the branch
    manager's own punishment style, 0..1 (before any campaign)"); the halves are the
    branches above the median and those at or below it.
    """
    if state in BRANCH_ATTRIBUTES:
        what = f"{state}: {BRANCH_ATTRIBUTES[state]}"
    elif state in OUTPUTS:
        what = f"{state}: {OUTPUTS[state].meaning}, before the campaigns"
    else:
        what = state
    high, low = GROUP_WORDS.get(state, (f"branches high on {state}", f"branches low on {state}"))
    return what, high, low
