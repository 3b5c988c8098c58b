"""Real processes: a sweep killed with SIGKILL resumes exactly; a Dask cluster gives the local tables.

These start the ``campaign-sim`` command, ``dask scheduler`` and ``dask worker`` as
subprocesses on loopback, and always clean up their whole process groups.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from .conftest import stored_tables, write_tiny

BIN = Path(sys.executable).parent
CLI = str(BIN / "campaign-sim")
DASK = str(BIN / "dask")


def _start(args: list[str], log: Path, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=cwd, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(proc: subprocess.Popen) -> None:
    """Kill a process and everything it started (its session's process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _sweep(tiny: Path, out: Path, *extra: str) -> list[str]:
    return [CLI, "sweep", str(tiny), "--out", str(out), "--quiet", *extra]


def test_kill_9_then_rerun_loses_nothing_and_repeats_nothing(tmp_path: Path):
    # 3 points x 6 replicates x (trial + counterfactual) = 36 runs of 6 branches x 100 days
    tiny = write_tiny(tmp_path, replicates=6, days=100, levels=3)
    out = tmp_path / "killed"
    proc = _start(_sweep(tiny, out, "--workers", "2"), tmp_path / "first.log", tmp_path)
    try:
        deadline = time.monotonic() + 120
        while len(list((out / "runs").glob("*.parquet"))) < 6:
            assert proc.poll() is None, (tmp_path / "first.log").read_text()
            assert time.monotonic() < deadline, "no runs stored within 2 minutes"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)  # the command itself, as `kill -9 PID` would
        proc.wait(timeout=30)
    finally:
        _stop(proc)  # then its pool workers and fork server

    stored = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (out / "runs").glob("*.parquet")}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "running"  # killed: nobody could write "complete"
    assert 6 <= len(stored) < manifest["runs"] == 36

    rerun = subprocess.run(_sweep(tiny, out, "--workers", "2"), cwd=tmp_path, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"resuming: {len(stored)} of 36 runs already stored" in rerun.stderr
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (out / "runs").glob("*.parquet")}
    assert {name: after[name] for name in stored} == stored  # completed runs untouched
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    assert manifest["invocations"][-1]["runs_found_done"] == len(stored)
    assert manifest["invocations"][-1]["runs_done"] == 36 - len(stored)  # nothing done twice

    clean = tmp_path / "clean"
    whole = subprocess.run(
        _sweep(tiny, clean, "--workers", "1"), cwd=tmp_path, capture_output=True, text=True
    )
    assert whole.returncode == 0, whole.stderr
    for resumed, uninterrupted in zip(stored_tables(out), stored_tables(clean), strict=True):
        pd.testing.assert_frame_equal(resumed, uninterrupted, check_exact=True)
    for name in ("tidy.parquet", "effects.csv", "levels.csv"):
        left, right = out / name, clean / name
        if name.endswith(".csv"):
            assert left.read_bytes() == right.read_bytes(), name
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(left), pd.read_parquet(right), check_exact=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dask_cluster(folder: Path, workers: int = 2) -> Iterator[str]:
    """A real scheduler and workers (one thread each) on 127.0.0.1; stopped afterwards."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [
        _start(
            [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            folder / "scheduler.log",
            folder,
        )
    ]
    try:
        for i in range(workers):
            procs.append(
                _start(
                    [
                        DASK,
                        "worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--no-dashboard",
                        "--name",
                        f"w{i}",
                        "--local-directory",
                        str(folder / f"w{i}"),
                    ],
                    folder / f"worker{i}.log",
                    folder,
                )
            )
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=90)
        yield address
    finally:
        for proc in reversed(procs):
            _stop(proc)


def test_dask_cluster_gives_the_same_tables_as_the_local_run(tmp_path: Path):
    pytest.importorskip("distributed")
    tiny = write_tiny(tmp_path, replicates=2, days=60)
    local = tmp_path / "local"
    done = subprocess.run(_sweep(tiny, local, "--workers", "2"), cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with dask_cluster(tmp_path) as address:
        remote = tmp_path / "remote"
        done = subprocess.run(
            _sweep(tiny, remote, "--cluster", address), cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr + done.stdout
    assert f"on cluster {address}" in done.stdout
    for on_cluster, on_laptop in zip(stored_tables(remote), stored_tables(local), strict=True):
        pd.testing.assert_frame_equal(on_cluster, on_laptop, check_exact=True)
    assert (remote / "effects.csv").read_bytes() == (local / "effects.csv").read_bytes()
    manifest = json.loads((remote / "manifest.json").read_text())
    assert manifest["invocations"][-1]["cluster"] == address
