"""Building blocks shared by the strategist and workshop views: choices, charts, messages, run controls."""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import reacton.ipyvuetify as v
import solara
import solara.widgets

from . import charts, page_state
from .i18n import scenario_name, tr
from .live_run import LiveRun

#: shortest time between two frames of a running simulation (the browser redraws every chart per frame)
FRAME_SECONDS = 0.25
#: the same when others can connect: a room's pages share the server, so each redraws half as often
#: (the days per second stay: a frame steps as many days as the speed asks for over its time)
ROOM_FRAME_SECONDS = 0.5


def frame_seconds() -> float:
    return ROOM_FRAME_SECONDS if page_state.safe() else FRAME_SECONDS


CSS = """
.cs-app { color: #111; }
.cs-app .v-label, .cs-app .v-select__selection, .cs-app input { color: #111 !important; }
.cs-app .v-btn { text-transform: none; letter-spacing: 0; font-weight: 600; }
.cs-app .cs-day { font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.cs-app .cs-section { text-transform: uppercase; letter-spacing: .06em; color: #0b4f8a; font-weight: 700; }
.cs-app .cs-ws-title { font-size: 1.7rem; font-weight: 700; line-height: 1.15; margin: .05em 0 .15em 0; }
.cs-app .cs-ws-point { font-size: 1.15rem; font-weight: 600; line-height: 1.35; max-width: 75em; }
.cs-app .cs-ws-text { font-size: 1.15rem; line-height: 1.5; max-width: 62em; }
.cs-app .cs-ws-quote { font-size: 1.1rem; font-style: italic; margin: .5em 0; max-width: 62em; }
.cs-app .cs-ws-head { margin: .2em 0 .3em 0; }
.cs-app .cs-ws-measured { margin: .3em 0; }
.cs-app .cs-ws-measured-title { font-weight: 700; display: block; }
.cs-app .cs-ws-claim { display: block; font-size: 1rem; }
.cs-app .cs-ws-claim-fails { color: #b00020; font-weight: 700; }
.cs-app .cs-ws-chart .vega-embed { padding-right: 0 !important; }
.cs-app .cs-hint { color: #333; font-size: .95rem; display: block; margin: .2em 0; }
.cs-app .cs-payback-text, .cs-app .cs-seed-title, .cs-app .cs-field-title, .cs-app .cs-seed-break-even {
  display: block; margin: .3em 0;
}
.cs-app .v-select__selection--comma {
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.3;
}
.cs-app .cs-payback-text, .cs-app .cs-seed-break-even { font-size: 1.05rem; font-weight: 600; color: #111; }
.cs-app .cs-seed-title, .cs-app .cs-field-title { font-weight: 700; color: #111; }
.cs-app .cs-chart { overflow-x: auto; overflow-y: hidden; }
.cs-app .cs-speed { max-width: 30em; }
.cs-app .cs-key { font-size: 1.1rem; font-weight: 600; display: flex; flex-wrap: wrap; gap: .4em 2em; }
.cs-app .cs-key-a::before, .cs-app .cs-key-b::before {
  content: ""; display: inline-block; width: 2.2em; height: 0; margin: 0 .5em .25em 0; vertical-align: middle;
}
.cs-app .cs-key-a::before { border-top: 5px solid #0072B2; }
.cs-app .cs-key-b::before { border-top: 5px dashed #D55E00; }
.cs-app pre.cs-detail {
  white-space: pre-wrap; font-family: inherit; font-size: 1rem; margin: .4em 0 0 0; color: #111;
}
.cs-app .v-card, .cs-app .v-card__title, .cs-app .v-card__text, .cs-app .cs-ws-title, .cs-app .cs-ws-text,
.cs-app .cs-ws-point, .cs-app .cs-branch-title { color: #111 !important; }
.cs-app .cs-branch-title { font-size: 1.25rem; font-weight: 700; }
.cs-app .v-card__title { word-break: normal; overflow-wrap: break-word; }
.cs-app .cs-swatch-a { border-left: 10px solid #0072B2; padding-left: .6em; }
.cs-app .cs-swatch-b { border-left: 10px solid #D55E00; padding-left: .6em; }
.cs-app table.cs-table { border-collapse: collapse; font-size: 1rem; }
.cs-app table.cs-table td, .cs-app table.cs-table th {
  border-bottom: 1px solid #bbb; padding: .25em .8em; text-align: right;
}
.cs-app table.cs-table td:first-child, .cs-app table.cs-table th:first-child { text-align: left; }
.v-application .v-app-bar .v-btn-toggle { background: transparent !important; }
.v-application .v-app-bar .v-btn-toggle .v-btn {
  background: #dfe7f0 !important; color: #0b2f55 !important; opacity: 1 !important; font-weight: 600;
}
.v-application .v-app-bar .v-btn-toggle .v-btn.v-btn--active {
  background: #ffffff !important; color: #000 !important; font-weight: 800;
  box-shadow: inset 0 -5px 0 #E69F00;
}
/* phones (below 600 px, e.g. 390x844): no title or projector switch in the app bar, people charts
   scaled to the screen's width, so that nothing needs scrolling sideways */
@media (max-width: 599px) {
  .v-application .v-app-bar .cs-title, .v-application .v-app-bar .cs-large { display: none !important; }
  .v-application .v-app-bar .v-toolbar__title { display: none !important; }
  .v-application .v-app-bar .v-toolbar__content { padding: 4px 8px; }
  /* the room's mode toggle (workshop, game) and the languages share the bar: compact buttons */
  .v-application .v-app-bar .v-btn-toggle .v-btn {
    padding: 0 7px !important; min-width: 36px !important; letter-spacing: 0; font-size: .78rem;
  }
  .v-application .v-app-bar .v-toolbar__content > .d-flex { gap: 6px !important; }
  .cs-app { padding: 6px 10px !important; }
  .cs-app .cs-ws-title { font-size: 1.35rem; }
  .cs-app .cs-ws-point { font-size: 1.02rem; }
  .cs-app .cs-key { font-size: 1rem; gap: .2em 1em; }
  .cs-app .cs-ws-more, .cs-app .cs-ws-branch-a, .cs-app .cs-ws-branch-b { max-width: 100%; }
  .cs-app .cs-chart svg.marks { max-width: 100%; height: auto; }
  .cs-app .cs-room-link { word-break: break-all; }
  .cs-app .v-btn.cs-ws-nav, .cs-app .v-btn.cs-ws-reset-all { height: 36px !important; }
}
"""

