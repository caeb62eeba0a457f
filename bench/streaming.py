"""Streaming benchmark: articles produced to the raw topic at fixed rates, through `newsflow job`
processes (real processes, real broker, real PostgreSQL), to the output topic and PostgreSQL.

    .venv/bin/python bench/streaming.py [--rates 100,300,max] [--seconds 20] [--jobs 1] [--corpus polnear]

Prints per rate: achieved throughput, produce-to-output-topic and produce-to-PostgreSQL latency
percentiles, and the job processes' peak RSS. "max" produces as fast as the client can for the
duration and reports the sustained end-to-end rate (first produce to last row in PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from bench.stack import stack  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.kafka.client import make_consumer, make_producer  # noqa: E402
from pipeline.schema import ArticleAnalysis, RawArticle  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "eval" / "polnear-dev" / "text"


def corpus(name: str) -> list[str]:
    if name == "polnear" and POLNEAR.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    sys.path.insert(0, str(REPO / "bench"))
    from extract_speed import _example_texts

    return _example_texts()


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


class Run:
    def __init__(self, settings: Settings, pg_url: str, texts: list[str]) -> None:
        self.settings, self.pg_url, self.texts = settings, pg_url, texts
        self.sent: dict[str, float] = {}
        self.on_topic: dict[str, float] = {}
        self.in_pg: dict[str, float] = {}
        self.stop = threading.Event()

    def produce(self, rate: float | None, seconds: float) -> None:
        producer = make_producer(self.settings)
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < seconds:
            if rate:
                due = start + n / rate
                if (delay := due - time.monotonic()) > 0:
                    time.sleep(delay)
            aid = uuid.uuid4().hex
            text = self.texts[n % len(self.texts)]
            article = RawArticle(
                article_id=aid, url=f"https://bench.example/{aid}", title=f"Bench {n}", content_text=text
            )
            self.sent[aid] = time.monotonic()
            producer.send(self.settings.raw_topic, key=aid.encode(), value=article.SerializeToString())
            n += 1
        producer.flush()
        producer.close()

    def watch_topic(self) -> None:
        consumer = make_consumer(self.settings, [self.settings.quotes_topic], None, auto_offset_reset="latest")
        while not self.stop.is_set():
            for messages in consumer.poll(timeout_ms=100).values():
                now = time.monotonic()
                for m in messages:
                    self.on_topic.setdefault(ArticleAnalysis.FromString(m.value).article_id, now)
        consumer.close()

    def watch_pg(self) -> None:
        with psycopg.connect(self.pg_url, autocommit=True) as conn:
            while not self.stop.is_set():
                pending = [a for a in list(self.sent) if a not in self.in_pg]
                if pending:
                    now = time.monotonic()
                    for (aid,) in conn.execute(
                        "SELECT article_id FROM articles WHERE article_id = ANY(%s)", (pending,)
                    ):
                        self.in_pg[aid] = now
                time.sleep(0.05)

    def wait_done(self, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if len(self.in_pg) >= len(self.sent) and len(self.on_topic) >= len(self.sent):
                return True
            time.sleep(0.1)
        return False


def peak_rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="100,300,max")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--jobs", type=int, default=1, help="job processes in the consumer group")
    parser.add_argument("--corpus", choices=["polnear", "examples"], default="polnear")
    args = parser.parse_args()
    texts = corpus(args.corpus)
    print(
        f"corpus {args.corpus}: {len(texts)} texts, {statistics.mean(map(len, texts)):,.0f} chars on average; "
        f"{args.jobs} job process(es); {os.cpu_count()} cores"
    )
    for rate_spec in args.rates.split(","):
        rate = None if rate_spec == "max" else float(rate_spec)
        with stack(args.jobs) as services:
            run = Run(services.settings, services.pg_url, texts)
            watchers = [
                threading.Thread(target=run.watch_topic, daemon=True),
                threading.Thread(target=run.watch_pg, daemon=True),
            ]
            for w in watchers:
                w.start()
            # warm-up: the group join and the first pipeline launch are start-up, not steady state
            Run(services.settings, services.pg_url, texts).produce(20, 1.0)
            time.sleep(8)
            t0 = time.monotonic()
            run.produce(rate, args.seconds)
            produced_in = time.monotonic() - t0
            complete = run.wait_done(timeout_s=300)
            end = max(run.in_pg.values(), default=t0)
            rss = peak_rss_mb([j.pid for j in services.jobs])
            run.stop.set()
        n = len(run.sent)
        topic_lat = [run.on_topic[a] - run.sent[a] for a in run.sent if a in run.on_topic]
        pg_lat = [run.in_pg[a] - run.sent[a] for a in run.sent if a in run.in_pg]
        print(
            f"rate {rate_spec:>4}: {n} articles produced in {produced_in:.1f}s ({n / produced_in:.0f}/s); "
            f"end to end {n / (end - t0):.0f} articles/s (first produce to last PostgreSQL row)"
            f"{'' if complete else ' INCOMPLETE'}"
        )
        print(
            f"           to topic      p50 {pct(topic_lat, 0.5):.2f}s  p95 {pct(topic_lat, 0.95):.2f}s  "
            f"p99 {pct(topic_lat, 0.99):.2f}s"
        )
        print(
            f"           to PostgreSQL p50 {pct(pg_lat, 0.5):.2f}s  p95 {pct(pg_lat, 0.95):.2f}s  "
            f"p99 {pct(pg_lat, 0.99):.2f}s;  job peak RSS {rss:.0f} MB"
        )


if __name__ == "__main__":
    main()
