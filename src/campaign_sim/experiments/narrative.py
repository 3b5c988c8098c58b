"""The report's words: effects with their intervals in plain sentences, and the method.

A planner reads "attitude-level training raised profit by 257 EUR per branch and day
(95% CI 203 to 311)", not a table of coefficients; these functions write that from the
analysis tables.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..outputs import good_direction, unit
from ..plausibility import CONFIDENCE
from .attributes import split_words
from .ensemble import Members
from .field import SEVERAL_TIMES, VERDICT_RULES, format_ratio
from .figures import unit_words
from .payback import KEUR, keur, keur_amount
from .pipeline import Analysis
from .sensitivity import NET_BENEFIT, outputs_of, too_few_samples
from .stats import PER_VISIT_KPIS, format_d, per_visit_name

#: how a KPI reads in a sentence, when its name alone would not
PHRASES = {
    "profit": "profit",
    "revenue": "revenue",
    "loyalty": "customer loyalty",
    "complaints": "complaints",
    "additional_sales": "additional sales",
    "quits": "staff quits",
    "absence_days": "absence",
    "shrinkage": "shrinkage",
    "climate": "team climate",
    "pride": "staff pride",
    "engagement": "staff engagement",
    "fear": "staff fear",
}


def format_effect(value: float, kpi: str | None = None) -> str:
    """An effect or level as the report and the command line show it: about three significant
    digits, whole euros from 10 EUR up: +1,267  +49  +4.12  +0.044 (n/a if missing)."""
    return _fmt(value, kpi)


def _fmt(value: float, kpi: str | None) -> str:
    """About three significant digits, whole euros from 10 EUR up: +1,267  +49  +4.12  +0.044."""
    if not np.isfinite(value):
        return "n/a"
    euros = kpi is not None and unit(kpi) == "EUR/day"
    size = abs(value)
    if size >= 100 or (euros and size >= 10):
        return f"{value:+,.0f}"
    if size >= 10 or (euros and size >= 1):
        return f"{value:+.1f}"
    if size >= 1:
        return f"{value:+.2f}"
    return f"{value:+.3f}"


def _esc(text: str) -> str:
    return html.escape(str(text))


def _ci(low: float, high: float, kpi: str, conf: int) -> str:
    return f"{conf}% CI {_fmt(low, kpi)} to {_fmt(high, kpi)}"


def _incomplete(missing: int) -> str:
    return (
        f"<b>Incomplete:</b> {missing} planned runs are not stored yet; run the same command again to resume."
    )


def _sentence(row: pd.Series, kpi: str, conf: int) -> str:
    """'raised profit by 266 EUR per branch and day (95% CI +211 to +320, ...; d = 1.73, large)'."""
    what = PHRASES.get(kpi, kpi.replace("_", " "))
    est, low, high = row["effect"], row["ci_low"], row["ci_high"]
    interval = _ci(low, high, kpi, conf)
    pct = row.get("effect_pct", np.nan)
    rel = f", {pct:+.0f}% of the control's starting level" if np.isfinite(pct) and abs(pct) < 10_000 else ""
    size = f"; d = {format_d(row['d'])}, {row['magnitude']}" if np.isfinite(row.get("d", np.nan)) else ""
    if np.isfinite(row.get("p_positive", np.nan)):  # over an ensemble
        size += f"; probability above zero {probability(row['p_positive'])}"
    if np.isfinite(low) and low > 0:
        verb = "raised"
    elif np.isfinite(high) and high < 0:
        verb = "lowered"
    else:
        return f"did not change {what} distinguishably from zero (estimate {_fmt(est, kpi)}, {interval})"
    amount = _fmt(abs(est), kpi).lstrip("+")
    when = (
        " from the first campaign day over the horizon, costs included"
        if row.get("window") == "money"
        else ""
    )
    return f"{verb} {what} by {amount} {unit_words(kpi)}{when} ({interval}{rel}{size})"


def _arm_paragraph(a: Analysis, eff: pd.DataFrame, arm: str, kpis: list[str], conf: int) -> str:
    rows = eff[eff["arm"] == arm].set_index("kpi")
    parts = [
        _sentence(rows.loc[k], k, conf) + _per_visit_clause(a, k, arm, conf) for k in kpis if k in rows.index
    ]
    return (
        f"<b>{_esc(a.labels[arm])}</b>, compared with {_esc(a.labels[a.control])}, " + "; ".join(parts) + "."
    )


def _per_visit_clause(a: Analysis, kpi: str, arm: str, conf: int) -> str:
    """For a count of customers' events: the same effect per 1,000 visits, which says whether
    service changed (fewer complaints can come from fewer customers)."""
    rate, visits = _rate_row(a, kpi, arm)
    if rate is None:
        return ""
    fewer = " (with fewer visits)" if visits is not None and visits["ci_high"] < 0 else ""
    if rate["ci_low"] > 0:
        what = f"raised it by {_fmt(rate['effect'], None).lstrip('+')}"
    elif rate["ci_high"] < 0:
        what = f"lowered it by {_fmt(abs(rate['effect']), None).lstrip('+')}"
    else:
        what = f"did not change it distinguishably (estimate {_fmt(rate['effect'], None)})"
    return (
        f"; per 1,000 visits it {what}{fewer} "
        f"({conf}% CI {_fmt(rate['ci_low'], None)} to {_fmt(rate['ci_high'], None)})"
    )


def _group_paragraph(a: Analysis, het: pd.DataFrame, state: str, arms: list[str], kpis: list[str], conf: int):
    """Where the effect clearly differs between teams that started high and low on ``state``."""
    _, high_word, low_word = split_words(state)
    clear, unclear = [], []
    for arm in arms:
        for kpi in kpis:
            h = het[(het["arm"] == arm) & (het["kpi"] == kpi) & (het["state"] == state)].set_index("group")
            if not {"high", "low", "difference"} <= set(h.index):
                continue
            diff = h.loc["difference"]
            label = f"{_esc(a.labels[arm])} on {PHRASES.get(kpi, kpi)}"
            if not (diff["ci_low"] > 0 or diff["ci_high"] < 0):
                unclear.append(label)
                continue
            hi, lo = h.loc["high"], h.loc["low"]
            clear.append(
                f"{label}: {_fmt(hi['effect'], kpi)} in {high_word} against {_fmt(lo['effect'], kpi)} in "
                f"{low_word} (difference {_fmt(diff['effect'], kpi)}, "
                f"{_ci(diff['ci_low'], diff['ci_high'], kpi, conf)})"
            )
    if not clear and not unclear:
        return None
    text = f"By the teams' starting {state} (above vs below the median before the campaigns): "
    if not clear:
        what = " or ".join(PHRASES.get(k, k) for k in kpis)
        return (
            text + f"no arm's effect on {what} differs clearly between {high_word} and {low_word} "
            "(every interval of the difference includes zero)."
        )
    text += "the effect clearly differs for " + "; ".join(clear) + ". "
    if unclear:
        text += (
            f"No clear difference between {high_word} and {low_word} (the interval of the difference "
            "includes zero) for " + ", ".join(unclear) + "."
        )
    return text


def summary_text(a: Analysis) -> list[str]:
    """The answer first: the money per arm, what each factor adds, how effects compare with the field."""
    ensemble = [_esc(sentence) for sentence in ensemble_sentences(a)]
    paragraphs = money_text(a) + ensemble + factorial_text(a) + field_text(a)
    if paragraphs:
        if a.missing:
            paragraphs.append(_incomplete(a.missing))
        return paragraphs
    return details_text(a)


def details_text(a: Analysis) -> list[str]:
    """Plain-word paragraphs: each arm's effects, who gains most, where teams differ, the check."""
    eff = a.tables["effects"]
    eff = eff[eff["point"] == 0]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    main = a.kpis[:4]
    arms = [arm for arm in a.labels if arm != a.control and arm in set(eff["arm"])]
    paragraphs = [_arm_paragraph(a, eff, arm, main, conf) for arm in arms]
    if "profit" in set(eff["kpi"]) and arms:
        prof = eff[eff["kpi"] == "profit"].set_index("arm").reindex(arms)
        best, worst = prof["effect"].idxmax(), prof["effect"].idxmin()
        paragraphs.append(
            f"The largest profit effect is that of <b>{_esc(a.labels[best])}</b> "
            f"({_fmt(prof.loc[best, 'effect'], 'profit')} EUR per branch and day); the smallest that of "
            f"<b>{_esc(a.labels[worst])}</b> ({_fmt(prof.loc[worst, 'effect'], 'profit')})."
        )
    het = a.tables.get("heterogeneity")
    if het is not None and not het.empty:
        het = het[het["point"] == 0]
        for state in dict.fromkeys(het["state"]):
            paragraph = _group_paragraph(a, het, state, arms, main[:2], conf)
            if paragraph:
                paragraphs.append(paragraph)
    if "true_effect" in eff.columns:
        ok = eff["true_effect"].between(eff["ci_low"], eff["ci_high"])
        paragraphs.append(
            "Check against the truth: the same seeds run with no campaign at all give each treated branch's "
            f"true effect. The trial's {conf}% intervals contain it for {int(ok.sum())} of {len(eff)} "
            "arm and KPI pairs."
        )
    if a.missing:
        paragraphs.append(_incomplete(a.missing))
    return paragraphs


