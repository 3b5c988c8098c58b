"""The results directory: a Parquet dataset written run by run, and a manifest.

Layout of ``--out DIR``::

    manifest.json        experiment, file hash, version, seeds, invocations (each start or resume)
    design.parquet       the design points (one row per point)
    runs/<run_id>.parquet    tidy rows of one finished run (the dataset, one part per run)
    series/<run_id>.parquet  arm trajectories of that run
    branch_series/...        every KPI per branch and day, only with --full-series
    tidy.parquet, series.parquet, *.csv, report.html, figures/   written at the end

A part is written to a temporary name and renamed, and the tidy part is written last,
so a run is either completely stored or not at all: killing the command at any moment
(even ``kill -9``) loses at most the runs in flight, and the next call skips every run
whose tidy part exists.  Part names carry a hash of the run's inputs, so results of an
earlier, different plan are never mistaken for this one's.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ..runner import parquet_bytes
from .runs import SERIES_KEYS, TIDY_KEYS, EncodedRun

MANIFEST = "manifest.json"
PARTS = ("runs", "series", "branch_series")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _atomic_parquet(frame: pd.DataFrame, path: Path) -> None:
    _atomic_write_bytes(path, parquet_bytes(frame))


class ResultStore:
    """One experiment's results directory (see the module docstring for the layout)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    # ---- layout ------------------------------------------------------------------
    def part(self, kind: str, run_id: str) -> Path:
        return self.root / kind / f"{run_id}.parquet"

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def exists(self) -> bool:
        return self.manifest_path.is_file()

    def completed(self) -> set[str]:
        """Ids of the runs whose tidy part is stored."""
        folder = self.root / "runs"
        if not folder.is_dir():
            return set()
        return {p.stem for p in folder.glob("*.parquet") if not p.name.startswith(".")}

    # ---- preparing and writing ---------------------------------------------------------
    def prepare(self, planned: list[str], fresh: bool = False) -> tuple[int, int]:
        """Create the folders; drop temporary files and parts of other plans.

        Returns (runs already done, stale runs removed).
        """
        if fresh and self.root.exists():
            for name in (*PARTS, "figures"):
                shutil.rmtree(self.root / name, ignore_errors=True)
            for name in (MANIFEST, "tidy.parquet", "series.parquet", "design.parquet", "report.html"):
                (self.root / name).unlink(missing_ok=True)
        for kind in PARTS[:2]:
            (self.root / kind).mkdir(parents=True, exist_ok=True)
        wanted = set(planned)
        stale = 0
        for kind in PARTS:
            folder = self.root / kind
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.name.startswith(".") and path.name.endswith(".tmp"):
                    path.unlink()
                elif path.suffix == ".parquet" and path.stem not in wanted:
                    path.unlink()
                    stale += kind == "runs"
        return len(self.completed() & wanted), stale

    def write(self, run: EncodedRun) -> None:
        """Store one finished run; its parts are written in order, the tidy part last."""
        for kind, data in run.parts.items():
            folder = self.root / kind
            folder.mkdir(exist_ok=True)
            _atomic_write_bytes(folder / f"{run.run_id}.parquet", data)

    def write_design(self, points: pd.DataFrame) -> None:
        frame = points.copy()
        frame.insert(0, "point", range(len(frame)))
        _atomic_parquet(frame, self.root / "design.parquet")

    def write_table(self, frame: pd.DataFrame, name: str) -> Path:
        path = self.root / name
        if name.endswith(".csv"):
            _atomic_write_bytes(path, frame.to_csv(index=False, float_format="%.6g").encode())
        else:
            _atomic_parquet(frame, path)
        return path

    # ---- manifest ----------------------------------------------------------------------
    def read_manifest(self) -> dict[str, Any]:
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _atomic_write_bytes(self.manifest_path, json.dumps(manifest, indent=2, default=str).encode())

    def start_invocation(
        self, base: dict[str, Any], executor: dict[str, Any], done_before: int
    ) -> dict[str, Any]:
        """Record a start or resume; earlier invocations of the same plan are kept."""
        previous = self.read_manifest() if self.exists() else {}
        invocations = (
            previous.get("invocations", []) if previous.get("fingerprint") == base["fingerprint"] else []
        )
        invocation = {
            "started": now(),
            "ended": None,
            "host": platform.node(),
            "runs_found_done": done_before,
            "runs_done": 0,
            **executor,
        }
        manifest = {
            **base,
            "created": previous.get("created", now()) if invocations else now(),
            "status": "running",
            "invocations": [*invocations, invocation],
        }
        self.write_manifest(manifest)
        return manifest

    def end_invocation(
        self, manifest: dict[str, Any], runs_done: int, model_seconds: float, status: str
    ) -> None:
        invocation = manifest["invocations"][-1]
        invocation.update(ended=now(), runs_done=runs_done, model_seconds=round(model_seconds, 3))
        manifest["status"] = status
        if status == "complete":
            manifest["finished"] = invocation["ended"]
        self.write_manifest(manifest)

    # ---- reading -------------------------------------------------------------------------
    def _read(self, kind: str, run_ids: list[str] | None, keys: tuple[str, ...]) -> pd.DataFrame | None:
        folder = self.root / kind
        if run_ids is None:
            files = sorted(str(p) for p in folder.glob("*.parquet") if not p.name.startswith("."))
        else:
            files = [str(self.part(kind, r)) for r in sorted(run_ids) if self.part(kind, r).is_file()]
        if not files:
            return None
        frame = ds.dataset(files, format="parquet").to_table().to_pandas()
        return frame.sort_values(list(keys), kind="stable").reset_index(drop=True)

    def read_tidy(self, run_ids: list[str] | None = None) -> pd.DataFrame | None:
        """The tidy table (one row per run, arm, branch and period), sorted."""
        return self._read("runs", run_ids, TIDY_KEYS)

    def read_series(self, run_ids: list[str] | None = None) -> pd.DataFrame | None:
        """Arm trajectories (one row per run, arm and stored day), sorted."""
        return self._read("series", run_ids, SERIES_KEYS)

    def read_design(self) -> pd.DataFrame:
        path = self.root / "design.parquet"
        return pd.read_parquet(path) if path.is_file() else pd.DataFrame({"point": [0]})

    def run_seconds(self) -> dict[str, float]:
        """Model seconds per stored run (from the parts' metadata)."""
        out = {}
        for path in (self.root / "runs").glob("*.parquet"):
            meta = pq.read_schema(path).metadata or {}
            if b"seconds" in meta:
                out[path.stem] = float(meta[b"seconds"])
        return out
