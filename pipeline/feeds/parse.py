"""Parse a feed document with feedparser. Returns, never raises: a malformed feed becomes a
ParsedFeed with an error (the reader turns it into a dead letter) and the schedule goes on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import feedparser

from pipeline.feeds.jsonfeed import looks_like_json_feed, parse_json_feed

# bozo exceptions that still leave a usable feed (declared vs. actual encoding mismatch, etc.)
_BENIGN = ("CharacterEncodingOverride", "NonXMLContentType")


@dataclass(frozen=True)
class ParsedFeed:
    url: str
    title: str = ""
    language: str = ""
    entries: list[Any] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # feed-level elements (ttl, sy:updatePeriod, …)
    error: str = ""  # fatal: nothing usable
    warning: str = ""  # feedparser's bozo note on a feed that still parsed


def _utf16_to_utf8(body: bytes) -> bytes:
    """feedparser misreads UTF-16 documents with a byte-order mark; hand it UTF-8 instead."""
    if body[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return body
    try:
        text = body.decode("utf-16")
    except UnicodeDecodeError:
        return body
    return re.sub(r"""encoding=["'][^"']+["']""", 'encoding="utf-8"', text, count=1).encode("utf-8")


def parse_feed(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed:
    """`headers` are the HTTP response headers: feedparser uses Content-Type for the encoding."""
    body = _utf16_to_utf8(body)
    if looks_like_json_feed(body):
        try:
            meta, entries = parse_json_feed(body)
        except (ValueError, UnicodeDecodeError) as exc:
            return ParsedFeed(url, error=f"bad JSON Feed: {exc}")
        return ParsedFeed(url, str(meta["title"]), str(meta["language"]), entries)
    try:
        parsed = feedparser.parse(
            body,
            response_headers={"content-location": url, **{k.lower(): v for k, v in (headers or {}).items()}},
            # feedparser's sanitiser is a pure-Python SGML pass over every HTML body and halves
            # throughput; normalise_entry sanitises with nh3 (Rust) instead
            resolve_relative_uris=False,
            sanitize_html=False,
        )
    except Exception as exc:  # feedparser is meant not to raise; a hostile document must not stop the reader
        return ParsedFeed(url, error=f"feedparser raised {type(exc).__name__}: {exc}")
    bozo = parsed.get("bozo_exception")
    note = f"{type(bozo).__name__}: {bozo}" if bozo else ""
    if not parsed.entries:
        if bozo and type(bozo).__name__ not in _BENIGN:
            return ParsedFeed(url, error=f"not a feed ({note})")
        if not parsed.get("version"):
            return ParsedFeed(url, error="not a feed (no RSS/Atom root element)")
    meta = parsed.get("feed", {})
    return ParsedFeed(
        url, str(meta.get("title", "")), str(meta.get("language", "")), list(parsed.entries), dict(meta), warning=note
    )
