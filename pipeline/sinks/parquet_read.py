"""Reading the Parquet dataset the sink writes (pipeline.sinks.parquet): each table whole, one row
per key, the row written last. Apart from the writer, which needs Beam (its FileSystems and
transforms), so that readers such as the web page's Pipeline view do not import Beam."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.dataset as ds

from pipeline.sinks.rows import SCHEMAS

KEYS = {
    "articles": ["article_id"],
    "quotes": ["quote_id"],
    "actors": ["article_id", "actor_id"],
    "dead_letters": ["stage", "source", "source_partition", "source_offset", "reason"],
    "statement_appearances": ["quote_id"],
    "statements": ["statement_id"],
    "stories": ["story_id"],
}
REVISED = {"statements", "stories"}  # tables of states: the highest revision per key is the latest


def _oldest_first(files: Iterable[Path]) -> list[Path]:
    """By modification time, so that later writes win."""
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name))


def partition_files(directory: Path) -> list[Path]:
    return _oldest_first(directory.glob("*.parquet"))


def read_files(files: list[Path], table: str, base: Path) -> pa.Table:
    """Files in the given order, under the table's current schema (columns added later read as
    null in older files), with the hive `date` column."""
    schema = SCHEMAS[table].append(pa.field("date", pa.string()))
    dataset = ds.dataset(
        [str(f) for f in files],
        schema=schema,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([("date", pa.string())]), flavor="hive"),
        partition_base_dir=str(base),
    )
    return dataset.to_table(use_threads=False)


def latest_per_key(data: pa.Table, table: str) -> pa.Table:
    """The row written last per key; for statements and stories, the highest revision (two job
    processes may write one statement's states in either order)."""
    seen: set[tuple[Any, ...]] = set()
    keep: list[int] = []
    columns = [data.column(k).to_pylist() for k in KEYS[table]]
    order = list(range(data.num_rows - 1, -1, -1))
    if table in REVISED:
        revisions = data.column("revision").to_pylist()
        order.sort(key=lambda i: -(revisions[i] or 0))
    for i in order:
        key = tuple(col[i] for col in columns)
        if key not in seen:
            seen.add(key)
            keep.append(i)
    return data.take(sorted(keep))


def read_table(root: Path | str, table: str) -> pa.Table:
    """The whole table, one row per key: the one written last."""
    base = Path(root) / table
    files = _oldest_first(base.glob("date=*/*.parquet")) if base.exists() else []
    if not files:
        return SCHEMAS[table].empty_table()
    data = read_files(files, table, base)
    return latest_per_key(data, table)
