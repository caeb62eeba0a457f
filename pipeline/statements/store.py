"""The statements' state in PostgreSQL: each batch of analyses is assigned in one transaction that
holds one advisory lock, so two job processes never make two statements of one, and a replayed
quote finds the statement it was given (its appearance is keyed by quote_id)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

import psycopg

from pipeline.extract.language import effective
from pipeline.ids import statement_id
from pipeline.schema import Appearance, ArticleAnalysis, Quote, Statement
from pipeline.statements.identity import Speaker, better, one_statement, overlap, speaker_of
from pipeline.statements.story_state import assign_stories
from pipeline.statements.words import SHINGLE, Words, quote_words, shingles

_LOCK_KEY = 0x73746D74  # "stmt"
LINK_WINDOW = timedelta(days=30)  # a surname is linked to the one person of that name seen this close


@dataclass
class _Item:
    analysis: ArticleAnalysis
    quote: Quote
    words: Words
    shingles: list[list[int]]
    speaker: Speaker
    seen_at: datetime
    statement_id: str = ""


Seen = tuple[datetime, str]  # (time, quote_id): the first and last appearance, ties by quote id


@dataclass
class _Known:
    """A statement as this transaction sees it (read from the table or made by this batch), with
    the aggregates it keeps up to date without reading its appearances again."""

    statement_id: str
    number: int  # statements.created: the order statements were made in, and the shingles' key
    word_count: int
    speaker: Speaker
    merged_into: str = ""
    new: bool = False
    text: str = ""
    language: str = ""
    count: int = 0
    first: Seen | None = None
    last: Seen | None = None
    changed: bool = False

    def add(self, text: str, words: int, seen: Seen, count: int = 1) -> None:
        if words > self.word_count or not self.text:
            self.text, self.word_count = text, max(words, self.word_count)
        self.count += count
        self.first = seen if self.first is None else min(self.first, seen)
        self.last = seen if self.last is None else max(self.last, seen, key=lambda s: (s[0], s[1]))
        self.changed = True

    def absorb(self, other: _Known) -> None:
        """Another statement's appearances become this one's."""
        if other.first is not None and other.last is not None:
            self.add(other.text, other.word_count, other.first, other.count)
            self.last = max(self.last or other.last, other.last)


@dataclass
class Assigned:
    """statement_id per quote_id, the latest state of every statement the batch changed, and each
    article's story."""

    ids: dict[str, str] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    stories: dict[str, str] = field(default_factory=dict)  # story_id per article_id

    def apply(self, analysis: ArticleAnalysis) -> None:
        """Write the ids into the record (its story, each quote's statement)."""
        analysis.story_id = self.stories.get(analysis.article_id, "")
        for q in analysis.quotes:
            q.statement_id = self.ids.get(q.quote_id, "")


def _seen_at(a: ArticleAnalysis) -> datetime:
    ts = a.published_at if a.HasField("published_at") else a.processed_at
    return ts.ToDatetime(tzinfo=timezone.utc)


def _items(analyses: Iterable[ArticleAnalysis]) -> list[_Item]:
    """One item per quote id: a batch may hold an article twice (a replay), the first copy counts."""
    items: dict[str, _Item] = {}
    for a in analyses:
        for q in a.quotes:
            if q.quote_id not in items:
                words = quote_words(a.text, q)
                items[q.quote_id] = _Item(a, q, words, shingles(words), speaker_of(a, q), _seen_at(a))
    return list(items.values())


class StatementStore:
    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def assign(self, analyses: list[ArticleAnalysis]) -> Assigned:
        if not analyses:
            return Assigned()
        items = _items(analyses)
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            stories = assign_stories(cur, analyses, {a.article_id: _seen_at(a) for a in analyses})
            _forget_old_versions(cur, analyses)
            cur.execute(
                "SELECT quote_id, statement_id FROM statement_appearances WHERE quote_id = ANY(%s)",
                ([i.quote.quote_id for i in items],),
            )
            done: dict[str, str] = dict(cur.fetchall())
            new = [i for i in items if i.quote.quote_id not in done]
            for item in items:
                item.statement_id = done.get(item.quote.quote_id, "")
            touched: set[str] = set()
            if new:
                self._link_speakers(cur, new)
                touched = _Assigner(cur).run(new)
            ids = {i.quote.quote_id: i.statement_id for i in items}
            return Assigned(ids, _states(cur, touched), stories)

    def _link_speakers(self, cur: psycopg.Cursor[Any], items: list[_Item]) -> None:
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


