"""From quoted spans and their attributions to statements: one record per thing said.

A partial quote is a fragment of the reporter's sentence ("Trump said the deal was “a disaster”
and “a shame”"): what was said is the reported clause, and the quoted words are marked inside it.
So the fragments that one cue introduces become one statement whose content is that clause and
whose segments are the fragments; a direct quote is one statement with itself as its segment."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.indirect import IndirectFinder
from pipeline.extract.model import QuoteKind, QuoteSpan


@dataclass(frozen=True)
class Statement:
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
    lead = text[max(0, q.outer_start - 3) : q.outer_start].rstrip()
    if body[:1].islower() or (lead and lead[-1:].isalpha() and not lead.endswith(":")):
        return QuoteKind.PARTIAL
    return QuoteKind.DIRECT


def statements(
    doc: Doc, spans: list[QuoteSpan], attributions: list[Attribution | None], finder: IndirectFinder
) -> list[Statement]:
    text = doc.text
    out: list[Statement] = []
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
                clause = _before_next_attribution(text, clause, q, att, attributions[qi + 1 :])
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
            continue
        inside = [k for k in range(qi, len(spans)) if spans[k].outer_start >= clause[0] and spans[k].end <= clause[1]]
        absorbed.update(inside)
        # fragments before this one inside a clause reported from its end, found without a speaker
        earlier = [st for st in out if st.attribution is None and clause[0] <= st.start and st.end <= clause[1]]
        out = [st for st in out if st not in earlier]
        segments = tuple(seg for st in earlier for seg in st.segments)
        segments += tuple((spans[k].start, spans[k].end) for k in inside)
        out.append(Statement(clause[0], clause[1], QuoteKind.PARTIAL, att, segments, clause=True))
    return _join_interrupted(text, out)


def _before_next_attribution(
    text: str, clause: tuple[int, int], q: QuoteSpan, att: Attribution, later: list[Attribution | None]
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
