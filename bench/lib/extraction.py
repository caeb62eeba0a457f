"""Extraction alone, per core: what bench/extract_speed.py reports and bench/streaming.py uses as
the extraction-bound limit of the same run."""

from __future__ import annotations

import time

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
