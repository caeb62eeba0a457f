"""Typed client for downstream programs: iterate decoded ArticleAnalysis records from the output topic.

    from pipeline.client import subscribe
    for analysis in subscribe("broker:9092", group_id="my-app"):
        for quote in analysis.quotes: ...

Delivery is at-least-once: dedupe on analysis.article_id (or quote_id) if duplicates matter.
"""

from __future__ import annotations

import logging
from typing import Iterator, TypeVar

from google.protobuf.message import DecodeError, Message

from pipeline.config import Settings
from pipeline.kafka.client import make_consumer
from pipeline.kafka.lag import caught_up
from pipeline.schema import ArticleAnalysis

log = logging.getLogger(__name__)
M = TypeVar("M", bound=Message)


def subscribe(
    bootstrap_servers: str | None = None,
    *,
    group_id: str | None = None,
    from_beginning: bool = False,
    stop_when_caught_up: bool = False,
    settings: Settings | None = None,
    idle_timeout_s: float | None = None,
) -> Iterator[ArticleAnalysis]:
    """Yield analyses as they arrive. With a group_id, offsets are committed after each record is
    handed over (so a restarted subscriber resumes); without one, reading starts at the beginning
    (from_beginning) or the end."""
    settings = (settings or Settings()).model_copy(
        update={"bootstrap_servers": bootstrap_servers} if bootstrap_servers else {}
    )
    yield from read_topic(
        settings,
        settings.quotes_topic,
        ArticleAnalysis,
        group_id=group_id,
        from_beginning=from_beginning,
        stop_when_caught_up=stop_when_caught_up,
        idle_timeout_s=idle_timeout_s,
    )


def read_topic(
    settings: Settings,
    topic: str,
    message: type[M],
    *,
    group_id: str | None = None,
    from_beginning: bool = False,
    stop_when_caught_up: bool = False,
    idle_timeout_s: float | None = None,
) -> Iterator[M]:
    """Decoded records of one protobuf type from `topic`; undecodable ones are skipped with a warning."""
    consumer = make_consumer(settings, [topic], group_id, auto_offset_reset="earliest" if from_beginning else "latest")
    idle = 0.0
    try:
        while True:
            polled = consumer.poll(timeout_ms=500)
            if not polled:
                idle += 0.5
                if stop_when_caught_up and caught_up(consumer):
                    return
                if idle_timeout_s is not None and idle >= idle_timeout_s:
                    return
                continue
            idle = 0.0
            for messages in polled.values():
                for m in messages:
                    record = message()
                    try:
                        record.ParseFromString(m.value)
                    except DecodeError:
                        log.warning("skipping undecodable record at offset %d", m.offset)
                        continue
                    yield record
            if group_id:
                consumer.commit()
    finally:
        consumer.close()
