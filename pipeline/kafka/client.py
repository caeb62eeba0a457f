"""Producer/consumer factories. Keeping client construction here means a faster client
(confluent-kafka) could replace kafka-python without touching sources, sinks or the job."""

from __future__ import annotations

import logging
from typing import Any, Iterable

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.coordinator.assignors.cooperative_sticky import CooperativeStickyAssignor
from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
from kafka.errors import KafkaError

from pipeline.config import Settings
from pipeline.kafka.checksum import use_native_crc32c

log = logging.getLogger(__name__)
use_native_crc32c()


def connection_config(settings: Settings) -> dict[str, Any]:
    """Options shared by every client: servers and pass-through security (SASL/SSL)."""
    if not settings.bootstrap_servers:
        raise ValueError("bootstrap_servers is not set (start the embedded broker first)")
    cfg: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers.split(","),
        "security_protocol": settings.security_protocol,
    }
    if settings.sasl_mechanism:
        cfg["sasl_mechanism"] = settings.sasl_mechanism
        cfg["sasl_plain_username"] = settings.sasl_username
        cfg["sasl_plain_password"] = settings.sasl_password.get_secret_value() if settings.sasl_password else None
    if settings.ssl_cafile:
        cfg["ssl_cafile"] = settings.ssl_cafile
    return cfg


def producer_config(settings: Settings) -> dict[str, Any]:
    """A batching, compressing producer with acks from all replicas. Idempotence (no duplicates or
    reordering from retries within one producer session) is kafka-python's default where the
    broker supports it; consumers still dedupe by id, since a process restart re-sends."""
    cfg = connection_config(settings) | {
        "acks": "all",
        "linger_ms": 20,
        "batch_size": 256 * 1024,
        "max_request_size": settings.max_message_bytes,
        "retries": 10,
        "retry_backoff_ms": 200,
        # fail a send after 15 s without a broker instead of blocking a poll for a minute
        "max_block_ms": 15000,
        "request_timeout_ms": 15000,
        "delivery_timeout_ms": 30000,
        "compression_type": None if settings.compression == "none" else settings.compression,
    }
    if settings.idempotence != "auto":  # unset: kafka-python enables it on brokers >= 0.11
        cfg["enable_idempotence"] = settings.idempotence == "on"
    return cfg


SINK_LINGER_MS = 1000


def sink_producer_config(settings: Settings) -> dict[str, Any]:
    """The output-topic sink's producer: its DoFn flushes at the end of every bundle, so no record
    waits for the linger; a long one lets a bundle's records go in a few produce requests rather
    than one per two or three articles (20 ms at ~8 ms of extraction each), and kafka-python builds
    and sends every request in Python: 0.1-0.9 ms less CPU per article in a 200-article batch."""
    return producer_config(settings) | {"linger_ms": SINK_LINGER_MS}


_CONNECTION_KEYS = (
    "bootstrap_servers",
    "security_protocol",
    "sasl_mechanism",
    "sasl_plain_username",
    "sasl_plain_password",
    "ssl_cafile",
)


def _is_tansu(config: dict[str, Any]) -> bool:
    admin = KafkaAdminClient(
        **{k: config[k] for k in _CONNECTION_KEYS if k in config}, request_timeout_ms=10000, bootstrap_timeout_ms=5000
    )
    try:
        return str(admin.describe_cluster().get("cluster_id") or "").startswith("tansu")
    finally:
        admin.close()


def rebalance_protocol(settings: Settings) -> str:
    """auto: eager on Tansu (bench/rebalance.py: a member joining stalled partitions ~3 s with eager
    and ~6 s with cooperative, which takes two rounds there), cooperative on Kafka, whose incremental
    protocol lets members keep working on the partitions that do not move."""
    if settings.rebalance != "auto":
        return settings.rebalance
    return "eager" if _is_tansu(connection_config(settings)) else "cooperative"


