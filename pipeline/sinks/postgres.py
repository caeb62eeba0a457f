"""PostgreSQL sink: upserts keyed by the deterministic ids, one transaction per bundle.

Re-processing an article replaces its quotes and actor rows (rows the new analysis no longer has
are deleted), so replays, retries and extractor upgrades leave exactly one current copy."""

from __future__ import annotations

import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

import apache_beam as beam
import psycopg
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import GlobalWindows
from apache_beam.utils.windowed_value import WindowedValue

from pipeline.deadletter import dead_letter
from pipeline.extract.language import effective
from pipeline.schema import ArticleAnalysis, DeadLetter
from pipeline.sinks.counts import Folder
from pipeline.sinks.literals import text_array
from pipeline.sinks.rows import Range, analysis_rows

_ARTICLE_COLUMNS = (
    "article_id, url, title, source_name, language, published_at, processed_at, extractor_version, detected_language, "
    "text, story_id"
)
# language, published_at and source_name are the article's, copied so that readers' queries run on
# the quotes' own indexes (migration 0006)
_QUOTE_COLUMNS = (
    "quote_id, article_id, text, kind, speaker_actor_id, speaker_mention, cue, start_offset, end_offset, confidence, "
    "segments, speaker_span, cue_span, cue_class, language, published_at, source_name, statement_id"
)
# Staging tables, one set per connection (temporary), emptied at every commit.
_STAGING = [
    f"CREATE TEMP TABLE IF NOT EXISTS stage_{t} (LIKE {t}) ON COMMIT DELETE ROWS"
    for t in ("articles", "actors", "article_actors", "quotes")
]
_STAGED: weakref.WeakSet[psycopg.Connection] = weakref.WeakSet()
# Actors recur from article to article, so they are merged on every write, in key order (two jobs
# locking the same actors in different orders would deadlock). An actor already stored under the
# same name is left as it is: rewriting it left a dead row version per article that named it.
_MERGE_ACTORS = (
    "INSERT INTO actors SELECT * FROM stage_actors ORDER BY actor_id ON CONFLICT (actor_id) DO UPDATE SET "
    "canonical_name = EXCLUDED.canonical_name WHERE actors.canonical_name IS DISTINCT FROM EXCLUDED.canonical_name"
)
# The merge, in foreign-key order. Deletes of the rows a new analysis of an article no longer has
# take the ids as array parameters, so the planner probes the indexes (the staging tables have no
# statistics, and a join with them was planned as a scan of the whole table: slower every batch).
_MERGE: list[tuple[str, bool]] = [
    (
        f"INSERT INTO articles ({_ARTICLE_COLUMNS}) SELECT {_ARTICLE_COLUMNS} FROM stage_articles "
        "ON CONFLICT (article_id) DO UPDATE SET "
        "url = EXCLUDED.url, title = EXCLUDED.title, source_name = EXCLUDED.source_name, "
        "language = EXCLUDED.language, detected_language = EXCLUDED.detected_language, "
        "published_at = EXCLUDED.published_at, "
        "processed_at = EXCLUDED.processed_at, extractor_version = EXCLUDED.extractor_version, text = EXCLUDED.text, "
        "story_id = EXCLUDED.story_id",
        False,
    ),
    (_MERGE_ACTORS, False),
    (
        "DELETE FROM quotes WHERE article_id = ANY(%(articles)s::text[]) AND NOT quote_id = ANY(%(quotes)s::text[])",
        True,
    ),
    (
        "DELETE FROM article_actors WHERE article_id = ANY(%(articles)s::text[]) "
        "AND NOT (article_id || ':' || actor_id) = ANY(%(pairs)s::text[])",
        True,
    ),
    (
        "INSERT INTO article_actors SELECT * FROM stage_article_actors ON CONFLICT (article_id, actor_id) "
        "DO UPDATE SET titles = EXCLUDED.titles, aliases = EXCLUDED.aliases, mention_count = EXCLUDED.mention_count",
        False,
    ),
    (
        f"INSERT INTO quotes ({_QUOTE_COLUMNS}) SELECT {_QUOTE_COLUMNS} FROM stage_quotes "
        "ON CONFLICT (quote_id) DO UPDATE SET "
        "article_id = EXCLUDED.article_id, text = EXCLUDED.text, kind = EXCLUDED.kind, "
        "speaker_actor_id = EXCLUDED.speaker_actor_id, speaker_mention = EXCLUDED.speaker_mention, "
        "cue = EXCLUDED.cue, start_offset = EXCLUDED.start_offset, end_offset = EXCLUDED.end_offset, "
        "confidence = EXCLUDED.confidence, segments = EXCLUDED.segments, "
        "speaker_span = EXCLUDED.speaker_span, cue_span = EXCLUDED.cue_span, cue_class = EXCLUDED.cue_class, "
        "language = EXCLUDED.language, published_at = EXCLUDED.published_at, source_name = EXCLUDED.source_name, "
        "statement_id = EXCLUDED.statement_id",
        False,
    ),
]


