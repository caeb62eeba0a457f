"""Hostile feeds never stop the reader: they parse harmlessly or become a clear error."""

import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipeline.feeds.fetch import FetchError, fetch
from pipeline.feeds.normalise import normalise_entry
from pipeline.feeds.parse import parse_feed

LEVELS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">' for i in range(10))
BOMB = (
    f'<?xml version="1.0"?><!DOCTYPE lolz [{LEVELS}]><rss version="2.0"><channel><title>&lol9;</title>'
    "<item><title>Bomb</title><link>https://bomb.example/1</link><description>&lol9;</description></item>"
    "</channel></rss>"
).encode()


def test_billion_laughs_is_refused_before_parsing() -> None:
    started = time.monotonic()
    parsed = parse_feed(BOMB, "https://bomb.example/rss")
    assert time.monotonic() - started < 2
    assert "expand" in parsed.error and not parsed.entries  # 10^9 "lol"s were never built


def test_quadratic_entity_expansion_is_refused() -> None:
    """One 100 kB entity referenced 10,000 times: expat refuses it, feedparser's loose parser used to
    expand it to 1 GB of text."""
    refs = "&big;" * 10_000
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{"x" * 100_000}">]><rss version="2.0"><channel>'
        f"<title>t</title><item><title>q</title><link>https://q.example/1</link><description>{refs}</description>"
        "</item></channel></rss>"
    ).encode()
    started = time.monotonic()
    parsed = parse_feed(doc, "https://q.example/rss")
    assert time.monotonic() - started < 2
    assert "expand" in parsed.error and not parsed.entries


def test_a_few_short_declared_entities_still_parse() -> None:
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY mdash "&#8212;">]><rss version="2.0">'
        b"<channel><title>t</title><item><title>A&nbsp;B&mdash;C</title><link>https://e.example/1</link>"
        b"</item></channel></rss>"
    )
    parsed = parse_feed(doc, "https://e.example/rss")
    assert not parsed.error
    article = normalise_entry(parsed.entries[0], "https://e.example/rss", "", "", datetime.now(timezone.utc))
    assert article.title == "A B\u2014C"


def test_external_entities_are_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0"><channel>'
        "<title>t</title><item><title>&x;</title><link>https://x.example/1</link></item></channel></rss>"
    ).encode()
    parsed = parse_feed(doc, "https://x.example/rss")
    assert all("TOP-SECRET" not in str(e.get("title", "")) for e in parsed.entries)


def test_oversized_body_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with big.open("wb") as f:
        f.write(b"<rss>" + b" " * (25 * 1024 * 1024))
    with pytest.raises(FetchError, match="cap"):
        fetch(str(big), max_bytes=20 * 1024 * 1024)


@pytest.mark.parametrize("body", [b"\xff\xfe\x00<\x00r\x00s\x00s", b"", b"\x00" * 1000, b"\x89PNG\r\n\x1a\n" * 50])
def test_garbage_is_a_clear_error(body: bytes) -> None:
    assert parse_feed(body, "https://x.example/rss").error.startswith("not a feed")


def test_invalid_utf8_and_utf16_still_parse() -> None:
    bad_utf8 = b"<rss version='2.0'><channel><item><title>caf\xc3\x28</title><link>https://x.example/a</link>"
    assert [e["title"][:3] for e in parse_feed(bad_utf8, "u").entries] == ["caf"]
    utf16 = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>ok</title><item>'
        "<title>Grüße</title><link>https://x.example/b</link></item></channel></rss>"
    ).encode("utf-16")
    assert [e["title"] for e in parse_feed(utf16, "u").entries] == ["Grüße"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
@pytest.mark.parametrize("header", ["application/rss+xml; charset=utf-16", "text/xml; charset=iso-8859-1", ""])
def test_a_byte_order_mark_outranks_a_stale_charset_header(codec: str, header: str) -> None:
    doc = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>ok</title><item>'
        "<title>Grüße, Łódź</title><link>https://x.example/bom</link></item></channel></rss>"
    ).encode(codec)
    parsed = parse_feed(doc, "https://x.example/rss", {"content-type": header} if header else None)
    assert [e["title"] for e in parsed.entries] == ["Grüße, Łódź"]


IMPOSSIBLE = [
    "0000-00-00T00:00:00Z",  # the MySQL zero date
    "9999-12-31T23:59:59-01:00",  # past what a datetime holds, once in UTC
    "Fri, 31 Dec 9999 23:00:00 -0500",
    "0001-01-01T00:00+14:00",  # before what a datetime holds, once in UTC
]


@pytest.mark.parametrize("date", IMPOSSIBLE)
def test_an_impossible_date_is_dropped_and_the_entry_kept(date: str) -> None:
    doc = (
        f'<rss version="2.0"><channel><title>t</title><item><title>Kept</title><link>https://x.example/d</link>'
        f"<pubDate>{date}</pubDate></item></channel></rss>"
    ).encode()
    entry = parse_feed(doc, "https://x.example/rss").entries[0]
    article = normalise_entry(entry, "https://x.example/rss", "", "", datetime(2026, 11, 25, tzinfo=timezone.utc))
    assert article.title == "Kept" and not article.HasField("published_at")
