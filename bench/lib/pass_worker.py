"""One tree's extractor, timed pass by pass for bench/extract_speed.py --against: run as a script with
that tree on PYTHONPATH, so it imports nothing from this tree's bench/.

    python bench/lib/pass_worker.py TEXTS_JSON LANG DETECT   # then one line on stdin per pass

A line "pass" times every text, "slice A B" the texts A to B once (an unseen stream: see
bench/lib/extraction.py, paired_unseen). Each prints one JSON line: every article's seconds, in order."""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    from pipeline.extract import extract
    from pipeline.extract.language import detect_language, effective

    try:  # as newsflow job sets it after warm-up (absent from trees older than the collector)
        from pipeline.ops.collector import tune_collector

        tune_collector()
    except ImportError:
        pass
    path, lang, detect = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    with open(path, encoding="utf-8") as f:
        texts: list[str] = json.load(f)
    extract("Warm-up: “Loading the name lists and the language model,” Anna Smith said in Berlin.", language=lang)
    clock = time.perf_counter
    for line in sys.stdin:
        command = line.split()
        chosen = texts[int(command[1]) : int(command[2])] if command[:1] == ["slice"] else texts
        seconds = []
        for text in chosen:
            started = clock()
            extract(text, language=effective(detect_language(text), lang) if detect else lang)
            seconds.append(clock() - started)
        print(json.dumps(seconds), flush=True)


if __name__ == "__main__":
    main()
