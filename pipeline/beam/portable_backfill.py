"""The backfill as one portable Beam pipeline, for a cluster: the archived documents are found and
read inside the pipeline (MatchAll -> ReadMatches over local, s3:// or gs:// patterns), parsed
and normalised in DoFns, deduplicated by article id, then the same Analyse and the same sinks as
the streaming job.

    python -m pipeline.beam.portable_backfill --input='s3://news/archive/**' --runner=FlinkRunner \\
        --flink_master=host:8081 --postgres_url=postgresql://… --parquet_root=s3://news/parquet \\
        --setup_file=./setup.py

What a matched file is, by its path: `<root>/fetches/*.jsonl` is an archive index (its fetches
are read from `<root>/objects/…`, which are not documents themselves), `*.warc` / `*.warc.gz` a
WARC file, anything else a feed file (`.gz` inflated with the fetch cap); names starting with '.'
are temporary files and skipped. A directory or a pattern ending in '/' stands for everything
under it.

Idempotent without a progress database: of the copies of an article (a feed polled many times)
the one fetched first is kept, as the local backfill does; PostgreSQL upserts by id; Parquet files
are grouped by (date, shard) and named by their rows' keys, so a rerun over the same input
rewrites the same files. A runner that retries a failed bundle writes the same rows again; a file
that cannot be opened fails its bundle (retried by the runner, then the run fails loudly) rather than
becoming a dead letter, so that an object-store hiccup never silently drops input. Damaged content
(a corrupt WARC, a gzip bomb, a document that is no feed) is a dead letter, as in the local mode."""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
import shlex
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.io.fileio import MatchAll, ReadableFile, ReadMatches
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.portability.fn_api_runner import FnApiRunner
from apache_beam.transforms.environments import SubprocessSDKEnvironment

from pipeline.beam.batch import SinkConfig, counter_total
from pipeline.beam.outputs import Outputs, ParquetFiles, Topics, WriteOutputs
from pipeline.beam.portable import NewsflowOptions, client_properties, kafka_sink, print_help_if_asked
from pipeline.beam.records import SourceRecord
from pipeline.beam.summary import Summary
from pipeline.beam.transforms import DEAD, NAMESPACE, Analyse
from pipeline.feeds.archive import ArchivedFetch, index_lines, object_name
from pipeline.feeds.articles import replayed_articles
from pipeline.feeds.documents import MAX_DOCUMENT_BYTES, Document, archived_document, file_document, warc_documents
from pipeline.feeds.inflate import DecodeError, decoded
from pipeline.schema import DeadLetter
from pipeline.sinks.kafka import WriteToKafkaTopic

log = logging.getLogger(__name__)
TOPIC = "backfill"
FETCHES = "fetches"
_INDEX = re.compile(r"^(?P<root>.+)/fetches/[^/]+\.jsonl$")
_OBJECT = re.compile(r"/objects/[0-9a-f]{2}/[0-9a-f]{64}\.gz$")
_GLOB = re.compile(r"[*?\[]")

# (article id, (fetched at in ns, serialised RawArticle)): the smallest is the first fetch
Keyed = beam.typehints.Tuple[str, beam.typehints.Tuple[int, bytes]]


class BackfillOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser: Any) -> None:
        parser.add_argument(
            "--input", action="append", default=[], help="a file, directory or pattern (local, s3://, gs://); repeat it"
        )
        parser.add_argument(
            "--parquet_shards", type=int, default=4, help="Parquet files per (table, date): rows grouped by id hash"
        )


def file_patterns(inputs: Iterable[str]) -> list[str]:
    """A pattern stays as it is; a directory (local, or any path ending in '/') becomes everything under it."""
    out = []
    for item in inputs:
        if _GLOB.search(item):
            out.append(item)
        elif item.endswith("/"):
            out.append(item + "**")
        elif "://" not in item and os.path.isdir(item):
            out.append(os.path.join(os.path.abspath(item), "**"))
        else:
            out.append(item if "://" in item else os.path.abspath(item))
    return out


_DOCUMENTS = Metrics.counter(NAMESPACE, "backfill_documents")
_ENTRIES = Metrics.counter(NAMESPACE, "backfill_entries")
_ARTICLES = Metrics.counter(NAMESPACE, "backfill_articles")
_DEAD = Metrics.counter(NAMESPACE, "backfill_dead")
_UNREADABLE = Metrics.counter(NAMESPACE, "backfill_unreadable")
_MISSING = Metrics.counter(NAMESPACE, "backfill_missing_objects")


def _uri(path: str) -> str:
    """A local path as the file: URI the local backfill gives it (a feed's URL is the base of its links)."""
    return path if "://" in path else Path(path).as_uri()


