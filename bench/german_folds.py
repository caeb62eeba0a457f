"""German train in folds, to see whether a rule generalises: write it from one fold's examples
(`--errors` prints that fold's misses), then keep it only when the other folds improve too.

    .venv/bin/python -m bench.german_folds [--folds 5] [--errors-in K] [--errors N] [DIR]

Each article goes to fold int(sha256(name)) mod K, so the folds never change with the files'
order or the tree. Prints direct + speaker and all + speaker (strict, bench/lib/quote_scoring.py,
the German set's scheme as bench/eval_quotes.py --lang de scores it) per fold and over all; run it
on the tree before and after a rule and compare the folds the rule was not read from. Dev is not
read here: score it once at the end with bench/eval_quotes.py --lang de.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from bench.eval_quotes import SHARED, evaluate
from bench.lib import german_quotes
from bench.lib.quote_scoring import Report

DEFAULT_DIR = SHARED / "german-quotes" / "train"
HEADLINE = ("direct + speaker", "all + speaker")


def fold_of(name: str, folds: int) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % folds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--errors-in", type=int, default=-1, help="print misses of this fold only")
    parser.add_argument("--errors", type=int, default=0, help="how many misses to print")
    args = parser.parse_args(argv)
    docs = german_quotes.load(args.directory)
    if not docs:
        parser.error(f"no documents under {args.directory}")
    by_fold: dict[int, list[german_quotes.GermanDoc]] = {}
    for doc in docs:
        by_fold.setdefault(fold_of(doc.name, args.folds), []).append(doc)
    overall = Report()
    print(f"{args.directory}: {len(docs)} articles in {args.folds} folds (strict F1)")
    print(f"{'fold':<6}{'articles':>9}  " + "  ".join(f"{h:>17}" for h in HEADLINE))
    for k in range(args.folds):
        fold = by_fold.get(k, [])
        errors = args.errors if k == args.errors_in else 0
        report, _, _ = evaluate([(d.text, d.golds) for d in fold], errors, "de")
        overall.merge(report)
        print(f"{k:<6}{len(fold):>9}  " + "  ".join(f"{report.f1(h):>17.3f}" for h in HEADLINE))
    print(f"{'all':<6}{len(docs):>9}  " + "  ".join(f"{overall.f1(h):>17.3f}" for h in HEADLINE))


if __name__ == "__main__":
    main()
