"""Tokens, sentences and paragraphs with character offsets, so every result maps back to the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

# Words with inner apostrophes/periods/hyphens ("U.S.", "O'Brien", "al-Assad"), numbers with their
# separators ("30,000", "8.42", "1.000"; a comma inside a number ends no clause), or one symbol.
# (the lookahead says what every alternative needs first: the search skips whitespace faster)
_TOKEN = re.compile(r"(?=\S)(?:(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)+|[\w]+(?:[’'\-][\w]+)*|\S)")
# Abbreviations after which a period does not end a sentence.
_ABBREV = frozenset(
    "mr mrs ms dr st sen rep gov gen lt col sgt capt maj jr sr prof rev no vs u.s u.k u.n e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd".split()
)


_MONTH = re.compile(
    r"\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)


class Token(NamedTuple):
    """A NamedTuple rather than a dataclass: articles have thousands of tokens and this is the hot path."""

    start: int
    end: int
    text: str

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    new = tuple.__new__  # what Token(...) does, without its Python-level __new__ per token
    return [
        new(Token, (m.start(), m.end(), m.group()))
        for m in _TOKEN.finditer(text, start, len(text) if end is None else end)
    ]


def tokens_with(text: str, tokens: list[Token], starts: list[int], char: str) -> list[int]:
    """Indexes, in order, of the tokens holding char (starts: the tokens' starts), found from the
    text's occurrences of char instead of a test of every token."""
    found: list[int] = []
    at = text.find(char)
    while at >= 0:
        k = bisect_right(starts, at) - 1
        if k >= 0 and at < tokens[k].end:
            found.append(k)
            at = text.find(char, tokens[k].end)
        else:
            at = text.find(char, at + 1)
    return found


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines/paragraphs: news bodies use one newline or a blank line between them."""
    return _paragraphs_cached(text)


@lru_cache(maxsize=8)  # the document and actor recognition both ask
def _paragraphs_cached(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n+", text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


# (a German opening mark right after the full stop ends the sentence too: "… ab.„Wir …": a missing space,
# as does a capitalised word: "… gesagt.Die Polizei …", but not a domain's part: "welt.De.de";
# » and › open a German quote: "… herum. »Ich …")
_SENT_END = re.compile(
    r"(?=[.!?…\n])"  # what both alternatives need first: the search skips the rest faster
    r"(?:[.!?…]+(?:''|[»”\"’)“‘«])*(?=\s+(?:''|``|[«»“„\"‘(‚›])?[A-Z0-9À-ÖØ-ÞА-Я]|„[A-ZÄÖÜ]|[A-ZÄÖÜ][a-zäöüß]{2,}(?![\w.]))|\n+)"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; good enough for attribution windows (not a linguistic segmenter)."""
    return _sentences_cached(text)


@lru_cache(maxsize=8)
def _sentences_cached(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.group().startswith("."):
            word = _word_before(text, pos, m.start())
            if word.lower().rstrip(".") in _ABBREV:
                continue
            if len(word) == 1 and word.isupper():
                continue  # an initial: "George W. Bush"
            if word.isdigit() and len(word) <= 2 and _MONTH.match(text, m.end()):
                continue  # a German date: "am 21. November"
        end = m.end() if not m.group().startswith("\n") else m.start()
        if text[pos:end].strip():
            spans.append((pos, end))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _word_before(text: str, start: int, end: int) -> str:
    r"""The run of word characters and periods that ends text[start:end] ("" if none), as
    re.search(r"([\w.]+)$") finds it, without scanning the slice from its start for each period."""
    if end > start and text[end - 1] == "\n":
        end -= 1  # ($ matches before a final line break too)
    k = end
    while k > start and (text[k - 1].isalnum() or text[k - 1] in "._"):
        k -= 1
    return text[k:end]


def span_index(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the span containing offset (or the last one starting before it)."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo
