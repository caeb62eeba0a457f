"""Fixed cost of one micro-batch: batches of one short article through every sink (output topic
on the embedded broker, Parquet, PostgreSQL), as `newsflow job` runs them.

    .venv/bin/python -m bench.batch_overhead [--batches 30]

Prints the median and p90 wall time per batch after a warm-up batch (the first one builds the
pipeline and opens the connections).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench.lib.stack import temp_database
from pipeline.beam.batch import SinkConfig, close_sinks, run_batch
from pipeline.beam.records import SourceRecord
from pipeline.config import Settings
from pipeline.kafka.broker import EmbeddedBroker
from pipeline.kafka.client import producer_config
from pipeline.kafka.topics import ensure_topics
from pipeline.schema import RawArticle


def record(i: int) -> SourceRecord:
    article = RawArticle(
        article_id=uuid.uuid4().hex, url=f"https://bench.example/{i}", content_text="“We are ready,” Anna Smith said."
    )
    return SourceRecord(article.SerializeToString(), None, "newsflow.raw.v1", 0, i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, EmbeddedBroker() as broker, temp_database() as pg_url:
        settings = Settings(bootstrap_servers=broker.bootstrap_servers, data_dir=Path(tmp))
        ensure_topics(settings)
        sinks = SinkConfig(
            settings.quotes_topic,
            settings.deadletter_topic,
            producer_config(settings),
            Path(tmp) / "parquet",
            pg_url,
        )
        run_batch([record(0)], sinks)  # warm-up: builds the pipeline, opens producer and connection
        times = []
        try:
            for i in range(1, args.batches + 1):
                t0 = time.perf_counter()
                run_batch([record(i)], sinks)
                times.append(time.perf_counter() - t0)
        finally:
            close_sinks()  # while the broker and the database are still there
    times.sort()
    print(
        f"one-record micro-batch through topic + Parquet + PostgreSQL: "
        f"median {statistics.median(times) * 1000:.1f} ms, "
        f"p90 {times[int(0.9 * len(times))] * 1000:.1f} ms over {len(times)} batches"
    )


if __name__ == "__main__":
    main()
