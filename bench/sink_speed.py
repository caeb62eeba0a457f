"""Per-batch cost of each sink on the same analysed batch, one at a time, outside Beam and Kafka:

    .venv/bin/python -m bench.sink_speed [--batch 500] [--repeat 5]

Analyses --batch PolNeAR dev articles (4.9 kB on average; the example feeds when absent), then
times, median of --repeat runs (fresh article ids each run, and once more as an upsert of the same
ids): the PostgreSQL write into a temporary database, the Parquet write (all tables of the batch),
the Parquet write of the batch's statement appearances (one per quote, as the statements' state
emits them), and the protobuf encode for the output topic. Prints milliseconds per batch and per article.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable

import psycopg
from google.protobuf.timestamp_pb2 import Timestamp

from bench.lib.corpora import corpus
from bench.lib.stack import temp_database
from pipeline.analysis import analyse_article
from pipeline.schema import Appearance, ArticleAnalysis, RawArticle
from pipeline.sinks.parquet import write_analyses_parquet, write_tables
from pipeline.sinks.postgres import write_analyses
from pipeline.sinks.rows import state_tables


def analysed(batch: int) -> list[ArticleAnalysis]:
    texts = corpus("polnear")
    raw = [
        RawArticle(article_id=uuid.uuid4().hex, url=f"https://b/{i}", content_text=texts[i % len(texts)])
        for i in range(batch)
    ]
    return [analyse_article(r) for r in raw]


def with_new_ids(batch: list[ArticleAnalysis]) -> list[ArticleAnalysis]:
    """The same analyses under fresh article and quote ids: an insert, not an upsert."""
    out = []
    for a in batch:
        b = ArticleAnalysis()
        b.CopyFrom(a)
        b.article_id = uuid.uuid4().hex
        for q in b.quotes:
            q.quote_id = uuid.uuid4().hex
        out.append(b)
    return out


def appearances(batch: list[ArticleAnalysis]) -> list[Appearance]:
    """One appearance per quote, as the statements' state emits it for a quote it stored."""
    out = []
    for a in batch:
        for q in a.quotes:
            seen = Timestamp(seconds=1_795_000_000)
            out.append(
                Appearance(
                    article_id=a.article_id,
                    quote_id=q.quote_id,
                    url=a.url,
                    seen_at=seen,
                    statement_id=q.quote_id,
                    text=q.text,
                    word_count=len(q.text.split()),
                    speaker_mention=q.speaker_mention,
                )
            )
    return out


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    batch = analysed(args.batch)
    rows = sum(1 + len(a.quotes) + len(a.actors) for a in batch)
    print(f"batch: {len(batch)} analysed articles, {rows:,} table rows; median of {args.repeat} runs")

    def line(label: str, seconds: float) -> None:
        print(f"{label:<34} {seconds * 1000:8.1f} ms/batch  {seconds * 1e6 / len(batch):8.0f} µs/article")

    with temp_database() as url, psycopg.connect(url) as conn:
        fresh = [with_new_ids(batch) for _ in range(args.repeat)]
        line("PostgreSQL insert", timed(lambda: write_analyses(conn, fresh.pop()), args.repeat))
        write_analyses(conn, batch)
        line("PostgreSQL upsert (same ids)", timed(lambda: write_analyses(conn, batch), args.repeat))
    with tempfile.TemporaryDirectory() as tmp:
        line("Parquet (articles, quotes, actors)", timed(lambda: write_analyses_parquet(Path(tmp), batch), args.repeat))
        seen = appearances(batch)
        line("Parquet statement appearances", timed(lambda: write_tables(tmp, state_tables(seen), None), args.repeat))
    line("protobuf encode (output topic)", timed(lambda: [a.SerializeToString() for a in batch], args.repeat))


if __name__ == "__main__":
    main()
