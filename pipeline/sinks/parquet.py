"""Parquet dataset sink: <root>/<table>/date=YYYY-MM-DD/<name>.parquet (Hive partitioning).

Idempotent per batch: a micro-batch's files are named by its batch id, derived from the batch's
content (else by a digest of the rows' keys; a windowed stream's by window and pane), so re-running
a batch after a crash overwrites its own files instead of adding copies. Readers that
may see overlapping batches (a batch re-cut differently after a crash) dedupe on quote_id /
(article_id, actor_id); `read_table` does."""

from __future__ import annotations

import hashlib
import logging
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import GlobalWindow

from pipeline.schema import Appearance, ArticleAnalysis, DeadLetter, Statement, Story
from pipeline.sinks.parquet_read import KEYS, latest_per_key, partition_files, read_files
from pipeline.sinks.rows import SCHEMAS, analysis_tables, dead_letter_row, partition_date, state_tables

log = logging.getLogger(__name__)


def _key_digest(table: str, date: str, data: pa.Table) -> str:
    """A name from the rows' keys: the same rows (a re-run batch) get the same name."""
    columns = [data.column(c).to_pylist() for c in KEYS[table]]
    keys = sorted("\x1f".join(map(str, k)) for k in zip(*columns, strict=True))
    return "c-" + hashlib.sha256("\x1e".join([table, date, *keys]).encode()).hexdigest()[:24]


def write_table(root: Path | str, table: str, date: str, name: str | None, data: pa.Table) -> str:
    """<root>/<table>/date=<date>/<name>.parquet (a local path, s3://…, gs://…). name None:
    derived from the rows' keys."""
    name = name or _key_digest(table, date, data)
    return _write_atomically(data, FileSystems.join(str(root), table, f"date={date}"), name)


def _write_atomically(data: pa.Table, directory: str, name: str) -> str:
    """<directory>/<name>.parquet through Beam's FileSystems (a local path, s3://…, gs://…),
    written under a temporary name and renamed, so a reader never sees half a file (on object
    stores the object appears whole when the rename's copy completes)."""
    path = FileSystems.join(directory, f"{name}.parquet")
    tmp = FileSystems.join(directory, f".{name}.{uuid.uuid4().hex}.tmp")
    try:
        with FileSystems.create(tmp, compression_type=CompressionTypes.UNCOMPRESSED) as out:
            pq.write_table(data, out, compression="zstd")
        FileSystems.rename([tmp], [path])
    except BaseException:  # a full disk must not keep half a file: the batch is retried whole
        _remove_quietly(tmp)
        raise
    return path


def _remove_quietly(path: str) -> None:
    try:
        if FileSystems.exists(path):
            FileSystems.delete([path])
    except Exception as exc:  # the write's own error is the one to report
        log.warning("temporary file %s not removed: %s", path, exc)


def write_rows(root: Path, table: str, date: str, name: str | None, rows: list[dict[str, Any]]) -> Path:
    """Row dicts (dead letters, which are few) into one file (name None: named by the rows' keys)."""
    return Path(write_table(root, table, date, name, pa.Table.from_pylist(rows, schema=SCHEMAS[table])))


def write_tables(root: Path | str, tables: dict[tuple[str, str], pa.Table], name: str | None) -> list[tuple[str, int]]:
    """One file per (table, date); returns each path with its row count."""
    return [(write_table(root, t, d, name, data), data.num_rows) for (t, d), data in tables.items()]


def write_analyses_parquet(root: Path | str, analyses: Iterable[ArticleAnalysis], name: str | None = None) -> list[str]:
    """Every table of the analyses, one file per (table, date)."""
    return [path for path, _ in write_tables(root, analysis_tables(analyses), name)]


Tables = Callable[[list[Any]], dict[tuple[str, str], pa.Table]]
State = Statement | Story | Appearance


def _dead_letter_tables(dead: list[DeadLetter]) -> dict[tuple[str, str], pa.Table]:
    rows = [dead_letter_row(d) for d in dead]
    return {("dead_letters", _today()): pa.Table.from_pylist(rows, schema=SCHEMAS["dead_letters"])} if rows else {}


_BATCH_NAMES: dict[str, str] = {}


def name_batch(key: str, name: str | None) -> None:
    """Set (or, with None, clear) the file name of the batch a pipeline in this process is
    running: one graph serves every batch, so the name cannot be part of it (in-process runners)."""
    if name is None:
        _BATCH_NAMES.pop(key, None)
    else:
        _BATCH_NAMES[key] = name


def current_batch_name(key: str) -> str | None:
    return _BATCH_NAMES.get(key)


class _WriteBundle(beam.DoFn):
    """Buffers a bundle and writes each (table, date) of it as one file when the bundle ends:
    no per-row elements, no shuffle."""

    def __init__(self, root: str, tables: Tables, name: str | Callable[[], str | None] | None) -> None:
        self.root = root
        self.tables = tables
        self.name = name
        self.rows_written = Metrics.counter("newsflow", "parquet_rows")

    def start_bundle(self) -> None:
        self.items: list[Any] = []

    def process(self, element: Any) -> Iterator[str]:
        self.items.append(element)
        return iter(())

    def finish_bundle(self) -> None:
        name = self.name() if callable(self.name) else self.name
        for _, rows in write_tables(self.root, self.tables(self.items), name):
            self.rows_written.inc(rows)
        self.items = []


