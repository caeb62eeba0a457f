"""Lag and caught-up checks. ListOffsets is batch-granular on Tansu (end_offsets() under-reports
after multi-record batches), but the high watermark carried in fetch responses is exact, so this is
the one place that decides 'caught up', from consumer.highwater() after a poll."""

from __future__ import annotations

from kafka import KafkaConsumer, TopicPartition


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
