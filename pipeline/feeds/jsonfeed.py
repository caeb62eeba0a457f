"""JSON Feed 1.0/1.1 (jsonfeed.org), which feedparser does not read, mapped to the entry keys the
normaliser uses for feedparser's entries."""

from __future__ import annotations

import json
from typing import Any

_JSON_FEED = "https://jsonfeed.org/version/"


def looks_like_json_feed(body: bytes) -> bool:
    head = body[:512].lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version" in body[:4096]


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    """JSON Feed's text fields are plain text by the spec (title, summary, content_text); only
    content_html is HTML. Dates stay strings: the normaliser parses and range-checks them."""
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    authors = authors if isinstance(authors, list) else []
    html, text = item.get("content_html"), item.get("content_text")
    content = [{"value": html, "type": "text/html"}] if html else []
    if text and not html:
        content = [{"value": text, "type": "text/plain"}]
    entry: dict[str, Any] = {
        "id": item.get("id", ""),
        "link": item.get("url") or item.get("external_url") or "",
        "title": item.get("title") or "",
        "title_detail": {"type": "text/plain"},
        "summary": item.get("summary") or "",
        "summary_detail": {"type": "text/plain"},
        "content": content,
        "authors": [{"name": a.get("name", "")} for a in authors if isinstance(a, dict)],
    }
    for key, src in (("published", "date_published"), ("updated", "date_modified")):
        if item.get(src):
            entry[key] = item[src]
    return entry


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def parse_json_feed(body: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(feed metadata, entries); raises ValueError on anything that is not a JSON Feed."""
    doc = json.loads(body.decode("utf-8-sig"))
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(_JSON_FEED):
        raise ValueError("not a JSON Feed (no jsonfeed.org version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise ValueError("JSON Feed without an items list")
    home = doc.get("home_page_url")
    meta = {
        "title": _text(doc.get("title")),
        "language": _text(doc.get("language")),
        "link": home if isinstance(home, str) and home.startswith(("http://", "https://")) else "",
    }
    return meta, [_entry(i) for i in items if isinstance(i, dict)]
