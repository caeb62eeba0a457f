"""Feed reader: fetch, parse and normalise every feed, and produce new articles to the raw topic.
A failing feed becomes a dead letter and never stops the others."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable

from kafka import KafkaProducer

from pipeline.config import Settings
from pipeline.deadletter import dead_letter
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
    def __init__(self, settings: Settings, producer: KafkaProducer, seen: SeenStore, max_workers: int = 8) -> None:
        self.settings = settings
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
        parsed = parse_feed(fetched.body, spec.url)
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

    def poll(self, feeds: Iterable[FeedSpec]) -> PollStats:
        """One pass over all feeds; returns once every new article is acknowledged by the broker."""
        feeds = list(feeds)
        stats = PollStats(feeds=len(feeds))
        with ThreadPoolExecutor(max_workers=min(self.max_workers, max(1, len(feeds)))) as pool:
            results = list(pool.map(self.read_feed, feeds))
        candidates: dict[str, RawArticle] = {}
        for res in results:
            stats.entries += res.entries
            for article in res.articles:
                candidates.setdefault(article.article_id, article)
            for dl in res.dead:
                self.producer.send(self.settings.deadletter_topic, value=dl.SerializeToString())
                stats.dead_letters += 1
        fresh = self.seen.unseen(candidates)
        stats.duplicates = sum(len(r.articles) for r in results) - len(fresh)
        pending = [
            (a, self.producer.send(self.settings.raw_topic, key=a.article_id.encode(), value=a.SerializeToString()))
            for aid, a in candidates.items()
            if aid in fresh
        ]
        self.producer.flush()
        acked = []
        for article, future in pending:
            try:
                future.get(timeout=30)
                acked.append((article.article_id, article.feed_url))
            except Exception as exc:  # not acked: left unmarked, so the next poll sends it again
                log.error("article %s not acknowledged by the broker: %s", article.article_id, exc)
        self.seen.mark(acked)
        stats.new_articles = len(acked)
        return stats
