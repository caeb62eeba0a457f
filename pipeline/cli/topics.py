"""The one-shot commands that read the broker: `subscribe`, `deadletters`, `status`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from pipeline import app
from pipeline.cli.base import main, reachable_broker, with_kafka
from pipeline.ops.metrics import read_status
from pipeline.ops.status import group_lag, topic_size
from pipeline.plural import plural
from pipeline.runtime import discover_bootstrap
from pipeline.schema import json_line


@main.command()
@with_kafka
@click.option("--from-beginning", is_flag=True, help="every record on the topic, not only those written from now on")
@click.option("--group", "group_id", help="consumer group: committed offsets let a restart resume")
@click.option("--max", "max_records", type=int, help="exit after this many records")
@click.option("--exit-when-idle", type=float, help="exit after this many seconds without records")
def subscribe(
    bootstrap_servers: str | None,
    data_dir: Path | None,
    from_beginning: bool,
    group_id: str | None,
    max_records: int | None,
    exit_when_idle: float | None,
) -> None:
    """Print each ArticleAnalysis written to the output topic from now on (every one with
    --from-beginning) as one JSON line (docs/cli.md)."""
    from pipeline.client import subscribe as records

    settings = app.settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    servers = reachable_broker(settings)
    start = (
        "from the beginning"
        if from_beginning
        else f"as group {group_id}: where it stopped, else from now"
        if group_id
        else "from now (--from-beginning for the records before)"
    )

    def started() -> None:
        click.echo(f"reading {settings.quotes_topic} on {servers} {start}", err=True)

    for n, analysis in enumerate(
        records(
            servers,
            group_id=group_id,
            from_beginning=from_beginning,
            settings=settings,
            idle_timeout_s=exit_when_idle,
            on_start=started,
        ),
        1,
    ):
        click.echo(json_line(analysis))
        sys.stdout.flush()
        if max_records and n >= max_records:
            break


@main.command()
@with_kafka
@click.option(
    "--stage", "stages", multiple=True, help="only this stage (fetch, parse, normalise, decode, …); repeatable"
)
@click.option("--since", help="only newer ones: a duration (30m, 2h, 7d) or an ISO date")
@click.option("--json", "as_json", is_flag=True, help="one DeadLetter record per line as JSON")
def deadletters(
    bootstrap_servers: str | None, data_dir: Path | None, stages: tuple[str, ...], since: str | None, as_json: bool
) -> None:
    """What failed: when, stage, reason, source and the start of the raw bytes. Reads the dead-letter
    topic (of --bootstrap-servers, or of the running embedded broker) and the Parquet dead_letters
    table of --data-dir (runs without a broker, such as a backfill, write there), oldest first."""
    from pipeline.client import read_topic
    from pipeline.ops.deadletters import Filter, describe, from_parquet, parse_since
    from pipeline.schema import DeadLetter

    try:
        keep = Filter(frozenset(stages), parse_since(since) if since else None)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    settings = app.settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    stored = list(from_parquet(settings.parquet_dir))
    servers = reachable_broker(settings) if settings.bootstrap_servers else discover_bootstrap(settings)
    on_topic: list[DeadLetter] = []
    if servers:
        live = settings.model_copy(update={"bootstrap_servers": servers})
        on_topic = list(
            read_topic(
                live, live.deadletter_topic, DeadLetter, from_beginning=True, stop_when_caught_up=True, idle_timeout_s=5
            )
        )
    records = sorted(stored + on_topic, key=lambda dl: dl.failed_at.ToNanoseconds())
    shown = 0
    for record in filter(keep.keep, records):
        click.echo(json_line(record) if as_json else describe(record))
        shown += 1
    if not as_json:
        topic = (
            f"{len(on_topic)} on {settings.deadletter_topic} at {servers}"
            if servers
            else "no broker running, so none from the topic"
        )
        click.echo(
            f"{plural(shown, 'dead letter')} shown"
            + (" (filtered)" if stages or since else "")
            + f": {topic}, {len(stored)} in {settings.parquet_dir}/dead_letters"
        )


@main.command()
@with_kafka
def status(bootstrap_servers: str | None, data_dir: Path | None) -> None:
    """Consumer lag, last batch and dead-letter count of the job."""
    settings = app.settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    servers = reachable_broker(settings)
    live = settings.model_copy(update={"bootstrap_servers": servers})
    lag = group_lag(live)
    click.echo(f"broker {servers}, group {live.group_id}, topic {live.raw_topic}")
    for part in sorted(lag.committed):
        end = lag.end.get(part)
        behind = "?" if end is None else max(0, end - lag.committed[part])
        click.echo(f"  partition {part}: committed {lag.committed[part]}, end {end}, lag {behind}")
    click.echo(f"lag: {lag.total} records")
    click.echo(
        f"dead letters on {live.deadletter_topic}: {topic_size(live, live.deadletter_topic)} "
        "(reader and job, every stage, since the topic was created; `newsflow deadletters` lists them)"
    )
    job = read_status(live.status_file)
    if job is None:
        click.echo(f"last batch: none recorded in {live.status_file}")
    else:
        age = time.time() - job.last_batch_at
        click.echo(
            f"last batch: {age:.0f}s ago ({job.last_batch_seconds:.2f}s)"
            + (f" by process {job.pid}" if job.pid else "")
            + "; since that process started: "
            f"{plural(job.batches, 'batch')}, {job.records} records, {job.analysed} analysed, "
            f"{job.dead_letters} dead letters (job stages only)"
        )