#: the projector mode: larger type everywhere (rem-based sizes follow the root font size)
CSS_LARGE = """
html { font-size: 20px !important; }
.cs-app .v-label, .cs-app .v-select__selection, .cs-app input, .cs-app .v-btn, .cs-app .v-list-item__title,
.cs-app .v-tab, .cs-app .v-alert { font-size: 1.05rem !important; }
.cs-app .v-btn:not(.v-btn--icon) { min-height: 2.6rem; }
.cs-app .cs-ws-title { font-size: 1.6rem; }
.cs-app .cs-ws-point { font-size: 1.1rem; }
.cs-app .cs-ws-text { font-size: 1.2rem; }
.cs-app .cs-key { font-size: .95rem; }
.cs-app .v-btn.cs-ws-nav, .cs-app .v-btn.cs-ws-reset-all { min-height: 2rem; font-size: .95rem !important; }
.v-list-item__title { font-size: 1.2rem !important; }
"""


@solara.component
def Choice(
    label: str,
    options: Sequence[tuple[Any, str]],
    value: Any,
    on_value: Callable[[Any], None],
    classes: Sequence[str] = (),
    multiple: bool = False,
    disabled: bool = False,
):
    """A drop-down whose shown text is translated while its value stays a stable key.

    An option whose key is ``None`` is a heading over the options that follow it.
    """
    items = [{"header": text} if key is None else {"text": text, "value": key} for key, text in options]
    return v.Select(
        label=label,
        items=items,
        v_model=value,
        on_v_model=on_value,
        multiple=multiple,
        chips=multiple,
        small_chips=multiple,
        deletable_chips=multiple,
        disabled=disabled,
        hide_details=True,
        outlined=True,
        dense=True,
        class_=" ".join(["cs-choice", "my-2", *classes]),
        menu_props={"offsetY": True},
    )


