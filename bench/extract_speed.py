"""Extraction speed on one core: articles/s (median of repeated passes), per-article and per-kB
latency percentiles (a long article takes longer in proportion: per kB tells a slow input from a
long one) and peak memory.

    .venv/bin/python -m bench.extract_speed [DIR_WITH_TXT_FILES] [--passes 5]
    .venv/bin/python -m bench.extract_speed --lang de       # German Wikinews dev texts, German rules
    .venv/bin/python -m bench.extract_speed --no-detect     # extraction alone, without language detection
    .venv/bin/python -m bench.extract_speed --against /tmp/old --passes 15   # this tree against another
                                                            # checkout (git worktree add /tmp/old REV), in turn
    .venv/bin/python -m bench.extract_speed --against /tmp/old --unseen [--lang de]   # against another
        # checkout on a stream of articles each tree sees once, after as many earlier ones: the train
        # set of PolNeAR (or of the German quotes), shuffled, in halves

Repeated passes over the same texts let the word memos (lru_cache) answer every question of a
pass after the first, which a job meets only for the words it has seen before: --unseen measures
what a job gets.

Defaults to the PolNeAR dev texts in ../shared (real news articles), else the example feeds.
"""

from __future__ import annotations

import argparse
import resource
import statistics
from pathlib import Path

from bench.lib.corpora import DEFAULT_DIR, GERMAN_DIR, TRAIN_DIRS, example_texts, texts_in
from bench.lib.extraction import measure, paired, paired_unseen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--lang", choices=("en", "de"), default="en")
    parser.add_argument(
        "--no-detect", action="store_true", help="skip language detection (the pipeline detects, then extracts)"
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="time this tree and another checkout's extractor in alternation, one pass each in turn",
    )
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="with --against: time a stream of articles each tree sees once (the train set's second half,"
        " after its first half), not repeated passes",
    )
    args = parser.parse_args()
    if args.unseen and not args.against:
        parser.error("--unseen compares two trees: give --against CHECKOUT")
    if args.unseen and args.directory != DEFAULT_DIR:
        parser.error("--unseen reads the train set of --lang: give no DIRECTORY")
    if args.against and not (args.against / "pipeline" / "extract").is_dir():
        parser.error(f"--against: {args.against} is not a newsflow checkout (no pipeline/extract/ in it)")
    if args.unseen:
        _compare_unseen(args)
        return
    if args.lang == "de":
        directory = args.directory if args.directory != DEFAULT_DIR else GERMAN_DIR
        texts, source = texts_in(directory, "de"), str(directory)
    elif args.directory.is_dir():
        texts, source = texts_in(args.directory, "en"), str(args.directory)
    else:
        texts, source = example_texts(), "examples/feeds"
    if args.against:
        _compare(texts, source, args)
        return
    rates, latencies = measure(texts, args.passes, args.lang, detect=not args.no_detect)
    chars = sum(map(len, texts))
    lat = sorted(latencies)
    what = "extraction only" if args.no_detect else "language detection + extraction"
    print(f"corpus: {source}: {len(texts)} articles, {chars / len(texts):,.0f} chars/article on average; {what}")
    print(
        f"throughput: median {statistics.median(rates):.0f} articles/s per core "
        f"(min {min(rates):.0f}, max {max(rates):.0f} over {args.passes} passes); "
        f"{statistics.median(rates) * chars / len(texts) / 1e6:.2f} MB/s of text"
    )
    print(
        f"latency per article: p50 {lat[len(lat) // 2] * 1000:.1f} ms, p99 {lat[int(len(lat) * 0.99)] * 1000:.1f} ms,"
        f" max {lat[-1] * 1000:.1f} ms"
    )
    per_kb = sorted(t * 1e6 / max(len(text), 1) for t, text in zip(latencies, texts * args.passes, strict=True))
    lengths = sorted(map(len, texts))
    p50, p99 = per_kb[len(per_kb) // 2], per_kb[int(len(per_kb) * 0.99)]
    ratio = lengths[int(len(lengths) * 0.99)] / lengths[len(lengths) // 2]
    print(
        f"latency per 1,000 chars: p50 {p50:.2f} ms, p99 {p99:.2f} ms"
        f" (the p99 article is {ratio:.1f}x the median's length)"
    )
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _compare_unseen(args: argparse.Namespace) -> None:
    import random

    directory = TRAIN_DIRS[args.lang]
    texts = texts_in(directory, args.lang)
    if not texts:
        raise SystemExit(f"--unseen: no texts in {directory}")
    random.Random(0).shuffle(texts)  # (the same order of articles as a shuffle of their paths)
    half = len(texts) // 2
    here = Path(__file__).resolve().parents[1]
    result = paired_unseen(texts[:half], texts[half:], (args.against.resolve(), here), args.lang, not args.no_detect)
    print(f"corpus: {directory}: {result.articles} articles timed once each, after {result.earlier} earlier ones")
    print(f"{args.against}: {result.rates[0]:.0f} articles/s per core")
    print(f"{here} (this tree): {result.rates[1]:.0f} articles/s per core")
    print(f"speed of this tree against {args.against}: x{result.ratio:.3f} (sums of the articles' times)")


def _compare(texts: list[str], source: str, args: argparse.Namespace) -> None:
    here = Path(__file__).resolve().parents[1]
    result = paired(texts, (args.against.resolve(), here), args.passes, args.lang, not args.no_detect)
    ratios = result.pass_ratios
    print(f"corpus: {source}: {len(texts)} articles; {args.passes} passes of each tree, in turn")
    print(f"{args.against}: median {result.rates[0]:.0f} articles/s per core")
    print(f"{here} (this tree): median {result.rates[1]:.0f} articles/s per core")
    print(
        f"speed of this tree against {args.against}: x{result.minima_ratio:.3f} (sums of each article's fastest time);"
        f" per pair of passes median x{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
    )


if __name__ == "__main__":
    main()
