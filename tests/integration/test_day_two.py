"""What a newcomer does on the second day, each as the command they type (issue 27): subscribing
from now, a second command beside `run`, one JSON form, backfill reruns and their dead letters,
importing feeds, compacting, and the help of the portable pipelines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from pipeline.client import subscribe
from pipeline.config import Settings
from pipeline.kafka.client import make_producer
from pipeline.schema import ArticleAnalysis
from tests.conftest import EXAMPLES, REPO
from tests.integration.commands import NEWSFLOW, Background, newsflow, succeeded, user_env

pytestmark = pytest.mark.integration

ONE_ITEM_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Day Two Gazette</title><link>https://daytwo.example/</link>
<item><title>Ferry fares rise</title><link>https://daytwo.example/ferry</link>
<pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate>
<description>"We had no other choice this winter," said Jonas Weißmüller, the operator's director.
</description></item></channel></rss>
"""


def _analysis(article_id: str, speaker: str = "Ada Byrne") -> bytes:
    analysis = ArticleAnalysis(article_id=article_id, url=f"https://x.example/{article_id}")
    analysis.quotes.add(quote_id=f"q-{article_id}", text="Fine words", speaker_name=speaker)
    return analysis.SerializeToString()


def _topics(settings: Settings) -> dict[str, str]:
    return {
        "NEWSFLOW_RAW_TOPIC": settings.raw_topic,
        "NEWSFLOW_QUOTES_TOPIC": settings.quotes_topic,
        "NEWSFLOW_DEADLETTER_TOPIC": settings.deadletter_topic,
        "NEWSFLOW_GROUP_ID": settings.group_id,
    }


def test_subscribing_from_now_gives_exactly_the_records_written_after_it_started(settings: Settings) -> None:
    """Several records per partition written in one batch each: the embedded broker's ListOffsets
    then names an offset short of the end, and 'latest' used to replay the records after it."""
    servers = settings.bootstrap_servers or ""
    producer = make_producer(settings)
    for i in range(9):
        producer.send(settings.quotes_topic, key=f"old-{i}".encode(), value=_analysis(f"old-{i}"))
    producer.flush()
    command = Background(
        [*NEWSFLOW, "subscribe", "--bootstrap-servers", servers, "--exit-when-idle", "6"],
        env=user_env(**_topics(settings)),
    )
    library: list[str] = []
    ready = threading.Event()

    def as_in_the_readme() -> None:
        for analysis in subscribe(
            servers, group_id=f"my-app-{uuid.uuid4().hex[:6]}", settings=settings, idle_timeout_s=6, on_start=ready.set
        ):
            library.append(analysis.article_id)

    reader = threading.Thread(target=as_in_the_readme)
    reader.start()
    try:
        command.wait_for("from now", timeout=60)
        assert ready.wait(60)
        for i in range(3):
            producer.send(
                settings.quotes_topic, key=f"new-{i}".encode(), value=_analysis(f"new-{i}", "Britta Haßelmann")
            )
        producer.flush()
        assert command.finish(timeout=90) == 0, command.output
    finally:
        command.kill()
        reader.join(timeout=90)
        producer.close()
    records = [json.loads(line) for line in command.lines if line.startswith("{")]
    assert sorted(r["article_id"] for r in records) == ["new-0", "new-1", "new-2"], command.output
    assert "Haßelmann" in command.output and "\\u00df" not in command.output  # UTF-8 JSON lines
    assert sorted(library) == ["new-0", "new-1", "new-2"]


def test_a_second_command_beside_run_uses_its_broker_and_leaves_it_advertised(tmp_path: Path, pg_url: str) -> None:
    data = tmp_path / "var"
    env = user_env(data, NEWSFLOW_POSTGRES_URL=pg_url)
    run = Background([*NEWSFLOW, "run"], env=env)
    try:
        run.wait_for("“")  # the first batch's quotes
        demo = succeeded(newsflow("run", "--once", data_dir=data, NEWSFLOW_POSTGRES_URL=pg_url))
        assert "using the embedded broker already running on" in demo
        assert "0 new articles, 5 already seen" in demo
        assert run.proc.poll() is None
        status = succeeded(newsflow("status", data_dir=data))
        assert "lag: 0 records" in status
        assert (data / "embedded-broker.addr").exists()
    finally:
        stopped = run.interrupt()
    assert stopped == 0, run.output
    assert not (data / "embedded-broker.addr").exists()


