"""A feedparser entry -> RawArticle with a deterministic id.

Entries are third-party data: every field may be missing, of the wrong type or absurd. A date
that cannot be a publication date (the MySQL zero date, year 9999, beyond what a timestamp holds)
is dropped, not fatal; a link that is not a usable http(s) URL counts as no link."""

from __future__ import annotations

import email.utils
import html
import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3
from google.protobuf.timestamp_pb2 import Timestamp

from pipeline import ids
from pipeline.feeds.html import html_to_text, plain_text
from pipeline.schema import RawArticle
from pipeline.storable import clean_strings, storable

_HAS_TZ = re.compile(r"(?:Z|[+-]\d\d:?\d\d|\b(?:GMT|UTC|UT|[ECMP][SD]T|[A-Z]{3,4}))\s*$")
_EARLIEST = datetime(1800, 1, 1, tzinfo=timezone.utc)
_FUTURE_SLACK = timedelta(days=2)  # clocks and time zones of publishers are off; years are not
_PLAIN = frozenset({"text/plain", "text"})


class EntryError(ValueError):
    """An entry that cannot become an article; the message is the dead-letter reason."""


def _str(value: Any) -> str:
    """A field as text: non-text values are "", numbers their digits, and characters no sink can
    store (NUL, lone surrogates from JSON escapes or character references) dealt with."""
    if not isinstance(value, str):
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
    return storable(value)


def _timestamp(dt: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(dt.astimezone(timezone.utc).replace(tzinfo=None))
    return ts


def _parse_date(raw: str) -> datetime | None:
    """Dates feedparser gave up on (e.g. RFC 822 without a zone); naive results stay naive."""
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        return None


def _from_struct(parsed: Any) -> datetime | None:
    """feedparser's UTC struct_time; an impossible one (year 0, say) is None."""
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def _published(entry: Any, fetched_at: datetime) -> tuple[Timestamp | None, bool]:
    """(timestamp, assumed_utc): assumed_utc flags a date given without a timezone. Dates before
    1800 or more than two days after the fetch are not publication dates and are skipped."""
    latest = fetched_at + _FUTURE_SLACK
    for key in ("published", "updated", "created"):
        raw = _str(entry.get(key)).strip()
        when, naive = _from_struct(entry.get(f"{key}_parsed")), not _HAS_TZ.search(raw)
        if when is None and raw and (dt := _parse_date(raw)) is not None:
            naive = dt.tzinfo is None
            try:
                when = dt.replace(tzinfo=timezone.utc) if naive else dt.astimezone(timezone.utc)
            except (ValueError, OverflowError):  # 9999-12-31T23:59:59-01:00 is past datetime's range
                when = None
        if when is not None and _EARLIEST <= when <= latest:
            return _timestamp(when), naive
    return None, False


def _text(entry: Any, key: str) -> str:
    """A text construct by its declared type: plain text is kept as written, HTML made text."""
    value = _str(entry.get(key))
    detail = entry.get(f"{key}_detail")
    plain = isinstance(detail, dict) and detail.get("type") in _PLAIN
    return plain_text(value) if plain else html_to_text(value)


def _body(entry: Any) -> tuple[str, str]:
    """(sanitised HTML, text) of the longest content, else the summary."""
    contents = [c for c in entry.get("content") or [] if isinstance(c, dict) and _str(c.get("value"))]
    best = max(contents, key=lambda c: len(_str(c.get("value"))), default=None)
    if best is None:
        summary = _str(entry.get("summary"))
        detail = entry.get("summary_detail")
        best = {"value": summary, "type": detail.get("type", "") if isinstance(detail, dict) else ""}
    value = _str(best.get("value"))
    if best.get("type") in _PLAIN:
        text = plain_text(value)
        return html.escape(text), text
    body_html = nh3.clean(value)  # consumers may render it: no scripts, handlers or styles
    return body_html, html_to_text(body_html)


_EDGE = "".join(map(chr, range(33)))  # C0 controls and space, which URL parsers strip at both ends
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _link(raw: str, base: str) -> str:
    """An absolute http(s) URL, resolving a relative one against `base`; else "". Inner spaces
    are percent-encoded, a control character makes it no URL."""
    raw = raw.strip(_EDGE).replace(" ", "%20")
    if _CONTROL.search(raw):
        return ""
    try:
        if raw and not urlsplit(raw).scheme and base:
            raw = urljoin(base, raw)
        parts = urlsplit(raw)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return ""  # feedparser copies a non-URL id ("urn:…") into link
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number in range)
    except ValueError:
        return ""
    return raw


def normalise_entry(
    entry: Any, feed_url: str, source_name: str, language: str, fetched_at: datetime, base_url: str = ""
) -> RawArticle:
    """`base_url` resolves relative links (the feed's own <link>); default: the feed URL when http(s)."""
    url = _link(_str(entry.get("link")), base_url or _link(feed_url, ""))
    guid = _str(entry.get("id")).strip()
    try:
        article_id = ids.article_id(url, feed_url, guid)
    except ValueError as exc:
        raise EntryError(f"entry {_str(entry.get('title'))[:200]!r} has neither a link nor a GUID") from exc
    body_html, text = _body(entry)
    title = _text(entry, "title")
    if not text and not title:
        raise EntryError(f"entry {url or guid} has no title and no text")
    authors = entry.get("authors")
    article = RawArticle(
        article_id=article_id,
        feed_url=_str(feed_url),
        url=url,
        guid=guid,
        title=title,
        summary=_text(entry, "summary"),
        content_text=text,
        content_html=body_html,
        authors=[n for a in authors if isinstance(a, dict) and (n := _str(a.get("name")))]
        if isinstance(authors, list)
        else [],
        language=_str(language),
        source_name=_str(source_name),
    )
    published, assumed = _published(entry, fetched_at)
    if published is not None:
        article.published_at.CopyFrom(published)
        article.published_at_assumed_utc = assumed
    article.fetched_at.CopyFrom(_timestamp(fetched_at))
    return clean_strings(article)  # fields derived from markup (entities decoded) too
