"""Lag, caught-up and end-of-partition checks. ListOffsets is batch-granular on Tansu (end_offsets()
under-reports after multi-record batches), but the high watermark carried in fetch responses is
exact, so this is the one place that reads where a partition ends: from consumer.highwater() after
a fetch (docs/design.md)."""

from __future__ import annotations

import time

from kafka import KafkaConsumer, TopicPartition

from pipeline.config import Settings
from pipeline.kafka.client import connection_config


def partition_lag(consumer: KafkaConsumer) -> dict[TopicPartition, int | None]:
    """Records left per assigned partition; None where no fetch has reported a watermark yet."""
    lag: dict[TopicPartition, int | None] = {}
    for tp in consumer.assignment():
        high = consumer.highwater(tp)
        lag[tp] = None if high is None else max(0, high - consumer.position(tp))
    return lag


def caught_up(consumer: KafkaConsumer) -> bool:
    """True when every assigned partition has been fetched at least once and has no lag left."""
    lag = partition_lag(consumer)
    return bool(lag) and all(v == 0 for v in lag.values())


def high_watermarks(
    settings: Settings, positions: dict[TopicPartition, int | None], timeout_s: float = 5.0
) -> dict[TopicPartition, int]:
    """High watermark per partition, learnt by fetching from the given positions (None = start);
    a partition that answers no fetch within timeout_s is left out."""
    consumer = KafkaConsumer(**connection_config(settings), enable_auto_commit=False, group_id=None)
    try:
        consumer.assign(list(positions))
        for tp, pos in positions.items():
            if pos is None:
                consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, pos)
        deadline = time.monotonic() + timeout_s
        marks: dict[TopicPartition, int] = {}
        while time.monotonic() < deadline and len(marks) < len(positions):
            consumer.poll(timeout_ms=200, max_records=1)
            marks = {tp: h for tp in positions if (h := consumer.highwater(tp)) is not None}
        return marks
    finally:
        consumer.close()


def partitions_of(settings: Settings, topic: str) -> list[TopicPartition]:
    consumer = KafkaConsumer(**connection_config(settings), group_id=None)
    try:
        return [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
    finally:
        consumer.close()


def end_offsets(settings: Settings, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
    """Where each partition ends now, exactly: ListOffsets gives a lower bound, a fetch from there
    the high watermark (ListOffsets alone where no fetch answers)."""
    consumer = KafkaConsumer(**connection_config(settings), group_id=None)
    try:
        listed: dict[TopicPartition, int] = consumer.end_offsets(partitions)
    finally:
        consumer.close()
    return listed | high_watermarks(settings, dict(listed))
