"""The SQL behind the pages: parameterised statements over the sink's tables (migrations 0001-0006),
each answered from an index: quotes by time, by speaker and time, by text (GIN)."""

from __future__ import annotations

import base64
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Generic, TypeVar

from pipeline.serve.db import Connection, ReadOnlyPool

# The columns of a statement as every list shows it (speaker name, outlet, time, link).
_LISTED = (
    "q.quote_id, q.article_id, q.text, q.kind, coalesce(q.speaker_actor_id, '') AS speaker_id, "
    "coalesce(s.canonical_name, '') AS speaker_name, q.speaker_mention, q.source_name AS outlet, q.language, "
    "q.published_at, a.url, a.title, q.statement_id"
)
_JOINS = "JOIN articles a ON a.article_id = q.article_id LEFT JOIN actors s ON s.actor_id = q.speaker_actor_id"
_ORDER = "ORDER BY q.published_at DESC NULLS LAST, q.quote_id DESC"
# Configurations a query is read with when no language is chosen: a quote matches when its own
# stemmer's reading of the query matches (the others' readings rarely add a match).
_CONFIGS = ("english", "german", "french", "russian", "simple")
_EACH_LANGUAGE = [f"websearch_to_tsquery('{c}', %(q)s)" for c in _CONFIGS]
_ONE_LANGUAGE = ["websearch_to_tsquery(newsflow_text_config(%(language)s), %(q)s)"]
PAGE_SIZE = 50


@dataclass(frozen=True)
class Statement:
    quote_id: str
    article_id: str
    text: str
    kind: str
    speaker_id: str
    speaker_name: str
    speaker_mention: str
    outlet: str
    language: str
    published_at: datetime | None
    url: str
    title: str
    statement_id: str = ""  # across outlets ("" for quotes stored before statements existed)

    @property
    def speaker(self) -> str:
        return self.speaker_name or self.speaker_mention


@dataclass(frozen=True)
class Search:
    """What the search page, its CSV and its JSON filter by; `after` is the keyset cursor (the
    time and id of the last statement of the page before)."""

    q: str = ""
    speaker: str = ""
    speaker_id: str = ""
    outlet: str = ""
    language: str = ""
    since: date | None = None
    until: date | None = None
    after: tuple[datetime, str] | None = None
    limit: int = PAGE_SIZE

    def readings(self) -> list[str]:
        """The query as the stemmers it is matched with read it (SQL of %(q)s and %(language)s):
        the chosen language's, or each one's when no language is chosen."""
        return _ONE_LANGUAGE if self.language else _EACH_LANGUAGE

    def text(self) -> tuple[str, dict[str, Any]]:
        """The word condition ("TRUE" without words): the quote's tsvector against any reading of
        the query."""
        if not self.q.strip():
            return "TRUE", {}
        params: dict[str, Any] = {"q": self.q.strip()}
        if self.language:
            params["language"] = self.language
        return f"q.search @@ ({' || '.join(self.readings())})", params

    def where(self) -> tuple[str, dict[str, Any]]:
        """Every condition but the words, and their parameters; only fixed SQL text is joined,
        never a value."""
        conds, params = ["TRUE"], dict[str, Any]()
        if self.speaker_id:
            conds.append("q.speaker_actor_id = %(speaker_id)s")
            params["speaker_id"] = self.speaker_id
        elif self.speaker.strip():
            conds.append(
                "q.speaker_actor_id IN (SELECT actor_id FROM actors WHERE lower(canonical_name) = lower(%(speaker)s))"
            )
            params["speaker"] = self.speaker.strip()
        if self.outlet:
            conds.append("q.source_name = %(outlet)s")
            params["outlet"] = self.outlet
        if self.language:
            conds.append("q.language = %(language)s")
            params["language"] = self.language
        if self.since:
            conds.append("q.published_at >= %(since)s")
            params["since"] = datetime.combine(self.since, datetime.min.time(), timezone.utc)
        if self.until:
            conds.append("q.published_at < %(until)s")
            params["until"] = datetime.combine(self.until + timedelta(days=1), datetime.min.time(), timezone.utc)
        if self.after:
            conds.append("(q.published_at, q.quote_id) < (%(after_at)s, %(after_id)s)")
            params["after_at"], params["after_id"] = self.after
        return " AND ".join(conds), params

    def next_cursor(self, page: list[Statement]) -> str:
        """The cursor of the page after this one ("" when this one is the last): the time and id
        of its last statement."""
        if len(page) < self.limit or page[-1].published_at is None:
            return ""
        return encode_cursor(page[-1].published_at, page[-1].quote_id)


