"""The polling service against a real local HTTP server (no mocks of the HTTP client) and the real
broker: conditional GET, 429 + Retry-After, redirects, slow and huge responses, lying ETags,
per-host limits, restarts without loss or duplicates."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from kafka import KafkaProducer

from bench.lib.fault_rig import entry_xml
from bench.lib.hostile_servers import reply
from pipeline.config import Settings
from pipeline.feeds.config import FeedSpec
from pipeline.feeds.limits import HostLimiter
from pipeline.feeds.reader import FeedReader
from pipeline.feeds.schedule import Policy
from pipeline.feeds.state import ReaderState
from pipeline.kafka.client import make_producer
from pipeline.schema import DeadLetter, RawArticle
from tests.integration.conftest import read_topic

pytestmark = pytest.mark.integration


def _feed(first: int, last: int) -> bytes:
    items = "".join(entry_xml(n) for n in range(first, last))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


class Server:
    """Behaviour by path; records requests and the peak number in flight."""

    def __init__(self) -> None:
        self.entries = 3
        self.hits: dict[str, int] = {}
        self.conditional: list[tuple[str, str]] = []
        self.in_flight = 0
        self.peak = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                with server.lock:
                    server.hits[self.path] = server.hits.get(self.path, 0) + 1
                    server.in_flight += 1
                    server.peak = max(server.peak, server.in_flight)
                self.counted = True
                server.respond(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def respond(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path == "/etag":
            body, tag = _feed(0, self.entries), f'"v{self.entries}"'
            self.conditional.append((path, h.headers.get("If-None-Match", "")))
            if h.headers.get("If-None-Match") == tag:
                return self._send(h, 304, b"", {"ETag": tag})
            return self._send(h, 200, body, {"ETag": tag, "Content-Type": "application/rss+xml"})
        if path == "/liar":  # a new ETag on every response, same document
            self.conditional.append((path, h.headers.get("If-None-Match", "")))
            return self._send(h, 200, _feed(100, 102), {"ETag": f'"{time.monotonic_ns()}"'})
        if path == "/busy":
            return self._send(h, 429, b"slow down", {"Retry-After": "7200"})
        if path == "/moved":
            return self._send(h, 301, b"", {"Location": "/new-home"})
        if path == "/temporary":
            return self._send(h, 302, b"", {"Location": "/new-home"})
        if path == "/new-home":
            return self._send(h, 200, _feed(200, 201), {})
        if path == "/huge":
            return self._send(h, 200, b"<rss>" + b"x" * 300_000, {})
        if path == "/slow":
            self._send_headers_only(h)
            h.send_response(200)
            h.send_header("Content-Length", "100000")
            h.end_headers()
            for _ in range(50):  # trickles: never idle long enough for a read timeout
                h.wfile.write(b"<!-- -->")
                h.wfile.flush()
                time.sleep(0.1)
            return None
        if path.startswith("/feed/"):
            time.sleep(0.02)
            return self._send(h, 200, _feed(1000 + int(path.rsplit("/", 1)[1]), 1001 + int(path.rsplit("/", 1)[1])), {})
        return self._send(h, 404, b"no", {})

    def _send(self, h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        # leave the in-flight count before replying: the server's window then lies strictly inside
        # the client's, so the peak seen here cannot exceed what the client allowed
        if getattr(h, "counted", False):
            with self.lock:
                self.in_flight -= 1
            h.counted = False  # type: ignore[attr-defined]
        reply(h, status, body, headers)

    def _send_headers_only(self, h: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.in_flight -= 1
        h.counted = False  # type: ignore[attr-defined]

    def close(self) -> None:
        self.httpd.shutdown()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


_PRODUCERS: list[KafkaProducer] = []


@pytest.fixture(autouse=True)
def _close_producers() -> Iterator[None]:
    yield
    while _PRODUCERS:
        _PRODUCERS.pop().close()


def _reader(settings: Settings, path: Path, **kw: object) -> tuple[FeedReader, ReaderState]:
    state = ReaderState(path)
    # the test servers listen on 127.0.0.1, which the guarded client refuses unless allowed
    update = {"fetch_timeout_s": 2.0, "max_feed_bytes": 100_000, "fetch_allow_networks": ["127.0.0.1/32"]}
    s = settings.model_copy(update=update)
    _PRODUCERS.append(make_producer(s))
    reader = FeedReader(s, _PRODUCERS[-1], state, policy=Policy(default_s=600, min_s=60), **kw)  # type: ignore[arg-type]
    return reader, state


def test_conditional_get_and_restart_without_loss_or_duplicates(
    settings: Settings, server: Server, tmp_path: Path
) -> None:
    feed = [FeedSpec(f"{server.base}/etag")]
    reader, state = _reader(settings, tmp_path / "state.sqlite")
    assert reader.poll(feed).new_articles == 3
    second = reader.poll(feed)
    assert (second.not_modified, second.new_articles) == (1, 0)
    assert server.conditional[-1] == ("/etag", '"v3"')
    reader.close()
    state.close()

    server.entries = 5  # two new entries while the reader was down
    reader, state = _reader(settings, tmp_path / "state.sqlite")
    assert reader.poll(feed).new_articles == 2
    ids = [a.article_id for a in read_topic(settings, settings.raw_topic, RawArticle)]
    assert len(ids) == len(set(ids)) == 5
    assert state.feed(feed[0].url).next_poll_at > time.time() + 60  # rescheduled, not re-polled at once


def test_retry_after_redirects_and_bad_responses(settings: Settings, server: Server, tmp_path: Path) -> None:
    reader, state = _reader(settings, tmp_path / "state.sqlite")
    specs = [FeedSpec(f"{server.base}/{p}") for p in ("busy", "moved", "temporary", "huge", "slow")]
    started = time.time()
    stats = reader.poll(specs)
    assert stats.dead_letters == 3  # 429, huge, slow
    busy, moved, temporary, huge, slow = (state.feed(s.url) for s in specs)
    assert busy.next_poll_at >= started + 7200 and busy.errors == 1
    assert moved.fetch_url == f"{server.base}/new-home" and temporary.fetch_url == ""
    assert huge.errors == slow.errors == 1 and huge.next_poll_at > started  # kept on schedule, backed off
    reasons = sorted(d.reason for d in read_topic(settings, settings.deadletter_topic, DeadLetter))
    assert any("HTTP 429" in r for r in reasons) and any("cap" in r for r in reasons)
    assert any("slow response" in r or "ReadTimeout" in r for r in reasons)
    reader.poll([specs[1]])
    assert server.hits["/moved"] == 1  # the permanent redirect is followed from now on


def test_etag_that_lies_is_dropped(settings: Settings, server: Server, tmp_path: Path) -> None:
    reader, state = _reader(settings, tmp_path / "state.sqlite")
    spec = [FeedSpec(f"{server.base}/liar")]
    for _ in range(4):
        reader.poll(spec)
    assert not state.feed(spec[0].url).send_etag
    assert server.conditional[-1] == ("/liar", "")  # no longer sends the useless validator


def test_per_host_limits_hold_under_many_feeds(settings: Settings, server: Server, tmp_path: Path) -> None:
    reader, _ = _reader(settings, tmp_path / "state.sqlite", limiter=HostLimiter(concurrency=3, rate_per_s=200))
    specs = [FeedSpec(f"{server.base}/feed/{n}") for n in range(120)]
    started = time.monotonic()
    stats = reader.poll(specs)
    elapsed = time.monotonic() - started
    assert stats.new_articles == 120 and server.peak <= 3
    assert elapsed >= 119 / 200  # the rate limit spaced the requests


def test_full_text_is_fetched_for_new_articles_only(settings: Settings, tmp_path: Path) -> None:
    page = (
        "<html><body><nav>Home | World</nav><article><h1>Storm</h1>"
        + "".join(
            f"<p>“Paragraph {i} of the full story matters a great deal to readers,” said ranger Ola Berg.</p>"
            for i in range(12)
        )
        + "</article><footer>© Site</footer></body></html>"
    ).encode()
    hits = {"page": 0}
    pages = ThreadingHTTPServer(("127.0.0.2", 0), None)  # type: ignore[arg-type]  # handler set below

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/rss":  # the article page is on another loopback address, not allowed by default
                link = f"http://127.0.0.2:{pages.server_address[1]}/story"
                body = (
                    f'<rss version="2.0"><channel><title>S</title><item><title>Storm</title><link>{link}</link>'
                    "<description>Short teaser.</description></item></channel></rss>"
                ).encode()
            else:
                hits["page"] += 1
                body = page
            reply(self, 200, body, {})

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    pages.RequestHandlerClass = Handler
    for server in (httpd, pages):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        spec = [FeedSpec(f"http://127.0.0.1:{httpd.server_address[1]}/rss", full_text=True)]
        refusing, _ = _reader(settings, tmp_path / "a.sqlite")  # 127.0.0.2 is not allowed: refused (SSRF)
        refusing.poll(spec)
        assert hits["page"] == 0
        allowed_settings = settings.model_copy(update={"allow_private_fetch": True})
        reader, _ = _reader(allowed_settings, tmp_path / "b.sqlite")
        reader.poll(spec)
        reader.poll(spec)  # already seen: the page is not fetched again
        assert hits["page"] == 1
        texts = [a.content_text for a in read_topic(settings, settings.raw_topic, RawArticle)]
        assert texts[0] == "Short teaser." and "Paragraph 11 of the full story" in texts[1]
    finally:
        httpd.shutdown()
        pages.shutdown()


def test_copies_are_sent_and_an_edited_article_is_sent_again(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two outlets' copies of one story (same title, other links) both reach the raw topic; an
    entry whose text changed is sent again, once; an unchanged one never."""
    monkeypatch.setattr("pipeline.feeds.state.EDIT_INTERVAL_S", 0.0)
    body = {"text": "The ferry terminal closes in October, the harbour board said on Tuesday."}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            items = "".join(
                f"<item><title>Harbour board votes to close the old ferry terminal</title>"
                f"<link>https://{host}/ferry</link><description>{body['text']}</description></item>"
                for host in ("harbourpost.example", "valleytimes.example")
            )
            reply(self, 200, f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode(), {})

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        feed = [FeedSpec(f"http://127.0.0.1:{httpd.server_address[1]}/rss")]
        reader, _ = _reader(settings, tmp_path / "state.sqlite")
        assert reader.poll(feed).new_articles == 2  # the copy is not skipped
        assert reader.poll(feed).new_articles == 0
        body["text"] = "The ferry terminal closes in November, the harbour board said on Tuesday."
        assert reader.poll(feed).new_articles == 2  # edited: both copies carry the new text
        assert reader.poll(feed).new_articles == 0
        texts = [a.summary for a in read_topic(settings, settings.raw_topic, RawArticle)]
        assert sorted(texts) == sorted([texts[0]] * 2 + [body["text"]] * 2) and texts[0] != body["text"]
    finally:
        httpd.shutdown()
