"""Strict scoring of quotes and speakers, the conventions of ../shared/eval/README.md.

Headline metrics (all one-to-one):
- a predicted and a gold statement pair only when their character overlap covers at least half of
  *both* spans, and the predicted content does not swallow the gold attribution (more than half of
  the gold speaker and cue characters): content is what was said, not who said it. Pairs are
  chosen greedily by overlap, each gold and each prediction used once;
- a speaker is right only when the predicted speaker mention lies mostly (>= 50% of its characters)
  inside the gold speaker span, or the predicted speaker's name (canonical or an alias, at most six
  words) names the same person: its last word is a word of the gold speaker, or of the nearest
  preceding named gold speaker when the gold speaker is a pronoun;
- "direct" compares gold statements with quotation marks against predicted direct and partial
  quotes; "all" compares every gold statement against every prediction; "+ speaker" counts a pair
  only when its speaker is right too.
Lenient lines (secondary, comparable with earlier turns): any overlap of >= 50% of the *shorter*
span, many-to-many.

A degenerate prediction (the whole text as one quote and as its speaker, or every paragraph as a
quote) scores below 0.10 on every headline metric: tests/bench/test_quote_scoring.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

_WORD = re.compile(r"\w+")
PRONOUNS = frozenset(
    "he she they i we it his her their him them you er sie ihr ich wir es il elle ils elles on он она они".split()
)


@dataclass(frozen=True)
class Gold:
    content: frozenset[int]
    direct: bool
    speaker: frozenset[int] = frozenset()
    speaker_text: str = ""
    referent: str = ""  # for a pronoun speaker: the nearest preceding named gold speaker
    cue: frozenset[int] = frozenset()
    by_name: bool = False  # genres-dev: the gold speaker is a name, not a span (same_name decides)


@dataclass(frozen=True)
class Predicted:
    content: frozenset[int]
    direct: bool  # direct or partial: the statement has quotation marks
    speaker: frozenset[int] = frozenset()
    names: tuple[str, ...] = ()  # the resolved speaker's canonical name and aliases


def chars(start: int, end: int) -> frozenset[int]:
    return frozenset(range(start, end)) if end > start else frozenset()


def with_referents(golds: Sequence[Gold]) -> list[Gold]:
    """Fill `referent` for pronoun speakers: the nearest named gold speaker before it."""
    named = sorted((min(g.speaker), g.speaker_text) for g in golds if g.speaker and not is_pronoun(g.speaker_text))
    out = []
    for g in golds:
        if g.speaker and is_pronoun(g.speaker_text):
            before = [text for start, text in named if start < min(g.speaker)]
            g = Gold(g.content, g.direct, g.speaker, g.speaker_text, before[-1] if before else "", g.cue)
        out.append(g)
    return out


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in PRONOUNS


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def same_name(gold_name: str, names: Sequence[str]) -> bool:
    """genres-dev's rule: a predicted name (or alias) of one to six words shares its last word with
    the gold name, either way round; an unnamed gold speaker ('') is never matched."""
    gold = _words(gold_name)
    if not gold:
        return False
    for name in names:
        words = _words(name)
        if 1 <= len(words) <= 6 and (words[-1] in gold or gold[-1] in words):
            return True
    return False


def speaker_ok(gold: Gold, pred: Predicted) -> bool:
    if gold.by_name:
        return same_name(gold.speaker_text, pred.names)
    if not gold.speaker:
        return False
    if pred.speaker and len(pred.speaker & gold.speaker) >= 0.5 * len(pred.speaker):
        return True
    target = set(_words(gold.referent if is_pronoun(gold.speaker_text) else gold.speaker_text))
    for name in pred.names:
        words = _words(name)
        if 1 <= len(words) <= 6 and words[-1] in target:
            return True
    return False


def _swallows_attribution(g: Gold, p: Predicted) -> bool:
    """The prediction covers most of the gold speaker and cue, where those lie outside the gold
    content (the German set's "Reported" statements include their speaker in the content)."""
    attribution = (g.speaker | g.cue) - g.content
    return bool(attribution) and len(p.content & attribution) > 0.5 * len(attribution)


def fits(g: Gold, p: Predicted) -> bool:
    """The strict span criterion: overlap >= half of both, attribution not swallowed."""
    both = len(g.content & p.content)
    halves = bool(both) and both >= 0.5 * len(g.content) and both >= 0.5 * len(p.content)
    return halves and not _swallows_attribution(g, p)


def strict_pairs(golds: Sequence[Gold], preds: Sequence[Predicted], speaker: bool) -> int:
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if fits(g, p) and (not speaker or speaker_ok(g, p)):
                candidates.append((len(g.content & p.content), gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def lenient(golds: Sequence[Gold], preds: Sequence[Predicted], speaker: bool) -> tuple[int, int]:
    """(gold found, predictions right) with >= 50% of the shorter span, many-to-many."""
    found, right = set(), set()
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            both = len(g.content & p.content)
            if both and both >= 0.5 * min(len(g.content), len(p.content)) and (not speaker or speaker_ok(g, p)):
                found.add(gi)
                right.add(pi)
    return len(found), len(right)


@dataclass
class Score:
    tp_gold: int = 0
    tp_pred: int = 0
    gold: int = 0
    predicted: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_pred / self.predicted if self.predicted else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, label: str) -> str:
        p, r, f = self.prf()
        counts = f"({self.tp_gold} of {self.gold} gold, {self.predicted} predicted)"
        return f"{label:<36} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   {counts}"


HEADLINE = ("direct spans", "direct + speaker", "all attributions", "all + speaker")
LENIENT = ("lenient direct spans", "lenient direct + speaker", "lenient all attributions")


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in HEADLINE + LENIENT})

    def add(self, golds: Sequence[Gold], preds: Sequence[Predicted]) -> None:
        golds = with_referents(golds)
        gd, pd = [g for g in golds if g.direct], [p for p in preds if p.direct]
        for label, g, p, spk in (
            ("direct spans", gd, pd, False),
            ("direct + speaker", gd, pd, True),
            ("all attributions", golds, preds, False),
            ("all + speaker", golds, preds, True),
        ):
            n = strict_pairs(g, p, spk)
            s = self.scores[label]
            s.tp_gold += n
            s.tp_pred += n
            s.gold += len(g)
            s.predicted += len(p)
        for label, g, p, spk in (
            ("lenient direct spans", gd, pd, False),
            ("lenient direct + speaker", gd, pd, True),
            ("lenient all attributions", golds, preds, False),
        ):
            found, right = lenient(g, p, spk)
            s = self.scores[label]
            s.tp_gold += found
            s.tp_pred += right
            s.gold += len(g)
            s.predicted += len(p)

    def merge(self, other: Report) -> None:
        """Add another report's counts (folds into their whole)."""
        for label, score in other.scores.items():
            mine = self.scores[label]
            mine.tp_gold += score.tp_gold
            mine.tp_pred += score.tp_pred
            mine.gold += score.gold
            mine.predicted += score.predicted

    def f1(self, label: str) -> float:
        return self.scores[label].prf()[2]

    def lines(self) -> Iterable[str]:
        for label in HEADLINE:
            yield self.scores[label].line(label)
        yield "secondary (lenient: >= 50% of the shorter span, many-to-many):"
        for label in LENIENT:
            yield self.scores[label].line("  " + label)
