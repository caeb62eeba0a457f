"""One poll over hostile feeds and good ones, on the real broker: every hostile case ends as a dead
letter (or a logged fetch error) with its reason, in bounded time, and the good feeds' articles
are delivered in the same poll. Cases: impossible dates, an odd full-text link, quadratic entity
expansion, a nested gzip bomb, trickled headers, a redirect to cloud metadata, an article larger
than a Kafka record, a stale UTF-16 charset header."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from pipeline.config import Settings
from pipeline.feeds.config import FeedSpec
from pipeline.feeds.reader import FeedReader
from pipeline.feeds.state import ReaderState
from pipeline.kafka.client import make_producer
from pipeline.schema import DeadLetter, RawArticle
from tests.feeds.test_hostile_server import nested_gzip_bomb
from tests.integration.conftest import read_topic

pytestmark = pytest.mark.integration


def _rss(items: str) -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def _item(n: int, date: str = "Tue, 24 Nov 2026 10:00:00 GMT", text: str = "Body.") -> str:
    return f"<item><title>Item {n}</title><link>https://good.example/{n}</link><pubDate>{date}</pubDate>" \
           f"<description>{text}</description></item>"


IMPOSSIBLE_DATES = ["0000-00-00T00:00:00Z", "9999-12-31T23:59:59-01:00", "Fri, 31 Dec 9999 23:00:00 -0500"]
ENTITY_BOMB = (
    f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{"x" * 100_000}">]><rss version="2.0"><channel><title>t'
    f"</title><item><title>q</title><link>https://q.example/1</link><description>{'&big;' * 10_000}</description>"
    "</item></channel></rss>"
).encode()
UTF16 = (
    '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>U</title><item><title>Grüße</title>'
    "<link>https://good.example/utf16</link></item></channel></rss>"
).encode("utf-16")


class Feeds:
    def __init__(self) -> None:
        self.bomb = nested_gzip_bomb()
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                feeds.respond(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def respond(self, h: BaseHTTPRequestHandler) -> None:
        routes: dict[str, tuple[bytes, dict[str, str]]] = {
            "/good": (_rss(_item(1) + _item(2)), {}),
            "/dates": (_rss("".join(_item(10 + i, d) for i, d in enumerate(IMPOSSIBLE_DATES)) + _item(13)), {}),
            "/odd-link": (_rss("<item><title>Odd</title><link>http://0177.0.0.1:8080/</link></item>"), {}),
            "/entities": (ENTITY_BOMB, {}),
            "/bomb": (self.bomb, {"Content-Encoding": "gzip, gzip"}),
            "/huge-article": (_rss(_item(20, text="y" * 300_000) + _item(21)), {}),
            "/utf16": (UTF16, {"Content-Type": "application/rss+xml; charset=utf-16"}),
            "/metadata": (b"", {"Location": "http://169.254.169.254/latest/meta-data/"}),
        }
        if h.path == "/slow-headers":
            try:
                h.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for byte in b"X-Slow: " + b"a" * 40:
                    h.wfile.write(bytes([byte]))
                    h.wfile.flush()
                    time.sleep(0.5)
            except BrokenPipeError:  # the client gave up, as it should
                pass
            return
        body, headers = routes[h.path]
        h.send_response(301 if h.path == "/metadata" else 200)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


@pytest.fixture(scope="module")
def feeds() -> Iterator[Feeds]:
    f = Feeds()
    yield f
    f.httpd.shutdown()


def test_hostile_feeds_are_dead_letters_and_the_good_ones_arrive(
    settings: Settings, feeds: Feeds, tmp_path: Path
) -> None:
    s = settings.model_copy(
        update={"fetch_timeout_s": 3.0, "max_message_bytes": 200_000, "fetch_allow_networks": ["127.0.0.1/32"]}
    )
    producer = make_producer(s)
    state = ReaderState(tmp_path / "state.sqlite")
    reader = FeedReader(s, producer, state)
    paths = ["good", "dates", "odd-link", "entities", "bomb", "slow-headers", "huge-article", "utf16", "metadata"]
    specs = [FeedSpec(f"{feeds.base}/{p}", full_text=p == "odd-link") for p in paths]
    try:
        started = time.monotonic()
        stats = reader.poll(specs)
        elapsed = time.monotonic() - started
        again = reader.poll(specs[6:7])  # the oversize article is settled, not sent again
    finally:
        reader.close()
        producer.close()
        state.close()
    assert elapsed < 15  # the slowest case is bounded by the 3 s deadline; no case holds the poll

    articles = {a.url: a for a in read_topic(settings, settings.raw_topic, RawArticle)}
    good = {f"https://good.example/{n}" for n in (1, 2, 10, 11, 12, 13, 21, "utf16")}
    assert good <= set(articles), sorted(articles)
    assert articles["https://good.example/utf16"].title == "Grüße"
    for n in (10, 11, 12):  # impossible dates are dropped, the articles kept
        assert not articles[f"https://good.example/{n}"].HasField("published_at")
    assert articles["https://good.example/13"].published_at.ToJsonString() == "2026-11-24T10:00:00Z"
    assert articles["http://0177.0.0.1:8080/"].content_text == ""  # delivered; its full text refused, logged
    assert stats.new_articles == len(articles)

    dead = read_topic(settings, settings.deadletter_topic, DeadLetter)
    reasons = {d.source_url.rsplit("/", 1)[-1]: d.reason for d in dead if d.source_url.startswith(feeds.base)}
    assert "expand" in reasons["entities"]
    assert "cap" in reasons["bomb"]
    assert "no complete response within 3s" in reasons["slow-headers"]
    assert "non-public address 169.254.169.254" in reasons["metadata"]
    oversize = [d for d in dead if d.stage == "produce"]
    assert len(oversize) == 1 and "record limit" in oversize[0].reason and oversize[0].source_url.endswith("/20")
    assert again.new_articles == 0 and again.dead_letters == 0
