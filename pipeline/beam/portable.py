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

import argparse
import re
import sys
from typing import Any, Callable, Sequence

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from pipeline.beam.outputs import Outputs, ParquetFiles, Topics, WriteOutputs
from pipeline.beam.records import SourceRecord
from pipeline.beam.transforms import Analyse
from pipeline.config import Settings


class NewsflowOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser: Any) -> None:
        # (no required=True: PipelineOptions subclasses are global, a required flag breaks every other parse)
        default = {name: field.default for name, field in Settings.model_fields.items()}
        parser.add_argument("--kafka_bootstrap_servers", default="", help="host:port[,…] of the Kafka cluster")
        for topic in ("raw_topic", "quotes_topic", "deadletter_topic", "statements_topic"):
            parser.add_argument(f"--{topic}", default=default[topic], help="[default: %(default)s]")
        parser.add_argument("--group_id", default=default["group_id"], help="consumer group [default: %(default)s]")
        parser.add_argument(
            "--postgres_url",
            default=None,
            help="write PostgreSQL too, and keep the statements' state there (postgresql://…)",
        )
        parser.add_argument(
            "--no_statements", action="store_true", help="do not assign statements across outlets (see docs/design.md)"
        )
        parser.add_argument(
            "--parquet_root", default=None, help="write Parquet too, under a path all workers share, s3:// or gs://"
        )
        parser.add_argument(
            "--parquet_window_s", type=int, default=60, help="seconds of records per Parquet file [default: 60]"
        )
        parser.add_argument(
            "--kafka_property",
            action="append",
            default=[],
            help='a client property KEY=VALUE, passed intact (repeat it), e.g. sasl.jaas.config="… required '
            'username=… password=…;"',
        )
        parser.add_argument(
            "--kafka_security",
            default="",
            help="several properties at once, KEY=VALUE;KEY=VALUE (a ';' ends a property only when a KEY= follows)",
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


# a property ends at a ';' followed by the next "key=" (a JAAS config contains ';' and ends with one)
_NEXT_PROPERTY = re.compile(r";(?=\s*[A-Za-z][\w.-]*=)")


def client_properties(opts: NewsflowOptions) -> dict[str, str]:
    props = {"bootstrap.servers": opts.kafka_bootstrap_servers}
    items = [*_NEXT_PROPERTY.split(opts.kafka_security), *opts.kafka_property]
    for item in filter(str.strip, items):
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"client property {item!r} is not KEY=VALUE")
        key, value = key.strip(), value.strip()
        if key == "sasl.jaas.config" and value and not value.endswith(";"):
            value += ";"  # a JAAS entry ends with ';' (the separator before the next property took it)
        props[key] = value
    return props


def kafka_io(opts: NewsflowOptions) -> tuple[beam.PTransform[Any, Any], Callable[[str], beam.PTransform[Any, Any]]]:
    """Beam's cross-language Kafka IO: the source of SourceRecords, and a sink per topic."""
    from apache_beam.io.kafka import ReadFromKafka  # needs Java at construction time

    props = client_properties(opts)
    read = ReadFromKafka(
        consumer_config={**props, "group.id": opts.group_id},
        topics=[opts.raw_topic],
        commit_offset_in_finalize=True,
        with_metadata=True,
    ) | "ToSourceRecord" >> beam.Map(to_source_record).with_output_types(SourceRecord)
    return read, kafka_sink(props)


def kafka_sink(props: dict[str, str]) -> Callable[[str], beam.PTransform[Any, Any]]:
    """A cross-language WriteToKafka per topic (reads Tuple[bytes, bytes], as Encode gives)."""
    from apache_beam.io.kafka import WriteToKafka  # needs Java at expansion time

    return lambda topic: WriteToKafka(props, topic)


def build(
    p: beam.Pipeline,
    opts: NewsflowOptions,
    io: tuple[beam.PTransform[Any, Any], Callable[[str], beam.PTransform[Any, Any]]] | None = None,
) -> None:
    """The streaming pipeline. io: the Kafka source and the sink factory, Beam's cross-language
    Kafka IO by default; tests pass others (the seam replaces only the Kafka read and write)."""
    read, write = io or kafka_io(opts)
    parquet = ParquetFiles(opts.parquet_root, window_s=opts.parquet_window_s) if opts.parquet_root else None
    (
        p
        | "ReadRaw" >> read
        | "Analyse" >> Analyse()
        | "Outputs"
        >> WriteOutputs(
            Outputs(
                opts.postgres_url,
                parquet,
                Topics(opts.quotes_topic, opts.deadletter_topic, write, opts.statements_topic),
                not opts.no_statements,
            )
        )
    )


def print_help_if_asked(argv: Sequence[str] | None, doc: str, *views: type[PipelineOptions]) -> None:
    """-h/--help: this module's own flags (PipelineOptions' parser would show only -h) and a word
    on Beam's flags, which are accepted too; then exit 0."""
    args = sys.argv[1:] if argv is None else list(argv)
    if "-h" not in args and "--help" not in args:
        return
    parser = argparse.ArgumentParser(
        prog=f"python -m {_module_name(views[-1])}",
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Beam's own options are accepted too: --runner, --streaming, --setup_file, --flink_master, "
        "--project, --region, --temp_location, --direct_num_workers, … (see deploy/README.md).",
    )
    for view in views:
        view._add_argparse_args(parser)  # type: ignore[arg-type]  # Beam's parser only adds value providers
    parser.print_help()
    raise SystemExit(0)


def _module_name(view: type[PipelineOptions]) -> str:
    """The name `python -m` runs a module by (its __name__ is __main__ then)."""
    spec = sys.modules[view.__module__].__spec__
    return spec.name if spec else view.__module__


def run(argv: Sequence[str] | None = None) -> None:
    print_help_if_asked(argv, (__doc__ or "").split("\n\n")[0], NewsflowOptions)
    options = PipelineOptions(argv)
    opts = options.view_as(NewsflowOptions)
    if not opts.kafka_bootstrap_servers:
        raise SystemExit("--kafka_bootstrap_servers is required")
    try:
        client_properties(opts)  # a malformed property is a one-line error here, not a traceback later
    except ValueError as exc:
        raise SystemExit(f"Error: {exc}") from None
    options.view_as(StandardOptions).streaming = True
    with beam.Pipeline(options=options) as p:
        build(p, opts)


if __name__ == "__main__":
    run()
