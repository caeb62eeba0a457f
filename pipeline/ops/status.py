"""Consumer lag and dead-letter count, read from the broker.

Both use the high watermark from fetch responses (consumer.highwater), because ListOffsets is
batch-granular on Tansu and under-reports the end of a partition (docs/design.md)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition

from pipeline.config import Settings
from pipeline.kafka.client import connection_config, make_admin


def _watermarks(
    settings: Settings, positions: dict[TopicPartition, int | None], timeout_s: float = 5.0
) -> dict[TopicPartition, int]:
    """High watermark per partition, learnt by fetching from the given positions (None = start)."""
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


def _partitions(settings: Settings, topic: str) -> list[TopicPartition]:
    consumer = KafkaConsumer(**connection_config(settings), group_id=None)
    try:
        return [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
    finally:
        consumer.close()


@dataclass(frozen=True)
class Lag:
    committed: dict[int, int]
    end: dict[int, int]

    @property
    def total(self) -> int:
        return sum(max(0, self.end.get(p, 0) - c) for p, c in self.committed.items())


def group_lag(settings: Settings) -> Lag:
    parts = _partitions(settings, settings.raw_topic)
    admin = make_admin(settings)
    try:
        offsets = admin.list_group_offsets({settings.group_id: parts}).get(settings.group_id, {})
    finally:
        admin.close()
    committed = {tp.partition: (offsets[tp].offset if tp in offsets and offsets[tp].offset >= 0 else 0) for tp in parts}
    marks = _watermarks(settings, {tp: committed[tp.partition] for tp in parts})
    return Lag(committed, {tp.partition: h for tp, h in marks.items()})


def topic_size(settings: Settings, topic: str) -> int:
    """Records in a topic (no retention on the embedded broker: all ever written)."""
    parts = _partitions(settings, topic)
    return sum(_watermarks(settings, {tp: None for tp in parts}).values())
