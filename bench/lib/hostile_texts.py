"""Hostile texts for the extractor, each a function of the length wanted: quote-mark floods,
nesting, no sentence ends, RTL and emoji, NUL and surrogates (bench/pathological.py and
tests/extract/test_hostile_text.py)."""

from __future__ import annotations

from typing import Callable


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _nested(n: int) -> str:
    """Quotes opened inside quotes, all of them closed at the end."""
    opens, closes = "“‘«„「", "”’»“」"
    depth = n // 8
    head = "".join(f"{opens[i % 5]}w " for i in range(depth))
    return (head + "".join(closes[i % 5] for i in reversed(range(depth))))[:n]


def _mixed_scripts(n: int) -> str:
    unit = "قال الوزير “نعم” 😀👍🏽 e\u0301\u0301\u0301 שלום עולם, "
    return _repeat(unit)(n)


CASES: dict[str, Callable[[int], str]] = {
    "opening marks": _repeat("“"),
    "open mark + word": _repeat("“a"),
    "unmatched straight quotes": _repeat('"word '),
    "nested quotes": _nested,
    "no sentence punctuation": _repeat("the minister said that the plan would work and "),
    "one long attributed sentence": lambda n: "“Yes,” said Ann Lee, " + _repeat("who argued that the plan, ")(n),
    "capitalised run": _repeat("Alpha Bravo Charlie Delta Echo Foxtrot "),
    "said without end": _repeat("said Ann Lee that "),
    "NUL and surrogates": _repeat("\x00\ud800\udfff"),
    "RTL, emoji, combining": _mixed_scripts,
    "German cues": _repeat("„Das ist gut“, sagte Anna Roth, die meinte, "),
}
