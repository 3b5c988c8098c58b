"""The room game's texts in English and German (merged into :mod:`.i18n`'s tables).

One piece: the trainer's form, a team's page, the refusals, the debrief and the
concept's lessons (:mod:`.game_lessons` fills in their numbers and branches).
"""

from __future__ import annotations

GAME_EN: dict[str, str] = {
    "mode.game": "Game",
    "company.baseline": "Baseline company",
    "company.retail_store": "Retail store",
    "company.bank_branch": "Bank branch",
    "company.harsh_market": "Harsh market",
    "game.title": "Room game",
    "game.intro": (
        "Teams run the same company with the same seed and choose campaigns under a budget, round by "
        "round; they differ only by their decisions. The debrief compares each team with what would "
        "have happened without any campaign."
    ),
    "game.company": "Company",
    "game.settings": (
        "This game: {company}, budget {budget} per team, {rounds} rounds of {days} working days, "
        "{branches} branches, seed {seed}."
    ),
    "game.err.money": "Write the budget as a number of euros, for example 60,000.",
    "game.budget": "Budget per team (EUR)",
    "game.rounds": "Rounds",
    "game.days": "Working days per round",
    "game.branches": "Branches",
    "game.seed": "Seed",
    "game.teams": "Teams (one name per line)",
    "game.open": "Open the game",
    "game.back": "Back to the open game",
    "game.new": "Close this game and open a new one",
    "game.status": "Round {r} of {n}: {done} of {teams} teams have submitted.",
    "game.waiting": "Waiting for: {teams}",
    "game.run_now": "Run the round now",
    "game.not_submitted": "{team} has not submitted: it plays this round without a new campaign.",
    "game.confirm_run": "Run round {r} now anyway?",
    "game.confirm_yes": "Yes, run the round now",
    "game.confirm_no": "Cancel",
    "game.skipped_line": "Round {r}: no campaign submitted",
    "game.skipped_short": "no campaign submitted",
    "game.running": "Simulating the round …",
    "game.over": "The game is over: all {n} rounds are played.",
    "game.none_open": "No game is open yet. Your trainer opens it; this page then shows it.",
    "game.rules": (
        "How it works: {rounds} rounds of {days} working days on the same company; each team has "
        "{budget} for the whole game. Each round your team plans campaigns (check their price first) "
        "and submits them; you can change the plan until the round runs. The round runs when every "
        "team has submitted or the trainer runs it; a team that has not submitted plays it without a "
        "new campaign."
    ),
    "game.join": "Your team",
    "game.joined": "You play for {team}.",
    "game.budget_left": "Budget left: {left} of {budget}",
    "game.plan": "Your campaigns for round {r} (working days {d0}-{d1} of the game)",
    "game.option": "Campaign",
    "game.where": "Branches (1-{n}, e.g. 1-4, 7 or all)",
    "game.start": "Start day in the round (0-{last})",
    "game.add": "Add this campaign",
    "game.remove": "Remove",
    "game.submit": "Submit for this round",
    "game.submit_none": "Submit: no campaign this round",
    "game.no_plan": "No campaign chosen for this round yet.",
    "game.submitted_none": (
        "Submitted for round {r}: no campaign. This round's plan costs {cost}; your team will have "
        "spent {spent} of {budget} by the round's end. You can change it until the round runs."
    ),
    "game.submitted_one": (
        "Submitted for round {r}: {n} campaign. This round's plan costs {cost}; your team will have "
        "spent {spent} of {budget} by the round's end. You can change it until the round runs."
    ),
    "game.submitted_many": (
        "Submitted for round {r}: {n} campaigns. This round's plan costs {cost}; your team will have "
        "spent {spent} of {budget} by the round's end. You can change it until the round runs."
    ),
    "game.check_price": "Check the price",
    "game.price_line": "{campaign}: {cost}",
    "game.price_round": (
        "This round's plan costs {cost}; your team would then have spent {spent} of {budget}, "
        "{left} left. Nothing is submitted yet."
    ),
    "game.price_over": (
        "This round's plan costs {cost}, but your team has only {left} left: {over} too much."
    ),
    "game.cost_note": (
        "Costs are what the campaigns cost in the simulation: trainings per participant, incentives and "
        "manager coaching per employee and day, a promise per branch and day. A lever campaign runs "
        "until the round's end."
    ),
    "game.after_round": "After round {r}: net benefit {net} against no campaign, rank {rank} of {n}.",
    "game.branch_one": "branch {ids}",
    "game.branch_many": "branches {ids}",
    "game.in_branch_one": "branch {ids}",
    "game.in_branch_many": "branches {ids}",
    "game.line": "{option}: {branches}, from day {start}",
    "game.history_line": "Round {r}: {campaign}, cost {cost}",
    # --- options ---------------------------------------------------------------------------------
    "game.opt.behaviour_training": "Behaviour training: 2 days per employee",
    "game.opt.attitude_training": "Attitude training: lens of effect, 2 days per employee",
    "game.opt.incentive_effect": "Reward effecting: incentives for customer outcomes",
    "game.opt.incentive_doing": "Reward doing: incentives for activity",
    "game.opt.leadership_supportive": "Supportive managers: coaching in a supportive style",
    "game.opt.leadership_controlling": "Controlling managers: coaching in a controlling style",
    "game.opt.promise": "Promise: advertising a promise to customers",
    "game.short.behaviour_training": "Behaviour training",
    "game.short.attitude_training": "Attitude training",
    "game.short.incentive_effect": "Reward effecting",
    "game.short.incentive_doing": "Reward doing",
    "game.short.leadership_supportive": "Supportive managers",
    "game.short.leadership_controlling": "Controlling managers",
    "game.short.promise": "Promise",
    # --- refusals --------------------------------------------------------------------------------
    "game.err.teams": "A game needs {lo} to {hi} teams.",
    "game.err.team_names": "Every team needs a name of its own.",
    "game.err.branches": "Choose {lo} to {hi} branches.",
    "game.err.rounds": "Choose {lo} to {hi} rounds.",
    "game.err.days": "A round has {lo} to {hi} working days.",
    "game.err.budget": "The budget must be more than zero.",
    "game.err.company": "'{company}' is not one of the game's companies.",
    "game.err.branch_text": "Write branches as numbers 1-{n}, for example 1-4, 7, or all.",
    "game.err.branch_range": "This company has branches 1 to {n}.",
    "game.err.unknown_team": "There is no team '{team}' in this game.",
    "game.err.over": "The game is over: no more rounds to decide.",
    "game.err.option": "'{option}' is not a campaign of the game.",
    "game.err.start": "This campaign must start on day {last} of the round or earlier.",
    "game.err.budget_exceeded": (
        "Refused: this round's campaigns cost {cost}, but your team has only {left} left. "
        "Choose fewer branches or cheaper campaigns."
    ),
    "game.err.no_game": "No game is open.",
    "game.err.busy": "The round is being simulated; try again in a moment.",
    # --- debrief ---------------------------------------------------------------------------------
    "game.debrief": "Debrief",
    "game.subtitle": (
        "{company}: {branches} branches, {rounds} rounds of {days} working days, budget {budget} per team, "
        "seed {seed}. "
        "Played so far: {played} working days. Every team ran the same company with the same seed."
    ),
    "game.drawing": "Drawing the debrief's charts …",
    "game.rank": "Rank",
    "game.ranking": "Ranking",
    "game.team": "Team",
    "game.net": "Net benefit vs no campaign",
    "game.spent": "Spent",
    "game.customers": "Active customers vs no campaign",
    "game.loyalty": "Loyalty vs no campaign",
    "game.net_hint": (
        "Net benefit: the sum over all days played and all branches of the team's profit minus the profit "
        "without any campaign; profit is net of the campaign costs."
    ),
    "game.lessons": "What the concept says about each outcome",
    "game.timeline": "Decisions on a timeline",
    "game.counterfactual": "No campaign",
    "game.chart.net": "Cumulative net benefit vs no campaign (EUR, all {n} branches)",
    "game.chart.staff": "Staff over time (mean of all branches)",
    "game.chart.customers": "Customers over time",
    "game.chart.active": "Active customers (all branches)",
    "game.axis.team": "Team",
    "game.axis.scale": "scale 0-1",
    "game.axis.customers": "customers",
    "game.chart.fear": "Fear (weighted: of customers, of the boss, for the job)",
    "game.download_pdf": "Debrief as PDF",
    "game.download_png": "Page {i} as PNG",
    "game.page": "Page {i} of {n}",
    "game.round_short": "R{r}",
    # --- lessons ---------------------------------------------------------------------------------
    "game.lesson.none": (
        "No campaign: your company is the counterfactual itself, nothing spent, nothing gained."
    ),
    "game.lesson.skipped_one": (
        "Round {rounds}: no campaign submitted; your team played it without a new campaign."
    ),
    "game.lesson.skipped_many": (
        "Rounds {rounds}: no campaign submitted; your team played them without a new campaign."
    ),
    "game.lesson.money_gain": (
        "Your campaigns cost {spent_eur} and brought more than that: net benefit {net_eur} against no "
        "campaign. Active customers {customers}, loyalty {loyalty} on the last day."
    ),
    "game.lesson.money_loss": (
        "Your campaigns cost {spent_eur} and have not paid back by the last day played: net benefit "
        "{net_eur} against no campaign. Active customers {customers}, loyalty {loyalty} on the last day."
    ),
    "game.lesson.too_early": (
        "In {branches}: a training is still running after the last day played ({days} more days); "
        "its effect cannot be seen yet."
    ),
    "game.lesson.fear_blocked_vs": (
        "Fear blocked your behaviour training in {branches}: their fear was {fear_level} at its "
        "start (company median {company_level}), and only {pct} of the ability it taught showed on the "
        "floor, against {other_pct} in your calmer trained branches."
    ),
    "game.lesson.fear_blocked": (
        "Fear blocked your behaviour training in {branches}: their fear was {fear_level} at its "
        "start (company median {company_level}), and only {pct} of the ability it taught ({ability}) "
        "showed on the floor."
    ),
    "game.lesson.behaviour_reached": (
        "Your behaviour training reached the floor in {branches}: with fear at {fear_level}, "
        "{pct} of the ability it taught ({ability}) showed in what staff delivered."
    ),
    "game.lesson.behaviour_low": (
        "Your behaviour training in {branches} taught ability ({ability}), but only {pct} of it "
        "showed on the floor: fear, little support and unwilling staff gate what people do."
    ),
    "game.lesson.behaviour_nothing": (
        "Your behaviour training in {branches} added hardly any ability ({ability}): the staff "
        "knew it already, or few of them took it up."
    ),
    "game.lesson.attitude_pride": (
        "Attitude work raised effect awareness by {awareness} and pride by {pride} in "
        "{branches} against no campaign (engagement {engagement})."
    ),
    "game.lesson.attitude_aware": (
        "Attitude work raised effect awareness by {awareness} in {branches}; pride has not "
        "followed yet ({pride}): it grows from good encounters, slowly."
    ),
    "game.lesson.attitude_small": (
        "Attitude work in {branches} has changed little so far: effect awareness {awareness}, pride {pride}."
    ),
    "game.lesson.promise_gap": (
        "Your promise raised customers' expectations ({expectation}) above what the staff delivered in "
        "{branches}: satisfaction {satisfaction}, loyalty {loyalty} against no campaign."
    ),
    "game.lesson.promise_carried": (
        "Your staff carried your promise in {branches}: expectations {expectation}, "
        "satisfaction {satisfaction}, loyalty {loyalty} against no campaign."
    ),
    "game.lesson.reward_effect": (
        "Rewarding effecting raised pride by {pride} in {branches} (fear of the boss {fear})."
    ),
    "game.lesson.reward_small": (
        "Rewarding effecting in {branches} has moved pride little so far ({pride}; fear of the boss {fear})."
    ),
    "game.lesson.reward_doing": (
        "Rewarding doing in {branches}: pride {pride}, fear of the boss {fear} against no "
        "campaign; it rewards activity, not what people effect for customers."
    ),
    "game.lesson.controlling_up": (
        "Controlling managers raised fear of the boss by {fear} in {branches}; fear is the main "
        "obstacle to putting what people know into practice."
    ),
    "game.lesson.supportive_down": (
        "Supportive managers brought fear of the boss down ({fear}) in {branches}."
    ),
    "game.lesson.style_flat": (
        "The manager style you chose in {branches} changed fear of the boss little ({fear})."
    ),
}

GAME_DE: dict[str, str] = {
    "company.baseline": "Ausgangslage ohne Kampagne",
    "company.retail_store": "Einzelhandelsfiliale",
    "company.bank_branch": "Bankfiliale",
    "company.harsh_market": "Harter Markt",
    "mode.game": "Planspiel",
    "game.title": "Planspiel im Raum",
    "game.intro": (
        "Alle Teams führen dasselbe Unternehmen mit demselben Zufall und wählen Runde für Runde "
        "Kampagnen innerhalb eines Budgets; sie unterscheiden sich nur durch ihre Entscheidungen. Die "
        "Auswertung vergleicht jedes Team mit dem, was ohne jede Kampagne geschehen wäre."
    ),
    "game.company": "Unternehmen",
    "game.settings": (
        "Dieses Spiel: {company}, Budget {budget} je Team, {rounds} Runden zu {days} Arbeitstagen, "
        "{branches} Filialen, Seed {seed}."
    ),
    "game.err.money": "Schreiben Sie das Budget als Betrag in Euro, zum Beispiel 60.000.",
    "game.budget": "Budget je Team (EUR)",
    "game.rounds": "Runden",
    "game.days": "Arbeitstage je Runde",
    "game.branches": "Filialen",
    "game.seed": "Zufallszahl (Seed)",
    "game.teams": "Teams (ein Name je Zeile)",
    "game.open": "Planspiel eröffnen",
    "game.back": "Zurück zum laufenden Spiel",
    "game.new": "Dieses Spiel schließen und ein neues eröffnen",
    "game.status": "Runde {r} von {n}: {done} von {teams} Teams haben abgegeben.",
    "game.waiting": "Es fehlen noch: {teams}",
    "game.run_now": "Runde jetzt rechnen",
    "game.not_submitted": "{team} hat nicht abgegeben: Das Team spielt diese Runde ohne neue Kampagne.",
    "game.confirm_run": "Runde {r} trotzdem jetzt rechnen?",
    "game.confirm_yes": "Ja, Runde jetzt rechnen",
    "game.confirm_no": "Abbrechen",
    "game.skipped_line": "Runde {r}: keine Kampagne abgegeben",
    "game.skipped_short": "keine Kampagne abgegeben",
    "game.running": "Die Runde wird gerechnet …",
    "game.over": "Das Spiel ist zu Ende: alle {n} Runden sind gespielt.",
    "game.none_open": (
        "Noch ist kein Planspiel eröffnet. Ihre Trainerin oder Ihr Trainer eröffnet es; diese Seite "
        "zeigt es dann."
    ),
    "game.rules": (
        "So geht es: {rounds} Runden zu {days} Arbeitstagen im selben Unternehmen; jedes Team hat "
        "{budget} für das ganze Spiel. In jeder Runde plant Ihr Team Kampagnen (prüfen Sie zuerst den "
        "Preis) und gibt sie ab; bis die Runde gerechnet wird, können Sie den Plan ändern. Die Runde "
        "wird gerechnet, wenn alle Teams abgegeben haben oder die Trainerin oder der Trainer sie "
        "startet; ein Team ohne Abgabe spielt sie ohne neue Kampagne."
    ),
    "game.join": "Ihr Team",
    "game.joined": "Sie spielen für {team}.",
    "game.budget_left": "Budget übrig: {left} von {budget}",
    "game.plan": "Ihre Kampagnen für Runde {r} (Arbeitstage {d0}-{d1} des Spiels)",
    "game.option": "Kampagne",
    "game.where": "Filialen (1-{n}, z. B. 1-4, 7 oder alle)",
    "game.start": "Starttag in der Runde (0-{last})",
    "game.add": "Diese Kampagne hinzufügen",
    "game.remove": "Entfernen",
    "game.submit": "Für diese Runde abgeben",
    "game.submit_none": "Abgeben: keine Kampagne in dieser Runde",
    "game.no_plan": "Für diese Runde ist noch keine Kampagne gewählt.",
    "game.submitted_none": (
        "Abgegeben für Runde {r}: keine Kampagne. Der Plan dieser Runde kostet {cost}; Ihr Team hat "
        "am Ende der Runde {spent} von {budget} ausgegeben. Sie können das ändern, bis die Runde "
        "gerechnet wird."
    ),
    "game.submitted_one": (
        "Abgegeben für Runde {r}: {n} Kampagne. Der Plan dieser Runde kostet {cost}; Ihr Team hat "
        "am Ende der Runde {spent} von {budget} ausgegeben. Sie können das ändern, bis die Runde "
        "gerechnet wird."
    ),
    "game.submitted_many": (
        "Abgegeben für Runde {r}: {n} Kampagnen. Der Plan dieser Runde kostet {cost}; Ihr Team hat "
        "am Ende der Runde {spent} von {budget} ausgegeben. Sie können das ändern, bis die Runde "
        "gerechnet wird."
    ),
    "game.check_price": "Preis prüfen",
    "game.price_line": "{campaign}: {cost}",
    "game.price_round": (
        "Der Plan dieser Runde kostet {cost}; Ihr Team hätte dann {spent} von {budget} ausgegeben, "
        "{left} blieben übrig. Noch ist nichts abgegeben."
    ),
    "game.price_over": (
        "Der Plan dieser Runde kostet {cost}, Ihrem Team bleiben aber nur {left}: {over} zu viel."
    ),
    "game.cost_note": (
        "Die Kosten sind die der Kampagnen in der Simulation: Trainings je Teilnehmer, Anreize und "
        "Führungscoaching je Mitarbeiter und Tag, ein Versprechen je Filiale und Tag. Eine Hebel-Kampagne "
        "läuft bis zum Ende der Runde."
    ),
    "game.after_round": ("Nach Runde {r}: Nettonutzen {net} gegenüber keiner Kampagne, Rang {rank} von {n}."),
    "game.branch_one": "Filiale {ids}",
    "game.branch_many": "Filialen {ids}",
    "game.in_branch_one": "Filiale {ids}",
    "game.in_branch_many": "den Filialen {ids}",
    "game.line": "{option}: {branches}, ab Tag {start}",
    "game.history_line": "Runde {r}: {campaign}, Kosten {cost}",
    "game.opt.behaviour_training": "Verhaltenstraining: 2 Tage je Mitarbeiter",
    "game.opt.attitude_training": "Einstellungstraining: Brille des Bewirkens, 2 Tage je Mitarbeiter",
    "game.opt.incentive_effect": "Prämie für Bewirken: Anreize für die Wirkung beim Kunden",
    "game.opt.incentive_doing": "Prämie für Tun: Anreize für Aktivität",
    "game.opt.leadership_supportive": "Unterstützende Führung: Coaching im unterstützenden Stil",
    "game.opt.leadership_controlling": "Kontrollierende Führung: Coaching im kontrollierenden Stil",
    "game.opt.promise": "Versprechen: Werbeversprechen an die Kundschaft",
    "game.short.behaviour_training": "Verhaltenstraining",
    "game.short.attitude_training": "Einstellungstraining",
    "game.short.incentive_effect": "Prämie für Bewirken",
    "game.short.incentive_doing": "Prämie für Tun",
    "game.short.leadership_supportive": "Unterstützende Führung",
    "game.short.leadership_controlling": "Kontrollierende Führung",
    "game.short.promise": "Versprechen",
    "game.err.teams": "Ein Planspiel braucht {lo} bis {hi} Teams.",
    "game.err.team_names": "Jedes Team braucht einen eigenen Namen.",
    "game.err.branches": "Wählen Sie {lo} bis {hi} Filialen.",
    "game.err.rounds": "Wählen Sie {lo} bis {hi} Runden.",
    "game.err.days": "Eine Runde hat {lo} bis {hi} Arbeitstage.",
    "game.err.budget": "Das Budget muss größer als null sein.",
    "game.err.company": "'{company}' ist keines der Unternehmen des Planspiels.",
    "game.err.branch_text": "Schreiben Sie Filialen als Nummern 1-{n}, zum Beispiel 1-4, 7, oder alle.",
    "game.err.branch_range": "Dieses Unternehmen hat die Filialen 1 bis {n}.",
    "game.err.unknown_team": "In diesem Spiel gibt es kein Team '{team}'.",
    "game.err.over": "Das Spiel ist zu Ende: Es gibt keine Runde mehr zu entscheiden.",
    "game.err.option": "'{option}' ist keine Kampagne des Planspiels.",
    "game.err.start": "Diese Kampagne muss spätestens am Tag {last} der Runde beginnen.",
    "game.err.budget_exceeded": (
        "Abgelehnt: Die Kampagnen dieser Runde kosten {cost}, Ihrem Team bleiben aber nur {left}. "
        "Wählen Sie weniger Filialen oder günstigere Kampagnen."
    ),
    "game.err.no_game": "Es ist kein Planspiel eröffnet.",
    "game.err.busy": "Die Runde wird gerade gerechnet; versuchen Sie es gleich noch einmal.",
    "game.debrief": "Auswertung",
    "game.subtitle": (
        "{company}: {branches} Filialen, {rounds} Runden zu {days} Arbeitstagen, Budget {budget} je Team, "
        "Seed {seed}. "
        "Bisher gespielt: {played} Arbeitstage. Alle Teams führten dasselbe Unternehmen mit demselben "
        "Zufall."
    ),
    "game.drawing": "Die Diagramme der Auswertung werden gezeichnet …",
    "game.rank": "Rang",
    "game.ranking": "Rangliste",
    "game.team": "Team",
    "game.net": "Nettonutzen gegenüber keiner Kampagne",
    "game.spent": "Ausgegeben",
    "game.customers": "Aktive Kunden gegenüber keiner Kampagne",
    "game.loyalty": "Verbundenheit gegenüber keiner Kampagne",
    "game.net_hint": (
        "Nettonutzen: die Summe über alle gespielten Tage und alle Filialen aus dem Gewinn des Teams "
        "minus dem Gewinn ohne jede Kampagne; der Gewinn ist nach Abzug der Kampagnenkosten."
    ),
    "game.lessons": "Was das Konzept zu jedem Ergebnis sagt",
    "game.timeline": "Entscheidungen auf der Zeitachse",
    "game.counterfactual": "Keine Kampagne",
    "game.chart.net": "Kumulierter Nettonutzen gegenüber keiner Kampagne (EUR, alle {n} Filialen)",
    "game.chart.staff": "Mitarbeitende im Zeitverlauf (Mittel aller Filialen)",
    "game.chart.customers": "Kundschaft im Zeitverlauf",
    "game.chart.active": "Aktive Kunden (alle Filialen)",
    "game.axis.team": "Team",
    "game.axis.scale": "Skala 0-1",
    "game.axis.customers": "Kunden",
    "game.chart.fear": "Angst (gewichtet: vor Kunden, vor dem Chef, um den Arbeitsplatz)",
    "game.download_pdf": "Auswertung als PDF",
    "game.download_png": "Seite {i} als PNG",
    "game.page": "Seite {i} von {n}",
    "game.round_short": "R{r}",
    "game.lesson.none": (
        "Keine Kampagne: Ihr Unternehmen ist der Vergleichsfall selbst; nichts ausgegeben, nichts gewonnen."
    ),
    "game.lesson.skipped_one": (
        "Runde {rounds}: keine Kampagne abgegeben; Ihr Team spielte sie ohne neue Kampagne."
    ),
    "game.lesson.skipped_many": (
        "Runden {rounds}: keine Kampagne abgegeben; Ihr Team spielte sie ohne neue Kampagne."
    ),
    "game.lesson.money_gain": (
        "Ihre Kampagnen kosteten {spent_eur} und brachten mehr ein: Nettonutzen {net_eur} gegenüber "
        "keiner Kampagne. Aktive Kunden {customers}, Verbundenheit {loyalty} am letzten Tag."
    ),
    "game.lesson.money_loss": (
        "Ihre Kampagnen kosteten {spent_eur} und haben sich bis zum letzten gespielten Tag nicht "
        "bezahlt gemacht: Nettonutzen {net_eur} gegenüber keiner Kampagne. Aktive Kunden {customers}, "
        "Verbundenheit {loyalty} am letzten Tag."
    ),
    "game.lesson.too_early": (
        "In {branches}: Ein Training läuft über den letzten gespielten Tag hinaus (noch {days} "
        "Tage); seine Wirkung ist noch nicht zu sehen."
    ),
    "game.lesson.fear_blocked_vs": (
        "Angst hat Ihr Verhaltenstraining in {branches} blockiert: Die Angst dort lag zu Beginn "
        "bei {fear_level} (Median des Unternehmens {company_level}), und nur {pct} des gelernten Könnens "
        "kam auf der Fläche an, gegenüber {other_pct} in Ihren ruhigeren trainierten Filialen."
    ),
    "game.lesson.fear_blocked": (
        "Angst hat Ihr Verhaltenstraining in {branches} blockiert: Die Angst dort lag zu Beginn "
        "bei {fear_level} (Median des Unternehmens {company_level}), und nur {pct} des gelernten Könnens "
        "({ability}) kam auf der Fläche an."
    ),
    "game.lesson.behaviour_reached": (
        "Ihr Verhaltenstraining kam in {branches} auf der Fläche an: Bei einer Angst von "
        "{fear_level} zeigten sich {pct} des gelernten Könnens ({ability}) im gelebten Verhalten."
    ),
    "game.lesson.behaviour_low": (
        "Ihr Verhaltenstraining in {branches} vermittelte Können ({ability}), aber nur {pct} "
        "davon kam auf der Fläche an: Angst, wenig Unterstützung und fehlendes Wollen bremsen das Tun."
    ),
    "game.lesson.behaviour_nothing": (
        "Ihr Verhaltenstraining in {branches} brachte kaum zusätzliches Können ({ability}): "
        "Die Mitarbeitenden konnten es schon, oder nur wenige nahmen es auf."
    ),
    "game.lesson.attitude_pride": (
        "Die Arbeit an der Einstellung hob das Wirkungsbewusstsein um {awareness} und den Stolz um "
        "{pride} in {branches} gegenüber keiner Kampagne (Begeisterung {engagement})."
    ),
    "game.lesson.attitude_aware": (
        "Die Arbeit an der Einstellung hob das Wirkungsbewusstsein um {awareness} in "
        "{branches}; der Stolz ist noch nicht gefolgt ({pride}): Er wächst langsam aus guten Begegnungen."
    ),
    "game.lesson.attitude_small": (
        "Die Arbeit an der Einstellung in {branches} hat bisher wenig verändert: "
        "Wirkungsbewusstsein {awareness}, Stolz {pride}."
    ),
    "game.lesson.promise_gap": (
        "Ihr Versprechen hob die Erwartungen der Kundschaft ({expectation}) über das, was die "
        "Mitarbeitenden in {branches} lieferten: Zufriedenheit {satisfaction}, "
        "Verbundenheit {loyalty} gegenüber keiner Kampagne."
    ),
    "game.lesson.promise_carried": (
        "Ihre Mitarbeitenden haben Ihr Versprechen in {branches} getragen: Erwartungen "
        "{expectation}, Zufriedenheit {satisfaction}, Verbundenheit {loyalty} gegenüber keiner Kampagne."
    ),
    "game.lesson.reward_effect": (
        "Die Prämie für Bewirken hob den Stolz um {pride} in {branches} (Angst vor dem Chef {fear})."
    ),
    "game.lesson.reward_small": (
        "Die Prämie für Bewirken hat den Stolz in {branches} bisher wenig bewegt ({pride}; "
        "Angst vor dem Chef {fear})."
    ),
    "game.lesson.reward_doing": (
        "Prämie für Tun in {branches}: Stolz {pride}, Angst vor dem Chef {fear} gegenüber "
        "keiner Kampagne; sie belohnt Aktivität, nicht das, was Menschen für Kunden bewirken."
    ),
    "game.lesson.controlling_up": (
        "Kontrollierende Führung hob die Angst vor dem Chef um {fear} in {branches}; Angst "
        "ist das Haupthindernis, Gelerntes in die Tat umzusetzen."
    ),
    "game.lesson.supportive_down": (
        "Unterstützende Führung senkte die Angst vor dem Chef ({fear}) in {branches}."
    ),
    "game.lesson.style_flat": (
        "Der gewählte Führungsstil veränderte die Angst vor dem Chef in {branches} kaum ({fear})."
    ),
}
