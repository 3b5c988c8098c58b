"""Every label and text of the UI in English and German.

German uses the concept paper's own words (``docs/CONCEPT.md``): *Brille des
Bewirkens*, *Kundenorientierung*, *Bewirken* vs *Tun*, *Verhaltens-* vs
*Einstellungsebene*, *Verbundenheit*, *Erlebbarkeit*, so that trainers and
strategists find the vocabulary they use in workshops.  Both tables must have
the same keys (a unit test checks it); :func:`tr` falls back to English and
then to the key itself, so a missing entry shows up as a visible key, never as
a crash.
"""

from __future__ import annotations

from .game_text import GAME_DE, GAME_EN
from .room_text import ROOM_DE, ROOM_EN
from .workshop_text import WS_DE, WS_EN

LANGUAGES = ("en", "de")

EN: dict[str, str] = {
    # --- frame ---------------------------------------------------------------
    "app.title": "campaign-sim: customer-orientation campaigns",
    "app.short": "campaign-sim",
    "mode.strategist": "Strategist",
    "mode.workshop": "Workshop",
    "lang.label": "Language",
    "large.label": "Projector",
    "large.hint": "Large type and thick lines for a projector",
    "intro": (
        "Pick a scenario, change the levers, then step or run. Plan B runs alongside with the same "
        "company, the same people and the same random numbers, so every difference comes from the plan."
    ),
    # --- scenario and levers --------------------------------------------------
    "controls.title": "Scenario and levers",
    "scenario.label": "Scenario",
    "scenario.own": "Own scenario file (path on this computer)",
    "scenario.load": "Load",
    "scenario.drop": "… or drop a .toml scenario file here",
    "scenario.loaded": "Loaded scenario '{name}' ({branches} branches, {days} days).",
    "scenario.description": "About this scenario",
    "lever.promise": "Promise level (from working day {day})",
    "lever.promise_file": "Promise as in the scenario",
    "lever.branches": "Branches",
    "lever.seed": "Seed (random numbers)",
    "lever.days": "Days",
    "lever.applied": "New settings applied: the run starts again at day 0.",
    "training.behaviour": "Behaviour training (doing)",
    "training.attitude": "Attitude training (lens of effect)",
    "training.both": "Behaviour and attitude training",
    # --- running --------------------------------------------------------------
    "btn.step": "Step",
    "btn.run": "Run",
    "btn.pause": "Pause",
    "btn.reset": "Reset",
    "speed.label": "Speed (days per second)",
    "status.day": "Day {day} of {days}",
    "status.done": "Run complete.",
    "status.rate": "{rate:.0f} days/s",
    # --- tabs -------------------------------------------------------------------
    "tab.dashboard": "Dashboard",
    "tab.branches": "All branches",
    "tab.drill": "One branch",
    "tab.compare": "Compare plans",
    "tab.export": "Export",
    # --- dashboard ----------------------------------------------------------
    "chart.kpi_band": "{kpi} ({unit}): mean; band: spread between branches (10-90 %)",
    "chart.staff": "Staff: mean states",
    "chart.customers": "Customers: mean states",
    "kpi.select": "Branch KPIs to chart",
    "axis.day": "Working day",
    "axis.value": "Value",
    "axis.state": "State",
    "group.business": "Business",
    "group.staff": "Staff",
    "group.customers": "Customers",
    "group.campaign": "Campaigns",
    "legend.plan": "Plan",
    # --- tiles and drill-down -------------------------------------------------
    "tiles.colour": "Colour branches by",
    "tiles.title": "{kpi}, mean of the last 7 days",
    "tiles.hint": "Click a branch to look inside it.",
    "drill.branch": "Branch",
    "drill.staff_colour": "Colour employees by",
    "drill.customer_colour": "Colour customers by",
    "drill.employees": "Branch {branch}: {n} employees by {state}",
    "drill.customers": "{n} active customers by {state}",
    "drill.hint": "Click a person (or pick one below) to see their history.",
    "drill.pick": "Person",
    "drill.history": "History of {who}",
    "drill.gone": "{who} is no longer with the branch.",
    "drill.no_history": "No history recorded for runs this large.",
    "who.employee": "employee {uid}",
    "who.customer": "customer {uid}",
    # --- comparison -----------------------------------------------------------
    "compare.plan_a": "Plan A: the levers on the left",
    "compare.plan_b": "Plan B: same company, same seed",
    "compare.kpis": "KPIs to compare",
    "compare.ab": "{kpi}: A and B (mean over branches)",
    "compare.diff": "{kpi}: B − A per day (above 0: B higher)",
    "compare.table": "Mean per branch over the last quarter of the days run (working days {q0}-{q1})",
    "compare.col_kpi": "KPI",
    "compare.col_diff": "B − A (this run)",
    # --- export -----------------------------------------------------------------
    "export.title": "Export the current run (day {day})",
    "export.csv": "KPIs per branch and day (CSV)",
    "export.parquet": "KPIs per branch and day (Parquet)",
    "export.png": "Charts (PNG)",
    "export.compare_png": "Comparison charts (PNG)",
    "export.hint": "Both plans, every KPI, one row per plan, day and branch.",
    # --- messages -------------------------------------------------------------
    "error.scenario": "This scenario cannot be used; the app keeps the previous one.",
    "error.value": "This value is not allowed; the app keeps the previous settings.",
    "error.run": "The run stopped with an error; reset to start again.",
    "error.upload": "The uploaded file could not be read.",
    "error.dismiss": "OK",
    # --- KPI and state names (campaign_sim.outputs) ------------------------------
    "kpi.revenue": "Revenue",
    "kpi.profit": "Profit",
    "kpi.additional_sales": "Additional sales",
    "kpi.complaints": "Complaints",
    "kpi.escalations": "Escalations",
    "kpi.problems": "Problems",
    "kpi.unsolved_problems": "Unsolved problems",
    "kpi.visits": "Visits",
    "kpi.active_customers": "Active customers",
    "kpi.churned": "Customers lost",
    "kpi.new_customers": "New customers",
    "kpi.satisfaction": "Satisfaction",
    "kpi.trust": "Trust",
    "kpi.loyalty": "Loyalty",
    "kpi.expectation": "Expectation",
    "kpi.reputation": "Reputation",
    "kpi.quits": "Quits",
    "kpi.absence_days": "Absence",
    "kpi.training_days": "Training days",
    "kpi.shrinkage": "Shrinkage",
    "kpi.theft_loss": "Shoplifting loss",
    "kpi.campaign_cost": "Campaign cost",
    "kpi.hiring_cost": "Hiring cost",
    "kpi.wages": "Wages",
    "kpi.cost_of_goods": "Cost of goods",
    "kpi.absence_cover": "Absence cover",
    "kpi.rent": "Rent",
    "kpi.overhead": "Overhead",
    "kpi.over_capacity": "Visits over capacity",
    "kpi.walkouts": "Walkouts",
    "kpi.lost_sales": "Sales lost to waiting",
    "kpi.climate": "Climate",
    "kpi.fear": "Fear",
    "kpi.fear_of_customers": "Fear of customers",
    "kpi.fear_of_boss": "Fear of the boss",
    "kpi.fear_for_job": "Fear for the job",
    "kpi.pride": "Pride",
    "kpi.effect_awareness": "Effect awareness",
    "kpi.engagement": "Engagement",
    "kpi.ability": "Ability (know-how)",
    "kpi.willingness": "Willingness",
    "kpi.delivered_behaviour": "Behaviour delivered",
    "kpi.horizon": "Horizon",
    "kpi.staff": "Employees",
    "unit.EUR/day": "EUR/day",
    "unit.count/day": "per day",
    "unit.count": "count",
    "unit.0..1": "scale 0-1",
    # --- shipped scenarios ----------------------------------------------------
    "scen.baseline": "Ordinary market, managers as they are, no campaign: the control.",
    "scen.retail_store": "Retail store archetype: the model's defaults, with a store's costs.",
    "scen.bank_branch": "Bank branch archetype: small teams, rarer visits, a bank's income and costs.",
    "scen.harsh_market": "Market pressure 0.7 and a stronger competitor: fear rises, passion erodes.",
    "scen.behaviour_training": "Two days of behaviour training for every employee, days 30-59.",
    "scen.attitude_training": "Attitude workshops (lens of effect) and incentives for customer effect.",
    "scen.combined": "Behaviour training, attitude workshops and effect incentives together.",
    "scen.broken_promise": "Big advertising promises; staff trained in behaviour but fearful.",
    "scen.effect_incentives": "Managers reward effecting instead of activity; no training.",
    "scen.fearful_behaviour_training": (
        "Behaviour training under controlling managers who reprimand (0.6) and fearful staff."
    ),
    "scen.calm_behaviour_training": "Behaviour training in an easy market with unafraid staff.",
    "scen.punitive_attitude_training": (
        "Attitude workshops with an incentive scheme of penalties for bad results (0.9) and hardly any "
        "reward (0.1)."
    ),
    "lever.training": "Campaign type (from working day {day}, 30 days)",
    "lever.incentive": "Incentive scheme (from working day {day} to the end)",
    "lever.leadership": "Manager style (leadership campaign from working day {day})",
    "lever.market_pressure": "Market pressure: {value}",
    "opt.file_none": "as in the scenario: none",
    "opt.file_with": "as in the scenario: {what}",
    "training.none": "no training",
    "incentive.none": "no incentive scheme",
    "leadership.none": "managers as they are (no leadership campaign)",
    "incentive.doing": "rewards for doing (activity), small penalties for bad results",
    "incentive.effect": "rewards for effecting (customer outcomes), small penalties for bad results",
    "leadership.supportive": "manager style: supportive (rarely reprimands)",
    "leadership.controlling": "manager style: controlling (reprimands)",
    "camp.behaviour_training": "Behaviour training",
    "camp.attitude_training": "Attitude training (lens of effect)",
    "camp.incentive_scheme": "Incentive scheme",
    "camp.leadership": "Manager style",
    "camp.promise": "Advertising promise",
    "desc.all_branches": "all {n} branches",
    "desc.branch_list": "{count} branches ({ids})",
    "desc.branch_share": "{count} branches (first {share} %)",
    "desc.branch_range": "branches {first}-{last} ({count})",
    "desc.days": "working days {start}-{end}",
    "desc.days_open": "from working day {start} to the end",
    "desc.training": "{off} days off the floor, {cost} EUR per participant",
    "desc.focus_effect": "effecting (customer outcomes)",
    "desc.focus_doing": "doing (activity)",
    "desc.incentive": (
        "rewards for {what} {reward}, penalties for bad results {penalty}, {cost} EUR per employee and day"
    ),
    "desc.leadership": "manager support {support}, reprimands {reprimand}, {cost} EUR per employee and day",
    "desc.as_branch": "as the branch's",
    "desc.promise": "level {level}, {cost} EUR advertising per day",
    "desc.no_campaign": "no campaign",
    "num.interval": "{lo} to {hi}",
    "ahead.better": "{plan} better by {value}",
    "ahead.higher": "{plan} higher by {value}",
    "ahead.none": "no difference",
    "team.title": "Our branches: starting team states",
    "team.hint": (
        "Mean over branches at day 0, 0-1 scale; the spread between branches and people stays as in the "
        "scenario."
    ),
    "team.leadership_support": "Manager support",
    "team.punishment": "Manager style: reprimands (0 never, 1 hard)",
    "team.value": "{label}: {value}",
    "dash.band_hint": (
        "The shaded band is the spread between branches (10th to 90th percentile of the branches on "
        "each day), not uncertainty. Days are working days: one model step is one working day of a "
        "branch."
    ),
    "compare.contains": "Campaigns of this plan",
    "cost.title": "Campaign cost up to working day {day}, all {n} branches",
    "cost.campaign": "{campaign}: one-off {one_off} EUR, running {running} EUR",
    "export.png_title": "{name}, seed {seed}, {branches} branches",
    "cost.line": (
        "one-off {one_off} EUR (training fees) · running {running} EUR (incentives, coaching, "
        "advertising per day) · total {spent} EUR ({per_branch} EUR per branch)"
    ),
    "pay.title": "Money: cumulative net benefit of B − A from working day {start}",
    "pay.chart": "Cumulative profit B − A, all {n} branches (EUR; above 0: B ahead)",
    "pay.axis": "EUR, cumulative",
    "pay.lead_b": (
        "After {days} working days B is ahead by {value} EUR (all {n} branches, campaign costs included)."
    ),
    "pay.lead_a": (
        "After {days} working days A is ahead by {value} EUR (all {n} branches, campaign costs included)."
    ),
    "pay.lead_none": "After {days} working days neither plan is ahead.",
    "pay.break_even": (
        "Break-even of plan {plan} (it spends more on campaigns): working day {day}, from which its "
        "cumulative net benefit stays at or above zero."
    ),
    "pay.not_within": (
        "Break-even of plan {plan} (it spends more on campaigns): not within the run so far (day {days})."
    ),
    "pay.same": "The plans do not differ: nothing to pay back.",
    "pay.hint": (
        "Profit is net of campaign costs, so the cumulative includes them. The daily difference "
        "crossing zero is not the break-even: the money spent before must be earned back first. Days "
        "are working days (one model step is one working day of a branch)."
    ),
    "pay.rule": "break-even",
    "compare.col_lead": "Who is ahead (this run)",
    "seeds.label": "Seeds for the interval of B − A",
    "seeds.run": "Run {n} seeds",
    "seeds.running": "Running {i} of {n} …",
    "seeds.title": (
        "Uncertainty over seeds: B − A in {n} runs with seeds {first}-{last}, each to working day "
        "{days}, mean over the last quarter (days {q0}-{q1})"
    ),
    "seeds.hint": (
        "Each seed is another draw of chance (who visits, who quits, which problems occur) with the "
        "same parameters. Shown: the mean over seeds and its 90 % confidence interval (Student t). This "
        "is uncertainty over seeds only, not over the model's parameters."
    ),
    "seeds.col_mean": "B − A, mean over the runs",
    "seeds.col_ci": "90 % interval of the mean",
    "seeds.col_lead": "Who is ahead (mean)",
    "seeds.money": "Cumulative net benefit B − A on the last day, all branches",
    "seeds.break_even": "Break-even of plan {plan}: within the run in {k} of {n} runs{median}.",
    "seeds.median": "; median working day {day}",
    "seeds.one": "one seed: no interval",
    "seeds.stale": "The levers changed since the seeds were run: run them again.",
    "seeds.stale_mode": (
        "These runs were made {mode} parameter uncertainty; the tick box now says otherwise: run them "
        "again to see the other kind."
    ),
    "seeds.with": "with",
    "seeds.without": "without",
    "seeds.none": "Run the seeds to see how sure B − A is.",
    "seeds.ensemble": (
        "Include parameter uncertainty: each run also takes a parameter set drawn by weight from the "
        "calibrated ensemble ({m} members, calibration/ensemble.csv; their weights make them worth "
        "{e} equally weighted ones)"
    ),
    "seeds.hint_ensemble": (
        "Each run takes another seed and a parameter set drawn from the calibrated ensemble with "
        "probability by its weight, for both plans alike. Shown: the mean over the runs with its 90 % "
        "confidence interval, and the range that holds 90 % of the runs: uncertainty over parameters "
        "and seeds together. The scenario's own values of the ensemble's parameters are replaced. The "
        "weights are concentrated, so the runs draw few different parameter sets: the band can move "
        "without widening, and it understates how little the published figures pin the parameters down."
    ),
    "seeds.title_ensemble": (
        "Uncertainty over parameters and seeds: B − A in {n} runs ({m} different parameter sets of the "
        "calibrated ensemble, seeds {first}-{last}), each to working day {days}, mean over the last "
        "quarter (days {q0}-{q1})"
    ),
    "seeds.col_runs": "90 % of the runs between",
    "seeds.band": "B − A in {kpi}: median of {n} seeds and the band holding 90 % of them",
    "seeds.band_ensemble": (
        "B − A in {kpi}: median of {n} runs over parameter sets and seeds, and the band holding 90 % of them"
    ),
    "field.title": "Against field studies (docs/EVIDENCE.md I1-I5): standardised effects over the same runs",
    "field.col_figure": "Field figure (state)",
    "field.col_model": "Model: effect in standard deviations between employees (90 % interval over the runs)",
    "field.col_field": "Field studies (range)",
    "field.col_ratio": "Model ÷ field",
    "field.col_source": "Source",
    "field.ratio": "{x} ×",
    "field.hint": (
        "Standardised effect, as the experiments' field comparison computes it: the difference of the "
        "state (mean over the last quarter) divided by its standard deviation between employees on "
        "working day {day}, before any campaign, per seed. A field figure is shown where only one plan "
        "has campaigns of its kind; each is a meta-analytic mean for one kind of campaign, so a plan "
        "with several campaigns is compared with each. An effect several times the field's is a "
        "finding to explain, not a success."
    ),
    "field.none": (
        "No field figure fits: one is compared where only one plan has campaigns of its kind "
        "(trainings, incentive schemes, leadership)."
    ),
    "scenario.kept": (
        "Kept from before: plan B and the branches, days and seed you typed in. Plan A's levers, "
        "market pressure and team states are the new scenario's."
    ),
}

