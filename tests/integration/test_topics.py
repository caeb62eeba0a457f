"""Topics created at start-up: partitions, replication factor and topic configs as configured."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bench.lib.group_rig import unique_settings
from pipeline.config import Settings
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.client import make_admin
from pipeline.kafka.topics import all_topics, ensure_topics, new_topics

pytestmark = pytest.mark.integration


def test_topics_get_the_configured_partitions_and_configs(broker: EmbeddedBroker, settings: Settings) -> None:
    configured = unique_settings(
        broker.bootstrap_servers,
        settings.data_dir,
        topic_partitions=3,
        topic_configs={"retention.ms": "3600000", "cleanup.policy": "delete"},
    )
    ensure_topics(configured)
    admin = make_admin(configured)
    try:
        described = {t["name"]: len(t["partitions"]) for t in admin.describe_topics(all_topics(configured))}
    finally:
        admin.close()
    # created with the configs (the embedded broker accepts them but reports no topic configs back,
    # so the configs sent are checked in the test below)
    assert described == dict.fromkeys(all_topics(configured), 3)


def test_topic_configs_come_from_the_environment_and_the_record_limit_is_not_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEWSFLOW_TOPIC_CONFIGS", '{"retention.ms": "604800000", "min.insync.replicas": "2"}')
    monkeypatch.setenv("NEWSFLOW_REPLICATION_FACTOR", "3")
    settings = Settings()
    [topic] = new_topics(settings, ["t"])
    assert topic.replication_factor == 3
    assert topic.topic_configs == {
        "retention.ms": "604800000",
        "min.insync.replicas": "2",
        "max.message.bytes": str(settings.max_message_bytes),
    }
    [statements] = new_topics(settings, [settings.statements_topic])  # the latest state per key
    assert statements.topic_configs == {**topic.topic_configs, "cleanup.policy": "compact"}
    monkeypatch.setenv("NEWSFLOW_TOPIC_CONFIGS", '{"max.message.bytes": "1"}')
    with pytest.raises(ValidationError, match="max_message_bytes"):
        Settings()
