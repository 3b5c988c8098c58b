"""The workshop room's texts in English and German (merged into :mod:`.i18n`'s tables).

Kept apart because the refusal pages are served by the gate before any app
exists, and because the room's words are one piece: the trainer's panel, what a
participant is told, and the limits a visitor may run into.
"""

from __future__ import annotations

ROOM_EN: dict[str, str] = {
    "room.refused.title": "Ask your trainer for the room link",
    "room.refused.text": (
        "This page belongs to a workshop room. Open it with the link or the QR code your trainer shows."
    ),
    "room.full.title": "The room is full",
    "room.full.text": (
        "All seats of this workshop room are taken. Please look on with a neighbour, or ask your trainer "
        "to let more people in."
    ),
    "room.title": "Workshop room",
    "room.link": "Participants open:",
    "room.qr": "QR code of the participants' address",
    "room.count": "{n} of {limit} participants connected",
    "room.refused_count": "{n} visitors without the room link turned away",
    "room.lead": "Lead: everyone follows my step",
    "room.strategist": "Participants may open the strategist view",
    "room.following": "Your trainer leads: this page follows the trainer's step.",
    "room.free": "Explore freely: pick any step and run it as often as you like.",
    "error.too_big": (
        "This run would need about {need} MB; in the workshop room each participant may use up to {cap} MB. "
        "Choose fewer branches, fewer days or fewer customers."
    ),
    "error.file_too_large": "The file is larger than {kb} KB; a scenario file has a few KB.",
    "error.no_paths": (
        "In the workshop room no file on the server can be opened: choose a shipped scenario or drop a file."
    ),
}

ROOM_DE: dict[str, str] = {
    "room.refused.title": "Bitte fragen Sie Ihre Trainerin oder Ihren Trainer nach dem Raum-Link",
    "room.refused.text": (
        "Diese Seite gehört zu einem Workshop-Raum. Öffnen Sie sie über den Link oder den QR-Code, den "
        "die Trainerin oder der Trainer zeigt."
    ),
    "room.full.title": "Der Raum ist voll",
    "room.full.text": (
        "Alle Plätze dieses Workshop-Raums sind belegt. Schauen Sie bitte bei Ihrer Nachbarin oder Ihrem "
        "Nachbarn mit, oder bitten Sie die Trainerin oder den Trainer, mehr Personen einzulassen."
    ),
    "room.title": "Workshop-Raum",
    "room.link": "Teilnehmende öffnen:",
    "room.qr": "QR-Code der Adresse für Teilnehmende",
    "room.count": "{n} von {limit} Teilnehmenden verbunden",
    "room.refused_count": "{n} Besuche ohne Raum-Link abgewiesen",
    "room.lead": "Führen: alle folgen meinem Schritt",
    "room.strategist": "Teilnehmende dürfen die Strategie-Ansicht öffnen",
    "room.following": "Ihre Trainerin oder Ihr Trainer führt: diese Seite folgt deren Schritt.",
    "room.free": "Freies Erkunden: wählen Sie jeden Schritt und lassen Sie ihn beliebig oft laufen.",
    "error.too_big": (
        "Dieser Lauf bräuchte etwa {need} MB; im Workshop-Raum darf jede teilnehmende Person bis zu {cap} MB "
        "nutzen. Wählen Sie weniger Filialen, weniger Tage oder weniger Kundschaft."
    ),
    "error.file_too_large": "Die Datei ist größer als {kb} KB; eine Szenario-Datei hat wenige KB.",
    "error.no_paths": (
        "Im Workshop-Raum lässt sich keine Datei auf dem Server öffnen: Wählen Sie ein mitgeliefertes "
        "Szenario oder legen Sie eine Datei ab."
    ),
}
