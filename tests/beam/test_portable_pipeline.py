"""The portable streaming pipeline (pipeline/beam/portable.py) on the local runner in its
multi-threaded and multi-process modes, which is how Flink and Dataflow workers call our DoFns.
Only the Kafka read and write are replaced (the seam in `build`): records come from beam.Create,
and the topics are written with kafka-python to the real embedded broker. Exact rows are checked in
PostgreSQL, the Parquet dataset and both topics."""

from __future__ import annotations

import uuid
from pathlib import Path

import apache_beam as beam
import psycopg
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.transforms.window import TimestampedValue

from pipeline.beam.portable import NewsflowOptions, build
from pipeline.beam.records import SourceRecord
from pipeline.config import Settings
from pipeline.kafka.client import producer_config
from pipeline.schema import ArticleAnalysis, DeadLetter, RawArticle, Statement
from pipeline.sinks.kafka import WriteToKafkaTopic
from pipeline.sinks.parquet_read import read_table
from tests.beam.conftest import s3_options, s3_table
from tests.integration.conftest import read_topic

pytestmark = pytest.mark.integration

MODES = {
    "multi_threading": ["--direct_running_mode=multi_threading", "--direct_num_workers=4"],
    "multi_processing": ["--direct_running_mode=multi_processing", "--direct_num_workers=2"],
}


def _records(n: int) -> list[SourceRecord]:
    out = []
    for i in range(n):
        a = RawArticle(
            article_id=uuid.uuid4().hex,
            url=f"https://portable.example/{i}",
            content_text=f"“Line {i} reopens on Monday,” said transit director Ann Lee.",
        )
        a.published_at.FromSeconds(1_795_000_000 + 3600 * (i % 3))
        out.append(SourceRecord(a.SerializeToString(), a.article_id.encode(), "raw", i % 4, i))
    out.append(SourceRecord(b"not a protobuf", None, "raw", 0, 1000))
    out.append(SourceRecord(RawArticle(article_id="short").SerializeToString(), None, "raw", 1, 1001))
    return out


@pytest.mark.parametrize("mode", [*sorted(MODES), "multi_processing+s3"])
def test_portable_pipeline_writes_exact_rows(
    mode: str, settings: Settings, pg_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    records = _records(40)
    on_s3 = mode.endswith("+s3")
    root = "s3://news/run" if on_s3 else str(tmp_path / "parquet")
    s3_args = []
    if on_s3:
        s3_args = s3_options(request.getfixturevalue("s3"), request.getfixturevalue("monkeypatch"))
    argv = [
        "--runner=FnApiRunner",
        *MODES[mode.removesuffix("+s3")],
        *s3_args,
        f"--postgres_url={pg_url}",
        f"--parquet_root={root}",
        f"--quotes_topic={settings.quotes_topic}",
        f"--deadletter_topic={settings.deadletter_topic}",
        f"--statements_topic={settings.statements_topic}",
    ]
    options = PipelineOptions(argv)
    producer = producer_config(settings)
    read = beam.Create(records, reshuffle=False) | beam.Map(lambda r: TimestampedValue(r, 1_795_000_000))
    with beam.Pipeline(options=options) as p:
        build(p, options.view_as(NewsflowOptions), io=(read, lambda topic: WriteToKafkaTopic(topic, producer)))

    ids = {RawArticle.FromString(r.value).article_id for r in records[:40]}
    with psycopg.connect(pg_url) as conn:
        stored = {row[0] for row in conn.execute("SELECT article_id FROM articles")}
        quotes = conn.execute("SELECT count(*), count(DISTINCT article_id) FROM quotes").fetchone()
        statements = dict(conn.execute("SELECT quote_id, statement_id FROM quotes").fetchall())
    assert stored == ids and quotes == (40, 40)
    if on_s3:
        articles = s3_table(request.getfixturevalue("s3"), "run", "articles").column("article_id").to_pylist()
        assert len(s3_table(request.getfixturevalue("s3"), "run", "quotes")) == 40
    else:
        articles = read_table(root, "articles").column("article_id").to_pylist()
        assert len(read_table(root, "quotes")) == 40
    assert sorted(articles) == sorted(ids)
    published = read_topic(settings, settings.quotes_topic, ArticleAnalysis)
    assert {a.article_id for a in published} == ids
    # each article names another line: 40 statements, the same in every output
    assert {q.quote_id: q.statement_id for a in published for q in a.quotes} == statements
    states = read_topic(settings, settings.statements_topic, Statement)
    assert {s.statement_id for s in states} == set(statements.values()) and len(set(statements.values())) == 40
    dead = read_topic(settings, settings.deadletter_topic, DeadLetter)
    assert sorted(d.source_offset for d in dead) == [1000, 1001]
