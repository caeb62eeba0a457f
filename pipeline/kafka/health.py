"""Notice broker outages so they get one clear log line each way, instead of silence (kafka-python's
own connection errors are muted) or a log line per retry."""

from __future__ import annotations

import logging
import socket
import time
from typing import Sequence

log = logging.getLogger(__name__)


def reachable(servers: Sequence[str], timeout_s: float = 1.0) -> bool:
    for server in servers:
        host, _, port = server.rpartition(":")
        try:
            socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s).close()
            return True
        except (OSError, ValueError):
            continue
    return False


class OutageWatch:
    """Call `idle()` after a poll that returned nothing; checks at most every `every_s` seconds."""

    def __init__(self, servers: Sequence[str], every_s: float = 5.0) -> None:
        self.servers = list(servers)
        self.every_s = every_s
        self.down_since: float | None = None
        self._next_check = 0.0

    def idle(self) -> None:
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + self.every_s
        if reachable(self.servers):
            if self.down_since is not None:
                log.warning("Kafka at %s is reachable again after %.0fs", ",".join(self.servers), now - self.down_since)
                self.down_since = None
        elif self.down_since is None:
            self.down_since = now
            log.warning(
                "Kafka at %s is unreachable; the job keeps polling and resumes where it left off",
                ",".join(self.servers),
            )

    def working(self) -> None:
        """Records arrived: if an outage was being reported, it is over."""
        if self.down_since is not None:
            log.warning(
                "Kafka at %s is reachable again after %.0fs", ",".join(self.servers), time.monotonic() - self.down_since
            )
            self.down_since = None
