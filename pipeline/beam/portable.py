"""The same transforms on a distributed runner (Flink, Spark, Dataflow): Beam's cross-language Kafka
IO as source and sink instead of the local micro-batch driver.

    python -m pipeline.beam.portable --runner=FlinkRunner --flink_master=host:8081 \\
        --kafka_bootstrap_servers=kafka:9092 --postgres_url=postgresql://… --setup_file=./setup.py

ReadFromKafka/WriteToKafka are expanded by a Java expansion service at construction time, so this
module needs Java (or --expansion_service) and cannot run on the offline development machines;
`newsflow job` runs the identical Analyse transform locally. Offsets are committed when a bundle is
finalised (commit_offset_in_finalize), so delivery stays at-least-once and the id-keyed sinks stay
effectively-once.
"""

from __future__ import annotations

from typing import Any, Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.transforms.trigger import AccumulationMode, AfterCount, AfterWatermark
from apache_beam.transforms.window import FixedWindows
from apache_beam.utils.timestamp import Duration

from pipeline.beam.records import SourceRecord
from pipeline.beam.transforms import Analyse, Encode
from pipeline.sinks.parquet import WriteParquetDataset
from pipeline.sinks.postgres import WriteToPostgres


class NewsflowOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser: Any) -> None:
        # (no required=True: PipelineOptions subclasses are global, a required flag breaks every other parse)
        parser.add_argument("--kafka_bootstrap_servers", default="")
        parser.add_argument("--raw_topic", default="newsflow.raw.v1")
        parser.add_argument("--quotes_topic", default="newsflow.quotes.v1")
        parser.add_argument("--deadletter_topic", default="newsflow.deadletter.v1")
        parser.add_argument("--group_id", default="newsflow-job")
        parser.add_argument("--postgres_url", default=None)
        parser.add_argument("--parquet_root", default=None, help="a filesystem path the workers share")
        parser.add_argument("--parquet_window_s", type=int, default=60)
        parser.add_argument(
            "--kafka_security",
            default="",
            help="extra client properties, e.g. security.protocol=SASL_SSL;sasl.mechanism=PLAIN",
        )


def to_source_record(record: Any) -> SourceRecord:
    """ReadFromKafka(with_metadata=True) yields rows with topic/partition/offset/key/value."""
    return SourceRecord(
        getattr(record, "value", None),
        getattr(record, "key", None),
        getattr(record, "topic", ""),
        int(getattr(record, "partition", -1)),
        int(getattr(record, "offset", -1)),
    )


def client_properties(opts: NewsflowOptions) -> dict[str, str]:
    props = {"bootstrap.servers": opts.kafka_bootstrap_servers}
    for item in filter(None, opts.kafka_security.split(";")):
        key, _, value = item.partition("=")
        props[key.strip()] = value.strip()
    return props


def build(p: beam.Pipeline, opts: NewsflowOptions) -> None:
    from apache_beam.io.kafka import ReadFromKafka, WriteToKafka  # needs Java at construction time

    props = client_properties(opts)
    records = (
        p
        | "ReadRaw"
        >> ReadFromKafka(
            consumer_config={**props, "group.id": opts.group_id},
            topics=[opts.raw_topic],
            commit_offset_in_finalize=True,
            with_metadata=True,
        )
        | "ToSourceRecord" >> beam.Map(to_source_record)
    )
    analyses, dead = records | "Analyse" >> Analyse()
    analyses | "EncodeAnalyses" >> Encode() | "ToQuotesTopic" >> WriteToKafka(props, opts.quotes_topic)
    dead | "EncodeDeadLetters" >> Encode() | "ToDeadLetterTopic" >> WriteToKafka(props, opts.deadletter_topic)
    if opts.postgres_url:
        analyses | "ToPostgres" >> WriteToPostgres(opts.postgres_url)
    if opts.parquet_root:
        (
            analyses
            | "ParquetWindows"
            >> beam.WindowInto(
                FixedWindows(opts.parquet_window_s),
                trigger=AfterWatermark(late=AfterCount(1)),
                allowed_lateness=Duration(seconds=6 * 3600),
                accumulation_mode=AccumulationMode.DISCARDING,
            )
            | "ToParquet" >> WriteParquetDataset(opts.parquet_root, windowed=True)
        )


def run(argv: Sequence[str] | None = None) -> None:
    options = PipelineOptions(argv)
    if not options.view_as(NewsflowOptions).kafka_bootstrap_servers:
        raise SystemExit("--kafka_bootstrap_servers is required")
    options.view_as(StandardOptions).streaming = True
    with beam.Pipeline(options=options) as p:
        build(p, options.view_as(NewsflowOptions))


if __name__ == "__main__":
    run()
