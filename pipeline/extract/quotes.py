"""Find quoted spans by pairing quotation marks.

Handles "…", “…”, «…», „…“, ‹…›, »…« and ›…‹ (German), ``…'', and single marks as British and Australian outlets print
them, ‘…’ and '…' (mixed too; only where the closing mark cannot be an apostrophe),
nesting of a different mark inside, and quotes that run over paragraphs by the convention that each
continued paragraph reopens the quote without closing the previous one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from pipeline.budget import checkpoint
from pipeline.extract.model import QuoteSpan

# opening mark -> closing marks it accepts
# (a straight mark may close a curly one and the reverse: copy editing often mixes them)
PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", '"'),
    "«": ("»",),
    "»": ("«",),  # German books and magazines: »…«, and ›…‹ inside
    "›": ("‹",),
    "„": ("“", "”"),
    "‹": ("›",),
    '"': ('"', "”"),
    "‘": ("’", "'"),
    "'": ("'", "’"),
    "``": ("''",),
    "''": ("''",),
    "‚": ("‘", "’"),
}
_OPENERS_BEFORE = set(" \t\n([{—–-:/\u00a0\u202f") | set(PAIRS)
_MAX_QUOTE_CHARS = 5000  # a longer "quote" is an unpaired mark, not speech
# a transcript paragraph ("WALLACE: Let’s start …") reopens a mark for every speaker, never closing it
_TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z .’'-]{1,30}:\s")


# after an opening single mark, an elision rather than a quote: "the '90s", "rock 'n' roll", "'em"
_ELISION = re.compile(r"\d0s\b|\d\d\b|(?:n|em|til|cause|tis)\b", re.IGNORECASE)


def _can_open(text: str, i: int, mark: str) -> bool:
    if _TRANSCRIPT_LABEL.match(text, i + len(mark)):
        return False
    if mark in "'‘" and _ELISION.match(text, i + 1):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in "«‹" and after in " \u00a0\u202f":  # French typography: « Nous … »
        after = text[i + 2] if i + 2 < len(text) else " "
    opens_after = before in _OPENERS_BEFORE or before in "«“„‘" or (mark == "„" and before in ".!?;")  # „ never closes
    return opens_after and not after.isspace()


def _can_close(text: str, j: int, mark: str) -> bool:
    after = text[j + len(mark)] if j + len(mark) < len(text) else " "
    before = text[j - 1] if j > 0 else " "
    if before.isspace() and not (mark in "»›" and before in " \u00a0\u202f"):
        # "…, '' said Mr. Gunnels", "… of 'Clinton,' " said": a spaced mark after a comma, a full
        # stop or a nested closing mark closes when no word follows it (an opening mark has one)
        return mark not in "’'" and j > 1 and text[j - 2] in ",.?!’'" and after.isspace()
    if mark in "’'":
        # an apostrophe is followed by a letter ("don’t") or closes a plural possessive ("leaders’
        # views"); a word of no open class after it ("… our futures' in the talks") shows a closing mark
        if after.isalnum():
            return False
        possessive = before == "s" and after == " " and text[j + 2 : j + 3].islower()
        return not possessive or _next_word(text, j + 2) in _FUNCTION_WORDS
    return not after.isalnum()


_FUNCTION_WORDS = frozenset(
    "in on at to and or but for with by as of from that which who than into over after before about against "
    "during because if while when where was were is are had has have would will could should".split()
)
_WORD_AT = re.compile(r"[a-z]+")


def _next_word(text: str, k: int) -> str:
    m = _WORD_AT.match(text, k)
    return m.group() if m else ""


def _reopens(text: str, pos: int, mark: str) -> int:
    """Offset just after the reopening mark if the paragraph starting at pos reopens the quote, else -1."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos + len(mark) if text.startswith(mark, pos) else -1


