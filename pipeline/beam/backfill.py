"""Backfill: replay archived feed documents (an archive dir, WARC files, feed files) through the same
normalisation and the same Beam transforms, in batch, into the same sinks.

Idempotent: articles are deduplicated by id across the whole run and against what earlier runs
finished; every sink upserts or writes files named by content (the batch id is a hash of the
article ids), so running twice stores nothing new. Resumable: after each chunk succeeds, its
documents and articles are recorded in <data_dir>/backfill.sqlite; a killed run restarts at the
first unfinished chunk, and the chunk it was in is written again, harmlessly."""

from __future__ import annotations

import argparse
import hashlib
import logging
import multiprocessing
import sqlite3
import time
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from tqdm import tqdm

from pipeline.beam.batch import SinkConfig, run_batch
from pipeline.beam.records import SourceRecord
from pipeline.beam.summary import Summary
from pipeline.feeds.articles import replayed_articles
from pipeline.feeds.documents import Document, iter_documents
from pipeline.results import BatchResult
from pipeline.schema import DeadLetter
from pipeline.sinks.parquet import write_rows
from pipeline.sinks.rows import dead_letter_row

log = logging.getLogger(__name__)
TOPIC = "backfill"


def beam_args(workers: int) -> list[str]:
    if workers <= 1:
        return ["--runner=FnApiRunner"]
    return [
        "--runner=FnApiRunner",
        f"--direct_num_workers={workers}",
        "--direct_running_mode=multi_processing",
        "--default_sdk_harness_log_level=WARNING",
    ]


