"""The one settings object. Every field can be set by an env var NEWSFLOW_<FIELD> (e.g.
NEWSFLOW_BOOTSTRAP_SERVERS) or a `.env` file; CLI flags override both. Beam's own flags stay in
PipelineOptions."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.feeds.config import DEFAULT_FEEDS


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", env_file=".env", extra="ignore")

    # --- Kafka ---------------------------------------------------------------------------------
    bootstrap_servers: Optional[str] = Field(
        None, description="host:port[,host:port]; unset = start the embedded Tansu broker"
    )
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: Optional[str] = None
    sasl_username: Optional[str] = None
    sasl_password: Optional[SecretStr] = None
    ssl_cafile: Optional[str] = None
    raw_topic: str = "newsflow.raw.v1"
    quotes_topic: str = "newsflow.quotes.v1"
    deadletter_topic: str = "newsflow.deadletter.v1"
    statements_topic: str = Field(
        "newsflow.statements.v1", description="the latest state of each statement across outlets, keyed by its id"
    )
    statements: bool = Field(
        True,
        description="assign every quote a statement across articles and outlets (the state is PostgreSQL's, so "
        "only where a database is configured)",
    )
    topic_partitions: int = 4
    group_id: str = "newsflow-job"
    # Short group timeouts make joins take ~3 s instead of ~20 s (docs/design.md); a batch must finish
    # within max_poll_interval_ms or the member is evicted and the batch is re-processed.
    session_timeout_ms: int = 6000
    heartbeat_interval_ms: int = 1000
    max_poll_interval_ms: int = 30000
    rebalance: Literal["auto", "cooperative", "eager"] = Field(
        "auto",
        description="consumer-group protocol: cooperative (incremental: members keep the partitions that do not "
        "move), eager (every member gives up everything on every change); auto = eager on the embedded broker "
        "(faster there, measured), cooperative elsewhere",
    )
    max_message_bytes: int = Field(
        4 * 1024 * 1024, description="record size limit; topics are created with it as max.message.bytes"
    )
    extract_budget_s: float = Field(
        10.0,
        description="time budget per article for language detection and extraction; an article over it becomes a "
        "dead letter of stage extract (0 = none)",
    )
    compression: Literal["zstd", "lz4", "gzip", "snappy", "none"] = Field(
        "zstd", description="producer compression; zstd falls back to gzip on brokers older than Kafka 2.1"
    )
    idempotence: Literal["auto", "on", "off"] = Field(
        "auto", description="idempotent producer: auto = on for Kafka >= 0.11, off for the embedded Tansu broker"
    )
    replication_factor: int = Field(1, description="replicas of each topic created at start-up")
    topic_configs: dict[str, str] = Field(
        default_factory=dict,
        description="more configs for the topics created at start-up, as JSON: "
        '\'{"retention.ms": "604800000", "min.insync.replicas": "2"}\'; existing topics are left as they are; '
        "max.message.bytes is max_message_bytes",
    )
    connect_timeout_s: float = Field(
        6.0,
        description="how long one-shot commands (status, subscribe, run --once) wait for the broker, and "
        "any command for PostgreSQL to answer",
    )

    # --- embedded broker -------------------------------------------------------------------------
    embedded_broker_port: int = Field(39092, description="preferred port; a free one is used if taken")

    # --- feeds -----------------------------------------------------------------------------------
    feeds_file: Path = DEFAULT_FEEDS
    fetch_timeout_s: float = 20.0
    poll_interval_s: float = Field(900.0, description="starting interval per feed; adapts to activity and hints")
    heartbeat_s: float = Field(60.0, description="`run` prints an idle line this often while no feed is due; 0 = never")
    allow_private_fetch: bool = Field(
        False, description="let feed and full-text fetches reach private, loopback and link-local addresses"
    )
    fetch_allow_networks: list[str] = Field(
        default_factory=list, description='networks fetches may reach besides public ones, e.g. ["10.20.0.0/16"]'
    )
    per_host_concurrency: int = 2
    per_host_rate: float = Field(5.0, description="requests per second to one host at most")
    max_feed_bytes: int = 20 * 1024 * 1024

    # --- storage ---------------------------------------------------------------------------------
    postgres_url: Optional[SecretStr] = Field(
        None, description="postgresql://user:pass@host/db; unset = try the local default, else no SQL sink"
    )

    # --- job -------------------------------------------------------------------------------------
    batch_max_records: int = 200
    batch_max_bytes: int = Field(16 * 1024 * 1024, description="a micro-batch also ends at this many bytes of records")
    batch_max_wait_ms: int = 250
    data_dir: Path = Path("var")
    metrics_port: int = Field(0, description="serve Prometheus metrics on metrics_host:PORT; 0 = off")
    metrics_host: str = Field("127.0.0.1", description="address the metrics server binds; 0.0.0.0 in containers")
    once_timeout_s: float = Field(120.0, description="--once gives up (exit 1) when not done within this")
    stop_grace_s: float = Field(
        1.5, description="after SIGINT/SIGTERM, exit anyway after this (plus the batch in flight, if any)"
    )

    @field_validator("topic_configs")
    @classmethod
    def _not_the_record_limit(cls, configs: dict[str, str]) -> dict[str, str]:
        if "max.message.bytes" in configs:
            raise ValueError("max.message.bytes is set by max_message_bytes (the producers' limit must match it)")
        return configs

    @property
    def parquet_dir(self) -> Path:
        return self.data_dir / "parquet"

    # set by runtime.kafka_endpoint, not by users: the broker in use keeps topics only in memory
    embedded_broker: bool = False
    # ... and this process started it, so it is the one that recovers what the last crash lost
    started_broker: bool = False

    @property
    def state_db(self) -> Path:
        """Feed reader state. With the in-memory embedded broker, what the reader has seen must be
        forgotten with the topics, or articles produced before a restart would never be processed."""
        return self.data_dir / ("feeds-embedded.sqlite" if self.embedded_broker else "feeds.sqlite")

    @property
    def recovery_checkpoint(self) -> Path:
        """With the embedded broker: archived documents fetched before this time are stored."""
        return self.data_dir / "recovery-checkpoint"

    @property
    def archive_dir(self) -> Path:
        """Every fetched feed document, for `newsflow backfill`."""
        return self.data_dir / "archive"

    @property
    def status_file(self) -> Path:
        return self.data_dir / "job-status.json"

    @property
    def broker_address_file(self) -> Path:
        """Where a running embedded broker advertises itself, so `newsflow subscribe` can find it."""
        return self.data_dir / "embedded-broker.addr"