class _WritePane(beam.DoFn):
    """One file per (table, date, window, pane) of a windowed stream: late panes get their own."""

    def __init__(self, root: str, tables: Tables) -> None:
        self.root = root
        self.tables = tables
        self.rows_written = Metrics.counter("newsflow", "parquet_rows")

    def process(
        self,
        element: tuple[str, Iterable[Any]],
        window: Any = beam.DoFn.WindowParam,
        pane: Any = beam.DoFn.PaneInfoParam,
    ) -> Iterator[str]:
        _, items = element
        name = (
            f"w-{int(window.start)}-{int(window.end)}-p{pane.index}" if not isinstance(window, GlobalWindow) else None
        )
        for path, rows in write_tables(self.root, self.tables(list(items)), name):
            self.rows_written.inc(rows)
            yield path


class WriteParquetDataset(beam.PTransform[Any, Any]):
    """ArticleAnalysis (or DeadLetter with dead_letters=True; Statement, Story and Appearance with
    states=True) -> Parquet files, one per (table, date) of each bundle, built column by column.
    name: the file name of a micro-batch (a string, or a callable returning the current batch's),
    else the rows' key digest. windowed: group by date within the stream's windows first (a GroupByKey, which is where
    triggers fire), one file per window pane. shards: group by (date, article id hash mod shards)
    instead of writing bundles, so that the same input gives the same files whatever the bundles
    were (a bounded replay on a cluster: a rerun overwrites its own files)."""

    def __init__(
        self,
        root: Path | str,
        name: str | Callable[[], str | None] | None = None,
        windowed: bool = False,
        dead_letters: bool = False,
        shards: int = 0,
        states: bool = False,
    ) -> None:
        super().__init__()
        self.root = str(root)
        self.name = name
        self.windowed = windowed
        self.shards = max(1, shards) if windowed else shards
        self.tables: Tables = _dead_letter_tables if dead_letters else state_tables if states else analysis_tables

    def expand(self, records: beam.PCollection[Any]) -> beam.pvalue.PDone:
        if self.shards:
            (
                records
                | "ByDate" >> beam.Map(_group_key, self.shards)
                | "GroupByDate" >> beam.GroupByKey()
                | "WritePanes" >> beam.ParDo(_WritePane(self.root, self.tables))
            )
        else:
            records | "WriteFiles" >> beam.ParDo(_WriteBundle(self.root, self.tables, self.name))
        return beam.pvalue.PDone(records.pipeline)


_STATE_TABLES: dict[type, str] = {Statement: "statements", Story: "stories", Appearance: "statement_appearances"}


def _group_key(record: ArticleAnalysis | DeadLetter | State, shards: int) -> tuple[tuple[str, int], Any]:
    table = _STATE_TABLES.get(type(record))
    if table is not None:  # a state's table has a one-field key
        shard = zlib.crc32(getattr(record, KEYS[table][0]).encode()) % shards if shards > 1 else 0
        return (table, shard), record
    if not isinstance(record, ArticleAnalysis):
        return (_today(), 0), record
    shard = zlib.crc32(record.article_id.encode()) % shards if shards > 1 else 0
    return (partition_date(record), shard), record


def WriteDeadLetters(root: Path | str, name: str | Callable[[], str | None] | None = None) -> WriteParquetDataset:  # noqa: N802
    """DeadLetter -> <root>/dead_letters/date=…/<name>.parquet, for runs without a broker."""
    return WriteParquetDataset(root, name, dead_letters=True)


def _today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


@dataclass
class Compaction:
    partitions: int = 0  # date partitions looked at
    rows: int = 0  # rows in them before
    merged: int = 0  # of those, partitions that had more than one file
    files_before: int = 0  # in the merged partitions
    rows_after: int = 0  # in all partitions, one per key


def compact(root: Path | str, tables: Iterable[str] = tuple(KEYS)) -> Compaction:
    """Merge each date partition's files into one, one row per key (the last written). Idempotent:
    a partition with one file is left as it is. Crash-safe: the merged file is in place (atomic
    rename) before the inputs are removed, and readers dedupe by key meanwhile."""
    out = Compaction()
    for table in tables:
        base = Path(root) / table
        for directory in sorted(base.glob("date=*")) if base.exists() else []:
            files = partition_files(directory)
            if not files:
                continue
            out.partitions += 1
            if len(files) == 1:
                rows = pq.ParquetFile(files[0]).metadata.num_rows
                out.rows += rows
                out.rows_after += rows
                continue
            data = read_files(files, table, base)
            merged = latest_per_key(data, table).drop_columns(["date"])
            name = "compacted-" + hashlib.sha256(b"".join(f.name.encode() for f in files)).hexdigest()[:16]
            path = Path(_write_atomically(merged.cast(SCHEMAS[table]), str(directory), name))
            for f in files:
                if f != path:
                    f.unlink()
            out.merged += 1
            out.files_before += len(files)
            out.rows += data.num_rows
            out.rows_after += merged.num_rows
    return out
