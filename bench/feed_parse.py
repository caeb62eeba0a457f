"""Parse + normalise throughput of the feed reader on one core, against plain feedparser.

.venv/bin/python -m bench.feed_parse [--feeds 40] [--entries 50]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime, timezone

import feedparser

from bench.lib.feed_corpus import atom, rss, texts
from pipeline.feeds.normalise import normalise_entry
from pipeline.feeds.parse import parse_feed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    bodies = texts()
    docs = [rss(i, args.entries, bodies) if i % 2 else atom(i, args.entries, bodies) for i in range(args.feeds)]
    size = sum(map(len, docs))
    now = datetime.now(timezone.utc)

    def plain() -> int:
        return sum(len(feedparser.parse(d).entries) for d in docs)

    def ours() -> int:
        n = 0
        for d in docs:
            parsed = parse_feed(d, "https://bench.example/feed")
            for e in parsed.entries:
                normalise_entry(e, "https://bench.example/feed", parsed.title, parsed.language, now)
                n += 1
        return n

    print(f"corpus: {len(docs)} feeds (RSS 2.0 and Atom), {args.entries} entries each, {size / 1e6:.1f} MB")
    for label, fn in (("feedparser.parse alone", plain), ("parse + normalise (newsflow)", ours)):
        rates = []
        for _ in range(args.passes):
            t0 = time.perf_counter()
            entries = fn()
            rates.append(size / 1e6 / (time.perf_counter() - t0))
        print(
            f"{label:<30} median {statistics.median(rates):.2f} MB/s per core "
            f"({statistics.median(rates) * 1e6 / size * entries:.0f} entries/s)"
        )


if __name__ == "__main__":
    main()