class Progress:
    """What earlier runs finished, in SQLite next to the data."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.execute("CREATE TABLE IF NOT EXISTS done_docs (doc_id TEXT PRIMARY KEY)")
        self.db.execute("CREATE TABLE IF NOT EXISTS done_articles (article_id TEXT PRIMARY KEY)")
        self.db.commit()

    def doc_done(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM done_docs WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def article_done(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM done_articles WHERE article_id = ?", (article_id,)).fetchone() is not None

    def finish(self, doc_ids: Iterable[str], article_ids: Iterable[str]) -> None:
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO done_docs VALUES (?)", [(d,) for d in doc_ids])
            self.db.executemany("INSERT OR IGNORE INTO done_articles VALUES (?)", [(a,) for a in article_ids])

    def close(self) -> None:
        self.db.close()


@dataclass
class _Chunk:
    records: list[SourceRecord] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    dead: list[DeadLetter] = field(default_factory=list)


class Backfill:
    def __init__(self, sinks: SinkConfig, progress: Progress, chunk_size: int = 5000, workers: int = 2) -> None:
        self.sinks = sinks
        self.progress = progress
        self.chunk_size = chunk_size
        self.workers = max(1, workers)
        self.args = ["--runner=FnApiRunner"]
        self.summary = Summary()
        self.seen: set[str] = set()

    def _articles(self, doc: Document, chunk: _Chunk) -> None:
        """Never raises: an unreadable document or a bad entry is a dead letter, and the replay goes on."""
        read = replayed_articles(doc)
        chunk.dead.extend(read.dead)
        if read.parsed.error:
            self.summary.unreadable += 1
        else:
            chunk.doc_ids.append(doc.doc_id)  # an unreadable one is not done: a rerun reports it again
        self.summary.entries += read.entries
        for article in read.articles:
            if article.article_id in self.seen or self.progress.article_done(article.article_id):
                self.summary.duplicates += 1
                continue
            self.seen.add(article.article_id)
            chunk.records.append(
                SourceRecord(article.SerializeToString(), article.article_id.encode(), TOPIC, 0, len(chunk.records))
            )
            chunk.article_ids.append(article.article_id)

    def _submit(self, pool: Executor, chunk: _Chunk) -> Future[tuple[_Chunk, BatchResult | None]]:
        return pool.submit(_run_chunk, chunk, self.sinks, self.args)

    def _finish(self, chunk: _Chunk, result: BatchResult | None) -> None:
        """Record a finished chunk: only now are its documents and articles skipped on a rerun."""
        if result is not None:
            self.summary.articles += result.analysed
            self.summary.quotes += result.quotes
            self.summary.dead_letters += result.dead_letters
        self.summary.dead_letters += len(chunk.dead)
        self.progress.finish(chunk.doc_ids, chunk.article_ids)

    def run(self, documents: Iterable[Document], total: int | None = None) -> Summary:
        """Parse here while up to `workers` chunks run their pipelines in worker processes."""
        started = time.monotonic()
        chunk = _Chunk()
        bar = tqdm(documents, total=total, unit="doc", desc="backfill", dynamic_ncols=True)
        pending: deque[Future[tuple[_Chunk, BatchResult | None]]] = deque()
        with _executor(self.workers) as pool:
            for doc in bar:
                if self.progress.doc_done(doc.doc_id):
                    self.summary.skipped_documents += 1
                    continue
                self.summary.documents += 1
                self._articles(doc, chunk)
                if len(chunk.records) >= self.chunk_size:
                    pending.append(self._submit(pool, chunk))
                    chunk = _Chunk()
                    while len(pending) >= self.workers:  # bounded memory: wait for the oldest chunk
                        self._finish(*pending.popleft().result())
                        bar.set_postfix_str(f"articles={self.summary.articles:,} quotes={self.summary.quotes:,}")
            if chunk.doc_ids or chunk.dead:
                pending.append(self._submit(pool, chunk))
            while pending:
                self._finish(*pending.popleft().result())
        bar.close()
        self.summary.seconds = time.monotonic() - started
        return self.summary


def _run_chunk(chunk: _Chunk, sinks: SinkConfig, args: list[str]) -> tuple[_Chunk, BatchResult | None]:
    """One chunk through the pipeline (in a worker process): the batch id is a hash of its article
    ids, so writing a chunk again after a crash replaces its own files."""
    batch_id = "bf-" + hashlib.sha256("\n".join(sorted(chunk.article_ids)).encode()).hexdigest()[:24]
    result = run_batch(chunk.records, sinks, args, batch_id=batch_id) if chunk.records else None
    if chunk.dead:
        rows = [dead_letter_row(d) for d in chunk.dead]
        # named by its rows' keys: a rerun that reads an unreadable document again rewrites this file
        write_rows(sinks.parquet_root, "dead_letters", time.strftime("%Y-%m-%d"), None, rows)
    chunk.records = []  # the records need not travel back
    return chunk, result


@contextmanager
def _executor(workers: int) -> Iterator[Executor]:
    """Worker processes, each running FnApiRunner in-process: faster than FnApiRunner's own
    multi_processing mode, which ships every element between processes over gRPC (docs/design.md)."""
    if workers <= 1:
        with ThreadPoolExecutor(max_workers=1) as pool:
            yield pool
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool


def count_documents(paths: Sequence[Path]) -> int | None:
    """Cheap total for the progress bar: archive index lines and files; None when a WARC is involved."""
    total = 0
    for path in paths:
        if path.is_dir() and (path / "fetches").is_dir():
            total += sum(1 for f in (path / "fetches").glob("*.jsonl") for _ in f.open(encoding="utf-8"))
        elif path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and not p.name.endswith((".warc", ".warc.gz")))
        elif path.name.endswith((".warc", ".warc.gz")):
            return None
        else:
            total += 1
    return total


def run(argv: Sequence[str] | None = None, sinks: SinkConfig | None = None, data_dir: Path = Path("var")) -> Summary:
    """`newsflow backfill` and tests call this; sinks default to Parquet under data_dir only."""
    parser = argparse.ArgumentParser(prog="backfill")
    parser.add_argument("paths", nargs="+")  # str: an s3:// URL is not a Path
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--portable", action="store_true", help="as one portable Beam pipeline (how a cluster runs it)")
    args = parser.parse_args(argv)
    sinks = sinks or SinkConfig("", "", {}, data_dir / "parquet")
    if args.portable:
        from pipeline.beam.portable_backfill import run_locally

        return run_locally(args.paths, sinks, args.workers, data_dir / "logs" / "backfill-workers.log")
    progress = Progress(data_dir / "backfill.sqlite")
    try:
        job = Backfill(sinks, progress, args.chunk, args.workers)
        paths = [Path(p) for p in args.paths]
        return job.run(iter_documents(paths), count_documents(paths))
    finally:
        progress.close()
