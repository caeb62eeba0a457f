"""A tokenised article with fast offset look-ups, shared by every extraction step so the text is
tokenised and segmented once."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate, compress

from pipeline.extract import lexicon
from pipeline.extract.model import QuoteSpan
from pipeline.extract.text import (
    after_spaces,
    paragraphs,
    sentence_starts,
    sentences,
    span_index,
    span_starts,
    token_parts,
    tokens_with,
)


class Doc:
    """What is made on first use is a property over an attribute (_memo_*), not a cached_property:
    a class compiled by mypyc keeps no instance dict for one to write to (bench/compiled.py)."""

    def __init__(self, text: str, quotes: list[QuoteSpan] | None = None) -> None:
        self.text = text
        self._memo_lower: list[str] | None = None
        self._memo_cue_candidates: list[int] | None = None
        self._memo_cue_mask: list[bool | None] | None = None
        self.tokens, self.starts, self._words = token_parts(text)
        self.sents = sentences(text)
        self.paras = paragraphs(text)
        self._sent_starts, self._para_starts = sentence_starts(text), span_starts(self.paras)
        self._positions: dict[frozenset[str], list[int]] = {}  # positions(), per word set
        self._non_space: dict[int, int] = {}  # blank(), per start
        self.set_quotes(quotes or [])

    def set_quotes(self, quotes: list[QuoteSpan]) -> None:
        self.quotes = quotes
        self._q_starts = [q.outer_start for q in quotes]
        self._q_ends = [q.end for q in quotes]
        self._q_chars = list(accumulate((q.outer_end - q.outer_start for q in quotes), initial=0))
        self._q_inner_starts = [q.start for q in quotes]
        self._q_inner_chars = list(accumulate((q.end - q.start for q in quotes), initial=0))
        # per token, in_quote(its start): each quote holds the tokens from its start to its end or
        # to the next quote's start (quote_at asks the last quote opening at or before an offset)
        self.quoted = [False] * len(self.tokens)
        for i, q in enumerate(quotes):
            stop = min(q.outer_end, quotes[i + 1].outer_start) if i + 1 < len(quotes) else q.outer_end
            lo, hi = bisect_left(self.starts, q.outer_start), bisect_left(self.starts, stop)
            if hi > lo:
                self.quoted[lo:hi] = [True] * (hi - lo)

    @property
    def lower(self) -> list[str]:
        if self._memo_lower is None:
            self._memo_lower = list(map(str.lower, self._words))
        return self._memo_lower

    @property
    def cue_candidates(self) -> list[int]:
        """Indexes of the tokens that may be cues or object cues, in order: most tokens cannot,
        so the loops over a whole text ask only about these."""
        if self._memo_cue_candidates is None:
            self._memo_cue_candidates = self._make_cue_candidates()
        return self._memo_cue_candidates

    def _make_cue_candidates(self) -> list[int]:
        known = self.positions(lexicon.CUE_OR_OBJECT_WORD)
        return sorted({*known, *tokens_with(self.text, self.tokens, self.starts, "-")})

    def positions(self, words: frozenset[str]) -> list[int]:
        """Indexes, in order, of the tokens that are one of `words` (in lower case): one map over
        the tokens per word set, kept for the document."""
        found = self._positions.get(words)
        if found is None:
            lower = self.lower
            if len(words) == 1:  # ("," and the like) list.index finds one word faster than a test per token
                (word,) = words
                found, k = [], -1
                try:
                    while True:
                        k = lower.index(word, k + 1)
                        found.append(k)
                except ValueError:
                    pass  # (no more of it)
            else:
                found = list(compress(range(len(lower)), map(words.__contains__, lower)))
            self._positions[words] = found
        return found

    def blank(self, start: int, end: int) -> bool:
        """text[start:end] is whitespace only (what `not text[start:end].strip()` tests), without
        copying the span: the first non-space at or after start is kept per start, since every
        quote of a paragraph asks it of the paragraph's start."""
        at = self._non_space.get(start)
        if at is None:
            at = self._non_space[start] = after_spaces(self.text, start)
        return at >= end or at >= len(self.text)

    def first_of(self, words: frozenset[str], start: int, stop: int) -> int | None:
        """The first token in [start, stop) that is one of `words`, else None: a bisection, since a
        clause may be long and be asked about often."""
        at = self.positions(words)
        k = bisect_left(at, start)
        return at[k] if k < len(at) and at[k] < stop else None

    @property
    def cue_mask(self) -> list[bool | None]:
        """Per-token cue verdicts, filled lazily by attribution.is_cue."""
        if self._memo_cue_mask is None:
            self._memo_cue_mask = [None] * len(self.tokens)
        return self._memo_cue_mask

    def adverb(self, k: int) -> bool:
        """Token k is an adverb or an auxiliary; a capitalised -ly word is a name ("Kelly said",
        "O'Reilly wrote") unless it is a listed adverb."""
        word = self.lower[k]
        return lexicon.is_adverb(word) and (word in lexicon.ADVERBS or not self.tokens[k].is_capitalized)

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after offset."""
        return bisect_left(self.starts, offset)

    def token_range(self, start: int, end: int) -> range:
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def quote_at(self, offset: int) -> QuoteSpan | None:
        i = bisect_right(self._q_starts, offset) - 1
        if i >= 0 and self.quotes[i].outer_start <= offset < self.quotes[i].outer_end:
            return self.quotes[i]
        return None

    def quoted_chars(self, start: int, end: int) -> int:
        """Characters (marks included) of the quotes that open at or after start and close by end:
        a contiguous run of quotes, since they do not overlap, so two bisects and a prefix sum."""
        lo, hi = bisect_left(self._q_starts, start), bisect_right(self._q_ends, end)
        return self._q_chars[hi] - self._q_chars[lo] if hi > lo else 0

    def inner_quoted_chars(self, start: int, end: int) -> int:
        """Characters inside the marks of the quotes whose words lie in [start, end): as
        quoted_chars, a contiguous run of quotes."""
        lo, hi = bisect_left(self._q_inner_starts, start), bisect_right(self._q_ends, end)
        return self._q_inner_chars[hi] - self._q_inner_chars[lo] if hi > lo else 0

    def quote_within(self, start: int, end: int) -> bool:
        """A whole quote, marks included, lies in [start, end): the first one opening at or after
        start decides, since quotes are sorted and do not overlap."""
        i = bisect_left(self._q_starts, start)
        return i < len(self.quotes) and self.quotes[i].outer_end <= end

    def in_quote(self, offset: int) -> bool:
        return self.quote_at(offset) is not None

    def sentence(self, offset: int) -> tuple[int, int]:
        return self.sents[span_index(self._sent_starts, offset)]

    def sentence_index(self, offset: int) -> int:
        return span_index(self._sent_starts, offset)

    def paragraph_index(self, offset: int) -> int:
        return span_index(self._para_starts, offset)

    def paragraph(self, offset: int) -> tuple[int, int]:
        return self.paras[span_index(self._para_starts, offset)]
