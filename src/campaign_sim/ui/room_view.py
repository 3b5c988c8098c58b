"""The workshop room on the page: the trainer's panel, a participant's note, and the sync between them.

Each page polls the server's :class:`.room.Room` twice a second from its own
thread (a page's state belongs to its own session, so the trainer's page
cannot set it): the trainer's page publishes its workshop step, a
participant's page follows it while the trainer leads.
"""

from __future__ import annotations

import html
import threading
from dataclasses import replace

import reacton.ipyvuetify as v
import solara

from . import page_state
from .i18n import tr
from .room import PARTICIPANT, TRAINER, Room, qr_svg

#: seconds between two looks at the room
POLL_SECONDS = 0.5


def sync(room: Room, role: str) -> None:
    """One look at the room: publish (trainer) or follow (participant) the step; keep the page's view."""
    view = room.view()
    if role == TRAINER:
        step = page_state.ws_step.peek()
        if view.step != step:
            room.set_step(step)
            view = replace(view, step=step)
    else:
        # a participant's page redraws only for what it shows (not for every newcomer)
        view = replace(view, participants=0, refused=0)
        if view.lead and page_state.ws_step.peek() != view.step:
            page_state.load_workshop_step(view.step)
        if not view.strategist and page_state.mode.peek() == "strategist":
            page_state.mode.set("workshop")
    page_state.room.set(view)


def use_room_sync(room: Room | None, role: str | None) -> None:
    """Keep this page in step with the room until the page closes."""

    def loop(cancel: threading.Event) -> None:
        if room is None or role is None:
            return
        while True:
            sync(room, role)
            if cancel.wait(POLL_SECONDS):
                return

    solara.use_thread(loop, dependencies=[role], intrusive_cancel=False)


@solara.component
def TrainerPanel(room: Room):
    """Address and QR code for the room, who is connected, and the trainer's two switches."""
    lang = page_state.language.value
    view = page_state.room.value
    link = room.link()
    uri = solara.use_memo(lambda: qr_svg(link), [link])
    count = tr(lang, "room.count", n=view.participants, limit=room.limit)
    qr = (
        f'<img src="{html.escape(uri)}" alt="{html.escape(tr(lang, "room.qr"))}" '
        'style="width:132px;height:132px;image-rendering:pixelated">'
    )
    with solara.Div(classes=["cs-room"]):
        body = solara.Row(
            gap="16px",
            style={"flex-wrap": "wrap", "align-items": "center"},
            children=[
                solara.HTML(tag="div", unsafe_innerHTML=qr, classes=["cs-room-qr"]),
                solara.Column(
                    gap="2px",
                    children=[
                        solara.Text(tr(lang, "room.link"), classes=["cs-hint"]),
                        solara.Text(link, classes=["cs-room-link"]),
                        solara.Text(count, classes=["cs-room-count"]),
                        solara.Text(
                            tr(lang, "room.refused_count", n=view.refused),
                            classes=["cs-hint", "cs-room-refused"],
                        ),
                        v.Switch(
                            v_model=view.lead,
                            on_v_model=lambda on: (room.set_lead(bool(on)), sync(room, TRAINER)),
                            label=tr(lang, "room.lead"),
                            hide_details=True,
                            class_="cs-room-lead my-1",
                        ),
                        v.Switch(
                            v_model=view.strategist,
                            on_v_model=lambda on: (room.set_strategist(bool(on)), sync(room, TRAINER)),
                            label=tr(lang, "room.strategist"),
                            hide_details=True,
                            class_="cs-room-strategist my-1",
                        ),
                    ],
                ),
            ],
        )
        solara.Details(summary=f"{tr(lang, 'room.title')} · {count}", children=[body], expand=True)


@solara.component
def ParticipantNote():
    """Tells a participant whether the trainer leads (the step buttons then wait) or the room is free."""
    lang = page_state.language.value
    lead = page_state.room.value.lead
    css = "cs-room-following" if lead else "cs-room-free"
    solara.Text(tr(lang, "room.following" if lead else "room.free"), classes=["cs-hint", css])


def following() -> bool:
    """Whether this page's workshop steps are the trainer's to choose."""
    return page_state.role.value == PARTICIPANT and page_state.room.value.lead
