"""Secrets never reach a log line, at any verbosity: kafka-python logs its whole configuration
(SASL password included) at debug level, and connection errors can echo URLs with credentials.
A formatter on every root handler masks registered secret values and the usual secret-bearing
shapes in the finished line, tracebacks included."""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"
_SHAPES = [
    # 'sasl_plain_password': 'x' (a config dict's repr) and sasl_plain_password=x
    re.compile(r"""((?:password|passwd|secret|token)['"]?\s*[:=]\s*)(['"])(.*?)\2""", re.I),
    re.compile(r"""((?:password|passwd|secret|token)=)([^\s&;,'"]+)""", re.I),
    re.compile(r"(://[^:/@\s]+:)([^@/\s]+)(@)"),  # scheme://user:password@host
]
_SECRETS: set[str] = set()
_LOCK = threading.Lock()


def register(*secrets: str | None) -> None:
    """Values to mask wherever they appear (passwords from settings); short ones are ignored."""
    with _LOCK:
        _SECRETS.update(s for s in secrets if s and len(s) >= 3)


def redact(text: str) -> str:
    with _LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, MASK)
    text = _SHAPES[0].sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}{m.group(2)}", text)
    text = _SHAPES[1].sub(lambda m: f"{m.group(1)}{MASK}", text)
    return _SHAPES[2].sub(lambda m: f"{m.group(1)}{MASK}{m.group(3)}", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def install(fmt: str) -> None:
    """Give every handler of the root logger the redacting formatter."""
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter(fmt))
