"""Fetching over a real local HTTP server and from files."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from pipeline.feeds.fetch import FetchError, fetch, make_client
from pipeline.feeds.http import AddressPolicy, GuardedClient

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/feed":
            body, status = FEED, 200
        elif self.path == "/huge":
            body, status = b"x" * 200_000, 200
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/feed")
            self.end_headers()
            return
        else:
            body, status = b"nope", 404
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def local() -> Iterator[GuardedClient]:
    client = make_client(5.0, AddressPolicy.of(networks=["127.0.0.1/32"]))
    yield client
    client.close()


def test_http_fetch_follows_redirects(server: str, local: GuardedClient) -> None:
    got = fetch(f"{server}/moved", client=local)
    assert got.body == FEED and got.url.endswith("/feed") and got.permanent_url == got.url


def test_loopback_is_refused_by_default(server: str) -> None:
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        fetch(f"{server}/feed")


def test_http_error_status_is_a_fetch_error(server: str, local: GuardedClient) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/missing", client=local)


def test_size_cap(server: str, local: GuardedClient, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="cap"):
        fetch(f"{server}/huge", max_bytes=100_000, client=local)
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(FetchError, match="cap"):
        fetch(str(big), max_bytes=1000)


def test_missing_file_and_bad_scheme() -> None:
    with pytest.raises(FetchError, match="cannot read"):
        fetch("/nonexistent/feed.xml")
    with pytest.raises(FetchError, match="scheme"):
        fetch("ftp://example.org/feed")
