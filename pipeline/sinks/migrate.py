"""Versioned schema migrations: numbered SQL files applied in order, each once, each in its own
transaction, recorded in schema_migrations. An advisory lock serialises concurrent starters."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
_LOCK_KEY = 0x6E657773  # "news"


def migrations() -> list[tuple[int, Path]]:
    return sorted((int(p.name.split("_", 1)[0]), p) for p in MIGRATIONS.glob("[0-9]*_*.sql"))


def migrate(conn: psycopg.Connection) -> list[int]:
    """Apply pending migrations; returns the versions applied now."""
    applied_now: list[int] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for version, path in migrations():
            if version in done:
                continue
            conn.execute(path.read_text(encoding="utf-8"))
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, path.name))
            log.info("applied migration %s", path.name)
            applied_now.append(version)
    return applied_now


def ensure_database(url: str, connect_timeout: int = 5) -> None:
    """Create the database named in url if it does not exist (needs CREATEDB on the server)."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.get("dbname")
    if not name:
        return
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True, connect_timeout=connect_timeout) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(str(name))))
            log.info("created database %s", name)