def _keur(value: float) -> str:
    """A signed money total in a sentence: '+12.5 kEUR'."""
    return keur(value) + (f" {KEUR}" if np.isfinite(value) else "")


def money_text(a: Analysis) -> list[str]:
    """The money question first: which arm returns most after its costs, and when it pays back."""
    econ = a.tables.get("economics")
    if econ is None or econ.empty:
        return []
    econ = econ[econ["point"] == 0].set_index("arm")
    first = econ.iloc[0]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    horizon = int(first["horizon_days"])
    scope = (
        f"Money per branch against {_esc(a.labels[a.control])}, from the first campaign day (day "
        f"{int(first['first_day'])}) over {horizon} days ({horizon / 365:.1f} years), campaign costs "
        f"included, discounted at {first['discount_rate']:.0%} a year; "
        + (
            f"intervals are {conf}% {_members(a).words()}."
            if _members(a) is not None
            else f"intervals are {conf}% over {int(first['replicates'])} replicate seeds and say nothing "
            "about parameter uncertainty."
        )
    )
    parts = []
    for arm in [arm for arm in a.labels if arm in econ.index]:
        r = econ.loc[arm]
        paid = (
            f"pays back on day {int(r['payback_day'])} after the start"
            if np.isfinite(r["payback_day"])
            else "does not pay back within the horizon"
        )
        parts.append(
            f"<b>{_esc(a.labels[arm])}</b> costs {keur_amount(r['cost_eur'])} {KEUR} "
            f"({keur_amount(r['one_off_eur'])} one-off, {keur_amount(r['running_eur'])} running) and returns "
            f"{_keur(r['net_benefit_eur'])} after its costs ({conf}% interval "
            f"{_keur(r['net_benefit_low'])} to {_keur(r['net_benefit_high'])}; "
            + (
                f"{_keur(r['net_benefit_eur_per_year'])} per year; "
                if np.isfinite(r["net_benefit_eur_per_year"])
                else ""
            )
            + f"operating margin {r['margin_points']:+.1f} "
            f"points); it {paid} ({_payback_odds(r)})"
        )
    return [scope, "<ul>" + "".join(f"<li>{part}.</li>" for part in parts) + "</ul>"]


def _members(a: Analysis) -> Members | None:
    """The ensemble behind an analysis, or None (seed-only; also for analyses built without one)."""
    return getattr(a, "members", None)


