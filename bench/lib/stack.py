"""The services a benchmark runs against: a fresh PostgreSQL database, the embedded broker, and
`newsflow job` processes, all torn down afterwards."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import psycopg
from psycopg import sql

from bench.lib.processes import spawn
from pipeline.config import Settings
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.topics import ensure_topics
from pipeline.sinks.migrate import migrate

REPO = Path(__file__).resolve().parents[2]
PG_BASE = os.environ.get("NEWSFLOW_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def temp_database(prefix: str = "newsflow_bench") -> Iterator[str]:
    """A migrated database that is dropped on exit; yields its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_BASE, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = psycopg.conninfo.make_conninfo(PG_BASE, dbname=name)
    try:
        with psycopg.connect(url) as conn:
            migrate(conn)
        yield url
    finally:
        with psycopg.connect(PG_BASE, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@dataclass
class Stack:
    settings: Settings
    pg_url: str
    workdir: Path
    jobs: list[subprocess.Popen[bytes]]
    broker_pid: int | None = None


_ASSIGNED = re.compile(r"partition\(s\) assigned, (\d+) now")


def wait_balanced(services: Stack, timeout_s: float = 120.0, quiet_s: float = 3.0) -> bool:
    """Until every job process holds partitions, together all of the raw topic's, and no
    assignment has changed for quiet_s: a member joining late rebalances the group (a pause of
    several seconds) in the middle of whatever is being measured."""
    deadline = time.monotonic() + timeout_s
    last: list[int] = []
    since = time.monotonic()
    while time.monotonic() < deadline:
        held = []
        for i in range(len(services.jobs)):
            found = _ASSIGNED.findall((services.workdir / f"job{i}.log").read_text(errors="replace"))
            held.append(int(found[-1]) if found else 0)
        if held != last:
            last, since = held, time.monotonic()
        elif all(held) and sum(held) == services.settings.topic_partitions and time.monotonic() - since >= quiet_s:
            return True
        time.sleep(0.2)
    return False


def log_sizes(services: Stack) -> list[int]:
    """Where each job process's log ends now, for log_events."""
    return [(services.workdir / f"job{i}.log").stat().st_size for i in range(len(services.jobs))]


def log_events(services: Stack, since: list[int]) -> list[str]:
    """Rebalances, warnings and errors the job processes logged after `since`: a measurement they
    fall into is not steady state, and a bench should say so rather than print its numbers bare."""
    events = []
    for i, start in enumerate(since):
        with open(services.workdir / f"job{i}.log", "rb") as log:
            log.seek(start)
            for line in log.read().decode(errors="replace").splitlines():
                if "rebalance:" in line or " WARNING " in line or " ERROR " in line or "Traceback" in line:
                    events.append(f"job{i}: {line.strip()}")
    return events


@contextmanager
def stack(jobs: int = 1, extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    """The broker, a scratch database and `jobs` job processes (with extra_env set for them)."""
    with ExitStack() as cleanup:
        tmp = Path(cleanup.enter_context(tempfile.TemporaryDirectory()))
        broker = cleanup.enter_context(EmbeddedBroker(log_file=tmp / "broker.log"))
        pg_url = cleanup.enter_context(temp_database())
        settings = Settings(bootstrap_servers=broker.bootstrap_servers, data_dir=tmp / "var")
        ensure_topics(settings)
        env = {
            **os.environ,
            "NEWSFLOW_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
            "NEWSFLOW_POSTGRES_URL": pg_url,
            "NEWSFLOW_DATA_DIR": str(tmp / "var"),
            **(extra_env or {}),
        }
        procs = []
        for i in range(jobs):
            procs.append(spawn(["job"], env, tmp / f"job{i}.log", stdout=False))
        try:
            yield Stack(settings, pg_url, tmp, procs, broker.pid)
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=60)
