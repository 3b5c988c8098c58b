"""Rewrite summary.json from the current model.  Run only after a deliberate model change:

    .venv/bin/python tests/baselines/refresh.py

and say in the commit why the numbers moved (tests/test_baseline.py compares against it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from test_baseline import summarise  # noqa: E402

if __name__ == "__main__":
    (HERE / "summary.json").write_text(json.dumps(summarise(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {HERE / 'summary.json'}")
