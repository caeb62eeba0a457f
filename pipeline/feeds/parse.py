"""Parse a feed document with feedparser. Returns, never raises: a malformed feed becomes a
ParsedFeed with an error (the reader turns it into a dead letter) and the schedule goes on."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import feedparser

from pipeline.feeds.jsonfeed import looks_like_json_feed, parse_json_feed
from pipeline.feeds.xmlguard import EntityBomb, check_entities

# bozo exceptions that still leave a usable feed (declared vs. actual encoding mismatch, etc.)
_BENIGN = ("CharacterEncodingOverride", "NonXMLContentType")


@dataclass(frozen=True)
class ParsedFeed:
    url: str
    title: str = ""
    language: str = ""
    link: str = ""  # the feed's own http(s) <link>: the base for entries' relative links
    entries: list[Any] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # feed-level elements (ttl, sy:updatePeriod, …)
    error: str = ""  # fatal: nothing usable
    warning: str = ""  # feedparser's bozo note on a feed that still parsed


# longest first: a UTF-32 LE mark starts with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECL_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding=)["'][^"']+["']""")
_CHARSET = re.compile(r";\s*charset=[^;]*", re.I)


def _bom_to_utf8(body: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """A byte-order mark outranks the charset of a (often stale) Content-Type header and the XML
    declaration: decode by it and hand feedparser UTF-8 with both corrected. feedparser misreads
    UTF-16 documents with a mark, and trusts a header that contradicts it."""
    found = next(((bom, codec) for bom, codec in _BOMS if body.startswith(bom)), None)
    if found is None:
        return body, headers
    bom, codec = found
    try:
        text = body[len(bom) :].decode(codec)
    except UnicodeDecodeError:
        return body, headers
    text = _XML_DECL_ENCODING.sub(r'\1"utf-8"', text, count=1)
    fixed = dict(headers)
    if "content-type" in fixed:
        fixed["content-type"] = _CHARSET.sub("", fixed["content-type"]) + "; charset=utf-8"
    return text.encode("utf-8"), fixed


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _storable_ref(match: re.Match[bytes]) -> bytes:
    hexa, decimal = match.groups()
    code = int(hexa, 16) if hexa else int(decimal)
    if code == 0:
        return b""
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group()


def _repair_char_refs(body: bytes) -> bytes:
    """Character references to a lone surrogate or beyond Unicode become U+FFFD, and to NUL
    nothing: feedparser raises UnicodeEncodeError on the first and drops the whole document,
    where only the one field is wrong."""
    return _CHAR_REF.sub(_storable_ref, body) if b"&#" in body else body


def parse_feed(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed:
    """`headers` are the HTTP response headers: feedparser uses Content-Type for the encoding.
    Relative links resolve against xml:base, else the document's URL when it is http(s) (a
    file:// base would turn every relative link into an unusable file URL; the normaliser then
    resolves them against the feed's own <link>)."""
    lower = {k.lower(): v for k, v in (headers or {}).items()}
    body, lower = _bom_to_utf8(body, lower)
    if looks_like_json_feed(body):
        try:
            meta, entries = parse_json_feed(body)
        except Exception as exc:  # ValueError mostly; RecursionError for absurd nesting
            return ParsedFeed(url, error=f"bad JSON Feed: {type(exc).__name__}: {exc}")
        return ParsedFeed(url, meta["title"], meta["language"], meta["link"], entries)
    body = _repair_char_refs(body)
    try:
        check_entities(body)
    except EntityBomb as exc:
        return ParsedFeed(url, error=str(exc))
    if urlsplit(url).scheme in ("http", "https"):
        lower.setdefault("content-location", url)
    try:
        parsed = feedparser.parse(
            body,
            response_headers=lower,
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
    link = str(meta.get("link", ""))
    return ParsedFeed(
        url,
        str(meta.get("title", "")),
        str(meta.get("language", "")),
        link if urlsplit(link).scheme in ("http", "https") else "",
        list(parsed.entries),
        dict(meta),
        warning=note,
    )
