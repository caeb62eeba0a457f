"""Build DeadLetter records: every stage that rejects input uses this, so reasons look alike."""

from __future__ import annotations

from datetime import datetime, timezone

from pipeline.schema import DeadLetter

MAX_RAW_BYTES = 1024 * 1024  # keep the evidence, not a 100 MB body


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
