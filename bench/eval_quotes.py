"""Evaluate pipeline.extract's statements (quotes, partial quotes, reported speech) and speakers.

    .venv/bin/python -m bench.eval_quotes [--lang en] [DIR]          # PolNeAR (default: dev split)
    .venv/bin/python -m bench.eval_quotes --lang de [DIR]            # German Wikinews quotations (dev)
    .venv/bin/python -m bench.eval_quotes --lang de --official       # + the dataset authors' scorer

Headline metrics are strict and one-to-one (bench/lib/quote_scoring.py): direct spans, direct +
speaker, all attributions, all + speaker. Lenient lines follow, marked secondary. Then articles/s
and peak memory of extraction alone. --official writes the predictions in the German set's format
and runs its official_eval.py (token-level, Hungarian assignment; needs numpy and scipy: `pip
install -e '.[eval]'`), reporting its message, role and joint F1 and the speaker-role token F1.
--errors N prints N misses for error analysis.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from bench.lib import german_quotes, polnear
from bench.lib.predictions import interrupted, predicted
from bench.lib.quote_scoring import Gold, Predicted, Report, chars, fits, speaker_ok, with_referents
from pipeline.extract import Extraction, QuoteKind, extract

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT_DIRS = {"en": SHARED / "polnear-dev", "de": SHARED / "german-quotes" / "dev"}


def polnear_golds(doc: polnear.Document) -> list[Gold]:
    return [
        Gold(
            frozenset(g.content.chars()),
            g.has_quote_marks(doc.text),
            frozenset(g.source.chars()) if g.source else frozenset(),
            g.source_text,
            cue=frozenset(g.cue.chars()) if g.cue else frozenset(),
        )
        for g in doc.attributions
    ]


def evaluate(
    texts: list[tuple[str, list[Gold]]], show_errors: int = 0, language: str = ""
) -> tuple[Report, float, list[Extraction]]:
    report = Report()
    elapsed = 0.0
    results = []
    shown = 0
    for text, golds in texts:
        t0 = time.perf_counter()
        result = extract(text, language=language)
        elapsed += time.perf_counter() - t0
        results.append(result)
        preds = predicted(result, nested=language == "de", text=text)
        report.add(golds, preds)
        if shown < show_errors:
            shown += _print_errors(text, with_referents(golds), preds, show_errors - shown)
    return report, elapsed, results


def _print_errors(text: str, golds: list[Gold], preds: list[Predicted], budget: int) -> int:
    def snip(s: frozenset[int]) -> str:
        return repr(text[min(s) : max(s) + 1][:140]) if s else "-"

    n = 0
    for g in golds:
        fitting = [p for p in preds if fits(g, p)]
        best = max(fitting or preds, key=lambda p: (speaker_ok(g, p), len(p.content & g.content)), default=None)
        overlap = len(best.content & g.content) if best else 0
        span_ok = bool(fitting)
        if span_ok and best is not None and speaker_ok(g, best):
            continue
        kind = "SPEAKER" if span_ok else ("SPAN" if overlap else "MISSED")
        print(f"[{kind}] {'direct' if g.direct else 'indirect'} gold {snip(g.content)} by {g.speaker_text!r}")
        if best is not None and overlap:
            print(f"        pred {snip(best.content)} by {snip(best.speaker)} {best.names[:1]}")
        n += 1
        if n >= budget:
            break
    return n


def _official(docs: list[german_quotes.GermanDoc], results: list[Extraction], official: Path) -> list[str]:
    """Predictions in the gold format, scored by the dataset authors' official_eval.py."""
    if importlib.util.find_spec("scipy") is None:
        return ["official scorer skipped: needs scipy (pip install -e '.[eval]')"]
    spec = importlib.util.spec_from_file_location("official_eval", official)
    assert spec and spec.loader
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    kinds = {QuoteKind.DIRECT: "Direct", QuoteKind.PARTIAL: "Direct", QuoteKind.INDIRECT: "Indirect"}
    with tempfile.TemporaryDirectory() as tmp:
        for doc, result in zip(docs, results, strict=True):
            annotations = []
            role = _roles(doc)
            for q in result.quotes:
                parts = [(q.start, q.end, kinds[q.kind], False)]
                if q.kind is QuoteKind.PARTIAL and (q.start, q.end) not in q.segments:  # the set's nesting
                    parts = [(q.start, q.end, "Indirect", False)] + [(s, e, "Direct", True) for s, e in q.segments]
                elif q.kind is QuoteKind.DIRECT and interrupted(doc.text, q):  # one quote per marks
                    parts = [(s, e, "Direct", False) for s, e in q.segments]
                for start, end, kind, is_nested in parts:
                    annotations.append(
                        {
                            "quote": role(start, end),
                            "speaker": role(q.speaker_start, q.speaker_end),
                            "cue": role(q.cue_start, q.cue_end),
                            "type": kind,
                            "medium": "Speech",  # not predicted; the scorer needs a value (its commonest)
                            "isNested": is_nested,
                        }
                    )
            (Path(tmp) / doc.path.name).write_text(
                json.dumps({"documentName": doc.raw["documentName"], "annotations": annotations}), encoding="utf-8"
            )
        scores = module.evaluate(tmp, str(doc.path.parent), print_scores=False)
        speaker = _role_f1(module, tmp, str(docs[0].path.parent), "speaker")
    return [
        f"official_eval.py: messages F1 {scores['f1_msg']:.3f} (P {scores['prec_msg']:.3f} R {scores['rec_msg']:.3f}), "
        f"roles F1 {scores['f1_roles']:.3f}, joint F1 {scores['f1_joint']:.3f}, type F1 {scores['f1_form']:.3f}",
        f"official assignment, speaker-role token F1 {speaker:.3f}",
    ]


