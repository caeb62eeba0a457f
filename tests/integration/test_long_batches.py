"""A batch that takes longer than the consumer's max_poll_interval_ms (a sink held up, a slow
article) must not cost the member its place in the group, nor its commit: on the real broker and
a real PostgreSQL lock that holds the sink up."""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Iterator

import psycopg
import pytest

from pipeline.beam.streaming import MicroBatchDriver, _commit_awaitable
from pipeline.config import Settings
from pipeline.kafka.client import make_producer
from pipeline.ops.status import group_lag
from pipeline.schema import ArticleAnalysis, DeadLetter, RawArticle
from tests.conftest import stored_counts
from tests.integration.conftest import drain, make_driver, read_topic

pytestmark = pytest.mark.integration


def _articles(n: int, start: int = 0) -> list[RawArticle]:
    return [
        RawArticle(
            article_id=f"{i:032x}",
            url=f"https://x.example/{i}",
            title=f"Item {i}",
            content_text=f"“Gate {i} reopens at noon,” said harbour master Ines Moreau.",
        )
        for i in range(start, start + n)
    ]


def _produce(settings: Settings, articles: list[RawArticle]) -> None:
    producer = make_producer(settings)
    for a in articles:
        producer.send(settings.raw_topic, key=a.article_id.encode(), value=a.SerializeToString())
    producer.flush()
    producer.close()


@pytest.fixture
def short_poll(settings: Settings, pg_url: str) -> Iterator[tuple[Settings, MicroBatchDriver]]:
    quick = settings.model_copy(update={"max_poll_interval_ms": 3000})
    driver = make_driver(quick, pg_url)
    yield quick, driver
    driver.consumer.close()


def _hold_table(pg_url: str, seconds: float, locked: threading.Event) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
        locked.set()
        time.sleep(seconds)


def test_a_batch_longer_than_the_poll_interval_keeps_the_member_and_commits(
    short_poll: tuple[Settings, MicroBatchDriver], pg_url: str
) -> None:
    settings, driver = short_poll
    _produce(settings, _articles(6))
    locked = threading.Event()
    holder = threading.Thread(target=_hold_table, args=(pg_url, 8.0, locked))
    holder.start()
    locked.wait(10)
    started = time.monotonic()
    try:
        drain(driver, expected_records=6, timeout_s=60)
    finally:
        holder.join()
    assert time.monotonic() - started > 6  # the sink really was held past the 3 s poll interval
    _produce(settings, _articles(4, start=6))
    drain(driver, expected_records=4, timeout_s=60)  # still a working member: no exit, no error

    assert stored_counts(pg_url) == (10, 10)
    assert group_lag(settings).total == 0


def test_the_commit_a_rebalance_listener_awaits_is_kafka_pythons_own() -> None:
    """_commit_awaitable reaches into kafka-python 3.x's coordinator: fail loudly when that moves."""
    from kafka.coordinator.consumer import ConsumerCoordinator

    assert callable(getattr(ConsumerCoordinator, "_commit_offsets_sync_async", None))
    assert _commit_awaitable.__name__ == "_commit_awaitable"


def test_a_nul_in_any_text_field_is_stored_without_it_and_the_partition_moves_on(
    settings: Settings, pg_url: str
) -> None:
    """A record from any producer (not only the reader) may carry NUL, which PostgreSQL's text
    refuses: the whole chunk used to fail and the job exit at every restart."""
    poisoned = _articles(5)
    poisoned[1].title = "Port\x00 strike"
    poisoned[2].source_name = "\x00Harbour News"
    poisoned[3].authors.append("Ann\x00 Lee")
    poisoned[4].content_text = "“Gate\x00 4 reopens,” said harbour master Ines Moreau."
    _produce(settings, poisoned)
    driver = make_driver(settings, pg_url)
    try:
        drain(driver, expected_records=5)
    finally:
        driver.consumer.close()
    with psycopg.connect(pg_url) as conn:
        titles = sorted(r[0] for r in conn.execute("SELECT title FROM articles"))
        sources = {r[0] for r in conn.execute("SELECT source_name FROM articles")}
        texts = {r[0] for r in conn.execute("SELECT text FROM quotes")}
    assert titles == ["Item 0", "Item 2", "Item 3", "Item 4", "Port strike"]
    assert "Harbour News" in sources and "Gate 4 reopens" in texts
    assert group_lag(settings).total == 0


def test_an_analysis_the_output_topic_refuses_is_a_dead_letter_and_the_job_goes_on(
    settings: Settings, pg_url: str
) -> None:
    """A record over the producer's size limit was a non-retriable error that failed the batch,
    and the job exited at every restart; now it is a dead letter of stage produce."""
    big, small = _articles(2)
    big.content_text = "“Gate 4 reopens at noon today,” said harbour master Ines Moreau. " * 2500  # ~470 kB out
    _produce(settings, [big, small])
    driver = make_driver(settings, pg_url)
    driver.sinks = dataclasses.replace(
        driver.sinks, producer_config={**driver.sinks.producer_config, "max_request_size": 400_000}
    )
    try:
        drain(driver, expected_records=2)
        _produce(settings, _articles(1, start=7))
        drain(driver, expected_records=1)
    finally:
        driver.consumer.close()
    on_topic = read_topic(settings, settings.quotes_topic, ArticleAnalysis)
    assert sorted(a.article_id for a in on_topic) == sorted([small.article_id, f"{7:032x}"])
    [letter] = read_topic(settings, settings.deadletter_topic, DeadLetter)
    assert letter.stage == "produce" and "MessageSizeTooLarge" in letter.reason
    assert stored_counts(pg_url)[0] == 3  # PostgreSQL has it all the same
    assert group_lag(settings).total == 0
