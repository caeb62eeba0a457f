"""Folding the speakers' count changes into their counts (migration 0011): the quotes' triggers
append changes, and a writer folds them in from time to time so a speaker page sums a few rows."""

from __future__ import annotations

import logging
import time

import psycopg

log = logging.getLogger(__name__)
_LOCK_KEY = 0x636E7473  # "cnts"
FOLD_EVERY_S = 10.0  # per writer; a page reads at most this long's changes besides the counts

_FOLD = """
WITH moved AS (DELETE FROM speaker_count_deltas RETURNING speaker_actor_id, per, key, n)
INSERT INTO speaker_counts AS c
SELECT speaker_actor_id, per, key, sum(n) FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
ON CONFLICT (speaker_actor_id, per, key) DO UPDATE SET n = c.n + EXCLUDED.n
RETURNING speaker_actor_id, per, key, n
"""


def fold(conn: psycopg.Connection) -> int | None:
    """Fold every change committed so far into the counts, in one transaction (a reader sees
    them either as changes or as counts, never both or neither); counts that reach zero go.
    Returns the counts touched, or None when another writer is folding now."""
    with conn.transaction(), conn.cursor() as cur:
        if not cur.execute("SELECT pg_try_advisory_xact_lock(%s)", (_LOCK_KEY,)).fetchone()[0]:  # type: ignore[index]
            return None
        touched = cur.execute(_FOLD).fetchall()
        gone = [(s, p, k) for s, p, k, n in touched if n == 0]
        if gone:
            cur.executemany("DELETE FROM speaker_counts WHERE speaker_actor_id = %s AND per = %s AND key = %s", gone)
        return len(touched)


class Folder:
    """Folds at most once per FOLD_EVERY_S for one writer; a failure is logged and left to the
    next time (the changes stay where they are, and pages stay exact)."""

    def __init__(self, every_s: float = FOLD_EVERY_S) -> None:
        self.every_s = every_s
        self.last = time.monotonic()

    def maybe(self, conn: psycopg.Connection) -> None:
        if time.monotonic() - self.last < self.every_s:
            return
        self.last = time.monotonic()
        try:
            fold(conn)
        except psycopg.Error as exc:
            log.warning("folding the speakers' count changes failed, left for the next time: %s", exc)