def idempotence_supported(config: dict[str, Any]) -> bool:
    """Idempotence where the broker really has it. Tansu (the embedded broker) accepts idempotent
    producers but, in the kill -9 soak (bench/faults.py), acknowledged records it never stored
    after restarts; Apache Kafka, Redpanda and managed Kafka get kafka-python's default (on from
    broker 0.11)."""
    return not _is_tansu(config)


def new_producer(config: dict[str, Any]) -> KafkaProducer:
    """A producer for `config`; idempotence "auto" (no enable_idempotence key) is decided by the
    broker; zstd, which needs Kafka >= 2.1, falls back to gzip on older brokers."""
    if "enable_idempotence" not in config and not idempotence_supported(config):
        config = config | {"enable_idempotence": False}
    try:
        return KafkaProducer(**config)
    except ValueError as exc:
        if config.get("compression_type") != "zstd" or "Zstd" not in str(exc):
            raise
        log.warning("broker is older than Kafka 2.1 (%s): compressing with gzip instead of zstd", exc)
        return KafkaProducer(**(config | {"compression_type": "gzip"}))


def make_producer(settings: Settings, **overrides: Any) -> KafkaProducer:
    return new_producer(producer_config(settings) | overrides)


_ASSIGNORS = {
    "cooperative": (CooperativeStickyAssignor,),
    "eager": (RangePartitionAssignor, RoundRobinPartitionAssignor),
}


def _partition_fetch_bytes(settings: Settings) -> int:
    return max(16 * 1024 * 1024, 2 * settings.max_message_bytes)


def make_consumer(settings: Settings, topics: Iterable[str], group_id: str | None, **overrides: Any) -> KafkaConsumer:
    """A manually committing consumer with the group timeouts from Settings, subscribed to `topics`
    (none: the caller assigns partitions)."""
    cfg = connection_config(settings) | {
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "session_timeout_ms": settings.session_timeout_ms,
        "heartbeat_interval_ms": settings.heartbeat_interval_ms,
        "max_poll_interval_ms": settings.max_poll_interval_ms,
        "partition_assignment_strategy": _ASSIGNORS[rebalance_protocol(settings)] if group_id else _ASSIGNORS["eager"],
        # how long the broker may hold a fetch that has nothing yet (Kafka's default 500 ms):
        # some brokers answer only when it expires, which then is latency (docs/design.md)
        "fetch_max_wait_ms": 100,
        # fetch limits above the record limit (a consumer that cannot fetch an oversized record would
        # stall on it; the job dead-letters it instead: Decode checks max_message_bytes), and no
        # higher: fetched records wait in memory until polled (docs/design.md, job memory)
        "fetch_max_bytes": 2 * _partition_fetch_bytes(settings),
        "max_partition_fetch_bytes": _partition_fetch_bytes(settings),
    }
    consumer = KafkaConsumer(**(cfg | overrides))
    if topics := list(topics):
        consumer.subscribe(topics)
    return consumer


class BrokerUnreachable(RuntimeError):
    """No broker answered within the one-shot wait."""


def probe_broker(settings: Settings) -> None:
    """For one-shot commands: answer within `connect_timeout_s` or raise BrokerUnreachable with
    what to do, instead of kafka-python's 30 s bootstrap and a traceback."""
    try:
        admin = KafkaAdminClient(
            **connection_config(settings),
            request_timeout_ms=int(settings.connect_timeout_s * 1000),
            bootstrap_timeout_ms=int(settings.connect_timeout_s * 1000),
        )
    except KafkaError as exc:
        raise BrokerUnreachable(
            f"no Kafka broker answered at {settings.bootstrap_servers} within {settings.connect_timeout_s:g} s "
            f"({type(exc).__name__}); check --bootstrap-servers, or NEWSFLOW_CONNECT_TIMEOUT_S to wait longer"
        ) from exc
    admin.close()


def make_admin(settings: Settings) -> KafkaAdminClient:
    """Short bootstrap: callers retry with backoff, and a stop request is looked at between tries."""
    return KafkaAdminClient(**connection_config(settings), request_timeout_ms=10000, bootstrap_timeout_ms=3000)