DE: dict[str, str] = {
    "app.title": "campaign-sim: Kundenorientierungskampagnen",
    "app.short": "campaign-sim",
    "mode.strategist": "Strategie",
    "mode.workshop": "Workshop",
    "lang.label": "Sprache",
    "large.label": "Beamer",
    "large.hint": "Große Schrift und dicke Linien für den Beamer",
    "intro": (
        "Wählen Sie ein Szenario, stellen Sie die Hebel ein und lassen Sie den Lauf schrittweise oder am "
        "Stück laufen. Plan B läuft parallel: dasselbe Unternehmen, dieselben Menschen, dieselben "
        "Zufallszahlen. Jeder Unterschied geht also auf den Plan zurück."
    ),
    "controls.title": "Szenario und Hebel",
    "scenario.label": "Szenario",
    "scenario.own": "Eigene Datei (Pfad auf diesem Rechner)",
    "scenario.load": "Laden",
    "scenario.drop": "… oder eine Szenariodatei (.toml) hier ablegen",
    "scenario.loaded": "Szenario „{name}“ geladen ({branches} Filialen, {days} Tage).",
    "scenario.description": "Zu diesem Szenario",
    "lever.promise": "Werbeversprechen (ab Arbeitstag {day})",
    "lever.promise_file": "Versprechen wie im Szenario",
    "lever.branches": "Filialen",
    "lever.seed": "Startwert (Zufallszahlen)",
    "lever.days": "Tage",
    "lever.applied": "Neue Einstellungen übernommen: Der Lauf beginnt wieder bei Tag 0.",
    "training.behaviour": "Verhaltenstraining (Tun)",
    "training.attitude": "Einstellungstraining (Brille des Bewirkens)",
    "training.both": "Verhaltens- und Einstellungstraining",
    "btn.step": "Schritt",
    "btn.run": "Start",
    "btn.pause": "Pause",
    "btn.reset": "Zurücksetzen",
    "speed.label": "Tempo (Tage pro Sekunde)",
    "status.day": "Tag {day} von {days}",
    "status.done": "Lauf beendet.",
    "status.rate": "{rate:.0f} Tage/s",
    "tab.dashboard": "Übersicht",
    "tab.branches": "Alle Filialen",
    "tab.drill": "Eine Filiale",
    "tab.compare": "Pläne vergleichen",
    "tab.export": "Export",
    "chart.kpi_band": "{kpi} ({unit}): Mittel; Band: Streuung zwischen Filialen (10-90 %)",
    "chart.staff": "Mitarbeiter: mittlere Zustände",
    "chart.customers": "Kunden: mittlere Zustände",
    "kpi.select": "Kennzahlen der Filialen im Diagramm",
    "axis.day": "Arbeitstag",
    "axis.value": "Wert",
    "axis.state": "Zustand",
    "group.business": "Geschäft",
    "group.staff": "Personal",
    "group.customers": "Kunden",
    "group.campaign": "Kampagnen",
    "legend.plan": "Plan",
    "tiles.colour": "Filialen einfärben nach",
    "tiles.title": "{kpi}, Mittel der letzten 7 Tage",
    "tiles.hint": "Klicken Sie auf eine Filiale, um sie im Detail zu sehen.",
    "drill.branch": "Filiale",
    "drill.staff_colour": "Mitarbeiter einfärben nach",
    "drill.customer_colour": "Kunden einfärben nach",
    "drill.employees": "Filiale {branch}: {n} Mitarbeiter nach {state}",
    "drill.customers": "{n} aktive Kunden nach {state}",
    "drill.hint": "Klicken Sie auf eine Person (oder wählen Sie sie unten aus), um ihren Verlauf zu sehen.",
    "drill.pick": "Person",
    "drill.history": "Verlauf von {who}",
    "drill.gone": "{who} ist nicht mehr in dieser Filiale.",
    "drill.no_history": "Für so große Läufe wird kein Verlauf aufgezeichnet.",
    "who.employee": "Mitarbeiter {uid}",
    "who.customer": "Kunde {uid}",
    "compare.plan_a": "Plan A: die Hebel links",
    "compare.plan_b": "Plan B: dasselbe Unternehmen, derselbe Startwert",
    "compare.kpis": "Kennzahlen im Vergleich",
    "compare.ab": "{kpi}: A und B (Mittel über die Filialen)",
    "compare.diff": "{kpi}: B − A pro Tag (über 0: B höher)",
    "compare.table": (
        "Mittel je Filiale über das letzte Viertel der bisher gerechneten Tage (Arbeitstage {q0}-{q1})"
    ),
    "compare.col_kpi": "Kennzahl",
    "compare.col_diff": "B − A (dieser Lauf)",
    "export.title": "Den aktuellen Lauf exportieren (Tag {day})",
    "export.csv": "Kennzahlen je Filiale und Tag (CSV)",
    "export.parquet": "Kennzahlen je Filiale und Tag (Parquet)",
    "export.png": "Diagramme (PNG)",
    "export.compare_png": "Vergleichsdiagramme (PNG)",
    "export.hint": "Beide Pläne, alle Kennzahlen, eine Zeile je Plan, Tag und Filiale.",
    "error.scenario": "Dieses Szenario ist nicht verwendbar; die App behält das bisherige.",
    "error.value": "Dieser Wert ist nicht zulässig; die App behält die bisherigen Einstellungen.",
    "error.run": "Der Lauf wurde wegen eines Fehlers abgebrochen; „Zurücksetzen“ startet ihn neu.",
    "error.upload": "Die hochgeladene Datei ließ sich nicht lesen.",
    "error.dismiss": "OK",
    "kpi.revenue": "Umsatz",
    "kpi.profit": "Gewinn",
    "kpi.additional_sales": "Zusatzverkauf",
    "kpi.complaints": "Beschwerden",
    "kpi.escalations": "Eskalationen",
    "kpi.problems": "Probleme",
    "kpi.unsolved_problems": "Ungelöste Probleme",
    "kpi.visits": "Besuche",
    "kpi.active_customers": "Aktive Kunden",
    "kpi.churned": "Abgewanderte Kunden",
    "kpi.new_customers": "Neukunden",
    "kpi.satisfaction": "Zufriedenheit",
    "kpi.trust": "Vertrauen",
    "kpi.loyalty": "Verbundenheit",
    "kpi.expectation": "Erwartung",
    "kpi.reputation": "Reputation",
    "kpi.quits": "Kündigungen",
    "kpi.absence_days": "Fehlzeiten",
    "kpi.training_days": "Trainingstage",
    "kpi.shrinkage": "Inventurdifferenz",
    "kpi.theft_loss": "Ladendiebstahl",
    "kpi.campaign_cost": "Kampagnenkosten",
    "kpi.hiring_cost": "Kosten für Neueinstellungen",
    "kpi.wages": "Lohnkosten",
    "kpi.cost_of_goods": "Wareneinsatz",
    "kpi.absence_cover": "Kosten für Vertretungen",
    "kpi.rent": "Miete",
    "kpi.overhead": "Sonstige Betriebskosten",
    "kpi.over_capacity": "Besuche über Kapazität",
    "kpi.walkouts": "Abbrüche wegen Wartezeit",
    "kpi.lost_sales": "Umsatzverlust durch Wartezeit",
    "kpi.climate": "Klima",
    "kpi.fear": "Angst",
    "kpi.fear_of_customers": "Angst vor Kunden",
    "kpi.fear_of_boss": "Angst vor dem Chef",
    "kpi.fear_for_job": "Angst um den Arbeitsplatz",
    "kpi.pride": "Stolz",
    "kpi.effect_awareness": "Wirkungsbewusstsein",
    "kpi.engagement": "Begeisterung",
    "kpi.ability": "Können (Verhaltenswissen)",
    "kpi.willingness": "Mitmachbereitschaft",
    "kpi.delivered_behaviour": "Gezeigtes Verhalten",
    "kpi.horizon": "Handlungshorizont",
    "kpi.staff": "Mitarbeiter",
    "unit.EUR/day": "EUR/Tag",
    "unit.count/day": "pro Tag",
    "unit.count": "Anzahl",
    "unit.0..1": "Skala 0-1",
    "scen.baseline": "Normaler Markt, Führungskräfte wie bisher, keine Kampagne: die Vergleichsgruppe.",
    "scen.retail_store": (
        "Typische Einzelhandelsfiliale: die Standardwerte des Modells mit den Kosten eines Ladens."
    ),
    "scen.bank_branch": (
        "Typische Bankfiliale: kleine Teams, seltenere Besuche, Erträge und Kosten einer Bank."
    ),
    "scen.harsh_market": (
        "Marktdruck 0,7 und ein stärkerer Wettbewerber: Die Angst steigt, die Leidenschaft schwindet."
    ),
    "scen.behaviour_training": "Zwei Tage Verhaltenstraining für alle Mitarbeiter, Arbeitstage 30-59.",
    "scen.attitude_training": "Einstellungs-Workshops (Brille des Bewirkens) und Anreize für Bewirken.",
    "scen.combined": "Verhaltenstraining, Einstellungs-Workshops und Anreize für Bewirken zusammen.",
    "scen.broken_promise": "Große Werbeversprechen; das Personal ist im Verhalten geschult, aber ängstlich.",
    "scen.effect_incentives": "Führungskräfte belohnen Bewirken statt Aktivität; kein Training.",
    "scen.fearful_behaviour_training": (
        "Verhaltenstraining bei ängstlichem Personal und kontrollierenden Chefs, die oft tadeln (Tadel 0,6)."
    ),
    "scen.calm_behaviour_training": (
        "Verhaltenstraining in einem entspannten Markt; das Personal hat kaum Angst."
    ),
    "scen.punitive_attitude_training": (
        "Einstellungs-Workshops mit einem Anreizsystem aus Abzügen bei schlechten Ergebnissen (0,9) und "
        "kaum Prämien (0,1)."
    ),
    "lever.training": "Kampagnenart (ab Arbeitstag {day}, 30 Tage)",
    "lever.incentive": "Anreizsystem (ab Arbeitstag {day} bis zum Ende)",
    "lever.leadership": "Führungsstil (Führungskampagne ab Arbeitstag {day})",
    "lever.market_pressure": "Marktdruck: {value}",
    "opt.file_none": "wie im Szenario: keine",
    "opt.file_with": "wie im Szenario: {what}",
    "training.none": "kein Training",
    "incentive.none": "kein Anreizsystem",
    "leadership.none": "Führungskräfte wie bisher (keine Führungskampagne)",
    "incentive.doing": "Prämien für Tun (Aktivität), kleine Abzüge bei schlechten Ergebnissen",
    "incentive.effect": (
        "Prämien für Bewirken (Wirkung beim Kunden), kleine Abzüge bei schlechten Ergebnissen"
    ),
    "leadership.supportive": "Führungsstil: unterstützend (tadelt selten)",
    "leadership.controlling": "Führungsstil: kontrollierend (tadelt)",
    "camp.behaviour_training": "Verhaltenstraining",
    "camp.attitude_training": "Einstellungstraining (Brille des Bewirkens)",
    "camp.incentive_scheme": "Anreizsystem",
    "camp.leadership": "Führungsstil",
    "camp.promise": "Werbeversprechen",
    "desc.all_branches": "alle {n} Filialen",
    "desc.branch_list": "{count} Filialen ({ids})",
    "desc.branch_share": "{count} Filialen (erste {share} %)",
    "desc.branch_range": "Filialen {first}-{last} ({count})",
    "desc.days": "Arbeitstage {start}-{end}",
    "desc.days_open": "ab Arbeitstag {start} bis zum Ende",
    "desc.training": "{off} Tage außerhalb der Filiale, {cost} EUR je Teilnehmer",
    "desc.focus_effect": "Bewirken (Wirkung beim Kunden)",
    "desc.focus_doing": "Tun (Aktivität)",
    "desc.incentive": (
        "Prämien für {what} {reward}, Abzüge bei schlechten Ergebnissen {penalty}, {cost} EUR je "
        "Mitarbeiter und Tag"
    ),
    "desc.leadership": "Unterstützung {support}, Tadel {reprimand}, {cost} EUR je Mitarbeiter und Tag",
    "desc.as_branch": "wie in der Filiale",
    "desc.promise": "Stärke {level}, {cost} EUR Werbung pro Tag",
    "desc.no_campaign": "keine Kampagne",
    "num.interval": "{lo} bis {hi}",
    "ahead.better": "{plan} um {value} besser",
    "ahead.higher": "{plan} um {value} höher",
    "ahead.none": "kein Unterschied",
    "team.title": "Unsere Filialen: Ausgangszustand der Teams",
    "team.hint": (
        "Mittel über die Filialen an Tag 0, Skala 0-1; die Streuung zwischen Filialen und Personen "
        "bleibt wie im Szenario."
    ),
    "team.leadership_support": "Unterstützung durch die Führungskraft",
    "team.punishment": "Führungsstil: Tadel (0 nie, 1 hart)",
    "team.value": "{label}: {value}",
    "dash.band_hint": (
        "Das schattierte Band ist die Streuung zwischen den Filialen (10. bis 90. Perzentil der "
        "Filialen an jedem Tag), keine Unsicherheit. Tage sind Arbeitstage: Ein Modellschritt ist ein "
        "Arbeitstag einer Filiale."
    ),
    "compare.contains": "Kampagnen dieses Plans",
    "cost.title": "Kampagnenkosten bis Arbeitstag {day}, alle {n} Filialen",
    "cost.campaign": "{campaign}: einmalig {one_off} EUR, laufend {running} EUR",
    "export.png_title": "{name}, Startwert {seed}, {branches} Filialen",
    "cost.line": (
        "einmalig {one_off} EUR (Trainingsgebühren) · laufend {running} EUR (Prämien, Coaching, Werbung je "
        "Tag) · gesamt {spent} EUR ({per_branch} EUR je Filiale)"
    ),
    "pay.title": "Geld: kumulierter Nettonutzen von B − A ab Arbeitstag {start}",
    "pay.chart": "Kumulierter Gewinn B − A, alle {n} Filialen (EUR; über 0: B vorn)",
    "pay.axis": "EUR, kumuliert",
    "pay.lead_b": (
        "Nach {days} Arbeitstagen liegt B um {value} EUR vorn (alle {n} Filialen, Kampagnenkosten abgezogen)."
    ),
    "pay.lead_a": (
        "Nach {days} Arbeitstagen liegt A um {value} EUR vorn (alle {n} Filialen, Kampagnenkosten abgezogen)."
    ),
    "pay.lead_none": "Nach {days} Arbeitstagen liegt kein Plan vorn.",
    "pay.break_even": (
        "Gewinnschwelle von Plan {plan} (der Plan mit den höheren Kampagnenkosten): Arbeitstag {day}, "
        "ab dem sein kumulierter Nettonutzen bei null oder darüber bleibt."
    ),
    "pay.not_within": (
        "Gewinnschwelle von Plan {plan} (der Plan mit den höheren Kampagnenkosten): bis Tag {days} "
        "nicht erreicht."
    ),
    "pay.same": "Die Pläne unterscheiden sich nicht: Es gibt nichts zurückzuverdienen.",
    "pay.hint": (
        "Der Gewinn ist nach Abzug der Kampagnenkosten gerechnet, die Summe enthält sie also. Dass der "
        "tägliche Unterschied null kreuzt, ist nicht die Gewinnschwelle: Erst muss das vorher "
        "ausgegebene Geld wieder verdient sein. Tage sind Arbeitstage (ein Modellschritt ist ein "
        "Arbeitstag einer Filiale)."
    ),
    "pay.rule": "Gewinnschwelle",
    "compare.col_lead": "Wer liegt vorn (dieser Lauf)",
    "seeds.label": "Startwerte für das Intervall von B − A",
    "seeds.run": "Mit {n} Startwerten rechnen",
    "seeds.running": "Lauf {i} von {n} läuft …",
    "seeds.title": (
        "Unsicherheit über Startwerte: B − A in {n} Läufen mit Startwerten {first}-{last}, jeweils bis "
        "Arbeitstag {days}, Mittel über das letzte Viertel (Tage {q0}-{q1})"
    ),
    "seeds.hint": (
        "Jeder Startwert ist eine andere Ziehung des Zufalls (wer kommt, wer kündigt, welche Probleme "
        "auftreten) bei denselben Parametern. Gezeigt: das Mittel über die Startwerte und sein "
        "90-%-Konfidenzintervall (Student t). Das ist nur die Unsicherheit über Startwerte, nicht über "
        "die Parameter des Modells."
    ),
    "seeds.col_mean": "B − A, Mittel über die Läufe",
    "seeds.col_ci": "90-%-Intervall des Mittels",
    "seeds.col_lead": "Wer liegt vorn (Mittel)",
    "seeds.money": "Kumulierter Nettonutzen B − A am letzten Tag, alle Filialen",
    "seeds.break_even": ("Gewinnschwelle von Plan {plan}: im Lauf erreicht in {k} von {n} Läufen{median}."),
    "seeds.median": "; Median Arbeitstag {day}",
    "seeds.one": "ein Startwert: kein Intervall",
    "seeds.stale": "Die Hebel haben sich seit dem Rechnen geändert: bitte neu rechnen.",
    "seeds.stale_mode": (
        "Diese Läufe wurden {mode} Parameterunsicherheit gerechnet; das Kästchen sagt jetzt etwas "
        "anderes: bitte neu rechnen, um die andere Art zu sehen."
    ),
    "seeds.with": "mit",
    "seeds.without": "ohne",
    "seeds.none": "Rechnen Sie mit mehreren Startwerten, um zu sehen, wie sicher B − A ist.",
    "seeds.ensemble": (
        "Parameterunsicherheit einbeziehen: jeder Lauf nimmt auch einen nach Gewicht gezogenen "
        "Parametersatz des kalibrierten Ensembles ({m} Mitglieder, calibration/ensemble.csv; ihre "
        "Gewichte machen sie so viel wert wie {e} gleich gewichtete)"
    ),
    "seeds.hint_ensemble": (
        "Jeder Lauf nimmt einen anderen Startwert und einen Parametersatz des kalibrierten Ensembles, "
        "gezogen mit Wahrscheinlichkeit nach seinem Gewicht, für beide Pläne gleich. Gezeigt: das "
        "Mittel über die Läufe mit seinem 90-%-Konfidenzintervall und die Spanne, in der 90 % der "
        "Läufe liegen: Unsicherheit über Parameter und Startwerte zusammen. Die Werte des Szenarios "
        "für die Parameter des Ensembles werden ersetzt. Die Gewichte sind konzentriert, deshalb ziehen "
        "die Läufe wenige verschiedene Parametersätze: das Band kann sich verschieben, ohne breiter zu "
        "werden, und es unterschätzt, wie wenig die veröffentlichten Zahlen die Parameter festlegen."
    ),
    "seeds.title_ensemble": (
        "Unsicherheit über Parameter und Startwerte: B − A in {n} Läufen ({m} verschiedene "
        "Parametersätze des kalibrierten Ensembles, Startwerte {first}-{last}), jeweils bis Arbeitstag "
        "{days}, Mittel über das letzte Viertel (Tage {q0}-{q1})"
    ),
    "seeds.col_runs": "90 % der Läufe zwischen",
    "seeds.band": "B − A bei {kpi}: Median von {n} Startwerten und das Band, in dem 90 % liegen",
    "seeds.band_ensemble": (
        "B − A bei {kpi}: Median von {n} Läufen über Parametersätze und Startwerte und das Band, in dem "
        "90 % liegen"
    ),
    "field.title": (
        "Im Vergleich mit Feldstudien (docs/EVIDENCE.md I1-I5): standardisierte Effekte über dieselben Läufe"
    ),
    "field.col_figure": "Feldwert (Zustand)",
    "field.col_model": "Modell: Effekt in Standardabweichungen zwischen Mitarbeitern (90-%-Intervall)",
    "field.col_field": "Feldstudien (Spanne)",
    "field.col_ratio": "Modell ÷ Feld",
    "field.col_source": "Quelle",
    "field.ratio": "{x} ×",
    "field.hint": (
        "Standardisierter Effekt, wie ihn der Feldvergleich der Experimente rechnet: der Unterschied "
        "des Zustands (Mittel über das letzte Viertel) geteilt durch seine Standardabweichung zwischen "
        "den Mitarbeitern an Arbeitstag {day}, vor jeder Kampagne, je Startwert. Ein Feldwert steht "
        "da, wo nur ein Plan Kampagnen seiner Art hat; jeder ist ein metaanalytisches Mittel für eine "
        "Kampagnenart, ein Plan mit mehreren Kampagnen wird also mit jedem verglichen. Ein Effekt, der "
        "ein Mehrfaches des Feldwerts ist, ist ein erklärungsbedürftiger Befund, kein Erfolg."
    ),
    "field.none": (
        "Kein Feldwert passt: Verglichen wird, wo nur ein Plan Kampagnen seiner Art hat (Trainings, "
        "Anreizsysteme, Führung)."
    ),
    "scenario.kept": (
        "Beibehalten: Plan B und die eingegebenen Filialen, Tage und Startwert. Die Hebel von Plan A, "
        "der Marktdruck und die Teamzustände kommen aus dem neuen Szenario."
    ),
}

