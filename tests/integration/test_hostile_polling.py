"""One poll over hostile feeds and good ones, on the real broker: every hostile case ends as a dead
letter (or a logged fetch error) with its reason, in bounded time, and the good feeds' articles
are delivered in the same poll. Cases: impossible dates, an odd full-text link, quadratic entity
expansion, a nested gzip bomb, trickled headers, a redirect to cloud metadata, an article larger
than a Kafka record, a stale UTF-16 charset header."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import pytest

from bench.lib.hostile_servers import Hostile
from pipeline.config import Settings
from pipeline.feeds.config import FeedSpec
from pipeline.feeds.reader import FeedReader
from pipeline.feeds.state import ReaderState
from pipeline.kafka.client import make_producer
from pipeline.schema import DeadLetter, RawArticle
from tests.integration.conftest import read_topic

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def feeds() -> Iterator[Hostile]:
    server = Hostile()
    yield server
    server.close()


def test_hostile_feeds_are_dead_letters_and_the_good_ones_arrive(
    settings: Settings, feeds: Hostile, tmp_path: Path
) -> None:
    s = settings.model_copy(
        update={"fetch_timeout_s": 3.0, "max_message_bytes": 200_000, "fetch_allow_networks": ["127.0.0.2/32"]}
    )
    producer = make_producer(s)
    state = ReaderState(tmp_path / "state.sqlite")
    reader = FeedReader(s, producer, state)
    paths = ["good", "dates", "odd-link", "entities", "bomb", "slow-headers", "huge-article", "utf16", "metadata"]
    paths.append("chain")
    specs = [FeedSpec(f"{feeds.base}/{p}", full_text=p == "odd-link") for p in paths]
    try:
        started = time.monotonic()
        stats = reader.poll(specs)
        elapsed = time.monotonic() - started
        again = reader.poll(specs[6:7])  # the oversize article is settled, not sent again
    finally:
        reader.close()
        producer.close()
        state.close()
    assert elapsed < 15  # the slowest case is bounded by the 3 s deadline; no case holds the poll

    articles = {a.url: a for a in read_topic(settings, settings.raw_topic, RawArticle)}
    good = {f"https://good.example/{n}" for n in (1, 2, 10, 11, 12, 13, 21, "utf16")}
    assert good <= set(articles), sorted(articles)
    assert articles["https://good.example/utf16"].title == "Grüße"
    for n in (10, 11, 12):  # impossible dates are dropped, the articles kept
        assert not articles[f"https://good.example/{n}"].HasField("published_at")
    assert articles["https://good.example/13"].published_at.ToJsonString() == "2026-11-24T10:00:00Z"
    assert articles["http://0177.0.0.1:8080/"].content_text == "Body."  # delivered; its full text refused, logged
    assert stats.new_articles == len(articles)

    dead = read_topic(settings, settings.deadletter_topic, DeadLetter)
    reasons = {d.source_url.rsplit("/", 1)[-1]: d.reason for d in dead if d.source_url.startswith(feeds.base)}
    assert "expand" in reasons["entities"]
    assert "cap" in reasons["bomb"]
    assert "no complete response within 3s" in reasons["slow-headers"]
    assert "non-public address 169.254.169.254" in reasons["metadata"]
    assert "non-public address 127.0.0.1" in reasons["chain"] and feeds.secret_hits == 0
    oversize = [d for d in dead if d.stage == "produce"]
    assert len(oversize) == 1 and "record limit" in oversize[0].reason and oversize[0].source_url.endswith("/20")
    assert again.new_articles == 0 and again.dead_letters == 0
