"""What statements across outlets cost per article, apart from the job around them: the PolNeAR dev
analyses assigned again and again through the real state (pipeline.statements.store), each round
as another outlet's copy (new ids, the same words), in the job's chunks of 50, in a scratch
database; the CPU of this process and of its PostgreSQL backend per article, per round (and of
every PostgreSQL process: the server's writers and autovacuum work for the writes too, partly
later, so that figure is blurred between the two trees of an --against run).

    python -m bench.statements_cost [--rounds 12] [--warm 4] [--against CHECKOUT | --floor]

With --against, the other tree's state is driven the same way in a process of its own, one round
of each in turn (ABBA order), and the median of the rounds' ratios is printed: on this shared
machine a whole streaming run moves by 10% between runs of one tree (bench/streaming.py), more
than what a change to the state alone can show there. With --floor, a second worker of this tree
stores only what issue 31 asks to keep per quote, without matching (bench/lib/statements_worker.py,
FloorStore), in turn with the real state: the least any assignment keeping those rows costs. The
first --warm rounds are not counted (the state starts empty; from the second round on, every quote
and article meets its earlier copies).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.lib.statement_corpus import analysed

HERE = Path(__file__).resolve().parents[1]
WORKER = Path(__file__).with_name("lib") / "statements_worker.py"


def _write_analyses(path: Path, cache: Path | None) -> int:
    docs = [a for _, a in analysed(["polnear-dev"], cache)]
    with path.open("wb") as out:
        for a in docs:
            data = a.SerializeToString()
            out.write(len(data).to_bytes(4, "big") + data)
    return len(docs)


def _start(tree: Path, analyses: Path, floor: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(analyses), *(["floor"] if floor else [])],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _round(proc: subprocess.Popen[str]) -> dict[str, float]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("round\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    if not line:
        raise SystemExit(f"the worker in {proc.args} stopped (exit {proc.wait()})")
    return dict(json.loads(line))


def _per_article(rounds: list[dict[str, float]], key: str) -> float:
    return statistics.median(1000 * r[key] / r["articles"] for r in rounds)


def _pure_steps(analyses: Path) -> dict[str, float]:
    """CPU ms per article of two steps every design needs before any look-up: each quote's words
    folded to compare them, and each article's story signature (medians of 15 passes)."""
    from bench.lib.statements_worker import read_analyses
    from pipeline.statements.story_state import signatures
    from pipeline.statements.words import quote_words

    docs = read_analyses(analyses)
    steps = {
        "folding the quotes' words": lambda: [quote_words(a.text, q) for a in docs for q in a.quotes],
        "story signatures": lambda: signatures(docs),
    }
    out = {}
    for name, step in steps.items():
        times = []
        for _ in range(15):
            t0 = time.process_time()
            step()
            times.append(time.process_time() - t0)
        out[name] = 1000 * statistics.median(times) / len(docs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=12, help="rounds measured (each a copy of the corpus)")
    ap.add_argument("--warm", type=int, default=4, help="rounds before measuring")
    ap.add_argument("--against", type=Path, help="another checkout, driven in turn with this one")
    ap.add_argument("--cache", type=Path, help="keep the analysed corpus in this directory")
    ap.add_argument("--floor", action="store_true", help="also the rows and records alone, without matching")
    args = ap.parse_args()
    if args.against and args.floor:
        ap.error("--floor runs against this tree's real state; it takes no --against")
    if args.against and not (args.against / "pipeline" / "statements").is_dir():
        ap.error(f"--against: {args.against} has no pipeline/statements/")
    trees = [args.against.resolve(), HERE] if args.against else [HERE, HERE] if args.floor else [HERE]
    with tempfile.TemporaryDirectory() as tmp:
        analyses = Path(tmp) / "analyses.bin"
        articles = _write_analyses(analyses, args.cache)
        procs = [_start(tree, analyses, floor=args.floor and k == 1) for k, tree in enumerate(trees)]
        results: list[list[dict[str, float]]] = [[] for _ in trees]
        pure = _pure_steps(analyses) if args.floor else {}
        try:
            for n in range(args.warm + args.rounds):
                order = range(len(trees)) if n % 2 == 0 else reversed(range(len(trees)))
                for k in order:
                    r = _round(procs[k])
                    if n >= args.warm:
                        results[k].append(r)
        finally:
            for p in procs:
                if p.stdin:
                    p.stdin.close()
                p.wait()
    print(
        f"PolNeAR dev: {articles} analyses a round, {args.warm} rounds before measuring, {args.rounds} measured; "
        "per article, medians over the rounds:"
    )
    names = [str(t) for t in trees] if not args.floor else [f"{HERE} (real state)", "floor (rows and records only)"]
    for name, rounds in zip(names, results, strict=True):
        client, pg, every, wall = (_per_article(rounds, k) for k in ("client", "postgres", "postgres_all", "wall"))
        print(
            f"  {name}: this process {client:.2f} ms CPU, PostgreSQL backend {pg:.2f} ms CPU "
            f"(every PostgreSQL process {every:.2f} ms), wall {wall:.2f} ms"
        )
    for name, ms in pure.items():
        print(f"  {name}: {ms:.2f} ms CPU per article")
    if args.against:
        for key in ("client", "postgres", "postgres_all"):
            ratios = [b[key] / a[key] for a, b in zip(results[0], results[1], strict=True) if a[key] > 0]
            print(f"  this tree / {args.against}, {key} CPU per round: median x{statistics.median(ratios):.3f}")
        totals = [[r["client"] + r["postgres"] for r in rounds] for rounds in results]
        ratios = [b / a for a, b in zip(*totals, strict=True)]
        print(f"  this tree / {args.against}, both: median x{statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
