"""Local hostile feed servers, for the tests (tests/feeds/test_hostile_server.py,
tests/integration/test_hostile_polling.py) and bench/hostile_feeds.py.

"Public" is 127.0.0.2 (allow it with AddressPolicy.of(networks=["127.0.0.2/32"])); the "internal"
server holding a secret listens on 127.0.0.1 on the same port, which such a policy refuses, so a
request that reaches it is a leak. Every response loop is bounded in time: the servers stop by
themselves."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>ok</title></channel></rss>'
IMPOSSIBLE_DATES = ["0000-00-00T00:00:00Z", "9999-12-31T23:59:59-01:00", "Fri, 31 Dec 9999 23:00:00 -0500"]


def rss(items: str) -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def item(n: int, date: str = "Tue, 24 Nov 2026 10:00:00 GMT", text: str = "Body.", link: str = "") -> str:
    link = link or f"https://good.example/{n}"
    return (
        f"<item><title>Item {n}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>{text}</description></item>"
    )


ENTITY_BOMB = (
    f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{"x" * 100_000}">]><rss version="2.0"><channel><title>t'
    f"</title><item><title>q</title><link>https://q.example/1</link><description>{'&big;' * 10_000}</description>"
    "</item></channel></rss>"
).encode()
UTF16 = (
    '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>U</title><item><title>Grüße</title>'
    "<link>https://good.example/utf16</link></item></channel></rss>"
).encode("utf-16")
# path -> (status, body, headers) of the documents served as they are
DOCUMENTS: dict[str, tuple[int, bytes, dict[str, str]]] = {
    "/feed": (200, FEED, {"Content-Type": "application/rss+xml"}),
    "/good": (200, rss(item(1) + item(2)), {}),
    "/dates": (200, rss("".join(item(10 + i, d) for i, d in enumerate(IMPOSSIBLE_DATES)) + item(13)), {}),
    "/odd-link": (200, rss(item(30, link="http://0177.0.0.1:8080/")), {}),
    "/entities": (200, ENTITY_BOMB, {}),
    "/huge-article": (200, rss(item(20, text="y" * 300_000) + item(21)), {}),
    "/utf16": (200, UTF16, {"Content-Type": "application/rss+xml; charset=utf-16"}),
    "/metadata": (301, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}),
    "/chain": (302, b"", {"Location": "/to/http://127.0.0.1:PORT/secret"}),
}


def nested_gzip_bomb(gib: int = 4) -> bytes:
    """`Content-Encoding: gzip, gzip` with `gib` GiB of zeros inside, a few kB on the wire: the
    inner layer is many copies of one gzip member (a multi-member stream), the outer layer
    compresses that repetition away."""
    member = gzip.compress(b"\0" * (16 << 20), compresslevel=9)
    return gzip.compress(member * (gib * 64), compresslevel=9)


class Hostile:
    """A server on 127.0.0.2 whose behaviour is chosen by path, and a secret one on 127.0.0.1."""

    def __init__(self) -> None:
        self.secret_hits = 0
        self.bomb = nested_gzip_bomb()
        hostile = self

        class Secret(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                hostile.secret_hits += 1
                self.send_response(200)
                self.send_header("Content-Length", "10")
                self.end_headers()
                self.wfile.write(b"TOP-SECRET")

            def log_message(self, *args: object) -> None:
                pass

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                hostile.respond(self)

            def log_message(self, *args: object) -> None:
                pass

        self.public, self.secret = _bind_pair(Handler, Secret)
        self.port = self.public.server_address[1]
        for server in (self.public, self.secret):
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.2:{self.port}"

    def respond(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path in DOCUMENTS:
            status, body, headers = DOCUMENTS[path]
            location = headers.get("Location", "").replace("PORT", str(self.port))
            return reply(h, status, body, headers | ({"Location": location} if location else {}))
        if path == "/bomb":
            return reply(h, 200, self.bomb, {"Content-Encoding": "gzip, gzip", "Content-Type": "application/xml"})
        if path == "/slow-headers":  # one header byte a second: per-read timeouts never fire
            try:
                h.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for byte in b"X-Slow: " + b"a" * 60:
                    h.wfile.write(bytes([byte]))
                    h.wfile.flush()
                    time.sleep(0.5)
            except BrokenPipeError:  # the client gave up, as it should
                pass
            return None
        if path == "/endless":  # chunked, never ends, fast
            return _chunked(h, lambda: b"<!-- " + b"x" * 8000 + b" -->", pause_s=0.0)
        if path == "/endless-slow":  # chunked, never ends, a little at a time
            return _chunked(h, lambda: b"<!-- -->", pause_s=0.1)
        if path.startswith("/to/"):  # a redirect to wherever the rest of the path says
            target = path[len("/to/") :].replace("PORT", str(self.port))
            return reply(h, 301, b"", {"Location": target})
        return reply(h, 404, b"no", {})

    def close(self) -> None:
        for server in (self.public, self.secret):
            server.shutdown()
            server.server_close()


def _bind_pair(
    public: type[BaseHTTPRequestHandler], secret: type[BaseHTTPRequestHandler]
) -> tuple[ThreadingHTTPServer, ThreadingHTTPServer]:
    """Servers on 127.0.0.2:P and 127.0.0.1:P, the same P (tried again where P is taken on .1)."""
    for _ in range(50):
        outside = ThreadingHTTPServer(("127.0.0.2", 0), public)
        try:
            return outside, ThreadingHTTPServer(("127.0.0.1", outside.server_address[1]), secret)
        except OSError:
            outside.server_close()
    raise RuntimeError("no port free on both 127.0.0.1 and 127.0.0.2")


def reply(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
    """A complete response with Content-Length."""
    h.send_response(status)
    for k, v in headers.items():
        h.send_header(k, v)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def _chunked(h: BaseHTTPRequestHandler, piece: Callable[[], bytes], pause_s: float) -> None:
    h.send_response(200)
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    started = time.monotonic()
    try:
        while time.monotonic() - started < 60:  # bounded: the test server stops by itself
            data = piece()
            h.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            h.wfile.flush()
            if pause_s:
                time.sleep(pause_s)
    except (BrokenPipeError, ConnectionResetError):
        pass
