"""Time the factorial training trial over a 100-member ensemble (goal: under 15 minutes on 2 cores).

The ensemble is SYNTHETIC, written to a temporary folder for the timing only and labelled so in
its JSON: members drawn uniformly within the ranges of ``experiments/sensitivity.toml`` (five of
its parameters) and the retail overhead within +-10% of its default, with random weights.  It is
not a calibrated ensemble and is never shipped as ``calibration/ensemble.csv``.

    .venv/bin/python benchmarks/bench_ensemble.py [--members 100] [--replicates 3] [--branches 50]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 15 * 60
#: (dotted scenario path, low, high): sensitivity.toml's ranges, and the overhead's default +-10%
RANGES = (
    ("staff.fear_block", 0.5, 0.95),
    ("staff.transfer_fear", 0.3, 0.9),
    ("staff.effect_pride", 0.02, 0.07),
    ("customers.loss_aversion", 1.5, 3.0),
    ("customers.climate_effect", 0.05, 0.35),
    ("company.overhead_per_day", 427.5, 522.5),
)


def write_synthetic_ensemble(folder: Path, members: int, seed: int = 11) -> Path:
    """``ensemble.csv`` and ``ensemble.json`` (labelled synthetic) in ``folder``; returns the CSV."""
    rng = np.random.default_rng(seed)
    weights = rng.gamma(2.0, size=members)
    weights /= weights.sum()
    weights[-1] = 1.0 - weights[:-1].sum()  # the sum is 1 to rounding
    header = ["member", "weight", *(path for path, _, _ in RANGES)]
    lines = [",".join(header)]
    for m in range(members):
        values = [rng.uniform(low, high) for _, low, high in RANGES]
        lines.append(",".join([str(m), repr(float(weights[m])), *(f"{v:.6g}" for v in values)]))
    csv = folder / "ensemble.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    provenance = {
        "synthetic": True,
        "method": "synthetic: uniform draws within documented ranges, for timing only (not calibrated)",
        "ranges": {path: [low, high] for path, low, high in RANGES},
        "seed": seed,
        "best_supported_member": int(np.argmax(weights)),
    }
    (folder / "ensemble.json").write_text(json.dumps(provenance, indent=2), encoding="utf-8")
    return csv


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--replicates", type=int, default=3)
    parser.add_argument("--branches", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--days", type=int, default=None, help="default: the file's (3 years of money)")
    parser.add_argument("--horizon", type=int, default=None, help="money horizon (days); with a short --days")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv = write_synthetic_ensemble(folder, args.members)
        command = [
            str(REPO / ".venv" / "bin" / "campaign-sim"), "compare",
            str(REPO / "experiments" / "training_trial.toml"),
            "--ensemble", str(csv), "--replicates", str(args.replicates), "--branches", str(args.branches),
            "--workers", str(args.workers), "--out", str(folder / "out"), "--quiet",
        ]  # fmt: skip
        if args.days:
            command += ["--days", str(args.days)]
        if args.horizon:
            command += ["--horizon", str(args.horizon)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if done.returncode:
            print(done.stdout[-3000:], done.stderr[-3000:], file=sys.stderr)
            return done.returncode
        last = [line for line in done.stdout.splitlines() if " runs in " in line]
        print(last[-1] if last else "")
        for line in done.stdout.splitlines():
            if line.startswith(("Chance of paying back", "Attitude-level work")):
                print(line)
    ok = seconds < GOAL_SECONDS
    print(
        f"{args.members} members x {args.replicates} seeds, training_trial, {args.branches} branches, "
        f"{args.workers} workers: {seconds:.1f} s in all (report included)"
    )
    print(
        f"{'PASS' if ok else 'FAIL'}  ensemble trial in {seconds / 60:.1f} min < {GOAL_SECONDS / 60:.0f} min"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
