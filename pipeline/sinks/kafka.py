"""Write (key, value) bytes to a Kafka topic from a DoFn. The bundle fails if any send fails, so
the batch is re-run and its offsets are not committed."""

from __future__ import annotations

import threading
from typing import Any, Iterator

import apache_beam as beam
from apache_beam.metrics import Metrics
from kafka import KafkaProducer

from pipeline.kafka.client import new_producer

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

    def setup(self) -> None:
        self.producer = shared_producer(self.producer_config)

    def start_bundle(self) -> None:
        self.futures: list[Any] = []

    def process(self, element: tuple[bytes | None, bytes]) -> Iterator[None]:
        key, value = element
        self.futures.append(self.producer.send(self.topic, key=key, value=value))
        return iter(())

    def finish_bundle(self) -> None:
        self.producer.flush()
        for future in self.futures:
            future.get(timeout=60)  # raises the broker's error: the bundle, and so the batch, fails
        self.sent.inc(len(self.futures))
        self.futures = []


class WriteToKafkaTopic(beam.PTransform):
    def __init__(self, topic: str, producer_config: dict[str, Any]) -> None:
        super().__init__()
        self.topic = topic
        self.producer_config = producer_config

    def expand(self, pcoll: beam.PCollection) -> beam.pvalue.PDone:
        pcoll | f"SendTo[{self.topic}]" >> beam.ParDo(_SendDoFn(self.topic, self.producer_config))
        return beam.pvalue.PDone(pcoll.pipeline)
