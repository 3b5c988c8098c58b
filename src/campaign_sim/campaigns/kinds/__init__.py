"""One module per campaign kind: its pydantic spec and its behaviour, side by side.  Every
module here is imported (and so registered) by ``campaign_sim.campaigns``.  Adding a kind:
a module here, its ODD section, its tests (see README, Development)."""
