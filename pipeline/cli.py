"""`newsflow` command line. Flags override NEWSFLOW_* env vars (pipeline.config.Settings)."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import click
import psycopg

from pipeline.beam.batch import SinkConfig, close_sinks
from pipeline.beam.streaming import DriverConfig, MicroBatchDriver
from pipeline.config import Settings
from pipeline.feeds.archive import Archive
from pipeline.feeds.config import FeedListError, FeedSpec, load_feeds, resolve_feed_list
from pipeline.feeds.reader import FeedReader, PollStats
from pipeline.feeds.recovery import Checkpoint, replay_since
from pipeline.feeds.schedule import Policy
from pipeline.feeds.state import ReaderState
from pipeline.kafka.client import (
    BrokerUnreachable,
    make_consumer,
    make_producer,
    probe_broker,
    sink_producer_config,
)
from pipeline.kafka.lag import caught_up
from pipeline.kafka.topics import BrokerUnavailable, ensure_topics
from pipeline.ops import redact
from pipeline.ops.collector import freeze_startup_heap, tune_collector
from pipeline.ops.metrics import BatchRecorder, read_status
from pipeline.ops.metrics import serve as serve_metrics
from pipeline.ops.shutdown import Shutdown
from pipeline.ops.status import group_lag, topic_size
from pipeline.plural import plural
from pipeline.report import batch_report, poll_line
from pipeline.results import BatchResult
from pipeline.runtime import discover_bootstrap, kafka_endpoint, storage_url
from pipeline.schema import json_line

log = logging.getLogger("newsflow")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _settings(**overrides: Any) -> Settings:
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    pg = settings.postgres_url.get_secret_value() if settings.postgres_url else ""
    password = psycopg.conninfo.conninfo_to_dict(pg).get("password") if pg else None
    redact.register(
        settings.sasl_password.get_secret_value() if settings.sasl_password else None,
        password if isinstance(password, str) else None,
    )
    return settings


@contextlib.contextmanager
def _endpoint(settings: Settings, stop: threading.Event, once: bool = False) -> Iterator[Settings]:
    """kafka_endpoint with a broker that does not come as one clear error (or a quiet exit when a
    stop was asked for while waiting); --once waits for the broker at most connect_timeout_s (and
    at most once_timeout_s in all)."""
    wait = min(settings.connect_timeout_s, settings.once_timeout_s) if once else None
    try:
        with kafka_endpoint(settings, stop=stop, timeout_s=wait) as live:
            yield live
    except BrokerUnavailable as exc:
        if stop.is_set():
            log.info("stopped before Kafka was reachable")
            return
        raise click.ClickException(
            f"{exc}; check --bootstrap-servers (NEWSFLOW_CONNECT_TIMEOUT_S sets how long --once waits)"
        ) from exc


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


def _reachable_broker(settings: Settings) -> str:
    """The configured or running embedded broker, answering within NEWSFLOW_CONNECT_TIMEOUT_S."""
    servers = discover_bootstrap(settings)
    if not servers:
        raise click.ClickException(
            "no broker: pass --bootstrap-servers, or start `newsflow run` (embedded broker) first"
        )
    try:
        probe_broker(settings.model_copy(update={"bootstrap_servers": servers}))
    except BrokerUnreachable as exc:
        raise click.ClickException(str(exc)) from exc
    return servers


def _sinks(settings: Settings, kafka: bool = True) -> SinkConfig:
    """Every sink the settings call for; kafka=False keeps to storage (dead letters then go to Parquet)."""
    try:
        pg = storage_url(settings)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    if not kafka:
        return SinkConfig("", "", {}, settings.parquet_dir, pg, settings.max_message_bytes, settings.extract_budget_s)
    return SinkConfig(
        settings.quotes_topic,
        settings.deadletter_topic,
        sink_producer_config(settings),
        settings.parquet_dir,
        pg,
        settings.max_message_bytes,
        settings.extract_budget_s,
    )


def _driver(settings: Settings, echo: bool) -> MicroBatchDriver:
    sinks = _sinks(settings)
    consumer = make_consumer(settings, [settings.raw_topic], settings.group_id)
    recorder = BatchRecorder(settings.status_file)
    serve_metrics(settings.metrics_port, settings.metrics_host)

    def on_batch(result: BatchResult, seconds: float) -> None:
        recorder(result, seconds)
        if echo:
            click.echo(batch_report(result, settings.parquet_dir, settings.quotes_topic))

    return MicroBatchDriver(
        consumer,
        sinks,
        DriverConfig(settings.batch_max_records, settings.batch_max_wait_ms, settings.batch_max_bytes),
        on_batch=on_batch,
    )


def _reader(settings: Settings, stop: threading.Event) -> tuple[FeedReader, Callable[[], None]]:
    producer = make_producer(settings)
    state = ReaderState(settings.state_db)
    policy = Policy(
        default_s=settings.poll_interval_s,
        min_s=min(60.0, settings.poll_interval_s),
        max_s=max(86400.0, settings.poll_interval_s),
    )
    reader = FeedReader(settings, producer, state, archive=Archive(settings.archive_dir), policy=policy, stop=stop)

    def close() -> None:
        reader.close()
        producer.close()
        state.close()

    return reader, close


# Options appear only on the commands they act on.
_servers = click.option(
    "--bootstrap-servers", help="Kafka servers host:port[,…]; unset = the embedded broker of --data-dir (docs/cli.md)"
)
_metrics = click.option(
    "--metrics-port", type=int, help="serve Prometheus metrics on NEWSFLOW_METRICS_HOST:PORT  [default: off]"
)
_data_dir = click.option("--data-dir", type=click.Path(path_type=Path), help="state, Parquet and logs  [default: var]")
common = [_servers, _metrics, _data_dir]
kafka_options = [_servers, _data_dir]


feed_options = [
    click.option(
        "--feeds",
        "feeds_file",
        type=click.Path(path_type=Path, exists=True),
        help="feed list (TOML)  [default: examples/feeds.toml]",
    ),
    click.option("--poll-interval", type=float, help="starting seconds between polls of a feed [900]; adapts"),
    click.option("--once", is_flag=True, help="poll every feed once (and process what came), then exit"),
]


def _decorate(options: list[Callable[..., Any]]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def apply(f: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


with_common = _decorate(common)
with_kafka = _decorate(kafka_options)
with_feed_options = _decorate(feed_options)


def _feed_settings(
    bootstrap_servers: str | None,
    metrics_port: int | None,
    data_dir: Path | None,
    feeds_file: Path | None,
    poll_interval: float | None,
) -> Settings:
    return _settings(
        bootstrap_servers=bootstrap_servers,
        metrics_port=metrics_port,
        data_dir=data_dir,
        feeds_file=feeds_file,
        poll_interval_s=poll_interval,
    )


class _Group(click.Group):
    """Every failure is one line and an exit status (docs/cli.md); the traceback only with -v."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl-C where no stop handler is installed (subscribe, status, …)
            raise SystemExit(128 + signal.SIGINT) from None
        except BrokenPipeError:  # `newsflow … | head`: the reader has all it wants; exit as a shell tool does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(128 + signal.SIGPIPE) from None
        except FeedListError as exc:
            if _verbose(ctx):
                raise
            raise click.UsageError(str(exc)) from exc
        except Exception as exc:
            if _verbose(ctx):
                raise
            raise click.ClickException(f"{type(exc).__name__}: {exc} (run with -v for the traceback)") from exc


