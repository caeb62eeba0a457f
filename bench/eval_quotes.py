"""Evaluate pipeline.extract on a PolNeAR-format directory (dev split by default).

    .venv/bin/python bench/eval_quotes.py [DIR]

Prints precision / recall / F1 for
  (a) quote spans: gold Content spans that contain quotation marks against predicted direct and
      partial quotes. A predicted and a gold span match when their character overlap is >= 50% of
      the shorter of the two (a partial quote inside a longer gold Content matches it; a gold
      Content made of several quotes is matched by each of them). Precision counts predictions
      that match some gold span, recall counts gold spans matched by some prediction;
  (b) quote + speaker: as (a), but a match counts only if the predicted speaker mention overlaps
      the gold Source span, or the resolved speaker's surname is a word of the gold Source (or,
      when the gold Source is a pronoun, of the nearest preceding named gold Source: PolNeAR has no
      coreference annotation);
  (c) all attributions incl. indirect speech: every gold Content against every predicted quote;
  (a-strict) as (a) but one-to-one pairs, each covering >= 50% of both spans: penalises quotes cut
      differently from the annotation, for comparison with stricter published set-ups;
then articles/s and peak memory of extraction alone.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.polnear import Document, GoldAttribution, is_pronoun, load  # noqa: E402
from pipeline.extract import Extraction, Quote, QuoteKind, extract  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear-dev"


@dataclass
class Score:
    tp: int = 0  # gold spans found
    predicted: int = 0
    gold: int = 0
    tp_pred: int = 0  # predictions that are right

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_pred / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, label: str) -> str:
        p, r, f = self.prf()
        return (
            f"{label:<34} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   "
            f"({self.tp_pred}/{self.predicted} predicted right, {self.tp}/{self.gold} gold found)"
        )


def _overlap_ok(a: set[int], b: set[int]) -> bool:
    return bool(a) and bool(b) and len(a & b) >= 0.5 * min(len(a), len(b))


def match(gold: list[set[int]], pred: list[set[int]]) -> list[tuple[int, int]]:
    """Every (gold index, pred index) pair that overlaps enough."""
    return [(gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if _overlap_ok(g, p)]


def strict_pairs(gold: list[set[int]], pred: list[set[int]]) -> int:
    """Greedy one-to-one matches where the overlap is >= 50% of each span."""
    cands = sorted(
        (
            (len(g & p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if len(g & p) >= 0.5 * max(len(g), len(p))
        ),
        reverse=True,
    )
    used_g, used_p = set(), set()
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def _tally(score: Score, pairs: list[tuple[int, int]], n_gold: int, n_pred: int) -> None:
    score.add(0, n_pred, n_gold)
    score.tp_pred += len({pi for _, pi in pairs})
    score.tp += len({gi for gi, _ in pairs})


def _chars(q: Quote) -> set[int]:
    return set(range(q.start, q.end))


def _gold_referent(doc: Document, gold: GoldAttribution) -> str:
    """For a pronoun Source: the nearest preceding gold Source that is a name."""
    assert gold.source is not None
    before = [
        o for o in doc.attributions if o.source and o.source.end <= gold.source.start and not is_pronoun(o.source_text)
    ]
    return max(before, key=lambda o: o.source.end).source_text if before else ""  # type: ignore[union-attr]


def _names(q: Quote, result: Extraction) -> set[str]:
    actor = next((a for a in result.actors if a.canonical_name == q.speaker), None)
    return {n.lower() for n in (q.speaker, *(actor.aliases if actor else ())) if n}


def _speaker_ok(doc: Document, gold: GoldAttribution, q: Quote, result: Extraction) -> bool:
    """The predicted speaker mention overlaps the gold Source, or the two name the same person:
    our resolved name appears in the gold Source ("he" resolved to Trump vs. gold "Donald Trump"),
    or, for a pronoun gold Source, in the nearest preceding named gold Source."""
    if gold.source is None or q.speaker_start < 0:
        return False
    if set(range(q.speaker_start, q.speaker_end)) & gold.source.chars():
        return True
    names = _names(q, result)
    if not names:
        return False
    referent = (_gold_referent(doc, gold) if is_pronoun(gold.source_text) else gold.source_text).lower()
    return bool(referent) and any(n.split()[-1] in referent.split() for n in names)


def evaluate(docs: list[Document]) -> tuple[Score, Score, Score, Score, float]:
    spans, with_speaker, everything, strict = Score(), Score(), Score(), Score()
    elapsed = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        result = extract(doc.text)
        elapsed += time.perf_counter() - t0
        marked = [q for q in result.quotes if q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)]
        gold_q = [g for g in doc.attributions if g.has_quote_marks(doc.text)]
        pairs = match([g.content.chars() for g in gold_q], [_chars(q) for q in marked])
        _tally(spans, pairs, len(gold_q), len(marked))
        n_strict = strict_pairs([g.content.chars() for g in gold_q], [_chars(q) for q in marked])
        strict.add(n_strict, len(marked), len(gold_q))
        strict.tp_pred += n_strict
        good = [(gi, pi) for gi, pi in pairs if _speaker_ok(doc, gold_q[gi], marked[pi], result)]
        _tally(with_speaker, good, len(gold_q), len(marked))
        all_pairs = match([g.content.chars() for g in doc.attributions], [_chars(q) for q in result.quotes])
        _tally(everything, all_pairs, len(doc.attributions), len(result.quotes))
    return spans, with_speaker, everything, strict, elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    docs = load(args.directory)
    if not docs:
        parser.error(f"no PolNeAR documents under {args.directory}")
    # one-off loading of the name lists is start-up cost, not per-article cost
    extract("Warm-up: “Loading the name lists,” Anna Smith said.")
    spans, with_speaker, everything, strict, elapsed = evaluate(docs)
    print(f"PolNeAR directory: {args.directory} ({len(docs)} articles)")
    print(spans.line("(a) quote spans (quote-mark subset)"))
    print(strict.line("(a-strict) one-to-one spans"))
    print(with_speaker.line("(b) quote + speaker"))
    print(everything.line("(c) all attributions"))
    print(f"extraction: {len(docs) / elapsed:.0f} articles/s on one core ({elapsed * 1000 / len(docs):.1f} ms/article)")
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
