"""The page's state and the actions that change it.

Every ``solara.reactive`` here is scoped to one browser session by the Solara
server, so two people (or two tabs) never share a run.  Actions validate
before they change anything: a bad file or value leaves a message and the
previous, working state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import solara

from ..scenario import Scenario
from ..scenario_io import ScenarioError, load_scenario, quote_values
from .i18n import LANGUAGES
from .levers import NO_CAMPAIGN, Plan, Settings, build_scenario, load_uploaded
from .live_run import LiveRun, estimate_bytes
from .payback import SEEDS_DEFAULT, SeedStudy
from .presets import STEPS
from .room import RoomView
from .safe_upload import UPLOAD_LIMIT_BYTES, UploadTooLarge, parse_upload

ENV_LANG = "CAMPAIGN_SIM_UI_LANG"
ENV_SCENARIOS = "CAMPAIGN_SIM_UI_SCENARIOS"
ENV_SCENARIO = "CAMPAIGN_SIM_UI_SCENARIO"
#: set by ``campaign-sim ui --workshop`` / ``--projector`` / ``--step N``: what every new page opens with
ENV_MODE = "CAMPAIGN_SIM_UI_MODE"
ENV_PROJECTOR = "CAMPAIGN_SIM_UI_PROJECTOR"
ENV_STEP = "CAMPAIGN_SIM_UI_STEP"
#: set by ``campaign-sim ui`` when others can connect (``--room``, or ``--host`` beyond the loopback)
ENV_SAFE = "CAMPAIGN_SIM_UI_SAFE"
DEFAULT_SCENARIO = "attitude_training"
#: in safe mode: the most memory one page's strategist run may hold (estimated before it is built)
SESSION_LIMIT_BYTES = 96 * 2**20


def safe() -> bool:
    """Whether visitors may reach this server: no paths on it, uploads in memory, no values in errors."""
    return os.environ.get(ENV_SAFE) == "1"


quote_values(not safe())


@dataclass(frozen=True)
class Message:
    """A note for the user: a text key (translated when shown) and an untranslated detail."""

    level: str  # "error" | "info"
    key: str
    detail: str = ""
    values: tuple[tuple[str, object], ...] = ()
    also: str = ""  # a second text key shown after the first


class RunControl:
    """The reactive state of one run shown on the page: the live run, play state, frame counter, speed."""

    def __init__(self, speed: int):
        self.live = solara.reactive(cast(LiveRun | None, None))
        self.playing = solara.reactive(False)
        self.tick = solara.reactive(0)
        self.speed = solara.reactive(speed)

    def replace(self, live: LiveRun) -> None:
        self.playing.set(False)
        self.live.set(live)
        self.tick.set(self.tick.peek() + 1)


def _default_language() -> str:
    lang = os.environ.get(ENV_LANG, "en")
    return lang if lang in LANGUAGES else "en"


def _default_mode() -> str:
    return "workshop" if os.environ.get(ENV_MODE) == "workshop" else "strategist"


def start_step() -> int:
    """The workshop step a new page (or "Reset for the next group") opens: 0-based, from ``--step N``."""
    try:
        step = int(os.environ.get(ENV_STEP, "1")) - 1
    except ValueError:
        step = 0
    return max(0, min(step, len(STEPS) - 1))


language = solara.reactive(_default_language())
mode = solara.reactive(_default_mode())
large = solara.reactive(os.environ.get(ENV_PROJECTOR) == "1")
message = solara.reactive(cast(Message | None, None))

strategist = RunControl(speed=20)
#: days per second of a workshop run: 240 days in 8 s, slow enough to watch the lines part
WORKSHOP_SPEED = 30
workshop = RunControl(speed=WORKSHOP_SPEED)

base = solara.reactive(cast(Scenario | None, None))
source = solara.reactive("")
settings = solara.reactive(Settings())
plan_a = solara.reactive(Plan())
plan_b = solara.reactive(NO_CAMPAIGN)

view = solara.reactive("dashboard")
dash_kpis = solara.reactive(["profit", "satisfaction", "complaints", "quits"])
tile_kpi = solara.reactive("satisfaction")
drill_branch = solara.reactive(0)
staff_colour = solara.reactive("fear")
customer_colour = solara.reactive("satisfaction")
selected = solara.reactive(cast(tuple[str, int, int] | None, None))
compare_kpis = solara.reactive(["profit", "pride", "satisfaction"])
#: how many seeds the compare tab runs for the interval of B - A
seeds = solara.reactive(SEEDS_DEFAULT)
#: the last seed study and the pair of scenarios it ran (stale once the levers change)
seed_study = solara.reactive(cast(tuple[tuple[Scenario, ...], SeedStudy] | None, None))
#: the seed study also varies the parameters: members of the calibrated ensemble, drawn by weight
seed_ensemble = solara.reactive(False)
#: seeds done by the study under way (None: none running)
seed_progress = solara.reactive(cast(int | None, None))
ws_step = solara.reactive(start_step())
#: in the workshop room: "trainer" or "participant" (None: no room), and what the page knows of the room
role = solara.reactive(cast(str | None, None))
room = solara.reactive(RoomView())


def scenario_dir() -> Path:
    """The folder of shipped scenarios: $CAMPAIGN_SIM_UI_SCENARIOS, ./scenarios, or the repository's."""
    env = os.environ.get(ENV_SCENARIOS)
    if env:
        return Path(env)
    here = Path("scenarios")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "scenarios"


