"""A seeded database, the app served by uvicorn on a free port, and Debian's Chromium driven by
Playwright (the browser tests fail under CI when Chromium is missing: .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
import uvicorn

from bench.lib.stack import temp_database
from pipeline.config import Settings
from pipeline.kafka.broker import free_port
from pipeline.serve.db import ReadOnlyPool
from pipeline.serve.health import HealthReader
from pipeline.serve.web import create_app
from tests.conftest import require_postgres
from tests.serve.seed import seed


@dataclass(frozen=True)
class Served:
    url: str
    pg_url: str
    data_dir: Path
    pool: ReadOnlyPool


def ann_id(served: Served) -> str:
    """The actor id of the seed's mayor, who speaks on several days."""
    found = httpx.get(f"{served.url}/search.json", params={"speaker": "Ann Lee"}).json()["statements"]
    return str(found[0]["speaker_id"])


def ferry_statement(served: Served) -> str:
    """The id of the statement the mayor made on every day she spoke (tests/serve/seed.py)."""
    found = httpx.get(f"{served.url}/search.json", params={"q": "timetable"}).json()["statements"]
    assert len({s["statement_id"] for s in found}) == 1
    return str(found[0]["statement_id"])


@pytest.fixture(scope="package")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    require_postgres()
    data_dir = tmp_path_factory.mktemp("serve-var")
    with temp_database("newsflow_serve") as url:
        seed(url, data_dir)
        yield url, data_dir


@pytest.fixture(scope="package")
def served(seeded: tuple[str, Path]) -> Iterator[Served]:
    """The app as `newsflow serve` runs it, in a thread of this process."""
    url, data_dir = seeded
    pool = ReadOnlyPool(url)
    health = HealthReader(Settings(data_dir=data_dir, bootstrap_servers=None))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(pool, health), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", url, data_dir, pool)
    server.should_exit = True
    thread.join(10)
    health.close()
    pool.close()


def chromium_path() -> str | None:
    return os.environ.get("NEWSFLOW_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium not found: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield b
        b.close()