FANOUT = 16  # statements read per shingle; a run of words said by more is a formula, no evidence


class _Assigner:
    """One batch's quotes matched in order against the stored statements and each other."""

    def __init__(self, cur: psycopg.Cursor[Any]) -> None:
        self.cur = cur
        self.index: dict[int, dict[int, int]] = {}  # shingle -> statement number -> words of its shortest form
        self.ids: dict[int, str] = {}  # statement number -> id
        self.common: set[int] = set()  # shingles of more than FANOUT statements: they match any
        self.known: dict[str, _Known] = {}
        self.added: dict[tuple[int, str], int] = {}  # (shingle, statement id) -> words of the form
        self.merged: dict[str, str] = {}
        self.numbers: list[int] = []  # drawn from the sequence for the statements this batch makes

    def run(self, items: list[_Item]) -> set[str]:
        keys = sorted({h for i in items for piece in i.shingles for h in piece})
        self.cur.execute(
            "SELECT k, x.statement, x.words FROM unnest(%s::bigint[]) k CROSS JOIN LATERAL (SELECT statement, words "
            "FROM statement_shingles WHERE shingle = k ORDER BY statement LIMIT %s) x",
            (keys, FANOUT + 1),
        )
        for shingle, number, words in self.cur.fetchall():
            self.index.setdefault(shingle, {})[number] = words
        self.common = {h for h, found in self.index.items() if len(found) > FANOUT}
        self._load(self._worth_reading(items))
        self.cur.execute("SELECT nextval('statements_created_seq') FROM generate_series(1, %s)", (len(items),))
        self.numbers = [row[0] for row in self.cur.fetchall()][::-1]
        for item in items:
            self._assign(item)
        self._write(items)
        return {k.statement_id for k in self.known.values() if k.changed or k.statement_id in self.merged}

    def _load(self, numbers: set[int]) -> None:
        """The statements with these numbers, and those they were merged into (two index probes:
        one query with OR read the whole table)."""
        self._read("s.created = ANY(%s)", sorted(numbers))
        merged = sorted({k.merged_into for k in self.known.values() if k.merged_into} - set(self.known))
        if merged:
            self._read("s.statement_id = ANY(%s)", merged)

    def _read(self, where: str, keys: list[Any]) -> None:
        if not keys:
            return
        self.cur.execute(
            "SELECT s.statement_id, s.created, s.word_count, s.speaker_actor_id, s.speaker_name, s.speaker_surname, "
            "s.speaker_full, coalesce(s.merged_into, ''), s.text, s.appearance_count, s.first_seen, s.first_quote_id, "
            f"s.last_seen, s.last_quote_id FROM statements s WHERE {where}",
            (keys,),
        )
        for row in self.cur.fetchall():
            sid, created, count, actor, name, surname, full, merged, text, n, fs, fq, ls, lq = row
            # stored: a person has a surname; an organisation or place has none and counts as named in full
            speaker = Speaker(actor or "", name, surname, full, person=bool(surname) or not actor)
            first = (fs, fq) if fs is not None else None
            last = (ls, lq) if ls is not None else None
            self.known[sid] = _Known(sid, created, count, speaker, merged, text=text, count=n, first=first, last=last)
            self.ids[created] = sid

    def _worth_reading(self, items: list[_Item]) -> set[int]:
        """Statements that share enough shingles with a quote to be one with it: two of its rare
        shingles (a run of 8 words has 5), or its only one."""
        worth: set[int] = set()
        for item in items:
            rare = [h for piece in item.shingles for h in piece if h not in self.common]
            hits: dict[int, int] = {}
            for h in rare:
                for number in self.index.get(h, {}):
                    hits[number] = hits.get(number, 0) + 1
            need = min(2, len(rare))
            worth.update(n for n, k in hits.items() if k >= need)
        return worth

    def root(self, sid: str) -> str:
        return self.known[sid].merged_into or sid

    def _candidates(self, item: _Item) -> set[str]:
        """Root statements the quote is one with (its words and its speaker)."""
        roots: dict[str, tuple[list[list[bool]], list[int]]] = {}
        for n, piece in enumerate(item.shingles):
            for pos, h in enumerate(piece):
                if h in self.common:
                    continue
                for number, words in self.index.get(h, {}).items():
                    if number not in self.ids:  # too few shingles in common to be read (_worth_reading)
                        continue
                    root = self.root(self.ids[number])
                    if root not in roots:
                        roots[root] = ([[x in self.common for x in p] for p in item.shingles], [words])
                    hits, forms = roots[root]
                    hits[n][pos] = True
                    forms[0] = min(forms[0], words)
        return {
            root
            for root, (hits, forms) in roots.items()
            if one_statement(
                overlap(item.words, hits, forms[0], self.known[root].word_count), item.speaker, self.known[root].speaker
            )
        }

    def _assign(self, item: _Item) -> None:
        found = self._candidates(item)
        if not found:
            sid = statement_id(item.quote.quote_id)
            number = self.numbers.pop()
            language = effective(item.analysis.detected_language, item.analysis.language)
            self.known[sid] = _Known(sid, number, 0, item.speaker, new=True, language=language)
            self.ids[number] = sid
        else:
            sid = min(found, key=lambda r: self.known[r].number)
            for other in found:
                if other != sid:
                    self._merge(other, sid)
        survivor = self.known[sid]
        survivor.speaker = better(survivor.speaker, item.speaker)
        survivor.add(item.quote.text, item.words.count, (item.seen_at, item.quote.quote_id))
        item.statement_id = sid
        for h in [h for piece in item.shingles for h in piece]:
            known = self.index.setdefault(h, {})
            known[survivor.number] = min(known.get(survivor.number, item.words.count), item.words.count)
            self.added[h, sid] = min(self.added.get((h, sid), item.words.count), item.words.count)

    def _merge(self, other: str, into: str) -> None:
        """`other` becomes part of `into`, and so does everything merged into it before."""
        for known in self.known.values():
            if known.statement_id == other or known.merged_into == other:
                known.merged_into = into
        self.merged[other] = into
        target = self.known[into]
        target.speaker = better(target.speaker, self.known[other].speaker)
        target.absorb(self.known[other])

    def _write(self, items: list[_Item]) -> None:
        cur = self.cur
        new = sorted((k for k in self.known.values() if k.new), key=lambda k: k.number)
        with cur.copy("COPY statements (statement_id, created, text, word_count, language) FROM STDIN") as copy:
            for k in new:  # the rest of a new row is written with the changed ones below
                copy.write_row((k.statement_id, k.number, k.text, k.word_count, k.language))
        with cur.copy(
            "COPY statement_appearances (quote_id, statement_id, article_id, outlet, url, seen_at, text, word_count, "
            "speaker_mention) FROM STDIN"
        ) as copy:
            for i in items:
                a, q = i.analysis, i.quote
                row = (q.quote_id, i.statement_id, a.article_id, a.source_name, a.url, i.seen_at, q.text)
                copy.write_row((*row, i.words.count, q.speaker_mention))
        shortest: dict[tuple[int, int], int] = {}
        for (h, sid), words in self.added.items():
            key = (h, self.known[self.root(sid)].number)
            shortest[key] = min(shortest.get(key, words), words)
        rows = sorted((h, n, w) for (h, n), w in shortest.items())
        cur.execute(
            "INSERT INTO statement_shingles SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::smallint[]) "
            "ON CONFLICT (shingle, statement) DO UPDATE SET words = EXCLUDED.words "
            "WHERE EXCLUDED.words < statement_shingles.words",
            ([h for h, _, _ in rows], [n for _, n, _ in rows], [min(w, 32767) for _, _, w in rows]),
        )
        changed = [k for k in self.known.values() if k.changed and not k.merged_into]
        cur.executemany(
            "UPDATE statements SET text = %s, word_count = %s, speaker_actor_id = %s, speaker_name = %s, "
            "speaker_surname = %s, speaker_full = %s, appearance_count = %s, first_seen = %s, first_quote_id = %s, "
            "last_seen = %s, last_quote_id = %s, revision = revision + 1 WHERE statement_id = %s",
            [_state_row(k) for k in changed],
        )
        for other in sorted(self.merged):
            ids = {"root": self.root(other), "other": other}
            cur.execute(
                "UPDATE statements SET merged_into = %(root)s, revision = revision + 1 "
                "WHERE statement_id = %(other)s OR merged_into = %(other)s",
                ids,
            )
            cur.execute(
                "INSERT INTO statement_outlets SELECT %(root)s, outlet FROM statement_outlets "
                "WHERE statement_id = %(other)s ON CONFLICT DO NOTHING",
                ids,
            )
        outlets = sorted({(self.root(i.statement_id), i.analysis.source_name) for i in items if i.analysis.source_name})
        cur.execute(
            "INSERT INTO statement_outlets SELECT * FROM unnest(%s::text[], %s::text[]) ON CONFLICT DO NOTHING",
            ([sid for sid, _ in outlets], [o for _, o in outlets]),
        )
        cur.execute(
            "UPDATE statements s SET outlet_count = (SELECT count(*) FROM statement_outlets o "
            "WHERE o.statement_id = s.statement_id) WHERE s.statement_id = ANY(%s)",
            (sorted(k.statement_id for k in changed),),
        )


