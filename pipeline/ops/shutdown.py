"""SIGINT/SIGTERM honoured in every state. The first signal asks every loop to stop (events);
blocking calls inside client libraries (a Kafka bootstrap, a slow feed server) cannot all be
interrupted, so a watchdog exits the process anyway once `grace_s` has passed, unless `busy()`
says a batch is in flight or a clean shutdown is closing its clients (those get `batch_grace_s`).
A forced exit loses nothing: offsets and the reader's marks are written only after the broker and
the sinks acknowledged. A second signal exits at once."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from typing import Any, Callable

log = logging.getLogger("newsflow")


class Shutdown:
    def __init__(
        self,
        *events: threading.Event,
        grace_s: float = 1.5,
        busy: Callable[[], bool] = lambda: False,
        batch_grace_s: float = 60.0,
    ) -> None:
        self.events = list(events)
        self.grace_s = grace_s
        self.busy = busy
        self.batch_grace_s = batch_grace_s
        self.closing = threading.Event()  # set by a clean shutdown closing its clients: let it finish
        self.signum = 0

    def install(self) -> Shutdown:
        signal.signal(signal.SIGINT, self._handler)
        signal.signal(signal.SIGTERM, self._handler)
        return self

    def add(self, event: threading.Event) -> None:
        self.events.append(event)
        if self.signum:
            event.set()

    def _handler(self, signum: int, _frame: Any) -> None:
        name = signal.Signals(signum).name
        if self.signum:
            log.warning("second %s: exiting now", name)
            _exit(128 + signum)
        self.signum = signum
        log.info("received %s: finishing the work in flight, then stopping", name)
        for event in self.events:
            event.set()
        threading.Thread(target=self._watchdog, name="shutdown-watchdog", daemon=True).start()

    def _watchdog(self) -> None:
        started = time.monotonic()
        while True:
            time.sleep(0.1)
            waited = time.monotonic() - started
            busy = self.busy() or self.closing.is_set()
            if (waited > self.grace_s and not busy) or waited > self.batch_grace_s:
                log.warning(
                    "not stopped %.1fs after %s; exiting now (unacknowledged work is redone on restart)",
                    waited,
                    signal.Signals(self.signum).name,
                )
                _exit(128 + self.signum)


def _exit(code: int) -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()
    os._exit(code)
