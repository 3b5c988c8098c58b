"""Parquet output: the one writer behind ``campaign-sim run``, the experiments' store and the UI export.

Input/output layer, beside ``scenario_io.py``: the model never imports it.  Run metadata
(scenario, seed, version) goes into the file's schema, so a Parquet file says where it
came from without a side file.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd


def parquet_bytes(frame: pd.DataFrame, metadata: dict[str, str] | None = None) -> bytes:
    """A table as Parquet file bytes, with key-value metadata (scenario, seed, version) in the schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if metadata:
        existing = table.schema.metadata or {}
        table = table.replace_schema_metadata(
            {**existing, **{k.encode(): v.encode() for k, v in metadata.items()}}
        )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def write_parquet(frame: pd.DataFrame, path: Path, metadata: dict[str, str]) -> Path:
    """Write a table to a Parquet file with run metadata in the schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(parquet_bytes(frame, metadata))
    return path
