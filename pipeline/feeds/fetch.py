"""Get a feed document from a URL or a local file: conditional GET, permanent redirects reported
(so the feed's URL can be updated), Retry-After on refusals. The network side (address vetting,
deadline, decoded-size cap) is pipeline.feeds.http."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

from pipeline.feeds.http import USER_AGENT, AddressPolicy, FetchError, GuardedClient
from pipeline.feeds.schedule import retry_after_s

__all__ = ["USER_AGENT", "FetchError", "Fetched", "fetch", "make_client"]
_PERMANENT = frozenset({301, 308})


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    fetched_at: datetime
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    permanent_url: str = ""  # set when every redirect on the way was permanent (301/308)
    seconds: float = 0.0


def _read_local(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as f:
            body = f.read(max_bytes + 1)
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(body) > max_bytes:
        raise FetchError(f"{path} is larger than the {max_bytes}-byte cap")
    return body


def make_client(timeout_s: float = 20.0, policy: AddressPolicy | None = None) -> GuardedClient:
    """One pooled client for all feeds (thread-safe); redirects followed, at most 5."""
    return GuardedClient(policy or AddressPolicy(), timeout_s)


def fetch(
    url: str,
    timeout_s: float = 20.0,
    max_bytes: int = 20 * 1024 * 1024,
    client: GuardedClient | None = None,
    etag: str = "",
    last_modified: str = "",
) -> Fetched:
    now = datetime.now(timezone.utc)
    scheme = urlparse(url).scheme
    if scheme in ("", "file"):
        path = Path(urlparse(url).path if scheme == "file" else url)
        # a file has no Content-Type; declaring XML keeps feedparser from flagging every poll
        return Fetched(url, _read_local(path, max_bytes), now, headers={"content-type": "application/xml"})
    if scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {scheme!r}")
    conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
    http = client or make_client(timeout_s)
    try:
        resp = http.get(url, max_bytes, conditional)
    finally:
        if client is None:
            http.close()
    permanent = resp.url if resp.redirects and all(s in _PERMANENT for s in resp.redirects) else ""
    if resp.status >= 400:
        raise FetchError(
            f"HTTP {resp.status} from {url}", resp.status, retry_after_s(resp.headers.get("retry-after"), time.time())
        )
    return Fetched(resp.url, resp.body, now, resp.status, resp.headers, permanent, resp.seconds)
