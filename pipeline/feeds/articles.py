"""One fetched or archived feed document -> its articles and dead letters. The reader and the
backfill share this, so a document gives the same articles live and in a replay, and both get
the same isolation: a bad document is one dead letter, a bad entry is one dead letter, and
nothing here raises."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.deadletter import dead_letter
from pipeline.extract.language import detect_language
from pipeline.feeds.documents import Document
from pipeline.feeds.normalise import EntryError, normalise_entry
from pipeline.feeds.parse import ParsedFeed, parse_feed
from pipeline.schema import DeadLetter, RawArticle, article_text

log = logging.getLogger(__name__)


@dataclass
class DocumentArticles:
    parsed: ParsedFeed
    articles: list[RawArticle] = field(default_factory=list)
    dead: list[DeadLetter] = field(default_factory=list)
    entries: int = 0


def read_document(
    body: bytes,
    url: str,
    headers: dict[str, str] | None,
    fetched_at: datetime,
    source_name: str = "",
    language: str = "",
) -> DocumentArticles:
    """`source_name` and `language` override the feed's own title and language when given."""
    parsed = parse_feed(body, url, headers)
    out = DocumentArticles(parsed)
    if parsed.error:
        out.dead.append(dead_letter("parse", parsed.error, body, source_url=url))
        return out
    source, lang = source_name or parsed.title, language or parsed.language
    for entry in parsed.entries:
        out.entries += 1
        try:
            article = normalise_entry(entry, url, source, lang, fetched_at, parsed.link)
            article.detected_language = detect_language(article_text(article))
            out.articles.append(article)
        except EntryError as exc:
            out.dead.append(dead_letter("normalise", str(exc), source_url=url))
        except Exception as exc:  # one odd entry must not cost the feed its other entries
            log.warning("feed %s: entry not normalised (%s: %s)", url, type(exc).__name__, exc)
            out.dead.append(dead_letter("normalise", f"{type(exc).__name__}: {exc}", source_url=url))
    return out


def replayed_articles(doc: Document) -> DocumentArticles:
    """An archived or replayed document's articles; an unreadable document is one dead letter."""
    if doc.error:
        return DocumentArticles(
            ParsedFeed(doc.url, error=doc.error), dead=[dead_letter("read", doc.error, source_url=doc.url)]
        )
    headers = {"content-type": doc.content_type} if doc.content_type else None
    return read_document(doc.body, doc.url, headers, doc.fetched_at)
