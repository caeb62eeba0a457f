"""Fault soak: N random kill -9 faults (feed reader, Beam job or broker, each a real process) while
articles stream in; then counts what PostgreSQL and Parquet hold. Then `newsflow run` on the
embedded broker (topics in memory) killed with kill -9 M times while its feed rotates items out.

    .venv/bin/python -m bench.faults [--faults 20] [--per-step 25] [--run-kills 10] [--seed 1]

Prints: articles published, stored (PostgreSQL), lost, duplicated, faults by kind, time; the
statements' appearances against the quotes, and the statements against a clean run's.
"""

from __future__ import annotations

import argparse
import collections
import random
import tempfile
import time
from pathlib import Path

from bench.lib.fault_rig import Deployment, EmbeddedRun, count_stored
from bench.lib.stack import temp_database
from bench.lib.statement_check import check as check_statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faults", type=int, default=20)
    parser.add_argument("--per-step", type=int, default=25, help="articles published before each fault")
    parser.add_argument("--run-kills", type=int, default=10, help="kill -9 of newsflow run on the embedded broker")
    parser.add_argument("--window", type=int, default=50, help="items the rotating feed lists")
    parser.add_argument("--drain-s", type=float, default=300, help="how long the last run may take to store all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep logs and data here instead of a temporary directory")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        rig = Deployment(args.workdir or Path(tmp), batch_max_records=20)
        rig.start()
        kinds: collections.Counter[str] = collections.Counter()
        try:
            for step in range(1, args.faults + 1):
                rig.write_feed(step * args.per_step)
                time.sleep(rng.uniform(0.0, 1.5))  # the fault lands at a random point of the flow
                kinds[rig.inject(rng)] += 1
            waited = rig.wait_until_stored(timeout_s=600)
            rig.wait_until_idle()  # every sink of every batch is done before the counts below
            articles, quotes, urls = rig.stored()
            parquet_distinct, parquet_rows = rig.parquet_articles()
            statements = check_statements(rig.pg_url)
        finally:
            rig.stop()
    published = rig.published
    print(
        f"{args.faults} kill -9 faults ({dict(kinds)}), {published} articles published, "
        f"{time.monotonic() - started:.0f}s in all ({waited:.0f}s to drain after the last fault)"
    )
    print(
        f"PostgreSQL: {articles} articles, {quotes} quotes, {urls} distinct URLs -> "
        f"lost {published - urls}, duplicated {articles - urls} articles / {quotes - urls} quotes"
    )
    print(
        f"Parquet: {parquet_distinct} distinct articles after dedupe-on-read "
        f"({parquet_rows} rows written, {parquet_rows - parquet_distinct} replayed copies)"
    )
    print(statements)
    for line in rig.log:
        print("  ", line)
    if args.run_kills:
        embedded_runs(args.run_kills, args.per_step, args.window, rng, args.workdir, args.drain_s)


def embedded_runs(
    kills: int, per_step: int, window: int, rng: random.Random, workdir: Path | None, drain_s: float
) -> None:
    """kill -9 of `newsflow run` at a random point after it fetched a new step of items; by each
    restart the feed has moved on by a whole window, so what was fetched before the kill and not
    yet stored is reachable from the archive alone."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, temp_database("newsflow_faults") as pg_url:
        run = EmbeddedRun((workdir or Path(tmp)) / "embedded", pg_url)
        try:
            total = per_step
            run.write_feed(total, window)
            run.start()
            polls = 0
            for _ in range(kills):
                polls = run.wait_for_poll(polls + 1, timeout_s=120)  # the run is up and has read the feed
                total += per_step
                run.write_feed(total, window)
                polls = run.wait_for_poll(polls + 1, timeout_s=120, new=True)  # fetched and acknowledged
                time.sleep(rng.uniform(0.0, 2.0))  # the kill lands at a random point of the processing
                run.kill()
                total += window  # the feed moves on by a whole window while nothing runs
                run.write_feed(total, window)
                run.start()
                polls = 0
            try:
                waited = run.wait_until_stored(timeout_s=drain_s)
            except TimeoutError:  # articles were lost: count them
                waited = drain_s
            articles, quotes, urls = count_stored(pg_url)
            replays = run.said("recovery: ")
        finally:
            run.stop()
    print(
        f"{kills} kill -9 of newsflow run (embedded broker, feed of the newest {window} items), "
        f"{run.published} articles published, {time.monotonic() - started:.0f}s ({waited:.0f}s to drain)"
    )
    print(
        f"PostgreSQL: {articles} articles, {quotes} quotes, {urls} distinct URLs -> lost {run.published - urls}, "
        f"duplicated {articles - urls}; {replays} restarts replayed from the archive"
    )


if __name__ == "__main__":
    main()