@dataclass
class _Rows:
    """One batch as table rows, each table keyed by its primary key (the last copy wins)."""

    articles: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    actors: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    article_actors: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    quotes: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def add(self, a: ArticleAnalysis) -> None:
        """The record's rows (rows.analysis_rows, which Parquet reads too) in the tables' forms:
        ranges and arrays as their text literals, an empty speaker id as NULL."""
        article, quotes, actors = analysis_rows(a)
        aid = article.article_id
        self.articles[aid] = (
            aid,
            article.url,
            article.title,
            article.source_name,
            article.language,
            article.published_at,
            article.processed_at,
            article.extractor_version,
            article.detected_language,
            a.text,
            article.story_id,
        )
        language = effective(article.detected_language, article.language)  # whose rules (and stemmer) ran
        when = article.published_at or article.processed_at
        for act in actors:
            actor_id = act.actor_id
            self.actors[actor_id] = (actor_id, act.canonical_name, act.type)
            self.article_actors[aid, actor_id] = (
                aid,
                actor_id,
                text_array(act.titles),
                text_array(act.aliases),
                act.mention_count,
            )
        for q in quotes:
            self.quotes[q.quote_id] = (
                q.quote_id,
                aid,
                q.text,
                q.kind,
                q.speaker_actor_id or None,
                q.speaker_mention,
                q.cue,
                q.start,
                q.end,
                q.confidence,
                "{" + ",".join([f'"[{s},{e})"' for s, e in q.segments]) + "}",
                _range(q.speaker_span),
                _range(q.cue_span),
                q.cue_class,
                language,
                when,
                article.source_name,
                q.statement_id,
            )

    def count(self) -> int:
        return len(self.articles) + len(self.actors) + len(self.article_actors) + len(self.quotes)


_ARTICLE_ACTOR_COLUMNS = "article_id, actor_id, titles, aliases, mention_count"
_ACTOR_COLUMNS = "actor_id, canonical_name, type"