def shipped_scenarios() -> list[str]:
    """Names of the scenario files in :func:`scenario_dir`."""
    folder = scenario_dir()
    return sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []


def _use(new_base: Scenario, label: str) -> bool:
    """Make ``new_base`` the scenario: plan A's levers, market and team back at 'as in the file'.

    Plan B and the branches, days and seed typed in are kept (and the message
    says so); if they do not fit the new scenario, everything goes back to the file.
    """
    kept = apply(base_=new_base, settings_=settings.peek().kept(), plan_a_=Plan(), source_=label, quiet=True)
    if not kept and not apply(
        base_=new_base, settings_=Settings(), plan_a_=Plan(), plan_b_=NO_CAMPAIGN, source_=label
    ):
        return False
    run = strategist.live.peek().scenarios[0].run if strategist.live.peek() else new_base.run
    values = (("name", new_base.name), ("branches", run.branches), ("days", run.days))
    message.set(Message("info", "scenario.loaded", values=values, also="scenario.kept" if kept else ""))
    return True


def load_named(name: str) -> bool:
    """Load a shipped scenario by name."""
    if safe() and name not in shipped_scenarios():
        message.set(Message("error", "error.no_paths"))
        return False
    return _load_file(str(scenario_dir() / f"{name}.toml"), label=name)


def load_path(path: str, label: str | None = None) -> bool:
    """Load a scenario file from a path on this computer; a bad file leaves a message.

    Refused in safe mode: a visitor must never open a file of the server."""
    if safe():
        message.set(Message("error", "error.no_paths"))
        return False
    return _load_file(path, label)


def _load_file(path: str, label: str | None = None) -> bool:
    path = path.strip()
    file = Path(path).expanduser()
    try:
        if not path:
            raise ScenarioError("no file name given")
        scenario = load_scenario(file)
    except ScenarioError as err:
        problem: Exception | None = err
        # an own file may extend a shipped scenario by name (extends = "baseline.toml")
        if "no such scenario file" in str(err) and file.is_file():
            try:
                scenario, problem = load_uploaded(file.name, file.read_bytes(), scenario_dir()), None
            except ScenarioError as retry:
                problem = retry
        if problem is not None:
            message.set(Message("error", "error.scenario", str(problem)))
            return False
    except OSError as err:
        message.set(Message("error", "error.scenario", f"{path}: {err}"))
        return False
    return _use(scenario, label or path)