def encode_cursor(at: datetime | None, key: str) -> str:
    """A keyset cursor for a URL: the time and id of the last row of a page."""
    raw = f"{at.isoformat() if at else ''}|{key}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime | None, str] | None:
    """None for anything that is not a cursor this page wrote (a hand-edited URL starts over)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, key = raw.split("|", 1)
        parsed = datetime.fromisoformat(when) if when else None
    except (ValueError, UnicodeDecodeError):
        return None
    if parsed is None:
        return None, key
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)), key


# Newest statements passing the other filters that a word search looks through before it asks the
# word index instead: words in more than 1 in WINDOW / PAGE_SIZE statements fill a page from them.
WINDOW = 5000
# The word index is first asked only for statements newer than a time where two pages of matches are
# likely (the newest window's matches, stretched over a span this many times the window's at most);
# a rarer word goes straight to every match, which are then few.
STRETCH = 20


def _page(quotes: str, condition: str, counted: bool = False) -> str:
    """The page's statements among `quotes`, found, sorted and cut before the joins: the articles
    and speakers of 50 statements are looked up, not those of every match. `counted` adds how
    many of `quotes` passed (`matched`)."""
    count = ", count(*) OVER () AS matched" if counted else ""
    first = f"SELECT *{count} FROM ({quotes}) q WHERE {condition} {_ORDER} LIMIT %(limit)s"
    return f"SELECT {_LISTED}{', q.matched' if counted else ''} FROM ({first}) q {_JOINS} {_ORDER}"


@dataclass(frozen=True)
class SearchSQL:
    """The statements a search runs (bench/serve.py explains the same ones): `first` is the page,
    among the newest WINDOW statements when there are words; then, only with words and a short
    first page, `looked` counts the statements the first step looked through and the span of time
    they cover; when those were WINDOW, `recent` is the page from the word index among statements
    since %(since)s, and `matches` the page from the word index among all. `rare` is the page from
    the word index among its first WINDOW + 1 matches, with their number (`matched`): the page
    when they are no more than WINDOW."""

    params: dict[str, Any]
    first: str
    looked: str | None = None
    recent: str | None = None
    matches: str | None = None
    rare: str | None = None


def search_sql(s: Search) -> SearchSQL:
    where, params = s.where()
    words, word_params = s.text()
    params |= word_params | {"limit": s.limit, "window": WINDOW}
    if words == "TRUE":
        return SearchSQL(params, _page(f"SELECT * FROM quotes q WHERE {where} {_ORDER} LIMIT %(limit)s", "TRUE"))
    newest = f"SELECT * FROM quotes q WHERE {where} {_ORDER} LIMIT %(window)s"
    # OFFSET 0 keeps the planner from walking the time index through every statement
    indexed = f"SELECT * FROM quotes q WHERE {words} AND {where}"
    return SearchSQL(
        params,
        _page(newest, words),
        f"SELECT count(*) AS n, min(published_at) AS oldest, max(published_at) AS newest FROM ({newest}) q",
        _page(f"{indexed} AND q.published_at >= %(since)s OFFSET 0", "TRUE"),
        _page(f"{indexed} OFFSET 0", "TRUE"),
        _page(f"{indexed} LIMIT %(window)s + 1", "TRUE", counted=True),
    )


def search(pool: ReadOnlyPool, s: Search, stats: WordStats | None = None) -> list[Statement]:
    """A page of statements, newest first. With words, in steps, because neither index alone is
    fast for every word. When PostgreSQL's statistics (`stats`) bound the matches to no more
    statements than WINDOW, the word index finds them and they are sorted. Else the newest WINDOW
    statements (by the time index of the filters) are matched first, which fills the page when the
    words are common; when it does not and more statements pass the filters, the word index finds
    the matches, first (for words the window found a few times) among the statements of a recent
    span that likely holds a page, and when that span holds less than a page, among all. Every
    step gives the same page."""
    with pool.connection() as conn:
        return _search(conn, s, stats)


def _search(conn: Connection, s: Search, stats: WordStats | None = None) -> list[Statement]:
    sql = search_sql(s)
    # a word search is never prepared: psycopg prepares a query run five times, and the generic plan
    # PostgreSQL then keeps for it ignores the values (how common the words are, which outlet)
    prepare = None if sql.looked is None else False
    if sql.rare and stats and _rare(conn, s, stats):
        rows = conn.execute(sql.rare, sql.params, prepare=False).fetchall()
        if not rows or rows[0]["matched"] <= WINDOW:  # else the statistics were stale: more steps
            return [Statement(**{k: v for k, v in r.items() if k != "matched"}) for r in rows]
    rows = conn.execute(sql.first, sql.params, prepare=prepare).fetchall()
    if sql.looked and sql.recent and sql.matches and len(rows) < s.limit:
        seen = conn.execute(sql.looked, sql.params, prepare=False).fetchone()
        if seen is None or seen["n"] < WINDOW:  # the window held every statement of the filters
            return [Statement(**r) for r in rows]
        since = recent_since(len(rows), s.limit, seen["oldest"], seen["newest"])
        if since is not None:
            rows = conn.execute(sql.recent, sql.params | {"since": since}, prepare=False).fetchall()
        if since is None or len(rows) < s.limit:  # statements before it may be on the page
            rows = conn.execute(sql.matches, sql.params, prepare=False).fetchall()
    return [Statement(**r) for r in rows]


def _rare(conn: Connection, s: Search, stats: WordStats) -> bool:
    """Whether the words match at most WINDOW statements by the statistics: the query as the
    chosen language's stemmer reads it, or as each does (one round trip)."""
    if not stats.rows:
        return False
    row = conn.execute(
        f"SELECT ARRAY[{', '.join(s.readings())}]::text[] AS readings", {"q": s.q.strip(), "language": s.language}
    ).fetchone()
    bound = matches_at_most(row["readings"] if row else [], stats)
    return bound is not None and bound <= WINDOW


