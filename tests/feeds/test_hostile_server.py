"""The guarded client against local hostile servers: decompression bombs, slow and endless
responses, redirects to internal addresses in their many spellings, and a rebinding resolver.

"Public" here is 127.0.0.2 (allowed by the test's address policy); the "internal" server holding
the secret listens on 127.0.0.1, which the policy refuses, so a request that reaches it is a leak."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

import pytest

from pipeline.feeds.fetch import fetch
from pipeline.feeds.fulltext import FullText
from pipeline.feeds.http import AddressPolicy, FetchError, GuardedClient
from pipeline.feeds.limits import HostLimiter

PUBLIC = AddressPolicy.of(networks=["127.0.0.2/32"])
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>ok</title></channel></rss>'


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

        self.public = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.port = self.public.server_address[1]
        self.secret = _bind_same_port(Secret, self.port)
        for server in (self.public, self.secret):
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.2:{self.port}"

    def respond(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path == "/feed":
            return _reply(h, 200, FEED, {"Content-Type": "application/rss+xml"})
        if path == "/bomb":
            return _reply(h, 200, self.bomb, {"Content-Encoding": "gzip, gzip", "Content-Type": "application/xml"})
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
            return _reply(h, 301, b"", {"Location": target})
        if path == "/chain":
            return _reply(h, 302, b"", {"Location": "/to/http://127.0.0.1:PORT/secret"})
        return _reply(h, 404, b"no", {})

    def close(self) -> None:
        for server in (self.public, self.secret):
            server.shutdown()
            server.server_close()


def _bind_same_port(handler: type[BaseHTTPRequestHandler], port: int) -> ThreadingHTTPServer:
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def _reply(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
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


@pytest.fixture(scope="module")
def hostile() -> Iterator[Hostile]:
    try:
        server = Hostile()
    except OSError as exc:  # the secret server's port happened to be taken on 127.0.0.1
        pytest.skip(f"could not bind the test servers: {exc}")
    yield server
    server.close()


@pytest.fixture
def client() -> Iterator[GuardedClient]:
    c = GuardedClient(PUBLIC, timeout_s=2.0)
    yield c
    c.close()


def _refused(client: GuardedClient, url: str, match: str, max_bytes: int = 1 << 20) -> float:
    started = time.monotonic()
    with pytest.raises(FetchError, match=match):
        client.get(url, max_bytes)
    return time.monotonic() - started


def test_a_public_document_is_fetched(hostile: Hostile, client: GuardedClient) -> None:
    assert client.get(f"{hostile.base}/feed", 1 << 20).body == FEED


def test_nested_gzip_bomb_stops_at_the_cap(hostile: Hostile, client: GuardedClient) -> None:
    assert len(hostile.bomb) < 100_000  # 4 GiB inside
    assert _refused(client, f"{hostile.base}/bomb", "decodes to more than the 20000000-byte cap", 20_000_000) < 5


def test_slow_headers_hit_the_one_deadline(hostile: Hostile, client: GuardedClient) -> None:
    assert _refused(client, f"{hostile.base}/slow-headers", "no complete response within 2s") < 4


def test_endless_bodies_stop_at_the_cap_or_the_deadline(hostile: Hostile, client: GuardedClient) -> None:
    assert _refused(client, f"{hostile.base}/endless", "cap", 1_000_000) < 4
    assert _refused(client, f"{hostile.base}/endless-slow", "no complete response within 2s") < 4


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:PORT/secret",
        "http://localhost:PORT/secret",
        "http://[::ffff:127.0.0.1]:PORT/secret",  # IPv4-mapped IPv6
        "http://2130706433:PORT/secret",  # 127.0.0.1 as one decimal number
        "http://0x7f000001:PORT/secret",  # ... as hex
        "http://0177.0.0.1:PORT/secret",  # ... octal (httpx: InvalidURL)
        "http://127.1:PORT/secret",  # ... shortened
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata: refused before any packet
        "http://[fe80::1]/",
        "http://0.0.0.0:PORT/secret",
        "file:///etc/passwd",
        "gopher://127.0.0.1:PORT/",
    ],
)
def test_redirects_to_internal_addresses_are_refused(hostile: Hostile, client: GuardedClient, target: str) -> None:
    before = hostile.secret_hits
    _refused(client, f"{hostile.base}/to/{target}", "non-public|Invalid URL|InvalidURL|UnsupportedProtocol")
    assert hostile.secret_hits == before


def test_a_redirect_chain_is_vetted_at_every_hop(hostile: Hostile, client: GuardedClient) -> None:
    _refused(client, f"{hostile.base}/chain", "non-public address 127.0.0.1")
    assert hostile.secret_hits == 0


def test_a_permanent_redirect_to_loopback_does_not_repoint_the_feed(hostile: Hostile, client: GuardedClient) -> None:
    with pytest.raises(FetchError, match="non-public"):
        fetch(f"{hostile.base}/to/http://127.0.0.1:PORT/secret", client=client)  # no Fetched, so no permanent_url


def test_dns_rebinding_cannot_swap_in_an_internal_address(hostile: Hostile) -> None:
    """The resolver answers the allowed address first and loopback afterwards (a rebinding DNS
    server). The connection goes to the address that was vetted; nothing resolves it again."""
    answers: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        answers.append("127.0.0.2" if not answers else "127.0.0.1")
        return [answers[-1]]

    client = GuardedClient(PUBLIC, timeout_s=2.0, resolve=rebinding)
    try:
        resp = client.get(f"http://rebind.test:{hostile.port}/feed", 1 << 20)
    finally:
        client.close()
    assert resp.body == FEED and answers == ["127.0.0.2"] and hostile.secret_hits == 0


def test_a_name_with_any_internal_address_is_refused(hostile: Hostile) -> None:
    client = GuardedClient(PUBLIC, timeout_s=2.0, resolve=lambda host, port: ["127.0.0.2", "127.0.0.1"])
    try:
        _refused(client, f"http://mixed.test:{hostile.port}/feed", "non-public address 127.0.0.1")
    finally:
        client.close()


def test_full_text_uses_the_guarded_client(hostile: Hostile, client: GuardedClient) -> None:
    pages = FullText(client, HostLimiter(rate_per_s=0))
    assert pages.text(f"{hostile.base}/to/http://127.0.0.1:PORT/secret") is None
    assert pages.text("http://0177.0.0.1:8080/") is None  # httpx's InvalidURL, once a crash of the poll
    assert pages.text(f"{hostile.base}/bomb") is None
    assert hostile.secret_hits == 0


def test_unresolvable_and_refused_connections_are_fetch_errors() -> None:
    client = GuardedClient(AddressPolicy(allow_private=True), timeout_s=2.0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    try:
        _refused(client, f"http://127.0.0.1:{closed_port}/", "ConnectError")
        _refused(client, "http://name.invalid/", "ConnectError|resolve")
        _refused(client, "http://[::1/", "InvalidURL|Invalid")
    finally:
        client.close()
