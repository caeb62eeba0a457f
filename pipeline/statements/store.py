"""The statements' state in PostgreSQL: each batch of analyses is assigned in one transaction that
holds one advisory lock, so two job processes never make two statements of one, and a replayed
quote finds the statement it was given (its appearance is keyed by quote_id)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

import psycopg

from pipeline.schema import Appearance, ArticleAnalysis, Statement, Story
from pipeline.sinks.literals import text_array
from pipeline.statements.assigner import Assigner, Item
from pipeline.statements.identity import speaker_of
from pipeline.statements.records import states, timestamp_of
from pipeline.statements.story_state import assign_stories, signatures, story_states
from pipeline.statements.words import quote_words, shingles

_LOCK_KEY = 0x73746D74  # "stmt"
LINK_WINDOW = timedelta(days=30)  # a surname is linked to the one person of that name seen this close


@dataclass
class Assigned:
    """statement_id per quote_id, the latest state of every statement the batch changed, each
    article's story, the latest state of every story the batch changed, and the appearances it
    stored (a replayed quote's is stored already)."""

    ids: dict[str, str] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    stories: dict[str, str] = field(default_factory=dict)  # story_id per article_id
    story_states: list[Story] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)

    def apply(self, analysis: ArticleAnalysis) -> None:
        """Write the ids into the record (its story, each quote's statement)."""
        analysis.story_id = self.stories.get(analysis.article_id, "")
        for q in analysis.quotes:
            q.statement_id = self.ids.get(q.quote_id, "")


def _seen_at(a: ArticleAnalysis) -> datetime:
    ts = a.published_at if a.HasField("published_at") else a.processed_at
    return ts.ToDatetime(tzinfo=timezone.utc)


def _appearance(item: Item) -> Appearance:
    """The stored appearance of a quote, as a record."""
    a, q, seen = item.analysis, item.quote, item.seen_at
    return Appearance(
        article_id=a.article_id,
        quote_id=q.quote_id,
        outlet=a.source_name,
        url=a.url,
        seen_at=timestamp_of(seen),
        statement_id=item.statement_id,
        text=q.text,
        word_count=item.words.count,
        speaker_mention=q.speaker_mention,
    )


def _items(analyses: Iterable[ArticleAnalysis]) -> list[Item]:
    """One item per quote id: a batch may hold an article twice (a replay), the first copy counts."""
    items: dict[str, Item] = {}
    for a in analyses:
        seen, text = _seen_at(a), a.text  # (each read of a protobuf string field makes a new str)
        for q in a.quotes:
            if q.quote_id not in items:
                words = quote_words(text, q)
                items[q.quote_id] = Item(a, q, words, shingles(words), speaker_of(a, q), seen)
    return list(items.values())


class StatementStore:
    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def assign(self, analyses: list[ArticleAnalysis]) -> Assigned:
        if not analyses:
            return Assigned()
        items, sigs = _items(analyses), signatures(analyses)  # the pure work, before the lock
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            stories = assign_stories(cur, analyses, {a.article_id: _seen_at(a) for a in analyses}, sigs)
            _forget_old_versions(cur, analyses)
            cur.execute(
                "SELECT quote_id, statement_id FROM statement_appearances WHERE quote_id = ANY(%s::text[])",
                (text_array([i.quote.quote_id for i in items]),),
            )
            done: dict[str, str] = dict(cur.fetchall())
            new = [i for i in items if i.quote.quote_id not in done]
            for item in items:
                item.statement_id = done.get(item.quote.quote_id, "")
            touched: set[str] = set()
            if new:
                self._link_speakers(cur, new)
                touched = Assigner(cur).run(new)
            ids = {i.quote.quote_id: i.statement_id for i in items}
            changed = story_states(cur, stories.changed)
            return Assigned(ids, states(cur, touched), stories.ids, changed, [_appearance(i) for i in new])

    def _link_speakers(self, cur: psycopg.Cursor[Any], items: list[Item]) -> None:
        """Record the persons named in full; give a surname-only speaker the one person of that
        surname seen within LINK_WINDOW of the article (none when there are two or more)."""
        full = {(i.speaker.surname, i.speaker.actor_id): i for i in items if i.speaker.full and i.speaker.surname}
        if full:
            rows = sorted((s, a, i.speaker.name, i.seen_at) for (s, a), i in full.items())
            cur.executemany(
                "INSERT INTO statement_speakers VALUES (%s, %s, %s, %s, %s) ON CONFLICT (surname, actor_id) DO UPDATE "
                "SET first_seen = least(statement_speakers.first_seen, EXCLUDED.first_seen), "
                "last_seen = greatest(statement_speakers.last_seen, EXCLUDED.last_seen)",
                [(s, a, n, t, t) for s, a, n, t in rows],
            )
        partial = [i for i in items if i.speaker.actor_id and i.speaker.surname and not i.speaker.full]
        if not partial:
            return
        cur.execute(
            "SELECT surname, actor_id, canonical_name, first_seen, last_seen FROM statement_speakers "
            "WHERE surname = ANY(%s)",
            (sorted({i.speaker.surname for i in partial}),),
        )
        known: dict[str, list[tuple[str, str, datetime, datetime]]] = {}
        for surname, actor_id, name, first, last in cur.fetchall():
            known.setdefault(surname, []).append((actor_id, name, first, last))
        for item in partial:
            near = [
                (actor_id, name)
                for actor_id, name, first, last in known.get(item.speaker.surname, [])
                if first - LINK_WINDOW <= item.seen_at <= last + LINK_WINDOW
            ]
            if len(near) == 1:
                actor_id, name = near[0]
                item.speaker = replace(item.speaker, actor_id=actor_id, name=name, full=True)


