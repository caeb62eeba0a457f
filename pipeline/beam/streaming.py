"""The long-lived job as a micro-batch driver (docs/design.md: no local runner gives real streaming):
poll a bounded batch from Kafka, run it through the pipeline, wait for every sink, then commit.
A crash anywhere before the commit re-delivers the batch; ids make the re-run harmless."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable, Sequence

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.subscription_state import AsyncConsumerRebalanceListener
from kafka.errors import CommitFailedError, KafkaError, RebalanceInProgressError
from kafka.structs import OffsetAndMetadata
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_when_event_set, wait_exponential

from pipeline.analysis import analyse_article
from pipeline.beam.batch import DEFAULT_BEAM_ARGS, SinkConfig, run_batch
from pipeline.beam.records import SourceRecord
from pipeline.config import Settings
from pipeline.kafka.health import OutageWatch
from pipeline.kafka.lag import caught_up
from pipeline.ops.metrics import BATCH_FAILURES, REBALANCES
from pipeline.results import BatchResult
from pipeline.schema import RawArticle
from pipeline.sinks.errors import is_transient

log = logging.getLogger(__name__)
_WARM_UP_TEXTS = (
    ("“The line reopens on Monday,” said transit director Ann Lee.", "en"),
    ("„Die Linie fährt ab Montag wieder“, sagte die Verkehrsdirektorin Anna Lehmann.", "de"),
)


_DEFAULTS = Settings.model_fields


@dataclass(frozen=True)
class DriverConfig:
    """A batch ends at max_records, max_bytes of record values, or max_wait_ms after its first
    record was written; the defaults are the settings' (NEWSFLOW_BATCH_MAX_*)."""

    max_records: int = _DEFAULTS["batch_max_records"].default
    max_wait_ms: int = _DEFAULTS["batch_max_wait_ms"].default
    max_bytes: int = _DEFAULTS["batch_max_bytes"].default

    @classmethod
    def of(cls, settings: Settings) -> DriverConfig:
        return cls(settings.batch_max_records, settings.batch_max_wait_ms, settings.batch_max_bytes)


_POLL_CHUNK = 50  # records per poll() call at most


class BatchAbandoned(Exception):
    """The batch's partitions moved to another group member while its sinks were down: that member
    re-reads the records from the committed offsets, so this one stops retrying them."""


class _Rebalances(AsyncConsumerRebalanceListener):  # type: ignore[misc]  # kafka-python is untyped
    """A rebalance discards what was fetched and not yet processed on the partitions it revoked,
    and every partition it assigns resumes at its committed offset: kafka-python keeps the fetch
    position of a partition revoked and given back, which would skip the discarded records.
    Async because kafka-python 3 calls listeners on its IO thread, where a blocking commit raises
    ("Cannot block on net.run() from the IO thread itself") and the next poll() fails."""

    def __init__(self, driver: MicroBatchDriver) -> None:
        self.driver = driver

    async def on_partitions_revoked(self, revoked: Iterable[TopicPartition]) -> None:
        revoked = set(revoked)
        if revoked:
            REBALANCES.inc()
            log.info("rebalance: %d partition(s) revoked", len(revoked))
            await self.driver.commit_revoked(revoked)
        self.driver.revoked |= revoked

    async def on_partitions_assigned(self, assigned: Iterable[TopicPartition]) -> None:
        assigned = set(assigned)
        self.driver.reposition |= assigned  # done after the poll: the client refuses it in here
        log.info("rebalance: %d partition(s) assigned, %d now", len(assigned), len(self.driver.consumer.assignment()))

    async def on_partitions_lost(self, lost: Iterable[TopicPartition]) -> None:
        """The member was evicted: its partitions already belong to others, nothing to commit."""
        lost = set(lost)
        if lost:
            REBALANCES.inc()
            log.warning("rebalance: %d partition(s) lost (evicted from the group)", len(lost))
            for tp in lost:
                self.driver.uncommitted.pop(tp, None)
        self.driver.revoked |= lost


