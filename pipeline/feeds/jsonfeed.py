"""JSON Feed 1.0/1.1 (jsonfeed.org), which feedparser does not read, mapped to the entry keys the
normaliser uses for feedparser's entries."""

from __future__ import annotations

import json
from datetime import datetime
from email.utils import format_datetime
from typing import Any

_JSON_FEED = "https://jsonfeed.org/version/"


def looks_like_json_feed(body: bytes) -> bool:
    head = body[:512].lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version" in body[:4096]


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    html = item.get("content_html") or ""
    text = item.get("content_text") or ""
    entry: dict[str, Any] = {
        "id": str(item.get("id", "")),
        "link": item.get("url") or item.get("external_url") or "",
        "title": item.get("title") or "",
        "summary": item.get("summary") or "",
        "content": [{"value": html or text}] if (html or text) else [],
        "authors": [{"name": a.get("name", "")} for a in authors if isinstance(a, dict)],
    }
    for key, src in (("published", "date_published"), ("updated", "date_modified")):
        raw = item.get(src)
        if raw:
            entry[key] = raw
            try:
                when = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
            except ValueError:
                continue
            if when.tzinfo is not None:
                entry[f"{key}_parsed"] = when.utctimetuple()
            else:
                entry[key] = format_datetime(when)  # naive: the normaliser flags it as assumed UTC
    return entry


def parse_json_feed(body: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(feed metadata, entries); raises ValueError on anything that is not a JSON Feed."""
    doc = json.loads(body.decode("utf-8-sig"))
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(_JSON_FEED):
        raise ValueError("not a JSON Feed (no jsonfeed.org version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise ValueError("JSON Feed without an items list")
    meta = {"title": doc.get("title", ""), "language": doc.get("language", "")}
    return meta, [_entry(i) for i in items if isinstance(i, dict)]
