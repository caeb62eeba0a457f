"""A small newsroom in the real sink's tables: statements assigned by the real state, rows written
by pipeline.sinks.postgres.write_analyses, one article through the real extractor, and the
hostile strings a feed can carry. Every sentence here is written for these tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg

from pipeline import ids
from pipeline.analysis import analyse_article
from pipeline.feeds.schedule import FeedState
from pipeline.feeds.state import ReaderState
from pipeline.schema import Actor, ArticleAnalysis, DeadLetter, Quote, RawArticle
from pipeline.sinks.parquet import write_rows
from pipeline.sinks.postgres import write_analyses
from pipeline.sinks.rows import dead_letter_row
from pipeline.statements.store import StatementStore

XSS_TITLE = "<script>alert(1)</script> Council vote"
XSS_OUTLET = "<img src=x onerror=alert(2)>"
ANN_DAYS = {"2026-11-01": 1, "2026-11-02": 3, "2026-11-04": 1, "2026-11-08": 2, "2026-11-09": 1}
FILLER = 120  # statements by Ben Ortiz, more than two pages of search results
EXTRACTED_TEXT = (
    "The harbour board met on Tuesday. \u201cWe will open the new quay in March,\u201d said board chair "
    "Nora Field. Fishermen were less sure.\n\n\u201cNobody asked us,\u201d said Tom Reyes, who runs a trawler."
)


def _at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


def _analysis(
    article_id: str,
    when: datetime,
    outlet: str,
    speaker: tuple[str, str] | None,
    texts: list[str],
    language: str = "en",
    title: str = "",
    url: str = "",
) -> ArticleAnalysis:
    a = ArticleAnalysis(
        article_id=article_id,
        url=url or f"https://news.example/{article_id}",
        title=title or f"Article {article_id}",
        source_name=outlet,
        language=language,
        detected_language=language,
        extractor_version="test",
        text=" ".join(f"\u201c{t}\u201d" for t in texts),
    )
    a.published_at.FromDatetime(when)
    a.processed_at.FromDatetime(when + timedelta(minutes=5))
    actor_id = ""
    if speaker:
        actor_id = ids.actor_id(speaker[0], "person")
        a.actors.add(actor_id=actor_id, canonical_name=speaker[0], type=Actor.TYPE_PERSON, titles=[speaker[1]])
    pos = 0
    for n, text in enumerate(texts):
        start = pos + 1
        a.quotes.add(
            quote_id=f"{article_id}-q{n}",
            text=text,
            kind=Quote.KIND_DIRECT,
            speaker_actor_id=actor_id,
            speaker_name=speaker[0] if speaker else "",
            speaker_mention=speaker[0] if speaker else "",
            start=start,
            end=start + len(text),
        )
        pos = start + len(text) + 2
    return a


def analyses() -> list[ArticleAnalysis]:
    out: list[ArticleAnalysis] = []
    for day, count in ANN_DAYS.items():
        for k in range(count):
            out.append(
                _analysis(
                    f"ann-{day}-{k}",
                    _at(day, 8 + k),
                    "Harbour Gazette" if k % 2 == 0 else "Coast Daily",
                    ("Ann Lee", "Mayor"),
                    ["The ferry timetable stays as it is." if k == 0 else f"We will review the budget line {day} {k}."],
                )
            )
    out.append(
        _analysis(
            "de-1",
            _at("2026-11-03"),
            "Rheinblatt",
            ("Jana Vogel", "Kämmerin"),
            ["Die Haushaltskürzungen treffen vor allem die Schulen."],
            language="de",
        )
    )
    out.append(
        _analysis(
            "xss-1",
            _at("2026-11-05"),
            XSS_OUTLET,
            None,
            ["<b>bold</b> words & <script>alert(5)</script>"],
            title=XSS_TITLE,
            url="javascript:alert(3)",
        )
    )
    base = _at("2026-10-01")
    out += [
        _analysis(
            f"ben-{i:03d}", base + timedelta(hours=i), "Coast Daily", ("Ben Ortiz", ""), [f"Harbour dues rise {i}."]
        )
        for i in range(FILLER)
    ]
    raw = RawArticle(
        article_id="extracted-1",
        url="https://harbour.example/quay",
        title="New quay to open in March",
        source_name="Harbour Gazette",
        content_text=EXTRACTED_TEXT,
        language="en",
    )
    raw.published_at.FromDatetime(_at("2026-11-10"))
    out.append(analyse_article(raw))
    return out


def seed(pg_url: str, data_dir: Path) -> None:
    with psycopg.connect(pg_url) as conn:
        written = analyses()
        assigned = StatementStore(conn).assign(written)  # as the job does, before the sink writes
        for a in written:
            assigned.apply(a)
        write_analyses(conn, written)
    letter = DeadLetter(stage="decode", reason="not a RawArticle: 17 bytes", raw=b"<script>alert(4)</script>\x00\xff")
    letter.failed_at.FromDatetime(_at("2026-11-06"))
    write_rows(data_dir / "parquet", "dead_letters", "2026-11-06", None, [dead_letter_row(letter)])
    state = ReaderState(data_dir / "feeds.sqlite")
    state.save_feeds([FeedState(url="https://broken.example/feed.xml", errors=4, last_status=503)])
    state.close()
