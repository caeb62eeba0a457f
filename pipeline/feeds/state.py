"""Seen article ids in SQLite, so a restarted reader does not re-emit what it already produced.
An id is marked only after the broker acknowledged the article (no loss on a crash in between)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Iterable


class SeenStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS seen (article_id TEXT PRIMARY KEY, feed_url TEXT, seen_at REAL)")
        self._db.commit()

    def unseen(self, article_ids: Iterable[str]) -> set[str]:
        wanted = set(article_ids)
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(f"SELECT article_id FROM seen WHERE article_id IN ({marks})", tuple(wanted))
        return wanted - {r[0] for r in rows}

    def mark(self, pairs: Iterable[tuple[str, str]]) -> None:
        now = time.time()
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", [(a, f, now) for a, f in pairs])
        self._db.commit()

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        self._db.close()