def _verbose(ctx: click.Context) -> bool:
    return bool(ctx.params.get("verbose")) or "-v" in sys.argv or "--verbose" in sys.argv


@click.group(cls=_Group)
@click.option("-v", "--verbose", is_flag=True, help="debug logging")
@click.version_option(package_name="newsflow", prog_name="newsflow", message="%(prog)s %(version)s")
def main(verbose: bool) -> None:
    """newsflow: feeds -> Kafka -> Beam (quotes + actors) -> Kafka topic + Parquet."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=LOG_FORMAT, force=True)
    redact.install(LOG_FORMAT)
    # kafka-python logs every refused connection as an error; outages are reported by our own code
    logging.getLogger("kafka").setLevel(logging.DEBUG if verbose else logging.CRITICAL)
    logging.getLogger("apache_beam").setLevel(logging.WARNING)


def _settle(driver: MicroBatchDriver) -> None:
    """This process is the long-lived job: warm the pipeline up, then set the garbage collector for
    it and freeze what warm-up loaded (pipeline/ops/collector.py)."""
    driver.warm_up()
    tune_collector()
    freeze_startup_heap()


@main.command()
@with_common
@with_feed_options
def run(
    bootstrap_servers: str | None,
    metrics_port: int | None,
    data_dir: Path | None,
    feeds_file: Path | None,
    poll_interval: float | None,
    once: bool,
) -> None:
    """Feed reader and Beam job together (the long-lived job). --once: poll, process, exit."""
    started = time.monotonic()
    settings = _feed_settings(bootstrap_servers, metrics_port, data_dir, feeds_file, poll_interval)
    feeds = load_feeds(settings.feeds_file)
    stop = threading.Event()
    shutdown = Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with _endpoint(settings, stop, once) as live:
        reader, close_reader = _reader(live, stop)
        driver = _driver(live, echo=True)
        if live.started_broker:
            _recover(live, reader, driver)
        shutdown.add(driver.stop)
        shutdown.busy = lambda: driver.in_flight
        click.echo(f"reading {len(feeds)} feeds from {settings.feeds_file}")
        first = _poll_safely(reader, feeds)
        all_failed = bool(feeds) and first is not None and first.failed == len(feeds)
        if not once:
            click.echo(
                f"running until Ctrl-C; in another terminal: .venv/bin/newsflow subscribe --from-beginning "
                f"(topic {live.quotes_topic} on {live.bootstrap_servers})"
            )
        # the reader polls in its own thread: a slow feed server must not hold up the job's batches
        polling = threading.Thread(target=_poll_when_due, args=(reader, feeds, stop, settings.heartbeat_s), daemon=True)
        if not once:
            polling.start()
        give_up_at = started + settings.once_timeout_s
        try:
            _settle(driver)
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
            driver.consumer.close()
            close_sinks()
            close_reader()
        click.echo(
            f"done in {time.monotonic() - started:.1f}s: {plural(driver.batches, 'batch')}; Parquet dataset in "
            f"{settings.parquet_dir}/ (tables articles, quotes, actors)"
        )
    if once and all_failed:
        raise click.ClickException(f"--once: every feed in {settings.feeds_file} failed (see the warnings above)")


@main.command()
@with_common
@with_feed_options
def ingest(
    bootstrap_servers: str | None,
    metrics_port: int | None,
    data_dir: Path | None,
    feeds_file: Path | None,
    poll_interval: float | None,
    once: bool,
) -> None:
    """Feed reader only: poll feeds when due and produce new articles to the raw topic."""
    settings = _feed_settings(bootstrap_servers, metrics_port, data_dir, feeds_file, poll_interval)
    serve_metrics(settings.metrics_port, settings.metrics_host)
    feeds = load_feeds(settings.feeds_file)
    stop = threading.Event()
    Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with _endpoint(settings, stop, once) as live:
        reader, close_reader = _reader(live, stop)
        try:
            if not once:
                _poll_when_due(reader, feeds, stop, settings.heartbeat_s)
            elif (stats := _poll_safely(reader, feeds)) is None or stats.unsent:
                unsent = "the poll failed" if stats is None else f"{stats.unsent} new articles were not acknowledged"
                raise click.ClickException(f"ingest --once: {unsent}; the next poll sends them again")
        finally:
            close_reader()


def _recover(live: Settings, reader: FeedReader, driver: MicroBatchDriver) -> None:
    """The embedded broker keeps nothing across a crash: send again what was fetched since the
    job's last checkpoint, and keep the checkpoint moving while the job is caught up."""
    checkpoint = Checkpoint(live.recovery_checkpoint)
    since = checkpoint.value
    if since is None:
        checkpoint.advance(datetime.now(timezone.utc), force=True)  # nothing fetched yet is pending
    elif reader.archive is not None:
        done = replay_since(reader.archive, since, reader.producer, live.raw_topic, live.deadletter_topic)
        if done.documents:
            click.echo(
                f"recovery: {plural(done.articles, 'article')} of {plural(done.documents, 'feed document')} "
                f"fetched since {since:%Y-%m-%d %H:%M:%S} UTC sent again (not confirmed stored before the last stop)"
            )

    def idle(polled_at: datetime) -> None:
        polling = reader.polling_since
        checkpoint.advance(min(polled_at, polling) if polling else polled_at)

    driver.on_idle = idle


