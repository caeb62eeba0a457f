"""Per-host politeness: at most N requests in flight to one host and at most R requests a second."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit


class HostLimiter:
    def __init__(self, concurrency: int = 2, rate_per_s: float = 5.0) -> None:
        self.concurrency = concurrency
        self.spacing = 1.0 / rate_per_s if rate_per_s > 0 else 0.0
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(concurrency)
        )
        self._next_start: dict[str, float] = defaultdict(float)

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:  # not a URL: the fetch refuses it, without a slot
            host = ""
        if not host:  # local files are not a host
            yield
            return
        with self._lock:
            sem = self._slots[host]
        with sem:
            with self._lock:
                start = max(time.monotonic(), self._next_start[host])
                self._next_start[host] = start + self.spacing
            delay = start - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            yield