def _articles(doc: Document) -> Iterator[Any]:
    """A document's articles keyed for deduplication, and its dead letters (tagged)."""
    _DOCUMENTS.inc()
    read = replayed_articles(doc)
    if read.parsed.error:
        _UNREADABLE.inc()
    _ENTRIES.inc(read.entries)
    _ARTICLES.inc(len(read.articles))
    _DEAD.inc(len(read.dead))
    for article in read.articles:
        yield article.article_id, (article.fetched_at.ToNanoseconds(), article.SerializeToString())
    for dead in read.dead:
        yield pvalue.TaggedOutput(DEAD, dead)


class _ReadFiles(beam.DoFn):
    """A matched file -> its articles (feed files, WARC records) or its fetches (archive indexes:
    tagged, to be spread over workers before their objects are read)."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # Beam's DoFn.__init__ is unannotated

    def process(self, file: ReadableFile) -> Iterator[Any]:
        path = file.metadata.path
        name = path.rsplit("/", 1)[-1]
        if name.startswith(".") or _OBJECT.search(path):
            return
        index = _INDEX.match(path)
        if index:
            with file.open(compression_type=CompressionTypes.UNCOMPRESSED) as f:
                text = f.read().decode("utf-8", errors="replace")
            for fetch in index_lines(text):
                if fetch.status == 200:
                    yield pvalue.TaggedOutput(FETCHES, (index["root"], fetch))
            return
        if name.endswith((".warc", ".warc.gz")):
            with file.open(compression_type=CompressionTypes.UNCOMPRESSED) as f:
                for doc in warc_documents(f, _uri(path)):
                    yield from _articles(doc)
            return
        with file.open(compression_type=CompressionTypes.UNCOMPRESSED) as f:
            raw = f.read(MAX_DOCUMENT_BYTES + 1)
        when = datetime.fromtimestamp(getattr(file.metadata, "last_updated_in_seconds", 0.0) or 0.0, timezone.utc)
        yield from _articles(file_document(raw, path, _uri(path), when, name.endswith(".gz")))


class _ReadArchived(beam.DoFn):
    """An archive fetch -> its object's articles. An object that is gone is skipped (nothing to
    replay; counted and logged); a damaged one is a dead letter."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # Beam's DoFn.__init__ is unannotated

    def process(self, element: tuple[str, ArchivedFetch]) -> Iterator[Any]:
        root, fetch = element
        try:
            with FileSystems.open(
                FileSystems.join(root, object_name(fetch.sha256)), compression_type=CompressionTypes.UNCOMPRESSED
            ) as f:
                raw = f.read()
        except OSError as exc:  # Beam's BeamIOError is an IOError
            _MISSING.inc()
            log.warning("archive %s: object %s of %s not readable (%s)", root, fetch.sha256, fetch.url, exc)
            return
        try:
            body = b"".join(decoded([raw], "gzip", MAX_DOCUMENT_BYTES))
            doc = archived_document(fetch, body)
        except DecodeError as exc:
            doc = dataclasses.replace(archived_document(fetch, b""), error=str(exc))
        yield from _articles(doc)


def _first_fetch(keyed: tuple[str, tuple[int, bytes]]) -> SourceRecord:
    article_id, (_, value) = keyed
    return SourceRecord(value, article_id.encode(), TOPIC, 0, 0)


