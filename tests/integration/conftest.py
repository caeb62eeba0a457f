"""Helpers for tests on the real embedded broker."""

from __future__ import annotations

import time
from typing import Callable, Iterator, TypeVar

import pytest
from google.protobuf.message import Message

from pipeline.beam.batch import SinkConfig
from pipeline.beam.streaming import DriverConfig, MicroBatchDriver
from pipeline.config import Settings
from pipeline.kafka.client import make_consumer, producer_config
from pipeline.kafka.lag import caught_up

M = TypeVar("M", bound=Message)


def read_topic(settings: Settings, topic: str, cls: type[M], timeout_s: float = 20.0) -> list[M]:
    """Every record on a topic, read from the start until caught up (no consumer group)."""
    consumer = make_consumer(settings, [topic], None)
    out: list[M] = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            for messages in consumer.poll(timeout_ms=300).values():
                out.extend(cls.FromString(m.value) for m in messages)
            if caught_up(consumer):
                return out
    finally:
        consumer.close()
    raise TimeoutError(f"topic {topic} not read to its end in {timeout_s}s ({len(out)} records)")


def make_driver(settings: Settings, pg_url: str | None = None) -> MicroBatchDriver:
    consumer = make_consumer(settings, [settings.raw_topic], settings.group_id)
    sinks = SinkConfig(
        settings.quotes_topic,
        settings.deadletter_topic,
        producer_config(settings),
        settings.parquet_dir,
        pg_url,
        statements_topic=settings.statements_topic,
    )
    return MicroBatchDriver(consumer, sinks, DriverConfig(settings.batch_max_records, settings.batch_max_wait_ms))


def drain(driver: MicroBatchDriver, expected_records: int, timeout_s: float = 60.0) -> int:
    """Run batches until `expected_records` were processed; returns the number of batches."""
    done = batches = 0
    deadline = time.monotonic() + timeout_s
    while done < expected_records:
        if time.monotonic() > deadline:
            raise TimeoutError(f"processed {done}/{expected_records} records in {timeout_s}s")
        result = driver.run_once()
        if result:
            done += result.records
            batches += 1
    return batches


@pytest.fixture
def driver_factory(settings: Settings, pg_url: str) -> Iterator[Callable[[], MicroBatchDriver]]:
    """Drivers writing to every sink: the test's topics, its Parquet dir and its database."""
    made: list[MicroBatchDriver] = []

    def factory() -> MicroBatchDriver:
        made.append(make_driver(settings, pg_url))
        return made[-1]

    yield factory
    for d in made:
        d.consumer.close()
