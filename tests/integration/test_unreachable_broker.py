"""The reader's process with no broker to talk to: signals are honoured within 2 s, --once gives
up after its limit with one clear line, and a SASL password never reaches the log, even with -v
(kafka-python logs its whole configuration at debug level)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.kafka.broker import free_port
from tests.conftest import EXAMPLES, REPO

pytestmark = pytest.mark.integration
NEWSFLOW = [sys.executable, "-m", "pipeline.cli"]
PASSWORD = "hunter2-not-for-logs"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    return env | {
        "NEWSFLOW_DATA_DIR": str(tmp_path / "var"),
        "NEWSFLOW_FEEDS_FILE": str(EXAMPLES / "feeds.toml"),
        "NEWSFLOW_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}",  # nothing listens there
        **extra,
    }


def test_once_gives_up_with_one_clear_line_and_no_secret_in_the_log(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        NEWSFLOW_CONNECT_TIMEOUT_S="4",
        NEWSFLOW_SECURITY_PROTOCOL="SASL_PLAINTEXT",
        NEWSFLOW_SASL_MECHANISM="PLAIN",
        NEWSFLOW_SASL_USERNAME="reader",
        NEWSFLOW_SASL_PASSWORD=PASSWORD,
    )
    started = time.monotonic()
    proc = subprocess.run(
        [*NEWSFLOW, "-v", "ingest", "--once"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    elapsed = time.monotonic() - started
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-3000:]
    assert "Error: Kafka at 127.0.0.1:" in proc.stderr and "NEWSFLOW_CONNECT_TIMEOUT_S" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert elapsed < 15  # 4 s of retries, one bootstrap attempt at most in flight, interpreter start-up
    assert "sasl_plain_password" in output  # kafka-python did log its configuration at debug level ...
    assert PASSWORD not in output  # ... with the password masked


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_ingest_honours_signals_while_the_broker_is_unreachable(tmp_path: Path, sig: signal.Signals) -> None:
    proc = subprocess.Popen(
        [*NEWSFLOW, "ingest"], cwd=REPO, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    seen: list[str] = []
    for line in proc.stderr:  # wait until it is retrying the broker
        seen.append(line)
        if "unavailable" in line:
            break
    assert proc.poll() is None, "".join(seen)
    time.sleep(1.0)  # now inside a retry wait or a bootstrap attempt
    sent = time.monotonic()
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert time.monotonic() - sent < 2.5, "".join(seen) + proc.stderr.read()  # 1.5 s grace, then exit


def test_run_once_gives_up_too(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*NEWSFLOW, "run", "--once"],
        cwd=REPO,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1 and "is not reachable" in proc.stderr and "Traceback" not in proc.stderr
