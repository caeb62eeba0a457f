"""feed files -> reader -> real broker -> micro-batch Beam job -> output topic + Parquet."""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

import psycopg
import pytest

from pipeline.beam.batch import run_batch
from pipeline.beam.streaming import MicroBatchDriver
from pipeline.config import Settings
from pipeline.deadletter import MAX_RAW_BYTES
from pipeline.feeds.config import load_feeds
from pipeline.feeds.reader import FeedReader
from pipeline.feeds.state import ReaderState
from pipeline.kafka.client import make_producer
from pipeline.schema import ArticleAnalysis, DeadLetter, RawArticle, Statement
from pipeline.sinks.parquet_read import read_table
from tests.conftest import EXAMPLES
from tests.integration.conftest import drain, read_topic

pytestmark = pytest.mark.integration

BUDGET_URL = "https://capital-wire.example/politics/budget-debate"
BUDGET_QUOTES = [  # one record per statement (pipeline/extract/statements.py)
    ("her spending plan in parliament", "Helena Varga"),  # the object ends before "on Tuesday"
    (  # one quote interrupted by its attribution: its two parts
        "We are investing in schools and hospitals without raising income tax … "
        "That is not austerity, that is responsibility.",
        "Helena Varga",
    ),
    ("the budget as “a collection of accounting tricks.”", "Marcus Feld"),  # partial: the clause
    ("The minister has hidden a deficit of eight billion behind optimistic growth forecasts.", "Marcus Feld"),
    ("to comment on the forecasts", ""),  # "The central bank declined …": no known actor
]


def _poll_examples(settings: Settings) -> tuple[int, int]:
    producer = make_producer(settings)
    seen = ReaderState(settings.state_db)
    try:
        reader = FeedReader(settings, producer, seen)
        feeds = load_feeds(EXAMPLES / "feeds.toml")
        first, second = reader.poll(feeds), reader.poll(feeds)
        return first.new_articles, second.new_articles
    finally:
        producer.close()
        seen.close()


def test_example_feeds_flow_to_topic_parquet_and_postgres(
    settings: Settings, pg_url: str, driver_factory: Callable[[], MicroBatchDriver]
) -> None:
    new_first, new_second = _poll_examples(settings)
    assert (new_first, new_second) == (5, 0)  # the second poll finds everything already sent

    drain(driver_factory(), expected_records=5)

    analyses = {a.url: a for a in read_topic(settings, settings.quotes_topic, ArticleAnalysis)}
    assert len(analyses) == 5
    budget = analyses[BUDGET_URL]
    assert [(q.text, q.speaker_name) for q in budget.quotes] == BUDGET_QUOTES
    assert budget.source_name == "Capital Wire" and budget.published_at.ToJsonString() == "2026-11-24T18:30:00Z"
    varga = next(a for a in budget.actors if a.canonical_name == "Helena Varga")
    assert budget.quotes[0].speaker_actor_id == varga.actor_id and "Finance Minister" in varga.titles

    joined = budget.quotes[1]  # the statement's parts, speaker and cue, located in the text
    assert len(joined.segments) == 2 and joined.HasField("speaker_span") and joined.cue_span.end > joined.cue_span.start

    quotes = read_table(settings.parquet_dir, "quotes").to_pylist()
    stored = sorted((r["text"], r["speaker_name"]) for r in quotes if r["url"] == BUDGET_URL)
    assert stored == sorted(BUDGET_QUOTES)
    parquet_joined = next(r for r in quotes if r["quote_id"] == joined.quote_id)
    assert parquet_joined["segments"] == [{"start": g.start, "end": g.end} for g in joined.segments]
    assert parquet_joined["cue_span"] == {"start": joined.cue_span.start, "end": joined.cue_span.end}
    assert len(quotes) == sum(len(a.quotes) for a in analyses.values())
    assert len(read_table(settings.parquet_dir, "articles")) == 5
    assert read_topic(settings, settings.deadletter_topic, DeadLetter) == []

    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT q.text, a.canonical_name FROM quotes q JOIN articles USING (article_id) "
            "JOIN quote_speakers s USING (quote_id) JOIN actors a ON a.actor_id = s.actor_id "
            "WHERE articles.url = %s",
            (BUDGET_URL,),
        ).fetchall()
        total = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]  # type: ignore[index]
        segments = conn.execute(
            "SELECT array_length(segments, 1), lower(segments[2]), upper(cue_span) FROM quotes WHERE quote_id = %s",
            (joined.quote_id,),
        ).fetchone()
    assert sorted(rows) == sorted(q for q in BUDGET_QUOTES if q[1])  # quote_speakers holds known actors only
    assert segments == (2, joined.segments[1].start, joined.cue_span.end)
    assert total == len(quotes)
    _statements_on_every_output(settings, pg_url, list(analyses.values()), quotes)


