"""The extractor compiled by mypyc (mypy's compiler, MIT), measured against this tree's pure Python:
is the output identical on every eval text, and how much faster is a stream of unseen articles.

    .venv/bin/python -m bench.compiled [--lang en|de] [--keep DIR]

Copies this checkout (its files as they are, uncommitted changes too) to a temporary directory
beside ../shared, compiles pipeline/extract/ there as setup.py's NEWSFLOW_COMPILE=1 does, then
runs bench.extract_diff (snapshot here, compare there) and bench.extract_speed --against this
checkout --unseen from the copy. Needs a C compiler and Python's headers, as `make wheel` does
(the wheel it builds installs and runs without them). --keep DIR builds in DIR and leaves it
there, to time it again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# what a copy of the checkout leaves out: version control, the venv, and build and run output (a
# compiled module left in it would be imported instead of the one built from the copy)
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "var", "__pycache__", "*.egg-info", "*.so", ".*_cache"
)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """args run in cwd with cwd's pipeline/ first on the path (the venv's editable install points here)."""
    print(f"$ {' '.join(args)}  (in {cwd})", flush=True)
    env = {**os.environ, "PYTHONPATH": str(cwd), **(env or {})}
    return subprocess.run(args, cwd=cwd, text=True, capture_output=True, env=env)


def build(into: Path) -> Path:
    """A copy of this checkout in into/newsflow with pipeline/extract compiled; ../shared beside it."""
    copy = into / "newsflow"
    shutil.copytree(REPO, copy, ignore=NOT_SOURCES, symlinks=True)
    shared = REPO.parent / "shared"
    if shared.exists() and not (into / "shared").exists():
        (into / "shared").symlink_to(shared)
    env = {"NEWSFLOW_COMPILE": "1"}
    done = _run([sys.executable, "setup.py", "--quiet", "build_ext", "--inplace"], copy, env)
    if done.returncode != 0:
        raise SystemExit(f"the compiled build failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("en", "de"), default="en")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build in DIR and keep it (a compiled copy there is reused)"
    )
    args = parser.parse_args()
    if args.keep and args.keep.exists() and not args.keep.is_dir():
        parser.error(f"--keep: {args.keep} is not a directory")
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep.resolve() if args.keep else Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        copy = where / "newsflow"
        if not any((copy / "pipeline" / "extract").glob("*.so")):
            shutil.rmtree(copy, ignore_errors=True)  # (a copy whose compile failed would time pure Python)
            copy = build(where)
        snapshot = Path(tmp) / "pure.json"
        for cmd, cwd in (
            ([sys.executable, "-m", "bench.extract_diff", "snapshot", str(snapshot)], REPO),
            ([sys.executable, "-m", "bench.extract_diff", "compare", str(snapshot)], copy),
        ):
            done = _run(cmd, cwd)
            print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-2000:])
            if done.returncode != 0:
                return 1
        speed = [sys.executable, "-m", "bench.extract_speed", "--against", str(REPO), "--unseen", "--lang", args.lang]
        done = _run(speed, copy)
        print(done.stdout + (done.stderr[-2000:] if done.returncode else ""))
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
