"""The portable streaming pipeline (pipeline/beam/portable.py) on the local runner in its
multi-threaded and multi-process modes, which is how Flink and Dataflow workers call our DoFns.
Only the Kafka read and write are replaced (the seam in `build`): records come from beam.Create,
and the topics are written with kafka-python to the real embedded broker. Exact rows are checked in
PostgreSQL, the Parquet dataset and both topics."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Iterator

import apache_beam as beam
import psycopg
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.transforms.window import TimestampedValue

from pipeline.beam.portable import NewsflowOptions, build
from pipeline.beam.records import SourceRecord
from pipeline.config import Settings
from pipeline.kafka.broker import free_port
from pipeline.kafka.client import producer_config
from pipeline.schema import ArticleAnalysis, DeadLetter, RawArticle
from pipeline.sinks.kafka import WriteToKafkaTopic
from pipeline.sinks.parquet import read_table
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


@pytest.fixture(scope="module")
def s3() -> Iterator[dict[str, str]]:
    """A local S3 (moto's server) with a bucket; the pipeline options that reach it."""
    boto3 = pytest.importorskip("boto3")
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                boto3.client(
                    "s3",
                    endpoint_url=endpoint,
                    aws_access_key_id="t",
                    aws_secret_access_key="t",
                    region_name="us-east-1",
                ).create_bucket(Bucket="news")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield {"endpoint": endpoint}
    finally:
        server.terminate()
        server.wait()


def _s3_table(s3: dict[str, str], table: str) -> pa.Table:
    import boto3

    client = boto3.client(
        "s3", endpoint_url=s3["endpoint"], aws_access_key_id="t", aws_secret_access_key="t", region_name="us-east-1"
    )
    keys = [o["Key"] for o in client.list_objects_v2(Bucket="news", Prefix=f"run/{table}/").get("Contents", [])]
    parts = [pq.read_table(io.BytesIO(client.get_object(Bucket="news", Key=k)["Body"].read())) for k in keys]
    assert not [k for k in keys if not k.endswith(".parquet")]  # no temporary files left
    return pa.concat_tables(parts)


@pytest.mark.parametrize("mode", [*sorted(MODES), "multi_processing+s3"])
def test_portable_pipeline_writes_exact_rows(
    mode: str, settings: Settings, pg_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    records = _records(40)
    on_s3 = mode.endswith("+s3")
    root = "s3://news/run" if on_s3 else str(tmp_path / "parquet")
    s3_args = []
    if on_s3:
        s3 = request.getfixturevalue("s3")
        # worker processes of the local runner do not get the pipeline's S3 options (Flink and
        # Dataflow workers do): they find the store as a cluster's workers usually do, by environment
        monkeypatch = request.getfixturevalue("monkeypatch")
        for var, value in (
            ("AWS_ENDPOINT_URL", s3["endpoint"]),
            ("AWS_ACCESS_KEY_ID", "t"),
            ("AWS_SECRET_ACCESS_KEY", "t"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
        ):
            monkeypatch.setenv(var, value)
        s3_args = [
            f"--s3_endpoint_url={s3['endpoint']}",
            "--s3_access_key_id=t",
            "--s3_secret_access_key=t",
            "--s3_region_name=us-east-1",
        ]
    argv = [
        "--runner=FnApiRunner",
        *MODES[mode.removesuffix("+s3")],
        *s3_args,
        f"--postgres_url={pg_url}",
        f"--parquet_root={root}",
        f"--quotes_topic={settings.quotes_topic}",
        f"--deadletter_topic={settings.deadletter_topic}",
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
    assert stored == ids and quotes == (40, 40)
    if on_s3:
        articles = _s3_table(request.getfixturevalue("s3"), "articles").column("article_id").to_pylist()
        assert len(_s3_table(request.getfixturevalue("s3"), "quotes")) == 40
    else:
        articles = read_table(root, "articles").column("article_id").to_pylist()
        assert len(read_table(root, "quotes")) == 40
    assert sorted(articles) == sorted(ids)
    assert {a.article_id for a in read_topic(settings, settings.quotes_topic, ArticleAnalysis)} == ids
    dead = read_topic(settings, settings.deadletter_topic, DeadLetter)
    assert sorted(d.source_offset for d in dead) == [1000, 1001]
