"""Analyses built by hand for the statement tests: one quote each (or more), with its speaker."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pipeline import ids
from pipeline.schema import Actor, ArticleAnalysis

DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def article(
    name: str, outlet: str, said: list[tuple[str, str]], day: int = 0, kind: int = 1, text: str = ""
) -> ArticleAnalysis:
    """said: (speaker name or "", quote text) pairs; the text holds them in order."""
    a = ArticleAnalysis(
        article_id=ids.article_id(f"https://{outlet}.example/{name}"),
        url=f"https://{outlet}.example/{name}",
        source_name=outlet,
        title=name,
    )
    a.published_at.FromDatetime((DAY0 + timedelta(days=day)).replace(tzinfo=None))
    a.processed_at.FromDatetime((DAY0 + timedelta(days=day)).replace(tzinfo=None))
    body = text
    for speaker, words in said:
        start = len(body) + 1
        body += f" “{words}” "
        q = a.quotes.add(quote_id=ids.quote_id(a.article_id, start, start + len(words)), text=words, kind=kind)
        q.start, q.end = start, start + len(words)
        q.segments.add(start=start, end=start + len(words))
        if speaker:
            actor_id = ids.actor_id(speaker, "person")
            q.speaker_actor_id, q.speaker_name, q.speaker_mention = actor_id, speaker, speaker.split()[-1]
            if not any(x.actor_id == actor_id for x in a.actors):
                a.actors.add(actor_id=actor_id, canonical_name=speaker, type=Actor.TYPE_PERSON)
    a.text = body
    return a
