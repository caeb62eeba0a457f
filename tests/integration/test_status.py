"""`newsflow status` numbers against the real broker: lag before/after the job, dead-letter count."""

from __future__ import annotations

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