def _roles(doc: german_quotes.GermanDoc) -> Callable[[int, int], dict[str, list[int]]]:
    def role(start: int, end: int) -> dict[str, list[int]]:
        return {"tokenIds": german_quotes.token_ids(doc, chars(start, end))}

    return role


def _role_f1(module: Any, pred_dir: str, gold_dir: str, role: str) -> float:
    """Token-level F1 of one role over the official scorer's own assignment of statements."""
    gold, pred = module.get_documents(gold_dir), module.get_documents(pred_dir)
    tp = fp = fn = 0
    for doc_id, gdoc in gold.items():
        g_groups = [g for g in gdoc.groups if not g.isNested]
        s_groups = pred[doc_id].groups if doc_id in pred else []
        si, gi = module.assign_messages(s_groups, g_groups) if s_groups and g_groups else ([], [])
        matched_g = set(gi)
        for s, g in zip(si, gi, strict=True):
            t, f, n = [], [], []
            module.score_spans(g_groups[g].roles[role], s_groups[s].roles.get(role, []), t, f, n)
            tp, fp, fn = tp + len(t), fp + len(f), fn + len(n)
        fn += sum(len(g.roles[role]) for k, g in enumerate(g_groups) if k not in matched_g)
        fp += sum(len(s.roles.get(role, [])) for k, s in enumerate(s_groups) if k not in set(si))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--lang", choices=("en", "de"), default="en")
    parser.add_argument("--official", action="store_true", help="German: also run the dataset's official_eval.py")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses")
    args = parser.parse_args(argv)
    directory = args.directory or DEFAULT_DIRS[args.lang]
    extract("Warm-up: “Loading the name lists,” Anna Smith said.")  # one-off start-up cost
    if args.lang == "en":
        en_docs = polnear.load(directory)
        texts = [(d.text, polnear_golds(d)) for d in en_docs]
    else:
        de_docs = german_quotes.load(directory)
        texts = [(d.text, d.golds) for d in de_docs]
    if not texts:
        parser.error(f"no documents under {directory}")
    report, elapsed, results = evaluate(texts, args.errors, args.lang)
    print(f"{directory} ({len(texts)} articles, {sum(len(g) for _, g in texts)} gold statements)")
    for line in report.lines():
        print(line)
    if args.lang == "de" and args.official:
        for line in _official(de_docs, results, directory.parent / "official_eval.py"):
            print(line)
    per = elapsed * 1000 / len(texts)
    print(f"extraction: {len(texts) / elapsed:.0f} articles/s on one core ({per:.1f} ms/article)")
    print(f"peak memory (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
