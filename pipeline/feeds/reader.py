"""Feed reader: fetch the feeds that are due (politely, conditionally), archive what came, parse,
normalise, drop what was already sent (unless edited since), produce the rest to the raw topic,
and reschedule each feed. Isolation: whatever goes wrong in one feed (any exception) is that feed's
error and dead letter; whatever goes wrong in one entry is that entry's dead letter; an article
too large for a Kafka record is dead-lettered, not re-sent forever."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Sequence

from kafka import KafkaProducer
from kafka.errors import (
    InvalidRecordError,
    KafkaError,
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    RecordListTooLargeError,
)

from pipeline.config import Settings
from pipeline.deadletter import dead_letter
from pipeline.feeds.archive import Archive
from pipeline.feeds.articles import read_document
from pipeline.feeds.config import FeedSpec
from pipeline.feeds.fetch import Fetched, FetchError, fetch, make_client
from pipeline.feeds.fulltext import FullText
from pipeline.feeds.http import AddressPolicy, GuardedClient
from pipeline.feeds.limits import HostLimiter
from pipeline.feeds.schedule import FeedState, Outcome, Policy, feed_hint_s, next_state
from pipeline.feeds.state import ReaderState, content_digest
from pipeline.ops import feedmetrics
from pipeline.schema import DeadLetter, RawArticle

log = logging.getLogger(__name__)
RECORD_OVERHEAD = 1024  # record and batch headers around a value, within the broker's message limit
ACK_TIMEOUT_S = 30.0


# Errors about the record itself: sending it again cannot help. Every other error, retriable or
# not (a producer fenced or out of sequence after a broker restart, say), is the producer's or the
# broker's state, and the article is sent again by the next poll.
_RECORD_ERRORS = (MessageSizeTooLargeError, RecordListTooLargeError, InvalidRecordError)


def _refuses_record(exc: KafkaError) -> bool:
    return isinstance(exc, _RECORD_ERRORS)


@dataclass
class PollStats:
    feeds: int = 0
    entries: int = 0
    new_articles: int = 0
    duplicates: int = 0
    dead_letters: int = 0
    not_modified: int = 0
    failed: int = 0  # feeds whose fetch or parse failed this poll
    unsent: int = 0  # new articles the broker did not acknowledge: sent again by the next poll


@dataclass
class _Sent:
    acked: list[RawArticle] = field(default_factory=list)  # on the raw topic
    settled: list[RawArticle] = field(default_factory=list)  # dead-lettered for good: not sent again
    dead_letters: int = 0


@dataclass
class _FeedResult:
    spec: FeedSpec
    state: FeedState
    articles: list[RawArticle] = field(default_factory=list)
    dead: list[DeadLetter] = field(default_factory=list)
    entries: int = 0
    outcome: Outcome = Outcome(0)


class FeedReader:
    def __init__(
        self,
        settings: Settings,
        producer: KafkaProducer,
        state: ReaderState,
        max_workers: int = 16,
        archive: Archive | None = None,
        limiter: HostLimiter | None = None,
        policy: Policy | None = None,
        client: GuardedClient | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.settings = settings
        self.producer = producer
        self.state = state
        self.max_workers = max_workers
        self.archive = archive
        self.limiter = limiter or HostLimiter(settings.per_host_concurrency, settings.per_host_rate)
        self.policy = policy or Policy(default_s=settings.poll_interval_s)
        self.stop = stop or threading.Event()  # set: waits for acknowledgements end early
        addresses = AddressPolicy.of(settings.allow_private_fetch, settings.fetch_allow_networks)
        self.http = client or make_client(settings.fetch_timeout_s, addresses)
        self.fulltext = FullText(self.http, self.limiter)
        # when the poll in progress started (its documents are archived after it): None between polls
        self.polling_since: datetime | None = None

    # --- one feed (runs in a worker thread; no database access here) ----------------------------
    def _fetch(self, spec: FeedSpec, state: FeedState) -> Fetched:
        url = state.fetch_url or spec.url
        with self.limiter.slot(url):
            fetched = fetch(
                url,
                self.settings.fetch_timeout_s,
                self.settings.max_feed_bytes,
                self.http,
                etag=state.etag if state.send_etag else "",
                last_modified=state.last_modified,
            )
        feedmetrics.observe_fetch(fetched.status, len(fetched.body), fetched.seconds)
        return fetched

    def read_feed(self, spec: FeedSpec, state: FeedState) -> _FeedResult:
        """Never raises: an unexpected exception is this feed's error, logged with its traceback."""
        try:
            return self._read_feed(spec, state)
        except Exception as exc:
            log.warning("feed %s: unexpected %s while reading it", spec.url, type(exc).__name__, exc_info=True)
            result = _FeedResult(spec, state, outcome=Outcome(0, error=True))
            result.dead.append(dead_letter("read", f"{type(exc).__name__}: {exc}", source_url=spec.url))
            return result

    def _read_feed(self, spec: FeedSpec, state: FeedState) -> _FeedResult:
        result = _FeedResult(spec, state)
        try:
            fetched = self._fetch(spec, state)
        except FetchError as exc:
            feedmetrics.observe_fetch(exc.status, 0, 0.0)
            log.warning("feed %s: %s", spec.url, exc)
            result.dead.append(dead_letter("fetch", str(exc), source_url=spec.url))
            result.outcome = Outcome(exc.status, error=True, retry_after_s=exc.retry_after)
            return result
        result.state = self._validators(state, fetched)
        if fetched.status == 304:
            result.outcome = Outcome(304, hint_s=feed_hint_s({}, fetched.headers))
            return result
        if self.archive is not None:
            self.archive.store(
                fetched.body, spec.url, fetched.fetched_at, fetched.status, fetched.headers.get("content-type", "")
            )
        doc = read_document(fetched.body, spec.url, fetched.headers, fetched.fetched_at, spec.name, spec.language)
        result.articles, result.dead, result.entries = doc.articles, doc.dead, doc.entries
        if doc.parsed.error:
            log.warning("feed %s: %s", spec.url, doc.parsed.error)
            result.outcome = Outcome(fetched.status, error=True)
            return result
        result.outcome = Outcome(fetched.status, hint_s=feed_hint_s(doc.parsed.meta, fetched.headers))
        return result

    @staticmethod
    def _validators(state: FeedState, fetched: Fetched) -> FeedState:
        """Keep the new validators and a permanent redirect; stop sending an ETag that changes while
        the document does not (such a server never answers 304, and its ETag is noise)."""
        if fetched.status == 304:
            return dataclasses.replace(state, fetch_url=fetched.permanent_url or state.fetch_url)
        sha = hashlib.sha256(fetched.body).hexdigest()
        etag = fetched.headers.get("etag", "")
        misses = state.etag_misses + 1 if (sha == state.body_sha and etag and etag != state.etag) else 0
        if misses >= 2 and state.send_etag:
            log.info("feed %s: ETag changes on an unchanged document; no longer sending it", state.url)
        return dataclasses.replace(
            state,
            fetch_url=fetched.permanent_url or state.fetch_url,
            etag=etag,
            last_modified=fetched.headers.get("last-modified", ""),
            body_sha=sha,
            etag_misses=misses,
            send_etag=state.send_etag and misses < 2,
        )

    # --- producing ---------------------------------------------------------------------------------
    def _oversize(self, article: RawArticle, value: bytes) -> DeadLetter | None:
        limit = self.settings.max_message_bytes - RECORD_OVERHEAD
        if len(value) <= limit:
            return None
        reason = f"article of {len(value)} bytes exceeds the {limit}-byte record limit (max_message_bytes)"
        log.warning("article %s from %s: %s", article.url or article.guid, article.feed_url, reason)
        return self._dead(reason, article, value)

    def _dead(self, reason: str, article: RawArticle, value: bytes) -> DeadLetter:
        """A produce-stage dead letter whose evidence still fits in a record."""
        evidence = value[: max(0, self.settings.max_message_bytes - RECORD_OVERHEAD - 8192)]
        return dead_letter("produce", reason, evidence, source_url=article.url or article.feed_url)

    def _wait(self, future: object) -> None:
        """Wait for an acknowledgement, in short slices so that a stop request is honoured."""
        deadline = time.monotonic() + ACK_TIMEOUT_S
        while not future.is_done:  # type: ignore[attr-defined]
            if time.monotonic() > deadline or self.stop.wait(0.05):
                raise KafkaTimeoutError("no acknowledgement (stopping, or the broker is slow)")
        future.get(timeout=0)  # type: ignore[attr-defined]

    def _send(self, outgoing: Sequence[tuple[str, bytes | None, bytes, RawArticle | None]]) -> _Sent:
        """Produce and wait for acks. What the broker did not acknowledge (it is down, say) stays
        unmarked and is sent again by the next poll: nothing is lost, duplicates are deduped by id.
        An article the broker cannot take (too large, invalid) is replaced by its dead letter and
        settled, so it is not sent again."""
        sent = _Sent()
        pending = []
        for topic, key, value, article in outgoing:
            dl = self._oversize(article, value) if article is not None else None
            replaced = dl is not None
            if dl is not None:
                topic, key, value = self.settings.deadletter_topic, None, dl.SerializeToString()
            try:
                pending.append((self.producer.send(topic, key=key, value=value), article, value, replaced))
            except KafkaError as exc:
                if not replaced and self._refused(sent, article, value, exc):
                    continue
                log.warning(
                    "broker unavailable (%s): %d records will be sent again on the next poll",
                    type(exc).__name__,
                    len(outgoing) - len(pending),
                )
                break
        for future, article, value, replaced in pending:
            try:
                self._wait(future)
            except KafkaError as exc:
                if replaced or not self._refused(sent, article, value, exc):
                    log.warning("record not acknowledged (%s); it will be sent again on the next poll", exc)
                continue
            if article is None or replaced:
                sent.dead_letters += 1
            if article is not None:
                (sent.settled if replaced else sent.acked).append(article)
        return sent

    def _refused(self, sent: _Sent, article: RawArticle | None, value: bytes, exc: KafkaError) -> bool:
        """If the broker refused an article for good, its dead letter goes instead and the article
        is settled (True once the dead letter is acknowledged)."""
        if article is None or not _refuses_record(exc):
            return False
        reason = f"broker refused the record: {type(exc).__name__}: {exc}"
        log.warning("article %s from %s: %s", article.url or article.guid, article.feed_url, reason)
        dl = self._dead(reason, article, value)
        try:
            self._wait(self.producer.send(self.settings.deadletter_topic, value=dl.SerializeToString()))
        except KafkaError:
            return False
        sent.settled.append(article)
        sent.dead_letters += 1
        return True

    # --- a polling cycle ---------------------------------------------------------------------------
    def due(self, feeds: Iterable[FeedSpec], now: float | None = None) -> list[FeedSpec]:
        now = time.time() if now is None else now
        return [f for f in feeds if self.state.feed(f.url).next_poll_at <= now]

    def next_due_in(self, feeds: Iterable[FeedSpec]) -> float:
        soonest = min((self.state.feed(f.url).next_poll_at for f in feeds), default=time.time() + 60)
        return max(0.0, soonest - time.time())

    def poll(self, feeds: Iterable[FeedSpec]) -> PollStats:
        """One pass over the given feeds; returns once every new article is acknowledged."""
        self.polling_since = datetime.now(timezone.utc)
        try:
            return self._poll(list(feeds))
        finally:
            self.polling_since = None

    def _poll(self, feeds: list[FeedSpec]) -> PollStats:
        stats = PollStats(feeds=len(feeds))
        states = [self.state.feed(f.url) for f in feeds]
        with ThreadPoolExecutor(max_workers=min(self.max_workers, max(1, len(feeds)))) as pool:
            results = list(pool.map(self.read_feed, feeds, states))
        candidates: dict[str, RawArticle] = {}
        dead: list[DeadLetter] = []
        for res in results:
            stats.entries += res.entries
            stats.not_modified += res.outcome.status == 304
            stats.failed += res.outcome.error
            dead.extend(res.dead)
            for article in res.articles:
                candidates.setdefault(article.article_id, article)
        # copies of one story in other outlets are sent too: the job groups them into a story and
        # records where each statement appeared; an edited article is sent again
        digests = {aid: content_digest(a.title, a.content_text or a.summary) for aid, a in candidates.items()}
        fresh = self.state.to_send(digests)
        new = [a for aid, a in candidates.items() if aid in fresh]
        self._enrich([a for a in new if a.url and a.feed_url in {f.url for f in feeds if f.full_text}])
        stats.duplicates = sum(len(r.articles) for r in results) - len(new)
        outgoing = [(self.settings.deadletter_topic, None, dl.SerializeToString(), None) for dl in dead] + [
            (self.settings.raw_topic, a.article_id.encode(), a.SerializeToString(), a) for a in new
        ]
        sent = self._send(outgoing)
        acked, stats.dead_letters = sent.acked, sent.dead_letters
        self.state.mark([(a.article_id, a.feed_url, digests[a.article_id]) for a in acked + sent.settled])
        stats.unsent = len(new) - len(acked) - len(sent.settled)
        stats.new_articles = len(acked)
        feedmetrics.observe_poll(stats.entries, stats.new_articles)
        per_feed: dict[str, int] = {}
        for a in acked:
            per_feed[a.feed_url] = per_feed.get(a.feed_url, 0) + 1
        now = time.time()
        self.state.save_feeds(
            next_state(
                r.state, dataclasses.replace(r.outcome, new_entries=per_feed.get(r.spec.url, 0)), now, self.policy
            )
            for r in results
        )
        return stats

    def _enrich(self, articles: list[RawArticle]) -> None:
        """Full text for new articles of full_text feeds (only new ones: pages are fetched once)."""
        if not articles:
            return
        with ThreadPoolExecutor(max_workers=min(self.max_workers, len(articles))) as pool:
            texts = list(pool.map(self.fulltext.text, [a.url for a in articles]))
        for article, text in zip(articles, texts, strict=True):
            if text and len(text) > len(article.content_text):
                article.content_text = text

    def poll_isolated(self, feeds: list[FeedSpec], report: Callable[[PollStats], None]) -> PollStats | None:
        """One poll that cannot take its caller down: feeds and entries are isolated inside the
        poll, and anything else (the state database, say) is logged here."""
        try:
            stats = self.poll(feeds)
        except Exception as exc:
            log.error(
                "polling failed (%s: %s); trying again when feeds are due", type(exc).__name__, exc, exc_info=True
            )
            return None
        report(stats)
        return stats

    def poll_when_due(
        self,
        feeds: list[FeedSpec],
        stop: threading.Event,
        report: Callable[[PollStats], None],
        idle: Callable[[float], None] | None = None,
        heartbeat_s: float = 0.0,
    ) -> None:
        """Poll each feed when its schedule says so, until stop is set. Survives any failure of a
        poll. While nothing is due, calls idle(seconds to the next poll) every heartbeat_s (a quiet
        terminal looks like a hung one)."""
        last_said = time.monotonic()
        while not stop.is_set():
            try:
                due = self.due(feeds)
            except Exception as exc:
                log.error("reading the feed schedule failed (%s: %s)", type(exc).__name__, exc)
                due = []
            if due:
                last_said = time.monotonic()
                if self.poll_isolated(due, report) is None:
                    stop.wait(30.0)
                    continue
            try:
                due_in = self.next_due_in(feeds)
            except Exception:
                due_in = 30.0
            if idle is not None and heartbeat_s and time.monotonic() - last_said >= heartbeat_s:
                idle(due_in)
                last_said = time.monotonic()
            stop.wait(min(60.0, heartbeat_s or 60.0, max(0.2, due_in)))

    def close(self) -> None:
        self.http.close()
