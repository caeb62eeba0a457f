"""Three `newsflow job` processes joining and leaving one consumer group under load (SIGTERM and
kill -9 included): every article ends up in PostgreSQL and Parquet exactly once; the output topic
may repeat an article whose batch was in flight in a killed member (consumers dedupe by id)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from bench.lib.group_rig import Group, unique_settings
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.topics import ensure_topics
from pipeline.schema import ArticleAnalysis
from pipeline.sinks.parquet_read import read_table
from tests.integration.conftest import read_topic

pytestmark = pytest.mark.integration

TEXT = "“The bridge opens in May,” said Mayor Ann Lee. Engineers said the work was on schedule."


def test_members_join_and_leave_under_load_and_nothing_is_lost(
    broker: EmbeddedBroker, pg_url: str, tmp_path: Path
) -> None:
    settings = unique_settings(broker.bootstrap_servers, tmp_path / "var", topic_partitions=6, batch_max_wait_ms=200)
    ensure_topics(settings)
    group = Group(settings, pg_url, tmp_path / "group")
    try:
        group.add_job()
        producing = group.produce(rate=40, seconds=24, text=TEXT)
        time.sleep(4)
        group.add_job()  # joins
        time.sleep(4)
        group.add_job()  # joins
        time.sleep(4)
        group.stop_job(1)  # leaves cleanly: finishes its batch, commits, leaves the group
        time.sleep(4)
        group.stop_job(2, signal.SIGKILL)  # dies mid-batch: its batch is re-read by the others
        time.sleep(2)
        group.add_job()  # a replacement joins
        producing.join()
        stored = group.wait_stored(timeout_s=120)
    finally:
        group.stop()
    sent = set(group.sent)
    assert len(sent) > 800
    assert sent <= stored, f"{len(sent - stored)} of {len(sent)} articles lost"
    parquet = read_table(settings.parquet_dir, "articles").column("article_id").to_pylist()
    assert set(parquet) == sent and len(parquet) == len(sent)  # one row per key after dedupe-on-read
    on_topic = {a.article_id for a in read_topic(settings, settings.quotes_topic, ArticleAnalysis)}
    assert on_topic == sent
    logs = "".join(group.log(i) for i in range(len(group.jobs)))
    assert "Traceback" not in logs, logs[-3000:]
