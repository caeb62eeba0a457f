"""The portable backfill (pipeline/beam/portable_backfill.py) on the local runner's multi-process
mode, from local files and from S3 (moto): the same rows in PostgreSQL as the local backfill on
the same input, the same dead letters, and a rerun that rewrites the same Parquet files."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import psycopg
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.lib.fault_rig import entry_xml
from pipeline.beam import backfill, portable_backfill
from pipeline.beam.batch import SinkConfig
from pipeline.feeds.archive import Archive
from pipeline.sinks.parquet_read import read_table
from tests.beam.conftest import s3_client, s3_options, s3_table
from tests.conftest import EXAMPLES, REPO, stored_counts

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
MULTI_PROCESS = ["--runner=FnApiRunner", "--direct_running_mode=multi_processing", "--direct_num_workers=2"]


def _feed(first: int, last: int, title: str = "Arch") -> bytes:
    items = "".join(entry_xml(n) for n in range(first, last))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'.encode()


def _inputs(root: Path) -> Path:
    """An archive (one feed polled four times with overlapping entries, a later poll of another
    title, a broken document), a WARC, hostile feed files and the repository's example feeds."""
    archive = Archive(root / "archive")
    for i in range(4):
        archive.store(_feed(i * 10, i * 10 + 30), "https://arch.example/rss", NOW + timedelta(minutes=i), 200, "")
    # the same entries polled later under another feed title: the first fetch is kept
    archive.store(_feed(0, 5, "Renamed"), "https://arch.example/rss", NOW + timedelta(hours=1), 200, "")
    archive.store(b"\x89PNG garbage", "https://arch.example/broken", NOW, 200, "")
    archive.store(b"not fetched", "https://arch.example/gone", NOW, 404, "")
    files = root / "files"
    files.mkdir()
    with (files / "feeds.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "application/rss+xml")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://warc.example/rss", "response", payload=io.BytesIO(_feed(100, 107)), http_headers=headers
            )
        )
    (files / "relative.xml").write_text(
        '<rss version="2.0"><channel><title>R</title><link>https://rel.example/news/</link>'
        "<item><title>Rel</title><link>story-1.html</link></item></channel></rss>"
    )
    (files / "bomb.xml.gz").write_bytes(gzip.compress(b"\0" * (16 << 20)) * 4)  # 64 MiB inside
    (files / "damaged.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nnot a record") + b"\x00garbage")
    for feed in sorted((EXAMPLES / "feeds").iterdir()):
        (files / feed.name).write_bytes(feed.read_bytes())
    return root


def _rows(pg_url: str) -> dict[str, set[tuple[Any, ...]]]:
    queries = {
        "articles": "SELECT article_id, url, title, source_name, language, published_at FROM articles",
        "quotes": "SELECT quote_id, article_id, text, kind, speaker_mention, cue, start_offset, end_offset FROM quotes",
        "article_actors": "SELECT article_id, actor_id, titles, aliases, mention_count FROM article_actors",
        "quote_speakers": "SELECT quote_id, actor_id FROM quote_speakers",
        # the same statements whatever the order the quotes came in (their ids name a first quote)
        "statements": "SELECT array_agg(a.quote_id ORDER BY a.quote_id), r.text, r.appearance_count, r.outlet_count "
        "FROM statement_appearances a JOIN statements s USING (statement_id) "
        "JOIN statements r ON r.statement_id = coalesce(s.merged_into, s.statement_id) GROUP BY r.statement_id",
    }
    with psycopg.connect(pg_url) as conn:
        rows = {name: {tuple(map(_hashable, r)) for r in conn.execute(q)} for name, q in queries.items()}
        conn.execute("TRUNCATE articles, actors, article_actors, quotes, statements, statement_speakers CASCADE")
    return rows


def _files(root: Path) -> list[Path]:
    """The dataset's files, the statements' and stories' aside: _rows empties their state between
    runs, and a statement is named after the first quote seen (a story after its first article),
    which another run's order may make another (with its state kept, a rerun adds none:
    tests/statements/test_store.py)."""
    named_by_order = {"statements", "stories"}
    return sorted(
        p.relative_to(root) for p in root.rglob("*.parquet") if p.parts[len(root.parts)] not in named_by_order
    )


def _dead(root: Path | str, read: Any = read_table) -> list[tuple[str, str]]:
    table = read(root, "dead_letters").to_pylist()
    return sorted((d["stage"], d["source"].rsplit("/", 1)[-1]) for d in table)


