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


class FeedListError(ValueError):
    """The feed list cannot be used; the message says where and what to do."""


DEFAULT_FEEDS = Path("examples/feeds.toml")  # Settings.feeds_file's default, relative to the working directory
# The example list ships beside the package in a checkout: the default works from any directory.
EXAMPLE_FEEDS = Path(__file__).resolve().parents[2] / DEFAULT_FEEDS


def resolve_feed_list(path: Path) -> Path:
    """`path`, or the checkout's example list when the default relative path is not here."""
    if not path.exists() and path == DEFAULT_FEEDS and EXAMPLE_FEEDS.exists():
        return EXAMPLE_FEEDS
    return path


def load_feeds(path: Path) -> list[FeedSpec]:
    path = resolve_feed_list(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FeedListError(f"feed list {path} not found (in {Path.cwd()}); pass --feeds FILE") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedListError(f"feed list {path} cannot be read: {exc}") from exc
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FeedListError(f"feed list {path} is not valid TOML: {exc}") from exc
    items = doc.get("feeds", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise FeedListError(
            f'feed list {path}: "feeds" must be an array of tables ([[feeds]] with url = "…"), '
            f"not {type(items).__name__}"
        )
    feeds: list[FeedSpec] = []
    for i, item in enumerate(items):
        url = str(item.get("url", "")).strip()
        if not url:
            raise FeedListError(f"feed list {path}: feeds[{i}] has no url")
        if "://" not in url:
            url = str((path.parent / url).resolve())
        feeds.append(
            FeedSpec(url, str(item.get("name", "")), str(item.get("language", "")), bool(item.get("full_text", False)))
        )
    return feeds
