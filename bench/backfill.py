"""Backfill throughput: an archive of feed documents holding N unique articles, replayed end to end
(archive -> parse -> Beam on FnApiRunner with 2 workers -> Parquet + PostgreSQL).

    .venv/bin/python -m bench.backfill [--articles 100000] [--per-feed 50] [--workers 2] [--chunk 5000] [--portable]

--portable runs the portable pipeline (MatchAll -> ReadMatches -> … on FnApiRunner's multi-process
mode) instead of the local mode (documents parsed here, chunks run in worker processes); peak RSS
is reported for this process and its children.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg

from bench.lib.feed_corpus import rss, texts
from bench.lib.stack import temp_database
from pipeline.beam import backfill
from pipeline.beam.batch import SinkConfig
from pipeline.feeds.archive import Archive

PG_BASE = os.environ.get("NEWSFLOW_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--per-feed", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--portable", action="store_true", help="the portable pipeline instead of the local mode")
    parser.add_argument("--body-chars", type=int, default=1500, help="article body length (feeds carry excerpts)")
    args = parser.parse_args()
    bodies = [t[: args.body_chars] for t in texts()]
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "archive")
        t0 = time.monotonic()
        start = datetime(2026, 1, 1, tzinfo=timezone.utc)
        docs = args.articles // args.per_feed
        for n in range(docs):
            archive.store(
                rss(n, args.per_feed, bodies),
                f"https://site{n}.example/rss",
                start + timedelta(minutes=n),
                200,
                "application/rss+xml",
            )
        size = sum(p.stat().st_size for p in (Path(tmp) / "archive" / "objects").rglob("*.gz"))
        print(
            f"archive: {docs} documents, {docs * args.per_feed} articles, {size / 1e6:.0f} MB gzip, "
            f"written in {time.monotonic() - t0:.0f}s"
        )
        with temp_database("newsflow_backfill") as pg_url:
            sinks = SinkConfig("", "", {}, Path(tmp) / "var" / "parquet", pg_url)
            summary = backfill.run(
                [
                    str(Path(tmp) / "archive"),
                    "--workers",
                    str(args.workers),
                    "--chunk",
                    str(args.chunk),
                    *(["--portable"] if args.portable else []),
                ],
                sinks,
                Path(tmp) / "var",
            )
            print(summary.line())
            with psycopg.connect(pg_url) as conn:
                row = conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)").fetchone()
            print(f"PostgreSQL: {row[0]} articles, {row[1]} quotes" if row else "PostgreSQL: ?")
        own, children = (
            resource.getrusage(w).ru_maxrss / 1024 for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        print(f"peak RSS: this process {own:.0f} MB, largest child process {children:.0f} MB")


if __name__ == "__main__":
    main()
