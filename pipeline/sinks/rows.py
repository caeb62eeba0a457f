"""ArticleAnalysis -> Arrow tables (articles, quotes, actors) with explicit schemas, for the
Parquet sink; the statements' states (statements, stories, appearances) as tables; dead letters as
rows."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable, NamedTuple

import pyarrow as pa
from google.protobuf.message import Message

from pipeline.schema import Actor, Appearance, ArticleAnalysis, DeadLetter, Quote, Statement, Story

_TS = pa.timestamp("us", tz="UTC")
_SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32())])


def _schema(fields: list[tuple[str, pa.DataType]]) -> pa.Schema:
    return pa.schema(fields)


SCHEMAS: dict[str, pa.Schema] = {
    "articles": _schema(
        [
            ("article_id", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("source_name", pa.string()),
            ("language", pa.string()),
            ("detected_language", pa.string()),
            ("published_at", _TS),
            ("processed_at", _TS),
            ("extractor_version", pa.string()),
            ("quote_count", pa.int32()),
            ("actor_count", pa.int32()),
            ("story_id", pa.string()),  # near-duplicates share it; "" when statements are off
        ]
    ),
    "quotes": _schema(
        [
            ("quote_id", pa.string()),
            ("article_id", pa.string()),
            ("text", pa.string()),
            ("kind", pa.string()),
            ("speaker_actor_id", pa.string()),
            ("speaker_name", pa.string()),
            ("speaker_mention", pa.string()),
            ("cue", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("confidence", pa.float32()),
            ("url", pa.string()),
            ("published_at", _TS),
            ("extractor_version", pa.string()),
            # [start, end) in code points of the article text, as in the protobuf contract
            ("segments", pa.list_(_SPAN)),
            ("speaker_span", _SPAN),
            ("cue_span", _SPAN),
            ("cue_class", pa.string()),  # "speech", "stance", "" for records older than the field
            ("statement_id", pa.string()),  # "" when statements are off
        ]
    ),
    # each quote the statements' state stored, as PostgreSQL's statement_appearances (seen_at: the
    # article's publication time, else its processing time)
    "statement_appearances": _schema(
        [
            ("quote_id", pa.string()),
            ("statement_id", pa.string()),
            ("article_id", pa.string()),
            ("outlet", pa.string()),
            ("url", pa.string()),
            ("seen_at", _TS),
            ("text", pa.string()),
            ("word_count", pa.int32()),
            ("speaker_mention", pa.string()),
        ]
    ),
    # the latest state of each statement a batch changed (newsflow.statements.v1's records)
    "statements": _schema(
        [
            ("statement_id", pa.string()),
            ("text", pa.string()),
            ("speaker_actor_id", pa.string()),
            ("speaker_name", pa.string()),
            ("language", pa.string()),
            ("first_article_id", pa.string()),
            ("first_outlet", pa.string()),
            ("first_url", pa.string()),
            ("first_seen", _TS),
            ("last_article_id", pa.string()),
            ("last_seen", _TS),
            ("appearance_count", pa.int32()),
            ("outlet_count", pa.int32()),
            ("merged_into", pa.string()),
            ("revision", pa.int64()),
        ]
    ),
    # the latest state of each story a batch changed; its articles are the articles table's rows with
    # this story_id (outlet = source_name)
    "stories": _schema(
        [
            ("story_id", pa.string()),
            ("title", pa.string()),
            ("article_count", pa.int32()),
            ("outlet_count", pa.int32()),
            ("first_seen", _TS),
            ("last_seen", _TS),
            ("merged_into", pa.string()),
            ("revision", pa.int64()),
        ]
    ),
    "dead_letters": _schema(
        [
            ("stage", pa.string()),
            ("reason", pa.string()),
            ("source", pa.string()),
            ("source_partition", pa.int32()),
            ("source_offset", pa.int64()),
            ("failed_at", _TS),
            ("raw", pa.binary()),
        ]
    ),
    "actors": _schema(
        [
            ("article_id", pa.string()),
            ("actor_id", pa.string()),
            ("canonical_name", pa.string()),
            ("type", pa.string()),
            ("titles", pa.list_(pa.string())),
            ("aliases", pa.list_(pa.string())),
            ("mention_count", pa.int32()),
            ("url", pa.string()),
            ("published_at", _TS),
        ]
    ),
}


def dead_letter_row(dl: DeadLetter) -> dict[str, Any]:
    return {
        "stage": dl.stage,
        "reason": dl.reason,
        "source": dl.source_topic or dl.source_url,
        "source_partition": dl.source_partition,
        "source_offset": dl.source_offset,
        "failed_at": dl.failed_at.ToDatetime(tzinfo=timezone.utc) if dl.HasField("failed_at") else None,
        "raw": dl.raw,
    }


def timestamp(msg: Message, field: str) -> datetime | None:
    """A Timestamp field as an aware UTC datetime, None when unset."""
    return msg.__getattribute__(field).ToDatetime(tzinfo=timezone.utc) if msg.HasField(field) else None


def partition_date(msg: ArticleAnalysis) -> str:
    """Rows are partitioned by the article's publication date (processing date when it has none)."""
    when = timestamp(msg, "published_at") or timestamp(msg, "processed_at") or datetime.now(timezone.utc)
    return when.strftime("%Y-%m-%d")