def _payback_odds(r: pd.Series) -> str:
    """The chance of paying back within the horizon: over the ensemble, or the share of seeds."""
    if "p_payback" in r.index and np.isfinite(r["p_payback"]):
        return f"probability of paying back within the horizon {probability(r['p_payback'])}"
    return f"{r['payback_share']:.0%} of seeds pay back"


def _over(a: Analysis) -> str:
    """What an interval covers, for captions: the ensemble's words, or the seed-only caption's."""
    return _members(a).words() if _members(a) is not None else "over replicate seeds"


#: words for probabilities, after the IPCC's calibrated language (Mastrandrea et al. 2010)
LIKELIHOOD = (
    (0.99, "virtually certain"),
    (0.90, "very likely"),
    (0.66, "likely"),
    (0.33, "about as likely as not"),
    (0.10, "unlikely"),
    (0.01, "very unlikely"),
    (0.0, "exceptionally unlikely"),
)


def probability(p: float) -> str:
    """A probability as a sentence shows it: 87% (likely); never 100% or 0% from a finite sample."""
    if not np.isfinite(p):
        return "n/a"
    word = next(w for bound, w in LIKELIHOOD if p >= bound)
    share = "over 99%" if p > 0.99 else "under 1%" if p < 0.01 else f"{p:.0%}"
    return f"{share} ({word})"


def ensemble_sentences(a: Analysis) -> list[str]:
    """Over an ensemble, in plain words: how likely each arm is to pay back within the horizon, and how
    likely attitude-level work is to beat behaviour-only training (plain text: the command line prints
    it, the report escapes it)."""
    members = _members(a)
    econ = a.tables.get("economics")
    if members is None or econ is None or econ.empty or "p_payback" not in econ.columns:
        return []
    econ = econ[econ["point"] == 0].set_index("arm")
    ensemble = a.manifest["ensemble"]
    provenance = ensemble.get("provenance") or {}
    method = provenance.get("method")
    if isinstance(method, dict):  # calibrate's provenance: the method's name and library
        method = " ".join(str(method[k]) for k in ("name", "library") if method.get(k))
    origin = "synthetic, not calibrated" if provenance.get("synthetic") else method
    source = f"{ensemble['file']}" + (f", {origin}" if origin else ", method not stated")
    horizon = int(econ.iloc[0]["horizon_days"])
    arms = [arm for arm in a.labels if arm in econ.index]
    odds = "; ".join(f"{a.labels[arm]}: {probability(econ.loc[arm, 'p_payback'])}" for arm in arms)
    out = [
        f"Chance of paying back within the horizon ({horizon} days from the first campaign day), "
        f"{members.words()}, parameter sets from {source}: {odds}."
    ]
    contrasts = a.tables.get("ensemble_contrasts")
    if contrasts is None or contrasts.empty:
        return out
    contains = {arm["name"]: arm.get("contains") or arm["label"] for arm in a.experiment["arms"]}
    conf = int(a.definition["statistics"]["confidence"] * 100)
    for _, r in contrasts[contrasts["point"] == 0].iterrows():
        arm, reference = r["arm"], r["reference"]
        out.append(
            f"Attitude-level work beats behaviour-only training on net benefit over the horizon with "
            f"probability {probability(r['p_positive'])}: {a.labels.get(arm, arm)} "
            f"({contains.get(arm, arm)}) against {a.labels.get(reference, reference)} "
            f"({contains.get(reference, reference)}); net benefit of the first minus the second: "
            f"{keur(r['effect'])} {KEUR} per branch ({conf}% interval "
            f"{keur(r['ci_low'])} to {keur(r['ci_high'])}, {members.words()})."
        )
    return out


def factorial_text(a: Analysis) -> list[str]:
    """What training adds, what incentives add, and whether they reinforce each other, in money."""
    fac = a.tables.get("factorial")
    if fac is None or fac.empty:
        return []
    fac = fac[(fac["point"] == 0) & (fac["kpi"] == "net_benefit_eur")]
    conf = int(a.definition["statistics"]["confidence"] * 100)

    def amount(r) -> str:
        return f"{_keur(r['effect'])} ({conf}% interval {_keur(r['ci_low'])} to {_keur(r['ci_high'])})"

    mains = [
        f"{_esc(r['factor'])} = {_esc(r['level'])} adds {amount(r)}"
        for _, r in fac[fac["term"] == "main effect"].iterrows()
    ]
    inters = [f"{_esc(r['level'])}: {amount(r)}" for _, r in fac[fac["term"] == "interaction"].iterrows()]
    text = (
        "What each part adds, in net benefit per branch over the horizon (factorial main effects, each "
        "averaged over the other factor's levels): " + "; ".join(mains) + "."
    )
    if inters:
        text += (
            " Together more (or less) than the sum of each alone (interactions): " + "; ".join(inters) + "."
        )
    return [text]


def field_text(a: Analysis) -> list[str]:
    """How many effects exceed the field studies' sizes, and which are findings to explain."""
    field = a.tables.get("field")
    if field is None or field.empty:
        return []
    early = field[(field["point"] == 0) & (field["window"] == field["window"].iloc[0])]
    above = early[early["verdict_class"].isin(("above", "far above"))]
    flagged = early[early["verdict_class"] == "far above"]
    text = (
        f"Against field studies of such interventions (standardised effects, "
        f"{'months 2-5 after the start' if early['window'].iloc[0] == 'follow_up' else 'after period'}): "
        f"{len(above)} of {len(early)} comparisons have their whole interval above the field's upper bound"
    )
    if not flagged.empty:
        text += f"; at least {SEVERAL_TIMES:g}x it, findings to explain: " + ", ".join(
            f"{_esc(a.labels.get(r['arm'], r['arm']))} on {_esc(r['state'])} "
            f"(d = {format_d(r['d_model'])} against {format_d(r['d_field'])}, {_esc(r['figure'])}; "
            f"interval's lower end {format_ratio(r['d_low'] / r['field_high'])} the field's upper bound)"
            for _, r in flagged.iterrows()
        )
    return [text + ". The table below gives every comparison, also at the end of the run."]


