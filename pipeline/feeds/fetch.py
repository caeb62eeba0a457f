"""Get a feed document from a URL or a local file, with a timeout and a size cap."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

import httpx

from pipeline import __version__

USER_AGENT = f"newsflow/{__version__} (+https://github.com/newsflow)"


class FetchError(Exception):
    """A feed could not be fetched; the message is the dead-letter reason."""


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    fetched_at: datetime
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def _read_local(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as f:
            body = f.read(max_bytes + 1)
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(body) > max_bytes:
        raise FetchError(f"{path} is larger than the {max_bytes}-byte cap")
    return body


def fetch(
    url: str, timeout_s: float = 20.0, max_bytes: int = 20 * 1024 * 1024, client: httpx.Client | None = None
) -> Fetched:
    now = datetime.now(timezone.utc)
    scheme = urlparse(url).scheme
    if scheme in ("", "file"):
        path = Path(urlparse(url).path if scheme == "file" else url)
        # a file has no Content-Type; declaring XML keeps feedparser from flagging every poll
        return Fetched(url, _read_local(path, max_bytes), now, headers={"content-type": "application/xml"})
    if scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {scheme!r}")
    own = client is None
    http = client or httpx.Client(timeout=timeout_s, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    try:
        with http.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"HTTP {resp.status_code} from {url}")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} is larger than the {max_bytes}-byte cap")
                chunks.append(chunk)
            return Fetched(str(resp.url), b"".join(chunks), now, resp.status_code, dict(resp.headers))
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__} fetching {url}: {exc}") from exc
    finally:
        if own:
            http.close()
