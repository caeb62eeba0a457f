"""A whole deployment on one machine, for fault injection: a durable Kafka-protocol broker (Tansu on
S3 storage served by moto), the feed reader and the Beam job as real `newsflow` processes, and a
PostgreSQL database. Processes can be killed with SIGKILL and restarted; `verify` counts what the
sinks hold against what the feed published."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import boto3
import psycopg
import pyarrow.parquet as pq

from bench.lib.processes import spawn
from bench.lib.stack import temp_database
from pipeline.kafka.broker import EmbeddedBroker, free_port
from pipeline.sinks.parquet_read import read_table

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _wait_port(port: int, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


def entry_xml(n: int) -> str:
    """Article n: one direct quote, so stored quotes must equal stored articles; article n + 25 says
    the same words, so statements recur across articles."""
    when = format_datetime(datetime(2026, 11, 1, tzinfo=timezone.utc) + timedelta(minutes=n))
    body = escape(f"“Report number {n % 25} is complete and filed,” said clerk Ada Nolan on Monday.")
    return (
        f"<item><title>Item {n}</title><link>https://faults.example/a/{n}</link>"
        f"<pubDate>{when}</pubDate><description>{body}</description></item>"
    )


def write_feed(path: Path, total: int, window: int = 0) -> None:
    items = "".join(entry_xml(n) for n in range(max(0, total - window) if window else 0, total))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Faults</title>'
        f"{items}</channel></rss>"
    )
    tmp.replace(path)


def count_stored(pg_url: str) -> tuple[int, int, int]:
    """(articles, quotes, distinct article urls) in PostgreSQL."""
    with psycopg.connect(pg_url) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), "
            "(SELECT count(DISTINCT url) FROM articles)"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


@dataclass
class EmbeddedRun:
    """`newsflow run` on its defaults, the embedded broker included (its topics in memory), reading a
    feed that rotates items out, into a PostgreSQL database of its own; killed with SIGKILL and
    started again as a user would after a crash."""

    workdir: Path
    pg_url: str
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.feed = self.workdir / "feed.xml"
        self.feeds_toml = self.workdir / "feeds.toml"
        self.feeds_toml.write_text(f'[[feeds]]\nurl = "{self.feed}"\nname = "Rotating"\n')
        self.output = self.workdir / "run.log"
        self.published = 0
        self.proc: subprocess.Popen[bytes] | None = None

    def write_feed(self, total: int, window: int) -> None:
        write_feed(self.feed, total, window)
        self.published = total

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "NEWSFLOW_BOOTSTRAP_SERVERS"}
        env |= {
            "NEWSFLOW_POSTGRES_URL": self.pg_url,
            "NEWSFLOW_DATA_DIR": str(self.workdir / "var"),
            "NEWSFLOW_FEEDS_FILE": str(self.feeds_toml),
            "NEWSFLOW_BATCH_MAX_WAIT_MS": "200",
            "PYTHONUNBUFFERED": "1",
        }
        self.started_at = self.output.stat().st_size if self.output.exists() else 0  # this run's output starts here
        self.proc = spawn(["run", "--poll-interval", "0.5"], env, self.output)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.append(f"{time.strftime('%H:%M:%S')} kill -9 newsflow run")

    def said(self, text: str) -> int:
        """How often the run's output has said `text` so far."""
        return self.output.read_text(errors="replace").count(text) if self.output.exists() else 0

    def wait_for(self, text: str, times: int, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while self.said(text) < times:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not said {times} times; output ends: {self.tail()}")
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"newsflow run exited with {self.proc.returncode}: {self.tail()}")
            time.sleep(0.2)

    def wait_for_poll(self, count: int, timeout_s: float = 60, new: bool = False) -> int:
        """Until this run's output holds `count` poll lines (the last with new articles, if asked:
        those are acknowledged by the broker); returns the count of its poll lines then."""
        deadline = time.monotonic() + timeout_s
        while True:
            with self.output.open("rb") as f:
                f.seek(self.started_at)
                text = f.read().decode(errors="replace")
            lines = [line for line in text.splitlines() if line.startswith("feeds: ")]
            if len(lines) >= count and (not new or " 0 new articles" not in lines[-1]):
                return len(lines)
            if time.monotonic() > deadline:
                raise TimeoutError(f"no poll line {count} (new={new}); output ends: {self.tail()}")
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"newsflow run exited with {self.proc.returncode}: {self.tail()}")
            time.sleep(0.1)

    def tail(self) -> str:
        return "\n".join(self.output.read_text(errors="replace").splitlines()[-30:])

    def wait_until_stored(self, timeout_s: float) -> float:
        started = time.monotonic()
        while count_stored(self.pg_url)[2] < self.published:
            if time.monotonic() - started > timeout_s:
                raise TimeoutError(f"{count_stored(self.pg_url)}/{self.published} stored; output ends: {self.tail()}")
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"newsflow run exited with {self.proc.returncode}: {self.tail()}")
            time.sleep(0.3)
        return time.monotonic() - started

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@dataclass
class Deployment:
    workdir: Path
    batch_max_records: int = 50
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.feed = self.workdir / "feed.xml"
        self.feeds_toml = self.workdir / "feeds.toml"
        self.feeds_toml.write_text(f'[[feeds]]\nurl = "{self.feed}"\nname = "Faults"\n')
        self.data_dir = self.workdir / "var"
        self.db = contextlib.ExitStack()
        self.published = 0
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    # --- services ------------------------------------------------------------------------------
    def start(self) -> None:
        s3_port = free_port()
        self.moto = subprocess.Popen(
            [str(BIN / "moto_server"), "-p", str(s3_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _wait_port(s3_port)
        self.s3_env = {
            "AWS_ENDPOINT": f"http://127.0.0.1:{s3_port}",
            "AWS_ALLOW_HTTP": "true",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
        boto3.client(
            "s3",
            endpoint_url=self.s3_env["AWS_ENDPOINT"],
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        ).create_bucket(Bucket="tansu")
        self.broker_port = free_port()
        self.start_broker()
        self.pg_url = self.db.enter_context(temp_database("newsflow_faults"))
        self.write_feed(0)
        self.start_process("reader")
        self.start_process("job")

    def start_broker(self) -> None:
        self.broker = EmbeddedBroker(
            port=self.broker_port, storage="s3://tansu/", env=self.s3_env, log_file=self.workdir / "broker.log"
        ).start(timeout_s=60)
        if self.broker.port != self.broker_port:
            raise RuntimeError(f"broker port {self.broker_port} was taken")

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "NEWSFLOW_BOOTSTRAP_SERVERS": f"127.0.0.1:{self.broker_port}",
            "NEWSFLOW_POSTGRES_URL": self.pg_url,
            "NEWSFLOW_DATA_DIR": str(self.data_dir),
            "NEWSFLOW_BATCH_MAX_RECORDS": str(self.batch_max_records),
            "NEWSFLOW_BATCH_MAX_WAIT_MS": "200",
            "NEWSFLOW_FEEDS_FILE": str(self.feeds_toml),
        }

    def start_process(self, name: str) -> None:
        args = {"reader": ["ingest", "--poll-interval", "0.5"], "job": ["job"]}[name]
        self.procs[name] = spawn(args, self._env(), self.workdir / f"{name}.log")

    def kill(self, name: str) -> None:
        """SIGKILL, then restart after a short outage."""
        if name == "broker":
            self.broker.kill()
        else:
            self.procs[name].send_signal(signal.SIGKILL)
            self.procs[name].wait()
        self.log.append(f"{time.strftime('%H:%M:%S')} kill -9 {name}")

    def restart(self, name: str) -> None:
        if name == "broker":
            self.start_broker()
        else:
            self.start_process(name)

    def inject(self, rng: random.Random, outage_s: tuple[float, float] = (0.3, 2.0), name: str | None = None) -> str:
        name = name or rng.choice(["reader", "job", "broker"])
        self.kill(name)
        time.sleep(rng.uniform(*outage_s))
        self.restart(name)
        return name

    # --- input ---------------------------------------------------------------------------------
    def write_feed(self, total: int, window: int = 0) -> None:
        """Publish entries 0..total-1 (atomically: the reader never sees half a file); with a window,
        the feed lists only the newest `window` of them, as real feeds rotate items out."""
        write_feed(self.feed, total, window)
        self.published = total

    # --- checks --------------------------------------------------------------------------------
    def stored(self) -> tuple[int, int, int]:
        """(articles, quotes, distinct article urls) in PostgreSQL."""
        return count_stored(self.pg_url)

    def wait_until_stored(self, timeout_s: float) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout_s:
            if self.stored()[0] >= self.published:
                return time.monotonic() - started
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    tail = (self.workdir / f"{name}.log").read_text(errors="replace").splitlines()[-40:]
                    raise RuntimeError(f"{name} exited with {proc.returncode}; its log ends:\n" + "\n".join(tail))
            time.sleep(0.5)
        raise TimeoutError(f"{self.stored()[0]}/{self.published} articles stored after {timeout_s}s")

    def wait_until_idle(self, timeout_s: float = 60) -> None:
        """Until the job has committed every record on the raw topic: no batch is in flight (one
        re-processing records delivered again after a kill could still be running when every
        article is already stored)."""
        from pipeline.config import Settings
        from pipeline.ops.status import group_lag

        settings = Settings(bootstrap_servers=f"127.0.0.1:{self.broker_port}", data_dir=self.data_dir)
        deadline = time.monotonic() + timeout_s
        while group_lag(settings).total:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the job still has lag after {timeout_s}s")
            time.sleep(0.5)

    def parquet_articles(self) -> tuple[int, int]:
        """(distinct articles after dedupe-on-read, raw rows including replayed copies), once the job
        is idle: PostgreSQL commits before the same batch's Parquet file is in place, so a count
        taken as soon as PostgreSQL has everything can miss the last batch's file."""
        self.wait_until_idle()
        table = read_table(self.data_dir / "parquet", "articles")
        raw = sum(pq.read_metadata(p).num_rows for p in (self.data_dir / "parquet" / "articles").rglob("*.parquet"))
        return len(table), raw

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.broker.stop()
        self.moto.terminate()
        self.moto.wait()
        self.db.close()
