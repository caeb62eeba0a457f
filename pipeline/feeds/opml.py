"""OPML, the subscription list every feed reader imports and exports, to and from feeds.toml."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from pipeline.feeds.config import FeedSpec, load_feeds


class OpmlError(ValueError):
    """Not an OPML subscription list."""


def parse_opml(data: bytes) -> list[FeedSpec]:
    """Every <outline> with an xmlUrl, at any depth (readers nest them in folders); the name from
    title, else text."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"not well-formed XML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise OpmlError(f"the root element is <{root.tag}>, not <opml>")
    feeds: list[FeedSpec] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            name = (outline.get("title") or outline.get("text") or "").strip()
            feeds.append(FeedSpec(url, name, (outline.get("language") or "").strip()))
    return feeds


def to_opml(feeds: list[FeedSpec], title: str = "newsflow feeds") -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', f"  <head><title>{title}</title></head>"]
    lines.append("  <body>")
    for f in feeds:
        name = f.name or f.url
        extra = f" language={quoteattr(f.language)}" if f.language else ""
        lines.append(
            f'    <outline type="rss" text={quoteattr(name)} title={quoteattr(name)} xmlUrl={quoteattr(f.url)}{extra}/>'
        )
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Added:
    added: int
    known: int  # already in the list
    repeated: int  # a URL the OPML file lists more than once: its first outline counts


def add_to_feed_list(path: Path, feeds: list[FeedSpec]) -> Added:
    """Append the feeds not yet in the TOML list at `path` (created if missing)."""
    known = {f.url for f in load_feeds(path)} if path.exists() else set()
    first: dict[str, FeedSpec] = {}
    for f in feeds:
        first.setdefault(f.url, f)
    new = [f for url, f in first.items() if url not in known]
    blocks = []
    for f in new:
        block = [f"[[feeds]]\nurl = {json.dumps(f.url, ensure_ascii=False)}"]
        if f.name:
            block.append(f"name = {json.dumps(f.name, ensure_ascii=False)}")
        if f.language:
            block.append(f"language = {json.dumps(f.language, ensure_ascii=False)}")
        blocks.append("\n".join(block))
    if blocks:
        path.parent.mkdir(parents=True, exist_ok=True)
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
        path.write_text(existing + separator + "\n\n".join(blocks) + "\n", encoding="utf-8")
    return Added(len(new), len(first) - len(new), len(feeds) - len(first))