def _poll_safely(reader: FeedReader, feeds: list[FeedSpec]) -> PollStats | None:
    """One poll that cannot take its caller down: feeds and entries are isolated inside the reader,
    and anything else (the state database, say) is logged here."""
    try:
        stats = reader.poll(feeds)
    except Exception as exc:
        log.error("polling failed (%s: %s); trying again when feeds are due", type(exc).__name__, exc, exc_info=True)
        return None
    click.echo(poll_line(stats))
    return stats


def _poll_when_due(reader: FeedReader, feeds: list[FeedSpec], stop: threading.Event, heartbeat_s: float = 0.0) -> None:
    """Poll each feed when its schedule says so, until stop is set. Survives any failure of a poll.
    While nothing is due, says so every heartbeat_s (a quiet terminal looks like a hung one)."""
    last_said = time.monotonic()
    while not stop.is_set():
        try:
            due = reader.due(feeds)
        except Exception as exc:
            log.error("reading the feed schedule failed (%s: %s)", type(exc).__name__, exc)
            due = []
        if due:
            last_said = time.monotonic()
            if _poll_safely(reader, due) is None:
                stop.wait(30.0)
                continue
        try:
            due_in = reader.next_due_in(feeds)
        except Exception:
            due_in = 30.0
        if heartbeat_s and time.monotonic() - last_said >= heartbeat_s:
            click.echo(f"idle: next feed poll in {_duration(due_in)} (Ctrl-C stops)")
            last_said = time.monotonic()
        stop.wait(min(60.0, heartbeat_s or 60.0, max(0.2, due_in)))


