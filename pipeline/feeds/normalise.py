"""A feedparser entry -> RawArticle with a deterministic id."""

from __future__ import annotations

import calendar
import email.utils
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import nh3
from google.protobuf.timestamp_pb2 import Timestamp

from pipeline import ids
from pipeline.feeds.html import html_to_text
from pipeline.schema import RawArticle

_HAS_TZ = re.compile(r"(?:Z|[+-]\d\d:?\d\d|\b(?:GMT|UTC|UT|[ECMP][SD]T|[A-Z]{3,4}))\s*$")


class EntryError(ValueError):
    """An entry that cannot become an article; the message is the dead-letter reason."""


def _timestamp(dt: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(dt.astimezone(timezone.utc).replace(tzinfo=None))
    return ts


def _parse_date(raw: str) -> datetime | None:
    """Dates feedparser gave up on (e.g. RFC 822 without a zone); naive results stay naive."""
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def _published(entry: Any) -> tuple[Timestamp | None, bool]:
    """(timestamp, assumed_utc): assumed_utc flags a date given without a timezone."""
    for key in ("published", "updated", "created"):
        raw = str(entry.get(key, "")).strip()
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return Timestamp(seconds=calendar.timegm(parsed)), not _HAS_TZ.search(raw)
        if raw and (dt := _parse_date(raw)) is not None:
            naive = dt.tzinfo is None
            return _timestamp(dt.replace(tzinfo=timezone.utc) if naive else dt), naive
    return None, False


def _body_html(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    return best or entry.get("summary", "") or ""


def normalise_entry(entry: Any, feed_url: str, source_name: str, language: str, fetched_at: datetime) -> RawArticle:
    url = str(entry.get("link", "")).strip()
    if urlsplit(url).scheme not in ("http", "https"):
        url = ""  # feedparser copies a non-URL id ("urn:…") into link
    guid = str(entry.get("id", "")).strip()
    try:
        article_id = ids.article_id(url, feed_url, guid)
    except ValueError as exc:
        raise EntryError(f"entry {entry.get('title', '')!r} has neither a link nor a GUID") from exc
    body_html = nh3.clean(_body_html(entry))  # consumers may render it: no scripts, handlers or styles
    text = html_to_text(body_html)
    if not text and not entry.get("title"):
        raise EntryError(f"entry {url or guid} has no title and no text")
    article = RawArticle(
        article_id=article_id,
        feed_url=feed_url,
        url=url,
        guid=guid,
        title=html_to_text(str(entry.get("title", ""))),
        summary=html_to_text(str(entry.get("summary", ""))),
        content_text=text,
        content_html=body_html,
        authors=[a.get("name", "") for a in entry.get("authors", []) if a.get("name")],
        language=language,
        source_name=source_name,
    )
    published, assumed = _published(entry)
    if published is not None:
        article.published_at.CopyFrom(published)
        article.published_at_assumed_utc = assumed
    article.fetched_at.CopyFrom(_timestamp(fetched_at))
    return article
