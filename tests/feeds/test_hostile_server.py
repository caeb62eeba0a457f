"""The guarded client against local hostile servers (bench/lib/hostile_servers.py): decompression
bombs, slow and endless responses, redirects to internal addresses in their many spellings, and a
rebinding resolver."""

from __future__ import annotations

import socket
import time
from typing import Iterator

import pytest

from bench.lib.hostile_servers import FEED, Hostile
from pipeline.feeds.fetch import fetch
from pipeline.feeds.fulltext import FullText
from pipeline.feeds.http import AddressPolicy, FetchError, GuardedClient
from pipeline.feeds.limits import HostLimiter

PUBLIC = AddressPolicy.of(networks=["127.0.0.2/32"])


@pytest.fixture(scope="module")
def hostile() -> Iterator[Hostile]:
    server = Hostile()
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
