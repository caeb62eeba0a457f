"""Prometheus metrics of the long-lived job, served on --metrics-port."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from prometheus_client import Counter, Gauge, Histogram, start_http_server

from pipeline.results import BatchResult

log = logging.getLogger(__name__)

BATCH_RECORDS = Histogram(
    "newsflow_batch_records", "Records per micro-batch", buckets=(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)
)
BATCH_SECONDS = Histogram(
    "newsflow_batch_seconds",
    "Wall time of a micro-batch, poll to commit",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
RECORDS = Counter("newsflow_records", "Records processed, by outcome", ["outcome"])
SINK_ROWS = Counter("newsflow_sink_rows", "Rows written, by sink", ["sink"])
BATCH_FAILURES = Counter("newsflow_batch_failures", "Batch runs that failed and were retried")
REBALANCES = Counter("newsflow_rebalances", "Consumer-group rebalances that took partitions from this job")
LAST_BATCH = Gauge("newsflow_last_batch_timestamp_seconds", "Unix time of the last committed batch")


def serve(port: int, host: str = "127.0.0.1") -> None:
    """Prometheus metrics on host:port (0 = off). 127.0.0.1 by default; 0.0.0.0 in a container so
    that Prometheus in another container can scrape it."""
    if port:
        start_http_server(port, addr=host)


@dataclass
class JobStatus:
    """What `newsflow status` shows about the job, written after each batch. Job processes that
    share a data directory share the file: it holds the counts of the one that finished a batch last
    (`pid`)."""

    batches: int = 0
    records: int = 0
    analysed: int = 0
    dead_letters: int = 0
    last_batch_at: float = 0.0
    last_batch_seconds: float = 0.0
    pid: int = 0  # the process that wrote it (0 in files from before the field)


class BatchRecorder:
    """on_batch hook: updates the metrics and the status file."""

    def __init__(self, status_file: Path) -> None:
        self.status_file = status_file
        self.status = JobStatus(pid=os.getpid())

    def __call__(self, result: BatchResult, seconds: float) -> None:
        BATCH_RECORDS.observe(result.records)
        BATCH_SECONDS.observe(seconds)
        RECORDS.labels("analysed").inc(result.analysed)
        RECORDS.labels("dead_letter").inc(result.dead_letters)
        SINK_ROWS.labels("parquet").inc(result.parquet_rows)
        SINK_ROWS.labels("postgres").inc(result.postgres_rows)
        SINK_ROWS.labels("topic").inc(result.analysed)
        now = time.time()
        LAST_BATCH.set(now)
        s = self.status
        s.batches += 1
        s.records += result.records
        s.analysed += result.analysed
        s.dead_letters += result.dead_letters
        s.last_batch_at, s.last_batch_seconds = now, seconds
        try:
            _write_atomically(self.status_file, json.dumps(asdict(s)))
        except OSError as exc:  # the batch is committed; a status file that cannot be written must not stop the job
            log.warning("status file %s not written: %s", self.status_file, exc)


def _write_atomically(path: Path, text: str) -> None:
    """Through a temporary file of this writer's own: job processes sharing a data directory each
    write the status file, and with one temporary name for all, one process's rename took the file
    another was about to rename, and that process stopped (FileNotFoundError, seen in
    bench/streaming.py)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as tmp:
        tmp.write(text)
    try:
        os.replace(tmp.name, path)
    except OSError:
        os.unlink(tmp.name)
        raise


def read_status(status_file: Path) -> JobStatus | None:
    try:
        return JobStatus(**json.loads(status_file.read_text()))
    except (OSError, ValueError, TypeError):
        return None
