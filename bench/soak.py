"""Soak: a steady rate for a long time through `newsflow job` (real processes, broker, PostgreSQL),
sampling the job's resident memory, to show it stays flat.

    .venv/bin/python bench/soak.py [--minutes 10] [--rate 50] [--corpus polnear]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402

from bench.streaming import PG_BASE, REPO, Run, corpus, pct  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.kafka.broker import EmbeddedBroker  # noqa: E402
from pipeline.kafka.topics import ensure_topics  # noqa: E402
from pipeline.sinks.migrate import migrate  # noqa: E402


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
    with tempfile.TemporaryDirectory() as tmp, EmbeddedBroker(log_file=Path(tmp) / "broker.log") as broker:
        db = f"newsflow_soak_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_BASE, autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db)))
        pg_url = psycopg.conninfo.make_conninfo(PG_BASE, dbname=db)
        with psycopg.connect(pg_url) as conn:
            migrate(conn)
        settings = Settings(bootstrap_servers=broker.bootstrap_servers, data_dir=Path(tmp) / "var")
        ensure_topics(settings)
        env = {
            **os.environ,
            "NEWSFLOW_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
            "NEWSFLOW_POSTGRES_URL": pg_url,
            "NEWSFLOW_DATA_DIR": str(Path(tmp) / "var"),
        }
        job = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "job"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(tmp) / "job.log", "wb"),
        )
        run = Run(settings, pg_url, texts)
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
        job.terminate()
        job.wait(timeout=30)
        with psycopg.connect(PG_BASE, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(db)))
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
