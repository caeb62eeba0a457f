"""Get a feed document from a URL or a local file: timeouts (per read and in total), a size cap,
conditional GET, redirects (permanent ones are reported so the feed's URL can be updated) and
Retry-After on refusals."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

import httpx

from pipeline import __version__
from pipeline.feeds.schedule import retry_after_s

USER_AGENT = f"newsflow/{__version__} (feed reader)"
_PERMANENT = frozenset({301, 308})


class FetchError(Exception):
    """A feed could not be fetched; the message is the dead-letter reason."""

    def __init__(self, message: str, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


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


def make_client(timeout_s: float = 20.0) -> httpx.Client:
    """One pooled client for all feeds (thread-safe); redirects followed, at most 5."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
        follow_redirects=True,
        max_redirects=5,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
    )


def fetch(
    url: str,
    timeout_s: float = 20.0,
    max_bytes: int = 20 * 1024 * 1024,
    client: httpx.Client | None = None,
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
    own = client is None
    http = client or make_client(timeout_s)
    started = time.monotonic()
    try:
        with http.stream("GET", url, headers=conditional) as resp:
            headers = {k.lower(): v for k, v in resp.headers.items()}
            permanent = str(resp.url) if resp.history and all(r.status_code in _PERMANENT for r in resp.history) else ""
            if resp.status_code == 304:
                return Fetched(str(resp.url), b"", now, 304, headers, permanent, time.monotonic() - started)
            if resp.status_code >= 400:
                raise FetchError(
                    f"HTTP {resp.status_code} from {url}",
                    resp.status_code,
                    retry_after_s(headers.get("retry-after"), time.time()),
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} is larger than the {max_bytes}-byte cap", resp.status_code)
                if time.monotonic() - started > timeout_s:
                    raise FetchError(
                        f"{url} took longer than {timeout_s:.0f}s in total (slow response)", resp.status_code
                    )
                chunks.append(chunk)
            return Fetched(
                str(resp.url), b"".join(chunks), now, resp.status_code, headers, permanent, time.monotonic() - started
            )
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__} fetching {url}: {exc}") from exc
    finally:
        if own:
            http.close()
