"""Make the Solara server self-contained: every script and stylesheet from this computer.

``solara-assets`` ships the JavaScript that Solara otherwise loads from a CDN,
and Solara serves it under ``/_solara/cdn/``.  Two gaps remain, closed here:

* Solara's chart widget asks for ``vega@5``, ``vega-lite@5`` and ``vega-embed@6``,
  but the package holds exact versions (``vega@5.21.0`` ...), so those requests
  would go to the CDN.  Symlinks with the short names fix it.
* Solara reports usage to an analytics service and checks PyPI for updates;
  both are switched off, so that the server never calls out.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: the names Solara's VegaLite widget requests, and the package they stand for
VEGA_ALIASES = {"vega@5": "vega", "vega-lite@5": "vega-lite", "vega-embed@6": "vega-embed"}


class OfflineAssetsError(RuntimeError):
    """The local copies of Solara's browser assets are missing; the page would need the internet."""


def quiet_solara() -> None:
    """Switch off Solara's telemetry before its settings are read (environment) and after (settings)."""
    os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    try:
        import solara.server.settings as settings
    except ImportError:  # pragma: no cover - solara is a dependency
        return
    settings.telemetry.mixpanel_enable = False


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", name.split("@", 1)[1]))


def cdn_dir() -> Path:
    """Where the Solara server looks for its CDN assets."""
    import solara.server.settings as settings

    return Path(settings.assets.proxy_cache_dir)


def ensure_offline_assets(folder: Path | None = None) -> list[Path]:
    """Create the vega alias symlinks next to the bundled versions; returns the links made.

    Raises :class:`OfflineAssetsError` when solara-assets is missing, because
    without it the browser would fetch Vue, Vuetify and Vega from a CDN.
    """
    try:
        import solara_assets  # noqa: F401
    except ImportError:
        raise OfflineAssetsError(
            "solara-assets is not installed: the browser would load scripts from the internet "
            "(pip install the project's pinned dependencies)"
        ) from None
    folder = folder or cdn_dir()
    made = []
    for alias, package in VEGA_ALIASES.items():
        link = folder / alias
        if link.exists():
            continue
        major = alias.split("@", 1)[1]
        candidates = [p for p in folder.glob(f"{package}@{major}.*") if p.is_dir() and not p.is_symlink()]
        if not candidates:
            raise OfflineAssetsError(f"{folder}: no bundled {package}@{major}.x for the charts")
        target = max(candidates, key=lambda p: _version_key(p.name))
        if link.is_symlink():  # a dangling link from an older install
            link.unlink(missing_ok=True)
        try:
            link.symlink_to(target.name, target_is_directory=True)
        except FileExistsError:  # another server (a parallel test worker) made it just now
            if not link.exists():
                raise
            continue
        made.append(link)
    return made
