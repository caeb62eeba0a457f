"""Feed reader: fetch, parse and normalise every feed, and produce new articles to the raw topic.
A failing feed becomes a dead letter and never stops the others."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable

from kafka import KafkaProducer
from kafka.errors import KafkaError

from pipeline.config import Settings
from pipeline.deadletter import dead_letter
from pipeline.feeds.archive import Archive
from pipeline.feeds.config import FeedSpec
from pipeline.feeds.fetch import FetchError, fetch
from pipeline.feeds.normalise import EntryError, normalise_entry
from pipeline.feeds.parse import parse_feed
from pipeline.feeds.state import SeenStore
from pipeline.schema import DeadLetter, RawArticle

log = logging.getLogger(__name__)


@dataclass
class PollStats:
    feeds: int = 0
    entries: int = 0
    new_articles: int = 0
    duplicates: int = 0
    dead_letters: int = 0

    def __iadd__(self, other: PollStats) -> PollStats:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


@dataclass
class _FeedResult:
    articles: list[RawArticle] = field(default_factory=list)
    dead: list[DeadLetter] = field(default_factory=list)
    entries: int = 0


class FeedReader:
    def __init__(
        self,
        settings: Settings,
        producer: KafkaProducer,
        seen: SeenStore,
        max_workers: int = 8,
        archive: Archive | None = None,
    ) -> None:
        self.settings = settings
        self.archive = archive
        self.producer = producer
        self.seen = seen
        self.max_workers = max_workers

    def read_feed(self, spec: FeedSpec) -> _FeedResult:
        result = _FeedResult()
        try:
            fetched = fetch(spec.url, self.settings.fetch_timeout_s, self.settings.max_feed_bytes)
        except FetchError as exc:
            log.warning("feed %s: fetch failed: %s", spec.url, exc)
            result.dead.append(dead_letter("fetch", str(exc), source_url=spec.url))
            return result
        if self.archive is not None:
            self.archive.store(
                fetched.body, spec.url, fetched.fetched_at, fetched.status, fetched.headers.get("content-type", "")
            )
        parsed = parse_feed(fetched.body, spec.url, fetched.headers)
        if parsed.error:
            log.warning("feed %s: %s", spec.url, parsed.error)
            result.dead.append(dead_letter("parse", parsed.error, fetched.body, source_url=spec.url))
            return result
        if parsed.warning:
            log.info("feed %s parsed with a warning: %s", spec.url, parsed.warning)
        source = spec.name or parsed.title
        language = spec.language or parsed.language
        for entry in parsed.entries:
            result.entries += 1
            try:
                result.articles.append(normalise_entry(entry, spec.url, source, language, fetched.fetched_at))
            except EntryError as exc:
                result.dead.append(dead_letter("normalise", str(exc), source_url=spec.url))
        return result

    def _send(
        self, outgoing: list[tuple[str, bytes | None, bytes, RawArticle | None]]
    ) -> tuple[list[tuple[str, str]], int]:
        """Produce and wait for acks. What the broker did not acknowledge (it is down, say) stays
        unmarked and is sent again by the next poll: nothing is lost, duplicates are deduped by id."""
        pending = []
        for topic, key, value, article in outgoing:
            try:
                pending.append((self.producer.send(topic, key=key, value=value), article))
            except KafkaError as exc:
                log.warning(
                    "broker unavailable (%s): %d records will be sent again on the next poll",
                    type(exc).__name__,
                    len(outgoing) - len(pending),
                )
                break
        acked: list[tuple[str, str]] = []
        dead = 0
        for future, article in pending:
            try:
                future.get(timeout=30)
            except KafkaError as exc:
                log.warning("record not acknowledged (%s); it will be sent again on the next poll", exc)
                continue
            if article is None:
                dead += 1
            else:
                acked.append((article.article_id, article.feed_url))
        return acked, dead

    def poll(self, feeds: Iterable[FeedSpec]) -> PollStats:
        """One pass over all feeds; returns once every new article is acknowledged by the broker."""
        feeds = list(feeds)
        stats = PollStats(feeds=len(feeds))
        with ThreadPoolExecutor(max_workers=min(self.max_workers, max(1, len(feeds)))) as pool:
            results = list(pool.map(self.read_feed, feeds))
        candidates: dict[str, RawArticle] = {}
        dead: list[DeadLetter] = []
        for res in results:
            stats.entries += res.entries
            dead.extend(res.dead)
            for article in res.articles:
                candidates.setdefault(article.article_id, article)
        fresh = self.seen.unseen(candidates)
        stats.duplicates = sum(len(r.articles) for r in results) - len(fresh)
        outgoing = [(self.settings.deadletter_topic, None, dl.SerializeToString(), None) for dl in dead] + [
            (self.settings.raw_topic, a.article_id.encode(), a.SerializeToString(), a)
            for aid, a in candidates.items()
            if aid in fresh
        ]
        acked, sent_dead = self._send(outgoing)
        self.seen.mark(acked)
        stats.new_articles = len(acked)
        stats.dead_letters = sent_dead
        return stats
