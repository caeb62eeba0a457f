"""Errors that mean "a sink or the broker is unavailable right now": the batch is retried with
backoff instead of failing the job. Anything else is a bug and stops the job uncommitted."""

from __future__ import annotations

import psycopg
from kafka.errors import KafkaError

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (KafkaError, OSError, psycopg.OperationalError)
