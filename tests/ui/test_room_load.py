"""``make test`` runs the room's load test with 5 participants (README "Workshop room" has 25).

In its own process: its browser must not share an event loop with pytest-playwright's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("room_load.py")


def test_five_participants_each_run_the_workshop_at_five_days_a_second_or_more():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--participants", "5", "--timeout", "300"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    report = done.stdout + done.stderr
    print(report)
    assert "participants: 5;" in report, report
    assert done.returncode == 0, report
