"""Read-only connections to the PostgreSQL sink, shared by the request threads.

Read-only by construction: every session starts with default_transaction_read_only, so a write
fails in the server whatever the SQL; a statement timeout keeps one slow query from holding a
connection."""

from __future__ import annotations

import contextlib
import queue
import threading
from typing import Any, Iterator, Mapping, Sequence

import psycopg
from psycopg.rows import dict_row

from pipeline.config import Settings

Params = Mapping[str, Any] | Sequence[Any] | None
Connection = psycopg.Connection[dict[str, Any]]  # rows as dicts


class ReadOnlyPool:
    """At most `size` connections; a request waits for a free one. A broken connection (the
    server restarted) is dropped and the next request opens a new one."""

    def __init__(self, url: str, size: int = 6, statement_timeout_ms: int = 5000) -> None:
        self.url = url
        self.options = f"-c default_transaction_read_only=on -c statement_timeout={statement_timeout_ms}"
        self.idle: queue.LifoQueue[Connection] = queue.LifoQueue()
        self.slots = threading.BoundedSemaphore(size)

    def _connect(self) -> Connection:
        conn = psycopg.connect(self.url, options=self.options, row_factory=dict_row, connect_timeout=5)
        conn.read_only = True
        return conn

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        with self.slots:
            try:
                conn = self.idle.get_nowait()
            except queue.Empty:
                conn = self._connect()
            try:
                with conn.transaction():
                    yield conn
            finally:
                if conn.closed or conn.broken:
                    conn.close()
                else:
                    self.idle.put(conn)

    def rows(self, sql: str, params: Params = None) -> list[dict[str, Any]]:
        with self.connection() as conn:
            return conn.execute(sql, params).fetchall()

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                return


def reading_url(settings: Settings) -> str:
    """The sink's database (NEWSFLOW_POSTGRES_URL, else the local one the job writes), checked before
    serving: it answers and holds the schema this version reads (serving never migrates: that would
    be a write). Raises StorageError saying what to do."""
    from pipeline.runtime import LOCAL_POSTGRES, StorageError, configured_postgres, postgres_problem
    from pipeline.sinks.migrate import migrations

    url = configured_postgres(settings) or LOCAL_POSTGRES
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    except psycopg.errors.UndefinedTable:
        row = None
    except psycopg.OperationalError as exc:
        raise StorageError(postgres_problem(url, exc) + "; `newsflow run` creates and fills it") from exc
    want = migrations()[-1][0]
    have = row[0] if row and row[0] is not None else 0
    if have < want:
        raise StorageError(
            f"the database holds schema version {have}, this page reads version {want}: run `newsflow run` "
            "(or a backfill) once with this version, which migrates it"
        )
    return url
