"""Optional full article text: fetch the article page and extract its main text with trafilatura.

The URL comes from a third party's feed, so fetching it is a server-side request forgery risk:
every request, redirects included, must resolve to public addresses only (loopback, private,
link-local — cloud metadata at 169.254.169.254 — and reserved ranges are refused) unless
private fetching is explicitly allowed. Pages are size-capped and time-limited."""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from urllib.parse import urlsplit

import httpx
import trafilatura

from pipeline.feeds.fetch import USER_AGENT
from pipeline.feeds.limits import HostLimiter

log = logging.getLogger(__name__)


class UnsafeURL(ValueError):
    """The URL points (or redirects) somewhere a feed reader must not go."""


def check_public(url: str, allow_private: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURL(f"not an http(s) URL: {url!r}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve {parts.hostname}: {exc}") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global or ip.is_multicast:
            raise UnsafeURL(f"{parts.hostname} resolves to non-public address {ip}")


class FullText:
    def __init__(
        self,
        limiter: HostLimiter,
        timeout_s: float = 15.0,
        max_bytes: int = 5 * 1024 * 1024,
        allow_private: bool = False,
    ) -> None:
        self.limiter = limiter
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.client = httpx.Client(
            timeout=timeout_s,
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": USER_AGENT},
            event_hooks={"request": [self._guard]},
        )

    def _guard(self, request: httpx.Request) -> None:
        check_public(str(request.url), self.allow_private)  # runs for every hop of a redirect chain too

    def _download(self, url: str) -> bytes:
        started = time.monotonic()
        with self.limiter.slot(url), self.client.stream("GET", url) as resp:
            resp.raise_for_status()
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise ValueError(f"page larger than {self.max_bytes} bytes")
                if time.monotonic() - started > self.timeout_s:
                    raise ValueError(f"page took longer than {self.timeout_s:.0f}s")
                chunks.append(chunk)
        return b"".join(chunks)

    def text(self, url: str) -> str | None:
        """The page's main text, or None (logged) when it cannot or must not be had."""
        try:
            html = self._download(url)
        except (UnsafeURL, httpx.HTTPError, ValueError) as exc:
            log.warning("full text of %s not fetched: %s", url, exc)
            return None
        extracted = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False)
        return extracted or None

    def close(self) -> None:
        self.client.close()
