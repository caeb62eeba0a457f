"""The Parquet sink under streaming windows (the portable pipeline's path), with TestStream on the
BundleBasedDirectRunner: on-time and late panes land in separate files, nothing is overwritten."""

from pathlib import Path

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.testing.test_stream import TestStream
from apache_beam.transforms.trigger import AccumulationMode, AfterCount, AfterWatermark
from apache_beam.transforms.window import FixedWindows, TimestampedValue
from apache_beam.utils.timestamp import Duration

from pipeline.schema import ArticleAnalysis
from pipeline.sinks.parquet import WriteParquetDataset
from pipeline.sinks.parquet_read import read_table


def _a(n: int) -> ArticleAnalysis:
    a = ArticleAnalysis(article_id=f"{n:032x}", url=f"https://x.example/{n}")
    a.published_at.FromSeconds(1_795_000_000)
    return a


def test_on_time_and_late_panes_are_separate_files(tmp_path: Path) -> None:
    stream = (
        TestStream()
        .add_elements([TimestampedValue(_a(1), 10), TimestampedValue(_a(2), 20)])
        .advance_watermark_to(100)
        .add_elements([TimestampedValue(_a(3), 30)])  # late for window [0, 60)
        .advance_watermark_to_infinity()
    )
    options = PipelineOptions(["--runner=BundleBasedDirectRunner"])
    options.view_as(StandardOptions).streaming = True
    with beam.Pipeline(options=options) as p:
        (
            p
            | stream
            | beam.WindowInto(
                FixedWindows(60),
                trigger=AfterWatermark(late=AfterCount(1)),
                allowed_lateness=Duration(seconds=3600),
                accumulation_mode=AccumulationMode.DISCARDING,
            )
            | WriteParquetDataset(tmp_path, windowed=True)
        )
    names = sorted(p.name for p in (tmp_path / "articles").rglob("*.parquet"))
    assert names == ["w-0-60-p0.parquet", "w-0-60-p1.parquet"]
    assert sorted(read_table(tmp_path, "articles").column("article_id").to_pylist()) == [f"{n:032x}" for n in (1, 2, 3)]
