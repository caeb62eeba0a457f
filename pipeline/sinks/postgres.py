"""PostgreSQL sink: upserts keyed by the deterministic ids, one transaction per bundle.

Re-processing an article replaces its quotes and actor rows (rows the new analysis no longer has
are deleted), so replays, retries and extractor upgrades leave exactly one current copy."""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

import apache_beam as beam
import psycopg
from apache_beam.metrics import Metrics

from pipeline.schema import Actor, ArticleAnalysis, Quote

_CONNECTIONS: dict[str, psycopg.Connection] = {}
_LOCK = threading.Lock()


def _ts(msg: ArticleAnalysis, field: str) -> datetime | None:
    return getattr(msg, field).ToDatetime(tzinfo=timezone.utc) if msg.HasField(field) else None


_ARTICLE_COLUMNS = (
    "article_id, url, title, source_name, language, published_at, processed_at, extractor_version, detected_language"
)
_QUOTE_COLUMNS = (
    "quote_id, article_id, text, kind, speaker_mention, cue, start_offset, end_offset, confidence, segments, "
    "speaker_span, cue_span"
)
# Staging tables, one set per connection (temporary), emptied at every commit.
_STAGING = [
    f"CREATE TEMP TABLE IF NOT EXISTS stage_{t} (LIKE {t}) ON COMMIT DELETE ROWS"
    for t in ("articles", "actors", "article_actors", "quotes", "quote_speakers")
]
_STAGED: weakref.WeakSet[psycopg.Connection] = weakref.WeakSet()
_MERGE = [
    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) SELECT {_ARTICLE_COLUMNS} FROM stage_articles "
    "ON CONFLICT (article_id) DO UPDATE SET "
    "url = EXCLUDED.url, title = EXCLUDED.title, source_name = EXCLUDED.source_name, "
    "language = EXCLUDED.language, detected_language = EXCLUDED.detected_language, "
    "published_at = EXCLUDED.published_at, "
    "processed_at = EXCLUDED.processed_at, extractor_version = EXCLUDED.extractor_version",
    "INSERT INTO actors SELECT * FROM stage_actors ORDER BY actor_id ON CONFLICT (actor_id) DO UPDATE SET "
    "canonical_name = EXCLUDED.canonical_name",
    # rows the new analysis of an article no longer has
    "DELETE FROM quotes q USING stage_articles s WHERE q.article_id = s.article_id "
    "AND NOT EXISTS (SELECT 1 FROM stage_quotes n WHERE n.quote_id = q.quote_id)",
    "DELETE FROM article_actors r USING stage_articles s WHERE r.article_id = s.article_id "
    "AND NOT EXISTS (SELECT 1 FROM stage_article_actors n WHERE n.article_id = r.article_id "
    "AND n.actor_id = r.actor_id)",
    "INSERT INTO article_actors SELECT * FROM stage_article_actors ON CONFLICT (article_id, actor_id) DO UPDATE SET "
    "titles = EXCLUDED.titles, aliases = EXCLUDED.aliases, mention_count = EXCLUDED.mention_count",
    f"INSERT INTO quotes ({_QUOTE_COLUMNS}) SELECT {_QUOTE_COLUMNS} FROM stage_quotes "
    "ON CONFLICT (quote_id) DO UPDATE SET "
    "article_id = EXCLUDED.article_id, text = EXCLUDED.text, kind = EXCLUDED.kind, "
    "speaker_mention = EXCLUDED.speaker_mention, cue = EXCLUDED.cue, start_offset = EXCLUDED.start_offset, "
    "end_offset = EXCLUDED.end_offset, confidence = EXCLUDED.confidence, segments = EXCLUDED.segments, "
    "speaker_span = EXCLUDED.speaker_span, cue_span = EXCLUDED.cue_span",
    "DELETE FROM quote_speakers r USING stage_quotes n WHERE r.quote_id = n.quote_id",
    "INSERT INTO quote_speakers SELECT * FROM stage_quote_speakers",
]


@dataclass
class _Rows:
    """One batch as table rows, each table keyed by its primary key (the last copy wins)."""

    articles: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    actors: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    article_actors: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    quotes: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    speakers: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def add(self, a: ArticleAnalysis) -> None:
        self.articles[a.article_id] = (
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
        for act in a.actors:
            self.actors[act.actor_id] = (
                act.actor_id,
                act.canonical_name,
                Actor.Type.Name(act.type).removeprefix("TYPE_").lower(),
            )
            self.article_actors[a.article_id, act.actor_id] = (
                a.article_id,
                act.actor_id,
                list(act.titles),
                list(act.aliases),
                act.mention_count,
            )
        for q in a.quotes:
            self.quotes[q.quote_id] = (
                q.quote_id,
                a.article_id,
                q.text,
                Quote.Kind.Name(q.kind).removeprefix("KIND_").lower(),
                q.speaker_mention,
                q.cue,
                q.start,
                q.end,
                q.confidence,
                "{" + ",".join(f'"[{g.start},{g.end})"' for g in q.segments) + "}",
                f"[{q.speaker_span.start},{q.speaker_span.end})" if q.HasField("speaker_span") else None,
                f"[{q.cue_span.start},{q.cue_span.end})" if q.HasField("cue_span") else None,
            )
            if q.speaker_actor_id:
                self.speakers[q.quote_id] = (q.quote_id, q.speaker_actor_id)
            else:
                self.speakers.pop(q.quote_id, None)

    def count(self) -> int:
        return sum(map(len, (self.articles, self.actors, self.article_actors, self.quotes, self.speakers)))


def _copy(cur: psycopg.Cursor, table: str, columns: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """Text COPY: ranges travel as their text form ("[3,9)"), arrays of them as array literals."""
    with cur.copy(f"COPY stage_{table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def write_analyses(conn: psycopg.Connection, analyses: Iterable[ArticleAnalysis]) -> int:
    """Upsert a batch in one transaction; returns the number of rows written. The rows are copied
    into per-connection staging tables (COPY, one round trip per table) and merged with one
    statement per table: on a 500-article batch of ~20,000 rows this is several times faster than
    row-by-row upserts (bench/sink_speed.py)."""
    rows = _Rows()
    for a in analyses:
        rows.add(a)
    if not rows.articles:
        return 0
    with conn.transaction(), conn.cursor() as cur:
        if conn not in _STAGED:  # temporary tables live as long as the connection
            for statement in _STAGING:
                cur.execute(statement)
            _STAGED.add(conn)
        _copy(cur, "articles", _ARTICLE_COLUMNS, rows.articles.values())
        _copy(cur, "actors", "actor_id, canonical_name, type", rows.actors.values())
        _copy(
            cur, "article_actors", "article_id, actor_id, titles, aliases, mention_count", rows.article_actors.values()
        )
        _copy(cur, "quotes", _QUOTE_COLUMNS, rows.quotes.values())
        _copy(cur, "quote_speakers", "quote_id, actor_id", rows.speakers.values())
        for statement in _MERGE:
            cur.execute(statement)
    return rows.count()


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
