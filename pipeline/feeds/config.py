"""The feed list: a TOML file with one [[feeds]] table per feed.

[[feeds]]
url = "https://example.org/rss.xml"   # or a local path, relative to this file
name = "Example News"                 # optional; defaults to the feed's own title
language = "en"                       # optional; overrides the feed's declaration
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomllib


@dataclass(frozen=True)
class FeedSpec:
    url: str
    name: str = ""
    language: str = ""
    full_text: bool = False


def load_feeds(path: Path) -> list[FeedSpec]:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read feed list {path}: {exc}") from exc
    feeds: list[FeedSpec] = []
    for i, item in enumerate(doc.get("feeds", [])):
        url = str(item.get("url", "")).strip()
        if not url:
            raise ValueError(f"{path}: feeds[{i}] has no url")
        if "://" not in url:
            url = str((path.parent / url).resolve())
        feeds.append(
            FeedSpec(url, str(item.get("name", "")), str(item.get("language", "")), bool(item.get("full_text", False)))
        )
    return feeds
