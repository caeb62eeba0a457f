"""Human-readable output for `newsflow run`: what a batch wrote and where."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from pipeline.feeds.reader import PollStats
from pipeline.plural import plural
from pipeline.results import BatchResult
from pipeline.schema import ArticleAnalysis, Quote
from pipeline.sinks.rows import TYPE_NAMES


def poll_line(stats: PollStats) -> str:
    return (
        f"feeds: {stats.feeds} polled ({stats.not_modified} not modified, {stats.failed} failed), "
        f"{plural(stats.entries, 'entry')}, {plural(stats.new_articles, 'new article')}, "
        f"{stats.duplicates} already seen, {plural(stats.dead_letters, 'dead letter')}"
    )


_SPEAKER_WIDTH = 24  # the column's width; a longer name is shown whole and pushes its line right
_INNER_MARKS = str.maketrans({"“": "‘", "”": "’", '"': "'", "„": "‚", "«": "‹", "»": "›"})


def _quote_line(speaker_name: str, speaker_mention: str, kind: str, text: str, width: int | None = None) -> str:
    """One quote on one line: the resolved speaker, else the phrase the text names ("engineers").
    The quote is set in double marks, so its own double marks become single ones; " … " inside it
    is where its attribution interrupted it. With `width`, a longer quote is cut at a word and
    says how much is left out."""
    speaker = speaker_name or (f"({speaker_mention})" if speaker_mention else "(unattributed)")
    quote = " ".join(text.split()).translate(_INNER_MARKS)
    rest = ""
    if width is not None and len(quote) > width:
        shown = quote[: width + 1].rsplit(" ", 1)[0] if " " in quote[:width] else quote[:width]
        rest = f" [+{len(quote) - len(shown):,} characters]"
        quote = shown
    return f"  {speaker:<{_SPEAKER_WIDTH}} {kind:<8} “{quote}”{rest}"


def extraction_report(analysis: ArticleAnalysis) -> str:
    """`newsflow extract`: the quotes, then the actors, of one text."""
    kinds = {Quote.KIND_DIRECT: "direct", Quote.KIND_PARTIAL: "partial", Quote.KIND_INDIRECT: "indirect"}
    lang = analysis.detected_language or analysis.language or "unknown"
    lines = [f"language: {lang}; {plural(len(analysis.quotes), 'quote')}, {plural(len(analysis.actors), 'actor')}"]
    lines.append("quotes:")
    lines += [_quote_line(q.speaker_name, q.speaker_mention, kinds.get(q.kind, ""), q.text) for q in analysis.quotes]
    lines.append("actors:")
    for a in analysis.actors:
        kind = TYPE_NAMES[a.type]
        extra = "; ".join(
            part for part in (", ".join(a.titles), "also " + ", ".join(a.aliases) if a.aliases else "") if part
        )
        lines.append(f"  {kind:<12} {a.canonical_name}" + (f"  ({extra})" if extra else ""))
    return "\n".join(lines)


def batch_report(result: BatchResult, parquet_root: Path, topic: str, max_quotes: int = 20) -> str:
    lines = [
        f"batch {result.batch_id}: {plural(result.records, 'record')} -> {result.analysed} analysed, "
        f"{plural(result.dead_letters, 'dead letter')}, {plural(result.parquet_rows, 'Parquet row')}, "
        f"{plural(result.postgres_rows, 'PostgreSQL row')} "
        f"(topic {topic}, files {parquet_root}/*/date=*/{result.batch_id}.parquet)"
    ]
    files = sorted(parquet_root.glob(f"quotes/date=*/{result.batch_id}.parquet"))
    shown = 0
    for path in files:
        for row in _quotes_of(path, max_quotes - shown):
            lines.append(_quote_line(row["speaker_name"], row["speaker_mention"], row["kind"], row["text"], 100))
            shown += 1
    if result.quotes > shown:
        lines.append(
            f"  … and {plural(result.quotes - shown, 'more quote')} in this batch "
            "(all of them: newsflow subscribe, or the Parquet files above)"
        )
    return "\n".join(lines)


def _quotes_of(path: Path, limit: int) -> list[dict[str, str]]:
    """The first `limit` quotes of a batch file, read by one thread: pq.read_table goes through
    Arrow's dataset layer and thread pools, which left a job process larger (docs/design.md, memory)."""
    columns = ["speaker_name", "speaker_mention", "text", "kind"]
    rows: list[dict[str, str]] = []
    if limit <= 0:
        return rows
    for batch in pq.ParquetFile(path).iter_batches(batch_size=limit, columns=columns, use_threads=False):
        rows += batch.to_pylist()[: limit - len(rows)]
        if len(rows) == limit:
            break
    return rows
