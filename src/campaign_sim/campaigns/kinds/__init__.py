"""One module per campaign kind; every module here is imported (and so registered) by
``campaign_sim.campaigns``.  Adding a kind: a module here, its spec in ``config.py``, its
ODD section, its tests (see README, Development)."""
