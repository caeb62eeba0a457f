"""The Pipeline page's data from a real broker: the dead-letter topic is read once and then only
what is new, lag is the group's, and a broker that goes away is a line on the page, not an error."""

from __future__ import annotations

import pytest
from kafka import KafkaProducer

from pipeline.config import Settings
from pipeline.deadletter import dead_letter
from pipeline.kafka.client import connection_config
from pipeline.serve.health import HealthReader, reason_group

pytestmark = pytest.mark.integration


def _send(settings: Settings, *reasons: str) -> None:
    producer = KafkaProducer(**connection_config(settings))
    try:
        for reason in reasons:
            letter = dead_letter("fetch", reason, b"\x00<feed>", source_url="https://a.example/feed")
            producer.send(settings.deadletter_topic, letter.SerializeToString())
        producer.send(settings.deadletter_topic, b"not a protobuf \xff\xfe")
        producer.flush(10)
    finally:
        producer.close()


def test_dead_letters_are_counted_once_by_stage_and_reason(settings: Settings) -> None:
    reader = HealthReader(settings, max_age_s=0)
    try:
        _send(settings, "HTTP 503 after 3 tries", "HTTP 503 after 4 tries")
        first = reader.read()
        assert first.lag is not None and first.lag_error == ""
        assert sum(first.dead.by_stage.values()) == 3
        assert first.dead.by_reason[("fetch", "HTTP N after N tries")] == 2
        _send(settings, "timed out")
        second = reader.read()  # only the new records are read, nothing twice
        assert second.dead.by_stage["fetch"] == 3
        assert second.dead.by_stage["?"] == 2  # garbage on the topic is shown, not skipped
        assert any(letter.raw_start.startswith("not a protobuf") for letter in second.dead.latest)
    finally:
        reader.close()


def test_no_broker_is_said_on_the_page(tmp_path: object) -> None:
    reader = HealthReader(Settings(bootstrap_servers=None, data_dir=tmp_path))
    health = reader.read()
    assert health.lag is None and "no broker" in health.lag_error


def test_reasons_that_differ_only_in_numbers_are_one() -> None:
    assert reason_group("HTTP 503 after 3 tries") == reason_group("HTTP 429 after 12 tries")
