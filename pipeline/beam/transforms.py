"""The pipeline's processing as PTransforms: Analyse (decode, then extract) -> Encode. Analyse
returns (analyses, dead letters): every bad record becomes a DeadLetter with its stage and reason."""

from __future__ import annotations

import functools
import logging
import re
from typing import Any, Callable, Iterator, Sequence, Tuple

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics
from google.protobuf.message import DecodeError

from pipeline.analysis import analyse_article
from pipeline.beam.records import SourceRecord
from pipeline.deadletter import dead_letter
from pipeline.schema import ArticleAnalysis, DeadLetter, RawArticle, Statement
from pipeline.storable import clean_strings

log = logging.getLogger(__name__)
DEAD = "dead"
_ARTICLE_ID = re.compile(r"^[0-9a-f]{32}$")
NAMESPACE = "newsflow"

for _msg in (RawArticle, ArticleAnalysis, DeadLetter, Statement):
    beam.coders.registry.register_coder(_msg, beam.coders.ProtoCoder)


class InvalidRecord(ValueError):
    """Input that can never succeed: dead-lettered, not retried."""


class _Stages(beam.DoFn):
    """Runs a record through its stages in turn (decode, then extract): one DoFn rather than one
    per stage, because every ParDo costs a little per element and per bundle. A stage failing with
    InvalidRecord or an unexpected error gives a dead letter with that stage and the reason; the
    batch goes on."""

    def __init__(self, stages: Sequence[tuple[str, Callable[[Any], Any]]]) -> None:
        self.stages = list(stages)
        self.ok = {name: Metrics.counter(NAMESPACE, f"{name}_ok") for name, _ in self.stages}
        self.failed = {name: Metrics.counter(NAMESPACE, f"{name}_dead") for name, _ in self.stages}

    def process(self, source: SourceRecord) -> Iterator[Any]:
        payload: Any = source.value
        for stage, fn in self.stages:
            try:
                payload = fn(payload)
            except Exception as exc:  # every failure is recorded with its reason; the batch goes on
                self.failed[stage].inc()
                if not isinstance(exc, (InvalidRecord, DecodeError)):
                    log.exception("%s failed on %s[%d]@%d", stage, source.topic, source.partition, source.offset)
                yield pvalue.TaggedOutput(
                    DEAD,
                    dead_letter(
                        stage,
                        f"{type(exc).__name__}: {exc}",
                        source.value or b"",
                        topic=source.topic,
                        partition=source.partition,
                        offset=source.offset,
                    ),
                )
                return
            self.ok[stage].inc()
        yield payload


DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024
DEFAULT_EXTRACT_BUDGET_S = 10.0  # far above the slowest hostile text at the character cap (bench/pathological.py)


def decode_raw(value: bytes | None, max_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> RawArticle:
    if not value:
        raise InvalidRecord("empty record value")
    if len(value) > max_bytes:
        raise InvalidRecord(f"record of {len(value):,} bytes exceeds the {max_bytes:,}-byte limit")
    article = RawArticle()
    article.ParseFromString(value)
    clean_strings(article)  # any producer may have written a NUL, which PostgreSQL refuses
    if not _ARTICLE_ID.match(article.article_id):
        raise InvalidRecord(f"not a RawArticle: article_id {article.article_id[:40]!r} is not a 32-hex id")
    if not (article.content_text or article.summary or article.title):
        raise InvalidRecord(f"article {article.article_id} has no text")
    return article


_QUOTES = Metrics.counter(NAMESPACE, "quotes")


def analyse(article: RawArticle, budget_s: float = DEFAULT_EXTRACT_BUDGET_S) -> ArticleAnalysis:
    analysis = analyse_article(article, budget_s=budget_s)
    _QUOTES.inc(len(analysis.quotes))
    return analysis


class Analyse(beam.PTransform[Any, Any]):
    """SourceRecord -> (ArticleAnalysis, DeadLetter): decode the raw record, then extract quotes
    and actors; the whole processing chain, source- and sink-agnostic."""

    def __init__(
        self, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, budget_s: float = DEFAULT_EXTRACT_BUDGET_S
    ) -> None:
        super().__init__()
        self.max_record_bytes = max_record_bytes
        self.budget_s = budget_s

    def expand(self, records: beam.PCollection[Any]) -> tuple[beam.PCollection[Any], beam.PCollection[Any]]:
        stages: list[tuple[str, Callable[[Any], Any]]] = [
            ("decode", functools.partial(decode_raw, max_bytes=self.max_record_bytes)),
            ("extract", functools.partial(analyse, budget_s=self.budget_s)),
        ]
        out = records | "DecodeAndExtract" >> beam.ParDo(_Stages(stages)).with_outputs(DEAD, main="ok")
        analyses, dead = out.ok, out[DEAD]
        analyses.element_type, dead.element_type = ArticleAnalysis, DeadLetter  # typed: protobuf coders
        return analyses, dead


class Encode(beam.PTransform[Any, Any]):
    """ArticleAnalysis -> (key, value) bytes for the output topic; DeadLetter likewise, keyed by
    origin; Statement by its id. Typed Tuple[bytes, bytes]: a cross-language WriteToKafka reads it
    with Beam's standard bytes coders (an untyped PCollection gets a pickled coder the Java side rejects)."""

    def expand(self, pcoll: beam.PCollection[Any]) -> beam.PCollection[Any]:
        encoded: beam.PCollection[Any] = pcoll | "Serialize" >> beam.ParDo(_Encode()).with_output_types(
            Tuple[bytes, bytes]
        )
        return encoded


class _Encode(beam.DoFn):
    """A DoFn of our own rather than beam.Map: Map wraps its function in a new lambda on every
    unpickling, so the in-process runner's introspection of it could not be remembered
    (pipeline/beam/batch.py, _remember_dofn_specs)."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # Beam's DoFn.__init__ is unannotated

    def process(self, msg: ArticleAnalysis | DeadLetter | Statement) -> Iterator[tuple[bytes, bytes]]:
        yield _encode(msg)


def _encode(msg: ArticleAnalysis | DeadLetter | Statement) -> tuple[bytes, bytes]:
    if isinstance(msg, DeadLetter):
        key = f"{msg.stage}:{msg.source_topic or msg.source_url}:{msg.source_partition}:{msg.source_offset}"
    elif isinstance(msg, Statement):
        key = msg.statement_id
    else:
        key = msg.article_id
    return key.encode(), msg.SerializeToString()
