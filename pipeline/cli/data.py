"""The commands on stored data and single texts: `backfill`, `extract`, `compact`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import click

from pipeline import app
from pipeline.beam.batch import close_sinks
from pipeline.cli.base import data_dir_option, main
from pipeline.kafka.topics import ensure_topics
from pipeline.plural import plural
from pipeline.schema import json_line


@main.command()
@click.option(
    "--bootstrap-servers",
    help="also write the output and dead-letter topics on these Kafka servers; unset = Parquet and PostgreSQL only "
    "(dead letters to Parquet)",
)
@data_dir_option
@click.argument("paths", nargs=-1, required=True)
@click.option("--chunk", default=5000, show_default=True, help="articles per pipeline run (and per resume point)")
@click.option("--workers", default=2, show_default=True, help="Beam worker processes")
@click.option(
    "--portable",
    is_flag=True,
    help="run it as the portable Beam pipeline (as on a cluster): PATHS may be patterns and s3:// or gs:// URLs; "
    "no resume database, a rerun rewrites the same rows",
)
def backfill(
    bootstrap_servers: str | None,
    data_dir: Path | None,
    paths: tuple[str, ...],
    chunk: int,
    workers: int,
    portable: bool,
) -> None:
    """Replay archived feeds (archive dirs, WARC files, feed files) through the pipeline, in batch.

    Writes Parquet and PostgreSQL like the live job, and the output topic when --bootstrap-servers
    is given. Safe to re-run and to kill: finished documents are recorded and skipped, and a rerun
    with nothing new says so and exits 0. Paths holding no feed at all exit 1."""
    from pipeline.beam import backfill as bf

    for path in paths:
        if not (portable and ("://" in path or any(c in path for c in "*?["))) and not Path(path).exists():
            raise click.BadParameter(f"{path!r} does not exist", param_hint="PATHS")
    settings = app.settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    if settings.bootstrap_servers:
        ensure_topics(settings)
    else:
        click.echo("no --bootstrap-servers: writing Parquet and PostgreSQL only (dead letters: newsflow deadletters)")
    sinks = app.sink_config(settings, kafka=bool(settings.bootstrap_servers))
    argv = [*paths, "--chunk", str(chunk), "--workers", str(workers), *(["--portable"] if portable else [])]
    summary = bf.run(argv, sinks, settings.data_dir)
    close_sinks()
    click.echo(summary.line())
    if summary.nothing_usable:
        found = (
            f"no feed in {plural(summary.documents, 'document')} (each a dead letter: newsflow deadletters)"
            if summary.documents
            else "no files"
        )
        raise click.ClickException(
            f"backfill {' '.join(paths)}: {found}; give an archive directory (var/archive), WARC files "
            "(.warc, .warc.gz) or RSS, Atom or JSON Feed files"
        )


@main.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--lang", help="language of the text (ISO 639-1); detected from the text by default")
@click.option("--json", "as_json", is_flag=True, help="print the ArticleAnalysis record as one JSON line")
def extract(source: Any, lang: str | None, as_json: bool) -> None:
    """Quotes, speakers and actors of one text (a file, or - for standard input), as the job finds them."""
    from pipeline.analysis import MAX_TEXT_CHARS, analyse_article
    from pipeline.budget import BudgetExceeded
    from pipeline.report import extraction_report
    from pipeline.schema import RawArticle
    from pipeline.storable import storable

    text = storable(source.read())
    article = RawArticle(article_id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:32], content_text=text)
    if lang:
        article.language = article.detected_language = lang
    if len(text) > MAX_TEXT_CHARS:
        click.echo(f"note: the text is cut to its first {MAX_TEXT_CHARS:,} characters, as the job cuts it", err=True)
    try:
        analysis = analyse_article(article, budget_s=app.settings().extract_budget_s)
    except BudgetExceeded as exc:
        raise click.ClickException(f"not analysed: {exc} (the job makes such an article a dead letter)") from exc
    click.echo(json_line(analysis) if as_json else extraction_report(analysis))


@main.command()
@data_dir_option
@click.option("--table", "tables", multiple=True, help="only this table (articles, quotes, actors, dead_letters)")
def compact(data_dir: Path | None, tables: tuple[str, ...]) -> None:
    """Merge the small Parquet files of each date partition into one (one row per key). Idempotent."""
    from pipeline.sinks.parquet import compact as run_compact
    from pipeline.sinks.parquet_read import KEYS

    unknown = set(tables) - set(KEYS)
    if unknown:
        raise click.UsageError(f"--table {', '.join(sorted(unknown))}: the tables are {', '.join(KEYS)}")
    settings = app.settings(data_dir=data_dir)
    if not settings.parquet_dir.is_dir():
        raise click.ClickException(
            f"no Parquet dataset in {settings.parquet_dir}/: nothing was stored under --data-dir {settings.data_dir}"
        )
    done = run_compact(settings.parquet_dir, tables or tuple(KEYS))
    merged = (
        f"merged {plural(done.merged, 'partition')} of several files: {done.files_before} files -> {done.merged}"
        if done.merged
        else "each already one file"
    )
    click.echo(
        f"compact {settings.parquet_dir}: {plural(done.partitions, 'date partition')}, "
        f"{plural(done.rows, 'row')} -> {done.rows_after:,} (one per key); {merged}"
    )
