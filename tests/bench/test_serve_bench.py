"""bench/serve.py end to end on a small archive: it loads, serves, measures every page kind and
drops its database."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from bench import serve
from bench.lib.stack import PG_BASE
from pipeline.kafka.broker import free_port
from tests.conftest import require_postgres


def test_the_serve_bench_runs_and_cleans_up(capsys: pytest.CaptureFixture[str]) -> None:
    require_postgres()
    name = f"newsflow_bench_serve_test_{uuid.uuid4().hex[:8]}"
    port = free_port()
    argv = ["--quotes", "3000", "--articles", "600", "--clients", "2", "--seconds", "1", "--port", str(port)]
    serve.main([*argv, "--database", name])
    out = capsys.readouterr().out
    for kind in ("search", "speaker", "speaker statements"):
        assert f"\n{kind} " in "\n" + out, out
    assert "p95" in out and "quotes_search" in out
    with psycopg.connect(PG_BASE) as conn:
        assert conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None
