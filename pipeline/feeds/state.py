"""The feed reader's memory, in one SQLite file: which articles were sent (so a restart neither
re-emits nor misses entries), each feed's validators and schedule, and recent titles for spotting
syndicated copies. Ids are marked only after the broker acknowledged them."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import time
import unicodedata
from pathlib import Path
from typing import Iterable

from pipeline.feeds.schedule import FeedState

_FEED_COLUMNS = [f.name for f in dataclasses.fields(FeedState)]
_MIN_TITLE_WORDS = 5  # shorter titles ("Live updates", "Letters") repeat without being the same story


def title_key(title: str) -> str | None:
    """Case-, accent- and punctuation-insensitive title, or None when too short to identify a story."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", folded)
    return " ".join(words) if len(words) >= _MIN_TITLE_WORDS else None


class ReaderState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS seen (article_id TEXT PRIMARY KEY, feed_url TEXT, seen_at REAL)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS titles (title_key TEXT PRIMARY KEY, article_id TEXT, seen_at REAL)"
        )
        cols = ", ".join(f"{c} {'TEXT PRIMARY KEY' if c == 'url' else ''}" for c in _FEED_COLUMNS)
        self._db.execute(f"CREATE TABLE IF NOT EXISTS feeds ({cols})")
        self._db.commit()

    # --- articles ------------------------------------------------------------------------------
    def unseen(self, article_ids: Iterable[str]) -> set[str]:
        wanted = set(article_ids)
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(f"SELECT article_id FROM seen WHERE article_id IN ({marks})", tuple(wanted))
        return wanted - {r[0] for r in rows}

    def mark(self, pairs: Iterable[tuple[str, str]], titles: Iterable[tuple[str, str]] = ()) -> None:
        now = time.time()
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", [(a, f, now) for a, f in pairs])
            self._db.executemany("INSERT OR REPLACE INTO titles VALUES (?, ?, ?)", [(k, a, now) for k, a in titles])

    def syndicated_copy(self, key: str, article_id: str, window_s: float) -> bool:
        """True when another article with this title was sent within the window."""
        row = self._db.execute("SELECT article_id, seen_at FROM titles WHERE title_key = ?", (key,)).fetchone()
        return row is not None and row[0] != article_id and time.time() - row[1] <= window_s

    # --- feeds ---------------------------------------------------------------------------------
    def feed(self, url: str) -> FeedState:
        row = self._db.execute(f"SELECT {', '.join(_FEED_COLUMNS)} FROM feeds WHERE url = ?", (url,)).fetchone()
        if row is None:
            return FeedState(url)
        values = dict(zip(_FEED_COLUMNS, row, strict=True))
        values["send_etag"] = bool(values["send_etag"])
        return FeedState(**values)

    def save_feeds(self, states: Iterable[FeedState]) -> None:
        marks = ", ".join("?" * len(_FEED_COLUMNS))
        with self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO feeds VALUES ({marks})", [dataclasses.astuple(s) for s in states]
            )

    def close(self) -> None:
        self._db.close()
