"""Soak: a steady rate for a long time through `newsflow job` (real processes, broker, PostgreSQL),
sampling the job's resident memory, to show it stays flat.

    .venv/bin/python -m bench.soak [--minutes 10] [--rate 50] [--corpus polnear]
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

from bench.lib.corpora import corpus
from bench.lib.job_run import Run, pct
from bench.lib.stack import stack


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--corpus", choices=["polnear", "examples"], default="polnear")
    args = parser.parse_args()
    texts = corpus(args.corpus)
    with stack(1) as services:
        job = services.jobs[0]
        run = Run(services.settings, services.pg_url, texts)
        for target in (run.watch_topic, run.watch_pg):
            threading.Thread(target=target, daemon=True).start()
        seconds = args.minutes * 60
        producer = threading.Thread(target=run.produce, args=(args.rate, seconds), daemon=True)
        start = time.monotonic()
        producer.start()
        samples: list[tuple[float, float]] = []
        while producer.is_alive():
            samples.append((time.monotonic() - start, rss_mb(job.pid)))
            print(
                f"t={samples[-1][0]:5.0f}s  job RSS {samples[-1][1]:6.1f} MB  produced {len(run.sent)}  "
                f"stored {len(run.in_pg)}",
                flush=True,
            )
            producer.join(timeout=30)
        run.wait_done(timeout_s=120)
        run.stop.set()
    lat = [run.in_pg[a] - run.sent[a] for a in run.sent if a in run.in_pg]
    steady = [m for t, m in samples if t >= 60] or [m for _, m in samples]
    print(
        f"soak {args.minutes:.0f} min at {args.rate:.0f}/s: {len(run.sent)} produced, {len(run.in_pg)} stored; "
        f"latency to PostgreSQL p50 {pct(lat, 0.5):.2f}s p99 {pct(lat, 0.99):.2f}s"
    )
    print(
        f"job RSS after the first minute: min {min(steady):.0f} MB, max {max(steady):.0f} MB, last {steady[-1]:.0f} MB"
    )


if __name__ == "__main__":
    main()
