"""Synthetic but realistic feed documents for benchmarks: RSS 2.0 and Atom with HTML bodies made
from real article text (PolNeAR dev texts when available, else the example feeds)."""

from __future__ import annotations

import html
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
POLNEAR = REPO.parent / "shared" / "eval" / "polnear-dev" / "text"


def texts() -> list[str]:
    if POLNEAR.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    return ["“The harbour will reopen on Monday,” said port director Lena Vogt. " * 20]


def _html(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())


def rss(feed_no: int, entries: int, bodies: list[str], first_entry: int = 0) -> bytes:
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    items = []
    for n in range(first_entry, first_entry + entries):
        body = bodies[(feed_no * 7 + n) % len(bodies)]
        items.append(
            f"<item><title>Story {feed_no}-{n}: {html.escape(body[:60])}</title>"
            f"<link>https://site{feed_no % 50}.example/{feed_no}/{n}?utm_source=rss</link>"
            f"<guid>s{feed_no}-{n}</guid><pubDate>{format_datetime(start + timedelta(minutes=n))}</pubDate>"
            f"<description>{html.escape(body[:200])}</description>"
            f"<content:encoded><![CDATA[{_html(body)}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Site {feed_no}</title><link>https://site{feed_no}.example/</link><ttl>15</ttl>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


def atom(feed_no: int, entries: int, bodies: list[str]) -> bytes:
    items = []
    for n in range(entries):
        body = bodies[(feed_no * 11 + n) % len(bodies)]
        items.append(
            f"<entry><title>Atom {feed_no}-{n}</title><id>urn:atom:{feed_no}:{n}</id>"
            f'<link href="https://atom{feed_no}.example/{n}"/><updated>2026-01-02T10:{n % 60:02d}:00Z</updated>'
            f'<content type="html">{html.escape(_html(body))}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom {feed_no}</title><id>urn:atom:{feed_no}</id><updated>2026-01-02T10:00:00Z</updated>"
        + "".join(items)
        + "</feed>"
    ).encode("utf-8")
