"""Plans and scenarios in words: what each campaign of a plan contains (kind, branches, days, content).

Nothing here imports Solara.  A lever left "as in the scenario" names the
scenario's campaigns it keeps, and each plan's card lists every campaign it
runs, so that no card says only "as in the scenario".
"""

from __future__ import annotations

from collections.abc import Sequence

from ..scenario import Scenario
from . import payback
from .i18n import CAMPAIGN_NAMES, tr
from .levers import LEVER_KINDS
from .payback import number


def _share(lang: str, value: float) -> str:
    return number(lang, value, 2)


def branches_text(lang: str, selector: object, n: int) -> str:
    """Which branches a campaign reaches, in words."""
    if selector == "all":
        return tr(lang, "desc.all_branches", n=n)
    if isinstance(selector, list):
        ids = ", ".join(str(b) for b in selector[:8]) + (" …" if len(selector) > 8 else "")
        return tr(lang, "desc.branch_list", count=len(selector), ids=ids)
    if isinstance(selector, dict) and "share" in selector:
        count = round(float(selector["share"]) * n)
        return tr(lang, "desc.branch_share", count=count, share=round(100 * float(selector["share"])))
    if isinstance(selector, dict) and "first" in selector:
        first, count = int(selector["first"]), int(selector["count"])
        return tr(lang, "desc.branch_range", first=first, last=first + count - 1, count=count)
    return str(selector)


def days_text(lang: str, start: int, duration: int | None) -> str:
    """When a campaign runs: "working days 30-59" or "from working day 30 to the end"."""
    if duration is None:
        return tr(lang, "desc.days_open", start=start)
    return tr(lang, "desc.days", start=start, end=start + duration - 1)


def content_text(lang: str, spec) -> str:
    """What a campaign does, by kind."""
    kind = spec.kind
    if kind in ("behaviour_training", "attitude_training"):
        return tr(
            lang,
            "desc.training",
            off=spec.days_off_floor,
            cost=number(lang, spec.cost_per_participant, 0),
        )
    if kind == "incentive_scheme":
        focus = float(spec.focus_effect)
        what = tr(lang, "desc.focus_effect" if focus >= 0.5 else "desc.focus_doing")
        return tr(
            lang,
            "desc.incentive",
            what=what,
            reward=_share(lang, spec.reward),
            penalty=_share(lang, spec.punishment),
            cost=number(lang, spec.cost_per_employee_day, 0),
        )
    if kind == "leadership":
        reprimand = (
            _share(lang, spec.punishment) if spec.punishment is not None else tr(lang, "desc.as_branch")
        )
        return tr(
            lang,
            "desc.leadership",
            support=_share(lang, spec.support),
            reprimand=reprimand,
            cost=number(lang, spec.cost_per_employee_day, 0),
        )
    if kind == "promise":
        return tr(
            lang,
            "desc.promise",
            level=_share(lang, spec.level),
            cost=number(lang, spec.advertising_cost_per_day, 0),
        )
    return ""


def quoted_name(lang: str, name: str | None) -> str:
    """A campaign's name in quotes; the names the UI and the shipped scenarios give are translated."""
    if not name:
        return ""
    return f" '{CAMPAIGN_NAMES.get(lang, {}).get(name, name)}'"


def campaign_text(lang: str, spec, n: int) -> str:
    """One campaign in one line: kind and name, branches, days, content."""
    name = quoted_name(lang, spec.name)
    parts = [
        f"{tr(lang, f'camp.{spec.kind}')}{name}",
        branches_text(lang, spec.branches, n),
        days_text(lang, spec.start_day, spec.duration_days),
    ]
    content = content_text(lang, spec)
    return ", ".join(parts) + (f" ({content})" if content else "")


def short_text(lang: str, spec) -> str:
    """A campaign in a few words, for a lever's option: kind, name, days (and an incentive's content)."""
    name = quoted_name(lang, spec.name)
    text = f"{tr(lang, f'camp.{spec.kind}')}{name}, {days_text(lang, spec.start_day, spec.duration_days)}"
    if spec.kind == "incentive_scheme":
        text += f" ({content_text(lang, spec).rsplit(', ', 1)[0]})"
    return text


def campaign_name(lang: str, row: dict) -> str:
    """A row of ``model.campaigns.summary()`` named as on the plan card: kind and name."""
    kind = str(row["kind"])
    name = str(row["campaign"])
    return tr(lang, f"camp.{kind}") + ("" if name == kind else quoted_name(lang, name))


def plan_lines(lang: str, scenario: Scenario) -> list[str]:
    """Every campaign a plan's scenario runs, one line each ("no campaign" when it has none)."""
    n = scenario.run.branches
    lines = [campaign_text(lang, c, n) for c in scenario.campaigns]
    return lines or [tr(lang, "desc.no_campaign")]


def file_option(lang: str, base: Scenario, lever: str) -> str:
    """The text of a lever's option "as in the scenario", naming the scenario's campaigns it keeps."""
    kept: Sequence = [c for c in base.campaigns if c.kind in LEVER_KINDS[lever]]
    if not kept:
        return tr(lang, "opt.file_none")
    return tr(lang, "opt.file_with", what="; ".join(short_text(lang, c) for c in kept))


def cost_text(lang: str, model) -> str:
    """A plan's campaign cost up to the last day run, all branches: one-off (a training's fees, booked as
    an investment, as the experiments' cost ledger books them), running, total, per branch, and
    the same split for each campaign."""
    spent = payback.costs(model)
    n = model.branch_state.size
    lines = [
        tr(lang, "cost.title", n=n, day=max(model.day - 1, 0)),
        tr(
            lang,
            "cost.line",
            one_off=number(lang, spent.one_off, 0),
            running=number(lang, spent.running, 0),
            spent=number(lang, spent.spent, 0),
            per_branch=number(lang, spent.spent / max(n, 1), 0),
        ),
    ]
    if len(spent.rows) > 1:
        lines += [
            "• "
            + tr(
                lang,
                "cost.campaign",
                campaign=campaign_name(lang, row),
                one_off=number(lang, float(row["money_one_off"]), 0),
                running=number(lang, float(row["money_running"]), 0),
            )
            for row in spent.rows
        ]
    return "\n".join(lines)


def payback_lines(lang: str, result: payback.Payback, n: int) -> list[str]:
    """The money in words: who is ahead after the days run (all ``n`` branches, costs included), and the
    investing plan's break-even day."""
    if not result.investor:
        return [tr(lang, "pay.same")]
    total, days = result.total, result.days
    value = number(lang, abs(total), 0)
    key = "pay.lead_none" if round(total) == 0 else ("pay.lead_b" if total > 0 else "pay.lead_a")
    lines = [tr(lang, key, days=days, value=value, n=n)]
    if result.break_even is None:
        lines.append(tr(lang, "pay.not_within", plan=result.investor, days=days))
    else:
        lines.append(tr(lang, "pay.break_even", plan=result.investor, day=result.break_even))
    return lines
