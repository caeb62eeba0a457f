"""Golden feeds: each tests/golden/feeds/X.xml is parsed and normalised, and compared with X.json
beside it (feedparser's wellformed-tests habit). Add a case by adding a pair of files."""

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.feeds.normalise import EntryError, normalise_entry
from pipeline.feeds.parse import parse_feed

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "feeds"
CASES = sorted([*GOLDEN.glob("*.xml"), *GOLDEN.glob("*.jsonfeed")])


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_feed(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    parsed = parse_feed(path.read_bytes(), path.as_uri())
    if "error" in expected:
        assert expected["error"] in parsed.error
        return
    assert not parsed.error
    articles, rejected = [], 0
    for entry in parsed.entries:
        try:
            articles.append(
                normalise_entry(
                    entry,
                    path.as_uri(),
                    parsed.title,
                    parsed.language,
                    datetime(2026, 11, 25, tzinfo=timezone.utc),
                    parsed.link,
                )
            )
        except EntryError:
            rejected += 1
    assert rejected == expected.get("rejected", 0)
    assert len(articles) == len(expected["articles"])
    for article, want in zip(articles, expected["articles"], strict=False):
        assert len(article.article_id) == 32
        for key in ("title", "url", "guid", "language", "published_at_assumed_utc"):
            if key in want:
                assert getattr(article, key) == want[key], key
        if "published_at" in want:
            assert article.published_at.ToJsonString() == want["published_at"]
        else:
            assert not article.HasField("published_at") or "published_at_assumed_utc" in want
        assert article.content_text == want["text"]
        got = [[q.text, q.speaker] for q in extract(article.content_text).quotes]
        assert got == want["quotes"]