def arms_html(a: Analysis) -> str:
    """Every arm and exactly what it contains, with its days."""
    rows = "".join(
        f"<tr><th>{_esc(arm['name'])}</th><td style='text-align:left'>{_esc(arm['label'])}</td>"
        f"<td style='text-align:left'>{_esc(arm.get('contains') or '')}</td></tr>"
        for arm in a.experiment["arms"]
    )
    return f"<table><tr><th>arm</th><th>label</th><th>contains</th></tr>{rows}</table>"


def _payback_cell(r: pd.Series) -> str:
    if "p_payback" in r.index and np.isfinite(r["p_payback"]):
        return f"p = {r['p_payback']:.0%} within the horizon"
    return f"{r['payback_share']:.0%} of seeds"


def economics_html(a: Analysis) -> str:
    """economics.csv as a table a controller reads: kEUR per branch over the horizon, as on the
    command line (the CSV keeps EUR)."""
    econ = a.tables["economics"]
    econ = econ[econ["point"] == 0].set_index("arm")
    conf = int(a.definition["statistics"]["confidence"] * 100)
    per_employee = "spend_per_employee_eur" in econ.columns
    rows = []
    for arm in [arm for arm in a.labels if arm in econ.index]:
        r = econ.loc[arm]
        payback = (
            f"day {int(r['payback_day'])}" if np.isfinite(r["payback_day"]) else "not within the horizon"
        )
        spend = (
            f"<td>{r['spend_per_employee_eur']:,.0f} EUR<br><small>{r['days_off_floor_per_employee']:.2f} "
            "days off the floor</small></td>"
            if per_employee
            else ""
        )
        rows.append(
            f"<tr><th>{_esc(a.labels[arm])}</th><td>{keur_amount(r['cost_eur'])}<br><small>"
            f"{keur_amount(r['one_off_eur'])} one-off + {keur_amount(r['running_eur'])} running</small></td>"
            f"<td>{keur(r['net_benefit_eur'])}<br><small>[{keur(r['net_benefit_low'])}, "
            f"{keur(r['net_benefit_high'])}]</small></td><td>{keur(r['net_benefit_eur_per_year'])}</td>"
            f"<td>{r['roi']:+.1f}<br><small>[{r['roi_low']:+.1f}, {r['roi_high']:+.1f}]</small></td>"
            f"<td>{r['margin_points']:+.1f}<br><small>[{r['margin_points_low']:+.1f}, "
            f"{r['margin_points_high']:+.1f}]</small></td>"
            f"<td>{r['pct_of_control_profit']:+.0f}%</td>"
            f"<td>{payback}<br><small>{_payback_cell(r)}</small></td>{spend}</tr>"
        )
    first = econ.iloc[0]
    spend_note = (
        " Per employee: campaign spending over the horizon, undiscounted, and the employee-days of "
        "training (off the floor), each over the employees in post; equal-budget arms show equal figures."
        if per_employee
        else ""
    )
    spend_head = (
        "<th>per employee<br><small>EUR spent, days off the floor</small></th>" if per_employee else ""
    )
    return (
        f"<table><caption>{KEUR} (thousand EUR) per branch, from day {int(first['first_day'])} over "
        f"{int(first['horizon_days'])} days, discounted at {first['discount_rate']:.0%} a year, against "
        f"control; [{conf}% interval {_over(a)}]. ROI = net benefit / cost. Margin points: change "
        "of profit / revenue. Profit vs control: the daily profit gap as a percent of the control's profit "
        f"per branch and day over the same days. Payback: days after the first campaign day.{spend_note} "
        "economics.csv gives the same numbers in EUR.</caption>"
        f"<tr><th>arm</th><th>cost<br><small>{KEUR}</small></th><th>net benefit after costs<br><small>"
        f"{KEUR}</small></th><th>per year<br><small>{KEUR}</small></th><th>ROI<br><small>net / cost</small>"
        "</th><th>margin points</th><th>profit vs control</th><th>payback</th>"
        f"{spend_head}</tr>{''.join(rows)}</table>"
    )


def _field_range(r: pd.Series) -> str:
    """The field's range under its figure, or nothing for a single published figure (I1)."""
    if r["field_low"] == r["field_high"]:
        return ""
    return f"<br><small>{format_d(r['field_low'])} to {format_d(r['field_high'])}</small>"


def field_html(a: Analysis) -> str:
    """The model's standardised effects beside the field studies' (docs/EVIDENCE.md I1-I5)."""
    field = a.tables.get("field")
    if field is None or field.empty:
        return ""
    field = field[field["point"] == 0]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    words = {
        "follow_up": "months 2-5 after the first campaign day",
        "post": "the after period (end of the run)",
    }
    rows = "".join(
        f"<tr><th>{_esc(a.labels.get(r['arm'], r['arm']))}</th>"
        f"<td>{_esc(words.get(r['window'], r['window']))}</td>"
        f"<td style='text-align:left'>{_esc(r['figure'])}: {_esc(r['what'])}</td><td>{_esc(r['state'])}</td>"
        f"<td>{format_d(r['d_model'])}<br><small>[{format_d(r['d_low'])}, "
        f"{format_d(r['d_high'])}]</small></td>"
        f"<td>{format_d(r['d_field'])}{_field_range(r)}</td>"
        f"<td>{format_ratio(r['ratio'])}</td><td style='text-align:left'>{_esc(r['verdict'])}</td></tr>"
        for _, r in field.iterrows()
    )
    return (
        "<table><caption>Against field studies: the trial's difference in differences of a staff state "
        "divided by that state's standard deviation between employees before the campaigns (the scale of "
        f"the field's d and g), [{conf}% interval {_over(a)}]. Ratio: the model's estimate over "
        f"the field's figure. {_esc(VERDICT_RULES)} An effect several times the field's is a finding to "
        "explain, not a success; the model's parameters are not fitted to these figures (they are only "
        "checked).</caption><tr><th>arm</th><th>when</th><th>field figure</th>"
        f"<th>state</th><th>model d</th><th>field d</th><th>ratio</th><th>verdict</th></tr>{rows}</table>"
    )


