"""Actor scoring as in ../shared/eval/README.md: per article, predicted and gold actors are sets of
entities; a pair matches when a normalised name or alias of one equals a normalised name or alias
of the other (case- and punctuation-insensitive), one-to-one (maximum bipartite matching, so an
actor split in two spellings counts once, the other half as a false positive). Typed figures need
the same type as well; titles are compared on matched persons."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

TYPES = ("person", "organization", "place")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def norm(name: str) -> str:
    """Case-, accent-composition- and punctuation-insensitive form; a possessive 's is dropped."""
    s = unicodedata.normalize("NFC", name).replace("’", "'")
    s = re.sub(r"'s?$", "", s.strip())
    s = _PUNCT.sub(" ", s.lower())
    return _SPACE.sub(" ", s).strip()


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()

    def keys(self) -> frozenset[str]:
        return frozenset(k for k in (norm(n) for n in (self.name, *self.aliases)) if k)


def match(pred: list[Entity], gold: list[Entity]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (augmenting paths; articles have at most a few hundred actors)."""
    gold_keys = [g.keys() for g in gold]
    edges = [[j for j, gk in enumerate(gold_keys) if p.keys() & gk] for p in pred]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(pred)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class ActorReport:
    """Counts summed over articles; figures are micro-averaged."""

    n_pred: int = 0
    n_gold: int = 0
    tp: int = 0
    typed_pred: Counter[str] = field(default_factory=Counter)
    typed_gold: Counter[str] = field(default_factory=Counter)
    typed_tp: Counter[str] = field(default_factory=Counter)
    type_right: int = 0
    title_pred: int = 0
    title_gold: int = 0
    title_tp: int = 0
    title_tp_lenient: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_types: list[str] = field(default_factory=list)

    def add(self, pred: list[Entity], gold: list[Entity], article: str = "") -> None:
        pairs = match(pred, gold)
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        self.tp += len(pairs)
        self.typed_pred.update(p.type for p in pred)
        self.typed_gold.update(g.type for g in gold)
        for i, j in pairs:
            p, g = pred[i], gold[j]
            if p.type == g.type:
                self.type_right += 1
                self.typed_tp[g.type] += 1
            else:
                self.wrong_types.append(f"{article}: {g.name!r} gold {g.type}, predicted {p.type}")
            if g.type == "person" and p.type == "person":
                self._titles(p.titles, g.titles)
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        self.false_positives += [f"{article}: {p.name!r} ({p.type})" for i, p in enumerate(pred) if i not in matched_p]
        self.misses += [f"{article}: {g.name!r} ({g.type})" for j, g in enumerate(gold) if j not in matched_g]

    def _titles(self, pred: tuple[str, ...], gold: tuple[str, ...]) -> None:
        p = {norm(t) for t in pred if norm(t)}
        g = {norm(t) for t in gold if norm(t)}
        self.title_pred += len(p)
        self.title_gold += len(g)
        self.title_tp += len(p & g)
        # secondary: a title counts when one contains the other as whole words ("ambassador" in
        # "former united states ambassador to russia")
        self.title_tp_lenient += sum(any(f" {a} " in f" {b} " or f" {b} " in f" {a} " for a in p) for b in g)

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        out["P"], out["R"], out["F1"] = _f1(self.tp, self.n_pred, self.n_gold)
        for t in TYPES:
            out[f"{t} P"], out[f"{t} R"], out[f"{t} F1"] = _f1(self.typed_tp[t], self.typed_pred[t], self.typed_gold[t])
        out["type accuracy"] = self.type_right / self.tp if self.tp else 0.0
        out["title P"], out["title R"], _ = _f1(self.title_tp, self.title_pred, self.title_gold)
        out["title R (lenient)"] = self.title_tp_lenient / self.title_gold if self.title_gold else 0.0
        return out
