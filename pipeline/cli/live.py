"""The long-lived commands: the reader and the job together (`run`), each alone (`ingest`, `job`),
and the embedded broker alone (`broker`)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Callable

import click

from pipeline import app
from pipeline.cli.base import data_dir_option, endpoint, feed_settings, main, with_common, with_feed_options
from pipeline.config import Settings
from pipeline.feeds.config import load_feeds
from pipeline.feeds.reader import PollStats
from pipeline.kafka.lag import caught_up
from pipeline.ops.metrics import serve as serve_metrics
from pipeline.ops.shutdown import Shutdown
from pipeline.plural import plural
from pipeline.report import batch_report, poll_line
from pipeline.results import BatchResult


def _echo_poll(stats: PollStats) -> None:
    click.echo(poll_line(stats))


def _echo_idle(due_in: float) -> None:
    minutes, secs = divmod(int(due_in), 60)
    click.echo(f"idle: next feed poll in {f'{minutes}m {secs:02d}s' if minutes else f'{secs}s'} (Ctrl-C stops)")


def _echo_batches(live: Settings) -> Callable[[BatchResult, float], None]:
    def echo(result: BatchResult, _seconds: float) -> None:
        click.echo(batch_report(result, live.parquet_dir, live.quotes_topic))

    return echo


@main.command()
@with_common
@with_feed_options
def run(once: bool, **options: Any) -> None:
    """Feed reader and Beam job together (the long-lived job). --once: poll, process, exit."""
    started = time.monotonic()
    settings = feed_settings(**options)
    feeds = load_feeds(settings.feeds_file)
    stop = threading.Event()
    shutdown = Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with endpoint(settings, stop, once) as live:
        parts = app.make_reader(live, stop)
        reader = parts.reader
        driver = app.make_driver(live, on_batch=_echo_batches(live))
        if live.started_broker:
            app.recover(live, reader, driver, click.echo)
        app.watch(driver, shutdown)
        click.echo(f"reading {len(feeds)} feeds from {settings.feeds_file}")
        first = reader.poll_isolated(feeds, _echo_poll)
        all_failed = bool(feeds) and first is not None and first.failed == len(feeds)
        if not once:
            click.echo(
                f"running until Ctrl-C; in another terminal: .venv/bin/newsflow subscribe --from-beginning "
                f"(topic {live.quotes_topic} on {live.bootstrap_servers})"
            )
        # the reader polls in its own thread: a slow feed server must not hold up the job's batches
        polling = threading.Thread(
            target=reader.poll_when_due, args=(feeds, stop, _echo_poll, _echo_idle, settings.heartbeat_s), daemon=True
        )
        if not once:
            polling.start()
        give_up_at = started + settings.once_timeout_s
        try:
            app.settle(driver)
            while not stop.is_set():
                result = driver.run_once()
                if once and result is None and caught_up(driver.consumer):
                    break
                if once and time.monotonic() > give_up_at:
                    raise click.ClickException(
                        f"--once: not caught up with {live.raw_topic} within {settings.once_timeout_s:g}s "
                        "(Kafka unreachable, or a backlog larger than that); NEWSFLOW_ONCE_TIMEOUT_S sets the limit"
                    )
        finally:
            shutdown.closing.set()
            stop.set()
            if polling.is_alive():
                polling.join(timeout=60)
            app.close_job(driver, shutdown)
            parts.close()
        click.echo(
            f"done in {time.monotonic() - started:.1f}s: {plural(driver.batches, 'batch')}; Parquet dataset in "
            f"{settings.parquet_dir}/ (tables articles, quotes, actors)"
        )
    if once and all_failed:
        raise click.ClickException(f"--once: every feed in {settings.feeds_file} failed (see the warnings above)")


@main.command()
@with_common
@with_feed_options
def ingest(once: bool, **options: Any) -> None:
    """Feed reader only: poll feeds when due and produce new articles to the raw topic."""
    settings = feed_settings(**options)
    serve_metrics(settings.metrics_port, settings.metrics_host)
    feeds = load_feeds(settings.feeds_file)
    stop = threading.Event()
    Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with endpoint(settings, stop, once) as live:
        parts = app.make_reader(live, stop)
        try:
            if not once:
                parts.reader.poll_when_due(feeds, stop, _echo_poll, _echo_idle, settings.heartbeat_s)
            elif (stats := parts.reader.poll_isolated(feeds, _echo_poll)) is None or stats.unsent:
                unsent = "the poll failed" if stats is None else f"{stats.unsent} new articles were not acknowledged"
                raise click.ClickException(f"ingest --once: {unsent}; the next poll sends them again")
        finally:
            parts.close()


@main.command()
@with_common
def job(bootstrap_servers: str | None, metrics_port: int | None, data_dir: Path | None) -> None:
    """Beam job only: consume the raw topic in micro-batches until stopped."""
    settings = app.settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir, metrics_port=metrics_port)
    stop = threading.Event()
    shutdown = Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with endpoint(settings, stop) as live:
        driver = app.make_driver(live, on_batch=_echo_batches(live))
        app.watch(driver, shutdown)
        try:
            app.settle(driver)
            driver.run_forever()
        finally:
            app.close_job(driver, shutdown)


@main.command()
@data_dir_option
def broker(data_dir: Path | None) -> None:
    """Run only the embedded broker (with topics) until interrupted; print its address (that of the
    one already running on --data-dir, if any)."""
    settings = app.settings(data_dir=data_dir)
    stop = threading.Event()
    Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with endpoint(settings, stop) as live:
        click.echo(f"broker ready: --bootstrap-servers {live.bootstrap_servers}")
        stop.wait()
