"""Streaming benchmark: articles produced to the raw topic, through `newsflow job` processes (real
processes, real broker, real PostgreSQL), to the output topic and PostgreSQL.

    .venv/bin/python bench/streaming.py [--rates 100,max] [--seconds 20] [--backlog 4000] [--jobs 2]
                                        [--repeat 3] [--corpus polnear]

A number rate produces at that rate for --seconds and reports produce-to-output-topic and
produce-to-PostgreSQL latency percentiles. "max" produces a backlog of --backlog articles as fast as
the client can and reports the sustained end-to-end rate (first produce to last PostgreSQL row).
Both report CPU-seconds per article of each process (job processes, broker, PostgreSQL server,
this bench) and the highest peak RSS of a job process. The extraction-only rate on the same corpus is measured in the
same run, three passes right before and three right after each streaming run (one core, language
detection + extraction, as bench/extract_speed.py), and "max" prints for each run end-to-end ÷
(that run's extraction rate × job processes), the share of the extraction-bound limit reached, and
the median of those shares (the machine's speed drifts over minutes; a share against a rate
measured at another time moved by 20%). Secondary: end-to-end ÷ (extraction rate × cores the job
processes used), the share of the jobs' own CPU that goes to extraction.
--repeat runs each rate that many times and prints the medians.

The measurement stays out of the way: the output topic is read by key (no decoding; during a
"max" drain in rounds of 1 MB or 500 ms, so its times there are late by up to 0.5 s), and rows
reaching PostgreSQL are reported by a trigger's NOTIFY at commit, installed in the benchmark's own
temporary database (no polling queries on the growing table).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from bench.extract_speed import measure  # noqa: E402
from bench.stack import log_events, log_sizes, stack, wait_balanced  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.kafka.client import make_consumer, make_producer  # noqa: E402
from pipeline.schema import RawArticle  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "eval" / "polnear-dev" / "text"
_CLK = os.sysconf("SC_CLK_TCK")
# One notification per statement (ids comma-separated, 100 per payload: the limit is 8,000 bytes),
# not one per row: a per-row trigger added 0.02-0.04 ms of server CPU per article to the
# measurement. Transition tables allow one event per trigger, hence two.
_NOTIFY_SQL = """
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
    """Until stop: when each article id was first reported stored by the trigger of _NOTIFY_SQL."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("LISTEN bench_stored")
        ready.set()
        while not stop.is_set():
            for note in conn.notifies(timeout=0.2):
                now = time.monotonic()
                for aid in note.payload.split(","):
                    at.setdefault(aid, now)


def corpus(name: str) -> list[str]:
    if name == "polnear" and POLNEAR.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    sys.path.insert(0, str(REPO / "bench"))
    from extract_speed import _example_texts

    return _example_texts()


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
    def __init__(self, settings: Settings, pg_url: str, texts: list[str], drain: bool = False) -> None:
        self.settings, self.pg_url, self.texts, self.drain = settings, pg_url, texts, drain
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


@dataclass
class Outcome:
    produced: int
    produce_rate: float
    end_to_end: float
    complete: bool
    topic_p: tuple[float, float, float]
    pg_p: tuple[float, float, float]
    cpu_ms: dict[str, float]  # CPU-milliseconds per article by process group
    job_cores: float
    rss_mb: float
    extraction_rate: float = 0.0  # extraction alone, articles/s per core, right before and after this run


def run_rate(rate: float | None, args: argparse.Namespace, texts: list[str]) -> Outcome:
    with stack(args.jobs) as services:
        with psycopg.connect(services.pg_url, autocommit=True) as conn:
            conn.execute(_NOTIFY_SQL)
        run = Run(services.settings, services.pg_url, texts, drain=rate is None)
        watchers = [threading.Thread(target=run.watch_topic, daemon=True), threading.Thread(target=run.watch_pg)]
        for w in watchers:
            w.start()
        run.listening.wait(30)
        # warm-up: the group join and the first pipeline launch are start-up, not steady state
        Run(services.settings, services.pg_url, texts).produce(20, 1.0)
        time.sleep(8)
        if not wait_balanced(services):  # a member joining late would rebalance mid-measurement
            print("warning: the job processes did not settle on a stable assignment", file=sys.stderr)
        meter = CpuMeter([j.pid for j in services.jobs], services.broker_pid)
        logged = log_sizes(services)
        meter.start()
        t0 = time.monotonic()
        run.produce(rate, args.seconds, None if rate else args.backlog)
        produced_in = time.monotonic() - t0
        complete = run.wait_done(timeout_s=600)
        end = max(run.in_pg.values(), default=t0)
        meter.stop()
        events = log_events(services, logged)
        for line in events[:10]:
            print(f"warning: during the measurement, {line}", file=sys.stderr)
        rss = peak_rss_mb([j.pid for j in services.jobs])
        run.stop.set()
        for w in watchers:
            w.join(timeout=5)
    n = len(run.sent)
    topic_lat = [run.on_topic[a] - run.sent[a] for a in run.sent if a in run.on_topic]
    pg_lat = [run.in_pg[a] - run.sent[a] for a in run.sent if a in run.in_pg]
    wall = max(end - t0, 1e-9)
    return Outcome(
        n,
        n / produced_in,
        n / wall,
        complete,
        (pct(topic_lat, 0.5), pct(topic_lat, 0.95), pct(topic_lat, 0.99)),
        (pct(pg_lat, 0.5), pct(pg_lat, 0.95), pct(pg_lat, 0.99)),
        {k: 1000 * v / max(n, 1) for k, v in meter.used.items()},
        meter.used["jobs"] / wall,
        rss,
    )


def _med(values: list[float]) -> float:
    return statistics.median(values)


def report(rate_spec: str, outcomes: list[Outcome], extraction_rate: float, jobs: int) -> None:
    runs = f" (median of {len(outcomes)})" if len(outcomes) > 1 else ""
    complete = "" if all(o.complete for o in outcomes) else " INCOMPLETE"
    e2e = _med([o.end_to_end for o in outcomes])
    print(
        f"rate {rate_spec:>4}{runs}: {_med([o.produced for o in outcomes]):.0f} articles produced at "
        f"{_med([o.produce_rate for o in outcomes]):.0f}/s; end to end {e2e:.0f} articles/s "
        f"(first produce to last PostgreSQL row){complete}"
    )
    for label, lat in (("to topic     ", [o.topic_p for o in outcomes]), ("to PostgreSQL", [o.pg_p for o in outcomes])):
        p50, p95, p99 = (_med([x[i] for x in lat]) for i in range(3))
        print(f"           {label} p50 {p50:.2f}s  p95 {p95:.2f}s  p99 {p99:.2f}s")
    cpu = "  ".join(
        f"{k} {_med([o.cpu_ms[k] for o in outcomes]):.1f}" for k in outcomes[0].cpu_ms if not k[-1].isdigit()
    )
    shares = "/".join(f"{_med([o.cpu_ms[k] for o in outcomes]):.1f}" for k in outcomes[0].cpu_ms if k[-1].isdigit())
    print(
        f"           CPU ms per article: {cpu} ({shares} by job);  job processes used "
        f"{_med([o.job_cores for o in outcomes]):.2f} cores; "
        f"peak RSS of a job process {_med([o.rss_mb for o in outcomes]):.0f} MB"
    )
    if rate_spec == "max":
        # each run against the extraction rate measured right before and after it: the machine's
        # speed drifts by 20% over minutes, so a limit measured at another time skews the share
        shares = [100 * o.end_to_end / (o.extraction_rate * jobs) for o in outcomes]
        pairs = zip(shares, outcomes, strict=True)
        print(
            f"           extraction-bound limit {extraction_rate:.0f}/s per core x {jobs} job processes = "
            f"{extraction_rate * jobs:.0f}/s; end to end reached {_med(shares):.0f}% of it, each run against the "
            f"extraction rate beside it (runs: "
            + ", ".join(f"{sh:.0f}% of {jobs} x {o.extraction_rate:.0f}/s" for sh, o in pairs)
            + ")"
        )
        # secondary: against the cores the job processes got, not the machine's, i.e. how much of
        # the jobs' own CPU the extractor gets (PostgreSQL, the broker and this bench use the rest)
        per_core = [100 * o.end_to_end / (o.extraction_rate * o.job_cores) for o in outcomes]
        print(
            f"           per core the job processes used: {_med(per_core):.0f}% (runs: "
            + ", ".join(f"{pc:.0f}%" for pc in per_core)
            + ")"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="100,max")
    parser.add_argument("--seconds", type=float, default=20.0, help="production time of a numbered rate")
    parser.add_argument("--backlog", type=int, default=4000, help="articles produced for 'max'")
    parser.add_argument("--jobs", type=int, default=2, help="job processes in the consumer group")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--corpus", choices=["polnear", "examples"], default="polnear")
    args = parser.parse_args()
    texts = corpus(args.corpus)
    # extraction alone before and after the streaming runs, the median of all passes: a few seconds
    # of passes on a noisy machine varied by 20% from one run of the bench to the next
    rates: list[float] = []
    outcomes_by_rate = []
    for rate_spec in args.rates.split(","):
        rate = None if rate_spec == "max" else float(rate_spec)
        outcomes = []
        for _ in range(args.repeat):
            beside = measure(texts, 3)[0]
            outcome = run_rate(rate, args, texts)
            beside += measure(texts, 3)[0]
            outcome.extraction_rate = statistics.median(beside)
            rates += beside
            outcomes.append(outcome)
        outcomes_by_rate.append((rate_spec, outcomes))
    extraction_rate = statistics.median(rates)
    print(
        f"corpus {args.corpus}: {len(texts)} texts, {statistics.mean(map(len, texts)):,.0f} chars on average; "
        f"{args.jobs} job process(es); {os.cpu_count()} cores; extraction alone {extraction_rate:.0f} articles/s "
        f"per core (median of {len(rates)} passes, three before and three after each streaming run: "
        f"{min(rates):.0f}-{max(rates):.0f})"
    )
    for rate_spec, outcomes in outcomes_by_rate:
        report(rate_spec, outcomes, extraction_rate, args.jobs)


if __name__ == "__main__":
    main()
