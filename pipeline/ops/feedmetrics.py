"""Prometheus metrics of the feed reader (served with the job's on --metrics-port)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

FETCHES = Counter("newsflow_feed_fetches", "Feed fetches by HTTP status (0 = network or file error)", ["status"])
FETCH_BYTES = Counter("newsflow_feed_bytes", "Bytes of feed documents fetched")
FETCH_SECONDS = Histogram(
    "newsflow_feed_fetch_seconds", "Feed fetch latency", buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30)
)
ENTRIES = Counter("newsflow_feed_entries", "Entries seen in fetched feeds")
NEW_ARTICLES = Counter("newsflow_feed_new_articles", "New articles produced to the raw topic")


def observe_fetch(status: int, size: int, seconds: float) -> None:
    FETCHES.labels(str(status)).inc()
    FETCH_BYTES.inc(size)
    if seconds:
        FETCH_SECONDS.observe(seconds)


def observe_poll(entries: int, new_articles: int) -> None:
    ENTRIES.inc(entries)
    NEW_ARTICLES.inc(new_articles)
