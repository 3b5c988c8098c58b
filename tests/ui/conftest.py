"""Browser fixtures: Debian's chromium for pytest-playwright, one real ``campaign-sim ui`` server per worker.

Playwright's own browser download does not work offline, so the launch is
pointed at ``/usr/bin/chromium``.  A missing chromium fails the tests (CI
installs it), it never skips them.
"""

from __future__ import annotations

import pytest
import uihelp
from playwright.sync_api import expect

# generous: two workers, two browsers and two servers share two cores
expect.set_options(timeout=uihelp.TIMEOUT_MS / 2)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": uihelp.chromium(), "args": uihelp.CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def app_url():
    """The app, started as a user starts it, on a free port; stopped after the session."""
    proc, url = uihelp.start_server()
    yield url
    output = uihelp.stop_server(proc)
    assert "Traceback" not in output, output[-4000:]


def _offline(page, url: str, size: tuple[int, int], opener):
    """A fresh browser session (its own kernel, so its own run) at ``size``, opened by ``opener``;
    yields the page, then checks that it asked nothing outside this computer."""
    external: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(uihelp.LOCAL) else external.append(request.url),
    )
    page.set_viewport_size({"width": size[0], "height": size[1]})
    opener(page, url)
    yield page
    assert external == [], f"the page asked the internet for {external}"


@pytest.fixture
def app(page, app_url):
    """The strategist's page, checked to stay offline."""
    yield from _offline(page, app_url, (1500, 1100), uihelp.open_app)


@pytest.fixture(scope="session")
def workshop_url():
    """A second server, started as a trainer starts it: workshop, German, projector, step 2."""
    proc, url = uihelp.start_server(extra=("--workshop", "--projector", "--lang", "de", "--step", "2"))
    yield url
    output = uihelp.stop_server(proc)
    assert "Traceback" not in output, output[-4000:]


@pytest.fixture
def workshop(page, workshop_url):
    """A fresh browser session on the trainer's server at 1280×800, checked to stay offline."""
    yield from _offline(page, workshop_url, (1280, 800), uihelp.open_workshop)
