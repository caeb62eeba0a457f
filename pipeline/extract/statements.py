"""From quoted spans and their attributions to statements: one record per thing said.

A partial quote is a fragment of the reporter's sentence ("Trump said the deal was “a disaster”
and “a shame”"): what was said is the reported clause, and the quoted words are marked inside it.
So the fragments that one cue introduces become one statement whose content is that clause and
whose segments are the fragments; a direct quote is one statement with itself as its segment."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.indirect import IndirectFinder
from pipeline.extract.model import QuoteKind, QuoteSpan


class Statement(NamedTuple):
    """A quote or reported statement with its attribution (a NamedTuple: dozens per article)."""

    start: int
    end: int
    kind: QuoteKind
    attribution: Attribution | None
    segments: tuple[tuple[int, int], ...]
    clause: bool = False  # the content is a reported clause around quoted fragments
    joined: bool = False  # the parts of a quote interrupted by its attribution: the words are the segments


def _kind(text: str, q: QuoteSpan) -> QuoteKind:
    """Partial when the quote is a fragment embedded in the reporter's own sentence."""
    body = text[q.start : q.end].lstrip()
    # (what stands before the mark in its own line: a subhead or a name on the line above, with no
    # stop, is no sentence the quote is embedded in)
    lead = text[max(0, q.outer_start - 3) : q.outer_start].rpartition("\n")[2].rstrip()
    if body[:1].islower() or (lead and lead[-1:].isalpha() and not lead.endswith(":")):
        return QuoteKind.PARTIAL
    return QuoteKind.DIRECT


def statements(
    doc: Doc, spans: list[QuoteSpan], attributions: list[Attribution | None], finder: IndirectFinder
) -> list[Statement]:
    text = doc.text
    out: list[Statement] = []
    later = _Later(attributions)
    alone = _Unattributed()  # the statements of out without an attribution
    dropped: set[int] = set()  # ids of the statements of out taken into a clause's statement
    absorbed: set[int] = set()
    for qi, (q, att) in enumerate(zip(spans, attributions, strict=True)):
        if qi in absorbed:
            continue
        kind = _kind(text, q)
        clause = None
        if kind is QuoteKind.PARTIAL and out and _resumes(out[-1], att, q):
            kind = out[-1].kind  # “A,” he said, “because B.”: the second part goes on with the first
        elif kind is QuoteKind.PARTIAL and att is not None and att.cue_start < q.outer_start:
            clause = finder.clause(doc.token_at(att.cue_start))
            if clause is not None:
                clause = _before_next_attribution(text, clause, q, att, later.others(qi, att.cue_start))
        elif (
            kind is QuoteKind.PARTIAL
            and att is not None
            and att.cue_start >= q.outer_end
            and not _resumed(att, attributions[qi + 1 : qi + 2])
        ):
            # "Fundraising was “stagnant for a month” as donors waited, he said." (but “A,” he
            # said. “B.” joins the quote after the attribution instead)
            clause = finder.clause_before(doc.token_at(att.cue_start), att.speaker.start)
        if clause is None or not (clause[0] <= q.outer_start and q.end <= clause[1]):
            pieces = q.segments if len(q.segments) > 1 else ((q.start, q.end),)  # one per paragraph
            out.append(Statement(q.start, q.end, kind, att, pieces))
            if att is None:
                alone.add(out[-1])
            continue
        inside = []  # the quotes from this one on inside the clause (sorted: none after the first past its end)
        for k in range(qi, len(spans)):
            if spans[k].outer_start > clause[1]:
                break
            if spans[k].outer_start >= clause[0] and spans[k].end <= clause[1]:
                inside.append(k)
        absorbed.update(inside)
        # fragments before this one inside a clause reported from its end, found without a speaker:
        # a run of the statements without one, which follow the quotes' order (so two bisections)
        lo = bisect_left(alone.starts, clause[0])
        hi = max(lo, bisect_right(alone.ends, clause[1]))
        earlier = alone.statements[lo:hi]
        del alone.statements[lo:hi], alone.starts[lo:hi], alone.ends[lo:hi]
        dropped.update(map(id, earlier))
        segments = tuple(seg for st in earlier for seg in st.segments)
        segments += tuple((spans[k].start, spans[k].end) for k in inside)
        out.append(Statement(clause[0], clause[1], QuoteKind.PARTIAL, att, segments, clause=True))
    return _join_interrupted(text, [st for st in out if id(st) not in dropped] if dropped else out)


