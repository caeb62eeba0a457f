"""The PostgreSQL sink against the machine's real server (a fresh database per test)."""

import psycopg

from pipeline.schema import Actor, ArticleAnalysis, Quote
from pipeline.sinks.migrate import migrate, migrations
from pipeline.sinks.postgres import write_analyses


def _analysis(article: str, quotes: list[tuple[str, str]]) -> ArticleAnalysis:
    a = ArticleAnalysis(article_id=article, url=f"https://x.example/{article}", extractor_version="t")
    a.actors.add(
        actor_id="act-ann", canonical_name="Ann Lee", type=Actor.TYPE_PERSON, titles=["Mayor"], mention_count=2
    )
    for qid, text in quotes:
        a.quotes.add(quote_id=qid, text=text, kind=Quote.KIND_DIRECT, speaker_actor_id="act-ann", start=0, end=4)
    return a


def _counts(url: str) -> tuple[int, ...]:
    with psycopg.connect(url) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("articles", "actors", "article_actors", "quotes", "quote_speakers")
        )


def test_replays_leave_one_copy(pg_url: str) -> None:
    batch = [_analysis("a1", [("q1", "One"), ("q2", "Two")]), _analysis("a2", [("q3", "Three")])]
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, batch)
        write_analyses(conn, batch)  # a retried batch
        write_analyses(conn, batch[:1])  # an overlapping re-cut batch
    assert _counts(pg_url) == (2, 1, 2, 3, 3)


def test_reprocessed_article_replaces_its_quotes(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [_analysis("a1", [("q1", "One"), ("q2", "Two")])])
        write_analyses(conn, [_analysis("a1", [("q9", "Nine")])])  # a newer extractor found other quotes
        rows = conn.execute(
            "SELECT q.quote_id, a.canonical_name FROM quotes q "
            "JOIN quote_speakers s USING (quote_id) JOIN actors a USING (actor_id)"
        ).fetchall()
    assert rows == [("q9", "Ann Lee")]


def test_duplicate_article_in_one_batch(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [_analysis("a1", [("q1", "One")]), _analysis("a1", [("q1", "One")])])
    assert _counts(pg_url) == (1, 1, 1, 1, 1)


def test_migrations_are_versioned_and_applied_once(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        assert migrate(conn) == []  # the fixture applied them already
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _ in migrations()]
