"""`newsflow backfill`: archive and WARC input, idempotence, resume after kill -9, bad documents."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import psycopg
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.lib.fault_rig import entry_xml
from pipeline.beam import backfill
from pipeline.beam.batch import SinkConfig
from pipeline.feeds.archive import Archive
from pipeline.sinks.parquet_read import read_table
from tests.conftest import EXAMPLES, REPO, stored_counts

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)


def _feed(first: int, last: int) -> bytes:
    items = "".join(entry_xml(n) for n in range(first, last))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Arch</title>{items}</channel></rss>'.encode()


def _sinks(tmp_path: Path, pg_url: str) -> SinkConfig:
    return SinkConfig("", "", {}, tmp_path / "var" / "parquet", pg_url)


def test_archive_backfill_is_idempotent(tmp_path: Path, pg_url: str) -> None:
    archive = Archive(tmp_path / "archive")
    for i in range(4):  # the same feed polled four times, overlapping windows of entries
        archive.store(_feed(i * 10, i * 10 + 30), "https://arch.example/rss", NOW, 200, "application/xml")
    archive.store(b"\x89PNG garbage", "https://arch.example/broken", NOW, 200, "")
    args = [str(tmp_path / "archive"), "--workers", "1", "--chunk", "25"]

    first = backfill.run(args, _sinks(tmp_path, pg_url), tmp_path / "var")
    assert (first.documents, first.articles, first.duplicates, first.dead_letters) == (5, 60, 60, 1)
    assert stored_counts(pg_url) == (60, 60)
    files = sorted(p.name for p in (tmp_path / "var" / "parquet").rglob("*.parquet"))

    second = backfill.run(args, _sinks(tmp_path, pg_url), tmp_path / "var")
    # the unreadable document is not done: it is read (and dead-lettered, once per key) again
    assert (second.documents, second.unreadable, second.skipped_documents, second.articles) == (1, 1, 4, 0)
    assert stored_counts(pg_url) == (60, 60)
    assert sorted(p.name for p in (tmp_path / "var" / "parquet").rglob("*.parquet")) == files
    assert len(read_table(tmp_path / "var" / "parquet", "articles")) == 60
    dead = read_table(tmp_path / "var" / "parquet", "dead_letters").to_pylist()
    assert [d["stage"] for d in dead] == ["parse"] and dead[0]["source"] == "https://arch.example/broken"


def test_warc_and_plain_files(tmp_path: Path, pg_url: str) -> None:
    warc = tmp_path / "feeds.warc.gz"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "application/rss+xml")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://warc.example/rss", "response", payload=io.BytesIO(_feed(0, 7)), http_headers=headers
            )
        )
    summary = backfill.run(
        [str(warc), str(EXAMPLES / "feeds"), "--workers", "2", "--chunk", "4"],
        _sinks(tmp_path, pg_url),
        tmp_path / "var",
    )
    assert summary.articles == 7 + 5
    with psycopg.connect(pg_url) as conn:
        varga = conn.execute(
            "SELECT count(*) FROM quote_speakers s JOIN actors a USING (actor_id) "
            "WHERE a.canonical_name = 'Helena Varga'"
        ).fetchone()
    assert varga == (2,)


def _done_docs(progress: Path) -> int:
    """Documents the run has recorded; 0 while the file or its tables are still being created
    (the run creates the file before its tables: a read in between finds no table)."""
    if not progress.exists():
        return 0
    try:
        with sqlite3.connect(progress) as db:
            return int(db.execute("SELECT count(*) FROM done_docs").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_resumes_after_kill_minus_nine(tmp_path: Path, pg_url: str) -> None:
    archive = Archive(tmp_path / "archive")
    for i in range(150):
        archive.store(_feed(i * 10, i * 10 + 10), f"https://arch.example/{i}", NOW, 200, "application/xml")
    env = {**os.environ, "NEWSFLOW_POSTGRES_URL": pg_url}
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "backfill",
        str(tmp_path / "archive"),
        "--data-dir",
        str(tmp_path / "var"),
        "--chunk",
        "50",
        "--workers",
        "1",
    ]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    progress = tmp_path / "var" / "backfill.sqlite"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if _done_docs(progress) >= 10:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(progress) as db:
        done_before = db.execute("SELECT count(*) FROM done_docs").fetchone()[0]
    assert 10 <= done_before < 150, "the kill should land mid-run"

    rerun = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"({done_before} done by earlier runs)" in rerun.stdout
    assert stored_counts(pg_url) == (1500, 1500)
    assert len(read_table(tmp_path / "var" / "parquet", "articles")) == 1500


def test_hostile_files_are_dead_letters_and_the_rest_is_written(tmp_path: Path, pg_url: str) -> None:
    """One impossible date, a gzip bomb, a damaged WARC and a feed file with relative links: the
    replay finishes, writes what is good, dead-letters what is not."""
    import gzip

    files = tmp_path / "files"
    files.mkdir()
    impossible = ["0000-00-00T00:00:00Z", "Fri, 31 Dec 9999 23:00:00 -0500", "Tue, 24 Nov 2026 10:00:00 GMT"]
    dates = "".join(
        f"<item><title>D{i}</title><link>https://dates.example/{i}</link><pubDate>{d}</pubDate></item>"
        for i, d in enumerate(impossible)
    )
    (files / "dates.xml").write_text(f'<rss version="2.0"><channel><title>D</title>{dates}</channel></rss>')
    (files / "relative.xml").write_text(
        '<rss version="2.0"><channel><title>R</title><link>https://rel.example/news/</link>'
        "<item><title>Rel</title><link>story-1.html</link></item></channel></rss>"
    )
    (files / "bomb.xml.gz").write_bytes(gzip.compress(b"\0" * (16 << 20)) * 4)  # 4 gzip members: 64 MiB inside
    (files / "damaged.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nnot a record") + b"\x00garbage")
    summary = backfill.run([str(files), "--workers", "1"], _sinks(tmp_path, pg_url), tmp_path / "var")
    assert (summary.articles, summary.dead_letters) == (4, 2), summary.line()
    urls = set(read_table(tmp_path / "var" / "parquet", "articles").column("url").to_pylist())
    assert urls == {
        "https://dates.example/0",
        "https://dates.example/1",
        "https://dates.example/2",
        "https://rel.example/news/story-1.html",
    }
    reasons = read_table(tmp_path / "var" / "parquet", "dead_letters").column("reason").to_pylist()
    assert any("cap" in r for r in reasons) and any("WARC" in r for r in reasons), reasons
