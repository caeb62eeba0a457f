"""Does a part-of-speech layer pay for German speakers? (issue 30) A perceptron tagger
(bench/lib/perceptron.py) trained on Universal Dependencies German GSD, measured side by side
with the rule it would replace: `Words._verb_like` ("a lower-case content word is a verb", since
German capitalises its nouns).

    .venv/bin/python -m bench.pos_tagger UD_DIR [--no-folds]

UD_DIR holds de_gsd-ud-dev.conllu and de_gsd-ud-test.conllu (CC BY-SA 4.0; e.g. a checkout of
github.com/UniversalDependencies/UD_German-GSD). The tagger trains on dev and two thirds of test
and is scored on the other third (every third sentence). Prints STTS accuracy, tokens/s and the
model's memory; for lower-case words, how well each tells a verb (gold STTS tag V*) from the rest;
and the German train folds (bench/german_folds.py) with `_verb_like` answered by the tagger:
"both" keeps the rule and also asks the tagger to agree, "tagger" replaces it (lower-case and
tagged V*). Each sentence is tagged once, when a rule first asks about one of its words.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import german_folds
from bench.lib.perceptron import Tagger, read_conllu, train
from pipeline.extract.german import words as german_words

_RULE = german_words.Words._verb_like


def _verb_scores(tagger: Tagger, held: list[list[tuple[str, str]]]) -> None:
    counts = {"gold": 0, "rule": 0, "rule_ok": 0, "tagger": 0, "tagger_ok": 0}
    for sentence in held:
        words = [w for w, _ in sentence]
        for (word, gold), guess in zip(sentence, tagger.tag(words), strict=True):
            if not (word[:1].islower() and word.isalpha()):
                continue
            is_verb = gold.startswith("V")
            counts["gold"] += is_verb
            for name, says in (("rule", german_words.verb_like(word)), ("tagger", guess.startswith("V"))):
                counts[name] += says
                counts[name + "_ok"] += says and is_verb
    print("lower-case words: verb (gold STTS V*) or not")
    for name in ("rule", "tagger"):
        p, r = counts[name + "_ok"] / max(counts[name], 1), counts[name + "_ok"] / max(counts["gold"], 1)
        print(f"  {name:<7} precision {p:.3f}  recall {r:.3f}  ({counts['gold']} verbs)")


@contextmanager
def _verb_like(tagger: Tagger, combine: Callable[[bool, bool, str], bool]) -> Iterator[None]:
    """Words._verb_like answered with the tagger's tag of the token (its sentence tagged once)."""

    def verb_like(self: german_words.Words, k: int) -> bool:
        doc = self.doc
        cache: dict[int, tuple[int, list[str]]] = doc.__dict__.setdefault("_pos_tags", {})
        s, e = doc.sentence(doc.tokens[k].start)
        if s not in cache:
            span = doc.token_range(s, e)
            cache[s] = (span.start, tagger.tag([doc.tokens[j].text for j in span]))
        first, tags = cache[s]
        tag = tags[k - first] if 0 <= k - first < len(tags) else ""
        return combine(_RULE(self, k), doc.tokens[k].text[:1].islower(), tag)

    german_words.Words._verb_like = verb_like  # type: ignore[method-assign]
    try:
        yield
    finally:
        german_words.Words._verb_like = _RULE  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ud_dir", type=Path)
    parser.add_argument("--no-folds", action="store_true", help="skip the effect on German speakers")
    args = parser.parse_args()
    dev = read_conllu(args.ud_dir / "de_gsd-ud-dev.conllu")
    test = read_conllu(args.ud_dir / "de_gsd-ud-test.conllu")
    held = test[::3]
    training = dev + [s for i, s in enumerate(test) if i % 3]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    tagger = train(training)
    print(
        f"trained on {len(training)} sentences ({sum(map(len, training)):,} tokens) in "
        f"{time.perf_counter() - t0:.1f} s; {sum(map(len, tagger.weights.values())):,} weights, "
        f"peak RSS +{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024:.0f} MB while training"
    )
    t0 = time.perf_counter()
    guesses = [tagger.tag([w for w, _ in s]) for s in held]
    elapsed = time.perf_counter() - t0
    tokens = sum(map(len, held))
    right = sum(g == t for s, gs in zip(held, guesses, strict=True) for (_, t), g in zip(s, gs, strict=True))
    print(f"held out: {len(held)} sentences, STTS accuracy {right / tokens:.3f}, {tokens / elapsed:,.0f} tokens/s")
    _verb_scores(tagger, held)
    if args.no_folds:
        return
    runs: list[tuple[str, Callable[[bool, bool, str], bool] | None]] = [
        ("rule (today)", None),
        ("both", lambda rule, lower, tag: rule and tag.startswith("V")),
        ("tagger", lambda rule, lower, tag: lower and tag.startswith("V")),
    ]
    for name, combine in runs:
        print(f"\n== German train folds, _verb_like: {name}")
        t0 = time.perf_counter()
        if combine is None:
            german_folds.main([])
        else:
            with _verb_like(tagger, combine):
                german_folds.main([])
        print(f"({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
