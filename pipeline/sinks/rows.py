"""ArticleAnalysis -> Arrow tables (articles, quotes, actors) with explicit schemas, for the
Parquet sink; dead letters as rows."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

import pyarrow as pa

from pipeline.schema import Actor, ArticleAnalysis, DeadLetter, Quote, Span

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


def _ts(msg: ArticleAnalysis, field: str) -> datetime | None:
    return msg.__getattribute__(field).ToDatetime(tzinfo=timezone.utc) if msg.HasField(field) else None


def partition_date(msg: ArticleAnalysis) -> str:
    """Rows are partitioned by the article's publication date (processing date when it has none)."""
    when = _ts(msg, "published_at") or _ts(msg, "processed_at") or datetime.now(timezone.utc)
    return when.strftime("%Y-%m-%d")


def _span(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


# enum value -> the name the tables store ("direct", "person"); looked up per row, and the enum
# wrapper's Name() cost more than the rest of a row's conversion
KIND_NAMES = {v.number: v.name.removeprefix("KIND_").lower() for v in Quote.Kind.DESCRIPTOR.values}
TYPE_NAMES = {v.number: v.name.removeprefix("TYPE_").lower() for v in Actor.Type.DESCRIPTOR.values}


def _kind(q: Quote) -> str:
    return KIND_NAMES[q.kind]


def _type(a: Actor) -> str:
    return TYPE_NAMES[a.type]


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


def _columns(group: list[ArticleAnalysis]) -> dict[str, dict[str, list[Any]]]:
    cols: dict[str, dict[str, list[Any]]] = {
        t: {f.name: [] for f in SCHEMAS[t]} for t in ("articles", "quotes", "actors")
    }
    art, quo, act = cols["articles"], cols["quotes"], cols["actors"]
    for msg in group:
        published = _ts(msg, "published_at")
        aid, url, version = msg.article_id, msg.url, msg.extractor_version
        for name, value in (
            ("article_id", aid),
            ("url", url),
            ("title", msg.title),
            ("source_name", msg.source_name),
            ("language", msg.language),
            ("detected_language", msg.detected_language),
            ("published_at", published),
            ("processed_at", _ts(msg, "processed_at")),
            ("extractor_version", version),
            ("quote_count", len(msg.quotes)),
            ("actor_count", len(msg.actors)),
        ):
            art[name].append(value)
        for q in msg.quotes:
            quo["quote_id"].append(q.quote_id)
            quo["article_id"].append(aid)
            quo["text"].append(q.text)
            quo["kind"].append(_kind(q))
            quo["speaker_actor_id"].append(q.speaker_actor_id)
            quo["speaker_name"].append(q.speaker_name)
            quo["speaker_mention"].append(q.speaker_mention)
            quo["cue"].append(q.cue)
            quo["start"].append(q.start)
            quo["end"].append(q.end)
            quo["confidence"].append(q.confidence)
            quo["url"].append(url)
            quo["published_at"].append(published)
            quo["extractor_version"].append(version)
            quo["segments"].append([_span(g) for g in q.segments])
            quo["speaker_span"].append(_span(q.speaker_span) if q.HasField("speaker_span") else None)
            quo["cue_span"].append(_span(q.cue_span) if q.HasField("cue_span") else None)
        for a in msg.actors:
            act["article_id"].append(aid)
            act["actor_id"].append(a.actor_id)
            act["canonical_name"].append(a.canonical_name)
            act["type"].append(_type(a))
            act["titles"].append(list(a.titles))
            act["aliases"].append(list(a.aliases))
            act["mention_count"].append(a.mention_count)
            act["url"].append(url)
            act["published_at"].append(published)
    return cols
