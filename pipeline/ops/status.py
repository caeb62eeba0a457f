"""Consumer lag and dead-letter count, read from the broker.

Both use the high watermark from fetch responses (consumer.highwater), because ListOffsets is
batch-granular on Tansu and under-reports the end of a partition (docs/design.md)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import Settings
from pipeline.kafka.client import make_admin
from pipeline.kafka.lag import high_watermarks, partitions_of


@dataclass(frozen=True)
class Lag:
    committed: dict[int, int]
    end: dict[int, int]

    @property
    def total(self) -> int:
        return sum(max(0, self.end.get(p, 0) - c) for p, c in self.committed.items())


def group_lag(settings: Settings) -> Lag:
    parts = partitions_of(settings, settings.raw_topic)
    admin = make_admin(settings)
    try:
        offsets = admin.list_group_offsets({settings.group_id: parts}).get(settings.group_id, {})
    finally:
        admin.close()
    committed = {tp.partition: (offsets[tp].offset if tp in offsets and offsets[tp].offset >= 0 else 0) for tp in parts}
    marks = high_watermarks(settings, {tp: committed[tp.partition] for tp in parts})
    return Lag(committed, {tp.partition: h for tp, h in marks.items()})


def topic_size(settings: Settings, topic: str) -> int:
    """Records in a topic (no retention on the embedded broker: all ever written)."""
    parts = partitions_of(settings, topic)
    return sum(high_watermarks(settings, {tp: None for tp in parts}).values())
