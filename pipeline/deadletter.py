"""Build DeadLetter records: every stage that rejects input uses this, so reasons look alike."""

from __future__ import annotations

from datetime import datetime, timezone

from pipeline.schema import DeadLetter

MAX_RAW_BYTES = 256 * 1024  # the evidence, not a 100 MB body; fits Kafka's default 1 MB message limit


def dead_letter(
    stage: str,
    reason: str,
    raw: bytes = b"",
    *,
    topic: str = "",
    partition: int = -1,
    offset: int = -1,
    source_url: str = "",
) -> DeadLetter:
    dl = DeadLetter(
        stage=stage,
        reason=reason[:2000],
        raw=raw[:MAX_RAW_BYTES],
        source_topic=topic,
        source_partition=partition,
        source_offset=offset,
        source_url=source_url,
    )
    dl.failed_at.FromDatetime(datetime.now(timezone.utc).replace(tzinfo=None))
    return dl
