"""Quotes and speakers on ../shared/eval/genres-dev (press releases, Q&A interviews, sports and
business, science and health, non-US outlets, German news), strictly, as ../shared/eval/README.md
says: one-to-one, at least half of both spans; a direct gold is the words inside the marks, and
each segment of a predicted direct quote (each part of an interrupted quote, each paragraph of a
multi-paragraph one) is a prediction of its own; a partial gold is the whole reported clause; the
speaker is right when the predicted speaker's name or an alias shares its last word with the gold
name, either way round (an unnamed gold speaker is never right).

    .venv/bin/python -m bench.eval_genres [--lang en|de|all] [--errors N] [DIR]

Prints the metrics for all texts of the language, then direct + speaker and all + speaker per
genre, then how the actors of rightly found speakers are typed against the set's speaker_type
(person, organisation, other: a document): a company typed a person shows there. The speaker
metrics are the headline here: every paragraph taken as a quote matches the
spans of interview answers (direct spans F1 .45 on the set) but no speaker
(tests/bench/test_quote_scoring.py).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.lib.quote_scoring import Gold, Predicted, Report, chars, fits, speaker_ok
from pipeline.extract import Extraction, QuoteKind, extract
from pipeline.extract.language import detect_language

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "genres-dev"


@dataclass(frozen=True)
class GenreText:
    name: str
    genre: str
    text: str
    golds: list[Gold]
    speaker_types: list[str]  # per gold: person, organisation or other


def _positions(text: str, sub: str) -> list[int]:
    """Every start of `sub`, overlapping ones too (as the set's check.py counts occurrences)."""
    out, i = [], text.find(sub)
    while i != -1:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def load(directory: Path) -> list[GenreText]:
    texts = []
    for path in sorted(directory.glob("[0-9][0-9]-*.json")):
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        golds, types = [], []
        for a in json.loads(path.read_text(encoding="utf-8"))["attributions"]:
            start = _positions(text, a["content"])[a.get("occurrence", 0)]
            golds.append(
                Gold(
                    chars(start, start + len(a["content"])),
                    a["kind"] in ("direct", "partial"),
                    speaker_text=a["speaker"],
                    by_name=True,
                )
            )
            types.append(a.get("speaker_type", ""))
        texts.append(GenreText(path.stem, path.stem.split("-", 1)[1], text, golds, types))
    return texts


def predictions(result: Extraction) -> list[Predicted]:
    """Our quotes in the set's scheme: each segment of a direct quote on its own."""
    aliases = {a.canonical_name: a.aliases for a in result.actors}
    out = []
    for q in result.quotes:
        names = (q.speaker, *aliases.get(q.speaker, ())) if q.speaker else ()
        speaker = chars(q.speaker_start, q.speaker_end)
        if q.kind is QuoteKind.DIRECT and q.segments:
            out.extend(Predicted(chars(s, e), True, speaker, names) for s, e in q.segments)
        else:
            out.append(Predicted(chars(q.start, q.end), q.kind is not QuoteKind.INDIRECT, speaker, names))
    return out


_OUR_TYPES = {"person": "person", "organization": "organisation", "place": "organisation", "other": "other"}


def speaker_types(doc: GenreText, result: Extraction, preds: list[Predicted]) -> Counter[tuple[str, str]]:
    """(gold speaker_type, our actor's type) for each named gold speaker a prediction finds:
    places speak as their governments ("China said"), so they count as organisations."""
    types = {a.canonical_name: a.type.value for a in result.actors}
    out: Counter[tuple[str, str]] = Counter()
    for g, gold_type in zip(doc.golds, doc.speaker_types, strict=True):
        found = next((p for p in preds if fits(g, p) and speaker_ok(g, p)), None)
        if found is not None and found.names and gold_type:
            out[gold_type, _OUR_TYPES.get(types.get(found.names[0], ""), "none")] += 1
    return out


def _type_lines(counts: Counter[tuple[str, str]]) -> list[str]:
    lines = ["speaker types of rightly found speakers (gold -> ours):"]
    for gold in ("person", "organisation", "other"):
        row = {ours: n for (g, ours), n in counts.items() if g == gold}
        if row:
            lines.append(f"  {gold:<13} " + ", ".join(f"{ours} {n}" for ours, n in sorted(row.items())))
    for ours in ("person", "organisation"):
        total = sum(n for (_, o), n in counts.items() if o == ours)
        if total:
            right = counts[ours, ours]
            lines.append(f"  typed {ours}: precision {right / total:.3f} ({right} of {total})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--lang", choices=["en", "de", "all"], default="en", help="texts of this language")
    parser.add_argument("--errors", type=int, default=0, help="print the first N gold statements missed or wrong")
    args = parser.parse_args()
    if not args.directory.is_dir():
        raise SystemExit(f"{args.directory} not found (the shared eval data lies beside the checkout)")
    overall, by_genre = Report(), dict[str, Report]()
    typed: Counter[tuple[str, str]] = Counter()
    shown = 0
    for doc in load(args.directory):
        lang = detect_language(doc.text)
        if args.lang != "all" and lang != args.lang:
            continue
        result = extract(doc.text, language=lang)
        preds = predictions(result)
        typed += speaker_types(doc, result, preds)
        overall.add(doc.golds, preds)
        by_genre.setdefault(f"{doc.genre} ({lang})", Report()).add(doc.golds, preds)
        for g in doc.golds if shown < args.errors else ():
            if not any(p.content & g.content for p in preds):
                shown += 1
                snippet = doc.text[min(g.content) : max(g.content) + 1][:120]
                print(f"[MISSED] {doc.name}: {snippet!r} by {g.speaker_text!r}")
    print(f"genres-dev ({args.lang}), strict one-to-one:")
    for line in overall.lines():
        print(line)
    print("per genre (F1): direct + speaker, all + speaker")
    for genre, report in sorted(by_genre.items()):
        print(f"  {genre:<28} {report.f1('direct + speaker'):.3f}  {report.f1('all + speaker'):.3f}")
    for line in _type_lines(typed):
        print(line)


if __name__ == "__main__":
    main()