def _state_row(k: _Known) -> tuple[Any, ...]:
    s, first, last = k.speaker, k.first, k.last
    return (
        k.text,
        k.word_count,
        s.actor_id or None,
        s.name,
        s.surname,
        s.full,
        k.count,
        first[0] if first else None,
        first[1] if first else None,
        last[0] if last else None,
        last[1] if last else None,
        k.statement_id,
    )


_RECOUNT = """
UPDATE statements s
   SET appearance_count = coalesce(agg.n, 0), text = coalesce(agg.longest, s.text),
       word_count = coalesce(agg.wc, s.word_count), first_quote_id = agg.fq, first_seen = agg.fs,
       last_quote_id = agg.lq, last_seen = agg.ls, revision = s.revision + 1
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
    cur.execute(_RECOUNT, {"roots": roots})
    cur.execute("DELETE FROM statement_outlets WHERE statement_id = ANY(%s)", (roots,))
    cur.execute(
        "INSERT INTO statement_outlets SELECT DISTINCT coalesce(s.merged_into, s.statement_id), a.outlet "
        "FROM statement_appearances a JOIN statements s USING (statement_id) "
        "WHERE (s.statement_id = ANY(%(r)s) OR s.merged_into = ANY(%(r)s)) AND a.outlet <> ''",
        {"r": roots},
    )
    cur.execute(
        "UPDATE statements s SET outlet_count = (SELECT count(*) FROM statement_outlets o "
        "WHERE o.statement_id = s.statement_id) WHERE s.statement_id = ANY(%s)",
        (roots,),
    )


_STATE = """
SELECT s.statement_id, s.text, coalesce(s.speaker_actor_id, ''), s.speaker_name, s.appearance_count, s.outlet_count,
       coalesce(s.merged_into, ''), s.revision, s.language,
       f.article_id, f.quote_id, f.outlet, f.url, f.seen_at, l.article_id, l.quote_id, l.outlet, l.url, l.seen_at
  FROM statements s
  LEFT JOIN statement_appearances f ON f.quote_id = s.first_quote_id
  LEFT JOIN statement_appearances l ON l.quote_id = s.last_quote_id
 WHERE s.statement_id = ANY(%s)
 ORDER BY s.created
