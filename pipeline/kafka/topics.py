"""Topic creation at start-up: idempotent, so every process may call it."""

from __future__ import annotations

import logging

from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, stop_never, wait_exponential

from pipeline.config import Settings
from pipeline.kafka.client import make_admin

log = logging.getLogger(__name__)


def all_topics(settings: Settings) -> list[str]:
    return [settings.raw_topic, settings.quotes_topic, settings.deadletter_topic]


def _retry_through_outages(settings: Settings, timeout_s: float | None = None) -> Retrying:
    """Retry with backoff and one clear log line per attempt, so a process started during a broker
    outage waits instead of crash-looping."""
    return Retrying(
        wait=wait_exponential(multiplier=0.5, max=15),
        stop=stop_after_delay(timeout_s) if timeout_s else stop_never,
        retry=retry_if_exception_type((KafkaError, OSError)),
        before_sleep=lambda rs: log.warning(
            "Kafka at %s unavailable (%s); retrying in %.1fs",
            settings.bootstrap_servers,
            type(rs.outcome.exception()).__name__,
            rs.next_action.sleep,
        ),
        reraise=True,
    )


def ensure_topics(settings: Settings, replication_factor: int = 1) -> None:
    """Waits for the broker, then creates what is missing; retried as a whole through outages."""
    _retry_through_outages(settings)(_create_missing, settings, replication_factor)


def _create_missing(settings: Settings, replication_factor: int) -> None:
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
