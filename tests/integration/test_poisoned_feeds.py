"""Every poisoned feed document of tests/feeds/poisoned.py, read as the reader reads it, produced
to the raw topic and run through the job into every sink: the job never stops, every article is
stored, nothing is dead-lettered and the partitions are left with no lag."""

from __future__ import annotations

import psycopg
import pytest

from bench.lib.feed_strategies import FETCHED_AT
from pipeline.config import Settings
from pipeline.feeds.articles import read_document
from pipeline.ops.status import group_lag
from pipeline.schema import DeadLetter
from tests.feeds.poisoned import all_poisoned
from tests.integration.conftest import drain, make_driver, read_topic
from tests.integration.test_long_batches import _produce

pytestmark = pytest.mark.integration


def test_poisoned_fields_of_every_format_end_in_postgresql(settings: Settings, pg_url: str) -> None:
    articles = []
    for i, doc in enumerate(all_poisoned()):
        result = read_document(doc.body, f"https://harbour.example/feed/{i}", {}, FETCHED_AT)
        articles += result.articles
    _produce(settings, articles)
    driver = make_driver(settings, pg_url)
    try:
        drain(driver, expected_records=len(articles), timeout_s=120)
    finally:
        driver.consumer.close()
    with psycopg.connect(pg_url) as conn:
        stored = {r[0] for r in conn.execute("SELECT article_id FROM articles")}
    assert stored == {a.article_id for a in articles}
    assert read_topic(settings, settings.deadletter_topic, DeadLetter) == []
    assert group_lag(settings).total == 0