def factorial_html(a: Analysis) -> str:
    """Main effects and interactions on net benefit and the first KPIs."""
    fac = a.tables["factorial"]
    fac = fac[fac["point"] == 0]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    kpis = ["net_benefit_eur", *[k for k in a.kpis[:4] if k in set(fac["kpi"])]]
    head = "".join(
        f"<th>net benefit<br><small>{KEUR} per branch</small></th>"
        if k == "net_benefit_eur"
        else f"<th>{_esc(k.replace('_', ' '))}<br><small>{unit_words(k)}</small></th>"
        for k in kpis
    )
    rows = []
    for _, t in fac[["term", "factor", "level"]].drop_duplicates().iterrows():
        cells = []
        for k in kpis:
            r = fac[(fac["kpi"] == k) & (fac["factor"] == t["factor"]) & (fac["level"] == t["level"])]
            if r.empty:
                cells.append("<td>n/a</td>")
                continue
            r = r.iloc[0]
            show = keur if k == "net_benefit_eur" else (lambda v, k=k: _fmt(v, k))
            cells.append(
                f"<td>{show(r['effect'])}<br><small>[{show(r['ci_low'])}, {show(r['ci_high'])}]</small></td>"
            )
        what = (
            f"{t['factor']} = {t['level']}" if t["term"] == "main effect" else f"{t['level']} (interaction)"
        )
        rows.append(f"<tr><th>{_esc(what)}</th>{''.join(cells)}</tr>")
    return (
        f"<table><caption>Main effect: what a level adds against the factor's reference, averaged over the "
        f"other factor's levels. Interaction: how much more (or less) two changes give together than the "
        f"sum of each alone. [{conf}% interval {_over(a)}]; money from the first campaign day "
        f"over the horizon, other KPIs per branch and day in the last period.</caption>"
        f"<tr><th>term</th>{head}</tr>{''.join(rows)}</table>"
    )


def _verdict(kpi: str, effect: float) -> list[str]:
    """``better`` or ``worse`` for the company, by the KPI's good direction in the output registry."""
    good = good_direction(kpi)
    if good is None or not np.isfinite(effect) or effect == 0:
        return []
    return ["better" if (effect > 0) == (good == "up") else "worse"]


def _rate_row(a: Analysis, kpi: str, arm: str) -> tuple[pd.Series | None, pd.Series | None]:
    """The effect of ``arm`` on ``kpi`` per 1,000 visits and on visits (None where not computed)."""
    rates = a.tables.get("rates")
    if rates is None or kpi not in PER_VISIT_KPIS:
        return None, None
    rates = rates[(rates["point"] == 0) & (rates["arm"] == arm)].set_index("kpi")
    name = per_visit_name(kpi)
    rate = rates.loc[name] if name in rates.index else None
    visits = rates.loc["visits"] if "visits" in rates.index else None
    return rate, visits


def _excludes_zero(r: pd.Series) -> bool:
    return bool(r["ci_low"] > 0 or r["ci_high"] < 0)


def effects_html(a: Analysis) -> str:
    """The effects table: KPIs as rows, arms as columns, estimate over [CI] and d.

    A count that scales with the customers served (complaints, problems, churn ...) is judged by
    its rate per 1,000 visits, shown under it: where customers left, fewer complaints are not
    better service, so the count alone is never marked "better".
    """
    eff = a.tables["effects"]
    eff = eff[eff["point"] == 0]
    arms = [arm for arm in a.labels if arm != a.control and arm in set(eff["arm"])]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    head = "".join(f"<th>{_esc(a.labels[arm])}</th>" for arm in arms)
    rows = []
    rated = False
    for kpi in a.kpis:
        cells = []
        for arm in arms:
            r = eff[(eff["kpi"] == kpi) & (eff["arm"] == arm)].iloc[0]
            rate, visits = _rate_row(a, kpi, arm)
            judged = r if rate is None else rate  # a count of customers' events: judged per visit
            marks = ["sig", *_verdict(kpi, judged["effect"])] if _excludes_zero(judged) else []
            if rate is not None and _excludes_zero(r) and not _excludes_zero(rate):
                marks = ["sig"]  # the count changed, the rate per visit did not: neither better nor worse
            extra = ""
            if rate is not None:
                rated = True
                fewer = visits is not None and visits["ci_high"] < 0
                ci = f"[{_fmt(rate['ci_low'], None)}, {_fmt(rate['ci_high'], None)}]"
                extra = (
                    f"<br><small>per 1,000 visits: {_fmt(rate['effect'], None)} {ci}"
                    f"{'; fewer visits' if fewer else ''}</small>"
                )
            cls = f' class="{" ".join(marks)}"' if marks else ""
            cells.append(
                f"<td{cls}>{_fmt(r['effect'], kpi)}<br><small>[{_fmt(r['ci_low'], kpi)}, "
                f"{_fmt(r['ci_high'], kpi)}] d = {format_d(r['d'])}</small>{extra}</td>"
            )
        label = f"{kpi.replace('_', ' ')}<br><small>{unit_words(kpi)}</small>"
        rows.append(f"<tr><th>{label}</th>{''.join(cells)}</tr>")
    note = (
        " Counts of customers' events (complaints, problems, churn, walkouts) fall when customers leave: "
        "they are shown also per 1,000 visits, and only that rate is marked better or worse."
        if rated
        else ""
    )
    return (
        f"<table><caption>Effect against control (difference in differences), [{conf}% CI"
        f"{' ' + _members(a).words() if _members(a) is not None else ''}], Cohen's d; "
        f"bold: interval excludes zero (blue: better for the company, orange: worse).{note}</caption>"
        f"<tr><th>KPI</th>{head}</tr>{''.join(rows)}</table>"
    )


