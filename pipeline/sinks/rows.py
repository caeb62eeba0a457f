"""ArticleAnalysis -> flat table rows (articles, quotes, actors) with explicit Arrow schemas.
Shared by the Parquet sink and, later, the SQL sink."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator

import pyarrow as pa

from pipeline.schema import Actor, ArticleAnalysis, DeadLetter, Quote, Span

_TS = pa.timestamp("us", tz="UTC")
_SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32())])
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
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
    "quotes": pa.schema(
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
    "dead_letters": pa.schema(
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
    "actors": pa.schema(
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


def _kind(q: Quote) -> str:
    return Quote.Kind.Name(q.kind).removeprefix("KIND_").lower()


def _type(a: Actor) -> str:
    return Actor.Type.Name(a.type).removeprefix("TYPE_").lower()


def table_rows(msg: ArticleAnalysis) -> Iterator[tuple[str, dict[str, Any]]]:
    published = _ts(msg, "published_at")
    yield (
        "articles",
        {
            "article_id": msg.article_id,
            "url": msg.url,
            "title": msg.title,
            "source_name": msg.source_name,
            "language": msg.language,
            "detected_language": msg.detected_language,
            "published_at": published,
            "processed_at": _ts(msg, "processed_at"),
            "extractor_version": msg.extractor_version,
            "quote_count": len(msg.quotes),
            "actor_count": len(msg.actors),
        },
    )
    for q in msg.quotes:
        yield (
            "quotes",
            {
                "quote_id": q.quote_id,
                "article_id": msg.article_id,
                "text": q.text,
                "kind": _kind(q),
                "speaker_actor_id": q.speaker_actor_id,
                "speaker_name": q.speaker_name,
                "speaker_mention": q.speaker_mention,
                "cue": q.cue,
                "start": q.start,
                "end": q.end,
                "confidence": q.confidence,
                "url": msg.url,
                "published_at": published,
                "extractor_version": msg.extractor_version,
                "segments": [_span(g) for g in q.segments],
                "speaker_span": _span(q.speaker_span) if q.HasField("speaker_span") else None,
                "cue_span": _span(q.cue_span) if q.HasField("cue_span") else None,
            },
        )
    for a in msg.actors:
        yield (
            "actors",
            {
                "article_id": msg.article_id,
                "actor_id": a.actor_id,
                "canonical_name": a.canonical_name,
                "type": _type(a),
                "titles": list(a.titles),
                "aliases": list(a.aliases),
                "mention_count": a.mention_count,
                "url": msg.url,
                "published_at": published,
            },
        )
