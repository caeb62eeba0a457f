"""Running `newsflow` as a user does: a subprocess with an environment that sets nothing of ours,
one-shot or in the background."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Sequence

from tests.conftest import REPO

NEWSFLOW = [sys.executable, "-m", "pipeline.cli"]


def user_env(data_dir: Path | None = None, **env: str) -> dict[str, str]:
    """No NEWSFLOW_* setting of the test run leaks in; the embedded broker takes a free port."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    base |= {"NEWSFLOW_EMBEDDED_BROKER_PORT": "0", "PYTHONPATH": str(REPO)}
    if data_dir is not None:
        base["NEWSFLOW_DATA_DIR"] = str(data_dir)
    return base | env


def newsflow(
    *args: str,
    data_dir: Path | None = None,
    cwd: Path = REPO,
    stdin: str | None = None,
    timeout: float = 120,
    **env: str,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEWSFLOW, *args],
        cwd=cwd,
        env=user_env(data_dir, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def succeeded(proc: subprocess.CompletedProcess[str], status: int = 0) -> str:
    """The command's stdout, after checking its status and that nothing printed a traceback."""
    said = proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == status, said
    assert "Traceback" not in proc.stdout + proc.stderr, said
    return proc.stdout


class Background:
    """A long-lived command (`run`, `subscribe`, `make run`): its output lines as they come, in
    order (stderr merged), and a stop as by Ctrl-C."""

    def __init__(self, argv: Sequence[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> None:
        self.lines: list[str] = []
        self._new: queue.Queue[str | None] = queue.Queue()
        self.proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=env or user_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # a terminal's process group: Ctrl-C reaches make and newsflow
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._new.put(line.rstrip("\n"))
        self._new.put(None)

    def wait_for(self, text: str, timeout: float = 90) -> str:
        """The first line from now on that contains `text`."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._new.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(f"exited ({self.proc.wait()}) before {text!r}:\n" + self.output)
            self.lines.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} within {timeout:g}s:\n" + self.output)

    def finish(self, timeout: float = 60) -> int:
        """Wait for the command to end by itself; every line it printed is in `lines`."""
        status = self.proc.wait(timeout=timeout)
        while (line := self._new.get(timeout=10)) is not None:
            self.lines.append(line)
        return status

    def interrupt(self, timeout: float = 60) -> int:
        """Ctrl-C: SIGINT to the whole process group, then wait for the end."""
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.finish(timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)