def _local_backfill(inputs: Path, tmp_path: Path, pg_url: str) -> dict[str, set[tuple[Any, ...]]]:
    sinks = SinkConfig("", "", {}, tmp_path / "local" / "parquet", pg_url)
    summary = backfill.run(
        [str(inputs / "archive"), str(inputs / "files"), "--workers", "1"], sinks, tmp_path / "local"
    )
    assert summary.articles > 50 and summary.dead_letters == 3, summary.line()
    return _rows(pg_url)


def test_same_rows_as_the_local_backfill_and_a_rerun_rewrites_the_same_files(tmp_path: Path, pg_url: str) -> None:
    inputs = _inputs(tmp_path / "in")
    expected = _local_backfill(inputs, tmp_path, pg_url)
    assert len(expected["statements"]) > 10
    expected_dead = _dead(tmp_path / "local" / "parquet")
    assert expected_dead == [("parse", "broken"), ("read", "bomb.xml.gz"), ("read", "damaged.warc.gz")]

    root = tmp_path / "portable"
    sinks = SinkConfig("", "", {}, root, pg_url)
    args = [str(inputs / "archive"), str(inputs / "files"), "--portable", "--workers", "2"]
    first = backfill.run(args, sinks, tmp_path / "unused")
    files = _files(root)
    assert _rows(pg_url) == expected
    assert _dead(root) == expected_dead
    assert sorted(read_table(root, "articles").column("article_id").to_pylist()) == sorted(
        r[0] for r in expected["articles"]
    )
    # items 0-4 were polled again later under another feed title: the first fetch is what is kept
    assert {r[3] for r in expected["articles"] if r[1].startswith("https://faults.example/")} == {"Arch"}

    second = backfill.run(args, sinks, tmp_path / "unused")
    assert (second.documents, second.articles, second.quotes) == (first.documents, first.articles, first.quotes)
    assert _rows(pg_url) == expected
    assert _files(root) == files  # rewritten, not added
    assert not [p for p in root.rglob("*") if p.name.startswith(".")]  # no temporary files left


def test_from_s3_on_the_multi_process_runner(
    tmp_path: Path, pg_url: str, s3: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _inputs(tmp_path / "in")
    expected = _local_backfill(inputs, tmp_path, pg_url)
    client = s3_client(s3)
    for path in sorted(p for p in inputs.rglob("*") if p.is_file()):
        client.put_object(Bucket="news", Key=f"in/{path.relative_to(inputs)}", Body=path.read_bytes())

    argv = [
        *MULTI_PROCESS,
        *s3_options(s3, monkeypatch),
        "--input=s3://news/in/",
        "--parquet_root=s3://news/bf",
        f"--postgres_url={pg_url}",
    ]
    portable_backfill.run(argv)
    assert _rows(pg_url) == expected
    articles = s3_table(s3, "bf", "articles").column("article_id").to_pylist()
    assert sorted(articles) == sorted(r[0] for r in expected["articles"])
    assert len(s3_table(s3, "bf", "quotes")) == len(expected["quotes"])
    dead = sorted((d["stage"], d["source"].rsplit("/", 1)[-1]) for d in s3_table(s3, "bf", "dead_letters").to_pylist())
    assert dead == [("parse", "broken"), ("read", "bomb.xml.gz"), ("read", "damaged.warc.gz")]


def test_a_directory_or_trailing_slash_means_everything_under_it(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    assert portable_backfill.file_patterns([str(tmp_path / "d"), "s3://b/x/", "gs://b/*.xml", "s3://b/one.warc"]) == [
        str(tmp_path / "d" / "**"),
        "s3://b/x/**",
        "gs://b/*.xml",
        "s3://b/one.warc",
    ]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def test_the_command_line_runs_it_and_checks_local_paths(tmp_path: Path, pg_url: str) -> None:
    inputs = _inputs(tmp_path / "in")
    env = {**os.environ, "NEWSFLOW_POSTGRES_URL": pg_url}
    base = [sys.executable, "-m", "pipeline.cli", "backfill", "--data-dir", str(tmp_path / "var")]
    done = subprocess.run(
        [*base, "--portable", str(inputs / "files"), str(inputs / "archive" / "fetches" / "*.jsonl")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "3 dead letters" in done.stdout, done.stdout
    articles, _ = stored_counts(pg_url)
    assert articles == len(read_table(tmp_path / "var" / "parquet", "articles")) > 50

    missing = subprocess.run(
        [*base, str(tmp_path / "nowhere")], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr
