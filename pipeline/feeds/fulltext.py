"""Optional full article text: fetch the article page and extract its main text with trafilatura.

The URL comes from a third party's feed, so the page is fetched through the reader's guarded
client (pipeline.feeds.http: vetted addresses on every hop, one deadline, decoded-size cap) and
under the per-host limits."""

from __future__ import annotations

import logging

import trafilatura

from pipeline.feeds.http import FetchError, GuardedClient
from pipeline.feeds.limits import HostLimiter

log = logging.getLogger(__name__)


class FullText:
    def __init__(self, client: GuardedClient, limiter: HostLimiter, max_bytes: int = 5 * 1024 * 1024) -> None:
        self.client = client
        self.limiter = limiter
        self.max_bytes = max_bytes

    def text(self, url: str) -> str | None:
        """The page's main text, or None (logged) when it cannot or must not be had."""
        try:
            with self.limiter.slot(url):
                resp = self.client.get(url, self.max_bytes)
        except FetchError as exc:
            log.warning("full text of %s not fetched: %s", url, exc)
            return None
        if resp.status != 200:
            log.warning("full text of %s not fetched: HTTP %d", url, resp.status)
            return None
        try:
            extracted = trafilatura.extract(
                resp.body, favor_precision=True, include_comments=False, include_tables=False
            )
        except Exception as exc:  # a third-party page must not stop the poll, whatever trafilatura does
            log.warning("full text of %s not extracted: %s: %s", url, type(exc).__name__, exc)
            return None
        return extracted or None
