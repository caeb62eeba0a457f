"""Extraction speed on one core: articles/s (median of repeated passes), per-article latency
percentiles and peak memory.

    .venv/bin/python bench/extract_speed.py [DIR_WITH_TXT_FILES] [--passes 5]
    .venv/bin/python bench/extract_speed.py --lang de       # German Wikinews dev texts, German rules
    .venv/bin/python bench/extract_speed.py --no-detect     # extraction alone, without language detection

Defaults to the PolNeAR dev texts in ../shared (real news articles), else the example feeds.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.extract import extract  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "eval" / "polnear-dev" / "text"
GERMAN_DIR = REPO.parent / "shared" / "eval" / "german-quotes" / "dev"


def _example_texts() -> list[str]:
    from datetime import datetime, timezone

    from pipeline.feeds.config import load_feeds
    from pipeline.feeds.fetch import fetch
    from pipeline.feeds.normalise import normalise_entry
    from pipeline.feeds.parse import parse_feed

    texts = []
    for spec in load_feeds(REPO / "examples" / "feeds.toml"):
        parsed = parse_feed(fetch(spec.url).body, spec.url)
        for e in parsed.entries:
            a = normalise_entry(e, spec.url, spec.name, "", datetime.now(timezone.utc))
            texts.append(a.content_text or a.summary)
    return texts


def measure(texts: list[str], passes: int, lang: str = "en", detect: bool = True) -> tuple[list[float], list[float]]:
    """Articles/s of each pass over texts on one core, and the per-article latencies: what the
    pipeline does per article (language detection, then extraction). bench/streaming.py calls it
    for the extraction-bound limit of the same run."""
    from pipeline.extract.language import detect_language, effective
    from pipeline.ops.collector import tune_collector

    tune_collector()  # as newsflow job and run set it after warm-up (pipeline/app.py, settle)

    def run(text: str) -> None:
        extract(text, language=effective(detect_language(text), lang) if detect else lang)

    run("Warm-up: “Loading the name lists and the language model,” Anna Smith said on Monday in Berlin.")
    rates, latencies = [], []
    for _ in range(passes):
        t_pass = time.perf_counter()
        for text in texts:
            t0 = time.perf_counter()
            run(text)
            latencies.append(time.perf_counter() - t0)
        rates.append(len(texts) / (time.perf_counter() - t_pass))
    return rates, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--lang", choices=("en", "de"), default="en")
    parser.add_argument(
        "--no-detect", action="store_true", help="skip language detection (the pipeline detects, then extracts)"
    )
    args = parser.parse_args()
    if args.lang == "de":
        import json

        directory = args.directory if args.directory != DEFAULT_DIR else GERMAN_DIR
        texts = [json.loads(p.read_text(encoding="utf-8"))["originalText"] for p in sorted(directory.glob("*.json"))]
        source = str(directory)
    elif args.directory.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.directory.glob("*.txt"))]
        source = str(args.directory)
    else:
        texts, source = _example_texts(), "examples/feeds"
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
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
