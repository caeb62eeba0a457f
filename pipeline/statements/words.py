"""What was said, as words that compare across outlets: case, accents, punctuation and quote
marks dropped; an ellipsis or an [editor's insertion] splits the words into pieces, because the
words between the pieces were left out or replaced."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Sequence

from pipeline.schema import Quote

# a gap: an ellipsis (three dots, spaced or not, or the character) or a bracketed insertion
_GAP = re.compile(r"\[[^\]]{0,80}\]|\.\s?\.\s?\.|…")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})

SHINGLE = 4  # words per shingle: the shortest run that says something a speaker said


@dataclass(frozen=True)
class Words:
    """A quote's words in pieces (the parts between gaps), each a tuple of folded words."""

    pieces: tuple[tuple[str, ...], ...]

    @cached_property
    def count(self) -> int:
        return sum(len(p) for p in self.pieces)

    def flat(self) -> tuple[str, ...]:
        return tuple(w for p in self.pieces for w in p)


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    """Every combining mark (accents, diacritics, vowel points): one pass of a regular expression
    instead of a test per character."""
    marks = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    return re.compile("[" + "".join(re.escape(m) for m in marks) + "]")


def fold(text: str) -> list[str]:
    """The words of a text, case-folded, accents dropped, apostrophes made one."""
    text = text.casefold().translate(_APOSTROPHES)
    if not text.isascii():
        text = _marks().sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(text)


def words_of(text: str) -> Words:
    pieces = tuple(tuple(fold(part)) for part in _GAP.split(text))
    return Words(tuple(p for p in pieces if p))


def quote_words(text: str, quote: Quote) -> Words:
    """The words a statement is known by. A partial quote's are its quoted fragments (the rest is
    the reporter's wording, which every outlet changes); a direct or indirect quote's are its
    text, with the attribution between the parts of an interrupted quote left out."""
    spans = [(s.start, s.end) for s in quote.segments]
    if quote.kind == Quote.KIND_INDIRECT or not spans or not text:
        return words_of(quote.text)
    parts = [text[s:e] for s, e in spans if 0 <= s < e <= len(text)]
    pieces = tuple(p for part in parts for p in words_of(part).pieces)
    return Words(pieces) if pieces else words_of(quote.text)


def shingles(words: Words, k: int = SHINGLE) -> list[list[int]]:
    """Per piece, a signed 64-bit hash (a PostgreSQL bigint) of every run of k words in order; a
    piece shorter than k has one key, the hash of its words (found again only by the same words)."""
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes  # (called per shingle: looked up once)
    out = []
    for p in words.pieces:
        runs = (
            ["\x1f".join(p[i : i + k]) for i in range(len(p) - k + 1)] if len(p) >= k else ["\x1f".join(("\x1d",) + p)]
        )
        out.append([from_bytes(blake2b(r.encode("utf-8"), digest_size=8).digest(), "big", signed=True) for r in runs])
    return out


def longest_run(hits: Sequence[bool], piece_words: int, k: int = SHINGLE) -> int:
    """Words of a piece in the longest run of consecutive shingles found: a run of r shingles is
    r + k - 1 words said in the same order; a piece shorter than k is found whole or not at all."""
    if piece_words < k:
        return piece_words if hits and hits[0] else 0
    best = run = 0
    for hit in hits:
        run = run + 1 if hit else 0
        if run > best:
            best = run
    return best + k - 1 if best else 0