def _statements_on_every_output(
    settings: Settings, pg_url: str, analyses: list[ArticleAnalysis], parquet_quotes: list[dict[str, Any]]
) -> None:
    """Every quote has a statement, named alike in the topic's records, PostgreSQL and Parquet, and
    each statement's latest state is on the statements topic and in the Parquet statements table;
    the Parquet appearances and stories are PostgreSQL's."""
    on_topic = {q.quote_id: q.statement_id for a in analyses for q in a.quotes}
    assert on_topic and all(on_topic.values())
    assert {r["quote_id"]: r["statement_id"] for r in parquet_quotes} == on_topic
    with psycopg.connect(pg_url) as conn:
        stored = dict(conn.execute("SELECT quote_id, statement_id FROM quotes").fetchall())
        appearances = dict(conn.execute("SELECT quote_id, statement_id FROM statement_appearances").fetchall())
        counts = dict(conn.execute("SELECT statement_id, appearance_count FROM statements").fetchall())
        words = dict(conn.execute("SELECT quote_id, word_count FROM statement_appearances").fetchall())
        stories = set(conn.execute("SELECT story_id, article_count, outlet_count, revision FROM stories").fetchall())
    assert stored == appearances == on_topic
    states = {s.statement_id: s for s in read_topic(settings, settings.statements_topic, Statement)}
    assert set(states) == set(counts) == set(on_topic.values())
    assert {sid: s.appearance_count for sid, s in states.items()} == counts
    assert set(read_table(settings.parquet_dir, "statements").column("statement_id").to_pylist()) == set(counts)
    parquet_appearances = read_table(settings.parquet_dir, "statement_appearances").to_pylist()
    assert {r["quote_id"]: (r["statement_id"], r["word_count"]) for r in parquet_appearances} == {
        q: (sid, words[q]) for q, sid in appearances.items()
    }
    parquet_stories = read_table(settings.parquet_dir, "stories").to_pylist()
    assert {(r["story_id"], r["article_count"], r["outlet_count"], r["revision"]) for r in parquet_stories} == stories
    assert {a.story_id for a in analyses} == {r[0] for r in stories}


def test_garbage_on_the_raw_topic_is_dead_lettered_and_the_job_goes_on(
    settings: Settings, driver_factory: Callable[[], MicroBatchDriver]
) -> None:
    good = RawArticle(
        article_id="12" * 16,
        url="https://x.example/ok",
        title="Ok",
        content_text="“The dam will hold,” said engineer Omar Haddad.",
    )
    producer = make_producer(settings)
    sent = [
        producer.send(settings.raw_topic, key=b"x", value=v, partition=0)
        for v in (b"\x00\x01garbage\xff", good.SerializeToString(), b"", b"\x0a\x03abc")
    ]
    producer.flush()
    offsets = [f.get(10).offset for f in sent]
    producer.close()

    drain(driver_factory(), expected_records=4)

    dead = read_topic(settings, settings.deadletter_topic, DeadLetter)
    assert sorted(d.source_offset for d in dead) == [offsets[0], offsets[2], offsets[3]]
    assert all(d.stage == "decode" and d.source_topic == settings.raw_topic and d.reason for d in dead)
    assert next(d for d in dead if d.source_offset == offsets[0]).raw == b"\x00\x01garbage\xff"
    [analysis] = read_topic(settings, settings.quotes_topic, ArticleAnalysis)
    assert [(q.text, q.speaker_name) for q in analysis.quotes] == [("The dam will hold", "Omar Haddad")]


def test_batch_not_committed_is_redelivered_without_duplicates_in_storage(
    settings: Settings, pg_url: str, driver_factory: Callable[[], MicroBatchDriver]
) -> None:
    _poll_examples(settings)
    crashed = driver_factory()
    records = []
    while len(records) < 5:
        records += crashed.poll_batch()
    run_batch(records, crashed.sinks)  # sinks written, then the "crash": no commit
    crashed.consumer.close(autocommit=False)

    drain(driver_factory(), expected_records=5)  # a new member of the group gets the batch again

    quotes = read_table(settings.parquet_dir, "quotes")
    assert len(quotes) == len(set(quotes.column("quote_id").to_pylist())) > 0
    with psycopg.connect(pg_url) as conn:
        stored = [r[0] for r in conn.execute("SELECT quote_id FROM quotes")]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
        appearances = conn.execute("SELECT quote_id, statement_id FROM statement_appearances").fetchall()
        counted = conn.execute("SELECT sum(appearance_count) FROM statements WHERE merged_into IS NULL").fetchone()[0]  # type: ignore[index]
    assert sorted(stored) == sorted(quotes.column("quote_id").to_pylist()) and articles == 5
    on_topic = read_topic(settings, settings.quotes_topic, ArticleAnalysis)
    assert len(on_topic) == 10 and len({a.article_id for a in on_topic}) == 5  # at-least-once: dedupe by id
    # the replay gave every quote the statement it had, and no appearance twice
    assert {(q.quote_id, q.statement_id) for a in on_topic for q in a.quotes} == set(appearances)
    assert len(appearances) == len(stored) == counted


def test_oversize_and_wrong_schema_records_are_dead_lettered(
    settings: Settings, driver_factory: Callable[[], MicroBatchDriver]
) -> None:
    settings.max_message_bytes = 1024 * 1024  # the job's limit; the producer below may send more
    good = RawArticle(
        article_id="56" * 16,
        url="https://x.example/fine",
        title="Fine",
        content_text="“All clear,” said inspector Lena Vogt.",
    )
    huge = RawArticle(article_id="78" * 16, url="https://x.example/huge", title="Huge", content_text="word " * 500_000)
    producer = make_producer(settings, max_request_size=8 * 1024 * 1024)
    values = [huge.SerializeToString(), b'{"article_id": "not protobuf"}', good.SerializeToString()]
    futures = [producer.send(settings.raw_topic, value=v, partition=0) for v in values]
    producer.flush()
    offsets = [f.get(10).offset for f in futures]
    producer.close()

    driver = driver_factory()
    driver.sinks = dataclasses.replace(driver.sinks, max_record_bytes=settings.max_message_bytes)
    drain(driver, expected_records=3)

    dead = {d.source_offset: d for d in read_topic(settings, settings.deadletter_topic, DeadLetter)}
    assert sorted(dead) == offsets[:2]
    assert "exceeds the 1,048,576-byte limit" in dead[offsets[0]].reason
    assert len(dead[offsets[0]].raw) == MAX_RAW_BYTES  # evidence kept, capped
    [analysis] = read_topic(settings, settings.quotes_topic, ArticleAnalysis)
    assert analysis.quotes[0].speaker_name == "Lena Vogt"