# a statement's outlets, counted from statement_outlets (bounded by the outlets, not the appearances)
OUTLET_COUNT = "(SELECT count(*) FROM statement_outlets o WHERE o.statement_id = s.statement_id)"
_RECOUNT = f"""
UPDATE statements s
   SET appearance_count = coalesce(agg.n, 0), text = coalesce(agg.longest, s.text),
       word_count = coalesce(agg.wc, s.word_count), first_quote_id = agg.fq, first_seen = agg.fs,
       last_quote_id = agg.lq, last_seen = agg.ls, outlet_count = {OUTLET_COUNT}, revision = s.revision + 1
  FROM (SELECT r.root, count(a.quote_id) AS n,
               (array_agg(a.text ORDER BY a.word_count DESC, a.seen_at, a.quote_id))[1] AS longest,
               max(a.word_count) AS wc,
               (array_agg(a.quote_id ORDER BY a.seen_at, a.quote_id))[1] AS fq, min(a.seen_at) AS fs,
               (array_agg(a.quote_id ORDER BY a.seen_at DESC, a.quote_id DESC))[1] AS lq, max(a.seen_at) AS ls
          FROM unnest(%(roots)s::text[]) r(root)
          LEFT JOIN statements m ON m.statement_id = r.root OR m.merged_into = r.root
          LEFT JOIN statement_appearances a ON a.statement_id = m.statement_id
         GROUP BY r.root) agg
 WHERE s.statement_id = agg.root
"""


def _forget_old_versions(cur: psycopg.Cursor[Any], analyses: list[ArticleAnalysis]) -> None:
    """An article analysed again (edited, or by a newer extractor) no longer carries the quotes it
    lost: their appearances go, and the statements they counted for are counted again from the
    appearances left (the only place a statement's appearances are read again: edits are rare)."""
    keep = sorted({q.quote_id for a in analyses for q in a.quotes})
    cur.execute(
        "DELETE FROM statement_appearances WHERE article_id = ANY(%s) AND NOT quote_id = ANY(%s) "
        "RETURNING statement_id",
        (sorted({a.article_id for a in analyses}), keep),
    )
    lost = sorted({row[0] for row in cur.fetchall()})
    if not lost:
        return
    cur.execute(
        "SELECT DISTINCT coalesce(merged_into, statement_id) FROM statements WHERE statement_id = ANY(%s)", (lost,)
    )
    roots = sorted(row[0] for row in cur.fetchall())
    cur.execute("DELETE FROM statement_outlets WHERE statement_id = ANY(%s)", (roots,))
    cur.execute(
        "INSERT INTO statement_outlets SELECT DISTINCT coalesce(s.merged_into, s.statement_id), a.outlet "
        "FROM statement_appearances a JOIN statements s USING (statement_id) "
        "WHERE (s.statement_id = ANY(%(r)s) OR s.merged_into = ANY(%(r)s)) AND a.outlet <> ''",
        {"r": roots},
    )
    cur.execute(_RECOUNT, {"roots": roots})  # counts and outlets in one write of each row