def heterogeneity_html(a: Analysis) -> str:
    """heterogeneity.csv as tables like the effects table: one per split, KPIs (with units) as
    rows, arms as columns; each cell the effect in the high half, in the low half and their
    difference, rounded like every other effect, each with its interval."""
    het = a.tables.get("heterogeneity")
    if het is None or het.empty:
        return ""
    het = het[het["point"] == 0]
    arms = [arm for arm in a.labels if arm != a.control and arm in set(het["arm"])]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    head = "".join(f"<th>{_esc(a.labels[arm])}</th>" for arm in arms)
    tables = []
    for state in dict.fromkeys(het["state"]):
        what, high_word, low_word = split_words(state)
        rows = []
        for kpi in [k for k in a.kpis if k in set(het["kpi"])]:
            cells = []
            for arm in arms:
                r = het[(het["state"] == state) & (het["kpi"] == kpi) & (het["arm"] == arm)]
                r = r.set_index("group")
                lines = []
                for group, word in (("high", "high"), ("low", "low"), ("difference", "high &minus; low")):
                    if group not in r.index:
                        lines.append(f"{word}: n/a")
                        continue
                    g = r.loc[group]
                    bold = g["ci_low"] > 0 or g["ci_high"] < 0
                    value = f"<b>{_fmt(g['effect'], kpi)}</b>" if bold else _fmt(g["effect"], kpi)
                    ci = f"[{_fmt(g['ci_low'], kpi)}, {_fmt(g['ci_high'], kpi)}]"
                    lines.append(f"{word}: {value} <small>{ci}</small>")
                cells.append(f"<td>{'<br>'.join(lines)}</td>")
            label = f"{kpi.replace('_', ' ')}<br><small>{unit_words(kpi)}</small>"
            rows.append(f"<tr><th>{label}</th>{''.join(cells)}</tr>")
        tables.append(
            f"<table><caption>Split by {_esc(what)}. Effect against control (difference in differences) "
            f"in the high half: {_esc(high_word)} (above the median {_esc(state)}, per replicate), in the "
            f"low half: {_esc(low_word)} (at or below it), and high &minus; low; [{conf}% CI {_over(a)}]; "
            "bold: interval excludes zero. Money KPIs from the first campaign day over the horizon, "
            f"other KPIs in the last period.</caption><tr><th>KPI</th>{head}</tr>{''.join(rows)}</table>"
        )
    return "".join(tables)


#: parameters named one by one as possibly the most influential; more are counted, the largest named
NAMED_FIRST = 5


def sensitivity_text(a: Analysis) -> list[str]:
    """Which uncertain parameter the contrast depends on most, and how often it stays positive."""
    ind = a.tables.get("indices")
    sens = a.definition["sensitivity"]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    if ind is None:
        return [_incomplete(a.missing)]
    out = []
    key, name = ("ST", "total index") if sens["method"] == "sobol" else ("mu_star", "mu*")
    outputs = outputs_of(sens, a.control)
    rough = too_few_samples(ind, sens["method"], sens["samples"])
    if rough:
        titles = {o.name: o.title(a.labels) for o in outputs}
        out.append(
            f"<b>Too few samples ({'r' if sens['method'] == 'morris' else 'N'} = {sens['samples']}) to "
            "order the parameters</b> of the "
            f"{_esc('; the '.join(titles.get(r, r) for r in rough))}: the typical {conf}% interval is wider "
            "than the typical index. Raise <code>samples</code> in the file."
        )
    for output in outputs:
        rows = ind[ind["output"] == output.name]
        gone = rows[rows["cancels"].astype(bool)]
        rows = rows[~rows["cancels"].astype(bool)].sort_values(["rank_best", key], ascending=[True, False])
        arm, ref = (_esc(a.labels.get(x, x)) for x in (output.arm, output.reference))
        if output.kpi == NET_BENEFIT:
            what = f"The net benefit of <b>{arm}</b> against <b>{ref}</b> (EUR per branch over the horizon)"
        else:
            what = f"The effect of <b>{arm}</b> over <b>{ref}</b> on {PHRASES.get(output.kpi, output.kpi)}"

        money = output.kpi == NET_BENEFIT and key == "mu_star"

        def told(r, money: bool = money) -> str:
            low, mid, high = (
                f"{x:,.0f} EUR" if money else f"{x:.3g}" for x in (r[f"{key}_low"], r[key], r[f"{key}_high"])
            )
            return f"<b>{r['parameter']}</b> ({name} {mid}, {conf}% CI {low} to {high})"

        if rows.empty:
            out.append(f"{what} depends on none of the sampled parameters.")
        else:
            # only what the intervals can order: the parameters that may be first are named together
            first = rows[rows["rank_best"] == 1]
            if len(first) == 1:
                out.append(f"{what} depends most on {told(first.iloc[0])}.")
            elif len(first) > NAMED_FIRST:
                largest = first.nlargest(NAMED_FIRST, key)
                out.append(
                    f"{what}: {len(first)} parameters may be the most influential, their intervals overlap "
                    f"too much to order them. The largest {name} among them: "
                    f"{', '.join(told(r) for _, r in largest.iterrows())}."
                )
            else:
                out.append(
                    f"{what} depends most on one of {', '.join(told(r) for _, r in first.iterrows())}: "
                    "their intervals overlap, so their order is not known."
                )
        if len(gone) > 6:
            out.append(
                f"{len(gone)} parameters cancel out of this output (they act on neither arm or on both "
                "alike, and change it at no sampled pair of points; not measured as small: unable to matter "
                "here): "
                f"{', '.join(gone['parameter'])}."
            )
        elif len(gone):
            out.append(
                f"{', '.join(gone['parameter'])} "
                + (
                    "cancels out of this output: it acts on neither arm or on both alike and changes"
                    if len(gone) == 1
                    else "cancel out of this output: they act on neither arm or on both alike and change"
                )
                + " it at no sampled pair of points (not measured as small: unable to matter here)."
            )
    follow = a.tables.get("follow_up")
    if follow is not None:
        rule = a.definition["sensitivity"]["follow_up"]
        names = list(follow["parameter"])
        live = ind[~ind["cancels"].astype(bool)]
        passing = live[
            live["mu_star_high"] >= rule["share"] * live.groupby("output")["mu_star"].transform("max")
        ]
        out.append(
            f"Screen rule: a parameter may matter where the upper bound of its mu* reaches "
            f"{rule['share']:.0%} of the largest mu* of some output ({passing['parameter'].nunique()} of "
            f"{ind['parameter'].nunique()} do); the outputs then take turns, each taking its largest mu* "
            f"(point estimate) not yet chosen, up to {rule['keep']}. "
            + (
                f"The Sobol follow-up (N = {rule['samples']}, in <code>sobol/report.html</code> beside this "
                f"report) analyses these {len(names)}, with every other parameter at the base scenario's "
                f"value: {', '.join(f'<b>{n}</b>' for n in names)}."
                if len(names) >= 2
                else f"Only {len(names)} parameter(s) matter by that rule: no Sobol follow-up."
            )
        )
    resp = a.tables.get("response")
    if resp is not None:
        for output in outputs:
            y = resp[output.name]
            what = (
                f"the net benefit of {_esc(a.labels.get(output.arm, output.arm))}"
                if output.kpi == NET_BENEFIT
                else f"the effect on {PHRASES.get(output.kpi, output.kpi)}"
            )
            low, high = y.quantile([0.05, 0.95])
            fmt = "{:+,.0f}" if output.kpi == NET_BENEFIT else "{:+.3g}"
            out.append(
                f"Across the sampled points {what} is "
                f"positive at {(y > 0).mean():.0%} of them (median {fmt.format(y.median())}, 5-95 %: "
                f"{fmt.format(low)} to {fmt.format(high)}; all: {fmt.format(y.min())} to "
                f"{fmt.format(y.max())})"
                + (
                    "; Morris points are one-at-a-time steps on a grid, not a uniform sample, so these "
                    "shares describe the design, not a probability."
                    if sens["method"] == "morris"
                    else "."
                )
            )
    return out


