"""What the Pipeline page shows: consumer lag, the job's last batch, dead letters by stage and
reason, and feeds that fail. Read from the broker, the job's status file, the feed reader's state
and the Parquet dead letters of the data directory; nothing is written anywhere."""

from __future__ import annotations

import collections
import logging
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kafka import KafkaConsumer

from pipeline.config import Settings
from pipeline.kafka.client import make_consumer
from pipeline.kafka.lag import caught_up, partitions_of
from pipeline.ops.deadletters import excerpt, from_parquet, source
from pipeline.ops.metrics import JobStatus, read_status
from pipeline.ops.status import Lag, group_lag
from pipeline.runtime import discover_bootstrap
from pipeline.schema import DeadLetter

log = logging.getLogger(__name__)
_NUMBERS = re.compile(r"\d+")
_MAX_REASONS = 2000  # distinct (stage, reason) groups kept; the rest count under their stage only


def reason_group(reason: str) -> str:
    """Reasons that differ only in their numbers (offsets, sizes, statuses, line numbers) are one."""
    return _NUMBERS.sub("N", reason.strip())[:120]


@dataclass(frozen=True)
class Letter:
    failed_at: datetime | None
    stage: str
    reason: str
    source: str
    raw_start: str


def _failed_at(letter: Letter) -> datetime:
    return letter.failed_at or datetime.min.replace(tzinfo=timezone.utc)


@dataclass
class Tally:
    """Dead letters counted by stage and by reason, and the latest ones, from every source read."""

    by_stage: collections.Counter[str] = field(default_factory=collections.Counter)
    by_reason: collections.Counter[tuple[str, str]] = field(default_factory=collections.Counter)
    latest: collections.deque[Letter] = field(default_factory=lambda: collections.deque(maxlen=25))

    def add(self, dl: DeadLetter) -> None:
        self.by_stage[dl.stage] += 1
        key = (dl.stage, reason_group(dl.reason))
        if key in self.by_reason or len(self.by_reason) < _MAX_REASONS:
            self.by_reason[key] += 1
        when = dl.failed_at.ToDatetime(tzinfo=timezone.utc) if dl.HasField("failed_at") else None
        self.latest.append(Letter(when, dl.stage, dl.reason[:300], source(dl), excerpt(dl.raw, 80)))

    def merged(self, other: Tally) -> Tally:
        out = Tally(self.by_stage + other.by_stage, self.by_reason + other.by_reason)
        out.latest.extend(sorted([*self.latest, *other.latest], key=_failed_at))
        return out


class TopicTally:
    """The dead-letter topic, read once from the beginning and then only what is new on each
    refresh (one consumer without a group: it commits nothing)."""

    def __init__(self) -> None:
        self.tally = Tally()
        self.consumer: KafkaConsumer | None = None
        self.lock = threading.Lock()

    def refresh(self, settings: Settings, budget_s: float = 2.0) -> Tally:
        with self.lock:
            if self.consumer is None:
                parts = partitions_of(settings, settings.deadletter_topic)
                if not parts:
                    return self.tally
                self.consumer = make_consumer(settings, [], None)
                self.consumer.assign(parts)
                self.consumer.seek_to_beginning(*parts)
            deadline = time.monotonic() + budget_s
            while time.monotonic() < deadline:
                polled = self.consumer.poll(timeout_ms=200)
                for messages in polled.values():
                    for m in messages:
                        dl = DeadLetter()
                        try:
                            dl.ParseFromString(m.value)
                        except Exception:  # garbage on the topic is itself worth a line
                            dl = DeadLetter(stage="?", reason="undecodable record on the topic", raw=m.value)
                        self.tally.add(dl)
                if not polled and caught_up(self.consumer):
                    break
            return self.tally

    def close(self) -> None:
        with self.lock:
            if self.consumer is not None:
                self.consumer.close()
                self.consumer = None


@dataclass(frozen=True)
class FailingFeed:
    url: str
    errors: int
    last_status: int
    next_poll_at: datetime | None


def failing_feeds(data_dir: Path, limit: int = 50) -> list[FailingFeed]:
    """Feeds whose last polls failed, from the reader's state (opened read-only)."""
    out: list[FailingFeed] = []
    for path in sorted(data_dir.glob("feeds*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)[:1]:
        try:
            with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2) as db:
                rows = db.execute(
                    "SELECT url, errors, last_status, next_poll_at FROM feeds WHERE errors > 0 "
                    "ORDER BY errors DESC, url LIMIT ?",
                    (limit,),
                ).fetchall()
        except sqlite3.Error as exc:
            log.warning("feed state %s unreadable: %s", path, exc)
            continue
        out += [
            FailingFeed(url, errors, status, datetime.fromtimestamp(at, timezone.utc) if at else None)
            for url, errors, status, at in rows
        ]
    return out


@dataclass(frozen=True)
class Health:
    broker: str
    lag: Lag | None
    lag_error: str
    job: JobStatus | None
    dead: Tally
    dead_sources: str
    feeds: list[FailingFeed]
    read_at: datetime


class HealthReader:
    """The page's data, read at most every `max_age_s` (a page refresh per client does not become a
    broker round trip per client)."""

    def __init__(self, settings: Settings, max_age_s: float = 5.0) -> None:
        self.settings = settings
        self.max_age_s = max_age_s
        self.topic = TopicTally()
        self.cached: Health | None = None
        self.read_monotonic = 0.0
        self.lock = threading.Lock()

    def read(self) -> Health:
        with self.lock:
            if self.cached is None or time.monotonic() - self.read_monotonic > self.max_age_s:
                self.cached = self._read()
                self.read_monotonic = time.monotonic()
            return self.cached

    def _read(self) -> Health:
        settings = self.settings
        servers = discover_bootstrap(settings) or ""
        lag, lag_error, tally = None, "", Tally()
        stored = Tally()
        for dl in from_parquet(settings.parquet_dir):
            stored.add(dl)
        sources = [f"{sum(stored.by_stage.values())} in {settings.parquet_dir}/dead_letters"]
        if servers:
            live = settings.model_copy(update={"bootstrap_servers": servers})
            try:
                lag = group_lag(live)
                tally = self.topic.refresh(live)
                sources.insert(0, f"{sum(tally.by_stage.values())} on {live.deadletter_topic}")
            except Exception as exc:  # a broker that is down is what this page is for: say so
                lag_error = f"{type(exc).__name__}: {exc}"
        else:
            lag_error = "no broker: pass --bootstrap-servers, or run `newsflow run` on this --data-dir"
        return Health(
            servers,
            lag,
            lag_error,
            read_status(settings.status_file),
            tally.merged(stored),
            ", ".join(sources),
            failing_feeds(settings.data_dir),
            datetime.now(timezone.utc),
        )

    def close(self) -> None:
        self.topic.close()