class MicroBatchDriver:
    def __init__(
        self,
        consumer: KafkaConsumer,
        sinks: SinkConfig,
        config: DriverConfig = DriverConfig(),
        beam_args: Sequence[str] = DEFAULT_BEAM_ARGS,
        on_batch: Callable[[BatchResult, float], None] | None = None,
        on_idle: Callable[[datetime], None] | None = None,
    ) -> None:
        self.consumer = consumer
        self.sinks = sinks
        self.config = config
        self.beam_args = beam_args
        self.on_batch = on_batch
        self.on_idle = on_idle  # called with a time before which every record is processed and committed
        self.batches = 0
        self.stop = threading.Event()
        self.in_flight = False  # a batch is being processed (the shutdown watchdog waits for it)
        self.warm = False  # warm_up has run
        servers = consumer.config.get("bootstrap_servers") or []
        self.outage = OutageWatch([servers] if isinstance(servers, str) else servers)
        self.revoked: set[TopicPartition] = set()  # by rebalances since the batch in flight was polled
        self.uncommitted: dict[TopicPartition, OffsetAndMetadata] = {}  # done, commit refused by a rebalance
        self.reposition: set[TopicPartition] = set()  # assigned by a rebalance: resume at the committed offset
        # one long-lived thread runs the batches while this one keeps polling (group membership)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsflow-batch")
        if consumer.subscription() and consumer.config.get("group_id"):
            consumer.subscribe(topics=sorted(consumer.subscription()), listener=_Rebalances(self))

    def poll_batch(self) -> list[SourceRecord]:
        """Up to max_records or max_bytes: what is fetched already, and what arrives until
        max_wait_ms after the first record was written (its broker or producer timestamp), so
        records that waited while the previous batch ran are not held back again."""
        records: list[SourceRecord] = []
        size = 0
        deadline = None
        while len(records) < self.config.max_records and size < self.config.max_bytes:
            timeout = self.config.max_wait_ms if deadline is None else max(0, int((deadline - time.monotonic()) * 1000))
            # the first poll takes one record; then as many as fit the bytes left at the average size
            average = size / len(records) if records else float(self.config.max_bytes)
            fit = int((self.config.max_bytes - size) / max(average, 1.0))
            chunk = max(1, min(_POLL_CHUNK, self.config.max_records - len(records), fit))
            polled = self.consumer.poll(timeout_ms=timeout, max_records=chunk)
            first_ts = None
            for tp, messages in polled.items():
                for m in messages:
                    records.append(SourceRecord(m.value, m.key, tp.topic, tp.partition, m.offset))
                    size += len(m.value or b"")
                    if m.timestamp is not None and m.timestamp > 0:
                        first_ts = m.timestamp if first_ts is None else min(first_ts, m.timestamp)
            if self.revoked or self.reposition:  # a rebalance inside poll()
                moved = self.revoked | self.reposition
                records = [r for r in records if TopicPartition(r.topic, r.partition) not in moved]
                size = sum(len(r.value or b"") for r in records)
                self.revoked.clear()
                self._reposition()
            if not records:
                return records
            if deadline is None:
                waited_s = max(0.0, time.time() - first_ts / 1000) if first_ts else 0.0
                deadline = time.monotonic() + max(0.0, self.config.max_wait_ms / 1000 - waited_s)
            if not polled:  # nothing more within the wait (none at all once the deadline passed)
                break
        return records

    def _commit(self, records: Sequence[SourceRecord]) -> None:
        """Commit the batch's offsets, with any left over from batches whose commit a rebalance
        refused (RebalanceInProgressError): those wait for the next commit, or for the revocation
        of their partition, so the member goes on working through a rebalance. Only offsets of
        partitions that moved before they were committed are re-read, by their new owner."""
        for r in records:
            tp = TopicPartition(r.topic, r.partition)
            if tp not in self.uncommitted or self.uncommitted[tp].offset <= r.offset:
                self.uncommitted[tp] = OffsetAndMetadata(r.offset + 1, "", -1)
        offsets = {tp: o for tp, o in self.uncommitted.items() if tp in self.consumer.assignment()}
        try:
            if offsets:
                self.consumer.commit(offsets)
            self.uncommitted.clear()
            self._skip_done(offsets)
        except (RebalanceInProgressError, CommitFailedError) as exc:
            log.info("commit deferred (%s): %d partition(s) wait for the next one", type(exc).__name__, len(offsets))

    def _all_done(self) -> bool:
        """This member holds every partition of its topics and has processed and committed every
        record on them: all that was acknowledged before the last poll is in the sinks."""
        if self.uncommitted:
            return False
        assigned = self.consumer.assignment()
        for topic in self.consumer.subscription() or ():
            partitions = self.consumer.partitions_for_topic(topic) or set()
            if not partitions or any(TopicPartition(topic, p) not in assigned for p in partitions):
                return False
        return caught_up(self.consumer)

    def _skip_done(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        """A rebalance during the batch put its partitions back at their committed offset, the
        batch's start: move past what the batch has just committed instead of reading it again."""
        for tp, committed in offsets.items():
            if tp in self.consumer.assignment() and self.consumer.position(tp) < committed.offset:
                self.consumer.seek(tp, committed.offset)

    def _reposition(self) -> None:
        """Partitions a rebalance assigned resume at their committed offset (the beginning when
        none is committed): whatever was fetched beyond it was discarded."""
        for tp in self.reposition & self.consumer.assignment():
            committed = self.consumer.committed(tp)
            if committed is None:
                self.consumer.seek_to_beginning(tp)
            else:
                self.consumer.seek(tp, committed)
        self.reposition.clear()

    async def commit_revoked(self, revoked: set[TopicPartition]) -> None:
        """Before partitions move: commit what was done on them (the rebalance listener calls it on
        kafka-python's IO thread, so through the coordinator's awaitable commit)."""
        offsets = {tp: o for tp, o in self.uncommitted.items() if tp in revoked}
        if not offsets:
            return
        try:
            await _commit_awaitable(self.consumer, offsets)
        except Exception as exc:  # a listener that raises fails the poll() that ran it
            log.warning(
                "offsets of %d revoked partition(s) not committed (%s): re-read by their new owner",
                len(offsets),
                type(exc).__name__,
            )
        for tp in offsets:
            self.uncommitted.pop(tp, None)

    def _rewind(self, records: Sequence[SourceRecord]) -> None:
        """After a failed batch, position the consumer at the batch start so it is read again."""
        first: dict[TopicPartition, int] = {}
        for r in records:
            tp = TopicPartition(r.topic, r.partition)
            first[tp] = min(first.get(tp, r.offset), r.offset)
        for tp, offset in first.items():
            if tp in self.consumer.assignment():
                self.consumer.seek(tp, offset)

    def process(self, records: Sequence[SourceRecord]) -> BatchResult:
        """Run the batch until its sinks succeed, then commit its offsets. Record-level errors are
        dead letters inside the pipeline, so a run failing with a Kafka or I/O error means a sink is
        down (broker, disk): retry with exponential backoff until it is back or the driver is asked
        to stop. Any other error is a bug and stops the job, uncommitted."""
        partitions = {TopicPartition(r.topic, r.partition) for r in records}
        retrying = Retrying(
            wait=wait_exponential(multiplier=0.5, max=30),
            stop=stop_when_event_set(self.stop),
            sleep=lambda seconds: self._wait_polling(seconds, partitions),
            retry=retry_if_exception(is_transient),
            reraise=True,
            before_sleep=self._on_retry,
        )
        started = time.monotonic()
        self.revoked.clear()
        result = retrying(self._run_polling, records, partitions)
        attempts = retrying.statistics.get("attempt_number", 1)
        if attempts > 1:
            took = time.monotonic() - started
            log.warning("batch %s went through after %d attempts (%.0fs)", result.batch_id, attempts, took)
        try:
            self._commit(records)
        except KafkaError as exc:
            # the broker went away while we worked: the offsets stay pending and go with the next
            # commit; after a restart the batch is read again, which the idempotent sinks absorb
            log.warning(
                "commit after batch %s failed (%s); its offsets go with the next commit",
                result.batch_id,
                type(exc).__name__,
            )
        self.batches += 1
        if self.on_batch:
            self.on_batch(result, time.monotonic() - started)
        return result

    def _run_polling(self, records: Sequence[SourceRecord], batch: set[TopicPartition]) -> BatchResult:
        """One attempt at the batch, on the worker thread, while this thread keeps the member in
        its group: a batch may take longer than max_poll_interval_ms (a slow sink, a long
        article), and a member that stops polling that long is evicted. Partitions a rebalance
        takes meanwhile are left out of the commit and re-read by their new owner."""
        future: Future[BatchResult] = self.worker.submit(run_batch, records, self.sinks, self.beam_args)
        # every quarter of the poll interval: well within the member's limit, and an ordinary batch
        # ends before the first one (a paused poll drops what the consumer had fetched ahead); the
        # result is taken the moment the batch ends
        every_s = self.consumer.config.get("max_poll_interval_ms", 300_000) / 4000
        while True:
            try:
                return future.result(timeout=every_s)
            except FutureTimeout:
                self._poll_paused(future.done, 0.0)
                self.outage.idle()  # a sink waiting for a broker that went away: say so, once

    def _wait_polling(self, seconds: float, batch: set[TopicPartition]) -> None:
        """Wait out a sink outage without leaving the group (see _poll_paused). Raises
        BatchAbandoned when a rebalance took one of the batch's partitions."""
        deadline = time.monotonic() + seconds
        while not self.stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self._poll_paused(self.stop.is_set, min(left, 0.5))
            if batch & self.revoked:
                raise BatchAbandoned(f"{len(batch & self.revoked)} of the batch's partitions were reassigned")

    def _poll_paused(self, done: Callable[[], bool], seconds: float) -> None:
        """Poll with every assigned partition paused, in slices of at most 100 ms until `done` or
        `seconds` pass (one poll that does not wait when seconds is 0): the consumer heartbeats and
        takes part in rebalances, and fetches nothing. Records that a partition assigned meanwhile
        still returns are put back."""
        deadline = time.monotonic() + seconds
        try:
            while not done():
                self.consumer.pause(*self.consumer.assignment())
                polled = self.consumer.poll(timeout_ms=int(max(0.0, min(0.1, deadline - time.monotonic())) * 1000))
                for tp, messages in polled.items():  # from a partition assigned during the wait
                    if messages:
                        self.consumer.seek(tp, messages[0].offset)
                self._reposition()
                if time.monotonic() >= deadline:
                    break
        finally:
            self.consumer.resume(*self.consumer.paused())

    @staticmethod
    def _on_retry(state: RetryCallState) -> None:
        """One warning when a batch starts failing; its further attempts only at debug level."""
        BATCH_FAILURES.inc()
        exc = state.outcome.exception() if state.outcome else None
        log.log(
            logging.WARNING if state.attempt_number == 1 else logging.DEBUG,
            "batch failed (%s: %s); retrying with backoff (next in %.1fs), offsets not committed",
            type(exc).__name__,
            exc,
            state.next_action.sleep if state.next_action else 0.0,
        )

    def run_once(self) -> BatchResult | None:
        polled_at = datetime.now(timezone.utc)
        try:
            records = self.poll_batch()
        except KafkaError as exc:  # the broker went away mid-poll: wait, then poll again
            if not is_transient(exc):
                raise
            log.warning("poll failed (%s); retrying", type(exc).__name__)
            self.stop.wait(1.0)
            return None
        if not records:
            self.outage.idle()
            if self.on_idle is not None and self._all_done():
                self.on_idle(polled_at)
            return None
        self.outage.working()
        self.in_flight = True
        try:
            return self.process(records)
        except BatchAbandoned as exc:
            log.warning("batch of %d records abandoned during a sink outage: %s", len(records), exc)
            self._rewind(records)  # partitions still ours go back to the batch start
            return None
        except Exception as exc:
            self._rewind(records)
            if self.stop.is_set() and is_transient(exc):
                log.warning("stopping during a sink outage: batch of %d records not committed", len(records))
                return None
            raise
        finally:
            self.in_flight = False

    def run_forever(self) -> None:
        """Until stop is set; the batch in flight finishes and commits before returning."""
        if not self.warm:
            self.warm_up()
        while not self.stop.is_set():
            self.run_once()

    def warm_up(self) -> None:
        """Before the first poll joins the consumer group: build this process's pipeline and load
        the extractor's word lists, so that partitions handed over by a rebalance do not wait for a
        cold start (a joining member's first batch was the longest stall in bench/rebalance.py)."""
        started = time.monotonic()
        for text, language in _WARM_UP_TEXTS:
            analyse_article(RawArticle(article_id="0" * 32, content_text=text, language=language))
        try:
            run_batch([], self.sinks, self.beam_args)
        except Exception as exc:  # a sink that is down now is retried by the first real batch
            log.warning("warm-up batch failed (%s: %s); going on", type(exc).__name__, exc)
        self.warm = True
        log.info("warmed up in %.1fs", time.monotonic() - started)


async def _commit_awaitable(consumer: KafkaConsumer, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
    """KafkaConsumer.commit, awaitable on kafka-python's IO thread (3.x: the coordinator's own
    coroutine behind commit_offsets_sync; tests/integration/test_long_batches.py checks it is there)."""
    await consumer._coordinator._commit_offsets_sync_async(offsets)
