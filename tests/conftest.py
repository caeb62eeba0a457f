"""Shared fixtures: the real embedded broker (one per session), per-test topics and data dirs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import psycopg
import pytest

from bench.lib.group_rig import unique_settings
from bench.lib.stack import PG_BASE, temp_database
from pipeline.beam.batch import close_pipelines
from pipeline.config import Settings
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.client import make_admin
from pipeline.kafka.topics import all_topics, ensure_topics
from pipeline.sinks.kafka import close_shared_producers
from pipeline.sinks.postgres import close_shared_connections

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "integration: needs the embedded broker (started by the tests)")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (CI lays it there). Elsewhere, tests that need it are skipped,
    except under CI, where its absence is an error."""
    path = Path(os.environ.get("NEWSFLOW_SHARED", REPO.parent / "shared"))
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared material not found at {path}")
        pytest.skip(f"shared material not found at {path}")
    return path


def require_postgres() -> None:
    """Skip without the machine's PostgreSQL, except under CI, where its absence is an error."""
    try:
        psycopg.connect(PG_BASE, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL not reachable at {PG_BASE}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_BASE}")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, migrated database on the machine's PostgreSQL, dropped afterwards."""
    require_postgres()
    with temp_database("newsflow_test") as url:
        yield url
        close_pipelines()  # their DoFns hold connections to this database
        close_shared_connections()


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    log = tmp_path_factory.mktemp("broker") / "broker.log"
    with EmbeddedBroker(log_file=log) as b:
        yield b
        close_pipelines()
        close_shared_producers()  # the sinks' producers must not outlive the broker


@pytest.fixture
def settings(broker: EmbeddedBroker, tmp_path: Path) -> Iterator[Settings]:
    """Settings on the session broker with topics and a group unique to this test; topics deleted after."""
    s = unique_settings(broker.bootstrap_servers, tmp_path / "var", topic_partitions=2, batch_max_wait_ms=300)
    ensure_topics(s)
    yield s
    admin = make_admin(s)
    try:
        admin.delete_topics(all_topics(s))
    except Exception:  # cleanup is best effort: the broker is in memory and dies with the session
        pass
    finally:
        admin.close()


def stored_counts(pg_url: str) -> tuple[int, int]:
    """Articles and quotes in the database."""
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])