"""


def _appearance(article_id: str | None, quote_id: str, outlet: str, url: str, seen: datetime | None) -> Appearance:
    out = Appearance(article_id=article_id or "", quote_id=quote_id or "", outlet=outlet or "", url=url or "")
    if seen is not None:
        out.seen_at.FromDatetime(seen.astimezone(timezone.utc).replace(tzinfo=None))
    return out


def _states(cur: psycopg.Cursor[Any], ids: set[str]) -> list[Statement]:
    if not ids:
        return []
    cur.execute(_STATE, (sorted(ids),))
    out = []
    for row in cur.fetchall():
        sid, text, actor, name, n, outlets, merged, revision, language = row[:9]
        msg = Statement(
            statement_id=sid,
            text=text,
            speaker_actor_id=actor,
            speaker_name=name,
            appearance_count=n,
            outlet_count=outlets,
            merged_into=merged,
            revision=revision,
            language=language,
        )
        if row[10]:
            msg.first_seen.CopyFrom(_appearance(*row[9:14]))
        if row[15]:
            msg.last_seen.CopyFrom(_appearance(*row[14:19]))
        out.append(msg)
    return out


def state_of(cur: psycopg.Cursor[Any], ids: Iterable[str]) -> list[Statement]:
    """The stored state of these statements (for readers: `newsflow statements show`)."""
    return _states(cur, set(ids))


def resolved(cur: psycopg.Cursor[Any], statement_id: str) -> str:
    """The statement an id stands for now: itself, or the one it was merged into."""
    cur.execute("SELECT coalesce(merged_into, statement_id) FROM statements WHERE statement_id = %s", (statement_id,))
    row = cur.fetchone()
    return str(row[0]) if row else statement_id


__all__ = ["SHINGLE", "Assigned", "StatementStore", "resolved", "state_of"]