@main.command()
@with_common
def job(bootstrap_servers: str | None, metrics_port: int | None, data_dir: Path | None) -> None:
    """Beam job only: consume the raw topic in micro-batches until stopped."""
    settings = _settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir, metrics_port=metrics_port)
    stop = threading.Event()
    shutdown = Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with _endpoint(settings, stop) as live:
        driver = _driver(live, echo=True)
        shutdown.add(driver.stop)
        shutdown.busy = lambda: driver.in_flight
        try:
            _settle(driver)
            driver.run_forever()
        finally:
            shutdown.closing.set()
            driver.consumer.close()
            close_sinks()


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

    settings = _settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    servers = _reachable_broker(settings)
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
@click.option(
    "--bootstrap-servers",
    help="also write the output and dead-letter topics on these Kafka servers; unset = Parquet and PostgreSQL only "
    "(dead letters to Parquet)",
)
@_data_dir
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
    settings = _settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    if settings.bootstrap_servers:
        ensure_topics(settings)
    else:
        click.echo("no --bootstrap-servers: writing Parquet and PostgreSQL only (dead letters: newsflow deadletters)")
    sinks = _sinks(settings, kafka=bool(settings.bootstrap_servers))
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
        analysis = analyse_article(article, budget_s=_settings().extract_budget_s)
    except BudgetExceeded as exc:
        raise click.ClickException(f"not analysed: {exc} (the job makes such an article a dead letter)") from exc
    click.echo(json_line(analysis) if as_json else extraction_report(analysis))


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
    settings = _settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    stored = list(from_parquet(settings.parquet_dir))
    servers = _reachable_broker(settings) if settings.bootstrap_servers else discover_bootstrap(settings)
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


