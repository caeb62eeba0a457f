"""After a run with faults: is every appearance of a statement stored exactly once, and are the
statements those a clean run makes? The clean run extracts the stored articles' texts again
(extraction is deterministic, so the quote ids are the same) and assigns them, in publication
order, in a scratch database."""

from __future__ import annotations

import psycopg

from bench.lib.stack import temp_database
from pipeline.analysis import analyse_article
from pipeline.schema import RawArticle
from pipeline.statements.store import StatementStore

CHUNK = 50
_CLUSTERS = (
    "SELECT array_agg(a.quote_id ORDER BY a.quote_id) FROM statement_appearances a "
    "JOIN statements s USING (statement_id) GROUP BY coalesce(s.merged_into, s.statement_id)"
)


def clusters(conn: psycopg.Connection) -> set[tuple[str, ...]]:
    return {tuple(row[0]) for row in conn.execute(_CLUSTERS)}


def check(pg_url: str) -> str:
    """One line: appearances against quotes, and the statements against a clean run's."""
    with psycopg.connect(pg_url) as conn:
        quotes, appearances, unmatched = conn.execute(
            "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM statement_appearances), "
            "(SELECT count(*) FROM quotes q LEFT JOIN statement_appearances a USING (quote_id) "
            "WHERE a.statement_id IS DISTINCT FROM q.statement_id)"
        ).fetchone() or (0, 0, 0)
        stored = clusters(conn)
        rows = conn.execute(
            "SELECT article_id, url, title, source_name, language, published_at, text FROM articles "
            "ORDER BY coalesce(published_at, processed_at), article_id"
        ).fetchall()
    raws = []
    for aid, url, title, outlet, language, published, text in rows:
        raw = RawArticle(article_id=aid, url=url, title=title, source_name=outlet, language=language, content_text=text)
        if published is not None:
            raw.published_at.FromDatetime(published.replace(tzinfo=None) - published.utcoffset())
        raws.append(raw)
    with temp_database("newsflow_clean") as url, psycopg.connect(url) as conn:
        store = StatementStore(conn)
        for n in range(0, len(raws), CHUNK):
            store.assign([analyse_article(r) for r in raws[n : n + CHUNK]])
        clean = clusters(conn)
    return (
        f"statements: {appearances} appearances for {quotes} quotes ({unmatched} quotes whose statement_id is not "
        f"their appearance's); {len(stored)} statements, {len(stored & clean)} the same as a clean run's "
        f"({len(clean)}), {len(stored ^ clean)} differing"
    )
