"""Errors that mean "a sink or the broker is unavailable right now": the batch is retried with
backoff instead of failing the job. Anything else (a record the broker can never accept, a bug)
stops the job uncommitted, so it is seen at once instead of looping."""

from __future__ import annotations

import psycopg
from kafka.errors import KafkaError

from pipeline.sinks.postgres import RECORD_ERRORS


def is_transient(exc: BaseException) -> bool:
    """A broker, database or disk (full, unwritable, gone) that may come back. Beam re-raises an
    error it cannot rebuild with its step name (OSError with an errno, say) as a RuntimeError
    whose message starts with the original's type name, the original as its context."""
    original = exc.__context__
    if isinstance(exc, RuntimeError) and original is not None and str(exc).startswith(type(original).__name__):
        return is_transient(original)
    if isinstance(exc, KafkaError):
        return bool(exc.retriable)
    if isinstance(exc, RECORD_ERRORS):
        return False
    return isinstance(exc, (OSError, psycopg.OperationalError))