def recent_since(found: int, limit: int, oldest: datetime | None, newest: datetime | None) -> datetime | None:
    """A time after which the word index likely finds two pages of matches, at the rate of `found`
    matches over the newest window's span (oldest to newest); None when the words are too rare in
    the window for a recent span to be worth asking first. Any time gives the right page: a full
    page of matches since it holds the newest matches of all."""
    if not found or oldest is None or newest is None:
        return None
    stretch = 2 * limit / found
    return None if stretch > STRETCH else newest - (newest - oldest) * stretch


def latest(pool: ReadOnlyPool, language: str = "", outlet: str = "", articles: int = 20) -> list[Statement]:
    """The statements of the articles processed last (the Now page), newest article first."""
    params = {"language": language, "outlet": outlet, "n": articles}
    rows = pool.rows(
        f"SELECT {_LISTED} FROM (SELECT article_id, processed_at FROM articles a "
        "WHERE (%(outlet)s = '' OR a.source_name = %(outlet)s) "
        "AND EXISTS (SELECT 1 FROM quotes x WHERE x.article_id = a.article_id "
        "AND (%(language)s = '' OR x.language = %(language)s)) "
        "ORDER BY processed_at DESC NULLS LAST LIMIT %(n)s) recent "
        f"JOIN quotes q ON q.article_id = recent.article_id {_JOINS} "
        "ORDER BY recent.processed_at DESC NULLS LAST, q.article_id, q.start_offset",
        params,
    )
    return [Statement(**r) for r in rows]