@main.group()
def feeds() -> None:
    """The feed list: import from and export to OPML (what every feed reader exchanges)."""


@feeds.command("import")
@click.argument("opml_file", type=click.File("rb"))
@click.option(
    "--feeds",
    "feeds_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="the TOML feed list to add to, created if missing  [default: NEWSFLOW_FEEDS_FILE, else "
    "examples/feeds.toml: the list `newsflow run` reads]",
)
def feeds_import(opml_file: Any, feeds_file: Path | None) -> None:
    """Add the subscriptions of an OPML file to a feed list; feeds already there are skipped, and a
    URL listed twice keeps its first name."""
    from pipeline.feeds.opml import OpmlError, add_to_feed_list, parse_opml

    try:
        found = parse_opml(opml_file.read())
    except OpmlError as exc:
        raise click.UsageError(f"{opml_file.name}: {exc}") from exc
    if not found:
        raise click.ClickException(f"{opml_file.name}: no <outline xmlUrl=…> subscriptions in it")
    run_reads = resolve_feed_list(_settings().feeds_file)
    target = feeds_file or run_reads
    done = add_to_feed_list(target, found)
    repeated = f"; {done.repeated} listed twice in {opml_file.name}" if done.repeated else ""
    reads = (
        "newsflow run reads it" if target.resolve() == run_reads.resolve() else f"then: newsflow run --feeds {target}"
    )
    click.echo(f"{plural(done.added, 'feed')} added to {target} ({done.known} already there{repeated}); {reads}")


@feeds.command("export")
@click.option(
    "--feeds",
    "feeds_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="feed list (TOML)  [default: examples/feeds.toml]",
)
def feeds_export(feeds_file: Path | None) -> None:
    """Print the feed list as OPML (for a feed reader's import)."""
    from pipeline.feeds.opml import to_opml

    click.echo(to_opml(load_feeds(feeds_file or _settings().feeds_file)), nl=False)


@main.command()
@_data_dir
@click.option("--table", "tables", multiple=True, help="only this table (articles, quotes, actors, dead_letters)")
def compact(data_dir: Path | None, tables: tuple[str, ...]) -> None:
    """Merge the small Parquet files of each date partition into one (one row per key). Idempotent."""
    from pipeline.sinks.parquet import KEYS
    from pipeline.sinks.parquet import compact as run_compact

    unknown = set(tables) - set(KEYS)
    if unknown:
        raise click.UsageError(f"--table {', '.join(sorted(unknown))}: the tables are {', '.join(KEYS)}")
    settings = _settings(data_dir=data_dir)
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


@main.command()
@with_kafka
def status(bootstrap_servers: str | None, data_dir: Path | None) -> None:
    """Consumer lag, last batch and dead-letter count of the job."""
    settings = _settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    servers = _reachable_broker(settings)
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


@main.command()
@_data_dir
def broker(data_dir: Path | None) -> None:
    """Run only the embedded broker (with topics) until interrupted; print its address (that of the
    one already running on --data-dir, if any)."""
    settings = _settings(data_dir=data_dir)
    stop = threading.Event()
    Shutdown(stop, grace_s=settings.stop_grace_s).install()
    with _endpoint(settings, stop) as live:
        click.echo(f"broker ready: --bootstrap-servers {live.bootstrap_servers}")
        stop.wait()


_GLOBAL_FLAGS = ("-v", "--verbose")


def entry() -> None:
    """The `newsflow` executable: global flags are accepted after the subcommand too
    (`newsflow run -v` = `newsflow -v run`)."""
    args = sys.argv[1:]
    cut = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:cut] if a in _GLOBAL_FLAGS]
    main(args=flags + [a for a in args[:cut] if a not in _GLOBAL_FLAGS] + args[cut:], prog_name="newsflow")


if __name__ == "__main__":
    entry()
