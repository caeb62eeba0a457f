"""Acronyms a text defines: "Verband der Automobilindustrie (VDA)", "Bund für Umwelt und Naturschutz
Deutschland (BUND)", "Federal Emergency Management Agency (FEMA)". The words before the bracket
whose initials spell the acronym are one name, and the acronym is that name's alias wherever the
text uses it (Schwartz and Hearst 2003 find definitions the same way, letter by letter)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.lexicon import NON_NAMES, is_acronym
from pipeline.extract.text import Token, tokens_with

_REACH = 8  # words before the bracket a definition may take
_COMPOUND = 12  # shortest word read as a compound whose parts give letters ("Zollkriminalamt", not "Federation")
_SKIPPED = 4  # longest lower-case word a name may hold without giving a letter ("der", "and", "für")


@dataclass(frozen=True)
class Definition:
    start: int  # index of the name's first token
    end: int  # index after its last (the opening bracket)
    acronym: str


def definitions(tokens: list[Token], text: str, starts: list[int], compounds: bool = False) -> list[Definition]:
    """Every "Name (ACR)" of the tokens (of text; starts: theirs), in text order: the longest run of
    words right before the bracket, starting with a capitalised word that is no function word, that
    spells the acronym. compounds: a word may give letters from inside it ("Bundeskriminalamt (BKA)")."""
    found: list[Definition] = []
    for k in tokens_with(text, tokens, starts, "("):  # from the text's brackets, not a test of each token
        if not 0 < k < len(tokens) - 2 or tokens[k + 2].text != ")":
            continue
        acr = tokens[k + 1].text
        letters = acr.replace(".", "").lower()
        if not (is_acronym(acr) and letters.isalpha()) or tokens[k - 1].end + 1 != tokens[k].start:
            continue
        for first in range(max(0, k - _REACH), k):
            words = [t.text for t in tokens[first:k]]
            if any(not w.replace("-", "").isalpha() for w in words) or not _joined(tokens, first, k):
                continue
            if words[0][:1].isupper() and words[0].lower() not in NON_NAMES and _spells(words, letters, compounds):
                found.append(Definition(first, k, acr))
                break
    return found


def _joined(tokens: list[Token], first: int, end: int) -> bool:
    """Words separated by single spaces (no line or clause between them)."""
    return all(tokens[j].start - tokens[j - 1].end == 1 for j in range(first + 1, end))


def _spells(words: list[str], acr: str, compounds: bool) -> bool:
    """Every capitalised word gives the acronym its initial (and, in compounds, may give more
    letters from inside it: "Bundesvereinigung" gives B and V); a lower-case word gives its initial,
    or nothing when it is a short function word ("der", "für", "of"); the letters are used up
    exactly."""

    def match(w: int, a: int) -> bool:
        if w == len(words):
            return a == len(acr)
        word = words[w].lower()
        skippable = not words[w][0].isupper() and len(word) <= _SKIPPED
        if a == len(acr) or word[0] != acr[a]:
            return skippable and match(w + 1, a)
        if skippable and match(w + 1, a):
            return True
        ends = [a + 1]  # the initial, then any further letters of the acronym in order inside the word
        at, b = 1, a + 1
        while compounds and len(word) >= _COMPOUND and b < len(acr) and (at := word.find(acr[b], at) + 1) > 0:
            b += 1
            ends.append(b)
        return any(match(w + 1, e) for e in reversed(ends))

    return match(0, 0)
