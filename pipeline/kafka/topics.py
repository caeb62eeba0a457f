"""Topic creation at start-up: idempotent, so every process may call it."""

from __future__ import annotations

import logging
import threading

from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_delay,
    stop_never,
    stop_when_event_set,
    wait_exponential,
)

from pipeline.config import Settings
from pipeline.kafka.client import make_admin

log = logging.getLogger(__name__)


class BrokerUnavailable(RuntimeError):
    """No broker answered in the time allowed, or a stop was requested while waiting for one."""


def all_topics(settings: Settings) -> list[str]:
    return [settings.raw_topic, settings.quotes_topic, settings.deadletter_topic, settings.statements_topic]


def _retry_through_outages(settings: Settings, timeout_s: float | None, stop: threading.Event) -> Retrying:
    """Retry with backoff and one clear log line per attempt, so a process started during a broker
    outage waits instead of crash-looping; the wait ends early when `stop` is set."""

    def sleep(seconds: float) -> None:
        stop.wait(seconds)

    def say(state: RetryCallState) -> None:
        failed = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning(
            "Kafka at %s unavailable (%s); retrying in %.1fs", settings.bootstrap_servers, type(failed).__name__, wait
        )

    return Retrying(
        wait=wait_exponential(multiplier=0.5, max=15),
        stop=(stop_after_delay(timeout_s) if timeout_s else stop_never) | stop_when_event_set(stop),
        sleep=sleep,
        retry=retry_if_exception_type((KafkaError, OSError)),
        before_sleep=say,
        reraise=True,
    )


def ensure_topics(settings: Settings, timeout_s: float | None = None, stop: threading.Event | None = None) -> None:
    """Waits for the broker (for ever, or `timeout_s`), then creates what is missing; retried as a
    whole through outages. Raises BrokerUnavailable when the time is up or `stop` was set."""
    stop = stop or threading.Event()
    try:
        _retry_through_outages(settings, timeout_s, stop)(_create_missing, settings)
    except (KafkaError, OSError) as exc:
        why = "stopped while waiting" if stop.is_set() else f"no answer within {timeout_s:g}s"
        raise BrokerUnavailable(
            f"Kafka at {settings.bootstrap_servers} is not reachable ({why}; last error {type(exc).__name__})"
        ) from exc


def new_topics(settings: Settings, names: list[str]) -> list[NewTopic]:
    """The topics as configured: partitions, replication factor, the configs given, and the
    broker's record limit, which must hold what producers are allowed to send, no more. The
    statements topic holds the latest state per statement, so it is compacted unless the configs
    say otherwise."""
    config = {**settings.topic_configs, "max.message.bytes": str(settings.max_message_bytes)}
    latest = {"cleanup.policy": "compact", **config}
    return [
        NewTopic(
            t,
            settings.topic_partitions,
            settings.replication_factor,
            topic_configs=latest if t == settings.statements_topic else config,
        )
        for t in names
    ]


def _create_missing(settings: Settings) -> None:
    admin = make_admin(settings)
    try:
        existing = set(admin.list_topics())
        missing = [t for t in all_topics(settings) if t not in existing]
        if not missing:
            return
        try:
            admin.create_topics(new_topics(settings, missing))
            log.info("created topics %s", ", ".join(missing))
        except TopicAlreadyExistsError:
            pass  # another process won the race
    finally:
        admin.close()