@solara.component
def IntField(label: str, value: int, on_commit: Callable[[int], bool], classes: Sequence[str] = ()):
    """A whole-number field applied on Enter or leaving it; a rejected entry shows the kept value again.

    (Solara's ``InputInt`` keeps showing a rejected entry, which would suggest it was applied.)
    """
    text, set_text = solara.use_state(str(value))
    solara.use_effect(lambda: set_text(str(value)), [value])

    def commit(*_ignore) -> None:
        if text.strip() == str(value):
            return
        try:
            number = int(text.strip())
        except ValueError:
            page_state.message.set(
                page_state.Message("error", "error.value", f"{label}: {text!r} is not a whole number")
            )
            set_text(str(value))
            return
        if not on_commit(number):
            set_text(str(value))

    field = v.TextField(
        label=label,
        v_model=text,
        on_v_model=set_text,
        hide_details=True,
        class_=" ".join(["cs-int", *classes]),
        style_="max-width: 9em",
    )
    v.use_event(field, "keyup.enter", commit)
    v.use_event(field, "blur", commit)
    return field


@solara.component
def Chart(spec: dict[str, Any], on_click: Callable[[Any], None] | None = None, classes: Sequence[str] = ()):
    """A Vega-Lite chart drawn in the browser by the locally served Vega (see :mod:`.assets`).

    Its numbers follow the page's language (decimal comma in German)."""
    spec = charts.localise(spec, page_state.language.value)
    with solara.Div(classes=["cs-chart", *classes], style={"width": "100%"}):
        solara.widgets.VegaLite.element(spec=spec, on_click=on_click, listen_to_click=on_click is not None)


@solara.component
def MessageBox():
    """The current note: errors with their exact cause, infos briefly; dismissable."""
    msg = page_state.message.value
    lang = page_state.language.value
    if msg is None:
        return
    values = dict(msg.values)
    if "name" in values:  # a shipped scenario's name in the page's language
        values["name"] = scenario_name(lang, str(values["name"]))
    text = tr(lang, msg.key, **values)
    if msg.also:
        text += " " + tr(lang, msg.also)
    with solara.Div(classes=[f"cs-message-{msg.level}"]):
        children = [solara.Text(text)]
        if msg.detail:
            children.append(
                solara.HTML(tag="pre", unsafe_innerHTML=html.escape(msg.detail), classes=["cs-detail"])
            )
        children.append(
            solara.Button(
                tr(lang, "error.dismiss"),
                text=True,
                on_click=lambda: page_state.message.set(None),
                classes=["cs-dismiss"],
            )
        )
        if msg.level == "error":
            solara.Error(children=children, classes=["cs-error"], icon=True, outlined=True)
        else:
            solara.Info(children=children, classes=["cs-info"], icon=True, dense=True)


def _play(control: page_state.RunControl, cancel: threading.Event) -> None:
    """Step the run in frames until paused, finished or failed.

    Each frame steps as many days as the chosen speed asks for over the time the
    last frame took, then bumps the frame counter so the charts redraw.  Slow
    drawing thus lowers the frame rate, never the days per second.
    """
    live = control.live.peek()
    if live is None:
        return
    try:
        _frames(control, live, cancel)
    finally:
        # one last frame after the loop: a pause clicked mid-frame may have drawn half-updated charts
        control.tick.set(control.tick.peek() + 1)