def _copy(cur: psycopg.Cursor, table: str, columns: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """Text COPY: ranges travel as their text form ("[3,9)"), arrays of them as array literals."""
    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _range(span: Range | None) -> str | None:
    return None if span is None else f"[{span[0]},{span[1]})"


def write_analyses(conn: psycopg.Connection, analyses: Iterable[ArticleAnalysis]) -> int:
    """Upsert a batch in one transaction; returns the number of rows written. Articles never stored
    before are copied straight into the tables (_insert_new); a batch with a stored article is copied
    into per-connection staging tables and merged with one statement per table (_merge). Either is
    several times faster than row-by-row upserts on a 500-article batch (bench/sink_speed.py)."""
    rows = _Rows()
    for a in analyses:
        rows.add(a)
    if not rows.articles:
        return 0
    staged = conn in _STAGED
    with conn.transaction(), conn.cursor() as cur:
        if not staged:  # temporary tables live as long as the connection (and this transaction commits)
            for statement in _STAGING:
                cur.execute(statement)
        if not _insert_new(conn, cur, rows):
            _merge(conn, cur, rows)
    _STAGED.add(conn)  # only now: a rolled-back first transaction took its CREATE TEMP TABLEs with it
    return rows.count()


def _insert_new(conn: psycopg.Connection, cur: psycopg.Cursor, rows: _Rows) -> bool:
    """The common case, a batch of articles never stored before: nothing of theirs can be stored
    either (quote ids and article_actors keys contain the article id), so their rows are copied
    straight into the tables, without staging copies, conflict checks or deletes of stale rows
    (docs/design.md, sinks). Inside a savepoint:
    when any row is already stored (a replayed batch, a re-analysed article), nothing of this is
    kept and False is returned."""
    try:
        with conn.transaction():
            _copy(cur, "articles", _ARTICLE_COLUMNS, rows.articles.values())
            _copy(cur, "stage_actors", _ACTOR_COLUMNS, rows.actors.values())
            cur.execute(_MERGE_ACTORS)
            _copy(cur, "article_actors", _ARTICLE_ACTOR_COLUMNS, rows.article_actors.values())
            _copy(cur, "quotes", _QUOTE_COLUMNS, rows.quotes.values())
    except psycopg.errors.UniqueViolation:
        return False
    return True


def _merge(conn: psycopg.Connection, cur: psycopg.Cursor, rows: _Rows) -> None:
    """Upsert through the staging tables; rows a new analysis of an article no longer has are deleted."""
    _copy(cur, "stage_articles", _ARTICLE_COLUMNS, rows.articles.values())
    _copy(cur, "stage_actors", _ACTOR_COLUMNS, rows.actors.values())
    _copy(cur, "stage_article_actors", _ARTICLE_ACTOR_COLUMNS, rows.article_actors.values())
    _copy(cur, "stage_quotes", _QUOTE_COLUMNS, rows.quotes.values())
    ids = {
        "articles": text_array(rows.articles),
        "quotes": text_array(rows.quotes),
        "pairs": text_array([f"{a}:{b}" for a, b in rows.article_actors]),
    }
    with conn.pipeline():  # the merge statements go in one round trip, not one each
        for statement, with_ids in _MERGE:
            cur.execute(statement, ids if with_ids else None)


class _Pool:
    """Idle connections per URL, for the process. A DoFn instance takes one when it first writes and
    gives it back in teardown, so concurrent bundles (a multi-threaded worker) never share a connection,
    and a runner that re-creates its DoFns for every micro-batch does not reconnect each time."""

    def __init__(self) -> None:
        self.idle: dict[str, list[psycopg.Connection]] = {}
        self.lock = threading.Lock()

    def take(self, url: str) -> psycopg.Connection:
        with self.lock:
            while self.idle.get(url):
                conn = self.idle[url].pop()
                if not (conn.closed or conn.broken):
                    return conn
        return psycopg.connect(url)

    def give(self, url: str, conn: psycopg.Connection) -> None:
        if conn.closed or conn.broken:
            return
        with self.lock:
            self.idle.setdefault(url, []).append(conn)

    def close(self) -> None:
        with self.lock:
            for conns in self.idle.values():
                for conn in conns:
                    conn.close()
            self.idle.clear()


POOL = _Pool()


def close_shared_connections() -> None:
    POOL.close()


_CHUNK = 50  # analyses per transaction, written while the next ones are extracted

# What PostgreSQL refuses because of a record's content, never because it is down. A value too
# large for an index (ProgramLimitExceeded) is filed under OperationalError by psycopg.
RECORD_ERRORS = (psycopg.errors.DataError, psycopg.errors.IntegrityError, psycopg.errors.ProgramLimitExceeded)


def _refused(analysis: ArticleAnalysis, exc: Exception) -> DeadLetter:
    return dead_letter(
        "postgres",
        f"{type(exc).__name__}: {exc}".strip(),
        analysis.SerializeToString(),
        source_url=analysis.url,
    )


class _WriteBundle(beam.DoFn):
    """Writes the bundle in chunks on a writer thread of its own, so PostgreSQL works while the
    worker extracts the next articles (the client waits on the server with the GIL released);
    finish_bundle waits for every chunk and fails the bundle if one failed."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.rows = Metrics.counter("newsflow", "postgres_rows")
        self.refused = Metrics.counter("newsflow", "postgres_dead")

    def setup(self) -> None:
        self.conn: psycopg.Connection | None = None
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postgres-sink")
        self.folder = Folder()

    def start_bundle(self) -> None:
        self.chunk: list[ArticleAnalysis] = []
        self.pending: list[Future[tuple[int, list[DeadLetter]]]] = []

    def process(self, element: ArticleAnalysis) -> Iterator[Any]:
        self.chunk.append(element)
        if len(self.chunk) >= _CHUNK:
            self._submit()
        return iter(())

    def _submit(self) -> None:
        self.pending.append(self.writer.submit(self._write, self.chunk))
        self.chunk = []

    def _write(self, chunk: list[ArticleAnalysis]) -> tuple[int, list[DeadLetter]]:
        """(rows written, dead letters). A chunk that PostgreSQL refuses for what one of its
        records holds is written article by article, and only the article refused is a dead
        letter; an outage raises (the batch is retried)."""
        if self.conn is None or self.conn.closed or self.conn.broken:
            self.conn = POOL.take(self.url)
        try:
            written = write_analyses(self.conn, chunk)
            self.folder.maybe(self.conn)
            return written, []
        except RECORD_ERRORS as exc:
            if len(chunk) == 1:
                self.refused.inc()
                return 0, [_refused(chunk[0], exc)]
        except psycopg.OperationalError:
            self.conn.close()  # a fresh connection on the retry of this batch
            raise
        rows, dead = 0, list[DeadLetter]()
        for analysis in chunk:
            written, refused = self._write([analysis])
            rows += written
            dead += refused
        return rows, dead

    def finish_bundle(self) -> Iterator[WindowedValue]:
        if self.chunk:
            self._submit()
        pending, self.pending = self.pending, []
        errors, dead = list[Exception](), list[DeadLetter]()
        for future in pending:  # every chunk finishes before the bundle does, failed or not
            try:
                rows, refused = future.result()
            except Exception as exc:
                errors.append(exc)
            else:
                self.rows.inc(rows)
                dead += refused
        if errors:
            raise errors[0]
        for letter in dead:
            yield GlobalWindows.windowed_value(letter)

    def teardown(self) -> None:
        self.writer.shutdown(wait=True)
        if self.conn is not None:
            POOL.give(self.url, self.conn)
            self.conn = None


class WriteToPostgres(beam.PTransform[Any, Any]):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    """ArticleAnalysis -> PostgreSQL; returns the dead letters of the articles it refused."""

    def expand(self, analyses: beam.PCollection[Any]) -> beam.PCollection[Any]:
        refused: beam.PCollection[Any] = analyses | "Upsert" >> beam.ParDo(_WriteBundle(self.url)).with_output_types(
            DeadLetter
        )
        return refused
