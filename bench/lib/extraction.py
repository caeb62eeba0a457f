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


@dataclass(frozen=True)
class Paired:
    """Two trees timed in alternation: each one's median articles/s over its passes, and the ratio
    of the sums of each article's fastest time (noise on a shared machine only ever adds time, so
    an article's minimum over the passes is its cost with the least noise)."""

    rates: tuple[float, float]
    minima_ratio: float
    pass_ratios: list[float]


def paired(texts: list[str], trees: tuple[Path, Path], passes: int, lang: str, detect: bool) -> Paired:
    """The extractor of each tree (a checkout: its pipeline/ is imported) over the same texts, one
    pass of each in turn (ABBA order), in two long-lived processes."""
    worker = Path(__file__).with_name("pass_worker.py")
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(texts, f)
    procs = [
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
    seconds: list[list[list[float]]] = [[], []]
    try:
        for n in range(passes):
            for k in (0, 1) if n % 2 == 0 else (1, 0):
                stdin, stdout = procs[k].stdin, procs[k].stdout
                assert stdin is not None and stdout is not None
                stdin.write("pass\n")
                stdin.flush()
                seconds[k].append(json.loads(stdout.readline()))
    finally:
        for p in procs:
            if p.stdin:
                p.stdin.close()
            p.wait()
        os.unlink(f.name)
    minima = [sum(map(min, zip(*runs, strict=True))) for runs in seconds]
    totals = [[sum(run) for run in runs] for runs in seconds]
    rates = (len(texts) / statistics.median(totals[0]), len(texts) / statistics.median(totals[1]))
    return Paired(rates, minima[0] / minima[1], [a / b for a, b in zip(*totals, strict=True)])
