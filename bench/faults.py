"""Fault soak: N random kill -9 faults (feed reader, Beam job or broker, each a real process) while
articles stream in; then counts what PostgreSQL and Parquet hold.

    .venv/bin/python bench/faults.py [--faults 20] [--per-step 25] [--seed 1]

Prints: articles published, stored (PostgreSQL), lost, duplicated, faults by kind, time.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fault_rig import Deployment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faults", type=int, default=20)
    parser.add_argument("--per-step", type=int, default=25, help="articles published before each fault")
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
            articles, quotes, urls = rig.stored()
            parquet_distinct, parquet_rows = rig.parquet_articles()
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
    for line in rig.log:
        print("  ", line)


if __name__ == "__main__":
    main()
