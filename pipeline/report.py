"""Human-readable output for `newsflow run`: what a batch wrote and where."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.beam.batch import BatchResult
from pipeline.feeds.reader import PollStats


def poll_line(stats: PollStats) -> str:
    return (
        f"feeds: {stats.feeds} polled ({stats.not_modified} not modified), {stats.entries} entries, "
        f"{stats.new_articles} new articles, "
        f"{stats.duplicates} already seen, {stats.dead_letters} dead letters"
    )


def batch_report(result: BatchResult, parquet_root: Path, topic: str, max_quotes: int = 20) -> str:
    lines = [
        f"batch {result.batch_id}: {result.records} records -> {result.analysed} analysed, "
        f"{result.dead_letters} dead letters, {result.parquet_rows} Parquet rows, "
        f"{result.postgres_rows} PostgreSQL rows "
        f"(topic {topic}, files {parquet_root}/*/date=*/{result.batch_id}.parquet)"
    ]
    files = sorted(parquet_root.glob(f"quotes/date=*/{result.batch_id}.parquet"))
    shown = 0
    for path in files:
        for row in pq.read_table(path, columns=["speaker_name", "speaker_mention", "text", "kind"]).to_pylist():
            if shown == max_quotes:
                lines.append("  ...")
                return "\n".join(lines)
            speaker = row["speaker_name"] or "(unattributed)"
            quote = textwrap.shorten(row["text"], 110, placeholder=" …")
            lines.append(f"  {speaker:<22} {row['kind']:<8} “{quote}”")
            shown += 1
    return "\n".join(lines)
