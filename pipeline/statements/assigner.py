"""One batch's quotes matched, in order, against the statements stored and each other, and the rows
that records: what a StatementStore runs inside its transaction, under its lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg

from pipeline.extract.language import effective
from pipeline.ids import statement_id
from pipeline.schema import ArticleAnalysis, Quote
from pipeline.sinks.literals import int_array, text_array
from pipeline.statements.identity import Speaker, better, one_statement, overlap
from pipeline.statements.words import Words


@dataclass
class Item:
    analysis: ArticleAnalysis
    quote: Quote
    words: Words
    shingles: list[list[int]]
    speaker: Speaker
    seen_at: datetime
    statement_id: str = ""


Seen = tuple[datetime, str]  # (time, quote_id): the first and last appearance, ties by quote id


@dataclass
class Known:
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
    outlets: int = 0  # kept as statement_outlets gains rows, rather than counted again per write
    first: Seen | None = None
    last: Seen | None = None
    changed: bool = False

    def add(self, text: str, words: int, seen: Seen, count: int = 1) -> None:
        if words > self.word_count or not self.text:
            self.text, self.word_count = text, max(words, self.word_count)
        self.count += count
        self.first = seen if self.first is None else min(self.first, seen)
        self.last = seen if self.last is None else max(self.last, seen)
        self.changed = True

    def absorb(self, other: Known) -> None:
        """Another statement's appearances become this one's."""
        if other.first is not None and other.last is not None:
            self.add(other.text, other.word_count, other.first, other.count)
            self.last = max(self.last or other.last, other.last)


FANOUT = 16  # statements read per shingle; a run of words said by more is a formula, no evidence


class Assigner:
    """One batch's quotes matched in order against the stored statements and each other."""

    def __init__(self, cur: psycopg.Cursor[Any]) -> None:
        self.cur = cur
        self.index: dict[int, dict[int, int]] = {}  # shingle -> statement number -> words of its shortest form
        self.ids: dict[int, str] = {}  # statement number -> id
        self.common: set[int] = set()  # shingles of more than FANOUT statements: they match any
        self.known: dict[str, Known] = {}
        self.added: dict[tuple[int, str], int] = {}  # (shingle, statement id) -> words of the form
        self.merged: dict[str, str] = {}
        self.numbers: list[int] = []  # drawn from the sequence for the statements this batch makes

    def run(self, items: list[Item]) -> set[str]:
        keys = sorted({h for i in items for piece in i.shingles for h in piece})
        self.cur.execute(
            "SELECT k, x.statement, x.words FROM unnest(%s::bigint[]) k CROSS JOIN LATERAL (SELECT statement, words "
            "FROM statement_shingles WHERE shingle = k ORDER BY statement LIMIT %s) x",
            (int_array(keys), FANOUT + 1),
        )
        for shingle, number, words in self.cur.fetchall():
            self.index.setdefault(shingle, {})[number] = words
        self.common = {h for h, found in self.index.items() if len(found) > FANOUT}
        self._load(self._worth_reading(items))
        self.cur.execute("SELECT nextval('statements_created_seq') FROM generate_series(1, %s)", (len(items),))
        self.numbers = [row[0] for row in self.cur.fetchall()][::-1]
        for item in items:
            self._assign(item)
        repointed = self._write(items)
        return {k.statement_id for k in self.known.values() if k.changed} | repointed

    def _load(self, numbers: set[int]) -> None:
        """The statements with these numbers, and those they were merged into (two index probes:
        one query with OR read the whole table)."""
        self._read("s.created = ANY(%s::bigint[])", int_array(sorted(numbers)) if numbers else "")
        merged = sorted({k.merged_into for k in self.known.values() if k.merged_into} - set(self.known))
        if merged:
            self._read("s.statement_id = ANY(%s::text[])", text_array(merged))

    def _read(self, where: str, keys: str) -> None:
        if not keys:
            return
        self.cur.execute(
            "SELECT s.statement_id, s.created, s.word_count, s.speaker_actor_id, s.speaker_name, s.speaker_surname, "
            "s.speaker_full, coalesce(s.merged_into, ''), s.text, s.appearance_count, s.first_seen, s.first_quote_id, "
            f"s.last_seen, s.last_quote_id, s.outlet_count FROM statements s WHERE {where}",
            (keys,),
        )
        for row in self.cur.fetchall():
            sid, created, count, actor, name, surname, full, merged, text, n, fs, fq, ls, lq, outlets = row
            # stored: a person has a surname; an organisation or place has none and counts as named in full
            speaker = Speaker(actor or "", name, surname, full, person=bool(surname) or not actor)
            first = (fs, fq) if fs is not None else None
            last = (ls, lq) if ls is not None else None
            self.known[sid] = Known(
                sid, created, count, speaker, merged, text=text, count=n, outlets=outlets, first=first, last=last
            )
            self.ids[created] = sid

    def _worth_reading(self, items: list[Item]) -> set[int]:
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

    def _candidates(self, item: Item) -> set[str]:
        """Root statements the quote is one with (its words and its speaker)."""
        common, index, ids = self.common, self.index, self.ids
        hit: dict[int, list[tuple[int, int]]] = {}  # statement number -> (piece, position) of each shingle found
        fewest: dict[int, int] = {}  # statement number -> words of its shortest form found
        for n, piece in enumerate(item.shingles):
            for pos, h in enumerate(piece):
                if h in common:
                    continue
                for number, words in index.get(h, {}).items():
                    if number in ids:  # else too few shingles in common to be read (_worth_reading)
                        hit.setdefault(number, []).append((n, pos))
                        fewest[number] = min(fewest.get(number, words), words)
        roots: dict[str, tuple[list[list[bool]], int]] = {}
        for number, places in hit.items():
            root = self.root(ids[number])
            if root not in roots:
                roots[root] = ([[x in common for x in p] for p in item.shingles], fewest[number])
            hits, form = roots[root]
            for n, pos in places:
                hits[n][pos] = True
            roots[root] = (hits, min(form, fewest[number]))
        return {
            root
            for root, (hits, form) in roots.items()
            if one_statement(
                overlap(item.words, hits, form, self.known[root].word_count), item.speaker, self.known[root].speaker
            )
        }

    def _assign(self, item: Item) -> None:
        found = self._candidates(item)
        if not found:
            sid = statement_id(item.quote.quote_id)
            number = self.numbers.pop()
            language = effective(item.analysis.detected_language, item.analysis.language)
            self.known[sid] = Known(sid, number, 0, item.speaker, new=True, language=language)
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
        number, words, added = survivor.number, item.words.count, self.added
        for piece in item.shingles:
            for h in piece:
                known = self.index.setdefault(h, {})
                stored = known.get(number)
                if stored is not None and stored <= words:
                    continue  # the statement is found by this run already (a copy, a replay): nothing to write
                known[number] = words
                added[h, sid] = min(added.get((h, sid), words), words)

    def _count_outlets(self, added: list[tuple[str]]) -> None:
        """Each outlet row the statement gained (what an insert returned) counts once."""
        for (sid,) in added:
            self.known[sid].outlets += 1

    def _merge(self, other: str, into: str) -> None:
        """`other` becomes part of `into`, and so does everything merged into it before."""
        for known in self.known.values():
            if known.statement_id == other or known.merged_into == other:
                known.merged_into = into
        self.merged[other] = into
        target = self.known[into]
        target.speaker = better(target.speaker, self.known[other].speaker)
        target.absorb(self.known[other])

    def _write(self, items: list[Item]) -> set[str]:
        """Store the batch; returns the statements merged into another, with those merged into
        them before (stored ones this batch did not read)."""
        cur = self.cur
        repointed: set[str] = set()
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
            (
                int_array(h for h, _, _ in rows),
                int_array(n for _, n, _ in rows),
                int_array(min(w, 32767) for *_, w in rows),
            ),
        )
        for other in sorted(self.merged):
            ids = {"root": self.root(other), "other": other}
            cur.execute(
                "UPDATE statements SET merged_into = %(root)s, revision = revision + 1 "
                "WHERE statement_id = %(other)s OR merged_into = %(other)s RETURNING statement_id",
                ids,
            )
            repointed.update(sid for (sid,) in cur.fetchall())
            cur.execute(
                "INSERT INTO statement_outlets SELECT %(root)s, outlet FROM statement_outlets "
                "WHERE statement_id = %(other)s ON CONFLICT DO NOTHING RETURNING statement_id",
                ids,
            )
            self._count_outlets(cur.fetchall())
        outlets = sorted({(self.root(i.statement_id), i.analysis.source_name) for i in items if i.analysis.source_name})
        cur.execute(
            "INSERT INTO statement_outlets SELECT * FROM unnest(%s::text[], %s::text[]) ON CONFLICT DO NOTHING "
            "RETURNING statement_id",
            (text_array([sid for sid, _ in outlets]), text_array([o for _, o in outlets])),
        )
        self._count_outlets(cur.fetchall())
        # last, once the outlets are in: each changed row is written once, its outlet count with it
        changed = [k for k in self.known.values() if k.changed and not k.merged_into]
        cur.execute(_UPDATE, _state_columns(changed))
        return repointed


