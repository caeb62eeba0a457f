"""A job under load, measured: the stack's processes' CPU and memory, the times each article
reached the output topic and PostgreSQL, and the corpus it is fed (bench/streaming.py, soak.py,
rebalance.py)."""

from __future__ import annotations

import os
import resource
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from pipeline.config import Settings
from pipeline.kafka.client import make_consumer, make_producer
from pipeline.schema import RawArticle

_CLK = os.sysconf("SC_CLK_TCK")
# One notification per statement (ids comma-separated, 100 per payload: the limit is 8,000 bytes),
# not one per row: a per-row trigger added 0.02-0.04 ms of server CPU per article to the
# measurement. Transition tables allow one event per trigger, hence two.
NOTIFY_SQL = """
CREATE FUNCTION bench_stored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bench_stored', string_agg(article_id, ','))
    FROM (SELECT article_id, (row_number() OVER ()) / 100 AS part FROM stored) ids GROUP BY part;
    RETURN NULL;
END $$;
CREATE TRIGGER bench_inserted AFTER INSERT ON articles REFERENCING NEW TABLE AS stored
    FOR EACH STATEMENT EXECUTE FUNCTION bench_stored();
CREATE TRIGGER bench_updated AFTER UPDATE ON articles REFERENCING NEW TABLE AS stored
    FOR EACH STATEMENT EXECUTE FUNCTION bench_stored();
"""


def listen_stored(pg_url: str, at: dict[str, float], ready: threading.Event, stop: threading.Event) -> None:
    """Until stop: when each article id was first reported stored by the trigger of NOTIFY_SQL."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("LISTEN bench_stored")
        ready.set()
        while not stop.is_set():
            for note in conn.notifies(timeout=0.2):
                now = time.monotonic()
                for aid in note.payload.split(","):
                    at.setdefault(aid, now)


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _CLK


def postgres_cpu_seconds() -> float:
    """Every PostgreSQL server process on the machine: the benchmark's backends and the server's
    own writers (the server is shared, but idle apart from this benchmark)."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if (proc / "comm").read_text().strip() == "postgres":
                    total += cpu_seconds(int(proc.name))
            except OSError:
                pass
    return total


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb(pids: list[int]) -> float:
    """The highest peak RSS (VmHWM) among the processes: each job process is bounded on its own."""
    peaks = [0]
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]))
        except OSError:
            pass
    return max(peaks) / 1024


@dataclass
class CpuMeter:
    """CPU-seconds of each process group between start() and stop()."""

    jobs: list[int]
    broker: int | None
    before: dict[str, float] = field(default_factory=dict)
    used: dict[str, float] = field(default_factory=dict)

    def _now(self) -> dict[str, float]:
        each = [cpu_seconds(p) for p in self.jobs]
        return {
            "jobs": sum(each),
            **{f"job{i}": c for i, c in enumerate(each)},
            "broker": cpu_seconds(self.broker) if self.broker else 0.0,
            "PostgreSQL": postgres_cpu_seconds(),
            "bench": own_cpu_seconds(),
        }

    def start(self) -> None:
        self.before = self._now()

    def stop(self) -> None:
        now = self._now()
        self.used = {k: now[k] - self.before[k] for k in now}


# A drain's output-topic watcher fetches and polls in rounds of 1 MB or 500 ms: with a fetch per
# record or two the bench used 0.02-0.03 cores during a drain, in rounds 0.01-0.02, and a time late
# by up to 0.5 s is noise next to a backlog's drain times. A rate's watcher fetches at once.
_DRAIN_FETCH = {"fetch_min_bytes": 1024 * 1024, "fetch_max_wait_ms": 500}


class Run:
    def __init__(
        self,
        settings: Settings,
        pg_url: str,
        texts: list[str],
        drain: bool = False,
        detected: dict[str, str] | None = None,
    ) -> None:
        """detected: each text's language, stamped on its records as the feed reader stamps what it
        detects (pipeline/feeds/articles.py); None leaves it out, as producers before detection did,
        and the job detects."""
        self.settings, self.pg_url, self.texts, self.drain = settings, pg_url, texts, drain
        self.detected = detected
        self.sent: dict[str, float] = {}
        self.on_topic: dict[str, float] = {}
        self.in_pg: dict[str, float] = {}
        self.stop = threading.Event()
        self.listening = threading.Event()

    def produce(self, rate: float | None, seconds: float, count: int | None = None) -> None:
        producer = make_producer(self.settings)
        start = time.monotonic()
        n = 0
        while (count is None and time.monotonic() - start < seconds) or (count is not None and n < count):
            if rate:
                due = start + n / rate
                if (delay := due - time.monotonic()) > 0:
                    time.sleep(delay)
            aid = uuid.uuid4().hex
            text = self.texts[n % len(self.texts)]
            article = RawArticle(
                article_id=aid, url=f"https://bench.example/{aid}", title=f"Bench {n}", content_text=text
            )
            if self.detected is not None:
                article.detected_language = self.detected[text]
            self.sent[aid] = time.monotonic()
            producer.send(self.settings.raw_topic, key=aid.encode(), value=article.SerializeToString())
            n += 1
        producer.flush()
        producer.close()

    def watch_topic(self) -> None:
        fetch = _DRAIN_FETCH if self.drain else {}
        consumer = make_consumer(self.settings, [self.settings.quotes_topic], None, auto_offset_reset="latest", **fetch)
        while not self.stop.is_set():
            for messages in consumer.poll(timeout_ms=fetch.get("fetch_max_wait_ms", 100)).values():
                now = time.monotonic()
                for m in messages:
                    self.on_topic.setdefault(m.key.decode(), now)  # the output topic is keyed by article id
        consumer.close()

    def watch_pg(self) -> None:
        listen_stored(self.pg_url, self.in_pg, self.listening, self.stop)

    def wait_done(self, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if len(self.in_pg) >= len(self.sent) and len(self.on_topic) >= len(self.sent):
                return True
            time.sleep(0.1)
        return False
