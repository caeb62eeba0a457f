"""Every fetched feed document, stored so it can be replayed (backfill).

Layout under the archive root:
    objects/ab/abcdef….gz        the body, gzip, named by the SHA-256 of the body (content-addressed:
                                 a feed fetched unchanged a thousand times is stored once)
    fetches/YYYY-MM-DD.jsonl     one line per fetch: sha256, url, fetched_at, status, content_type
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class ArchivedFetch:
    sha256: str
    url: str
    fetched_at: str  # ISO 8601, UTC
    status: int = 200
    content_type: str = ""


class Archive:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()

    def object_path(self, sha256: str) -> Path:
        return self.root / object_name(sha256)

    def store(self, body: bytes, url: str, fetched_at: datetime, status: int = 200, content_type: str = "") -> str:
        sha = hashlib.sha256(body).hexdigest()
        path = self.object_path(sha)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{sha}.{uuid.uuid4().hex}.tmp")
            with gzip.open(tmp, "wb", compresslevel=6) as f:
                f.write(body)
            os.replace(tmp, path)  # atomic: a reader never sees half an object
        record = ArchivedFetch(sha, url, fetched_at.isoformat(), status, content_type)
        index = self.root / "fetches" / f"{fetched_at:%Y-%m-%d}.jsonl"
        with self._lock:
            index.parent.mkdir(parents=True, exist_ok=True)
            with index.open("a", encoding="utf-8") as f:
                f.write(json.dumps(asdict(record)) + "\n")
        return sha

    def read(self, sha256: str) -> bytes:
        with gzip.open(self.object_path(sha256), "rb") as f:
            return f.read()

    def fetches(self, since_day: str = "") -> Iterator[ArchivedFetch]:
        """Every fetch (of days from since_day on, YYYY-MM-DD), oldest day first; a torn last line
        (a crash mid-write) is skipped."""
        for index in sorted((self.root / "fetches").glob("*.jsonl")):
            if index.stem >= since_day:
                yield from index_lines(index.read_text(encoding="utf-8"))

    def is_archive(self) -> bool:
        return (self.root / "fetches").is_dir()


def index_lines(text: str) -> Iterator[ArchivedFetch]:
    """The fetches of one index file; a torn or foreign line is skipped."""
    for line in text.splitlines():
        try:
            yield ArchivedFetch(**json.loads(line))
        except (ValueError, TypeError):
            continue


def object_name(sha256: str) -> str:
    """An object's path relative to the archive root (the same on every filesystem)."""
    return f"objects/{sha256[:2]}/{sha256}.gz"
