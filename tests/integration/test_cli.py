"""The commands a newcomer runs, as subprocesses: `newsflow run --once` on the embedded defaults,
and `newsflow subscribe` against a broker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.kafka.client import make_producer
from pipeline.schema import ArticleAnalysis
from tests.conftest import REPO

pytestmark = pytest.mark.integration
NEWSFLOW = [sys.executable, "-m", "pipeline.cli"]


def test_run_once_on_embedded_defaults(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSFLOW_EMBEDDED_BROKER_PORT": "0"}
    env.pop("NEWSFLOW_BOOTSTRAP_SERVERS", None)
    proc = subprocess.run(
        [*NEWSFLOW, "run", "--once", "--data-dir", str(tmp_path / "var")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "5 new articles" in out
    assert "Helena Varga" in out and "We are investing in schools" in out
    assert list((tmp_path / "var" / "parquet" / "quotes").rglob("*.parquet"))
    assert not (tmp_path / "var" / "embedded-broker.addr").exists()


def test_subscribe_prints_json_lines(settings: Settings) -> None:
    analysis = ArticleAnalysis(article_id="34" * 16, url="https://x.example/s")
    analysis.quotes.add(quote_id="q1", text="Fine words", speaker_name="Ada Byrne")
    producer = make_producer(settings)
    producer.send(settings.quotes_topic, key=b"k", value=analysis.SerializeToString()).get(10)
    producer.close()
    proc = subprocess.run(
        [
            *NEWSFLOW,
            "subscribe",
            "--from-beginning",
            "--max",
            "1",
            "--exit-when-idle",
            "10",
            "--bootstrap-servers",
            settings.bootstrap_servers or "",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSFLOW_QUOTES_TOPIC": settings.quotes_topic},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    [line] = proc.stdout.strip().splitlines()
    record = json.loads(line)
    assert record["article_id"] == "34" * 16 and record["quotes"][0]["speaker_name"] == "Ada Byrne"


def test_subscribe_without_a_broker_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEWSFLOW_BOOTSTRAP_SERVERS"}
    proc = subprocess.run(
        [*NEWSFLOW, "subscribe", "--data-dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode != 0 and "no broker" in proc.stderr


def test_run_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSFLOW_EMBEDDED_BROKER_PORT": "0"}
    env.pop("NEWSFLOW_BOOTSTRAP_SERVERS", None)
    proc = subprocess.Popen(
        [*NEWSFLOW, "run", "--data-dir", str(tmp_path / "var")],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:  # wait for the first batch to be reported
        lines.append(line)
        if line.startswith("batch "):
            break
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err[-2000:]
    assert "finishing the work in flight" in err and "done in" in out
    assert not (tmp_path / "var" / "embedded-broker.addr").exists()
