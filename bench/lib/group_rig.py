"""A consumer group of `newsflow job` processes that can grow, shrink and lose members, fed by a
producer at a fixed rate; for the scale-out test and bench/rebalance.py. Real processes, the real
broker, the real PostgreSQL server."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from bench.lib.processes import spawn
from pipeline.config import Settings
from pipeline.kafka.client import make_producer
from pipeline.schema import RawArticle

REPO = Path(__file__).resolve().parents[2]


def unique_settings(bootstrap_servers: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings with topics and a consumer group of their own, so runs on one broker never meet."""
    tag = uuid.uuid4().hex[:8]
    fields: dict[str, object] = {
        "bootstrap_servers": bootstrap_servers,
        "raw_topic": f"raw-{tag}",
        "quotes_topic": f"quotes-{tag}",
        "deadletter_topic": f"dead-{tag}",
        "statements_topic": f"statements-{tag}",
        "group_id": f"job-{tag}",
        "data_dir": data_dir,
    }
    return Settings(**(fields | overrides))  # type: ignore[arg-type]


@dataclass
class Group:
    settings: Settings
    pg_url: str
    workdir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    jobs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # sends the broker refused

    def _env(self) -> dict[str, str]:
        s = self.settings
        return {
            **os.environ,
            "NEWSFLOW_BOOTSTRAP_SERVERS": s.bootstrap_servers or "",
            "NEWSFLOW_POSTGRES_URL": self.pg_url,
            "NEWSFLOW_DATA_DIR": str(s.data_dir),
            "NEWSFLOW_RAW_TOPIC": s.raw_topic,
            "NEWSFLOW_QUOTES_TOPIC": s.quotes_topic,
            "NEWSFLOW_DEADLETTER_TOPIC": s.deadletter_topic,
            "NEWSFLOW_GROUP_ID": s.group_id,
            "NEWSFLOW_TOPIC_PARTITIONS": str(s.topic_partitions),
            "NEWSFLOW_BATCH_MAX_WAIT_MS": str(s.batch_max_wait_ms),
            **self.extra_env,
        }

    def add_job(self) -> int:
        self.workdir.mkdir(parents=True, exist_ok=True)
        i = len(self.jobs)
        self.jobs.append(spawn(["job"], self._env(), self.workdir / f"job{i}.log"))
        return i

    def stop_job(self, i: int, sig: int = signal.SIGTERM, timeout_s: float = 60.0) -> None:
        proc = self.jobs[i]
        if proc.poll() is None:
            proc.send_signal(sig)
            proc.wait(timeout=timeout_s)

    def running(self) -> list[int]:
        return [i for i, p in enumerate(self.jobs) if p.poll() is None]

    def log(self, i: int) -> str:
        return (self.workdir / f"job{i}.log").read_text(errors="replace")

    def produce(self, rate: float, seconds: float, text: str) -> threading.Thread:
        """Produce in the background at `rate` articles/s for `seconds`; ids land in `sent`."""

        def run() -> None:
            producer = make_producer(self.settings)
            start = time.monotonic()
            n = 0
            while time.monotonic() - start < seconds:
                if (delay := start + n / rate - time.monotonic()) > 0:
                    time.sleep(delay)
                aid = uuid.uuid4().hex
                article = RawArticle(article_id=aid, url=f"https://group.example/{aid}", content_text=text)
                future = producer.send(self.settings.raw_topic, key=aid.encode(), value=article.SerializeToString())
                future.add_callback(lambda _, aid=aid: self.sent.append(aid))  # only what the broker acknowledged
                future.add_errback(lambda exc: self.failed.append(repr(exc)))
                n += 1
            producer.flush()
            producer.close()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread

    def stored(self) -> set[str]:
        with psycopg.connect(self.pg_url) as conn:
            return {r[0] for r in conn.execute("SELECT article_id FROM articles")}

    def wait_stored(self, timeout_s: float) -> set[str]:
        deadline = time.monotonic() + timeout_s
        while True:
            stored = self.stored()
            if set(self.sent) <= stored or time.monotonic() > deadline:
                return stored
            time.sleep(0.5)

    def stop(self) -> None:
        for i in self.running():
            self.stop_job(i)
