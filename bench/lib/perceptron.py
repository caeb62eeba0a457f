"""A greedy averaged-perceptron part-of-speech tagger (Collins 2002), small enough to train on a
treebank in seconds: the candidate part-of-speech layer of issue 30, measured by bench/pos_tagger.py."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

Sentence = list[tuple[str, str]]  # (word, tag)


def read_conllu(path: Path, column: int = 4) -> list[Sentence]:
    """Words and one tag column (3: UPOS, 4: XPOS) of a CoNLL-U file; multiword tokens ("im" =
    "in dem") are skipped for their parts, as a treebank's tagger sees them."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if current:
                sentences.append(current)
            current = []
        elif not line.startswith("#"):
            cells = line.split("\t")
            if cells[0].isdigit():
                current.append((cells[1], cells[column]))
    if current:
        sentences.append(current)
    return sentences


def _shape(word: str) -> str:
    first = word[:1]
    return "X" if first.isupper() else "d" if first.isdigit() else "x" if first.isalpha() else "p"


def features(words: list[str], i: int, prev: str, prev2: str) -> list[str]:
    """The word, its affixes and shape, its neighbours and the two tags before it."""
    w = words[i].lower()
    before = words[i - 1].lower() if i else "<s>"
    after = words[i + 1] if i + 1 < len(words) else "</s>"
    after2 = words[i + 2].lower() if i + 2 < len(words) else "</s>"
    return [
        "b",
        "w" + w,
        "s2" + w[-2:],
        "s3" + w[-3:],
        "s4" + w[-4:],
        "p1" + w[:1],
        f"sh{_shape(words[i])}{i == 0}",
        "t1" + prev,
        f"t2{prev}|{prev2}",
        f"tw{prev}|{w}",
        "pw" + before,
        "ps3" + before[-3:],
        "nw" + after.lower(),
        "ns3" + after.lower()[-3:],
        "nsh" + _shape(after),
        "n2" + after2,
        f"len{min(len(w), 12)}",
    ]


@dataclass
class Tagger:
    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)

    def _best(self, feats: list[str]) -> str:
        scores = dict.fromkeys(self.tags, 0.0)
        for f in feats:
            for tag, weight in self.weights.get(f, {}).items():
                scores[tag] += weight
        return max(self.tags, key=lambda t: (scores[t], t))

    def tag(self, words: list[str]) -> list[str]:
        out: list[str] = []
        prev = prev2 = "<s>"
        for i in range(len(words)):
            tag = self._best(features(words, i, prev, prev2))
            out.append(tag)
            prev2, prev = prev, tag
        return out


def train(sentences: list[Sentence], passes: int = 8, seed: int = 0) -> Tagger:
    """Perceptron updates on the gold history, weights averaged over every step (lazily: a
    weight's running total is brought up to date only when it changes)."""
    tagger = Tagger(tags=sorted({t for s in sentences for _, t in s}))
    totals: dict[tuple[str, str], float] = {}
    stamps: dict[tuple[str, str], int] = {}
    step = 0
    order = list(sentences)
    rng = random.Random(seed)
    for _ in range(passes):
        rng.shuffle(order)
        for sentence in order:
            words = [w for w, _ in sentence]
            prev = prev2 = "<s>"
            for i, (_, gold) in enumerate(sentence):
                feats = features(words, i, prev, prev2)
                guess = tagger._best(feats)
                step += 1
                if guess != gold:
                    for f in feats:
                        row = tagger.weights.setdefault(f, {})
                        for tag, delta in ((gold, 1.0), (guess, -1.0)):
                            key = (f, tag)
                            totals[key] = totals.get(key, 0.0) + (step - stamps.get(key, 0)) * row.get(tag, 0.0)
                            stamps[key] = step
                            row[tag] = row.get(tag, 0.0) + delta
                prev2, prev = prev, gold
    for f, row in tagger.weights.items():
        for tag in list(row):
            key = (f, tag)
            average = (totals.get(key, 0.0) + (step - stamps.get(key, 0)) * row[tag]) / step
            if abs(average) < 1e-3:
                del row[tag]
            else:
                row[tag] = average
    return tagger