# enum value -> the name the tables store ("direct", "person"); looked up per row, and the enum
# wrapper's Name() cost more than the rest of a row's conversion
KIND_NAMES = {v.number: v.name.removeprefix("KIND_").lower() for v in Quote.Kind.DESCRIPTOR.values}
CUE_CLASS_NAMES = {v.number: v.name.removeprefix("CUE_CLASS_").lower() for v in Quote.CueClass.DESCRIPTOR.values}
CUE_CLASS_NAMES[Quote.CUE_CLASS_UNSPECIFIED] = ""
TYPE_NAMES = {v.number: v.name.removeprefix("TYPE_").lower() for v in Actor.Type.DESCRIPTOR.values}


class ArticleRow(NamedTuple):
    article_id: str
    url: str
    title: str
    source_name: str
    language: str
    detected_language: str
    published_at: datetime | None
    processed_at: datetime | None
    extractor_version: str
    quote_count: int
    actor_count: int
    story_id: str


Range = tuple[int, int]  # [start, end) in code points of the article text


class QuoteRow(NamedTuple):
    quote_id: str
    article_id: str
    text: str
    kind: str
    speaker_actor_id: str
    speaker_name: str
    speaker_mention: str
    cue: str
    start: int
    end: int
    confidence: float
    segments: list[Range]
    speaker_span: Range | None
    cue_span: Range | None
    cue_class: str
    statement_id: str


class ActorRow(NamedTuple):
    actor_id: str
    canonical_name: str
    type: str
    titles: list[str]
    aliases: list[str]
    mention_count: int


def analysis_rows(msg: ArticleAnalysis) -> tuple[ArticleRow, list[QuoteRow], list[ActorRow]]:
    """The one mapping from the record to table rows that the Parquet and PostgreSQL sinks both
    read (each field of the message read once: every read of a protobuf field from Python builds
    a new object)."""
    aid = msg.article_id
    quotes, actors = msg.quotes, msg.actors
    article = ArticleRow(
        aid,
        msg.url,
        msg.title,
        msg.source_name,
        msg.language,
        msg.detected_language,
        timestamp(msg, "published_at"),
        timestamp(msg, "processed_at"),
        msg.extractor_version,
        len(quotes),
        len(actors),
        msg.story_id,
    )
    kinds, types = KIND_NAMES, TYPE_NAMES
    quote_rows = [
        QuoteRow(
            q.quote_id,
            aid,
            q.text,
            kinds[q.kind],
            q.speaker_actor_id,
            q.speaker_name,
            q.speaker_mention,
            q.cue,
            q.start,
            q.end,
            q.confidence,
            [(g.start, g.end) for g in q.segments],
            (q.speaker_span.start, q.speaker_span.end) if q.HasField("speaker_span") else None,
            (q.cue_span.start, q.cue_span.end) if q.HasField("cue_span") else None,
            CUE_CLASS_NAMES[q.cue_class],
            q.statement_id,
        )
        for q in quotes
    ]
    actor_rows = [
        ActorRow(a.actor_id, a.canonical_name, types[a.type], list(a.titles), list(a.aliases), a.mention_count)
        for a in actors
    ]
    return article, quote_rows, actor_rows


def analysis_tables(analyses: Iterable[ArticleAnalysis]) -> dict[tuple[str, str], pa.Table]:
    """The articles, quotes and actors tables of a batch, per partition date, built column by
    column (no per-row dicts: bench/sink_speed.py)."""
    by_date: dict[str, list[ArticleAnalysis]] = {}
    for msg in analyses:
        by_date.setdefault(partition_date(msg), []).append(msg)
    out: dict[tuple[str, str], pa.Table] = {}
    for date, group in by_date.items():
        for table, columns in _columns(group).items():
            if columns["article_id"]:
                out[table, date] = pa.Table.from_pydict(columns, schema=SCHEMAS[table])
    return out


def _span(span: Range | None) -> dict[str, int] | None:
    return None if span is None else {"start": span[0], "end": span[1]}


