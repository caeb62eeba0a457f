"""Feed documents of five good items, one field of one item (or of the feed) carrying a character
that no sink can store or that a parser chokes on: NUL and lone surrogates as raw characters,
character references and JSON escapes, and other control characters."""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

# in XML (character references and raw characters) and in JSON (escapes and raw characters)
XML_POISONS = ("&#0;", "&#x0;", "&#xD800;", "&#55296;", "&#xDFFF;", "&#x110000;", "\x00", "\x01", "\x1b[31m")
JSON_POISONS = ("\x00", "\ud800", "\udfff", "\x01", "\x1b[31m")

RSS_FIELDS = ("title", "description", "guid", "author", "channel_title")
ATOM_FIELDS = ("title_text", "title_html", "summary", "content", "id", "author", "feed_title")
JSON_FIELDS = ("title", "content_text", "content_html", "id", "author", "feed_title")
ITEMS = 5


@dataclass(frozen=True)
class Poisoned:
    kind: str
    field: str
    poison: str
    body: bytes

    def __str__(self) -> str:
        return f"{self.kind}:{self.field}:{self.poison!r}"


def _item_values(i: int, field: str, poison: str, poisoned_item: int) -> dict[str, str]:
    values = {
        "title": f"Harbour gate {i} reopens",
        "text": f"“Gate {i} reopens at noon,” said harbour master Ines Moreau.",
        "id": f"urn:harbour:{i}",
        "author": "Ines Moreau",
        "link": f"https://harbour.example/{i}",
    }
    if i == poisoned_item:
        key = {"description": "text", "summary": "text", "content": "text", "content_text": "text"}.get(field, field)
        key = {"content_html": "text", "guid": "id", "title_text": "title", "title_html": "title"}.get(key, key)
        if key in values:
            values[key] = values[key][:6] + poison + values[key][6:]
    return values


def _xml_text(value: str, poison: str) -> str:
    """Escaped, except the poison itself, which stays a reference or a raw character."""
    return poison.join(escape(part) for part in value.split(poison)) if poison else escape(value)


def _xml_items(field: str, poison: str, poisoned_item: int) -> list[dict[str, str]]:
    """Each item's values, escaped for XML but for the poison itself."""
    return [
        {k: _xml_text(x, poison) for k, x in _item_values(i, field, poison, poisoned_item).items()}
        for i in range(ITEMS)
    ]


def rss(field: str, poison: str, poisoned_item: int = 2) -> bytes:
    items = "".join(
        f"<item><title>{v['title']}</title><link>{v['link']}</link><guid>{v['id']}</guid>"
        f"<author>{v['author']}</author><description>{v['text']}</description></item>"
        for v in _xml_items(field, poison, poisoned_item)
    )
    title = "Harbour" + (poison if field == "channel_title" else "") + " News"
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://harbour.example/</link>{items}</channel></rss>"
    ).encode("utf-8", "surrogatepass")


def atom(field: str, poison: str, poisoned_item: int = 2) -> bytes:
    title_type = "html" if field == "title_html" else "text"
    body = "content" if field == "content" else "summary"
    entries = "".join(
        f'<entry><title type="{title_type}">{v["title"]}</title><link href="{v["link"]}"/><id>{v["id"]}</id>'
        f"<updated>2026-11-30T10:00:00Z</updated><author><name>{v['author']}</name></author>"
        f'<{body} type="text">{v["text"]}</{body}></entry>'
        for v in _xml_items(field, poison, poisoned_item)
    )
    title = "Harbour" + (poison if field == "feed_title" else "") + " News"
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>'
        f"{entries}</feed>"
    ).encode("utf-8", "surrogatepass")


def json_feed(field: str, poison: str, poisoned_item: int = 2) -> bytes:
    items = []
    for i in range(ITEMS):
        v = _item_values(i, field, poison, poisoned_item)
        body_key = "content_html" if field == "content_html" else "content_text"
        item = {"id": v["id"], "url": v["link"], "title": v["title"], body_key: v["text"]}
        items.append(item | {"authors": [{"name": v["author"]}]})
    title = "Harbour" + (poison if field == "feed_title" else "") + " News"
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items}
    return json.dumps(doc).encode()  # ensure_ascii: surrogates and NUL travel as \\u escapes


def all_poisoned() -> list[Poisoned]:
    out = [Poisoned("rss", f, p, rss(f, p)) for f in RSS_FIELDS for p in XML_POISONS]
    out += [Poisoned("atom", f, p, atom(f, p)) for f in ATOM_FIELDS for p in XML_POISONS]
    out += [Poisoned("json", f, p, json_feed(f, p)) for f in JSON_FIELDS for p in JSON_POISONS]
    return out
