"""The feed archive as the write-ahead log of the embedded broker. Tansu keeps its topics in memory,
so a crash loses articles it had acknowledged and the job had not yet processed; a feed that has
rotated them out by the restart no longer lists them. Every fetched document is archived before its
articles are sent, so the job's progress is kept as a checkpoint (every document fetched before it
is processed and committed) and, at the next start, the documents fetched since are sent again.
The sinks are idempotent by id: what was in fact processed is stored once all the same."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kafka import KafkaProducer

from pipeline.feeds.archive import Archive
from pipeline.feeds.articles import replayed_articles
from pipeline.feeds.documents import archived_documents

log = logging.getLogger(__name__)


class Checkpoint:
    """A time before which every archived document is processed, kept in one small file and
    written atomically, at most every `every_s` seconds (and only forward)."""

    def __init__(self, path: Path, every_s: float = 2.0) -> None:
        self.path = path
        self.every_s = every_s
        self._written_at = 0.0
        try:
            self.value: datetime | None = datetime.fromisoformat(path.read_text().strip())
        except (OSError, ValueError):  # none yet, or torn: nothing known to replay
            self.value = None

    def advance(self, to: datetime, force: bool = False) -> None:
        if self.value is not None and to <= self.value:
            return
        if not force and time.monotonic() - self._written_at < self.every_s:
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(to.isoformat())
            os.replace(tmp, self.path)
        except OSError as exc:  # a full disk: the replay after a crash is longer, nothing is lost
            log.warning("recovery checkpoint not written (%s); a restart replays more of the archive", exc)
            return
        self.value, self._written_at = to, time.monotonic()


@dataclass(frozen=True)
class Replayed:
    documents: int
    articles: int
    dead_letters: int


def replay_since(
    archive: Archive, since: datetime, producer: KafkaProducer, raw_topic: str, dead_topic: str
) -> Replayed:
    """Send the articles (and dead letters) of every document archived at or after `since` again,
    each article once, and wait for the broker's acknowledgements."""
    documents, seen, dead = 0, set(), 0
    for doc in archived_documents(archive, since):
        documents += 1
        found = replayed_articles(doc)
        for article in found.articles:
            if article.article_id not in seen:
                seen.add(article.article_id)
                producer.send(raw_topic, key=article.article_id.encode(), value=article.SerializeToString())
        for letter in found.dead:
            dead += 1
            producer.send(dead_topic, value=letter.SerializeToString())
    producer.flush()
    return Replayed(documents, len(seen), dead)
