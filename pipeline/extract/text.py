"""Tokens, sentences and paragraphs with character offsets, so every result maps back to the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate, repeat
from operator import itemgetter
from typing import NamedTuple

# Words with inner apostrophes/periods/hyphens ("U.S.", "O'Brien", "al-Assad"; a period before a
# lower-case letter joins a domain or a name written so: "Amazon.com", "ver.di"), numbers with their
# separators ("30,000", "8.42", "1.000"; a comma inside a number ends no clause), or one symbol.
# (the lookahead says what every alternative needs first: the search skips whitespace faster)
_TOKEN = re.compile(r"(?=\S)(?:(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)+|[\w]+(?:[’'\-][\w]+|\.[a-z]\w*)*|\S)")
# Abbreviations after which a period does not end a sentence.
_ABBREV = frozenset(
    "mr mrs ms dr st sen rep gov gen lt col sgt capt maj jr sr prof rev no vs u.s u.k u.n e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd".split()
)
_LONGEST_ABBREV = max(map(len, _ABBREV))


_MONTH = re.compile(
    r"\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)


_FIRST = itemgetter(0)


class Token(NamedTuple):
    """A NamedTuple rather than a dataclass: articles have thousands of tokens and this is the hot path."""

    start: int
    end: int
    text: str

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


# A token, split out of the text: the pieces between tokens are whitespace only (a lone non-space
# character is a token), so the offsets are running sums of the pieces' lengths. _TOKEN written
# for this: possessive repeats, since giving back a character of a repeat never lets what follows
# it match (a test holds the two equal), and the lookahead outside the group, so that a space is
# passed over by one test instead of a failure of each alternative. Most tokens are a plain ASCII
# word, which the first alternative takes at once: what _TOKEN's third one makes of it, when no
# word character, period, apostrophe or hyphen follows it (then the first two cannot match there).
_TOKEN_SPLIT = re.compile(
    r"(?=\S)([A-Za-z]++(?![\w.’'\-])|(?:[^\W\d_]\.){2,}+|\d++(?:[.,]\d++)++|\w++(?:[’'\-]\w++|\.[a-z]\w*+)*+|\S)"
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens with their offsets, built by maps over builtins rather than a Python step per match."""
    return token_parts(text, start, end)[0]


def token_parts(text: str, start: int = 0, end: int | None = None) -> tuple[list[Token], list[int], list[str]]:
    """tokenize(), with the tokens' starts and words as lists of their own (what Doc keeps)."""
    stop = len(text) if end is None else min(end, len(text))
    # trailing spaces: each search from them would read to the end (quadratic)
    stop = before_spaces(text, stop, start) + 1
    # [spaces, token, spaces, token, …, spaces]: one list of strings, no tuple per match
    pieces = _TOKEN_SPLIT.split(text[start:stop] if start or stop < len(text) else text)
    offsets = list(accumulate(map(len, pieces), initial=start))
    starts, words = offsets[1:-1:2], pieces[1::2]
    # tuple.__new__ is what Token(...) does, without its Python-level __new__ per token
    tokens = list(map(tuple.__new__, repeat(Token), zip(starts, offsets[2::2], words, strict=True)))
    return tokens, starts, words


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


# what str.strip(), str.isspace() and str.split() test, found without copying the span
_NON_SPACE = re.compile(r"\S")
_SPACES = re.compile(r"\s*")


def after_spaces(text: str, pos: int) -> int:
    """The first position at or after pos that is not whitespace (len(text) if none)."""
    return _SPACES.match(text, pos).end()  # type: ignore[union-attr]  # (\s* always matches)


def before_spaces(text: str, pos: int, floor: int = 0) -> int:
    """The last position before pos (floor <= pos <= len(text)) that is not whitespace, floor - 1
    if none is at or after floor: where text[floor:pos].rstrip() ends, read back over the spaces
    only instead of copying the span."""
    while pos > floor and text[pos - 1].isspace():
        pos -= 1
    return pos - 1


def has_words(text: str, start: int, end: int, n: int) -> bool:
    """text[start:end] holds at least n words (as str.split counts them), found by reading up to
    the n-th word only: a clause asked about may run to the end of a text that never ends one."""
    return n <= 0 or _words(n).match(text, start, max(start, end)) is not None


