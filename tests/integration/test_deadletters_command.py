"""`newsflow deadletters` on a real broker: what failed, filtered by stage and time, as lines or JSON."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import Settings
from pipeline.deadletter import dead_letter
from pipeline.kafka.client import make_producer
from pipeline.ops.deadletters import excerpt, parse_since

pytestmark = pytest.mark.integration


def test_lists_filters_and_prints_json(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    old = dead_letter("fetch", "HTTP 503 from the server", source_url="https://feeds.example/rss")
    old.failed_at.FromDatetime(datetime(2026, 1, 1))
    new = dead_letter("decode", "not a RawArticle: truncated", b"\x00\x01garbage bytes\xff")
    new.source_topic, new.source_partition, new.source_offset = settings.raw_topic, 1, 42
    producer = make_producer(settings)
    for dl in (old, new):
        producer.send(settings.deadletter_topic, dl.SerializeToString())
    producer.flush()
    producer.close()
    monkeypatch.setenv("NEWSFLOW_DEADLETTER_TOPIC", settings.deadletter_topic)
    args = ["deadletters", "--bootstrap-servers", settings.bootstrap_servers]
    runner = CliRunner()

    everything = runner.invoke(main, args)
    assert everything.exit_code == 0, everything.output
    assert "fetch      HTTP 503 from the server" in everything.output
    assert "source: https://feeds.example/rss" in everything.output
    assert f"source: {settings.raw_topic}:1@42  raw: '··garbage bytes·'" in everything.output
    assert (
        everything.output.rstrip()
        .splitlines()[-1]
        .startswith(f"2 dead letters shown: 2 on {settings.deadletter_topic} at {settings.bootstrap_servers}, 0 in ")
    )

    decode_only = runner.invoke(main, [*args, "--stage", "decode"])
    assert "HTTP 503" not in decode_only.output and "1 dead letter shown (filtered)" in decode_only.output

    recent = runner.invoke(main, [*args, "--since", "7d", "--json"])
    [record] = [json.loads(line) for line in recent.output.splitlines()]
    assert record["stage"] == "decode" and record["source_offset"] == "42"

    bad = runner.invoke(main, [*args, "--since", "yesterday"])
    assert bad.exit_code == 2 and "use a duration" in bad.output


def test_since_and_excerpt() -> None:
    now = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("2026-11-30", now) == datetime(2026, 11, 30, tzinfo=timezone.utc)
    assert excerpt(b"<rss>\n  <channel>" + b"x" * 200, width=20) == "<rss> <channel>xxxxx"
