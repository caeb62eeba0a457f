"""Streaming benchmark: articles produced to the raw topic, through `newsflow job` processes (real
processes, real broker, real PostgreSQL), to the output topic and PostgreSQL.

    .venv/bin/python -m bench.streaming [--rates 100,max] [--seconds 20] [--backlog 4000] [--jobs 2]
                                        [--repeat 3] [--corpus polnear] [--detect-in-job]

A number rate produces at that rate for --seconds and reports produce-to-output-topic and
produce-to-PostgreSQL latency percentiles. "max" produces a backlog of --backlog articles as fast as
the client can and reports the sustained end-to-end rate (first produce to last PostgreSQL row).
Both report CPU-seconds per article of each process (job processes, broker, PostgreSQL server,
this bench) and the highest peak RSS of a job process. The records carry each text's language, detected
once by this bench before it produces, as newsflow's feed reader detects it before producing (the
reader's detection is not counted); --detect-in-job leaves it out, as producers before detection did,
and the job detects. The extraction-only rate on the same corpus is measured in the same run, three
passes right before and three right after each streaming run (one core, doing what the job does:
extraction, or detection + extraction with --detect-in-job, as bench/extract_speed.py), and "max"
prints for each run end-to-end ÷ (that run's extraction rate × job processes), the share of the
extraction-bound limit reached, and the median of those shares (the machine's speed drifts over
minutes; a share against a rate measured at another time moved by 20%). Secondary: end-to-end ÷
(extraction rate × cores the job processes used), the share of the jobs' own CPU that goes to
extraction.
--repeat runs each rate that many times and prints the medians.

The measurement stays out of the way: the output topic is read by key (no decoding; during a
"max" drain in rounds of 1 MB or 500 ms, so its times there are late by up to 0.5 s), and rows
reaching PostgreSQL are reported by a trigger's NOTIFY at commit, installed in the benchmark's own
temporary database (no polling queries on the growing table).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass

import psycopg

from bench.lib.corpora import corpus
from bench.lib.extraction import measure
from bench.lib.job_run import NOTIFY_SQL, CpuMeter, Run, pct, peak_rss_mb
from bench.lib.stack import log_events, log_sizes, stack, wait_balanced
from pipeline.extract.language import detect_language


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


def run_rate(
    rate: float | None,
    args: argparse.Namespace,
    texts: list[str],
    statements: bool = True,
    detected: dict[str, str] | None = None,
) -> Outcome:
    with stack(args.jobs, {"NEWSFLOW_STATEMENTS": "true" if statements else "false"}) as services:
        with psycopg.connect(services.pg_url, autocommit=True) as conn:
            conn.execute(NOTIFY_SQL)
        run = Run(services.settings, services.pg_url, texts, drain=rate is None, detected=detected)
        watchers = [threading.Thread(target=run.watch_topic, daemon=True), threading.Thread(target=run.watch_pg)]
        for w in watchers:
            w.start()
        run.listening.wait(30)
        # warm-up: the group join and the first pipeline launch are start-up, not steady state
        Run(services.settings, services.pg_url, texts, detected=detected).produce(20, 1.0)
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
        f"rate {rate_spec}{runs}: {_med([o.produced for o in outcomes]):.0f} articles produced at "
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
    if rate_spec.startswith("max"):
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
    parser.add_argument(
        "--statements",
        default="on",
        help="on, off, or on,off: each run with statements across outlets assigned or not (alternated)",
    )
    parser.add_argument(
        "--detect-in-job",
        action="store_true",
        help="produce records without a detected language, as producers before detection wrote them: the"
        " job detects it, and the extraction-bound limit includes detection (the measure of stops before 58)",
    )
    args = parser.parse_args()
    texts = corpus(args.corpus)
    # the feed reader detects each article's language before producing it (pipeline/feeds/articles.py),
    # so by default the records carry it and the job and the limit do not detect
    detected = None if args.detect_in_job else {t: detect_language(t) for t in set(texts)}
    # extraction alone before and after the streaming runs, the median of all passes: a few seconds
    # of passes on a noisy machine varied by 20% from one run of the bench to the next
    rates: list[float] = []
    outcomes_by_rate = []
    modes = args.statements.split(",")
    for rate_spec in args.rates.split(","):
        rate = None if rate_spec == "max" else float(rate_spec)
        outcomes: dict[str, list[Outcome]] = {m: [] for m in modes}
        for _ in range(args.repeat):
            for mode in modes:  # alternated within each repeat: the machine drifts over minutes
                beside = measure(texts, 3, detected=detected)[0]
                outcome = run_rate(rate, args, texts, statements=mode == "on", detected=detected)
                beside += measure(texts, 3, detected=detected)[0]
                outcome.extraction_rate = statistics.median(beside)
                rates += beside
                outcomes[mode].append(outcome)
        for mode in modes:
            label = rate_spec if len(modes) == 1 else f"{rate_spec}, statements {mode}"
            outcomes_by_rate.append((label, outcomes[mode]))
    extraction_rate = statistics.median(rates)
    print(
        f"corpus {args.corpus}: {len(texts)} texts, {statistics.mean(map(len, texts)):,.0f} chars on average; "
        f"{args.jobs} job process(es); {os.cpu_count()} cores; language detected by "
        f"{'the job' if detected is None else 'the producer, as the feed reader does'}; "
        f"extraction alone{' with detection' if detected is None else ''} {extraction_rate:.0f} articles/s "
        f"per core (median of {len(rates)} passes, three before and three after each streaming run: "
        f"{min(rates):.0f}-{max(rates):.0f})"
    )
    for rate_spec, outcomes in outcomes_by_rate:
        report(rate_spec, outcomes, extraction_rate, args.jobs)


if __name__ == "__main__":
    main()