def _watch(mark: str) -> re.Pattern[str]:
    """The characters _find_close must look at for this opening mark: a line break, a nested
    opening of the same mark and the first characters of its closers; every other character is
    skipped in one regex step instead of one Python iteration each."""
    firsts = {"\n", *(c[0] for c in PAIRS[mark])}
    if mark not in PAIRS[mark]:
        firsts.add(mark[0])
    return re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]")


_WATCH = {mark: _watch(mark) for mark in PAIRS}
_OPENING = re.compile("|".join(re.escape(m) for m in sorted(PAIRS, key=len, reverse=True)))


_NL, _OPEN, _CLOSE = 0, 1, 2
_MAX_DEPTH = 8  # quotes of one mark nested deeper than this are runs of unpaired marks
_MAX_PARAGRAPHS = 60  # a quote reopened in more paragraphs than this is a list of unpaired marks


def _events(text: str, mark: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Where a quote opened by `mark` can change state, in text order: line breaks, nested
    openings of the same mark, and closers that can close ((position, ...), (kind, closer length)).
    Each test depends on the text around the position only, so it is made once per text and
    mark, not once per opening mark that scans past it (thousands of unpaired marks were
    quadratic)."""
    closers = PAIRS[mark]
    positions: list[int] = []
    kinds: list[tuple[int, int]] = []
    for hit in _WATCH[mark].finditer(text):
        j = hit.start()
        if text[j] == "\n":
            positions.append(j)
            kinds.append((_NL, 0))
        elif mark not in closers and text.startswith(mark, j) and _can_open(text, j, mark):
            positions.append(j)
            kinds.append((_OPEN, 0))
        else:
            for closer in closers:
                if closer == "''" and text.startswith("'''", j):
                    continue  # ",''' he said": the nested ' closes first, then the ''
                if text.startswith(closer, j) and _can_close(text, j, closer):
                    positions.append(j)
                    kinds.append((_CLOSE, len(closer)))
                    break
    return positions, kinds


class _Closer:
    """Finds the closing mark of each opening mark of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.events: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    def find(self, start: int, mark: str) -> tuple[int, int, tuple[tuple[int, int], ...]] | None:
        """(closing mark offset, offset after it, segments) or None when the mark is unpaired."""
        if mark not in self.events:
            self.events[mark] = _events(self.text, mark)
        positions, kinds = self.events[mark]
        segments: list[tuple[int, int]] = []
        seg_start = start
        depth = 0
        limit = min(len(self.text), start + _MAX_QUOTE_CHARS)
        k = bisect_left(positions, start)
        while k < len(positions) and (j := positions[k]) < limit:
            kind, length = kinds[k]
            k += 1
            if kind == _NL:
                resumed = _reopens(self.text, j, mark)
                if resumed < 0 or len(segments) >= _MAX_PARAGRAPHS:
                    return None  # paragraph ended inside an unreopened quote: unpaired mark
                segments.append((seg_start, j))
                seg_start = resumed
                k = bisect_left(positions, resumed, k)
            elif kind == _OPEN:
                depth += 1
                if depth > _MAX_DEPTH:
                    return None
            elif depth == 0:
                segments.append((seg_start, j))
                return j, j + length, tuple(segments)
            else:
                depth -= 1
        return None


def find_quotes(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    closer = _Closer(text)
    i = 0
    while (opening := _OPENING.search(text, i)) is not None:
        checkpoint()  # (thousands of opening marks: see pipeline.budget)
        i, mark = opening.start(), opening.group()
        if _can_open(text, i, mark):
            found = closer.find(i + len(mark), mark)
            if found is not None:
                end, outer_end, segments = found
                start = i + len(mark)
                # trailing sentence punctuation inside the marks belongs to the reporter's sentence
                while end > start and text[end - 1] in ", \u00a0\u202f":
                    end -= 1
                while start < end and text[start] in " \u00a0\u202f":
                    start += 1
                if end > start:
                    spans.append(QuoteSpan(start, end, mark, segments, i, outer_end))
                i = outer_end
                continue
        i += 1
    return spans