# the changed statements' state in one statement (arrays as literals: executemany was a round of
# protocol messages per row)
_UPDATE = """
UPDATE statements s
   SET text = v.text, word_count = v.words, speaker_actor_id = nullif(v.actor, ''), speaker_name = v.name,
       speaker_surname = v.surname, speaker_full = v.is_full, appearance_count = v.n, first_seen = v.fs,
       first_quote_id = v.fq, last_seen = v.ls, last_quote_id = v.lq, outlet_count = v.outlets,
       revision = s.revision + 1
  FROM unnest(%s::text[], %s::int[], %s::text[], %s::text[], %s::text[], %s::bool[], %s::int[],
              %s::timestamptz[], %s::text[], %s::timestamptz[], %s::text[], %s::int[], %s::text[])
       AS v(text, words, actor, name, surname, is_full, n, fs, fq, ls, lq, outlets, id)
 WHERE s.statement_id = v.id
"""


def _state_columns(changed: list[Known]) -> tuple[str, ...]:
    """The _UPDATE parameters: one array literal per column (a changed statement has appearances,
    so its first and last are set)."""
    rows = [(k, k.speaker, k.first or (None, ""), k.last or (None, "")) for k in changed]
    return (
        text_array([k.text for k, *_ in rows]),
        int_array(k.word_count for k, *_ in rows),
        text_array([s.actor_id for _, s, *_ in rows]),
        text_array([s.name for _, s, *_ in rows]),
        text_array([s.surname for _, s, *_ in rows]),
        text_array(["t" if s.full else "f" for _, s, *_ in rows]),
        int_array(k.count for k, *_ in rows),
        text_array([f[0].isoformat() if f[0] else "" for *_, f, _ in rows]),
        text_array([f[1] for *_, f, _ in rows]),
        text_array([x[0].isoformat() if x[0] else "" for *_, x in rows]),
        text_array([x[1] for *_, x in rows]),
        int_array(k.outlets for k, *_ in rows),
        text_array([k.statement_id for k, *_ in rows]),
    )