# The distinct values of an indexed column, one index probe per value (a "loose index scan"):
# milliseconds for a few hundred outlets among millions of statements, where DISTINCT reads them all.
_DISTINCT = (
    "WITH RECURSIVE v(x) AS ((SELECT {col} FROM quotes WHERE {col} > '' ORDER BY 1 LIMIT 1) "
    "UNION ALL SELECT (SELECT {col} FROM quotes WHERE {col} > v.x ORDER BY 1 LIMIT 1) FROM v WHERE v.x IS NOT NULL) "
    "SELECT x FROM v WHERE x IS NOT NULL LIMIT 1000"
)


T = TypeVar("T")


class Periodic(Generic[T]):
    """A value read from the database at most once every `max_age_s` seconds, by one request while
    the others use the value before it (only the first read is waited for)."""

    def __init__(self, read: Callable[[Connection], T], empty: T, max_age_s: float = 60.0) -> None:
        self.read, self.value, self.max_age_s = read, empty, max_age_s
        self.read_at = 0.0
        self.lock = threading.Lock()

    def _fresh(self) -> bool:
        return bool(self.read_at) and time.monotonic() - self.read_at < self.max_age_s

    def get(self, pool: ReadOnlyPool) -> T:
        if self._fresh():
            return self.value
        if not self.lock.acquire(blocking=not self.read_at):
            return self.value  # another request is reading it
        try:
            if not self._fresh():  # else it was read while this request waited
                with pool.connection() as conn:
                    self.value = self.read(conn)
                self.read_at = time.monotonic()
        finally:
            self.lock.release()
        return self.value


@dataclass(frozen=True)
class Choices:
    """The outlets and languages the filters offer."""

    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


def read_choices(conn: Connection) -> Choices:
    return Choices(
        [r["x"] for r in conn.execute(_DISTINCT.format(col="source_name")).fetchall()],
        [r["x"] for r in conn.execute(_DISTINCT.format(col="language")).fetchall()],
    )


def choices() -> Periodic[Choices]:
    return Periodic(read_choices, Choices())


@dataclass(frozen=True)
class WordStats:
    """How common words are among the statements, as PostgreSQL's statistics of the word index say
    (pg_stats of quotes.search, kept by ANALYZE): the share of statements holding each of the most
    common words, the smallest of those shares (every other word is rarer), and the number of
    statements. Empty before the table was first analysed."""

    shares: dict[str, float] = field(default_factory=dict)
    floor: float = 0.0
    rows: float = 0.0


def read_word_stats(conn: Connection) -> WordStats:
    row = conn.execute(
        "SELECT s.most_common_elems::text::text[] AS words, s.most_common_elem_freqs AS shares, c.reltuples AS rows "
        "FROM pg_stats s JOIN pg_class c ON c.oid = to_regclass('quotes') "
        "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname "
        "WHERE s.tablename = 'quotes' AND s.attname = 'search'"
    ).fetchone()
    if row is None or not row["words"] or row["rows"] is None or row["rows"] <= 0:
        return WordStats()
    words, shares = row["words"], row["shares"]
    # the shares of the words, then (for a tsvector) their minimum and maximum
    return WordStats(dict(zip(words, shares, strict=False)), min(shares[: len(words)]), float(row["rows"]))


def word_stats() -> Periodic[WordStats]:
    return Periodic(read_word_stats, WordStats())


_LEXEME = re.compile(r"'((?:[^']|'')*)'")


