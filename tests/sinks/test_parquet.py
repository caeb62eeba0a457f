from pathlib import Path

import apache_beam as beam
import pyarrow.parquet as pq

from pipeline.schema import Appearance, ArticleAnalysis, Quote, Statement, Story
from pipeline.sinks.parquet import WriteParquetDataset
from pipeline.sinks.parquet_read import read_table


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


def test_compaction_merges_each_partition_into_one_file_and_is_idempotent(tmp_path: Path) -> None:
    import os
    import time

    from pipeline.sinks.parquet import compact

    _run(tmp_path, "b-1", [_analysis("a1", 0), _analysis("a2", 1)])
    time.sleep(0.01)
    newer = _analysis("a1", 0)
    newer.quotes[0].text = "Hello again"  # the same quote written later: the later row must win
    _run(tmp_path, "b-2", [newer, _analysis("a3", 0)])
    before = read_table(str(tmp_path), "quotes").to_pylist()  # a plain string path works too
    done = compact(tmp_path)
    assert (done.partitions, done.merged, done.files_before) == (6, 3, 6)  # day 0 of 3 tables had two files
    assert done.rows > done.rows_after  # the quote and actor of a1 were written twice
    for table in ("articles", "quotes", "actors"):
        for partition in (tmp_path / table).glob("date=*"):
            assert len(list(partition.glob("*.parquet"))) == 1
    assert read_table(tmp_path, "quotes").to_pylist() == before
    assert {q["quote_id"]: q["text"] for q in before}["q-a1"] == "Hello again"
    files = sorted((p, os.stat(p).st_mtime_ns) for p in tmp_path.rglob("*.parquet"))
    again = compact(tmp_path)
    assert (again.partitions, again.merged, again.rows) == (6, 0, done.rows_after)
    assert sorted((p, os.stat(p).st_mtime_ns) for p in tmp_path.rglob("*.parquet")) == files
    assert not list(tmp_path.rglob("*.tmp"))


def test_files_written_before_a_column_was_added_still_read(tmp_path: Path) -> None:
    import pyarrow as pa

    from pipeline.sinks.rows import SCHEMAS

    old_schema = pa.schema([f for f in SCHEMAS["articles"] if f.name != "detected_language"])
    (tmp_path / "articles" / "date=2026-11-18").mkdir(parents=True)
    pq.write_table(
        pa.Table.from_pylist([{"article_id": "old", "title": "t"}], schema=old_schema),
        tmp_path / "articles" / "date=2026-11-18" / "b-0.parquet",
    )
    _run(tmp_path, "b-1", [_analysis("a1", 0)])
    rows = {r["article_id"]: r for r in read_table(tmp_path, "articles").to_pylist()}
    assert rows["old"]["detected_language"] is None and "a1" in rows


def test_the_cue_class_is_a_column(tmp_path: Path) -> None:
    a = _analysis("a1", 0)
    a.quotes.add(quote_id="q-thinks", text="it will rain", kind=Quote.KIND_INDIRECT, cue_class=Quote.CUE_CLASS_STANCE)
    _run(tmp_path, "b-0", [a])
    rows = {r["quote_id"]: r["cue_class"] for r in read_table(tmp_path, "quotes").to_pylist()}
    assert rows == {"q-a1": "", "q-thinks": "stance"}


def _states(root: Path, batch: str, states: list[Statement | Story | Appearance]) -> None:
    with beam.Pipeline(argv=["--runner=FnApiRunner"]) as p:
        p | beam.Create(states) | WriteParquetDataset(root, batch, states=True)


def test_states_are_tables_and_the_highest_revision_is_read_whatever_was_written_last(tmp_path: Path) -> None:
    def statement(revision: int, count: int) -> Statement:
        st = Statement(statement_id="s-1", text="We will build it", appearance_count=count, revision=revision)
        st.first_seen.seen_at.FromSeconds(1_795_000_000)
        return st

    def story(revision: int, count: int, merged: str = "") -> Story:
        st = Story(story_id="t-1", title="Ferry", article_count=count, merged_into=merged, revision=revision)
        st.first_seen.FromSeconds(1_795_000_000 + 86_400)
        return st

    seen = Appearance(quote_id="q-1", statement_id="s-1", outlet="Harbour Post", text="We will build it", word_count=4)
    seen.seen_at.FromSeconds(1_795_000_000 + 2 * 86_400)
    _states(tmp_path, "b-2", [statement(5, 3), story(4, 2, merged="t-0"), statement(1, 1), seen])
    _states(tmp_path, "b-1", [statement(2, 2), story(1, 1)])  # a slower process's older states, written after
    [st] = read_table(tmp_path, "statements").to_pylist()
    [story_row] = read_table(tmp_path, "stories").to_pylist()
    assert (st["revision"], st["appearance_count"], st["date"]) == (5, 3, "2026-11-18")
    assert (story_row["revision"], story_row["article_count"], story_row["merged_into"]) == (4, 2, "t-0")
    assert story_row["date"] == "2026-11-19"
    [appearance] = read_table(tmp_path, "statement_appearances").to_pylist()
    assert (appearance["quote_id"], appearance["statement_id"], appearance["word_count"]) == ("q-1", "s-1", 4)
    assert appearance["outlet"] == "Harbour Post" and appearance["date"] == "2026-11-20"


def test_duckdb_query_from_the_readme(tmp_path: Path) -> None:
    """The README's DuckDB example, verbatim but for the path."""
    import re

    duckdb = __import__("pytest").importorskip("duckdb")
    _run(tmp_path, "b-1", [_analysis("a1", 0), _analysis("a2", 1)])
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S).group(1).replace("var/parquet", str(tmp_path))
    rows = duckdb.sql(query).fetchall()
    assert rows == [("Ann Lee", 2)]
