"""The results directory: a Parquet dataset written run by run, and a manifest.

Layout of ``--out DIR``::

    manifest.json        experiment, file hash, version, seeds, invocations (each start or resume)
    design.parquet       the design points (one row per point)
    runs/<run_id>.parquet    tidy rows of one finished run (the dataset, one part per run)
    series/<run_id>.parquet  arm trajectories of that run
    money/<run_id>.parquet   arm means per day of profit, campaign cost and revenue (the money)
    branch_series/...        every KPI per branch and day, only with --full-series
    damaged/                 parts and manifests that could not be read, set aside
    tidy.parquet, series.parquet, *.csv, report.html, figures/   written at the end

A part is written to a temporary name and renamed, and the tidy part is written last,
so a run is either completely stored or not at all: killing the command at any moment
(even ``kill -9``) loses at most the runs in flight, and the next call skips every run
whose tidy part exists.  Part names carry a hash of the run's inputs, so results of an
earlier, different plan are never mistaken for this one's.

A part or manifest damaged anyway (a disk error, a bad copy) is moved to ``damaged/``
and named in a :class:`DamagedStoreError` or in what :meth:`ResultStore.set_aside_damaged`
returns: every part of a damaged run goes, so the run counts as not done and is run
again, and the intact runs are kept.
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
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ..parquet_io import parquet_bytes
from .definition import ExperimentError
from .runs import MONEY_KEYS, SERIES_KEYS, TIDY_KEYS, EncodedRun

MANIFEST = "manifest.json"
PARTS = ("runs", "series", "money", "branch_series")
#: where damaged parts and manifests are moved, inside the results directory
DAMAGED = "damaged"
#: keys without which a manifest cannot be used
_MANIFEST_KEYS = ("kind", "experiment", "fingerprint", "run_ids")
_MAGIC = b"PAR1"


class DamagedStoreError(ExperimentError):
    """A part or the manifest of a results directory cannot be read; ``moved`` says where it went."""

    def __init__(self, message: str, moved: list[Path]):
        super().__init__(message)
        self.moved = moved


def _looks_intact(path: Path) -> bool:
    """A cheap structural check of a Parquet file: magic bytes at both ends, a footer that fits.

    Catches truncated, empty and overwritten files in microseconds per part; damage inside
    a data page shows only when the part is read (see ``ResultStore._read``).
    """
    try:
        size = path.stat().st_size
        if size < 12:
            return False
        with path.open("rb") as f:
            head = f.read(4)
            f.seek(size - 8)
            tail = f.read(8)
    except OSError:
        return False
    footer = int.from_bytes(tail[:4], "little")
    return head == _MAGIC and tail[4:] == _MAGIC and footer + 12 <= size


def _readable(path: Path) -> bool:
    """Whether the whole part can be read (every page decoded)."""
    try:
        pq.read_table(path)
    except (pa.ArrowException, OSError):
        return False
    return True


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

    def set_aside(self, path: Path) -> Path:
        """Move a damaged file to ``damaged/`` (keeping its folder name); returns the new path."""
        relative = path.relative_to(self.root)
        target = self.root / DAMAGED / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        n = 1
        while target.exists():
            target = self.root / DAMAGED / relative.with_name(f"{relative.name}.{n}")
            n += 1
        os.replace(path, target)
        return target

    def _set_aside_runs(self, run_ids: set[str]) -> None:
        """Move every part of these runs, so that none of them counts as done."""
        for run_id in run_ids:
            for kind in PARTS:
                part = self.part(kind, run_id)
                if part.is_file():
                    self.set_aside(part)

    def set_aside_damaged(self) -> list[Path]:
        """Find parts that fail the structural check; set their runs aside; returns the damaged files."""
        damaged: list[Path] = []
        for kind in PARTS:
            folder = self.root / kind
            if folder.is_dir():
                damaged += [
                    p
                    for p in sorted(folder.glob("*.parquet"))
                    if not p.name.startswith(".") and not _looks_intact(p)
                ]
        self._set_aside_runs({p.stem for p in damaged})
        return damaged

    def set_aside_damaged_manifest(self) -> Path | None:
        """Move a manifest that cannot be read to ``damaged/``; returns its new path, or None if fine."""
        if not self.exists():
            return None
        try:
            self.read_manifest()
        except DamagedStoreError as err:
            return err.moved[0]
        return None

    def completed(self) -> set[str]:
        """Ids of the runs whose tidy part is stored."""
        folder = self.root / "runs"
        if not folder.is_dir():
            return set()
        return {p.stem for p in folder.glob("*.parquet") if not p.name.startswith(".")}

    # ---- preparing and writing ---------------------------------------------------------
    def prepare(self, planned: list[str], fresh: bool = False) -> tuple[int, int]:
        """Create the folders; drop temporary files and parts of other plans.

        Returns (runs already done, stale runs removed).  Runs with a damaged part are set
        aside first (:meth:`set_aside_damaged`), so they are run again.
        """
        if fresh and self.root.exists():
            for name in (*PARTS, "figures", DAMAGED):
                shutil.rmtree(self.root / name, ignore_errors=True)
            for name in (MANIFEST, "tidy.parquet", "series.parquet", "design.parquet", "report.html"):
                (self.root / name).unlink(missing_ok=True)
        for kind in PARTS[:2]:
            (self.root / kind).mkdir(parents=True, exist_ok=True)
        self.set_aside_damaged()
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
        """The manifest; a damaged one is set aside and named in a DamagedStoreError."""
        try:
            manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError("not a JSON object")
            missing = [k for k in _MANIFEST_KEYS if k not in manifest]
            if missing:
                raise ValueError(f"no {', '.join(missing)}")
        except (UnicodeDecodeError, ValueError) as err:
            reason = str(err).split("\n")[0]
            moved = self.set_aside(self.manifest_path)
            raise DamagedStoreError(
                f"{self.manifest_path}: damaged ({reason}); set aside as {moved}. "
                "Run the experiment command again: it resumes from the intact runs",
                [moved],
            ) from None
        return manifest

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
        try:
            table = ds.dataset(files, format="parquet").to_table()
        except (pa.ArrowException, OSError):
            damaged = [Path(f) for f in files if not _readable(Path(f))]
            if not damaged:
                raise
            self._set_aside_runs({p.stem for p in damaged})
            names = ", ".join(str(p) for p in damaged)
            raise DamagedStoreError(
                f"damaged result part(s): {names}; their runs are set aside in {self.root / DAMAGED} "
                "and will be run again by the experiment command",
                damaged,
            ) from None
        frame = table.to_pandas()
        return frame.sort_values(list(keys), kind="stable").reset_index(drop=True)

    def read_tidy(self, run_ids: list[str] | None = None) -> pd.DataFrame | None:
        """The tidy table (one row per run, arm, branch and period), sorted."""
        return self._read("runs", run_ids, TIDY_KEYS)

    def read_series(self, run_ids: list[str] | None = None) -> pd.DataFrame | None:
        """Arm trajectories (one row per run, arm and stored day), sorted."""
        return self._read("series", run_ids, SERIES_KEYS)

    def read_money(self, run_ids: list[str] | None = None) -> pd.DataFrame | None:
        """Arm means per day of profit, campaign cost and revenue (one row per run, arm and day)."""
        return self._read("money", run_ids, MONEY_KEYS)

    def read_design(self) -> pd.DataFrame:
        path = self.root / "design.parquet"
        return pd.read_parquet(path) if path.is_file() else pd.DataFrame({"point": [0]})

    def run_seconds(self) -> dict[str, float]:
        """Model seconds per stored run (from the parts' metadata)."""
        out = {}
        for path in (self.root / "runs").glob("*.parquet"):
            try:
                meta = pq.read_schema(path).metadata or {}
            except (pa.ArrowException, OSError):
                continue  # damaged: set aside by the next read or prepare
            if b"seconds" in meta:
                out[path.stem] = float(meta[b"seconds"])
        return out
