"""Our extraction's statements as items the scorers compare with the gold (bench/eval_quotes.py,
tests/bench/test_quote_scoring.py)."""

from __future__ import annotations

import itertools

from bench.lib.quote_scoring import Predicted, chars
from pipeline.extract import Extraction, Quote, QuoteKind


def _content(q: Quote) -> frozenset[int]:
    """What was said: a direct quote's quoted segments, or the two parts of a reported clause
    interrupted by its attribution (the attribution between the parts is not content), else the
    statement's span."""
    if q.segments and q.kind in (QuoteKind.DIRECT, QuoteKind.INDIRECT):
        return frozenset(c for s, e in q.segments for c in range(s, e))
    return chars(q.start, q.end)


def interrupted(text: str, q: Quote) -> bool:
    """The statement's parts are separated by words outside the quotation marks (its attribution),
    not only by a paragraph break."""
    gaps = (text[e:s] for (_, e), (s, _) in itertools.pairwise(q.segments))
    return any(g.strip(" \n\"“”„«»‚‘’'") for g in gaps)


def predicted(result: Extraction, nested: bool = False, text: str = "") -> list[Predicted]:
    """Our statements as scored items. nested: the German set's scheme, where a reported clause
    with quoted fragments is an indirect statement and each fragment a (nested) direct one, so a
    partial statement is read as both, and each part of a quote interrupted by its attribution
    („A“, sagte er. „B“) is a quote of its own; PolNeAR's scheme counts either once, as one
    statement (text: the article, to tell the parts of an interrupted quote)."""
    aliases = {a.canonical_name: a.aliases for a in result.actors}
    out = []
    for q in result.quotes:
        speaker = chars(q.speaker_start, q.speaker_end)
        names = (q.speaker, *aliases.get(q.speaker, ())) if q.speaker else ()
        if nested and q.kind is QuoteKind.PARTIAL and (q.start, q.end) not in q.segments:
            out.append(Predicted(chars(q.start, q.end), False, speaker, names))
            out.extend(Predicted(chars(s, e), True, speaker, names) for s, e in q.segments)
            continue
        if nested and q.kind is QuoteKind.DIRECT and interrupted(text, q):
            # the German set's scheme: each part of „A“, sagte er. „B“ is a quote of its own
            out.extend(Predicted(chars(s, e), True, speaker, names) for s, e in q.segments)
            continue
        out.append(Predicted(_content(q), q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL), speaker, names))
    return out
