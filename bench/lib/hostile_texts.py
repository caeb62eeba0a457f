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


def _transcript(n: int) -> str:
    """A transcript of ever new speakers, each labelled once or twice, and single quotation marks:
    every label is looked up among every person the text names."""
    lines, size, k = [], 0, 0
    while size < n:
        line = f"Speaker{k} Person{k}: 'we said it' and you asked what? Person{k // 2}: yes.\n\n"
        lines.append(line)
        size += len(line)
        k += 1
    return "".join(lines)[:n]


CASES: dict[str, Callable[[int], str]] = {
    "transcript of many speakers": _transcript,
    # speakers called by an age or a title with no such person before: each looks back for one
    "speakers by age and title": _repeat("Acme Robotics opened. “We grow,” said the 40-year-old and the minister. "),
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
    # a name defining its acronym over and over: each run must find its definition without a scan
    "acronym definitions": _repeat("Der Verband der Kältetechnik (VDK) tagt, sagte der VDK. "),
    # whitespace to the end: every search for a token from inside it must not read to the end again
    "trailing whitespace": lambda n: ("“Yes,” said Ann Lee." + " \n\t" * n)[:n],
    # each of these once cost time in the square of its length (a search repeated from every
    # position, or a rule that asked the whole run, clause or text again for each of its words)
    "leading spaces": lambda n: " " * (n - 21) + "“Yes,” said Ann Lee.",
    "run of full stops": lambda n: ("“Yes,” said Ann Lee. " + "." * n)[:n],
    "run of titles": lambda n: ("“Yes,” said Ann Lee. " + "Dr. " * n)[:n],
    "run of initials": _repeat("A "),
    "run of links": _repeat("Bank of "),
    "cue after cue": _repeat("sagte "),
    "fragment after fragment": lambda n: ("“a” " * n)[: n - 22] + " “Yes,” said Ann Lee.",
    "fragments after one cue": lambda n: ("“Yes,” said Ann Lee. " + "“a” " * n)[:n],
    # a short capitalised quote is asked whether its sentence is reported speech: each looked its
    # sentence up in a list of sentence starts made again for it
    "quoted word after quoted word": _repeat("Er nannte es „Ja“. "),
    # a quote opening every paragraph: the German rules copied the whole text before each one to
    # ask whether it ended in a colon
    "quote after quote, a paragraph each": _repeat("„Ja, das ist gut.“\n"),
    "according to, over and over": _repeat("according to "),
    "he said, over and over": _repeat("he said "),
}
