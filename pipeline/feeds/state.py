"""The feed reader's memory, in one SQLite file: which articles were sent and with what content (so
a restart neither re-emits nor misses entries, and an edited article is sent again), and each
feed's validators and schedule. Ids are marked only after the broker acknowledged them."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sqlite3
import time
import unicodedata
from pathlib import Path
from typing import Iterable

from pipeline.feeds.schedule import FeedState

_FEED_COLUMNS = [f.name for f in dataclasses.fields(FeedState)]
EDIT_INTERVAL_S = 600.0  # an article whose content keeps changing is sent again at most this often


def content_digest(title: str, text: str) -> str:
    """What an edit changes: the words of the title and text, case, accents and markup aside."""
    folded = unicodedata.normalize("NFKD", f"{title}\n{text}").encode("ascii", "ignore").decode().casefold()
    return hashlib.sha256(" ".join(re.findall(r"[a-z0-9]+", folded)).encode()).hexdigest()[:24]


class ReaderState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS seen (article_id TEXT PRIMARY KEY, feed_url TEXT, seen_at REAL)")
        if "digest" not in {row[1] for row in self._db.execute("PRAGMA table_info(seen)")}:
            self._db.execute("ALTER TABLE seen ADD COLUMN digest TEXT")  # NULL: sent before digests were kept
        cols = ", ".join(f"{c} {'TEXT PRIMARY KEY' if c == 'url' else ''}" for c in _FEED_COLUMNS)
        self._db.execute(f"CREATE TABLE IF NOT EXISTS feeds ({cols})")
        self._db.commit()

    # --- articles ------------------------------------------------------------------------------
    def to_send(self, digests: dict[str, str]) -> set[str]:
        """The ids (with their content digests) never sent, or sent with other content more than
        EDIT_INTERVAL_S ago: an edited article. One sent before digests were kept is not resent."""
        if not digests:
            return set()
        marks = ",".join("?" * len(digests))
        rows = self._db.execute(
            f"SELECT article_id, digest, seen_at FROM seen WHERE article_id IN ({marks})", tuple(digests)
        ).fetchall()
        sent = {aid: (digest, at) for aid, digest, at in rows}
        now = time.time()
        return {
            aid
            for aid, digest in digests.items()
            if aid not in sent
            or (sent[aid][0] is not None and sent[aid][0] != digest and now - sent[aid][1] >= EDIT_INTERVAL_S)
        }

    def mark(self, sent: Iterable[tuple[str, str, str]]) -> None:
        """(article_id, feed_url, content digest) of articles the broker acknowledged."""
        now = time.time()
        with self._db:
            self._db.executemany(
                "INSERT INTO seen (article_id, feed_url, seen_at, digest) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET digest = excluded.digest, seen_at = excluded.seen_at",
                [(a, f, now, d) for a, f, d in sent],
            )

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
