"""The parts a newsflow process is made of (settings, sinks, the feed reader, the micro-batch
driver, recovery), built, started and torn down here, without click: the CLI and any other front
end call these and only decide what to print."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from pipeline.beam.batch import SinkConfig, close_sinks
from pipeline.beam.streaming import DriverConfig, MicroBatchDriver
from pipeline.config import Settings
from pipeline.feeds.archive import Archive
from pipeline.feeds.reader import FeedReader
from pipeline.feeds.recovery import Checkpoint, replay_since
from pipeline.feeds.schedule import Policy
from pipeline.feeds.state import ReaderState
from pipeline.kafka.client import make_consumer, make_producer, sink_producer_config
from pipeline.ops.collector import freeze_startup_heap, tune_collector
from pipeline.ops.metrics import BatchRecorder
from pipeline.ops.metrics import serve as serve_metrics
from pipeline.ops.shutdown import Shutdown
from pipeline.plural import plural
from pipeline.results import BatchResult
from pipeline.runtime import settings as settings  # here since the command line reads them as app.settings
from pipeline.runtime import storage_url

Say = Callable[[str], None]


def sink_config(settings: Settings, kafka: bool = True) -> SinkConfig:
    """Every sink the settings call for; kafka=False keeps to storage (dead letters then go to
    Parquet). Raises runtime.StorageError when the configured database cannot be used."""
    pg = storage_url(settings)
    if not kafka:
        return SinkConfig(
            "",
            "",
            {},
            settings.parquet_dir,
            pg,
            settings.max_message_bytes,
            settings.extract_budget_s,
            settings.statements,
        )
    return SinkConfig(
        settings.quotes_topic,
        settings.deadletter_topic,
        sink_producer_config(settings),
        settings.parquet_dir,
        pg,
        settings.max_message_bytes,
        settings.extract_budget_s,
        settings.statements,
        settings.statements_topic,
    )


def make_driver(settings: Settings, on_batch: Callable[[BatchResult, float], None] | None = None) -> MicroBatchDriver:
    """The job: a consumer of the raw topic in the job's group, every sink, the status file and
    the metrics server; on_batch is called after each batch is recorded."""
    sinks = sink_config(settings)
    consumer = make_consumer(settings, [settings.raw_topic], settings.group_id)
    recorder = BatchRecorder(settings.status_file)
    serve_metrics(settings.metrics_port, settings.metrics_host)

    def batch_done(result: BatchResult, seconds: float) -> None:
        recorder(result, seconds)
        if on_batch is not None:
            on_batch(result, seconds)

    return MicroBatchDriver(
        consumer,
        sinks,
        DriverConfig.of(settings),
        on_batch=batch_done,
    )


@dataclass
class Reader:
    """The feed reader with what it holds open (producer, state database), closed together."""

    reader: FeedReader
    closing: Callable[[], None]

    def close(self) -> None:
        self.closing()


def make_reader(settings: Settings, stop: threading.Event) -> Reader:
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

    return Reader(reader, close)


def settle(driver: MicroBatchDriver) -> None:
    """This process is the long-lived job: warm the pipeline up, then set the garbage collector for
    it and freeze what warm-up loaded (pipeline/ops/collector.py)."""
    driver.warm_up()
    tune_collector()
    freeze_startup_heap()


def watch(driver: MicroBatchDriver, shutdown: Shutdown) -> None:
    """A stop request stops the driver too, and waits for a batch in flight."""
    shutdown.add(driver.stop)
    shutdown.busy = lambda: driver.in_flight


def close_job(driver: MicroBatchDriver, shutdown: Shutdown) -> None:
    shutdown.closing.set()
    driver.consumer.close()
    close_sinks()


def recover(live: Settings, reader: FeedReader, driver: MicroBatchDriver, say: Say) -> None:
    """The embedded broker keeps nothing across a crash: send again what was fetched since the
    job's last checkpoint, and keep the checkpoint moving while the job is caught up."""
    checkpoint = Checkpoint(live.recovery_checkpoint)
    since = checkpoint.value
    if since is None:
        checkpoint.advance(datetime.now(timezone.utc), force=True)  # nothing fetched yet is pending
    elif reader.archive is not None:
        done = replay_since(reader.archive, since, reader.producer, live.raw_topic, live.deadletter_topic)
        if done.documents:
            say(
                f"recovery: {plural(done.articles, 'article')} of {plural(done.documents, 'feed document')} "
                f"fetched since {since:%Y-%m-%d %H:%M:%S} UTC sent again (not confirmed stored before the last stop)"
            )

    def idle(polled_at: datetime) -> None:
        polling = reader.polling_since
        checkpoint.advance(min(polled_at, polling) if polling else polled_at)

    driver.on_idle = idle