class ReadArchivedArticles(beam.PTransform[Any, Any]):
    """File patterns -> (SourceRecord of each distinct article, DeadLetter of what could not be read)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        super().__init__()
        self.patterns = list(patterns)

    def expand(self, p: beam.pvalue.PBegin) -> tuple[beam.PCollection[Any], beam.PCollection[Any]]:
        files = p | "Patterns" >> beam.Create(self.patterns) | "Match" >> MatchAll() | "Read" >> ReadMatches()
        read = files | "ReadFiles" >> beam.ParDo(_ReadFiles()).with_outputs(FETCHES, DEAD, main="articles")
        archived = (
            read[FETCHES]
            | "SpreadFetches" >> beam.Reshuffle()
            | "ReadArchived" >> beam.ParDo(_ReadArchived()).with_outputs(DEAD, main="articles")
        )
        for out in (read.articles, archived.articles):
            out.element_type = Keyed
        records = (
            (read.articles, archived.articles)
            | "AllArticles" >> beam.Flatten()
            | "FirstFetch" >> beam.CombinePerKey(min)
            | "ToSourceRecord" >> beam.Map(_first_fetch).with_output_types(SourceRecord)
        )
        dead = (read[DEAD], archived[DEAD]) | "ReadDeadLetters" >> beam.Flatten().with_output_types(DeadLetter)
        return records, dead


def build(p: beam.Pipeline, options: PipelineOptions, write: Any = None) -> None:
    """The backfill pipeline. write: the Kafka sink factory when an output topic is wanted
    (cross-language WriteToKafka with --kafka_bootstrap_servers; tests pass another)."""
    opts, bf = options.view_as(NewsflowOptions), options.view_as(BackfillOptions)
    records, read_dead = p | "ReadArchive" >> ReadArchivedArticles(file_patterns(bf.input))
    analyses, analyse_dead = records | "Analyse" >> Analyse()
    dead = (read_dead, analyse_dead) | "DeadLetters" >> beam.Flatten().with_output_types(DeadLetter)
    if write is None and opts.kafka_bootstrap_servers:
        write = kafka_sink(client_properties(opts))
    parquet = (
        ParquetFiles(opts.parquet_root, shards=bf.parquet_shards, dead_letters=True) if opts.parquet_root else None
    )
    topics = (
        Topics(opts.quotes_topic, opts.deadletter_topic, write, opts.statements_topic) if write is not None else None
    )
    (analyses, dead) | "Outputs" >> WriteOutputs(Outputs(opts.postgres_url, parquet, topics, not opts.no_statements))


def run_locally(paths: Sequence[str], sinks: SinkConfig, workers: int, worker_log: Path | None = None) -> Summary:
    """`newsflow backfill --portable`: this pipeline on the local runner with `workers` SDK worker
    processes (as a cluster runs it), into the job's sinks; the output topic through kafka-python.
    The workers' own start-up chatter goes to `worker_log`; their warnings reach this process's
    log through Beam's logging service."""
    started = time.monotonic()
    argv = [
        f"--direct_num_workers={workers}",
        *(f"--input={path}" for path in paths),
        f"--parquet_root={sinks.parquet_root}",
        *([f"--postgres_url={sinks.postgres_url}"] if sinks.postgres_url else []),
        f"--quotes_topic={sinks.quotes_topic}",
        f"--deadletter_topic={sinks.deadletter_topic}",
    ]
    write = (lambda topic: WriteToKafkaTopic(topic, sinks.producer_config)) if sinks.quotes_topic else None
    result = _run_to_end(PipelineOptions(argv), write, _local_runner(workers, worker_log))
    return summary(result, time.monotonic() - started)


# What the local runner says about itself, not about the data: the running mode it cannot see in a
# runner given its worker command, and each worker starting without a staging directory.
_RUNNER_NOISE = {
    "apache_beam.runners.portability.fn_api_runner.fn_runner": "direct_running_mode should be",
    "apache_beam.runners.portability.local_job_service": "No semi_persistent_directory found",
}


@functools.cache
def _quiet_local_runner() -> None:
    """Once per process: a filter per run would pile up on Beam's loggers."""
    for name, text in _RUNNER_NOISE.items():
        logging.getLogger(name).addFilter(_without(text))


def _without(text: str) -> Callable[[logging.LogRecord], bool]:
    return lambda record: text not in record.getMessage()


def _local_runner(workers: int, worker_log: Path | None) -> FnApiRunner:
    """FnApiRunner with `workers` SDK worker processes, their stderr sent to `worker_log`."""
    if workers <= 1:
        return FnApiRunner()
    _quiet_local_runner()
    command = f"{shlex.quote(sys.executable)} -m apache_beam.runners.worker.sdk_worker_main"
    if worker_log is not None:
        worker_log.parent.mkdir(parents=True, exist_ok=True)
        command += f" 2>>{shlex.quote(str(worker_log))}"
    return FnApiRunner(default_environment=SubprocessSDKEnvironment.from_command_string(command))


def _run_to_end(options: PipelineOptions, write: Any = None, runner: Any = None) -> Any:
    p = beam.Pipeline(runner=runner, options=options)
    build(p, options, write)
    result = p.run()
    result.wait_until_finish()
    return result


def summary(result: Any, seconds: float) -> Summary:
    count = functools.partial(counter_total, result)
    distinct = count("decode_ok") + count("decode_dead")
    return Summary(
        documents=count("backfill_documents"),
        unreadable=count("backfill_unreadable"),
        entries=count("backfill_entries"),
        articles=count("extract_ok"),
        duplicates=count("backfill_articles") - distinct,
        quotes=count("quotes"),
        dead_letters=count("backfill_dead") + count("decode_dead") + count("extract_dead"),
        seconds=seconds,
    )


def run(argv: Sequence[str] | None = None) -> Any:
    """Runs to the end and returns the PipelineResult (its metrics hold the counts)."""
    print_help_if_asked(argv, (__doc__ or "").split("\n\n")[0], NewsflowOptions, BackfillOptions)
    options = PipelineOptions(argv)
    opts, bf = options.view_as(NewsflowOptions), options.view_as(BackfillOptions)
    if not bf.input:
        raise SystemExit("Error: --input is required (a file, directory or pattern; repeat it)")
    if not (opts.postgres_url or opts.parquet_root or opts.kafka_bootstrap_servers):
        raise SystemExit("Error: no sink: give --postgres_url, --parquet_root or --kafka_bootstrap_servers")
    return _run_to_end(options)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    run()
