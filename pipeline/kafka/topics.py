"""Topic creation at start-up: idempotent, so every process may call it."""

from __future__ import annotations

import logging

from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from pipeline.config import Settings
from pipeline.kafka.client import make_admin

log = logging.getLogger(__name__)


def all_topics(settings: Settings) -> list[str]:
    return [settings.raw_topic, settings.quotes_topic, settings.deadletter_topic]


def ensure_topics(settings: Settings, replication_factor: int = 1) -> None:
    admin = make_admin(settings)
    try:
        existing = set(admin.list_topics())
        missing = [t for t in all_topics(settings) if t not in existing]
        if not missing:
            return
        new = [NewTopic(t, settings.topic_partitions, replication_factor) for t in missing]
        try:
            admin.create_topics(new)
            log.info("created topics %s", ", ".join(missing))
        except TopicAlreadyExistsError:
            pass  # another process won the race
    finally:
        admin.close()