def sweep_text(a: Analysis) -> list[str]:
    """For a one-parameter sweep: each arm's effect at both ends, and how staff states move."""
    eff = a.tables["effects"]
    params = [p["path"] for p in a.definition["sweep"]["parameters"]]
    conf = int(a.definition["statistics"]["confidence"] * 100)
    out = []
    if len(params) != 1:
        out.append(f"{a.manifest['design_points']} design points over {', '.join(params)}; see the figures.")
    else:
        p = params[0]
        levels = a.tables["levels"]  # every arm, the control included (effects may be empty)
        lo, hi = levels[p].min(), levels[p].max()
        for kpi in a.kpis[:2]:
            bits = []
            for arm in [x for x in a.labels if x != a.control]:
                r = eff[(eff["arm"] == arm) & (eff["kpi"] == kpi)].set_index(p)
                if r.empty:
                    continue
                bits.append(
                    f"{_esc(a.labels[arm])} {_fmt(r.loc[lo, 'effect'], kpi)} "
                    f"({_ci(r.loc[lo, 'ci_low'], r.loc[lo, 'ci_high'], kpi, conf)}) at {lo:g} and "
                    f"{_fmt(r.loc[hi, 'effect'], kpi)} "
                    f"({_ci(r.loc[hi, 'ci_low'], r.loc[hi, 'ci_high'], kpi, conf)}) at {hi:g}"
                )
            if not bits:  # no arm besides the control
                continue
            what = PHRASES.get(kpi, kpi)
            out.append(
                f"Effect on {what} against control ({unit_words(kpi)}) by {p}: " + "; ".join(bits) + "."
            )
        lev = a.tables["levels"]
        for state in ("fear", "engagement"):
            bits = []
            for arm in a.labels:
                r = lev[(lev["arm"] == arm) & (lev["kpi"] == state)].set_index(p)
                if not r.empty:
                    bits.append(f"{_esc(a.labels[arm])} {r.loc[lo, 'level']:.3f} → {r.loc[hi, 'level']:.3f}")
            out.append(
                f"Staff {state} after the campaigns as {p} goes from {lo:g} to {hi:g}: "
                + "; ".join(bits)
                + "."
            )
    if a.missing:
        out.append(_incomplete(a.missing))
    return out