EN.update(WS_EN)
DE.update(WS_DE)
EN.update(ROOM_EN)
DE.update(ROOM_DE)
EN.update(GAME_EN)
DE.update(GAME_DE)

STRINGS: dict[str, dict[str, str]] = {"en": EN, "de": DE}


def tr(lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (English, then the key itself, as fallbacks)."""
    text = STRINGS.get(lang, EN).get(key) or EN.get(key) or key
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether ``key`` is a known text (e.g. a description for a shipped scenario)."""
    return key in EN


def kpi_label(lang: str, name: str) -> str:
    """A KPI's or state's display name."""
    return tr(lang, f"kpi.{name}")


def unit_label(lang: str, unit: str) -> str:
    """A KPI unit's display name."""
    return tr(lang, f"unit.{unit}")


#: the field figures' descriptions (``experiments.field.FIELD``, in English there) in other languages
FIELD_WHAT: dict[str, dict[str, str]] = {
    "de": {
        "I1": "Training in Organisationen: Verhalten am Arbeitsplatz",
        "I2": "Interventionen für Arbeitsengagement: Engagement",
        "I3/I5": (
            "Finanzielle Anreize: Leistung (Feld g = 0,34; nach Korrektur des Publikationsbias nahe null, I5)"
        ),
    },
}

#: names of the shipped scenario files in the German UI (English shows the file names)
SCENARIO_NAMES: dict[str, dict[str, str]] = {
    "de": {
        "baseline": "Ausgangslage ohne Kampagne",
        "retail_store": "Einzelhandelsfiliale",
        "bank_branch": "Bankfiliale",
        "harsh_market": "Harter Markt",
        "behaviour_training": "Verhaltenstraining",
        "attitude_training": "Einstellungstraining",
        "combined": "Alle Kampagnen zusammen",
        "broken_promise": "Gebrochenes Versprechen",
        "effect_incentives": "Prämien für Bewirken",
        "fearful_behaviour_training": "Verhaltenstraining bei Angst",
        "calm_behaviour_training": "Verhaltenstraining ohne Angst",
        "punitive_attitude_training": "Einstellungstraining mit Abzügen",
    },
}


def scenario_name(lang: str, stem: str) -> str:
    """A shipped scenario's name as shown: German names in German, the file name otherwise."""
    return SCENARIO_NAMES.get(lang, {}).get(stem, stem)


def company_name(lang: str, stem: str) -> str:
    """A room game's company (a shipped scenario) in words: the scenario's German name in German,
    a readable English name in English, the file name for anything else."""
    name = scenario_name(lang, stem)
    if name != stem:
        return name
    return tr(lang, f"company.{stem}") if has(f"company.{stem}") else stem


#: campaign names the UI's levers and the shipped scenarios give (scenario data, English there)
CAMPAIGN_NAMES: dict[str, dict[str, str]] = {
    "de": {
        "behaviour training": "Verhaltenstraining",
        "service behaviour training": "Training für Serviceverhalten",
        "lens of effect workshops": "Workshops zur Brille des Bewirkens",
        "reward effecting": "Prämie für Bewirken",
        "reward doing": "Prämie für Tun",
        "punish poor effect": "Abzüge bei schwacher Wirkung",
        "supportive leadership": "unterstützende Führung",
        "controlling leadership": "kontrollierende Führung",
        "promise": "Werbeversprechen",
        "we'll delight you": "Wir begeistern Sie",
    },
}
