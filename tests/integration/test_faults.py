"""kill -9 of the feed reader, the job and the broker mid-stream, all real processes: every article
published comes out exactly once in PostgreSQL (and in Parquet after dedupe-on-read)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import psycopg
import pytest

from bench.lib.fault_rig import Deployment, EmbeddedRun
from tests.conftest import stored_counts

pytestmark = pytest.mark.integration


def test_kill_minus_nine_everything_loses_and_duplicates_nothing(tmp_path: Path, pg_url: str) -> None:
    rng = random.Random(7)
    rig = Deployment(tmp_path / "rig", batch_max_records=20)
    rig.start()
    try:
        order = ["reader", "job", "broker", "job", "broker", "reader", "broker", "job"]
        for step, name in enumerate(order[:6], 1):
            rig.write_feed(step * 20)
            rig.inject(rng, name=name)
        for name in order[6:]:  # back-to-back faults with short outages
            rig.inject(rng, outage_s=(0.2, 0.5), name=name)
        rig.wait_until_stored(timeout_s=240)
        articles, quotes, urls = rig.stored()
        assert (articles, quotes, urls) == (120, 120, 120), rig.log
        assert rig.parquet_articles()[0] == 120

        # a long broker outage: one clear log line each way, no crash loop, nothing lost. Only this
        # phase's part of job.log counts: a job killed earlier, during an outage, logged
        # "unreachable" and never lived to log "reachable again"
        rig.wait_until_idle()  # a batch in flight would wait out the outage inside its sink, silently
        log_before = (rig.workdir / "job.log").stat().st_size
        rig.kill("broker")
        rig.write_feed(140)
        time.sleep(12)
        assert all(p.poll() is None for p in rig.procs.values()), "a process died during the outage"
        rig.restart("broker")
        rig.wait_until_stored(timeout_s=120)
        assert rig.stored() == (140, 140, 140)
        with (rig.workdir / "job.log").open("rb") as f:
            f.seek(log_before)
            job_log = f.read().decode(errors="replace")
        assert job_log.count("is unreachable") == 1 and "reachable again" in job_log, job_log
    finally:
        rig.stop()


def test_kill_minus_nine_of_run_on_the_embedded_broker_loses_nothing_the_feed_rotated_out(
    tmp_path: Path, pg_url: str
) -> None:
    """The articles the in-memory broker had acknowledged, and the job had not yet stored, die with
    it; the feed lists them no more at the restart. The archive is the log they come back from."""
    run = EmbeddedRun(tmp_path / "run", pg_url)
    run.write_feed(10, window=10)
    run.start()
    try:
        run.wait_until_stored(timeout_s=90)
        with psycopg.connect(pg_url) as hold:
            hold.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")  # the job cannot store now
            run.write_feed(20, window=10)  # items 10-19 replace 0-9
            run.wait_for(", 10 new articles", times=2)  # fetched, archived, acknowledged by the broker
            time.sleep(1.0)  # the job has them in a batch that waits on the lock
            run.kill()
            run.write_feed(30, window=10)  # by the restart the feed lists 20-29 only
        run.start()
        run.wait_for("recovery: 10 articles", times=1)
        run.wait_until_stored(timeout_s=120)
    finally:
        run.stop()
    assert stored_counts(pg_url) == (30, 30)
