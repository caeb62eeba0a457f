"""A search for inputs whose extraction time grows faster than their length: texts built from a
unit (a space, a stop, a quote mark, a title, a cue word, a link word …) repeated after a sentence,
before it, between spaces or between names, extracted at two lengths under the English and German
rules. A shape whose time grows faster than length^1.5 is printed: make it a case in
bench/lib/hostile_texts.py (which bench/pathological.py and tests/extract/test_hostile_text.py run)
and find its cause.

    .venv/bin/python -m bench.shape_search [--sizes 10000,40000] [--cap-s 30] [--units ' ,.,Dr. ']

Each language's extractor runs in a child process that is replaced when a text outlasts the cap: a
regular expression searching in C cannot be interrupted from Python.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import queue
import time
from typing import Any, Callable

UNITS = (
    "\n \t . , ; : ? ! … “ ” \" ' « » „ ‚ ‘ ’ ( ) [ ] - — – * # / A a Ab 1 \u00a0 \u2028 \x00".split(" ")
    + ["\n\n", ". ", ".\n", "A. ", "“A", "a”", "\n“", " – ", "“a” ", "„a“ ", ", ", ": ", "— ", "(AP) "]
    + ["said ", "sagte ", "he said ", "said Lee, ", "according to ", "laut ", "so ", "es ", "Q: ", "A: ", "Q. "]
    + ["Mr. ", "Dr. ", "Sen. ", "Mr. Lee ", "Herr ", "Minister ", "Professor ", "President ", "CEO ", "The "]
    + ["Bank of ", "von ", "der ", "Ann ", "Lee ", "Inc. ", "U.S. ", "SPD ", "Firma ", "Montag ", "Ende "]
)
SENTENCE = "“Yes,” said Ann Lee. "
SHAPES: dict[str, Callable[[str, int], str]] = {
    "after a sentence": lambda u, n: (SENTENCE + u * n)[:n],
    "before a sentence": lambda u, n: (u * n)[: n - len(SENTENCE)] + SENTENCE,
    "spaced": lambda u, n: ((u + " ") * n)[:n],
    "between names": lambda u, n: (("Ann Lee" + u) * n)[:n],
}


def _child(language: str, jobs: mp.Queue, results: mp.Queue) -> None:  # type: ignore[type-arg]
    from pipeline.extract import extract

    extract(SENTENCE, language=language)  # word lists load before the clock starts
    while True:
        text = jobs.get()
        started = time.perf_counter()
        extract(text, language=language)
        results.put(time.perf_counter() - started)


class _Extractor:
    """One language's extractor in a child process, timed per text, replaced after a text over the cap."""

    def __init__(self, language: str, cap_s: float) -> None:
        self.language, self.cap_s = language, cap_s
        self.ctx = mp.get_context("spawn")
        self.proc: Any = None

    def _start(self) -> None:
        self.jobs, self.results = self.ctx.Queue(), self.ctx.Queue()
        self.proc = self.ctx.Process(target=_child, args=(self.language, self.jobs, self.results), daemon=True)
        self.proc.start()

    def time(self, text: str) -> float | None:
        """Seconds, or None past the cap."""
        if self.proc is None:
            self._start()
        self.jobs.put(text)
        try:
            return float(self.results.get(timeout=self.cap_s + 30))  # (start-up is not the text's)
        except queue.Empty:
            self.proc.kill()
            self.proc.join()
            self.proc = None
            return None

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()


def _two_sizes(value: str) -> tuple[int, int]:
    try:
        small, large = (int(s) for s in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: two lengths, such as 10000,40000") from None
    if not 0 < small < large:
        raise argparse.ArgumentTypeError(f"{value!r}: two positive lengths, the smaller first")
    return small, large


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_two_sizes, default="10000,40000", help="two text lengths, smaller first")
    parser.add_argument("--cap-s", type=float, default=30.0)
    parser.add_argument("--units", help="comma-separated units instead of the built-in list")
    parser.add_argument("--exponent", type=float, default=1.5, help="report shapes growing faster than this")
    args = parser.parse_args()
    small, large = args.sizes
    units = args.units.split(",") if args.units else UNITS
    found = 0
    for language in ("en", "de"):
        extractor = _Extractor(language, args.cap_s)
        try:
            for unit in units:
                for shape, build in SHAPES.items():
                    first = extractor.time(build(unit, small))
                    if first is not None and first < 0.02:
                        continue  # too fast to measure growth from
                    second = extractor.time(build(unit, large)) if first is not None else None
                    if first is None or second is None:
                        exponent = math.inf
                    else:
                        exponent = math.log(max(second, 1e-6) / first) / math.log(large / small)
                    if exponent > args.exponent:
                        found += 1
                        took = "past the cap" if second is None else f"{first:.2f} s -> {second:.2f} s"
                        print(f"{language}  {unit!r:16} {shape:18} {took}  exponent {exponent:.2f}", flush=True)
        finally:
            extractor.close()
    print(f"{found} shapes grow faster than length^{args.exponent}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
