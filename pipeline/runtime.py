"""Where Kafka is: the configured cluster, or an embedded broker started (and advertised) here."""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import Any, Iterator

import psycopg
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from pipeline.config import Settings
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.topics import ensure_topics
from pipeline.ops import redact
from pipeline.sinks.migrate import ensure_database, migrate

log = logging.getLogger(__name__)


def discover_bootstrap(settings: Settings) -> str | None:
    """Configured servers, else a running embedded broker advertised in the data dir."""
    if settings.bootstrap_servers:
        return settings.bootstrap_servers
    return running_embedded_broker(settings)


def running_embedded_broker(settings: Settings) -> str | None:
    """The address of the embedded broker another process started on this data dir, if it answers."""
    try:
        address = settings.broker_address_file.read_text().strip()
    except OSError:
        return None
    if not address:
        return None
    try:
        KafkaAdminClient(bootstrap_servers=address, request_timeout_ms=2000, bootstrap_timeout_ms=2000).close()
    except (KafkaError, OSError):
        return None
    return address


@contextlib.contextmanager
def kafka_endpoint(
    settings: Settings, announce: bool = True, stop: threading.Event | None = None, timeout_s: float | None = None
) -> Iterator[Settings]:
    """Settings with bootstrap_servers set and topics created. Without configured servers: the
    embedded broker another process runs on this data dir, else one started here (and stopped on
    exit). Waiting for a configured broker ends when `stop` is set or after `timeout_s`
    (BrokerUnavailable)."""
    if settings.bootstrap_servers:
        ensure_topics(settings, timeout_s, stop)
        yield settings
        return
    if running := running_embedded_broker(settings):
        if announce:
            print(
                f"using the embedded broker already running on {running} (started by another newsflow "
                f"process on {settings.data_dir}/; it stops with that process)"
            )
        shared = settings.model_copy(update={"bootstrap_servers": running, "embedded_broker": True})
        ensure_topics(shared, timeout_s, stop)
        yield shared
        return
    with _own_embedded_broker(settings, announce, stop, timeout_s) as started:
        yield started


@contextlib.contextmanager
def _own_embedded_broker(
    settings: Settings, announce: bool, stop: threading.Event | None, timeout_s: float | None
) -> Iterator[Settings]:
    """A new embedded broker, advertised in the data dir while it runs. Its topics start empty, so
    the reader's memory of what it sent starts empty too."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    broker = EmbeddedBroker(port=settings.embedded_broker_port, log_file=settings.data_dir / "broker.log")
    with broker:
        resolved = settings.model_copy(
            update={"bootstrap_servers": broker.bootstrap_servers, "embedded_broker": True, "started_broker": True}
        )
        for suffix in ("", "-wal", "-shm"):
            Path(f"{resolved.state_db}{suffix}").unlink(missing_ok=True)
        settings.broker_address_file.write_text(broker.bootstrap_servers)
        if announce:
            print(
                f"embedded Kafka-protocol broker (Tansu) on {broker.bootstrap_servers}; its topics are in "
                f"memory: after a crash, newsflow run sends again what it had fetched and not yet stored "
                f"(from {settings.archive_dir}/)"
            )
        try:
            ensure_topics(resolved, timeout_s, stop)
            yield resolved
        finally:
            with contextlib.suppress(OSError):
                if settings.broker_address_file.read_text().strip() == broker.bootstrap_servers:
                    settings.broker_address_file.unlink()


LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/newsflow"


class StorageError(RuntimeError):
    """The configured database cannot be used; the message says why and what to do."""


def postgres_problem(url: str, exc: psycopg.OperationalError) -> str:
    """One line: which of "no such database", "wrong role or password", "not reachable" it is."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    where = f"PostgreSQL at {info.get('host', 'localhost')}:{info.get('port', 5432)}"
    detail = " ".join(str(exc).split())
    if "does not exist" in detail and "database" in detail:
        name = info.get("dbname")
        return f"{where}: database {name!r} does not exist; create it (createdb {name}) or fix NEWSFLOW_POSTGRES_URL"
    if "role" in detail or "authentication" in detail or "password" in detail:
        return (
            f"{where} refused user {info.get('user')!r}: {detail}; check the user and password in NEWSFLOW_POSTGRES_URL"
        )
    return f"{where} is not reachable: {detail}"


def configured_postgres(settings: Settings) -> str | None:
    """NEWSFLOW_POSTGRES_URL when set (the writers and `newsflow serve` default to LOCAL_POSTGRES)."""
    return settings.postgres_url.get_secret_value() if settings.postgres_url else None


def storage_url(settings: Settings, announce: bool = True) -> str | None:
    """The PostgreSQL URL to write to, migrated. An explicit NEWSFLOW_POSTGRES_URL must name an
    existing database (a typo is an error, not a new database) and answer; without one, the local
    server's `newsflow` database is created when missing, and the SQL sink is off without a server."""
    explicit = configured_postgres(settings)
    url = explicit or LOCAL_POSTGRES
    try:
        timeout = max(1, int(settings.connect_timeout_s))
        if not explicit:
            ensure_database(url, timeout)
        with psycopg.connect(url, connect_timeout=timeout) as conn:
            migrate(conn)
    except psycopg.OperationalError as exc:
        if explicit:
            raise StorageError(postgres_problem(url, exc)) from exc
        if announce:
            print("PostgreSQL sink off: no server at 127.0.0.1:5432 (set NEWSFLOW_POSTGRES_URL to enable it)")
        return None
    if announce:
        info = psycopg.conninfo.conninfo_to_dict(url)
        print(f"PostgreSQL sink: database {info.get('dbname')} on {info.get('host')}:{info.get('port', 5432)}")
    return url


def settings(**overrides: Any) -> Settings:
    """Settings from NEWSFLOW_* with the given non-None overrides; their secrets are masked in logs."""
    made = Settings(**{k: v for k, v in overrides.items() if v is not None})
    pg = configured_postgres(made) or ""
    password = psycopg.conninfo.conninfo_to_dict(pg).get("password") if pg else None
    redact.register(
        made.sasl_password.get_secret_value() if made.sasl_password else None,
        password if isinstance(password, str) else None,
    )
    return made
