"""Consumer-group behaviour of `newsflow job` under load: members joining and leaving, and a long
PostgreSQL outage. Real processes, the embedded broker, PostgreSQL.

    .venv/bin/python -m bench.rebalance [--events 10] [--rate 100] [--outage 60] [--partitions 6] [--spacing 16]

churn: two members consume articles produced at --rate (round robin over the partitions); every
--spacing seconds (16) a member joins or leaves (SIGTERM; every fourth leave is a kill -9), --events
times. Reports articles lost (produced, never stored), and per event the rebalance pause: the
longest time any partition went without a row reaching PostgreSQL in the 15 s after the event (the
spacing keeps one event's window clear of the next), beside the same figure for the quiet 15 s
before the first event; then joins and leaves apart from kills (a kill -9 is noticed only after the
session timeout).

outage: two members; PostgreSQL's link is cut for --outage seconds (a TCP proxy between the jobs
and the server) while articles keep coming. Reports rebalances in that time (partitions revoked,
from the members' logs), articles lost, and how long the backlog took to drain once it was back.
Rows reaching PostgreSQL are reported by a trigger's NOTIFY at commit (as bench/streaming.py).
"""

from __future__ import annotations

import argparse
import signal
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg

from bench.lib.corpora import corpus
from bench.lib.group_rig import Group, unique_settings
from bench.lib.job_run import NOTIFY_SQL, listen_stored
from bench.lib.stack import temp_database
from bench.lib.tcp_proxy import Proxy
from pipeline.config import Settings
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.client import make_producer
from pipeline.kafka.topics import ensure_topics
from pipeline.schema import RawArticle


class Arrivals:
    """article id -> monotonic time it reached PostgreSQL."""

    def __init__(self, pg_url: str) -> None:
        self.at: dict[str, float] = {}
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._listen, args=(pg_url,), daemon=True)
        self.thread.start()
        self.ready.wait(30)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)

    def _listen(self, pg_url: str) -> None:
        listen_stored(pg_url, self.at, self.ready, self.stop)


class Producer:
    """Round robin over the partitions at a fixed rate; remembers each article's partition and time."""

    def __init__(self, settings: Settings, rate: float, text: str) -> None:
        self.settings, self.rate, self.text = settings, rate, text
        self.sent: dict[str, tuple[int, float]] = {}
        self.failed: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        producer = make_producer(self.settings)
        start, n = time.monotonic(), 0
        while not self.stop.is_set():
            if (delay := start + n / self.rate - time.monotonic()) > 0:
                time.sleep(delay)
            aid = uuid.uuid4().hex
            partition = n % self.settings.topic_partitions
            article = RawArticle(article_id=aid, url=f"https://rebalance.example/{aid}", content_text=self.text)
            at = time.monotonic()
            future = producer.send(
                self.settings.raw_topic, key=aid.encode(), value=article.SerializeToString(), partition=partition
            )
            # only what the broker acknowledged counts as sent
            future.add_callback(lambda _, aid=aid, p=partition, at=at: self.sent.__setitem__(aid, (p, at)))
            future.add_errback(lambda exc: self.failed.append(repr(exc)))
            n += 1
        producer.flush()
        producer.close()

    def finish(self) -> None:
        self.stop.set()
        self.thread.join()


def longest_stall(sent: dict[str, tuple[int, float]], stored: dict[str, float], lo: float, hi: float) -> float:
    """The longest time in [lo, hi] that a partition holding a produced, not yet stored article
    went without a row reaching PostgreSQL."""
    worst = 0.0
    for partition in {p for p, _ in sent.values()}:
        events = sorted(
            stored[a] for a, (p, _) in sent.items() if p == partition and a in stored and lo <= stored[a] <= hi
        )
        pending = [
            t for a, (p, t) in sent.items() if p == partition and t <= hi and (a not in stored or stored[a] > lo)
        ]
        if not pending:
            continue
        last = max(lo, min(pending))
        for t in events + [hi]:
            worst = max(worst, t - last)
            last = max(last, t)
    return worst


def _settings(broker: EmbeddedBroker, workdir: Path, partitions: int) -> Settings:
    settings = unique_settings(broker.bootstrap_servers, workdir / "var", topic_partitions=partitions)
    ensure_topics(settings)
    return settings


