"""What `newsflow run` and `newsflow job` print after a batch: its counts and its first quotes."""

from __future__ import annotations

from pathlib import Path

from pipeline.report import _quote_line, batch_report
from pipeline.results import BatchResult
from pipeline.schema import ArticleAnalysis, Quote
from pipeline.sinks.parquet import write_analyses_parquet


def _batch(tmp_path: Path, quotes: int) -> BatchResult:
    analysis = ArticleAnalysis(article_id="ab" * 16, url="https://x.example/a")
    for i in range(quotes):
        analysis.quotes.add(
            quote_id=f"q{i}", text=f"Quote number {i}", kind=Quote.KIND_DIRECT, speaker_name="Ada Byrne"
        )
    write_analyses_parquet(tmp_path, [analysis], name="batch1")
    return BatchResult("batch1", records=1, analysed=1, dead_letters=0, parquet_rows=quotes + 1, quotes=quotes)


def test_a_batch_shows_each_of_its_quotes(tmp_path: Path) -> None:
    lines = batch_report(_batch(tmp_path, 3), tmp_path, "quotes").splitlines()
    assert lines[0].startswith("batch batch1: 1 record -> 1 analysed")
    assert [line.split("“")[1] for line in lines[1:]] == [f"Quote number {i}”" for i in range(3)]
    assert "Ada Byrne" in lines[1] and "direct" in lines[1]


def test_a_long_batch_shows_the_first_quotes_then_how_many_more(tmp_path: Path) -> None:
    lines = batch_report(_batch(tmp_path, 25), tmp_path, "quotes", max_quotes=20).splitlines()
    assert len(lines) == 22 and lines[-1].startswith("  … and 5 more quotes in this batch")
    assert "Quote number 19" in lines[-2]


def test_quote_lines_keep_long_names_and_mark_cuts_and_nesting_apart() -> None:
    long_name = "Maria-Theresa Oyelaran-Castellanos"
    line = _quote_line(long_name, "", "direct", 'the plan was "a gift to nobody" … ' + "word " * 40, 60)
    assert long_name in line
    assert "“the plan was 'a gift to nobody' … word" in line
    assert line.endswith("characters]") and "[+" in line
    assert len(line.split("“")[1].split("”")[0]) <= 60


def test_exactly_the_limit_has_no_ellipsis(tmp_path: Path) -> None:
    lines = batch_report(_batch(tmp_path, 20), tmp_path, "quotes", max_quotes=20).splitlines()
    assert len(lines) == 21 and "Quote number 19" in lines[-1]
