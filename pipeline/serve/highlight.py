"""An article's text cut into pieces around its statements and speakers, for the Article page.
Offsets are code points, as Python indexes a str (the contract's unit)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.serve.queries import Quoted


@dataclass(frozen=True)
class Piece:
    text: str
    quote: int = -1  # index into the article's statements; -1 for plain text
    role: str = ""  # "statement" or "speaker"


def statement_ranges(q: Quoted) -> list[tuple[int, int]]:
    """Where a statement stands: its parts when interrupted by the attribution; a partial quote is
    its whole reported clause (its segments are only the quoted fragments inside it)."""
    if q.segments and q.kind != "partial":
        return q.segments
    return [(q.start, q.end)]


def pieces(text: str, quotes: list[Quoted]) -> list[Piece]:
    """Plain and marked pieces in text order; a mark that overlaps an earlier one keeps only what
    lies after it, so every character is shown exactly once."""
    marks = sorted(
        [(s, e, i, "statement") for i, q in enumerate(quotes) for s, e in statement_ranges(q)]
        + [(*q.speaker_span, i, "speaker") for i, q in enumerate(quotes) if q.speaker_span]
    )
    out: list[Piece] = []
    pos = 0
    for start, end, index, role in marks:
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], index, role))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
