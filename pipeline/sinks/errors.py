"""Errors that mean "a sink or the broker is unavailable right now": the batch is retried with
backoff instead of failing the job. Anything else (a record the broker can never accept, a bug)
stops the job uncommitted, so it is seen at once instead of looping."""

from __future__ import annotations

import psycopg
from kafka.errors import KafkaError


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, KafkaError):
        return bool(exc.retriable)
    return isinstance(exc, (OSError, psycopg.OperationalError))
