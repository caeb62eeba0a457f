"""Feed documents to replay: an archive directory, WARC files (.warc, .warc.gz) or plain feed files
(.xml, .rss, .atom, .json, optionally .gz). Each document keeps a stable id so a backfill can
record what it finished and resume after a kill."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from warcio.archiveiterator import ArchiveIterator

from pipeline.feeds.archive import Archive


@dataclass(frozen=True)
class Document:
    doc_id: str  # stable: archive sha256 + fetch time, WARC record id, or file path + size
    url: str
    body: bytes
    fetched_at: datetime
    content_type: str = ""


def _from_archive(archive: Archive) -> Iterator[Document]:
    for fetch in archive.fetches():
        if fetch.status != 200:
            continue
        try:
            body = archive.read(fetch.sha256)
        except OSError:
            continue  # an index line whose object is gone: nothing to replay
        yield Document(
            f"{fetch.sha256}@{fetch.fetched_at}",
            fetch.url,
            body,
            datetime.fromisoformat(fetch.fetched_at),
            fetch.content_type,
        )


def _from_warc(path: Path) -> Iterator[Document]:
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            body = record.content_stream().read()
            date = record.rec_headers.get_header("WARC-Date") or ""
            try:
                when = datetime.fromisoformat(date.replace("Z", "+00:00"))
            except ValueError:
                when = datetime.now(timezone.utc)
            yield Document(
                record.rec_headers.get_header("WARC-Record-ID") or hashlib.sha256(body).hexdigest(),
                record.rec_headers.get_header("WARC-Target-URI") or path.as_uri(),
                body,
                when,
                record.http_headers.get_header("Content-Type") or "",
            )


def _from_file(path: Path) -> Document:
    raw = path.read_bytes()
    body = gzip.decompress(raw) if path.suffix == ".gz" else raw
    when = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    return Document(
        f"{path.resolve()}:{len(raw)}:{hashlib.sha256(raw).hexdigest()[:16]}", path.resolve().as_uri(), body, when
    )


def iter_documents(paths: Iterable[Path]) -> Iterator[Document]:
    for path in paths:
        if path.is_dir() and Archive(path).is_archive():
            yield from _from_archive(Archive(path))
        elif path.is_dir():
            yield from iter_documents(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.name.endswith((".warc", ".warc.gz")):
            yield from _from_warc(path)
        elif path.is_file():
            yield _from_file(path)
