"""The output-topic sink's producer lingers long, and its bundle-end flush does not wait for it."""

from __future__ import annotations

import time

from pipeline.config import Settings
from pipeline.kafka.client import SINK_LINGER_MS, new_producer, producer_config, sink_producer_config


def test_a_bundles_records_are_sent_at_its_flush_not_after_the_linger(settings: Settings) -> None:
    config = sink_producer_config(settings)
    assert config["linger_ms"] == SINK_LINGER_MS > producer_config(settings)["linger_ms"]
    producer = new_producer(config)
    try:
        producer.send(settings.quotes_topic, b"warm-up").get(timeout=30)  # metadata fetched
        futures = [producer.send(settings.quotes_topic, key=b"%d" % i, value=b"x" * 2000) for i in range(50)]
        time.sleep(0.05)
        assert not any(f.is_done for f in futures)  # held for the linger, not sent one by one
        started = time.monotonic()
        producer.flush(timeout=30)
        assert time.monotonic() - started < SINK_LINGER_MS / 1000 / 2
        assert all(f.is_done and f.succeeded() for f in futures)
    finally:
        producer.close(timeout=10)
