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


def test_billion_laughs_is_not_expanded() -> None:
    started = time.monotonic()
    parsed = parse_feed(BOMB, "https://bomb.example/rss")
    assert time.monotonic() - started < 2
    article = normalise_entry(parsed.entries[0], "https://bomb.example/rss", "", "", datetime.now(timezone.utc))
    assert len(article.content_text) < 1000 and len(article.title) < 1000  # 10^9 "lol"s were never built


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
