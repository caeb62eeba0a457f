"""A full or unusable Parquet directory is an outage of that sink: the job retries the batch with
backoff, says so once each way, leaves no temporary file, and stores everything once the disk is
back. On a real (tiny tmpfs) file system that fills up, and a directory path blocked by a file."""

from __future__ import annotations

import logging
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from pipeline.beam.streaming import MicroBatchDriver
from pipeline.config import Settings
from pipeline.ops.status import group_lag
from pipeline.sinks.parquet_read import read_table
from tests.conftest import stored_counts
from tests.integration.conftest import drain, make_driver
from tests.integration.test_long_batches import _articles, _produce

pytestmark = pytest.mark.integration


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs (needs root, which CI and the developers' machines are)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _run_until_stored(driver: MicroBatchDriver, records: int) -> threading.Thread:
    thread = threading.Thread(target=drain, args=(driver, records, 90), daemon=True)
    thread.start()
    return thread


def _wait_for(what: str, check: object, caplog: pytest.LogCaptureFixture, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.2)
    raise TimeoutError(f"{what} not seen; log: {caplog.text[-2000:]}")


def _outage_and_recovery(
    settings: Settings, pg_url: str, caplog: pytest.LogCaptureFixture, break_disk: object, mend_disk: object
) -> None:
    caplog.set_level(logging.DEBUG, logger="pipeline.beam.streaming")
    _produce(settings, _articles(8))
    driver = make_driver(settings, pg_url)
    try:
        break_disk()  # type: ignore[operator]
        worker = _run_until_stored(driver, 8)
        _wait_for("a failed batch", lambda: "batch failed" in caplog.text, caplog)
        time.sleep(3)  # several attempts fail meanwhile
        assert worker.is_alive(), "the driver gave up on a disk fault"
        assert not list(settings.parquet_dir.rglob("*.tmp"))  # a failed write removes its temporary file
        mend_disk()  # type: ignore[operator]
        worker.join(90)
        assert not worker.is_alive()
    finally:
        driver.consumer.close()
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert sum("batch failed" in m for m in warnings) == 1, warnings  # one line each way
    assert sum("went through after" in m for m in warnings) == 1, warnings
    assert len(read_table(settings.parquet_dir, "articles")) == 8
    assert stored_counts(pg_url) == (8, 8)
    assert not list(settings.parquet_dir.rglob("*.tmp"))
    assert group_lag(settings).total == 0


def test_a_full_disk_is_retried_until_it_has_room(
    settings: Settings, pg_url: str, tiny_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings.model_copy(update={"data_dir": tiny_disk})
    filler = tiny_disk / "filler"

    def fill() -> None:
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:  # ENOSPC: the disk is full
            pass
        finally:
            os.close(fd)

    _outage_and_recovery(settings, pg_url, caplog, fill, filler.unlink)


def test_a_parquet_path_blocked_by_a_file_is_retried_until_it_is_a_directory(
    settings: Settings, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    root = settings.data_dir
    blocked = root / "parquet"

    def block() -> None:
        root.mkdir(parents=True, exist_ok=True)
        blocked.write_text("not a directory")

    _outage_and_recovery(settings, pg_url, caplog, block, blocked.unlink)
