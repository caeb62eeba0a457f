"""One bounded batch through the pipeline: records -> Analyse -> output topic + Parquet + dead
letters. The streaming driver and backfill both call run_batch; on Flink/Dataflow the same
Analyse transform sits between ReadFromKafka and WriteToKafka instead (see deploy/README.md)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions

from pipeline.beam.records import SourceRecord
from pipeline.beam.transforms import DEFAULT_MAX_RECORD_BYTES, Analyse, Encode
from pipeline.sinks.kafka import WriteToKafkaTopic
from pipeline.sinks.parquet import WriteDeadLetters, WriteParquetDataset
from pipeline.sinks.postgres import WriteToPostgres

DEFAULT_BEAM_ARGS = ("--runner=FnApiRunner",)


@dataclass(frozen=True)
class SinkConfig:
    quotes_topic: str
    deadletter_topic: str
    producer_config: dict[str, Any]
    parquet_root: Path
    postgres_url: str | None = None
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES  # larger raw records become dead letters


@dataclass(frozen=True)
class BatchResult:
    batch_id: str
    records: int
    analysed: int
    dead_letters: int
    parquet_rows: int
    postgres_rows: int = 0
    quotes: int = 0


def batch_id_for(records: Sequence[SourceRecord]) -> str:
    """Deterministic from the batch's content, so a re-run batch rewrites its own Parquet files.
    Not from offsets: a broker that loses its log tail in a crash hands out the same offsets again
    to different records (seen with Tansu after kill -9), and an offset-named file would then be
    overwritten by other articles."""
    digests = sorted(hashlib.sha256(r.value or b"").digest() for r in records)
    return "b-" + hashlib.sha256(b"".join(digests)).hexdigest()[:24]


_HANDOFF: dict[str, Sequence[SourceRecord]] = {}


def _take(_: bytes, key: str) -> Sequence[SourceRecord]:
    return _HANDOFF.pop(key)


class InProcessRecords(beam.PTransform):
    """Hands a batch to a runner in this process without pickling it into the pipeline graph
    (beam.Create serialises and bz2-compresses every element: ~0.6 ms per 5 KB article). Only for
    runners that execute in this process (FnApiRunner's default embedded worker); use beam.Create
    for anything else."""

    def __init__(self, records: Sequence[SourceRecord]) -> None:
        super().__init__()
        self.key = uuid.uuid4().hex
        _HANDOFF[self.key] = records

    def expand(self, p: beam.pvalue.PBegin) -> beam.PCollection:
        return p | "Impulse" >> beam.Impulse() | "Take" >> beam.FlatMap(_take, self.key)


def _in_process(beam_args: Sequence[str]) -> bool:
    return "--runner=FnApiRunner" in beam_args and not any(a.startswith("--direct_running_mode") for a in beam_args)


def build(
    p: beam.Pipeline, records: Sequence[SourceRecord], sinks: SinkConfig, batch_id: str, in_process: bool = False
) -> str | None:
    """Wire the pipeline; returns the in-process hand-off key, if one was used."""
    source = InProcessRecords(records) if in_process else beam.Create(list(records), reshuffle=False)
    analyses, dead = (p | "Records" >> source) | "Analyse" >> Analyse(sinks.max_record_bytes)
    if sinks.quotes_topic:
        (
            analyses
            | "EncodeAnalyses" >> Encode()
            | "ToQuotesTopic" >> WriteToKafkaTopic(sinks.quotes_topic, sinks.producer_config)
        )
    if sinks.deadletter_topic:
        (
            dead
            | "EncodeDeadLetters" >> Encode()
            | "ToDeadLetterTopic" >> WriteToKafkaTopic(sinks.deadletter_topic, sinks.producer_config)
        )
    else:  # no broker (backfill without one): dead letters are kept in the dataset instead
        dead | "DeadLettersToParquet" >> WriteDeadLetters(sinks.parquet_root, batch_id)
    analyses | "ToParquet" >> WriteParquetDataset(sinks.parquet_root, batch_id)
    if sinks.postgres_url:
        analyses | "ToPostgres" >> WriteToPostgres(sinks.postgres_url)
    return source.key if isinstance(source, InProcessRecords) else None


def _counter(result: Any, name: str) -> int:
    found = result.metrics().query(MetricsFilter().with_name(name))["counters"]
    return int(sum(c.committed or 0 for c in found))


def run_batch(
    records: Sequence[SourceRecord],
    sinks: SinkConfig,
    beam_args: Sequence[str] = DEFAULT_BEAM_ARGS,
    batch_id: str | None = None,
) -> BatchResult:
    """Blocks until every sink has finished; raises if any sink failed (nothing may be committed then)."""
    batch_id = batch_id or batch_id_for(records)
    p = beam.Pipeline(options=PipelineOptions(list(beam_args)))
    handoff = build(p, records, sinks, batch_id, _in_process(beam_args))
    try:
        result = p.run()
        result.wait_until_finish()
    finally:
        if handoff:
            _HANDOFF.pop(handoff, None)  # a failed run must not leak the batch
    return BatchResult(
        batch_id,
        len(records),
        _counter(result, "extract_ok"),
        _counter(result, "decode_dead") + _counter(result, "extract_dead"),
        _counter(result, "parquet_rows"),
        _counter(result, "postgres_rows"),
        _counter(result, "quotes"),
    )
