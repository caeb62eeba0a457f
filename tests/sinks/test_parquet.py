from pathlib import Path

import apache_beam as beam
import pyarrow.parquet as pq

from pipeline.schema import ArticleAnalysis, Quote
from pipeline.sinks.parquet import WriteParquetDataset, read_table


def _analysis(article: str, day: int) -> ArticleAnalysis:
    a = ArticleAnalysis(article_id=article, url=f"https://x.example/{article}", extractor_version="t")
    a.published_at.FromSeconds(1_795_000_000 + day * 86_400)
    a.quotes.add(quote_id=f"q-{article}", text="Hello there", speaker_name="Ann Lee", kind=Quote.KIND_DIRECT)
    a.actors.add(actor_id=f"x-{article}", canonical_name="Ann Lee", mention_count=1, titles=["Mayor"])
    return a


def _run(root: Path, batch: str, analyses: list[ArticleAnalysis]) -> None:
    with beam.Pipeline(argv=["--runner=FnApiRunner"]) as p:
        p | beam.Create(analyses) | WriteParquetDataset(root, batch)


def test_partitioned_by_date_and_idempotent_per_batch(tmp_path: Path) -> None:
    analyses = [_analysis("a1", 0), _analysis("a2", 1)]
    _run(tmp_path, "b-1", analyses)
    _run(tmp_path, "b-1", analyses)  # a re-run batch (crash before commit) overwrites its own files
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet"))
    assert len(files) == 6 and all(f.endswith("/b-1.parquet") for f in files)
    assert {f.split("/")[1] for f in files} == {"date=2026-11-18", "date=2026-11-19"}
    quotes = read_table(tmp_path, "quotes")
    assert sorted(quotes.column("quote_id").to_pylist()) == ["q-a1", "q-a2"]
    assert read_table(tmp_path, "actors").column("titles").to_pylist() == [["Mayor"], ["Mayor"]]
    assert not list(tmp_path.rglob("*.tmp"))


def test_read_dedupes_overlapping_batches(tmp_path: Path) -> None:
    _run(tmp_path, "b-1", [_analysis("a1", 0)])
    _run(tmp_path, "b-2", [_analysis("a1", 0), _analysis("a3", 0)])  # a1 again in a differently cut batch
    raw_rows = sum(pq.read_table(p).num_rows for p in (tmp_path / "quotes").rglob("*.parquet"))
    assert raw_rows == 3
    assert sorted(read_table(tmp_path, "quotes").column("quote_id").to_pylist()) == ["q-a1", "q-a3"]
