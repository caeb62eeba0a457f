"""Reading statements back: the most repeated ones of a period, one with all its appearances.
What `newsflow statements` prints (and what the web page can show)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg.rows import tuple_row

from pipeline.schema import Statement
from pipeline.statements.records import resolved, states

_TOP = """
SELECT statement_id FROM statements
 WHERE merged_into IS NULL AND last_seen >= %(since)s
   AND (%(speaker)s = '' OR speaker_name ILIKE '%%' || %(speaker)s || '%%')
 ORDER BY appearance_count DESC, outlet_count DESC, last_seen DESC, statement_id
 LIMIT %(top)s
"""
# a statement's own appearances and those of the statements merged into it (ids: all of them),
# in time order from a keyset cursor (at, id): the time and quote id of the last one shown before
_APPEARANCES = """
SELECT a.seen_at, a.outlet, a.url, a.speaker_mention, a.article_id, a.quote_id, a.text
  FROM statement_appearances a WHERE a.statement_id = ANY(%(ids)s)
   AND (NOT %(paged)s
        OR %(at)s::timestamptz IS NULL AND a.seen_at IS NULL AND a.quote_id > %(id)s
        OR %(at)s::timestamptz IS NOT NULL
           AND (a.seen_at > %(at)s OR a.seen_at = %(at)s AND a.quote_id > %(id)s OR a.seen_at IS NULL))
 ORDER BY a.seen_at NULLS LAST, a.quote_id LIMIT %(limit)s
"""
_PER_DAY = """
SELECT (a.seen_at AT TIME ZONE 'UTC')::date AS day, count(*) FROM statement_appearances a
 WHERE a.statement_id = ANY(%(ids)s) AND a.seen_at IS NOT NULL GROUP BY 1 ORDER BY 1
"""


@dataclass(frozen=True)
class Seen:
    seen_at: datetime | None
    outlet: str
    url: str
    speaker_mention: str
    article_id: str
    quote_id: str
    text: str


def top(conn: psycopg.Connection[Any], since: datetime, speaker: str = "", n: int = 20) -> list[Statement]:
    """The statements last seen since then, most appearances first."""
    with conn.cursor(row_factory=tuple_row) as cur:
        cur.execute(_TOP, {"since": since, "speaker": speaker, "top": n})
        ids = [row[0] for row in cur.fetchall()]
        order = {sid: i for i, sid in enumerate(ids)}
        return sorted(states(cur, ids), key=lambda s: order[s.statement_id])


Cursor = tuple[datetime | None, str]  # an appearance's time and quote id


@dataclass(frozen=True)
class Shown:
    """One statement as a reader sees it: its state, its appearances in time order (`limit` of
    them after the cursor when asked), how many there are per day, and the statements merged into it."""

    statement: Statement
    appearances: list[Seen]
    per_day: list[tuple[date, int]]
    merged: list[str]


def show(
    conn: psycopg.Connection[Any], statement_id: str, limit: int | None = None, after: Cursor | None = None
) -> Shown | None:
    """The statement an id stands for now (following a merge), or None; its appearances after the
    `after` cursor (the last one of the page before)."""
    with conn.cursor(row_factory=tuple_row) as cur:  # any connection: the web page's return dicts
        root = resolved(cur, statement_id)
        found = states(cur, [root])
        if not found:
            return None
        cur.execute("SELECT statement_id FROM statements WHERE merged_into = %s ORDER BY created", (root,))
        merged = [row[0] for row in cur.fetchall()]
        params: dict[str, Any] = {"ids": [root, *merged], "limit": limit}
        at, last = after if after is not None else (None, "")
        cur.execute(_APPEARANCES, params | {"paged": after is not None, "at": at, "id": last})
        seen = [Seen(*row) for row in cur.fetchall()]
        cur.execute(_PER_DAY, params)
        return Shown(found[0], seen, [(day, n) for day, n in cur.fetchall()], merged)
