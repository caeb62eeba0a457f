"""What one micro-batch did. The job returns it; metrics, the status file and `run`'s report read
it, so it lives below all of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BatchResult:
    batch_id: str
    records: int
    analysed: int
    dead_letters: int
    parquet_rows: int
    postgres_rows: int = 0
    quotes: int = 0