@cache  # (n is one of a few constants of the callers)
def _words(n: int) -> re.Pattern[str]:
    """n runs of non-spaces, spaces before and between them: one match instead of a match object
    per word."""
    return re.compile(rf"\s*+(?:\S++\s++){{{n - 1}}}\S")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines/paragraphs: news bodies use one newline or a blank line between them."""
    return _paragraphs_cached(text)


# A line holding a non-space character, whole: what lies between two runs of line breaks, when
# it is not blank. (^ is tried only at a line's start, so a long blank line is read once.)
_PARAGRAPH = re.compile(r"(?m)^[^\S\n]*+\S[^\n]*+")


@lru_cache(maxsize=8)  # the document and actor recognition both ask
def _paragraphs_cached(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PARAGRAPH.finditer(text)]


# (a German opening mark right after the full stop ends the sentence too: "… ab.„Wir …": a missing space,
# as does a capitalised word: "… gesagt.Die Polizei …", but not a domain's part: "welt.De.de";
# » and › open a German quote: "… herum. »Ich …"; a run of stops is read from its first one only, and
# whole: a shorter or later part of it ends nothing the whole run does not, and trying each made a
# run of thousands of stops quadratic)
_SENT_END = re.compile(
    # (the pattern opens with the set of characters every match opens with, which the engine then
    # scans for in C; the first of a run of stops is one whose character before is no stop)
    r"[.!?…\n](?:(?<=\n)\n*+|(?<![.!?…][.!?…])[.!?…]*+(?:''|[»”\"’)“‘«'])*"
    r"(?=\s+(?:''|``|[«»“„\"‘'(‚›])?[A-Z0-9À-ÖØ-ÞА-Я]|„[A-ZÄÖÜ]|[A-ZÄÖÜ][a-zäöüß]{2,}(?![\w.])))"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; good enough for attribution windows (not a linguistic segmenter)."""
    return _sentences_cached(text)


@lru_cache(maxsize=8)  # (the document and the German quoted-name rules both ask, the latter once per quote)
def sentence_starts(text: str) -> list[int]:
    """The starts of sentences(text), which span_index bisects."""
    return span_starts(sentences(text))


@lru_cache(maxsize=8)
def _sentences_cached(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.start() < pos:
            continue  # a line break inside the spaces skipped after the last end: it ends nothing (and
            # moving back to it would skip those spaces again for each one: quadratic)
        if m.group().startswith("."):
            word = _word_before_stop(text, pos, m.start())
            if word.lower().rstrip(".") in _ABBREV:
                continue
            if len(word) == 1 and word.isupper():
                continue  # an initial: "George W. Bush"
            if word.isdigit() and len(word) <= 2 and _MONTH.match(text, m.end()):
                continue  # a German date: "am 21. November"
            if word.isdigit() and len(word) <= 3 and _ordinal(text, pos, m.start() - len(word)):
                continue  # a German ordinal between a determiner and its noun: "zu ihrem 90. Geburtstag"
        end = m.end() if not m.group().startswith("\n") else m.start()
        if _NON_SPACE.search(text, pos, end):
            spans.append((pos, end))
        pos = after_spaces(text, m.end())
    if _NON_SPACE.search(text, pos):
        spans.append((pos, len(text)))
    if any(e - s > MAX_SENTENCE for s, e in spans):
        spans = [piece for span in spans for piece in _cut(text, *span)]
    return spans


# Characters in a sentence at most, twice the longest the eval sets hold (docs/design.md): a longer
# run without a sentence end is cut at a space, so that rules reading a sentence (a cue's clause,
# the subject before it) read a bounded window, not the rest of a text that never ends one.
MAX_SENTENCE = 2000


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE characters, each ending at the last space
    that lets it (or at the limit when there is none), the spaces between pieces left out."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = cut = start + MAX_SENTENCE
        while cut > start and not text[cut].isspace():
            cut -= 1  # back over the last word (a word of 2,000 characters is cut where it reaches)
        cut = cut if cut > start else limit
        pieces.append((start, cut))
        start = after_spaces(text, cut)
        if start >= end:
            return pieces
    pieces.append((start, end))
    return pieces


# determiners (and prepositions fused with one) that an ordinal written as a number follows in German
_ORDINAL_BEFORE = frozenset(
    "der die das dem den des am im zum zur vom beim ins ihrem ihren ihres ihrer seinem seinen seines seiner "
    "unserem unseren unserer eurem einem einen eines einer diesem diesen dieses dieser".split()
)


def _ordinal(text: str, start: int, number: int) -> bool:
    """The number at offset `number` follows a German determiner: "am 4. Tag", "zum 3. Mal"."""
    while number > start and text[number - 1] == " ":
        number -= 1
    return _word_before(text, start, number).lower() in _ORDINAL_BEFORE


def _word_before_stop(text: str, start: int, stop: int) -> str:
    """_word_before a full stop, read no further back than the longest abbreviation (and a line
    break): a longer word is no abbreviation, initial or short number, whatever its start. A run
    of periods before a line break is read whole, since rstrip(".") may leave an abbreviation."""
    word = _word_before(text, max(start, stop - _LONGEST_ABBREV - 2), stop)
    return _word_before(text, start, stop) if word.endswith(".") else word


def _word_before(text: str, start: int, end: int) -> str:
    r"""The run of word characters and periods that ends text[start:end] ("" if none), as
    re.search(r"([\w.]+)$") finds it, without scanning the slice from its start for each period."""
    if end > start and text[end - 1] == "\n":
        end -= 1  # ($ matches before a final line break too)
    k = end
    while k > start and (text[k - 1].isalnum() or text[k - 1] in "._"):
        k -= 1
    return text[k:end]


def span_starts(spans: list[tuple[int, int]]) -> list[int]:
    """The spans' starts, which span_index bisects."""
    return list(map(_FIRST, spans))


def span_index(starts: list[int], offset: int) -> int:
    """Index of the span containing offset (or the last one starting before it; the first when
    none does), given the spans' starts in order (span_starts)."""
    return max(bisect_right(starts, offset) - 1, 0)