def matches_at_most(readings: list[str], stats: WordStats) -> float | None:
    """An upper bound on the statements a word search matches, from the query as each language's
    stemmer reads it (tsquery texts, e.g. `'ferri' & 'timet'`): a statement matches one reading or
    another, and a reading that needs every one of its words matches no more statements than its
    rarest word holds. None when that cannot be bounded: a reading with OR or NOT, or no statistics."""
    if not stats.rows:
        return None
    bound = 0.0
    for reading in set(readings):
        operators = _LEXEME.sub("", reading)
        if "|" in operators or "!" in operators:
            return None
        words = [w.replace("''", "'") for w in _LEXEME.findall(reading)]
        if words:  # a reading of stop words alone matches nothing
            bound += min(stats.shares.get(w, stats.floor) for w in words)
    return bound * stats.rows


@dataclass(frozen=True)
class Repeated:
    """Words a speaker is quoted with more than once: a statement across outlets (its id), or, where
    statements are not kept, the same text case aside ("")."""

    text: str
    times: int
    outlets: int
    statement_id: str = ""


@dataclass(frozen=True)
class Speaker:
    actor_id: str
    name: str
    type: str
    per_day: list[tuple[date, int]]
    repeated: list[Repeated]
    outlets: list[tuple[str, int]]
    titles: list[tuple[str, int]]
    aliases: list[tuple[str, int]]
    total: int
    latest: list[Statement] = field(default_factory=list)


# How many of a speaker's latest quotes (and of their articles) the repeated words without
# statements and the titles are read from: a page of a speaker quoted 80,000 times must still come
# in milliseconds.
RECENT = 2000
LATEST = 20  # statements listed on a speaker's page


def speaker(pool: ReadOnlyPool, actor_id: str, days: int = 365) -> Speaker | None:
    """One actor's page, in one transaction: per day over the last `days` days of their record, the
    outlets that quote them, their most repeated statements, the titles and other names given them
    in up to RECENT articles, and their LATEST statements."""
    with pool.connection() as conn:
        actor = conn.execute("SELECT canonical_name, type FROM actors WHERE actor_id = %s", (actor_id,)).fetchone()
        if actor is None:
            return None
        counted = conn.execute(  # kept as quotes are written (migration 0011): counts and changes not yet folded in
            "SELECT per, key, sum(n) AS n FROM (SELECT per, key, n FROM speaker_counts WHERE speaker_actor_id = %(id)s "
            "UNION ALL SELECT per, key, n FROM speaker_count_deltas WHERE speaker_actor_id = %(id)s) c "
            "GROUP BY per, key HAVING sum(n) <> 0 ORDER BY per, sum(n) DESC, key",
            {"id": actor_id},
        ).fetchall()
        names = conn.execute(
            "WITH sampled AS (SELECT titles, aliases FROM article_actors WHERE actor_id = %(id)s LIMIT %(recent)s) "
            "SELECT 'title' AS kind, t AS name, count(*) AS n FROM sampled, unnest(titles) t GROUP BY t "
            "UNION ALL SELECT 'alias', t, count(*) FROM sampled, unnest(aliases) t GROUP BY t ORDER BY n DESC, name",
            {"id": actor_id, "recent": RECENT},
        ).fetchall()
        latest = _search(conn, Search(speaker_id=actor_id, limit=LATEST))
        repeated = _repeated(conn, actor_id, kept=any(s.statement_id for s in latest))
    days_seen = [r for r in counted if r["per"] == "day"]
    dated = sorted((date.fromisoformat(r["key"]), int(r["n"])) for r in days_seen if r["key"])
    outlets = [(r["key"], int(r["n"])) for r in counted if r["per"] == "outlet" and r["key"]][:20]
    since = dated[-1][0] - timedelta(days=days) if dated else None
    return Speaker(
        actor_id,
        actor["canonical_name"],
        actor["type"],
        [(day, n) for day, n in dated if since is not None and day >= since],
        repeated,
        outlets,
        [(r["name"], r["n"]) for r in names if r["kind"] == "title"][:20],
        [(r["name"], r["n"]) for r in names if r["kind"] == "alias"][:20],
        int(sum(r["n"] for r in days_seen)),
        latest,
    )


