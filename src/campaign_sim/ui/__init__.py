"""The browser UI behind ``campaign-sim ui``: its logic kept apart from its views.

``levers``, ``live_run``, ``presets``, ``i18n`` (with ``workshop_text``), ``charts``, ``export``
and ``handout`` (the workshop's measured claims and its PDFs) import no Solara and are
unit-tested on their own; ``page_state`` (the page's reactive state and actions),
``components``, ``strategist`` and ``workshop`` are the Solara state and views that
``campaign_sim.app`` puts on the page.
"""
