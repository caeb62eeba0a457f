"""Extraction alone, per core: what bench/extract_speed.py reports and bench/streaming.py uses as
the extraction-bound limit of the same run."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import extract


def measure(
    texts: list[str], passes: int, lang: str = "en", detect: bool = True, detected: dict[str, str] | None = None
) -> tuple[list[float], list[float]]:
    """Articles/s of each pass over texts on one core, and the per-article latencies: what the
    pipeline does per article (language detection, then extraction). bench/streaming.py calls it
    for the extraction-bound limit of the same run. detected: each text's language as its record
    carries it (the feed reader detected it), so no detection here, as in the job."""
    from pipeline.extract.language import detect_language, effective
    from pipeline.ops.collector import tune_collector

    tune_collector()  # as newsflow job and run set it after warm-up (pipeline/app.py, settle)

    def run(text: str) -> None:
        if detected is not None:
            extract(text, language=effective(detected.get(text) or detect_language(text), lang))  # (as _analyse)
        else:
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


@dataclass(frozen=True)
class Paired:
    """Two trees timed in alternation: each one's median articles/s over its passes, and the ratio
    of the sums of each article's fastest time (noise on a shared machine only ever adds time, so
    an article's minimum over the passes is its cost with the least noise)."""

    rates: tuple[float, float]
    minima_ratio: float
    pass_ratios: list[float]


class _Workers:
    """One long-lived pass_worker.py process per tree, each holding the same texts."""

    def __init__(self, texts: list[str], trees: tuple[Path, Path], lang: str, detect: bool) -> None:
        worker = Path(__file__).with_name("pass_worker.py")
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
            json.dump(texts, f)
        self.path = f.name
        self.procs = [
            subprocess.Popen(
                [sys.executable, str(worker), f.name, lang, "1" if detect else "0"],
                cwd=tree,
                env={**os.environ, "PYTHONPATH": str(tree)},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for tree in trees
        ]

    def run(self, k: int, command: str) -> list[float]:
        """Every article's seconds of one command ("pass", "slice A B") in tree k's process."""
        stdin, stdout = self.procs[k].stdin, self.procs[k].stdout
        assert stdin is not None and stdout is not None
        stdin.write(command + "\n")
        stdin.flush()
        seconds: list[float] = json.loads(stdout.readline())
        return seconds

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        for p in self.procs:
            if p.stdin:
                p.stdin.close()
            p.wait()
        os.unlink(self.path)


@dataclass(frozen=True)
class Unseen:
    """Two trees over a stream of articles each sees once, after the same earlier articles: what a
    long-lived job meets. Its word memos hold what earlier articles taught them, not the answer
    for the article being timed, as they do when passes repeat the same texts."""

    rates: tuple[float, float]  # articles/s of each tree over the timed articles
    ratio: float  # second tree's speed against the first's: the sums of the articles' times
    articles: int
    earlier: int


def paired_unseen(
    earlier: list[str], timed: list[str], trees: tuple[Path, Path], lang: str, detect: bool, chunk: int = 20
) -> Unseen:
    """Both trees extract `earlier` (untimed), then each article of `timed` once, chunk by chunk in
    turn (ABBA order, so that neither tree always runs on a machine the other just left)."""
    texts = earlier + timed
    with _Workers(texts, trees, lang, detect) as workers:
        for k in (0, 1):
            workers.run(k, f"slice 0 {len(earlier)}")
        totals = [0.0, 0.0]
        for n, at in enumerate(range(len(earlier), len(texts), chunk)):
            for k in (0, 1) if n % 2 == 0 else (1, 0):
                totals[k] += sum(workers.run(k, f"slice {at} {min(at + chunk, len(texts))}"))
    return Unseen((len(timed) / totals[0], len(timed) / totals[1]), totals[0] / totals[1], len(timed), len(earlier))


def paired(texts: list[str], trees: tuple[Path, Path], passes: int, lang: str, detect: bool) -> Paired:
    """The extractor of each tree (a checkout: its pipeline/ is imported) over the same texts, one
    pass of each in turn (ABBA order), in two long-lived processes."""
    with _Workers(texts, trees, lang, detect) as workers:
        seconds: list[list[list[float]]] = [[], []]
        for n in range(passes):
            for k in (0, 1) if n % 2 == 0 else (1, 0):
                seconds[k].append(workers.run(k, "pass"))
    minima = [sum(map(min, zip(*runs, strict=True))) for runs in seconds]
    totals = [[sum(run) for run in runs] for runs in seconds]
    rates = (len(texts) / statistics.median(totals[0]), len(texts) / statistics.median(totals[1]))
    return Paired(rates, minima[0] / minima[1], [a / b for a, b in zip(*totals, strict=True)])
