"""The element a source hands to the pipeline: one Kafka record with its coordinates, so a dead
letter can point back at exactly where the bad bytes came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceRecord:
    value: bytes | None
    key: bytes | None = None
    topic: str = ""
    partition: int = -1
    offset: int = -1
