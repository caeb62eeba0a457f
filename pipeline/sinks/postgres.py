"""PostgreSQL sink: upserts keyed by the deterministic ids, one transaction per bundle.

Re-processing an article replaces its quotes and actor rows (rows the new analysis no longer has
are deleted), so replays, retries and extractor upgrades leave exactly one current copy."""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

import apache_beam as beam
import psycopg
from apache_beam.metrics import Metrics
from psycopg.types.range import Range

from pipeline.schema import Actor, ArticleAnalysis, Quote

_CONNECTIONS: dict[str, psycopg.Connection] = {}
_LOCK = threading.Lock()


def _ts(msg: ArticleAnalysis, field: str) -> datetime | None:
    return getattr(msg, field).ToDatetime(tzinfo=timezone.utc) if msg.HasField(field) else None


def write_analyses(conn: psycopg.Connection, analyses: Iterable[ArticleAnalysis]) -> int:
    """Upsert a batch in one transaction; returns the number of rows written."""
    latest: dict[str, ArticleAnalysis] = {a.article_id: a for a in analyses}  # last copy of an article wins
    if not latest:
        return 0
    articles, actors, article_actors, quotes, speakers = [], {}, [], [], []
    for a in latest.values():
        articles.append(
            (
                a.article_id,
                a.url,
                a.title,
                a.source_name,
                a.language,
                _ts(a, "published_at"),
                _ts(a, "processed_at"),
                a.extractor_version,
                a.detected_language,
            )
        )
        for act in a.actors:
            actors[act.actor_id] = (
                act.actor_id,
                act.canonical_name,
                Actor.Type.Name(act.type).removeprefix("TYPE_").lower(),
            )
            article_actors.append((a.article_id, act.actor_id, list(act.titles), list(act.aliases), act.mention_count))
        for q in a.quotes:
            quotes.append(
                (
                    q.quote_id,
                    a.article_id,
                    q.text,
                    Quote.Kind.Name(q.kind).removeprefix("KIND_").lower(),
                    q.speaker_mention,
                    q.cue,
                    q.start,
                    q.end,
                    q.confidence,
                    [Range(g.start, g.end, "[)") for g in q.segments],
                    Range(q.speaker_span.start, q.speaker_span.end, "[)") if q.HasField("speaker_span") else None,
                    Range(q.cue_span.start, q.cue_span.end, "[)") if q.HasField("cue_span") else None,
                )
            )
            if q.speaker_actor_id:
                speakers.append((q.quote_id, q.speaker_actor_id))
    ids = list(latest)
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO articles (article_id, url, title, source_name, language, published_at, processed_at, "
            "extractor_version, detected_language) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (article_id) DO UPDATE SET "
            "url = EXCLUDED.url, title = EXCLUDED.title, source_name = EXCLUDED.source_name, "
            "language = EXCLUDED.language, detected_language = EXCLUDED.detected_language, "
            "published_at = EXCLUDED.published_at, "
            "processed_at = EXCLUDED.processed_at, extractor_version = EXCLUDED.extractor_version",
            articles,
        )
        cur.executemany(
            "INSERT INTO actors VALUES (%s, %s, %s) ON CONFLICT (actor_id) DO UPDATE SET "
            "canonical_name = EXCLUDED.canonical_name",
            sorted(actors.values()),
        )
        cur.execute(
            "DELETE FROM quotes WHERE article_id = ANY(%s) AND NOT quote_id = ANY(%s)", (ids, [q[0] for q in quotes])
        )
        cur.execute(
            "DELETE FROM article_actors WHERE article_id = ANY(%s) AND NOT (article_id || ':' || actor_id) = ANY(%s)",
            (ids, [f"{r[0]}:{r[1]}" for r in article_actors]),
        )
        cur.executemany(
            "INSERT INTO article_actors VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id, actor_id) DO UPDATE SET "
            "titles = EXCLUDED.titles, aliases = EXCLUDED.aliases, mention_count = EXCLUDED.mention_count",
            article_actors,
        )
        cur.executemany(
            "INSERT INTO quotes (quote_id, article_id, text, kind, speaker_mention, cue, start_offset, end_offset, "
            "confidence, segments, speaker_span, cue_span) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::int4range[], %s::int4range, %s::int4range) "
            "ON CONFLICT (quote_id) DO UPDATE SET "
            "text = EXCLUDED.text, kind = EXCLUDED.kind, speaker_mention = EXCLUDED.speaker_mention, "
            "cue = EXCLUDED.cue, confidence = EXCLUDED.confidence, segments = EXCLUDED.segments, "
            "speaker_span = EXCLUDED.speaker_span, cue_span = EXCLUDED.cue_span",
            quotes,
        )
        cur.execute("DELETE FROM quote_speakers WHERE quote_id = ANY(%s)", ([q[0] for q in quotes],))
        cur.executemany("INSERT INTO quote_speakers VALUES (%s, %s)", speakers)
    return len(articles) + len(actors) + len(article_actors) + len(quotes) + len(speakers)


def shared_connection(url: str) -> psycopg.Connection:
    """One connection per process and URL, reopened if the server dropped it."""
    with _LOCK:
        conn = _CONNECTIONS.get(url)
        if conn is None or conn.closed or conn.broken:
            conn = _CONNECTIONS[url] = psycopg.connect(url)
        return conn


def close_shared_connections() -> None:
    with _LOCK:
        for conn in _CONNECTIONS.values():
            conn.close()
        _CONNECTIONS.clear()


class _WriteBundle(beam.DoFn):
    def __init__(self, url: str) -> None:
        self.url = url
        self.rows = Metrics.counter("newsflow", "postgres_rows")

    def start_bundle(self) -> None:
        self.batch: list[ArticleAnalysis] = []

    def process(self, element: ArticleAnalysis) -> Iterator[Any]:
        self.batch.append(element)
        return iter(())

    def finish_bundle(self) -> None:
        if self.batch:
            conn = shared_connection(self.url)
            try:
                self.rows.inc(write_analyses(conn, self.batch))
            except psycopg.OperationalError:
                conn.close()  # a fresh connection on the retry of this batch
                raise
        self.batch = []


class WriteToPostgres(beam.PTransform):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def expand(self, analyses: beam.PCollection) -> beam.pvalue.PDone:
        analyses | "Upsert" >> beam.ParDo(_WriteBundle(self.url))
        return beam.pvalue.PDone(analyses.pipeline)
