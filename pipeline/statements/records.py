"""Statements as records, read from the state: what the topic, Parquet and readers get."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

import psycopg
from google.protobuf.timestamp_pb2 import Timestamp

from pipeline.schema import Appearance, Statement

_STATE = """
SELECT s.statement_id, s.text, coalesce(s.speaker_actor_id, ''), s.speaker_name, s.appearance_count, s.outlet_count,
       coalesce(s.merged_into, ''), s.revision, s.language,
       f.article_id, f.quote_id, f.outlet, f.url, f.seen_at, l.article_id, l.quote_id, l.outlet, l.url, l.seen_at
  FROM statements s
  LEFT JOIN statement_appearances f ON f.quote_id = s.first_quote_id
  LEFT JOIN statement_appearances l ON l.quote_id = s.last_quote_id
 WHERE s.statement_id = ANY(%s)
 ORDER BY s.created
"""


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def timestamp_of(when: datetime) -> Timestamp:
    """An aware time as a Timestamp, built in one call from its distance to the epoch (records are
    made per quote: a time tuple and calendar.timegm took three times as long)."""
    since = when - _EPOCH
    return Timestamp(seconds=since.days * 86400 + since.seconds, nanos=since.microseconds * 1000)


def set_time(ts: Timestamp, when: datetime | None) -> None:
    """A stored time (aware) into a record's Timestamp; None leaves it unset."""
    if when is not None:
        ts.CopyFrom(timestamp_of(when))


def rows_by_id(cur: psycopg.Cursor[Any], query: str, ids: Iterable[str]) -> list[tuple[Any, ...]]:
    """The rows a query with one id-array parameter returns for these ids (none for no ids)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    cur.execute(query, (wanted,))
    return cur.fetchall()


def _appearance(article_id: str | None, quote_id: str, outlet: str, url: str, seen: datetime | None) -> Appearance:
    out = Appearance(article_id=article_id or "", quote_id=quote_id or "", outlet=outlet or "", url=url or "")
    set_time(out.seen_at, seen)
    return out


def states(cur: psycopg.Cursor[Any], ids: Iterable[str]) -> list[Statement]:
    """The stored state of these statements, in the order they were made."""
    out = []
    for row in rows_by_id(cur, _STATE, ids):
        sid, text, actor, name, n, outlets, merged, revision, language = row[:9]
        msg = Statement(
            statement_id=sid,
            text=text,
            speaker_actor_id=actor,
            speaker_name=name,
            appearance_count=n,
            outlet_count=outlets,
            merged_into=merged,
            revision=revision,
            language=language,
        )
        if row[10]:
            msg.first_seen.CopyFrom(_appearance(*row[9:14]))
        if row[15]:
            msg.last_seen.CopyFrom(_appearance(*row[14:19]))
        out.append(msg)
    return out


def resolved(cur: psycopg.Cursor[Any], statement_id: str) -> str:
    """The statement an id stands for now: itself, or the one it was merged into."""
    cur.execute("SELECT coalesce(merged_into, statement_id) FROM statements WHERE statement_id = %s", (statement_id,))
    row = cur.fetchone()
    return str(row[0]) if row else statement_id
