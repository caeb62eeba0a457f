"""Poll N feeds served by a local HTTP server in one cycle, through the real FeedReader and broker,
and check the per-host limits held (the server measures requests in flight and per second).

    .venv/bin/python -m bench.poll_feeds [--feeds 1000] [--hosts 4] [--concurrency 2] [--rate 50]

Hosts are distinct loopback addresses (127.0.0.1, 127.0.0.2, …) so per-host limits apply per host.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.lib.feed_corpus import rss, texts
from bench.lib.hostile_servers import reply
from pipeline.config import Settings
from pipeline.feeds.config import FeedSpec
from pipeline.feeds.limits import HostLimiter
from pipeline.feeds.reader import FeedReader
from pipeline.feeds.state import ReaderState
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.client import make_producer
from pipeline.kafka.topics import ensure_topics


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = defaultdict(int)
        self.peak: dict[str, int] = defaultdict(int)
        self.starts: dict[str, list[float]] = defaultdict(list)


def serve(host: str, docs: dict[str, bytes], stats: Stats) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            with stats.lock:
                stats.in_flight[host] += 1
                stats.peak[host] = max(stats.peak[host], stats.in_flight[host])
                stats.starts[host].append(time.monotonic())
            body = docs[self.path]
            time.sleep(0.005)  # a little server think time
            with stats.lock:
                stats.in_flight[host] -= 1
            reply(self, 200, body, {})

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--rate", type=float, default=50.0)
    args = parser.parse_args()
    bodies = texts()
    docs = {f"/feed/{n}.xml": rss(n, args.entries, bodies) for n in range(args.feeds)}
    stats = Stats()
    servers = [serve(f"127.0.0.{h + 1}", docs, stats) for h in range(args.hosts)]
    specs = [
        FeedSpec(f"http://127.0.0.{n % args.hosts + 1}:{servers[n % args.hosts].server_address[1]}/feed/{n}.xml")
        for n in range(args.feeds)
    ]
    with tempfile.TemporaryDirectory() as tmp, EmbeddedBroker() as broker:
        # the feed servers are on loopback addresses, which the guarded client refuses by default
        settings = Settings(
            bootstrap_servers=broker.bootstrap_servers, data_dir=Path(tmp), fetch_allow_networks=["127.0.0.0/8"]
        )
        ensure_topics(settings)
        producer = make_producer(settings)
        state = ReaderState(Path(tmp) / "state.sqlite")
        reader = FeedReader(settings, producer, state, max_workers=32, limiter=HostLimiter(args.concurrency, args.rate))
        t0 = time.monotonic()
        result = reader.poll(specs)
        elapsed = time.monotonic() - t0
        reader.close()
        producer.close()
        state.close()
    for s in servers:
        s.shutdown()
    worst_rate = 0.0
    for starts in stats.starts.values():
        starts.sort()
        window = [b - a for a, b in zip(starts, starts[10:], strict=False)]  # time for 10 more requests
        worst_rate = max(worst_rate, max((10 / w for w in window if w > 0), default=0.0))
    print(
        f"{args.feeds} feeds on {args.hosts} hosts polled in one cycle in {elapsed:.1f}s "
        f"({args.feeds / elapsed:.0f} feeds/s); {result.new_articles} new articles, "
        f"{result.dead_letters} dead letters"
    )
    print(
        f"per-host limits: concurrency {args.concurrency} (peak seen {max(stats.peak.values())}), "
        f"rate {args.rate:.0f}/s (peak over any 10 requests {worst_rate:.0f}/s)"
    )


if __name__ == "__main__":
    main()
