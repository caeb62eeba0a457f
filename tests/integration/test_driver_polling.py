"""How the micro-batch driver cuts batches, on the real broker: bounded by bytes as well as by
records, and without holding back records that already waited."""

from __future__ import annotations

import time
import uuid

from pipeline.beam.streaming import DriverConfig, MicroBatchDriver
from pipeline.config import Settings
from pipeline.kafka.client import make_consumer, make_producer
from tests.integration.conftest import make_driver


def _produce(settings: Settings, values: list[bytes]) -> None:
    producer = make_producer(settings, max_request_size=8 * 1024 * 1024)
    for v in values:
        producer.send(settings.raw_topic, key=uuid.uuid4().hex.encode(), value=v)
    producer.flush()
    producer.close()


def _driver(settings: Settings, config: DriverConfig) -> MicroBatchDriver:
    driver = make_driver(settings)
    driver.config = config
    return driver


def _first_batch(driver: MicroBatchDriver, timeout_s: float = 30.0) -> list:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        records = driver.poll_batch()
        if records:
            return records
    raise TimeoutError("no records polled")


def test_a_batch_ends_at_its_byte_limit(settings: Settings) -> None:
    _produce(settings, [b"x" * 1_000_000 for _ in range(12)])
    driver = _driver(settings, DriverConfig(max_records=500, max_wait_ms=2000, max_bytes=3_000_000))
    try:
        sizes = []
        while sum(sizes) < 12:
            sizes.append(len(_first_batch(driver)))
    finally:
        driver.consumer.close()
    # each batch stops at 3 MB: polls take as many records as fit, at the sizes seen so far
    assert sizes == [3, 3, 3, 3]


def test_records_that_already_waited_are_not_held_back_again(settings: Settings) -> None:
    _produce(settings, [b"old record" for _ in range(5)])
    time.sleep(1.5)  # they wait on the topic longer than the batch wait
    driver = _driver(settings, DriverConfig(max_records=500, max_wait_ms=1000))
    try:
        consumer = driver.consumer
        # join the group and fetch first, so the timing below is the driver's, not the join's
        deadline = time.monotonic() + 30
        while not consumer.assignment() and time.monotonic() < deadline:
            consumer.poll(timeout_ms=100, max_records=1)
        for tp in consumer.assignment():
            consumer.seek_to_beginning(tp)
        started = time.monotonic()
        records = _first_batch(driver)
        took = time.monotonic() - started
    finally:
        driver.consumer.close()
    assert len(records) == 5
    assert took < 0.9  # the 1 s wait counts from when the records were written, not from the poll


def test_a_consumer_of_the_raw_topic_sees_the_records(settings: Settings) -> None:
    """The records above really are on the topic the driver reads (guards the two tests above)."""
    _produce(settings, [b"one"])
    consumer = make_consumer(settings, [settings.raw_topic], None)
    try:
        deadline = time.monotonic() + 20
        got: list[bytes] = []
        while not got and time.monotonic() < deadline:
            for messages in consumer.poll(timeout_ms=200).values():
                got.extend(m.value for m in messages)
    finally:
        consumer.close()
    assert got == [b"one"]
