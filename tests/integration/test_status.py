"""`newsflow status` numbers against the real broker: lag before/after the job, dead-letter count."""

from __future__ import annotations

import threading
import time
from typing import Callable

import pytest

from pipeline.beam.streaming import MicroBatchDriver
from pipeline.config import Settings
from pipeline.kafka.client import make_producer
from pipeline.ops.metrics import BatchRecorder, read_status
from pipeline.ops.status import group_lag, topic_size
from pipeline.schema import RawArticle
from tests.integration.conftest import drain

pytestmark = pytest.mark.integration


def test_lag_and_dead_letters(settings: Settings, driver_factory: Callable[[], MicroBatchDriver]) -> None:
    producer = make_producer(settings)
    for n in range(7):
        article = RawArticle(
            article_id=f"{n:032x}",
            url=f"https://x.example/{n}",
            title="t",
            content_text=f"“Item {n} is ready for review,” said clerk Ada Nolan.",
        )
        producer.send(settings.raw_topic, value=article.SerializeToString())
    producer.send(settings.raw_topic, value=b"not an article")
    producer.flush()
    producer.close()
    assert group_lag(settings).total == 8

    driver = driver_factory()
    driver.on_batch = BatchRecorder(settings.status_file)
    drain(driver, expected_records=8)

    assert group_lag(settings).total == 0
    assert topic_size(settings, settings.deadletter_topic) == 1
    assert topic_size(settings, settings.quotes_topic) == 7
    job = read_status(settings.status_file)
    assert job is not None and (job.records, job.analysed, job.dead_letters) == (8, 7, 1)
    assert job.batches >= 1 and job.last_batch_seconds > 0


def test_database_outage_is_retried_without_committing(settings: Settings) -> None:
    """PostgreSQL down: the batch is retried with backoff, offsets stay uncommitted, nothing is lost."""
    from prometheus_client import REGISTRY

    from pipeline.kafka.broker import free_port
    from tests.integration.conftest import make_driver

    producer = make_producer(settings)
    article = RawArticle(
        article_id="ab" * 16,
        url="https://x.example/db",
        title="t",
        content_text="“The vote is on Tuesday,” said clerk Ada Nolan.",
    )
    producer.send(settings.raw_topic, value=article.SerializeToString()).get(10)
    producer.close()
    driver = make_driver(settings, f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere?connect_timeout=1")

    def failures() -> float:
        return REGISTRY.get_sample_value("newsflow_batch_failures_total") or 0.0

    failures_before = failures()
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(_run_until_stopped(driver)))
    worker.start()
    deadline = time.monotonic() + 30
    while failures() < failures_before + 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    driver.stop.set()
    worker.join(timeout=60)
    driver.consumer.close()
    assert failures() >= failures_before + 2  # retried, with backoff
    assert result == [None]  # stopping gives up the batch (logged) instead of committing it
    assert group_lag(settings).total == 1  # still there for the next run


def _run_until_stopped(driver: MicroBatchDriver) -> object:
    """None once stopped: a stop during a sink outage abandons the batch, uncommitted, without raising."""
    while not driver.stop.is_set():
        if (result := driver.run_once()) is not None:
            return result
    return None