def _repeated(conn: Connection, actor_id: str, kept: bool) -> list[Repeated]:
    """The speaker's ten most repeated statements across outlets, from their index (migration 0012);
    where statements are not kept (`kept` is False: their latest quotes carry no statement id), the
    words repeated most, case aside, among their RECENT latest quotes."""
    if kept:
        rows = conn.execute(
            "SELECT text, appearance_count AS n, outlet_count AS outlets, statement_id FROM statements "
            "WHERE speaker_actor_id = %(id)s AND merged_into IS NULL AND appearance_count > 1 "
            "ORDER BY appearance_count DESC, created LIMIT 10",
            {"id": actor_id},
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT min(text) AS text, count(*) AS n, count(DISTINCT source_name) AS outlets, '' AS statement_id "
            "FROM (SELECT text, source_name FROM quotes WHERE speaker_actor_id = %(id)s "
            "ORDER BY published_at DESC NULLS LAST, quote_id DESC LIMIT %(recent)s) recent "
            "GROUP BY lower(text) HAVING count(*) > 1 ORDER BY n DESC, 1 LIMIT 10",
            {"id": actor_id, "recent": RECENT},
            prepare=False,
        ).fetchall()
    return [Repeated(r["text"], r["n"], r["outlets"], r["statement_id"]) for r in rows]


@dataclass(frozen=True)
class Quoted:
    """A statement of an article with where it stands in the text."""

    quote_id: str
    text: str
    kind: str
    speaker: str
    speaker_id: str
    cue: str
    start: int
    end: int
    segments: list[tuple[int, int]]
    speaker_span: tuple[int, int] | None


@dataclass(frozen=True)
class Article:
    article_id: str
    url: str
    title: str
    outlet: str
    language: str
    published_at: datetime | None
    text: str
    quotes: list[Quoted]
    actors: list[tuple[str, str, str, int]]  # id, name, type, mentions


def _bounds(r: Any) -> tuple[int, int] | None:
    return None if r is None or r.isempty else (int(r.lower), int(r.upper))


def article(pool: ReadOnlyPool, article_id: str) -> Article | None:
    with pool.connection() as conn:
        row = conn.execute(
            "SELECT article_id, url, title, source_name AS outlet, coalesce(nullif(detected_language, ''), language) "
            "AS language, published_at, text FROM articles WHERE article_id = %s",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        quotes = conn.execute(
            "SELECT q.quote_id, q.text, q.kind, coalesce(nullif(s.canonical_name, ''), q.speaker_mention) AS speaker, "
            "coalesce(q.speaker_actor_id, '') AS speaker_id, q.cue, q.start_offset, q.end_offset, q.segments, "
            "q.speaker_span FROM quotes q LEFT JOIN actors s ON s.actor_id = q.speaker_actor_id "
            "WHERE q.article_id = %s ORDER BY q.start_offset",
            (article_id,),
        ).fetchall()
        actors = conn.execute(
            "SELECT a.actor_id, a.canonical_name, a.type, aa.mention_count FROM article_actors aa "
            "JOIN actors a USING (actor_id) WHERE aa.article_id = %s ORDER BY aa.mention_count DESC, 2",
            (article_id,),
        ).fetchall()
    return Article(
        **row,
        quotes=[
            Quoted(
                q["quote_id"],
                q["text"],
                q["kind"],
                q["speaker"],
                q["speaker_id"],
                q["cue"],
                q["start_offset"],
                q["end_offset"],
                [b for b in map(_bounds, q["segments"] or []) if b],
                _bounds(q["speaker_span"]),
            )
            for q in quotes
        ],
        actors=[(a["actor_id"], a["canonical_name"], a["type"], a["mention_count"]) for a in actors],
    )