def test_backfill_reruns_and_its_dead_letters_without_a_broker(tmp_path: Path, pg_url: str) -> None:
    data = tmp_path / "var"
    feed = tmp_path / "day-two.rss"
    feed.write_text(ONE_ITEM_FEED, encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting notes, not a feed.\n")

    first = succeeded(newsflow("backfill", str(feed), data_dir=data, NEWSFLOW_POSTGRES_URL=pg_url))
    assert "1 document; 1 entry, 1 new article (0 seen before), 1 quote, 0 dead letters" in first
    assert "(0 articles/s)" not in first
    again = succeeded(newsflow("backfill", str(feed), data_dir=data, NEWSFLOW_POSTGRES_URL=pg_url))
    assert "backfill: nothing new: 1 document done by earlier runs" in again
    refused = newsflow("backfill", str(notes), data_dir=data, NEWSFLOW_POSTGRES_URL=pg_url)
    succeeded(refused, 1)
    assert "no feed in 1 document" in refused.stderr

    listed = succeeded(newsflow("deadletters", data_dir=data))
    assert f"source: {notes.resolve().as_uri()}" in listed and "parse" in listed
    assert listed.splitlines()[-1].startswith("1 dead letter shown: no broker running")
    [record] = [json.loads(line) for line in succeeded(newsflow("deadletters", "--json", data_dir=data)).splitlines()]
    assert record["stage"] == "parse" and record["source_url"] == notes.resolve().as_uri()

    extracted = succeeded(newsflow("extract", "--json", "-", stdin=feed.read_text().split("<description>")[1]))
    assert extracted.count("\n") == 1 and "Weißmüller" in extracted  # one line, UTF-8
    [quote] = json.loads(extracted)["quotes"]
    assert quote["speaker_name"] == "Jonas Weißmüller" and quote["kind"] == "KIND_DIRECT"


def test_portable_backfill_prints_its_summary_not_beam_chatter(tmp_path: Path, pg_url: str) -> None:
    proc = newsflow(
        "backfill", "--portable", str(EXAMPLES / "feeds"), data_dir=tmp_path / "var", NEWSFLOW_POSTGRES_URL=pg_url
    )
    succeeded(proc)
    said = (proc.stdout + proc.stderr).splitlines()
    assert "backfill: 2 documents; 5 entries, 5 new articles" in proc.stdout
    assert len(said) <= 4 and not any("INFO" in line for line in said), said


def test_compact_reports_what_it_found_and_needs_a_dataset(tmp_path: Path, pg_url: str) -> None:
    missing = newsflow("compact", data_dir=tmp_path / "never-used")
    succeeded(missing, 1)
    assert "no Parquet dataset" in missing.stderr
    data = tmp_path / "var"
    succeeded(newsflow("backfill", str(EXAMPLES / "feeds"), data_dir=data, NEWSFLOW_POSTGRES_URL=pg_url))
    said = succeeded(newsflow("compact", data_dir=data))
    found = re.search(r": (\d+) date partitions, (\d+) rows -> (\d+) \(one per key\); each already one file", said)
    assert found and int(found[1]) > 0 and int(found[2]) == int(found[3]) > 0, said


def test_feeds_import_adds_to_the_list_run_reads(tmp_path: Path) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline text="Quay Post" xmlUrl="https://quay.example/rss"/>'
        '<outline text="Hill Times" xmlUrl="https://hill.example/atom"/>'
        '<outline text="Quay Post (again)" xmlUrl="https://quay.example/rss"/>'
        "</body></opml>"
    )
    shutil.copytree(EXAMPLES, tmp_path / "examples")  # a checkout's working directory
    said = succeeded(newsflow("feeds", "import", str(opml), cwd=tmp_path))
    assert said.startswith("2 feeds added to examples/feeds.toml (0 already there; 1 listed twice")
    assert "newsflow run reads it" in said
    exported = succeeded(newsflow("feeds", "export", cwd=tmp_path))
    assert 'text="Quay Post"' in exported and "again" not in exported
    chosen = tmp_path / "mine.toml"
    said = succeeded(newsflow("feeds", "import", str(opml), cwd=tmp_path, NEWSFLOW_FEEDS_FILE=str(chosen)))
    assert f"2 feeds added to {chosen}" in said and "Hill Times" in chosen.read_text()


@pytest.mark.parametrize(
    "module,flag",
    [("pipeline.beam.portable", "--kafka_bootstrap_servers"), ("pipeline.beam.portable_backfill", "--input")],
)
def test_the_portable_pipelines_list_their_flags(module: str, flag: str) -> None:
    proc = subprocess.run(
        [*NEWSFLOW[:-2], "-m", module, "--help"], cwd=REPO, capture_output=True, text=True, timeout=120, env=user_env()
    )
    assert succeeded(proc).count("--") > 8 and flag in proc.stdout and "--parquet_root" in proc.stdout
    assert "apitools" not in proc.stderr


def test_a_closed_output_pipe_ends_a_command_quietly(settings: Settings) -> None:
    """`newsflow status | head -1`: the reader closes the pipe after the first line."""
    proc = subprocess.Popen(
        [*NEWSFLOW, "status", "--bootstrap-servers", settings.bootstrap_servers or ""],
        cwd=REPO,
        env=user_env(**_topics(settings)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith("broker ")
    proc.stdout.close()
    assert proc.wait(timeout=60) == 141
    assert proc.stderr.read() == ""
