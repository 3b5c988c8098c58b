"""The workshop's texts in English and German: steps, points, questions, handout and debrief.

Kept apart from :mod:`.i18n` (which merges them into its tables) because they are
one piece of writing: every ``ws.<step>.point`` names the thresholds of the step's
claims in :mod:`.presets` (a test checks that the numbers match), and the texts say
where the model does not show what the concept paper claims.  Quotes from the
paper are verbatim in German and marked as quotes; the English gives a
translation and says so.
"""

from __future__ import annotations

WS_EN: dict[str, str] = {
    "ws.title": "Workshop: the concept step by step",
    "ws.step": "Step {i} of {n}",
    "ws.prev": "Back",
    "ws.next": "Next",
    "ws.run": "Start the comparison",
    "ws.resume": "Continue",
    "ws.reset_all": "Reset for the next group",
    "ws.reset_done": "Every step is back at day 0; step {i} is open.",
    "ws.explain": "Background, plans and quote",
    "ws.key_a": "A (solid line): {plan}",
    "ws.key_b": "B (dashed line): {plan}",
    "ws.chart": "{kpi} ({unit})",
    "ws.chart_smooth": "{kpi} ({unit}), {days}-day moving average",
    "ws.band_hint": (
        "Lines: mean of the {n} branches of each plan; bands: spread between those branches (10th to 90th "
        "percentile). The dotted line marks working day {day}, where campaigns (if any) start. Axes show a "
        "section of the scale: read the numbers."
    ),
    "ws.rule": "start",
    "ws.branch": "Plan {ab}, branch 1 of {n}: {plan}",
    "ws.measured": "Measured in this run (working days {w0}-{w1}):",
    "ws.measure_wait": "The measurement appears when the run reaches working day {w1}.",
    "ws.claim_ba": "{kpi}: B − A = {value} (stated: {stated})",
    "ws.claim_change": "{kpi} in {plan}: {value} against days {b0}-{b1} (stated: {stated})",
    "ws.claim_plan": "change in {plan} against days {b0}-{b1}",
    "ws.claim_days": ", working days {w0}-{w1}",
    "ws.at_least_above": "at least {size} higher",
    "ws.at_least_below": "at least {size} lower",
    "ws.less_than": "less than ±{size}",
    "ws.holds": "as stated",
    "ws.fails": "NOT as stated",
    "ws.quote_mark": "Concept paper (translated): “{quote}”",
    "ws.handout": "Handout (PDF)",
    "ws.debrief": "Debrief (PDF, one page)",
    "ws.handout_hint": (
        "The handout has every step's point, its charts (seed {seed}: the runs shown here) and questions for "
        "discussion; making it runs every step again, a few seconds each."
    ),
    # --- handout and debrief ------------------------------------------------------
    "ho.title": "Customer orientation: doing or effecting? Workshop handout",
    "ho.subtitle": (
        "Seven steps, each a comparison of two plans on the same simulated company: {n} branches, "
        "{days} working days, the same people, customers and random numbers (seed {seed})."
    ),
    "ho.model_note": (
        "The figures come from campaign-sim {version}, an agent-based simulation whose mechanisms are "
        "assumptions (docs/ODD.md). They show what follows if those assumptions hold, not that they do."
    ),
    "ho.step": "Step {i} of {n} · {section}",
    "ho.plans": "Plan A: {a}.  Plan B: {b}.",
    "ho.point": "The point",
    "ho.measured": (
        "Measured: mean of the {n} branches over working days {w0}-{w1}; this run (seed {seed}) and the "
        "smallest to largest value over seeds {seeds}"
    ),
    "ho.col_claim": "Stated",
    "ho.col_run": "This run",
    "ho.col_seeds": "Seeds {seeds}",
    "ho.questions": "For discussion",
    "ho.page": "Page {i} of {n}",
    "ho.debrief_title": "Debrief: what the model showed, and what it did not",
    "ho.debrief_intro": (
        "Every step stated its point as a measurable comparison. Each row: the step, its statement, and "
        "whether it held in every one of seeds {seeds} (mean of {n} branches, working days {w0}-{w1})."
    ),
    "ho.held": "held in {k} of {m} seeds",
    "ho.debrief_limits": "Where the model does not simply confirm the concept paper",
    "ho.limit1": (
        "Fear (step 3): supportive leadership lets more of the training reach customers, but the gain is "
        "small on the 0-1 scale (less than 0.1)."
    ),
    "ho.limit2": (
        "Doing or effecting (step 4): attitude training alone does not teach behaviour; plan A ends ahead "
        "in ability. The two trainings complement each other."
    ),
    "ho.limit3": (
        "Rewarding effect (step 6): the gap in engagement is robust, but whether it comes from A falling or "
        "from B rising differs from seed to seed."
    ),
    "ho.limit4": (
        "The loop (step 7): plan B pays for three campaigns, and its profit first drops; its later lead is "
        "after those costs, in a model whose effect sizes are assumptions (the compare tab sets them "
        "against field studies)."
    ),
    "ho.debrief_questions": "To take home",
    "ho.dq1": "Which one of the seven points would you test first in your own branch, and with which figure?",
    "ho.dq2": "Which promise, incentive or training in our company works on doing, and which on effecting?",
    "ho.dq3": "What will you do differently in the next four weeks?",
    # --- steps ---------------------------------------------------------------------
    "ws.problem.section": "Problem",
    "ws.problem.short": "Promises",
    "ws.problem.title": "Broken promises cost reputation",
    "ws.problem.point": (
        "In the last quarter, B's customer satisfaction and branch reputation are at least 0.20 below A's, "
        "and B's profit is at least 300 EUR per branch and day lower."
    ),
    "ws.problem.text": (
        "Both plans train their staff in behaviour from working day 30; the teams fear a boss who "
        "reprimands. Plan B also advertises a big promise from day 30 (20 EUR per branch and day). Its "
        "customers now expect more than a fearful team delivers: they are disappointed more often, tell "
        "others, and come less."
    ),
    "ws.problem.quote": "Mostly it fails on promises that are not kept and expectations that are not met.",
    "ws.problem.a": "behaviour training",
    "ws.problem.b": "behaviour training and a big advertising promise",
    "ws.problem.same": "Same people, customers and random numbers in both plans; only the campaigns differ.",
    "ws.problem.q1": "Which promises does our company make to customers today, and who has to keep them?",
    "ws.problem.q2": "What would our branch teams need before we advertise a promise?",
    "ws.problem.q3": "B spends more and earns less: how soon would we notice that in our own figures?",
    "ws.market.section": "Situation",
    "ws.market.short": "Market",
    "ws.market.title": "A harder market breeds fear and burden",
    "ws.market.point": (
        "In the harsh market B, fear for the job is at least 0.30 higher in the last quarter, engagement "
        "at least 0.12 and climate at least 0.10 lower than in A."
    ),
    "ws.market.text": (
        "No campaign in either plan. The same teams work in an ordinary market (A: market pressure 0.3) "
        "and in a harsh one (B: pressure 0.8 and a competitor that draws customers 1.5 times as strongly). "
        "The gap opens from day 0, because the market differs from the start. In every plausible world "
        "of the calibrated model (1,350: parameter sets x model structures) a harsh market raises fear "
        "and erodes engagement. The concept's further claim, that attitude work buffers this, holds in "
        "1% of them: attitude work lifts engagement in a harsh market, but engagement then falls more "
        "with the market, not less."
    ),
    "ws.market.quote": "For many people their work is more obligation than attraction.",
    "ws.market.a": "ordinary market",
    "ws.market.b": "harsh market",
    "ws.market.same": (
        "Same people, customers and random numbers in both plans; only the market differs, from day 0."
    ),
    "ws.market.q1": "Where do our branches feel market pressure most, and how does it reach the team?",
    "ws.market.q2": "Which signs of fear for the job do you see in your branch?",
    "ws.market.q3": "What can a branch manager do about fear that the market causes?",
    "ws.fear.section": "Situation",
    "ws.fear.short": "Fear",
    "ws.fear.title": "Fear blocks what was learned",
    "ws.fear.point": (
        "Ability rises by at least 0.03 in both plans. Behaviour delivered changes by less than 0.03 in A, "
        "but ends at least 0.06 higher in B, where fear is at least 0.12 lower."
    ),
    "ws.fear.text": (
        "Both plans get the same behaviour training from day 30. In A the boss keeps reprimanding and the "
        "team stays afraid; in B the same training comes with supportive leadership. The effects are small "
        "on the 0-1 scale: the charts show a section of it. The two ability lines lie close together: A "
        "is the solid line under B's dashes."
    ),
    "ws.fear.quote": (
        "Fear is a major obstacle to putting learned, cognitively mastered behaviour concepts into "
        "practice in customer-orientation campaigns."
    ),
    "ws.fear.a": "behaviour training, a boss who reprimands",
    "ws.fear.b": "behaviour training, a supportive boss",
    "ws.fear.same": "Same people, customers and random numbers in both plans; only the leadership differs.",
    "ws.fear.q1": "What did your teams learn in the last training, and what of it do customers actually see?",
    "ws.fear.q2": "What are your employees afraid of at work: customers, the boss, losing the job?",
    "ws.fear.q3": "How does a manager take fear away without lowering standards?",
    "ws.claim.section": "Claim",
    "ws.claim.short": "Doing or effecting",
    "ws.claim.title": "Doing or effecting?",
    "ws.claim.point": (
        "Attitude training (B) ends at least 0.10 higher in effect awareness and at least 0.05 higher in "
        "pride than behaviour training (A); A in turn ends at least 0.04 ahead in ability."
    ),
    "ws.claim.text": (
        "A trains behaviour: 'What is to be done?' and 'How is it to be done?'. B works on attitude through "
        "the lens of effect: what does my work effect for customers, for the company, for me? Whoever knows "
        "what their work effects can be proud not only of what they do but of what it achieves. Each "
        "training moves its own states: neither replaces the other."
    ),
    "ws.claim.quote": "Proposed solution: looking at market and work through the 'lens of effect'.",
    "ws.claim.a": "behaviour training (doing)",
    "ws.claim.b": "attitude training (lens of effect)",
    "ws.claim.same": "Same people, customers and random numbers in both plans; only the training differs.",
    "ws.claim.q1": "Which of your tasks do you describe by what you do, and which by what you effect?",
    "ws.claim.q2": (
        "What does a good customer conversation effect for the customer, the company, the employee?"
    ),
    "ws.claim.q3": "Which of the two trainings does our company mostly buy today, and why?",
    "ws.approach.section": "Approach",
    "ws.approach.short": "Attitude",
    "ws.approach.title": "Lead and train at the attitude level",
    "ws.approach.point": (
        "Attitude training with rewards for effecting (B) ends at least 0.20 higher in pride, 0.04 in "
        "behaviour delivered and 0.05 in customer satisfaction than behaviour training alone (A)."
    ),
    "ws.approach.text": (
        "A: behaviour training only. B: attitude workshops, and managers who reward what customers "
        "experience. Working on one's own effect on customers makes employees aware of their role in "
        "customer care. Pride moves most; behaviour delivered and satisfaction move less (read the axes). "
        "B's campaigns cost more: step 7 shows whether such a plan pays."
    ),
    "ws.approach.quote": (
        "Clarifying the reasons and purposes of customer-oriented behaviour is the basis for success."
    ),
    "ws.approach.a": "behaviour training",
    "ws.approach.b": "attitude training and rewards for effecting",
    "ws.approach.same": "Same people, customers and random numbers in both plans; only the campaigns differ.",
    "ws.approach.q1": "Why should an employee be customer-oriented, in their own words, not the company's?",
    "ws.approach.q2": (
        "How would you reward effect on customers in your branch, and how would you measure it?"
    ),
    "ws.approach.q3": "What could go wrong if rewards for effect come with penalties?",
    "ws.difference.section": "Difference",
    "ws.difference.short": "Rewarding effect",
    "ws.difference.title": "Reward effecting, not only doing",
    "ws.difference.point": (
        "At the same cost, rewarding effecting (B) instead of doing (A) ends at least 0.15 higher in pride, "
        "0.12 in effect awareness and 0.08 in engagement."
    ),
    "ws.difference.text": (
        "No training: only the incentive scheme differs, and both cost the same. A's managers reward and "
        "penalise doing (activity), B's effecting (what customers experience). In engagement the gap "
        "between the plans is robust; whether it comes from A falling or from B rising differs from seed "
        "to seed."
    ),
    "ws.difference.quote": (
        "Rewarding and punishing 'effecting', not only 'doing', grows pride and joy and so more passion "
        "for one's own job and one's own company."
    ),
    "ws.difference.a": "rewards for doing",
    "ws.difference.b": "rewards for effecting",
    "ws.difference.same": (
        "Same people, customers and random numbers in both plans; only what the incentives reward differs."
    ),
    "ws.difference.q1": (
        "What do our incentive schemes reward today: activities, or what customers experience?"
    ),
    "ws.difference.q2": "Name one result for customers that your branch could be rewarded for.",
    "ws.difference.q3": "What would employees do differently if they were rewarded for effect?",
    "ws.loop.section": "What one can observe",
    "ws.loop.short": "The loop",
    "ws.loop.title": "The reinforcing loop",
    "ws.loop.point": (
        "B (all three campaigns) ends at least this far above A (none): pride 0.20, satisfaction 0.08, "
        "revenue 400 EUR, profit after campaign costs 150 EUR per branch and day. While B trains (days "
        "30-59), its profit is at least 450 EUR lower."
    ),
    "ws.loop.text": (
        "A: no campaign. B: behaviour training, attitude work through the lens of effect and rewards for "
        "effecting, together. Prouder staff treat customers better; happier customers give staff reasons "
        "for pride. Revenue and profit are per branch and day, the mean of ten branches with their spread; "
        "profit is after all of B's campaign costs. First the plan costs: while B trains, staff are off "
        "the floor and fees are due, so its profit drops before it pays."
    ),
    "ws.loop.quote": "With more appetite for customers, being a customer becomes a joy again.",
    "ws.loop.a": "no campaign",
    "ws.loop.b": "behaviour and attitude training, rewards for effecting",
    "ws.loop.same": "Same people, customers and random numbers in both plans; only the campaigns differ.",
    "ws.loop.q1": "Where have you seen satisfied customers make a team prouder, or the opposite?",
    "ws.loop.q2": "B pays for three campaigns at once: which part would you start with, and why?",
    "ws.loop.q3": "Which of these effects would you check first in our own figures?",
}

WS_DE: dict[str, str] = {
    "ws.title": "Workshop: Das Konzept Schritt für Schritt",
    "ws.step": "Schritt {i} von {n}",
    "ws.prev": "Zurück",
    "ws.next": "Weiter",
    "ws.run": "Vergleich starten",
    "ws.resume": "Fortsetzen",
    "ws.reset_all": "Zurücksetzen für die nächste Gruppe",
    "ws.reset_done": "Alle Schritte stehen wieder auf Tag 0; Schritt {i} ist geöffnet.",
    "ws.explain": "Hintergrund, Pläne und Zitat",
    "ws.key_a": "A (durchgezogene Linie): {plan}",
    "ws.key_b": "B (gestrichelte Linie): {plan}",
    "ws.chart": "{kpi} ({unit})",
    "ws.chart_smooth": "{kpi} ({unit}), gleitendes {days}-Tage-Mittel",
    "ws.band_hint": (
        "Linien: Mittel der {n} Filialen je Plan; Bänder: Streuung zwischen diesen Filialen (10. bis 90. "
        "Perzentil). Die gepunktete Linie markiert Arbeitstag {day}, an dem Kampagnen (falls vorhanden) "
        "beginnen. Die Achsen zeigen einen Ausschnitt der Skala: Achten Sie auf die Zahlen."
    ),
    "ws.rule": "Start",
    "ws.branch": "Plan {ab}, Filiale 1 von {n}: {plan}",
    "ws.measured": "Gemessen in diesem Lauf (Arbeitstage {w0}-{w1}):",
    "ws.measure_wait": "Die Messung erscheint, sobald der Lauf Arbeitstag {w1} erreicht.",
    "ws.claim_ba": "{kpi}: B − A = {value} (Aussage: {stated})",
    "ws.claim_change": "{kpi} in {plan}: {value} gegenüber Tag {b0}-{b1} (Aussage: {stated})",
    "ws.claim_plan": "Veränderung in {plan} gegenüber Tag {b0}-{b1}",
    "ws.claim_days": ", Arbeitstage {w0}-{w1}",
    "ws.at_least_above": "mindestens {size} höher",
    "ws.at_least_below": "mindestens {size} niedriger",
    "ws.less_than": "weniger als ±{size}",
    "ws.holds": "bestätigt",
    "ws.fails": "NICHT bestätigt",
    "ws.quote_mark": "Konzeptpapier: „{quote}“",
    "ws.handout": "Teilnehmerunterlage (PDF)",
    "ws.debrief": "Nachbesprechung (PDF, eine Seite)",
    "ws.handout_hint": (
        "Die Unterlage enthält zu jedem Schritt die Kernaussage, die Diagramme (Startwert {seed}: die hier "
        "gezeigten Läufe) und Fragen zur Diskussion; zum Erstellen wird jeder Schritt neu gerechnet, je "
        "einige Sekunden."
    ),
    "ho.title": "Kundenorientierung: Tun oder Bewirken? Teilnehmerunterlage zum Workshop",
    "ho.subtitle": (
        "Sieben Schritte, jeder ein Vergleich zweier Pläne im selben simulierten Unternehmen: {n} Filialen, "
        "{days} Arbeitstage, dieselben Menschen, Kunden und Zufallszahlen (Startwert {seed})."
    ),
    "ho.model_note": (
        "Die Zahlen stammen aus campaign-sim {version}, einer agentenbasierten Simulation, deren "
        "Wirkmechanismen Annahmen sind (docs/ODD.md). Sie zeigen, was folgt, wenn diese Annahmen zutreffen, "
        "nicht, dass sie zutreffen."
    ),
    "ho.step": "Schritt {i} von {n} · {section}",
    "ho.plans": "Plan A: {a}.  Plan B: {b}.",
    "ho.point": "Die Kernaussage",
    "ho.measured": (
        "Gemessen: Mittel der {n} Filialen über die Arbeitstage {w0}-{w1}; dieser Lauf (Startwert {seed}) "
        "sowie kleinster bis größter Wert über die Startwerte {seeds}"
    ),
    "ho.col_claim": "Aussage",
    "ho.col_run": "Dieser Lauf",
    "ho.col_seeds": "Startwerte {seeds}",
    "ho.questions": "Zur Diskussion",
    "ho.page": "Seite {i} von {n}",
    "ho.debrief_title": "Nachbesprechung: Was das Modell gezeigt hat und was nicht",
    "ho.debrief_intro": (
        "Jeder Schritt hat seine Kernaussage als messbaren Vergleich formuliert. Je Zeile: der Schritt, "
        "seine Aussage und ob sie bei jedem der Startwerte {seeds} zutraf (Mittel der {n} Filialen, "
        "Arbeitstage {w0}-{w1})."
    ),
    "ho.held": "zutreffend bei {k} von {m} Startwerten",
    "ho.debrief_limits": "Wo das Modell das Konzeptpapier nicht einfach bestätigt",
    "ho.limit1": (
        "Angst (Schritt 3): Unterstützende Führung bringt mehr vom Training beim Kunden an, der Zuwachs "
        "beim gezeigten Verhalten ist auf der Skala 0-1 aber klein (unter 0,1)."
    ),
    "ho.limit2": (
        "Tun oder Bewirken (Schritt 4): Einstellungstraining allein vermittelt kein Verhaltenswissen; "
        "beim Können liegt Plan A am Ende vorn. Die beiden Trainings ergänzen einander."
    ),
    "ho.limit3": (
        "Bewirken belohnen (Schritt 6): Der Abstand bei der Begeisterung ist stabil; ob er daher kommt, "
        "dass A sinkt oder dass B steigt, hängt vom Startwert ab."
    ),
    "ho.limit4": (
        "Der Kreislauf (Schritt 7): Plan B bezahlt drei Kampagnen, und sein Gewinn sinkt zuerst; sein "
        "späterer Vorsprung ist nach diesen Kosten gerechnet, in einem Modell, dessen Effektstärken Annahmen "
        "sind (der Reiter „Pläne vergleichen“ stellt sie Feldstudien gegenüber)."
    ),
    "ho.debrief_questions": "Zum Mitnehmen",
    "ho.dq1": "Welche der sieben Aussagen würden Sie in Ihrer Filiale zuerst prüfen, und an welcher Zahl?",
    "ho.dq2": (
        "Welches Versprechen, welcher Anreiz, welches Training bei uns setzt am Tun an, welches am Bewirken?"
    ),
    "ho.dq3": "Was machen Sie in den nächsten vier Wochen anders?",
    "ws.problem.section": "Problem",
    "ws.problem.short": "Versprechen",
    "ws.problem.title": "Gebrochene Versprechen kosten Reputation",
    "ws.problem.point": (
        "Im letzten Viertel liegen die Kundenzufriedenheit und die Reputation der Filialen in B mindestens "
        "0,20 unter A, der Gewinn je Filiale und Tag mindestens 300 EUR darunter."
    ),
    "ws.problem.text": (
        "Beide Pläne trainieren ihr Personal ab Arbeitstag 30 im Verhalten; die Teams haben Angst vor "
        "einem Chef, der tadelt. Plan B wirbt ab Tag 30 zusätzlich mit einem großen Versprechen (20 EUR je "
        "Filiale und Tag). Seine Kunden erwarten nun mehr, als ein ängstliches Team leistet: Sie werden "
        "öfter enttäuscht, erzählen es weiter und kommen seltener."
    ),
    "ws.problem.quote": (
        "Meist scheitert es an Versprechen, die nicht gehalten und Erwartungen, die nicht erfüllt werden."
    ),
    "ws.problem.a": "Verhaltenstraining",
    "ws.problem.b": "Verhaltenstraining und ein großes Werbeversprechen",
    "ws.problem.same": (
        "In beiden Plänen dieselben Menschen, Kunden und Zufallszahlen; nur die Kampagnen unterscheiden sich."
    ),
    "ws.problem.q1": "Welche Versprechen macht unser Unternehmen den Kunden heute, und wer muss sie halten?",
    "ws.problem.q2": "Was bräuchten unsere Filialteams, bevor wir ein Versprechen bewerben?",
    "ws.problem.q3": (
        "B gibt mehr aus und verdient weniger: Wie früh würden wir das an unseren Zahlen merken?"
    ),
    "ws.market.section": "Situation",
    "ws.market.short": "Markt",
    "ws.market.title": "Ein härterer Markt schürt Angst und Last",
    "ws.market.point": (
        "Im harten Markt B liegt die Angst um den Arbeitsplatz im letzten Viertel mindestens 0,30 über A, "
        "die Begeisterung mindestens 0,12 und das Klima mindestens 0,10 darunter."
    ),
    "ws.market.text": (
        "Keiner der beiden Pläne hat eine Kampagne. Dieselben Teams arbeiten in einem normalen Markt "
        "(A: Marktdruck 0,3) und in einem harten (B: Marktdruck 0,8 und ein Wettbewerber, der Kunden "
        "1,5-mal so stark anzieht). Der Abstand entsteht von Tag 0 an, weil sich der Markt von Anfang an "
        "unterscheidet. In jeder plausiblen Welt des kalibrierten Modells (1.350: Parametersätze mal "
        "Modellstrukturen) schürt ein harter Markt Angst und senkt das Engagement. Die weitere Aussage des "
        "Konzepts, dass Arbeit an der Einstellung das abfedert, gilt in 1 % davon: Sie hebt das Engagement "
        "im harten Markt, aber es fällt dann mit dem Markt stärker, nicht schwächer."
    ),
    "ws.market.quote": "Vielen Menschen ist ihre Tätigkeit eher Verpflichtung statt Verlockung.",
    "ws.market.a": "normaler Markt",
    "ws.market.b": "harter Markt",
    "ws.market.same": (
        "In beiden Plänen dieselben Menschen, Kunden und Zufallszahlen; nur der Markt unterscheidet sich, "
        "und zwar von Tag 0 an."
    ),
    "ws.market.q1": "Wo spüren unsere Filialen den Marktdruck am stärksten, und wie kommt er im Team an?",
    "ws.market.q2": "Woran erkennen Sie in Ihrer Filiale Angst um den Arbeitsplatz?",
    "ws.market.q3": "Was kann eine Filialleitung gegen die Angst tun, die der Markt auslöst?",
    "ws.fear.section": "Situation",
    "ws.fear.short": "Angst",
    "ws.fear.title": "Angst blockiert das Gelernte",
    "ws.fear.point": (
        "Das Können steigt in beiden Plänen um mindestens 0,03. Das gezeigte Verhalten ändert sich in A um "
        "weniger als 0,03, liegt in B aber am Ende mindestens 0,06 höher, wo die Angst mindestens 0,12 "
        "niedriger ist."
    ),
    "ws.fear.text": (
        "Beide Pläne erhalten ab Tag 30 dasselbe Verhaltenstraining. In A tadelt der Chef weiter, und das "
        "Team bleibt ängstlich; in B kommt dasselbe Training mit unterstützender Führung. Die Effekte sind "
        "auf der Skala 0-1 klein: Die Diagramme zeigen einen Ausschnitt. Die beiden Linien beim Können "
        "liegen dicht beieinander: A ist die durchgezogene Linie unter den Strichen von B."
    ),
    "ws.fear.quote": (
        "Angst ist ein wesentliches Hindernis bei der Umsetzung der erlernten, kognitiv beherrschten "
        "Verhaltenskonzepte im Rahmen von Kundenorientierungskampagnen."
    ),
    "ws.fear.a": "Verhaltenstraining, Chef tadelt",
    "ws.fear.b": "Verhaltenstraining, Chef unterstützt",
    "ws.fear.same": (
        "In beiden Plänen dieselben Menschen, Kunden und Zufallszahlen; nur die Führung unterscheidet sich."
    ),
    "ws.fear.q1": "Was haben Ihre Teams im letzten Training gelernt, und was davon erleben die Kunden?",
    "ws.fear.q2": (
        "Wovor haben Ihre Mitarbeiter bei der Arbeit Angst: vor Kunden, vor dem Chef, um den Arbeitsplatz?"
    ),
    "ws.fear.q3": "Wie nimmt eine Führungskraft Angst, ohne die Ansprüche zu senken?",
    "ws.claim.section": "Behauptung",
    "ws.claim.short": "Tun oder Bewirken",
    "ws.claim.title": "Tun oder Bewirken?",
    "ws.claim.point": (
        "Mit Einstellungstraining (B) liegen Wirkungsbewusstsein mindestens 0,10 und Stolz mindestens 0,05 "
        "über dem Verhaltenstraining (A); dafür liegt A beim Können mindestens 0,04 vorn."
    ),
    "ws.claim.text": (
        "A trainiert Verhalten: „Was ist zu tun?“ und „Wie ist es zu tun?“. B arbeitet an der Einstellung, "
        "mit der Brille des Bewirkens: Was bewirkt meine Arbeit für die Kunden, für das Unternehmen, für "
        "mich? Wer weiß, was seine Arbeit bewirkt, ist nicht nur auf sein Tun stolz, sondern auch auf "
        "dessen Wirkung. Jedes Training bewegt seine eigenen Größen: Keines ersetzt das andere."
    ),
    "ws.claim.quote": (
        "Der Lösungsvorschlag: Betrachtung von Markt und Arbeitswelt durch die ‚Brille des Bewirkens‘."
    ),
    "ws.claim.a": "Verhaltenstraining (Tun)",
    "ws.claim.b": "Einstellungstraining (Brille des Bewirkens)",
    "ws.claim.same": (
        "In beiden Plänen dieselben Menschen, Kunden und Zufallszahlen; nur das Training unterscheidet sich."
    ),
    "ws.claim.q1": (
        "Welche Ihrer Aufgaben beschreiben Sie über das, was Sie tun, welche über das, was Sie bewirken?"
    ),
    "ws.claim.q2": (
        "Was bewirkt ein gutes Kundengespräch für den Kunden, das Unternehmen und den Mitarbeiter?"
    ),
    "ws.claim.q3": "Welches der beiden Trainings kauft unser Unternehmen heute vor allem ein, und warum?",
    "ws.approach.section": "Lösungsansatz",
    "ws.approach.short": "Einstellung",
    "ws.approach.title": "Führen und Trainieren auf der Einstellungsebene",
    "ws.approach.point": (
        "Einstellungstraining mit Prämien für Bewirken (B) liegt am Ende beim Stolz mindestens 0,20, beim "
        "gezeigten Verhalten mindestens 0,04 und bei der Kundenzufriedenheit mindestens 0,05 über reinem "
        "Verhaltenstraining (A)."
    ),
    "ws.approach.text": (
        "A: nur Verhaltenstraining. B: Einstellungs-Workshops und Führungskräfte, die belohnen, was Kunden "
        "erleben. Wer sich mit der eigenen Wirkung beim Kunden beschäftigt, dem wird seine Rolle in der "
        "Kundenbetreuung bewusst. Der Stolz bewegt sich am stärksten, gezeigtes Verhalten und "
        "Zufriedenheit weniger (achten Sie auf die Achsen). Die Kampagnen von B kosten mehr: Schritt 7 "
        "zeigt, ob sich ein solcher Plan rechnet."
    ),
    "ws.approach.quote": (
        "Die Klärung der Gründe und Zwecke für kundenorientiertes Verhalten ist die Basis für den Erfolg."
    ),
    "ws.approach.a": "Verhaltenstraining",
    "ws.approach.b": "Einstellungstraining und Prämien für Bewirken",
    "ws.approach.same": (
        "In beiden Plänen dieselben Menschen, Kunden und Zufallszahlen; nur die Kampagnen unterscheiden sich."
    ),
    "ws.approach.q1": "Warum sollte ein Mitarbeiter kundenorientiert sein, in seinen eigenen Worten?",
    "ws.approach.q2": "Wie würden Sie in Ihrer Filiale die Wirkung beim Kunden belohnen, und wie messen?",
    "ws.approach.q3": "Was kann schiefgehen, wenn Prämien für Bewirken mit Abzügen verbunden werden?",
    "ws.difference.section": "Unterschied",
    "ws.difference.short": "Bewirken belohnen",
    "ws.difference.title": "Bewirken belohnen, nicht nur Tun",
    "ws.difference.point": (
        "Bei gleichen Kosten liegt B (Prämien für Bewirken) gegenüber A (Prämien für Tun) am Ende beim Stolz "
        "mindestens 0,15, beim Wirkungsbewusstsein mindestens 0,12 und bei der Begeisterung mindestens 0,08 "
        "höher."
    ),
    "ws.difference.text": (
        "Kein Training: Nur das Anreizsystem unterscheidet sich, und beide kosten gleich viel. In A belohnen "
        "und sanktionieren die Führungskräfte das Tun (Aktivität), in B das Bewirken (was Kunden erleben). "
        "Bei der Begeisterung ist der Abstand zwischen den Plänen stabil; ob er daher kommt, dass A sinkt "
        "oder dass B steigt, hängt vom Startwert ab."
    ),
    "ws.difference.quote": (
        "Durch Belohnung und Bestrafung von ‚Bewirken‘, nicht nur von ‚Tun‘, entwickelt sich mehr Stolz und "
        "Freude und damit mehr Leidenschaft für den eigenen Beruf und das eigene Unternehmen."
    ),
    "ws.difference.a": "Prämien für Tun",
    "ws.difference.b": "Prämien für Bewirken",
    "ws.difference.same": (
        "In beiden Plänen dieselben Menschen, Kunden und Zufallszahlen; nur das, wofür es Prämien gibt, "
        "unterscheidet sich."
    ),
    "ws.difference.q1": "Was belohnen unsere Anreizsysteme heute: Tätigkeiten oder das, was Kunden erleben?",
    "ws.difference.q2": "Nennen Sie ein Ergebnis für Kunden, für das Ihre Filiale belohnt werden könnte.",
    "ws.difference.q3": "Was würden Mitarbeiter anders machen, wenn sie für Wirkung belohnt würden?",
    "ws.loop.section": "Erlebbarkeit",
    "ws.loop.short": "Kreislauf",
    "ws.loop.title": "Der sich selbst verstärkende Kreislauf",
    "ws.loop.point": (
        "B (alle drei Kampagnen) liegt am Ende um mindestens so viel über A (keine): Stolz 0,20, "
        "Zufriedenheit 0,08, Umsatz 400 EUR, Gewinn nach Kampagnenkosten 150 EUR je Filiale und Tag. "
        "Während der Trainings (Tag 30-59) liegt der Gewinn von B mindestens 450 EUR darunter."
    ),
    "ws.loop.text": (
        "A: keine Kampagne. B: Verhaltenstraining, Arbeit mit der Brille des Bewirkens und Prämien für "
        "Bewirken zusammen. Stolzere Mitarbeiter behandeln Kunden besser; zufriedenere Kunden geben den "
        "Mitarbeitern Grund zum Stolz. Umsatz und Gewinn gelten je Filiale und Tag, als Mittel der zehn "
        "Filialen mit ihrer Streuung; der Gewinn ist nach allen Kampagnenkosten von B gerechnet. Zuerst "
        "kostet der Plan: Während der Trainings fehlt das Personal in der Filiale, und die Gebühren fallen "
        "an, deshalb sinkt der Gewinn von B, bevor sich der Plan auszahlt."
    ),
    "ws.loop.quote": "Durch mehr Lust auf Kunden macht Kunde sein wieder Freude.",
    "ws.loop.a": "keine Kampagne",
    "ws.loop.b": "Verhaltens- und Einstellungstraining, Prämien für Bewirken",
    "ws.loop.same": (
        "In beiden Plänen dieselben Menschen, Kunden und Zufallszahlen; nur die Kampagnen unterscheiden sich."
    ),
    "ws.loop.q1": "Wo haben Sie erlebt, dass zufriedene Kunden ein Team stolzer machen, oder das Gegenteil?",
    "ws.loop.q2": "B bezahlt drei Kampagnen zugleich: Womit würden Sie anfangen, und warum?",
    "ws.loop.q3": "Welche dieser Wirkungen würden Sie zuerst an unseren eigenen Zahlen prüfen?",
}