def sensitivity_method(a: Analysis, conf: int) -> str:
    """How a sensitivity analysis ran and what its numbers contain, in one paragraph."""
    d = a.definition
    sens = d["sensitivity"]
    exp = a.experiment
    pre, post = exp["pre"], exp["post"]
    start, end = exp.get("money") or (pre[1], pre[1])
    seeds = a.manifest.get("replicate_seeds", [])
    design = (
        f"Sobol (Saltelli's sampling, N = {sens['samples']}: {a.manifest['design_points']} points); S1 "
        f"and ST with {conf}% bootstrap intervals (SALib, 1,000 resamples)"
        if sens["method"] == "sobol"
        else f"Morris (r = {sens['samples']} trajectories on {sens['levels']} levels: "
        f"{a.manifest['design_points']} points, one-at-a-time steps, not a uniform sample of the space); "
        f"mu* (mean absolute elementary effect) with {conf}% bootstrap intervals (SALib, 1,000 resamples) "
        "and sigma"
    )
    parts = [
        f"Design: {design}. At every point each arm runs in every branch of the same company "
        f"({d.get('branches') or 'the scenario'} branches, {a.manifest['experiment'].get('days', '')} days) "
        f"on {len(seeds)} seed(s) shared by all points ({', '.join(map(str, seeds))}): chance is held "
        "fixed, not averaged, so the indices say nothing about seed-to-seed variation.",
        f"KPI contrasts ({', '.join(sens['outputs'])}) are differences in differences of "
        f"{_esc(sens['contrast'][0])} minus {_esc(sens['contrast'][1])} between before (days "
        f"{pre[0]}-{pre[1] - 1}) and after (money KPIs: days {start}-{end - 1}, costs included; others: "
        f"days {post[0]}-{post[1] - 1}).",
    ]
    if sens.get("net_benefit"):
        rate = float(exp.get("discount_rate", 0.0))
        parts.append(
            f"Net benefit: EUR per branch, the discounted ({rate:.0%} a year) sum over days "
            f"{start}-{end - 1} of the arm's daily profit minus the control's ({_esc(a.control)}), "
            "campaign costs included."
        )
    parts.append(
        "Arms: "
        + "; ".join(f"<b>{_esc(x['name'])}</b>: {_esc(x.get('contains') or x['label'])}" for x in exp["arms"])
        + "."
    )
    parts.append(
        "Tables: indices.csv (one row per output and parameter), response.csv (each output at each point "
        "with the point's values), design.parquet; runs/ is the Parquet dataset written as runs finish."
    )
    return " ".join(parts)


def method_text(a: Analysis, conf: int, method: str) -> str:
    """How arms were assigned to branches and the effects estimated, in one paragraph."""
    if a.kind == "sensitivity":
        return sensitivity_method(a, conf)
    assign = a.definition["assignment"]
    if a.kind == "sensitivity" or assign["mode"] == "paired":
        how = (
            "Every arm runs in every branch of the same company with the same seed (common random numbers), "
            "so arms differ only where their campaigns differ."
        )
    else:
        strat = (
            f", in blocks of branches with similar initial {assign['stratify_by']}"
            if assign["stratify_by"]
            else ""
        )
        how = (
            "In each replicate the branches of one company are randomised to the arms with equal "
            f"allocation{strat}; all arms share the replicate's seed (common random numbers) and each "
            "replicate has its own seed and randomisation."
        )
        if assign["counterfactual"]:
            how += " Each replicate also runs with no campaign at all: the true effect on treated branches."
    return (
        f"{how} The effect on a KPI is a difference in differences: the mean change (after minus "
        "before) of the arm's branches minus that of the control's branches, per replicate. The "
        f"{conf}% intervals are {method} intervals over the replicates' estimates; Cohen's d divides "
        "the effect by the pooled sd of the branches' change. All tables are in the results folder "
        "(tidy.parquet: one row per run, arm, branch and period; effects.csv, levels.csv, "
        "heterogeneity.csv; runs/ is the Parquet dataset written as runs finish)."
        + (ensemble_method(a) if _members(a) is not None else "")
    )


def ensemble_method(a: Analysis) -> str:
    """How the ensemble's members are combined, in the method paragraph."""
    members = _members(a)
    assert members is not None
    ensemble = a.manifest["ensemble"]
    return (
        f" Every arm ran over {members.count} parameter sets of the ensemble {ensemble['file']} "
        f"({', '.join(ensemble['parameters'])}) x {members.seeds} seeds each. Per parameter set "
        "the seeds give the mean effect and its standard error (a Student t with seeds - 1 degrees of "
        "freedom); the intervals are the quantiles of these t distributions mixed with the sets' weights "
        "(over parameters and seeds), and p_positive and p_payback are the mixture's probability above "
        "zero (for p_payback: that the net benefit over the horizon is at least zero, i.e. the arm pays "
        "back within it). Trajectory figures and the spending per employee average member x seed runs "
        "without weights."
    )


def calibrated_world_html(a: Analysis) -> str:
    """The report's warning: each point whose control arm left the published ranges, figure by
    figure with value, interval, range and source; "" when every figure is inside."""
    table = a.tables.get("calibrated_world")
    if table is None or table.empty or not table["outside"].astype(bool).any():
        return ""
    conf = int(CONFIDENCE * 100)
    params = [p["path"] for p in (a.definition.get("sweep") or {}).get("parameters", [])]
    design = a.design.set_index("point") if a.kind == "sweep" and params else None
    rows, left = [], "<td style='text-align:left'>"
    for r in table[table["outside"].astype(bool)].itertuples():
        where = str(r.point)
        if design is not None and r.point in design.index:
            where += " (" + ", ".join(f"{p} = {design.at[r.point, p]}" for p in params) + ")"
        rows.append(
            f"<tr><td>{_esc(where)}</td><th>{_esc(r.figure)}</th>{left}{_esc(r.what)}</td>"
            f"<td>{r.value:.3g}</td><td>{r.ci_low:.3g} to {r.ci_high:.3g}</td>"
            f"<td>{r.range_low:.3g} to {r.range_high:.3g}</td>"
            f"{left}{_esc(r.window)}</td>{left}{_esc(r.source)}</td></tr>"
        )
    head = (
        "<tr><th>point</th><th>figure</th><th>what</th><th>value</th>"
        f"<th>{conf}% interval over branches x replicates</th><th>calibrated range</th><th>window</th>"
        "<th>source</th></tr>"
    )
    return (
        "<div style='border:2px solid #b38f00;background:#fff8d6;padding:.2em 1em;margin:1em 0'>"
        "<h2>Outside the calibrated world</h2>"
        "<p>The control arm's baseline (or, without a control arm, every arm's) leaves the ranges of the "
        "published figures the model's parameters were set and fitted on (docs/EVIDENCE.md, docs/ODD.md "
        "section 8). Results at these points extrapolate beyond the calibration: read them as a what-if, "
        "not a forecast. The interval is over branches and replicates (chance), not over parameters; a "
        "figure counts as outside only when its whole interval lies beyond the range.</p>"
        f"<table>{head}{''.join(rows)}</table></div>"
    )
