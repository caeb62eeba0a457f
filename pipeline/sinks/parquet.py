"""Parquet dataset sink: <root>/<table>/date=YYYY-MM-DD/<batch_id>.parquet (Hive partitioning).

Idempotent per batch: the file name is the batch id, derived from the batch's content, so
re-running a batch after a crash overwrites its own files instead of adding copies. Readers that
may see overlapping batches (a batch re-cut differently after a crash) dedupe on quote_id /
(article_id, actor_id); `read_table` does."""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import apache_beam as beam
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import GlobalWindow

from pipeline.schema import ArticleAnalysis, DeadLetter
from pipeline.sinks.rows import SCHEMAS, dead_letter_row, partition_date, table_rows

KEYS = {
    "articles": ["article_id"],
    "quotes": ["quote_id"],
    "actors": ["article_id", "actor_id"],
    "dead_letters": ["stage", "source", "source_partition", "source_offset", "reason"],
}


def write_rows(root: Path, table: str, date: str, batch_id: str, rows: list[dict[str, Any]]) -> Path:
    """Write atomically (temp file + rename) so a reader never sees half a file."""
    directory = root / table / f"date={date}"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{batch_id}.parquet"
    tmp = directory / f".{batch_id}.{uuid.uuid4().hex}.tmp"
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), tmp, compression="zstd")
    os.replace(tmp, path)
    return path


class _WriteGroup(beam.DoFn):
    def __init__(self, root: str, batch_id: str) -> None:
        self.root = root
        self.batch_id = batch_id
        self.rows_written = Metrics.counter("newsflow", "parquet_rows")

    def process(
        self,
        element: tuple[tuple[str, str], Iterable[dict[str, Any]]],
        window: Any = beam.DoFn.WindowParam,
        pane: Any = beam.DoFn.PaneInfoParam,
    ) -> Iterator[str]:
        (table, date), rows = element
        rows = list(rows)
        # micro-batches name files by their content hash; windowed streaming runs by their window
        # (late panes of a window get their own file: nothing is overwritten)
        name = (
            self.batch_id
            if isinstance(window, GlobalWindow)
            else f"w-{int(window.start)}-{int(window.end)}-p{pane.index}"
        )
        path = write_rows(Path(self.root), table, date, name, rows)
        self.rows_written.inc(len(rows))
        yield str(path)


def _keyed_rows(msg: ArticleAnalysis) -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
    date = partition_date(msg)
    for table, row in table_rows(msg):
        yield (table, date), row


def _dead_letter_rows(dl: DeadLetter) -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
    yield ("dead_letters", _today()), dead_letter_row(dl)


class WriteParquetDataset(beam.PTransform):
    """Records -> one file per (table, date) for this batch; `rows` maps a record to keyed rows
    (default: an ArticleAnalysis to its articles/quotes/actors rows). Outputs the written paths."""

    def __init__(
        self,
        root: Path | str,
        batch_id: str,
        rows: Callable[[Any], Iterator[tuple[tuple[str, str], dict[str, Any]]]] = _keyed_rows,
    ) -> None:
        super().__init__()
        self.root = str(root)
        self.batch_id = batch_id
        self.rows = rows

    def expand(self, records: beam.PCollection) -> beam.PCollection:
        return (
            records
            | "ToRows" >> beam.FlatMap(self.rows)
            | "GroupByTableAndDate" >> beam.GroupByKey()
            | "WriteFiles" >> beam.ParDo(_WriteGroup(self.root, self.batch_id))
        )


def WriteDeadLetters(root: Path | str, batch_id: str) -> WriteParquetDataset:  # noqa: N802 (reads as a transform)
    """DeadLetter -> <root>/dead_letters/date=…/<batch_id>.parquet, for runs without a broker."""
    return WriteParquetDataset(root, batch_id, rows=_dead_letter_rows)


def _today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


def _oldest_first(files: Iterable[Path]) -> list[Path]:
    """By modification time, so that later writes win."""
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _files(directory: Path) -> list[Path]:
    return _oldest_first(directory.glob("*.parquet"))


def _read(files: list[Path], table: str, base: Path) -> pa.Table:
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


def _latest_per_key(data: pa.Table, table: str) -> pa.Table:
    seen: set[tuple[Any, ...]] = set()
    keep: list[int] = []
    columns = [data.column(k).to_pylist() for k in KEYS[table]]
    for i in range(data.num_rows - 1, -1, -1):
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
    data = _read(files, table, base)
    return _latest_per_key(data, table)


@dataclass
class Compaction:
    partitions: int = 0  # date partitions that had more than one file
    files_before: int = 0
    files_after: int = 0
    rows_before: int = 0
    rows_after: int = 0


def compact(root: Path | str, tables: Iterable[str] = tuple(KEYS)) -> Compaction:
    """Merge each date partition's files into one, one row per key (the last written). Idempotent:
    a partition with one file is left as it is. Crash-safe: the merged file is in place (atomic
    rename) before the inputs are removed, and readers dedupe by key meanwhile."""
    out = Compaction()
    for table in tables:
        base = Path(root) / table
        for directory in sorted(base.glob("date=*")) if base.exists() else []:
            files = _files(directory)
            if len(files) < 2:
                continue
            data = _read(files, table, base)
            merged = _latest_per_key(data, table).drop_columns(["date"])
            name = "compacted-" + hashlib.sha256(b"".join(f.name.encode() for f in files)).hexdigest()[:16]
            path = directory / f"{name}.parquet"
            tmp = directory / f".{name}.{uuid.uuid4().hex}.tmp"
            pq.write_table(merged.cast(SCHEMAS[table]), tmp, compression="zstd")
            os.replace(tmp, path)
            for f in files:
                if f != path:
                    f.unlink()
            out.partitions += 1
            out.files_before += len(files)
            out.files_after += 1
            out.rows_before += data.num_rows
            out.rows_after += merged.num_rows
    return out
