"""Typed client for downstream programs: iterate decoded ArticleAnalysis records from the output topic.

    from pipeline.client import subscribe
    for analysis in subscribe("broker:9092", group_id="my-app"):
        for quote in analysis.quotes: ...

Delivery is at-least-once: dedupe on analysis.article_id (or quote_id) if duplicates matter.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterator, TypeVar

from google.protobuf.message import DecodeError, Message
from kafka import KafkaConsumer, TopicPartition
from kafka.errors import CommitFailedError
from kafka.structs import OffsetAndMetadata

from pipeline.config import Settings
from pipeline.kafka.client import connection_config, make_admin, make_consumer
from pipeline.kafka.lag import caught_up, end_offsets, partitions_of
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
    on_start: Callable[[], None] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Yield analyses as they arrive. With a group_id, offsets are committed after each record is
    handed over (so a restarted subscriber resumes where it stopped); a group without committed
    offsets, or no group, starts at the beginning (from_beginning) or at the end: only records
    written after the iteration started. `on_start` is called once the start is fixed."""
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
        on_start=on_start,
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
    on_start: Callable[[], None] | None = None,
) -> Iterator[M]:
    """Decoded records of one protobuf type from `topic`; undecodable ones are skipped with a warning."""
    partitions = [] if from_beginning else partitions_of(settings, topic)
    if not partitions:  # from the beginning, or a topic that does not exist yet (all it will hold is new)
        consumer = make_consumer(settings, [topic], group_id, auto_offset_reset="earliest")
    elif group_id:
        start_group_at_end(settings, partitions, group_id)
        consumer = make_consumer(settings, [topic], group_id, auto_offset_reset="latest")
    else:
        consumer = make_consumer(settings, [], None)
        ends = end_offsets(settings, partitions)
        consumer.assign(list(ends))
        for tp, offset in ends.items():
            consumer.seek(tp, offset)
    if on_start is not None:
        on_start()
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


def start_group_at_end(settings: Settings, parts: list[TopicPartition], group_id: str) -> None:
    """Commit the exact end of each partition the group has no offset for yet, so that a new group
    starts at "now" on every broker: a consumer's "latest" comes from ListOffsets, which the
    embedded broker reports batch-granularly, short of the end (docs/design.md)."""
    admin = make_admin(settings)
    try:
        known = admin.list_group_offsets({group_id: parts}).get(group_id, {})
    finally:
        admin.close()
    new = [tp for tp in parts if tp not in known or known[tp].offset < 0]
    if not new:
        return
    ends = end_offsets(settings, new)
    committer = KafkaConsumer(**connection_config(settings), group_id=group_id, enable_auto_commit=False)
    try:
        committer.assign(list(ends))
        committer.commit({tp: OffsetAndMetadata(offset, "", -1) for tp, offset in ends.items()})
    except CommitFailedError as exc:  # a member of the group committed meanwhile: its offsets stand
        log.info("group %s: not starting at the end (%s)", group_id, exc)
    finally:
        committer.close()