def churn(args: argparse.Namespace, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, EmbeddedBroker() as broker, temp_database() as pg_url:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(NOTIFY_SQL)
        settings = _settings(broker, Path(tmp), args.partitions)
        group = Group(settings, pg_url, Path(tmp) / "group")
        arrivals = Arrivals(pg_url)
        group.add_job()
        group.add_job()
        time.sleep(10)  # both joined
        producer = Producer(settings, args.rate, text)
        time.sleep(15)
        quiet = (time.monotonic() - 15, time.monotonic())
        events: list[tuple[str, float]] = []
        leaves = 0
        for k in range(args.events):
            members = group.running()
            if len(members) <= 1 or (len(members) < 4 and k % 2 == 0):
                group.add_job()
                events.append(("join", time.monotonic()))
            else:
                leaves += 1
                kill = leaves % 4 == 0
                group.stop_job(members[0], signal.SIGKILL if kill else signal.SIGTERM)
                events.append(("kill -9" if kill else "leave", time.monotonic()))
            time.sleep(args.spacing)
        time.sleep(10)
        producer.finish()
        deadline = time.monotonic() + 180
        while not set(producer.sent) <= set(arrivals.at) and time.monotonic() < deadline:
            time.sleep(0.5)
        group.stop()
        arrivals.close()
        stored = dict(arrivals.at)
        if args.keep_logs:
            keep_logs(group, args.keep_logs)
            offset = time.time() - time.monotonic()
            when = [time.strftime("%H:%M:%S", time.localtime(t + offset)) for _, t in events]
            lines = (f"{w} {k}\n" for w, (k, _) in zip(when, events, strict=True))
            (args.keep_logs / "events.txt").write_text("".join(lines))
    lost = len(set(producer.sent) - set(stored))
    pauses = [longest_stall(producer.sent, stored, t, t + 15) for _, t in events]
    base = longest_stall(producer.sent, stored, *quiet)
    latencies = sorted(stored[a] - t for a, (_, t) in producer.sent.items() if a in stored)
    print(
        f"churn: {len(producer.sent)} articles at {args.rate:.0f}/s over {args.partitions} partitions, "
        f"{len(events)} events ({', '.join(k for k, _ in events)}); lost {lost}; sends refused {len(producer.failed)}"
    )
    print(
        f"  rebalance pause (longest stall of a partition in the 15 s after an event): "
        f"p50 {statistics.median(pauses):.2f}s  p99 {sorted(pauses)[int(0.99 * (len(pauses) - 1))]:.2f}s  "
        f"max {max(pauses):.2f}s; quiet 15 s before: {base:.2f}s"
    )
    print(f"  per event: {', '.join(f'{k} {p:.1f}s' for (k, _), p in zip(events, pauses, strict=True))}")
    clean = sorted(p for (k, _), p in zip(events, pauses, strict=True) if k != "kill -9")
    if clean:
        print(
            f"  joins and leaves only ({len(clean)}): p50 {statistics.median(clean):.2f}s  "
            f"p99 {clean[int(0.99 * (len(clean) - 1))]:.2f}s  max {clean[-1]:.2f}s"
        )
    print(
        f"  produce -> PostgreSQL over the run: p50 {latencies[len(latencies) // 2]:.2f}s  "
        f"p99 {latencies[int(0.99 * (len(latencies) - 1))]:.2f}s"
    )


def keep_logs(group: Group, directory: Path) -> None:
    """The members' logs, for reading what a pause was made of."""
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(len(group.jobs)):
        (directory / f"job{i}.log").write_text(group.log(i))


def outage(args: argparse.Namespace, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, EmbeddedBroker() as broker, temp_database() as pg_url:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(NOTIFY_SQL)
        info = psycopg.conninfo.conninfo_to_dict(pg_url)
        proxy = Proxy(str(info.get("host", "127.0.0.1")), int(info.get("port", 5432)))
        proxied = psycopg.conninfo.make_conninfo(pg_url, host="127.0.0.1", port=proxy.port)
        settings = _settings(broker, Path(tmp), args.partitions)
        group = Group(settings, proxied, Path(tmp) / "group")
        arrivals = Arrivals(pg_url)
        group.add_job()
        group.add_job()
        time.sleep(10)
        producer = Producer(settings, args.rate, text)
        time.sleep(10)
        marks = [len(group.log(i)) for i in range(2)]
        proxy.cut()
        cut_at = time.monotonic()
        time.sleep(args.outage)
        proxy.restore()
        restored_at = time.monotonic()
        during = [group.log(i)[marks[i] :] for i in range(2)]
        time.sleep(10)
        producer.finish()
        deadline = time.monotonic() + 300
        while not set(producer.sent) <= set(arrivals.at) and time.monotonic() < deadline:
            time.sleep(0.5)
        drained_at = max(arrivals.at.values(), default=restored_at)
        alive = group.running()
        group.stop()
        arrivals.close()
        proxy.close()
    lost = len(set(producer.sent) - set(arrivals.at))
    revoked = sum(text.count("partition(s) revoked") for text in during)
    backlog = sum(1 for a, (_, t) in producer.sent.items() if cut_at <= t <= restored_at)
    print(
        f"outage: PostgreSQL unreachable for {args.outage:.0f}s under {args.rate:.0f} articles/s with 2 members: "
        f"rebalances (partitions revoked) during it {revoked}; members alive after {len(alive)}/2; lost {lost}; "
        f"{backlog} articles queued meanwhile, all stored {drained_at - restored_at:.1f}s after it ended"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--outage", type=float, default=60.0)
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument(
        "--spacing", type=float, default=16.0, help="seconds between churn events (more than the 15 s measured)"
    )
    parser.add_argument("--only", choices=("churn", "outage"))
    parser.add_argument("--keep-logs", type=Path, help="copy the members' logs (churn) into this directory")
    args = parser.parse_args()
    text = corpus("polnear")[0]
    if args.only != "outage":
        churn(args, text)
    if args.only != "churn":
        outage(args, text)


if __name__ == "__main__":
    main()
