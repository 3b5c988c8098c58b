"""The browser app (Mesa's ``app.py`` convention): ``campaign-sim ui`` serves :func:`Page` with Solara.

Strategists explore scenarios, levers and two plans side by side; trainers walk
through the concept in the workshop mode.  Everything lives in
:mod:`campaign_sim.ui`; this module only frames it: app bar with mode, language
and projector switches, the current message, and the chosen mode's view.

Run it with ``campaign-sim ui``, which also makes the page work offline and keeps
Solara from calling out.  (``solara run campaign_sim.app`` works after
``campaign-sim ui --setup-only`` with ``SOLARA_TELEMETRY_MIXPANEL_ENABLE=False``.)
"""

from __future__ import annotations

import reacton.ipyvuetify as v
import solara
import solara.lab

from .experiments.ensemble import shipped_members
from .experiments.field import FIELD
from .scenario import Scenario
from .ui import page_state, room
from .ui.assets import OfflineAssetsError, ensure_offline_assets
from .ui.components import CSS, CSS_LARGE, MessageBox
from .ui.game_hub import participant_start_mode
from .ui.game_view import GameView
from .ui.i18n import tr
from .ui.room import PARTICIPANT, TRAINER
from .ui.room_view import ParticipantNote, TrainerPanel, use_room_sync
from .ui.strategist import StrategistView
from .ui.workshop import WorkshopView

#: the calibrated ensemble's members, for the compare tab's band over parameter sets and seeds
ENSEMBLE = shipped_members(Scenario().model_dump(mode="json"))

#: dark blue with white text: contrast ratio above 7:1, readable on a washed-out projector
PRIMARY = "#0b4f8a"
#: dark red: error text stays readable on its pale background
ERROR = "#b00020"


def _toggle(value: str, options: list[tuple[str, str]], on_value, prefix: str):
    with solara.ToggleButtonsSingle(value=value, on_value=on_value, dense=True, classes=[prefix]):
        for key, text in options:
            solara.Button(text, value=key, classes=[f"{prefix}-{key}"])


def _prepare_assets() -> str | None:
    """Make the chart libraries available offline; a problem is shown, not raised (the page still works)."""
    try:
        ensure_offline_assets()
    except (OfflineAssetsError, OSError) as err:
        return f"{err} (charts may need the internet)"
    return None


@solara.component
def Page():
    """The whole page: one per browser session."""
    asset_problem = solara.use_memo(_prepare_assets, [])
    the_room = room.current()
    # the gate let this page in with one of the room's tokens (its cookie): which one decides the role
    role = the_room.role_for(solara.lab.cookies.value.get(the_room.cookie)) if the_room else None

    def start() -> None:
        page_state.role.set(role)
        if role == PARTICIPANT:  # a participant opens on the game while one is open
            page_state.mode.set(participant_start_mode(page_state.scenario_dir()))
        page_state.initialise(strategist=role != PARTICIPANT)

    solara.use_effect(start, [])
    use_room_sync(the_room, role)
    lang = page_state.language.value
    large = page_state.large.value
    mode = page_state.mode.value
    may_switch = role != PARTICIPANT or page_state.room.value.strategist
    # the modes this page may open: the room adds its team game (participants always reach it)
    modes = [("strategist", tr(lang, "mode.strategist"))] if may_switch else []
    modes += [("workshop", tr(lang, "mode.workshop"))]
    if the_room is not None:
        modes += [("game", tr(lang, "mode.game"))]
    # a participant allowed into the strategist view gets its run when they first open it
    solara.use_effect(lambda: page_state.initialise_strategist() if mode == "strategist" else None, [mode])
    theme = solara.lab.theme.themes.light
    theme.primary, theme.error, theme.info = PRIMARY, ERROR, PRIMARY
    solara.Title(tr(lang, "app.title"))
    solara.Style(CSS + (CSS_LARGE if large else ""))

    with solara.AppBar():
        with solara.AppBarTitle():
            solara.Text(tr(lang, "app.title"), classes=["cs-title"])
        with solara.Row(gap="14px", style={"align-items": "center", "background": "transparent"}):
            if len(modes) > 1:
                _toggle(
                    mode,
                    modes,
                    lambda value: (page_state.message.set(None), page_state.mode.set(value)),
                    "cs-mode",
                )
            _toggle(lang, [("en", "English"), ("de", "Deutsch")], page_state.language.set, "cs-lang")
            v.Switch(
                v_model=large,
                on_v_model=page_state.large.set,
                label=tr(lang, "large.label"),
                hide_details=True,
                dark=True,
                class_="cs-large mx-2",
            )
    with solara.Column(classes=["cs-app"], style={"padding": "8px 16px"}):
        if asset_problem:
            solara.Warning(asset_problem)
        if the_room is not None and role == TRAINER:
            TrainerPanel(the_room)
        elif role == PARTICIPANT and mode == "workshop":
            ParticipantNote()
        MessageBox()
        if mode == "game" and the_room is not None:
            GameView()
        elif mode == "workshop" or not may_switch:
            WorkshopView()
        else:
            StrategistView(field_figures=FIELD, ensemble=ENSEMBLE)