def load_upload(name: str, content: bytes) -> bool:
    """Load a dropped scenario file (``extends`` resolves against the shipped scenarios).

    In safe mode it is parsed in memory (:mod:`.safe_upload`), capped in size, and its
    messages quote nothing of it."""
    try:
        if safe():
            scenario = parse_upload(name, content, scenario_dir())
        else:
            scenario = load_uploaded(name, content, scenario_dir())
    except UploadTooLarge:
        upload_too_large()
        return False
    except ScenarioError as err:
        message.set(Message("error", "error.scenario", str(err)))
        return False
    except OSError as err:
        message.set(Message("error", "error.upload", f"{name}: {err}"))
        return False
    return _use(scenario, name)


def upload_too_large() -> None:
    """Say that a dropped file is over the cap (the run shown stays)."""
    message.set(Message("error", "error.file_too_large", values=(("kb", UPLOAD_LIMIT_BYTES // 1024),)))


def apply(
    *,
    base_: Scenario | None = None,
    settings_: Settings | None = None,
    plan_a_: Plan | None = None,
    plan_b_: Plan | None = None,
    source_: str | None = None,
    quiet: bool = False,
) -> bool:
    """Validate the new inputs and start a fresh paired run with them, or keep the old and explain.

    ``quiet``: a failure leaves no message (the caller tries something else).
    """
    b = base_ or base.peek()
    if b is None:
        return False
    s = settings_ or settings.peek()
    pa, pb = plan_a_ or plan_a.peek(), plan_b_ or plan_b.peek()
    label = source_ or source.peek() or b.name
    try:
        scenario_a = build_scenario(b, s, pa, f"{label} (plan A)")
        scenario_b = build_scenario(b, s, pb, f"{label} (plan B)")
        need = estimate_bytes([scenario_a, scenario_b])
        if safe() and need > SESSION_LIMIT_BYTES:
            if not quiet:
                values = (("need", need // 2**20), ("cap", SESSION_LIMIT_BYTES // 2**20))
                message.set(Message("error", "error.too_big", values=values))
            return False
        live = LiveRun(scenario_a, scenario_b)
    except ScenarioError as err:
        problem = str(err)
    except (ValueError, MemoryError) as err:  # e.g. a run too large for this computer
        problem = f"{type(err).__name__}: {err}"
    else:
        problem = ""
    if problem:
        if not quiet:
            message.set(Message("error", "error.value", problem))
        return False
    base.set(b)
    settings.set(s)
    plan_a.set(pa)
    plan_b.set(pb)
    source.set(label)
    selected.set(None)
    if drill_branch.peek() >= scenario_a.run.branches:
        drill_branch.set(0)
    strategist.replace(live)
    message.set(Message("info", "lever.applied"))
    return True


def reset_strategist() -> None:
    """Start the current paired run again at day 0."""
    apply()


def initialise(strategist: bool = True) -> None:
    """Load the starting workshop step and (``strategist``) scenario once per browser session."""
    if strategist:
        initialise_strategist()
    if workshop.live.peek() is None:
        load_workshop_step(ws_step.peek())


def initialise_strategist() -> None:
    """Load the starting scenario (once); a room participant's page calls it only if allowed."""
    if base.peek() is not None:
        return
    names = shipped_scenarios()
    wanted = os.environ.get(ENV_SCENARIO, DEFAULT_SCENARIO)
    if wanted in names:
        ok = load_named(wanted)
    elif not safe() and Path(wanted).is_file():
        ok = load_path(wanted)
    else:
        ok = False
    if not ok and base.peek() is None:
        _use(Scenario(name="defaults"), "defaults")
    message.set(None)


def reset_workshop() -> None:
    """Reset for the next group: stop, every step back at day 0, the starting step open, speed as at start."""
    workshop.playing.set(False)
    workshop.speed.set(WORKSHOP_SPEED)
    load_workshop_step(start_step())
    message.set(Message("info", "ws.reset_done", values=(("i", start_step() + 1),)))


def load_workshop_step(index: int) -> None:
    """Show workshop step ``index`` with a fresh two-branch run at day 0."""
    index = max(0, min(index, len(STEPS) - 1))
    scenario_a, scenario_b = STEPS[index].scenarios()
    ws_step.set(index)
    workshop.replace(LiveRun(scenario_a, scenario_b, history=False))
