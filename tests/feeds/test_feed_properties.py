"""Property-based: any feed document, however hostile, becomes articles or dead letters: never an
exception, in bounded time. The strategies (bench/lib/feed_strategies.py) draw dates, links, text fields,
entity declarations, encodings and formats from what real feeds get wrong; bench/fuzz_feeds.py
runs the same invariant over 100,000 documents."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.lib.feed_strategies import FETCHED_AT, check_document, documents, entries
from pipeline.feeds.normalise import EntryError, normalise_entry

SETTINGS = settings(
    max_examples=300, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow], database=None
)


@SETTINGS
@given(documents())
def test_any_document_gives_articles_or_dead_letters(doc: tuple[bytes, dict[str, str]]) -> None:
    check_document(*doc)


@SETTINGS
@given(entries(surrogates=True), st.sampled_from(["https://f.example/rss", "file:///tmp/f.xml", "", "not a url"]))
def test_any_entry_normalises_or_is_an_entry_error(raw: dict[str, str], feed_url: str) -> None:
    """Entries as feedparser hands them over, fields of any content (dates in `published`, links in `link`)."""
    entry = {
        "title": raw["title"],
        "link": raw["link"],
        "id": raw.get("guid", ""),
        "published": raw.get("date", ""),
        "summary": raw.get("summary", ""),
        "content": [{"value": raw.get("content", "")}],
    }
    try:
        article = normalise_entry(entry, feed_url, "src", "en", FETCHED_AT)
    except EntryError:
        return
    article.SerializeToString()
