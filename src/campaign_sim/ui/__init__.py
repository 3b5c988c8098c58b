"""The browser UI behind ``campaign-sim ui``: logic (session, presets, i18n, export) apart from views.

``session``, ``presets``, ``i18n``, ``charts`` and ``export`` import no Solara and are
unit-tested on their own; ``store``, ``components``, ``strategist`` and ``workshop``
are the Solara state and views that ``campaign_sim.app`` puts on the page.
"""
