"""Write (key, value) bytes to a Kafka topic from a DoFn. The bundle fails if a send fails for a
reason that may pass (the broker is away), so the batch is re-run and its offsets are not
committed; a record the broker refuses for good (too large, say) is a dead letter instead."""

from __future__ import annotations

import logging
import threading
from typing import Any, Iterator

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import GlobalWindows
from apache_beam.utils.windowed_value import WindowedValue
from kafka import KafkaProducer
from kafka.errors import KafkaError

from pipeline.deadletter import dead_letter
from pipeline.kafka.client import new_producer
from pipeline.schema import DeadLetter

log = logging.getLogger(__name__)

_PRODUCERS: dict[tuple[tuple[str, Any], ...], KafkaProducer] = {}
_LOCK = threading.Lock()


def shared_producer(config: dict[str, Any]) -> KafkaProducer:
    """One producer per process and config: creating one per micro-batch would cost a metadata
    round trip each time."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in config.items()))
    with _LOCK:
        producer = _PRODUCERS.get(key)
        if producer is None:
            producer = _PRODUCERS[key] = new_producer(config)
        return producer


def close_shared_producers(timeout_s: float = 10.0) -> None:
    """Flush and close every shared producer; call when the process is done with the pipeline."""
    with _LOCK:
        producers = list(_PRODUCERS.values())
        _PRODUCERS.clear()
    for producer in producers:
        producer.close(timeout=timeout_s)


class _SendDoFn(beam.DoFn):
    def __init__(self, topic: str, producer_config: dict[str, Any]) -> None:
        self.topic = topic
        self.producer_config = producer_config
        self.sent = Metrics.counter("newsflow", f"sent_{topic}")
        self.refusals = Metrics.counter("newsflow", f"refused_{topic}")

    def setup(self) -> None:
        self.producer = shared_producer(self.producer_config)

    def start_bundle(self) -> None:
        self.futures: list[tuple[Any, bytes | None, bytes]] = []

    def process(self, element: tuple[bytes | None, bytes]) -> Iterator[DeadLetter]:
        key, value = element
        try:
            self.futures.append((self.producer.send(self.topic, key=key, value=value), key, value))
        except KafkaError as exc:  # refused before sending: too large for the producer's limit
            if exc.retriable:
                raise
            yield self._refused(key, value, exc)

    def finish_bundle(self) -> Iterator[WindowedValue]:
        self.producer.flush()
        refused = []
        for future, key, value in self.futures:
            try:
                future.get(timeout=60)
            except KafkaError as exc:  # one that may pass fails the bundle, and so the batch
                if exc.retriable:
                    raise
                refused.append(self._refused(key, value, exc))
        self.sent.inc(len(self.futures) - len(refused))
        self.futures = []
        for letter in refused:
            yield GlobalWindows.windowed_value(letter)

    def _refused(self, key: bytes | None, value: bytes, exc: KafkaError) -> DeadLetter:
        self.refusals.inc()
        log.warning("topic %s refused record %r for good (%s): dead-lettered", self.topic, key, type(exc).__name__)
        return dead_letter("produce", f"topic {self.topic} refused it: {type(exc).__name__}: {exc}", value)


class WriteToKafkaTopic(beam.PTransform[Any, Any]):
    def __init__(self, topic: str, producer_config: dict[str, Any]) -> None:
        super().__init__()
        self.topic = topic
        self.producer_config = producer_config

    """(key, value) -> the topic; returns the dead letters of the records the broker refused for good."""

    def expand(self, pcoll: beam.PCollection[Any]) -> beam.PCollection[Any]:
        send = beam.ParDo(_SendDoFn(self.topic, self.producer_config)).with_output_types(DeadLetter)
        refused: beam.PCollection[Any] = pcoll | f"SendTo[{self.topic}]" >> send
        return refused
