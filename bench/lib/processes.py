"""The one way benches and tests start newsflow as processes of its own: `python -m pipeline.cli`
from the checkout, with the environment given, its output appended to a log file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Mapping, Sequence

REPO = Path(__file__).resolve().parents[2]


def spawn(args: Sequence[str], env: Mapping[str, str], log: Path, stdout: bool = True) -> subprocess.Popen[bytes]:
    """`newsflow ARGS`; stderr (and stdout, unless stdout=False: a job's batch reports) go to `log`."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", *args],
            cwd=REPO,
            env=dict(env),
            stdout=out if stdout else subprocess.DEVNULL,
            stderr=subprocess.STDOUT if stdout else out,
        )