def _columns(group: list[ArticleAnalysis]) -> dict[str, dict[str, list[Any]]]:
    cols: dict[str, dict[str, list[Any]]] = {
        t: {f.name: [] for f in SCHEMAS[t]} for t in ("articles", "quotes", "actors")
    }
    art, quo, act = cols["articles"], cols["quotes"], cols["actors"]
    for msg in group:
        article, quotes, actors = analysis_rows(msg)
        for name, value in zip(ArticleRow._fields, article, strict=True):
            art[name].append(value)
        aid, url, published, version = article.article_id, article.url, article.published_at, article.extractor_version
        for q in quotes:
            for name, quoted in zip(QuoteRow._fields[:11], q, strict=False):
                quo[name].append(quoted)
            quo["url"].append(url)
            quo["published_at"].append(published)
            quo["extractor_version"].append(version)
            quo["segments"].append([{"start": s, "end": e} for s, e in q.segments])
            quo["speaker_span"].append(_span(q.speaker_span))
            quo["cue_span"].append(_span(q.cue_span))
            quo["cue_class"].append(q.cue_class)
            quo["statement_id"].append(q.statement_id)
        for a in actors:
            act["article_id"].append(aid)
            for name, named in zip(ActorRow._fields, a, strict=True):
                act[name].append(named)
            act["url"].append(url)
            act["published_at"].append(published)
    return cols


def state_tables(states: Iterable[Statement | Story | Appearance]) -> dict[tuple[str, str], pa.Table]:
    """The statements, stories and statement appearances tables of a batch. Statements and stories
    are partitioned by the date they were first seen, the highest revision of each in the batch
    kept; appearances by the date they were seen."""
    statements: list[Statement] = []
    stories: list[Story] = []
    appearances: list[Appearance] = []
    for record in states:
        if isinstance(record, Statement):
            statements.append(record)
        elif isinstance(record, Story):
            stories.append(record)
        else:
            appearances.append(record)
    return {**_statement_tables(statements), **_story_tables(stories), **_appearance_tables(appearances)}


def _appearance_tables(appearances: list[Appearance]) -> dict[tuple[str, str], pa.Table]:
    """Column by column (an appearance per quote: the statements' most numerous rows)."""
    schema = SCHEMAS["statement_appearances"]
    by_date: dict[str, list[Appearance]] = {}
    days: dict[int, str] = {}
    for ap in appearances:
        day = ap.seen_at.seconds // 86_400
        if day not in days:
            days[day] = datetime.fromtimestamp(day * 86_400, timezone.utc).strftime("%Y-%m-%d")
        by_date.setdefault(days[day], []).append(ap)
    out = {}
    for date, group in by_date.items():
        columns = {n: [getattr(ap, n) for ap in group] for n in schema.names if n != "seen_at"}
        times = [ap.seen_at for ap in group]
        columns["seen_at"] = [t.seconds * 1_000_000 + t.nanos // 1000 for t in times]  # the column's microseconds
        out["statement_appearances", date] = pa.Table.from_pydict(columns, schema=schema)
    return out


def _latest(records: Iterable[Any], key: str) -> list[Any]:
    latest: dict[str, Any] = {}
    for r in records:
        k = getattr(r, key)
        if k not in latest or r.revision >= latest[k].revision:
            latest[k] = r
    return list(latest.values())


def _by_date(table: str, rows: list[dict[str, Any]], column: str = "first_seen") -> dict[tuple[str, str], pa.Table]:
    by_date: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        date = (row[column] or datetime.now(timezone.utc)).strftime("%Y-%m-%d")
        by_date.setdefault(date, []).append(row)
    return {(table, d): pa.Table.from_pylist(group, schema=SCHEMAS[table]) for d, group in by_date.items()}


def _story_tables(stories: list[Story]) -> dict[tuple[str, str], pa.Table]:
    rows = [
        {
            "story_id": st.story_id,
            "title": st.title,
            "article_count": st.article_count,
            "outlet_count": st.outlet_count,
            "first_seen": timestamp(st, "first_seen"),
            "last_seen": timestamp(st, "last_seen"),
            "merged_into": st.merged_into,
            "revision": st.revision,
        }
        for st in _latest(stories, "story_id")
    ]
    return _by_date("stories", rows)


def _statement_tables(statements: list[Statement]) -> dict[tuple[str, str], pa.Table]:
    rows = []
    for st in _latest(statements, "statement_id"):
        first, last = st.first_seen, st.last_seen
        seen = timestamp(first, "seen_at")
        row = {
            "statement_id": st.statement_id,
            "text": st.text,
            "speaker_actor_id": st.speaker_actor_id,
            "speaker_name": st.speaker_name,
            "language": st.language,
            "first_article_id": first.article_id,
            "first_outlet": first.outlet,
            "first_url": first.url,
            "first_seen": seen,
            "last_article_id": last.article_id,
            "last_seen": timestamp(last, "seen_at"),
            "appearance_count": st.appearance_count,
            "outlet_count": st.outlet_count,
            "merged_into": st.merged_into,
            "revision": st.revision,
        }
        rows.append(row)
    return _by_date("statements", rows)