def _frames(control: page_state.RunControl, live: LiveRun, cancel: threading.Event) -> None:
    shortest = frame_seconds()
    period = shortest
    window: list[tuple[float, int]] = [(time.perf_counter(), live.day)]
    while not cancel.is_set() and control.playing.peek():
        start = time.perf_counter()
        done = live.step(max(1, round(control.speed.peek() * period)))
        now = time.perf_counter()
        window = [*window[-8:], (now, live.day)]
        (t0, d0), (t1, d1) = window[0], window[-1]
        live.rate = (d1 - d0) / (t1 - t0) if t1 > t0 else 0.0
        control.tick.set(control.tick.peek() + 1)
        if done == 0 or live.done or live.error:
            control.playing.set(False)
            break
        cancel.wait(max(0.0, shortest - (time.perf_counter() - start)))
        period = time.perf_counter() - start


def _status(lang: str, control: page_state.RunControl, live: LiveRun) -> str:
    status = tr(lang, "status.day", day=live.day, days=live.days)
    if control.playing.value and getattr(live, "rate", 0):
        status += " · " + tr(lang, "status.rate", rate=live.rate)
    elif live.done:
        status += " · " + tr(lang, "status.done")
    return status


@solara.component
def SpeedSlider(control: page_state.RunControl):
    """Days per second of a run (its value in the label, so no English number pops up on the thumb)."""
    lang = page_state.language.value
    with solara.Div(classes=["cs-speed"]):
        solara.SliderInt(
            f"{tr(lang, 'speed.label')}: {control.speed.value}",
            value=control.speed.value,
            on_value=control.speed.set,
            min=1,
            max=60,
            step=1,
            thumb_label=False,
        )


@solara.component
def RunBar(
    control: page_state.RunControl,
    on_reset: Callable[[], None],
    prefix: str,
    run_key: str = "btn.run",
    leading: Sequence[solara.Element] = (),
    trailing: Sequence[solara.Element] = (),
    resume_key: str | None = None,
    compact: bool = False,
    single_step: bool = True,
):
    """Step, run/pause, reset (between optional ``leading`` and ``trailing`` buttons), speed, day counter.

    ``resume_key``: the play button's text once a run has started and was paused.
    ``compact``: day counter in the button row and no speed slider (the workshop's
    projector view has no room to spare; it shows the slider elsewhere).
    ``single_step``: whether to offer the one-day Step button.
    """
    lang = page_state.language.value
    live = control.live.value
    playing = control.playing.value
    _ = control.tick.value  # redraw the counter every frame

    def play(cancel: threading.Event) -> None:
        if playing:
            _play(control, cancel)

    solara.use_thread(play, dependencies=[playing, live], intrusive_cancel=False)
    if live is None:
        solara.ProgressLinear(True)
        return

    def step() -> None:
        live.step(1)
        control.tick.set(control.tick.peek() + 1)

    def toggle() -> None:
        control.playing.set(not control.playing.peek())

    done = live.done or live.error is not None
    with solara.Row(gap="8px", style={"flex-wrap": "wrap", "align-items": "center"}):
        for element in leading:
            solara.display(element)
        if single_step:
            solara.Button(
                tr(lang, "btn.step"),
                on_click=step,
                disabled=playing or done,
                color="primary",
                icon_name="mdi-step-forward",
                classes=[f"{prefix}-step"],
            )
        started = live.day > 0 and not done
        solara.Button(
            tr(lang, "btn.pause") if playing else tr(lang, resume_key if resume_key and started else run_key),
            on_click=toggle,
            disabled=done and not playing,
            color="primary",
            icon_name="mdi-pause" if playing else "mdi-play",
            classes=[f"{prefix}-play"],
        )
        solara.Button(
            tr(lang, "btn.reset"),
            on_click=on_reset,
            outlined=True,
            color="primary",
            icon_name="mdi-restore",
            classes=[f"{prefix}-reset"],
        )
        for element in trailing:
            solara.display(element)
        if compact:
            solara.Text(_status(lang, control, live), classes=["cs-day", f"{prefix}-day"])
    if not compact:
        solara.Text(_status(lang, control, live), classes=["cs-day", f"{prefix}-day"])
        SpeedSlider(control)
    if live.error:
        solara.Error(tr(lang, "error.run") + " " + live.error, classes=["cs-run-error"])
