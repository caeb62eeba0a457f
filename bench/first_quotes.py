"""A newcomer's first minute: `git clone` of this checkout, then `make run` until its first quotes,
as README's first lines promise. Seconds to each milestone, medians over the runs.

    .venv/bin/python -m bench.first_quotes [--runs 3] [--no-pip-cache]

--no-pip-cache downloads every package again (a machine that never installed them); without it,
pip's cache serves the wheels, as on a second clone. Each run uses its own data dir inside its
clone and a free broker port, and stops `make run` with Ctrl-C once the quotes are out.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MILESTONES = {  # name: text of the first line that marks it
    "virtualenv ready": "newsflow run",
    "broker ready": "embedded Kafka-protocol broker",
    "feeds polled": "feeds: ",
    "first quotes": "“",
}


def one_run(no_pip_cache: bool) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    env["NEWSFLOW_EMBEDDED_BROKER_PORT"] = "0"
    if no_pip_cache:
        env["PIP_NO_CACHE_DIR"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        subprocess.run(["git", "clone", "--quiet", str(REPO), f"{tmp}/newsflow"], check=True)
        seen = {"cloned": time.monotonic() - started}
        proc = subprocess.Popen(
            ["make", "run"],
            cwd=f"{tmp}/newsflow",
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                for name, text in MILESTONES.items():
                    if name not in seen and text in line:
                        seen[name] = time.monotonic() - started
                if "first quotes" in seen:
                    break
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            proc.communicate(timeout=120)
    missing = set(MILESTONES) - set(seen)
    if missing:
        raise SystemExit(f"make run ended before: {', '.join(sorted(missing))}")
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pip-cache", action="store_true", help="download every package again")
    args = parser.parse_args()
    runs = []
    for i in range(args.runs):
        runs.append(one_run(args.no_pip_cache))
        print(f"run {i + 1}: " + ", ".join(f"{name} {s:.1f}s" for name, s in runs[-1].items()), flush=True)
    names = ["cloned", *MILESTONES]
    print("median: " + ", ".join(f"{n} {statistics.median(r[n] for r in runs):.1f}s" for n in names))


if __name__ == "__main__":
    main()
