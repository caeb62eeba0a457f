"""The pipeline's stages as composite PTransforms: Decode -> ExtractQuotesAndActors -> Encode.
Each returns (ok, dead): every bad record becomes a DeadLetter with its stage and reason."""

from __future__ import annotations

import functools
import logging
import re
from typing import Any, Callable, Iterator

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics
from google.protobuf.message import DecodeError

from pipeline.analysis import analyse_article
from pipeline.beam.records import SourceRecord
from pipeline.deadletter import dead_letter
from pipeline.schema import ArticleAnalysis, DeadLetter, RawArticle

log = logging.getLogger(__name__)
DEAD = "dead"
_ARTICLE_ID = re.compile(r"^[0-9a-f]{32}$")
NAMESPACE = "newsflow"

for _msg in (RawArticle, ArticleAnalysis, DeadLetter):
    beam.coders.registry.register_coder(_msg, beam.coders.ProtoCoder)


class InvalidRecord(ValueError):
    """Input that can never succeed: dead-lettered, not retried."""


class _Stage(beam.DoFn):
    """Runs fn on each element; an InvalidRecord or an unexpected error becomes a dead letter."""

    def __init__(self, stage: str, fn: Callable[[Any], Any]) -> None:
        self.stage = stage
        self.fn = fn
        self.ok = Metrics.counter(NAMESPACE, f"{stage}_ok")
        self.failed = Metrics.counter(NAMESPACE, f"{stage}_dead")

    def process(self, element: tuple[SourceRecord, Any]) -> Iterator[Any]:
        source, payload = element
        try:
            result = self.fn(payload)
        except Exception as exc:  # every failure is recorded with its reason; the batch goes on
            self.failed.inc()
            reason = f"{type(exc).__name__}: {exc}"
            if not isinstance(exc, (InvalidRecord, DecodeError)):
                log.exception("%s failed on %s[%d]@%d", self.stage, source.topic, source.partition, source.offset)
            yield pvalue.TaggedOutput(
                DEAD,
                dead_letter(
                    self.stage,
                    reason,
                    source.value or b"",
                    topic=source.topic,
                    partition=source.partition,
                    offset=source.offset,
                ),
            )
            return
        self.ok.inc()
        yield source, result


DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024
MAX_TEXT_CHARS = 200_000  # ~40x a long news article; longer bodies are extracted from their start


def decode_raw(value: bytes | None, max_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> RawArticle:
    if not value:
        raise InvalidRecord("empty record value")
    if len(value) > max_bytes:
        raise InvalidRecord(f"record of {len(value):,} bytes exceeds the {max_bytes:,}-byte limit")
    article = RawArticle()
    article.ParseFromString(value)
    if not _ARTICLE_ID.match(article.article_id):
        raise InvalidRecord(f"not a RawArticle: article_id {article.article_id[:40]!r} is not a 32-hex id")
    if not (article.content_text or article.summary or article.title):
        raise InvalidRecord(f"article {article.article_id} has no text")
    return article


_QUOTES = Metrics.counter(NAMESPACE, "quotes")


def analyse(article: RawArticle) -> ArticleAnalysis:
    analysis = analyse_article(article, MAX_TEXT_CHARS)
    _QUOTES.inc(len(analysis.quotes))
    return analysis


class _StageTransform(beam.PTransform):
    """A labelled stage with an ok and a dead-letter output."""

    def __init__(self, stage: str, fn: Callable[[Any], Any]) -> None:
        super().__init__()
        self.stage, self.fn = stage, fn

    def expand(self, pcoll: beam.PCollection) -> tuple[beam.PCollection, beam.PCollection]:
        out = pcoll | self.stage.title() >> beam.ParDo(_Stage(self.stage, self.fn)).with_outputs(DEAD, main="ok")
        return out.ok, out[DEAD]


class Decode(_StageTransform):
    """(SourceRecord, bytes) -> (SourceRecord, RawArticle)."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> None:
        super().__init__("decode", functools.partial(decode_raw, max_bytes=max_bytes))


class ExtractQuotesAndActors(_StageTransform):
    """(SourceRecord, RawArticle) -> (SourceRecord, ArticleAnalysis)."""

    def __init__(self) -> None:
        super().__init__("extract", analyse)


class Analyse(beam.PTransform):
    """SourceRecord -> (analyses, dead letters): the whole processing chain, source- and sink-agnostic."""

    def __init__(self, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> None:
        super().__init__()
        self.max_record_bytes = max_record_bytes

    def expand(self, records: beam.PCollection) -> tuple[beam.PCollection, beam.PCollection]:
        keyed = records | "WithSource" >> beam.Map(lambda r: (r, r.value))
        articles, bad_decode = keyed | "Decode" >> Decode(self.max_record_bytes)
        analyses, bad_extract = articles | "ExtractQuotesAndActors" >> ExtractQuotesAndActors()
        dead = (bad_decode, bad_extract) | "AllDeadLetters" >> beam.Flatten()
        return analyses | "DropSource" >> beam.Values(), dead


class Encode(beam.PTransform):
    """ArticleAnalysis -> (key, value) bytes for the output topic; DeadLetter likewise, keyed by origin."""

    def expand(self, pcoll: beam.PCollection) -> beam.PCollection:
        return pcoll | "Serialize" >> beam.Map(_encode)


def _encode(msg: ArticleAnalysis | DeadLetter) -> tuple[bytes, bytes]:
    if isinstance(msg, DeadLetter):
        key = f"{msg.stage}:{msg.source_topic or msg.source_url}:{msg.source_partition}:{msg.source_offset}"
    else:
        key = msg.article_id
    return key.encode(), msg.SerializeToString()
