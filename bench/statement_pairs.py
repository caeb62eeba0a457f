"""Draw candidate pairs of quotes for the statement gold (bench/gold/statement_pairs.tsv), by rules
that do not use newsflow's statement matching:

- `run8`: the two quotes share a run of 8 words (folded), whatever their speakers;
- `run5`: they share a run of 5 words but none of 8;
- `speaker`: the two speakers share their last name, and the quotes share 3 words of 4 letters or
  more but no run of 5 (paraphrases, and different things one person said).

Pairs are from different articles, drawn with a fixed seed; the file keeps corpus, file names and
offsets of the extracted quotes, never their texts (PolNeAR is not redistributable). Labels (SAME,
PARAPHRASE, DIFFERENT) are added by reading: `--show` prints the pairs with their context.

    python -m bench.statement_pairs --out bench/gold/statement_pairs.tsv
    python -m bench.statement_pairs --show bench/gold/statement_pairs.tsv
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from bench.lib.statement_corpus import Article, analysed
from pipeline.schema import ArticleAnalysis, Quote
from pipeline.statements.words import fold, quote_words

RUN = 5
FIELDS = ["corpus_a", "file_a", "start_a", "end_a", "corpus_b", "file_b", "start_b", "end_b", "rule", "label"]
Item = tuple[Article, ArticleAnalysis, Quote]


def _runs(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {words[i : i + RUN] for i in range(len(words) - RUN + 1)}


def _surname(q: Quote) -> str:
    names = fold(q.speaker_name)
    return names[-1] if names else ""


def candidates(items: list[Item]) -> dict[str, set[tuple[int, int]]]:
    by_run: dict[tuple[str, ...], set[int]] = defaultdict(set)
    words = [quote_words(a.text, q).flat() for _, a, q in items]
    for i, w in enumerate(words):
        for r in _runs(w):
            by_run[r].add(i)
    run_pairs: set[tuple[int, int]] = set()
    for members in by_run.values():
        if len(members) <= 30:  # a run in more quotes than that is a formula, not a statement
            run_pairs.update(p for p in combinations(sorted(members), 2) if items[p[0]][0] != items[p[1]][0])
    long_runs = {p for p in run_pairs if _shared_run(words[p[0]], words[p[1]]) >= 8}
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, q) in enumerate(items):
        if _surname(q):
            by_name[_surname(q)].append(i)
    long_words = [{w for w in ws if len(w) >= 4} for ws in words]
    speaker_pairs: set[tuple[int, int]] = set()
    for members in by_name.values():
        for i, j in combinations(members, 2):
            if items[i][0] == items[j][0] or (i, j) in run_pairs:
                continue
            if len(long_words[i] & long_words[j]) >= 3:
                speaker_pairs.add((i, j))
    return {"run8": long_runs, "run5": run_pairs - long_runs, "speaker": speaker_pairs}


def _shared_run(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return len(_shared_words(a, b))


def _shared_words(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """The longest run of words the two share (dynamic programming over both)."""
    best, end, prev = 0, 0, [0] * (len(b) + 1)
    for i, x in enumerate(a):
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x == y:
                cur[j + 1] = prev[j] + 1
                if cur[j + 1] > best:
                    best, end = cur[j + 1], i + 1
        prev = cur
    return a[end - best : end]


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[f] for f in FIELDS[:8])


def draw(
    corpora: list[str], sizes: dict[str, int], seed: int, cache: Path | None, exclude: set[tuple[str, ...]]
) -> list[dict[str, str]]:
    """Pairs of each rule, none of those in `exclude` (another gold's pairs)."""
    items: list[Item] = [(art, a, q) for art, a in analysed(corpora, cache) for q in a.quotes]
    rng = random.Random(seed)
    rows = []
    for rule, pairs in candidates(items).items():
        chosen = [
            (i, j)
            for i, j in sorted(pairs)
            if (items[i][0].corpus, items[i][0].name, str(items[i][2].start), str(items[i][2].end))
            + (items[j][0].corpus, items[j][0].name, str(items[j][2].start), str(items[j][2].end))
            not in exclude
        ]
        rng.shuffle(chosen)
        for i, j in chosen[: sizes[rule]]:
            (x, _, qa), (y, _, qb) = items[i], items[j]
            rows.append(
                {
                    "corpus_a": x.corpus,
                    "file_a": x.name,
                    "start_a": str(qa.start),
                    "end_a": str(qa.end),
                    "corpus_b": y.corpus,
                    "file_b": y.name,
                    "start_b": str(qb.start),
                    "end_b": str(qb.end),
                    "rule": rule,
                    "label": "",
                }
            )
    return rows


def show(path: Path, cache: Path | None) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    corpora = sorted({r["corpus_a"] for r in rows} | {r["corpus_b"] for r in rows})
    docs = {(art.corpus, art.name): (art, a) for art, a in analysed(corpora, cache)}
    for n, r in enumerate(rows):
        print(f"#{n} [{r['rule']}] {r['label']}")
        quotes = []
        for side in "ab":
            art, a = docs[r[f"corpus_{side}"], r[f"file_{side}"]]
            start, end = int(r[f"start_{side}"]), int(r[f"end_{side}"])
            q = next((q for q in a.quotes if q.start == start and q.end == end), None)
            quotes.append(quote_words(art.text, q).flat() if q else ())
            who = f"{q.speaker_name or q.speaker_mention or '-'}" if q else "(quote gone)"
            before = art.text[max(0, start - 70) : start].replace("\n", " ")
            said = art.text[start:end].replace("\n", " ")
            said = said if len(said) <= 240 else said[:150] + " … " + said[-80:]
            print(f"  {side} {art.outlet} {art.name[6:40]} | {who} | …{before}⟦{said}⟧")
        print("  shared:", " ".join(_shared_words(*quotes)))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="write freshly drawn, unlabelled pairs here")
    ap.add_argument("--show", type=Path, help="print the pairs of this file with their context")
    ap.add_argument("--seed", type=int, default=31)
    ap.add_argument("--cache", type=Path, help="keep the analysed corpus in this directory")
    ap.add_argument("--exclude", type=Path, help="leave out the pairs of this gold (to draw a second, held-out one)")
    ap.add_argument("--scale", type=float, default=1.0, help="pairs per rule, relative to the first gold's")
    args = ap.parse_args(argv)
    if args.show:
        show(args.show, args.cache)
        return
    exclude = set()
    if args.exclude:
        exclude = {_key(r) for r in csv.DictReader(args.exclude.open(encoding="utf-8"), delimiter="\t")}

    def sizes(**n: int) -> dict[str, int]:
        return {rule: round(k * args.scale) for rule, k in n.items()}

    english = sizes(run8=150, run5=100, speaker=90)
    rows = draw(["polnear-train", "polnear-dev"], english, args.seed, args.cache, exclude)
    rows += draw(["german-train"], sizes(run8=30, run5=20, speaker=20), args.seed, args.cache, exclude)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} pairs -> {args.out}")


if __name__ == "__main__":
    main()
