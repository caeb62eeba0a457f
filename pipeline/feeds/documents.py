"""Feed documents to replay: an archive directory, WARC files (.warc, .warc.gz) or plain feed files
(.xml, .rss, .atom, .json, optionally .gz). Each document keeps a stable id so a backfill can
record what it finished and resume after a kill."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from warcio.archiveiterator import ArchiveIterator

from pipeline.feeds.archive import Archive, ArchivedFetch
from pipeline.feeds.inflate import DecodeError, decoded

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # as the reader's max_feed_bytes: a replay is no bigger than a fetch


@dataclass(frozen=True)
class Document:
    doc_id: str  # stable: archive sha256 + fetch time, WARC record id, or file path + size
    url: str
    body: bytes
    fetched_at: datetime
    content_type: str = ""
    error: str = ""  # set when the document could not be read: it becomes a dead letter


def archived_documents(archive: Archive, since: datetime | None = None) -> Iterator[Document]:
    """The archive's fetched documents (those fetched at or after `since`, when given), oldest day first."""
    for fetch in archive.fetches(since_day=since.astimezone(timezone.utc).strftime("%Y-%m-%d") if since else ""):
        if fetch.status != 200 or (since is not None and datetime.fromisoformat(fetch.fetched_at) < since):
            continue
        try:
            body = archive.read(fetch.sha256)
        except OSError:
            continue  # an index line whose object is gone: nothing to replay
        yield archived_document(fetch, body)


def _from_warc(path: Path) -> Iterator[Document]:
    uri = path.resolve().as_uri()
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Document(f"{uri}:damaged", uri, b"", _now(), error=f"WARC: {exc}")
        return
    with stream:
        yield from warc_documents(stream, uri)


def warc_documents(stream: BinaryIO, uri: str) -> Iterator[Document]:
    """Response records with status 200 of a WARC stream (any filesystem); a corrupt file ends in
    one error Document, after the records read before the damage."""
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            yield _warc_document(record, uri)
    except Exception as exc:  # warcio's ArchiveLoadFailed, zlib and OS errors: the file is damaged
        yield Document(f"{uri}:damaged", uri, b"", _now(), error=f"WARC: {exc}")


def _warc_document(record: Any, uri: str) -> Document:
    body = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)  # decoded by warcio block by block
    date = record.rec_headers.get_header("WARC-Date") or ""
    try:
        when = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        when = _now()
    return Document(
        record.rec_headers.get_header("WARC-Record-ID") or hashlib.sha256(body).hexdigest(),
        record.rec_headers.get_header("WARC-Target-URI") or uri,
        body if len(body) <= MAX_DOCUMENT_BYTES else b"",
        when,
        record.http_headers.get_header("Content-Type") or "",
        "" if len(body) <= MAX_DOCUMENT_BYTES else f"record larger than {MAX_DOCUMENT_BYTES} bytes",
    )


def _from_file(path: Path) -> Document:
    uri = path.resolve().as_uri()
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_DOCUMENT_BYTES + 1)
        when = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except OSError as exc:
        return Document(f"{path.resolve()}:unreadable", uri, b"", _now(), error=str(exc))
    return file_document(raw, f"{path.resolve()}", uri, when, path.suffix == ".gz")


def file_document(raw: bytes, name: str, uri: str, when: datetime, gzipped: bool) -> Document:
    """A feed file read up to MAX_DOCUMENT_BYTES + 1 bytes (more means too large); a gzipped one is
    inflated with the same cap as a fetched body (a gzip bomb stops at the cap). An unreadable
    file is a Document with `error` set."""
    doc_id = f"{name}:{len(raw)}:{hashlib.sha256(raw).hexdigest()[:16]}"
    if len(raw) > MAX_DOCUMENT_BYTES:
        return Document(doc_id, uri, b"", when, error=f"larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        body = b"".join(decoded([raw], "gzip", MAX_DOCUMENT_BYTES)) if gzipped else raw
    except DecodeError as exc:
        return Document(doc_id, uri, b"", when, error=str(exc))
    return Document(doc_id, uri, body, when)


def archived_document(fetch: ArchivedFetch, body: bytes) -> Document:
    return Document(
        f"{fetch.sha256}@{fetch.fetched_at}",
        fetch.url,
        body,
        datetime.fromisoformat(fetch.fetched_at),
        fetch.content_type,
    )


def _now() -> datetime:
    return datetime.now(timezone.utc)


def iter_documents(paths: Iterable[Path]) -> Iterator[Document]:
    for path in paths:
        if path.is_dir() and Archive(path).is_archive():
            yield from archived_documents(Archive(path))
        elif path.is_dir():
            yield from iter_documents(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.name.endswith((".warc", ".warc.gz")):
            yield from _from_warc(path)
        elif path.is_file():
            yield _from_file(path)