class _Later:
    """The attributions after a quote that are not the given cue's, in order, without walking over
    the others: when one cue attributes thousands of fragments, each asked after every other was
    quadratic."""

    def __init__(self, attributions: list[Attribution | None]) -> None:
        present = [(k, a) for k, a in enumerate(attributions) if a is not None]
        self.indexes = [k for k, _ in present]  # of the quotes that have an attribution
        self.found = [a for _, a in present]
        cues = [a.cue_start for a in self.found]
        # per position in found: the first position after the run of its cue
        self.run_end = list(range(1, len(cues) + 1))
        for t in range(len(cues) - 2, -1, -1):
            if cues[t] == cues[t + 1]:
                self.run_end[t] = self.run_end[t + 1]
        self.cues = cues

    def others(self, qi: int, cue: int) -> Iterator[Attribution]:
        t = bisect_right(self.indexes, qi)
        while t < len(self.found):
            if self.cues[t] == cue:
                t = self.run_end[t]
                continue
            yield self.found[t]
            t += 1


@dataclass
class _Unattributed:
    """Statements without an attribution, in the order of their quotes: their starts and ends
    both increase, since quotes do not overlap."""

    statements: list[Statement] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, st: Statement) -> None:
        self.statements.append(st)
        self.starts.append(st.start)
        self.ends.append(st.end)


def _before_next_attribution(
    text: str, clause: tuple[int, int], q: QuoteSpan, att: Attribution, later: Iterable[Attribution | None]
) -> tuple[int, int]:
    """The clause ends before another speaker's attribution inside it: "X nannte ihn „A“, Y
    bezeichnete es als „B“" is two statements, so the clause of the first ends at the comma."""
    for other in later:
        if other is None or other.cue_start == att.cue_start:
            continue
        begins = min(other.cue_start, other.speaker.start if other.speaker.start >= 0 else other.cue_start)
        if q.end <= begins < clause[1]:
            cut = text.rfind(",", q.end, begins)
            return (clause[0], cut) if cut >= q.end else clause
        if begins >= clause[1]:
            break
    return clause


def _resumed(att: Attribution, following: list[Attribution | None]) -> bool:
    """The next quote goes on under the same attribution."""
    return bool(following) and following[0] is not None and following[0].cue_start == att.cue_start


def _resumes(prev: Statement, att: Attribution | None, q: QuoteSpan) -> bool:
    """The quote resumes the one before it after their shared attribution."""
    return (
        not prev.clause
        and att is not None
        and prev.attribution is not None
        and prev.attribution.cue_start == att.cue_start
        and prev.end <= att.cue_start < q.outer_start
        and q.outer_start - prev.end <= _MAX_ATTRIBUTION_GAP
    )


_MAX_ATTRIBUTION_GAP = 120  # characters between the parts of one quote: "A," she said, clapping. "B."


def _join_interrupted(text: str, found: list[Statement]) -> list[Statement]:
    """“A,” she said. “B.” is one statement whose words are A and B: a quote whose attribution is
    the one of the quote before it (the cue between them), in the same paragraph, joins it."""
    out: list[Statement] = []
    for st in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.clause
            and not st.clause
            and prev.attribution is not None
            and st.attribution is not None
            and st.attribution.cue_start == prev.attribution.cue_start
            and prev.end <= prev.attribution.cue_start < st.start
            and st.start - prev.end <= _MAX_ATTRIBUTION_GAP
            and "\n" not in text[prev.end : st.start]
        ):
            # a fragment of the reporter's sentence resumed as a quote of its own after the
            # attribution ("golf clubs are “just scratching out a profit,” Hedge said. “Golf is …”")
            # is one direct quote in two parts: its content is the quoted words, not the attribution
            out[-1] = Statement(
                prev.start, st.end, QuoteKind.DIRECT, prev.attribution, prev.segments + st.segments, joined=True
            )
            continue
        out.append(st)
    return out
