"""``python -m campaign_sim.cli``: the same as the ``campaign-sim`` command."""

from . import main

main(prog_name="campaign-sim")
