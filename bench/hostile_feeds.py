"""Each hostile case of bench/lib/hostile_servers.py fetched and read as the reader does, in a fresh
process: outcome (articles, or the dead letter's reason), seconds and peak RSS. Then one poll of
the real FeedReader over all of them plus the good feeds, on an embedded broker: how long it took
and whether the good feeds' articles were delivered.

    python -m bench.hostile_feeds [--timeout 5]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.lib.hostile_servers import Hostile
from pipeline.config import Settings
from pipeline.feeds.articles import read_document
from pipeline.feeds.config import FeedSpec
from pipeline.feeds.fetch import fetch, make_client
from pipeline.feeds.http import AddressPolicy, FetchError

CASES = [
    "good",
    "dates",
    "odd-link",
    "entities",
    "bomb",
    "slow-headers",
    "endless",
    "endless-slow",
    "huge-article",
    "utf16",
    "metadata",
    "chain",
    "to/http://2130706433:PORT/secret",
    "to/http://[::ffff:127.0.0.1]:PORT/secret",
]
POLICY = AddressPolicy.of(networks=["127.0.0.2/32"])


def _one(args: tuple[str, float]) -> tuple[str, float, float]:
    url, timeout = args
    started = time.monotonic()
    client = make_client(timeout, POLICY)
    try:
        got = fetch(url, timeout, 20 * 1024 * 1024, client)
        doc = read_document(got.body, url, got.headers, datetime.now(timezone.utc))
        outcome = f"{len(doc.articles)} articles" + (f", dead letter: {doc.dead[0].reason[:70]}" if doc.dead else "")
    except FetchError as exc:
        outcome = f"fetch error: {str(exc)[:90]}"
    finally:
        client.close()
    return outcome, time.monotonic() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _poll_all(server: Hostile, timeout: float) -> str:
    from pipeline.feeds.reader import FeedReader
    from pipeline.feeds.state import ReaderState
    from pipeline.kafka.broker import EmbeddedBroker
    from pipeline.kafka.client import make_producer
    from pipeline.kafka.topics import ensure_topics

    with EmbeddedBroker() as broker, tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            bootstrap_servers=broker.bootstrap_servers,
            data_dir=Path(tmp),
            fetch_timeout_s=timeout,
            max_message_bytes=200_000,
            fetch_allow_networks=["127.0.0.2/32"],
        )
        ensure_topics(settings)
        producer = make_producer(settings)
        reader = FeedReader(settings, producer, ReaderState(Path(tmp) / "state.sqlite"))
        specs = [FeedSpec(f"{server.base}/{c.replace('PORT', str(server.port))}") for c in CASES]
        started = time.monotonic()
        stats = reader.poll(specs)
        seconds = time.monotonic() - started
        reader.close()
        producer.close()
    return (
        f"one poll over {len(specs)} feeds: {seconds:.1f}s, {stats.new_articles} articles delivered, "
        f"{stats.dead_letters} dead letters, secret server hit {server.secret_hits} times"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=5.0, help="the reader's fetch deadline")
    args = parser.parse_args()
    server = Hostile()
    try:
        ctx = multiprocessing.get_context("spawn")
        print(f"{'case':<45} {'seconds':>7} {'peak RSS MB':>11}  outcome")
        for case in CASES:
            url = f"{server.base}/{case.replace('PORT', str(server.port))}"
            with ctx.Pool(1) as pool:  # a fresh process per case: its peak RSS is the case's own
                outcome, seconds, rss = pool.apply(_one, ((url, args.timeout),))
            print(f"{case:<45} {seconds:7.2f} {rss:11.0f}  {outcome}")
        print(_poll_all(server, args.timeout))
    finally:
        server.close()


if __name__ == "__main__":
    main()
