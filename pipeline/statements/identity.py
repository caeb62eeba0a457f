"""When a quote is an appearance of a statement already known: the words, and who said them.

Pure decisions over what the state returned (pipeline/statements/store.py does the reading and
writing), so they are tested without a database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pipeline.schema import Actor, ArticleAnalysis, Quote
from pipeline.statements.words import SHINGLE, Words, fold, longest_run

# words said in the same order that make two quotes one statement, unless one is shorter
SAME_RUN = 8
MOST = 0.8
ALL = 0.9
HALF = 0.5
LONG_RUN = 10  # shared by one named speaker: one statement whatever else each quote holds
REPRINT = 15  # a passage this long, whole in both quotes, is one statement whoever it is given to
# a quote whose speaker is unknown (a pronoun, a title) joins a statement of a named speaker only
# when it shares this many words with it: then the other appearances tell who said them
STRONG_RUN = 12


@dataclass(frozen=True)
class Speaker:
    """Who said it, as far as the article tells: an actor id and name, a surname for persons (what
    an article naming someone only by it keys on), and whether the name is more than a surname."""

    actor_id: str = ""
    name: str = ""
    surname: str = ""
    full: bool = False
    person: bool = True  # False for an organisation, place or other named speaker


def speaker_of(analysis: ArticleAnalysis, quote: Quote) -> Speaker:
    if not quote.speaker_actor_id:
        return Speaker()
    actor = next((a for a in analysis.actors if a.actor_id == quote.speaker_actor_id), None)
    name = actor.canonical_name if actor is not None else quote.speaker_name
    if actor is not None and actor.type != Actor.TYPE_PERSON:
        return Speaker(quote.speaker_actor_id, name, "", True, person=False)
    words = fold(name)
    return Speaker(quote.speaker_actor_id, name, words[-1] if words else "", len(words) > 1)


def compatible(quote: Speaker, statement: Speaker, shared: int) -> bool:
    """The same speaker, or one a surname of the other; an unknown speaker only on long shared runs."""
    if quote.actor_id and statement.actor_id:
        return named_alike(quote, statement)
    if not quote.actor_id and not statement.actor_id:
        return True
    return shared >= STRONG_RUN


def named_alike(a: Speaker, b: Speaker) -> bool:
    """Two named speakers who are one: the same actor, or a surname and a full name that ends in it."""
    if a.actor_id == b.actor_id:
        return True
    return not (a.full and b.full) and bool(a.surname) and a.surname == b.surname


def better(current: Speaker, other: Speaker) -> Speaker:
    """The speaker a statement keeps: a full name over a surname over nobody."""
    if not current.actor_id or (other.full and not current.full and other.surname == current.surname):
        return other if other.actor_id else current
    return current


@dataclass(frozen=True)
class Overlap:
    """What a quote shares with a statement: words in one run per part of the quote (shared), the
    quote's words, the words of the statement's closest form (the shortest form holding the runs
    found) and of its longest form."""

    shared: int
    quote: int
    form: int
    longest: int


def overlap(words: Words, hits: Sequence[Sequence[bool]], form_words: int, longest: int) -> Overlap:
    shared = sum(longest_run(h, len(p)) for h, p in zip(hits, words.pieces, strict=True))
    return Overlap(shared, words.count, form_words, max(longest, form_words))


def same_words(o: Overlap, named_alike: bool = False) -> bool:
    """Enough shared words to be one statement: the quote nearly whole inside the statement (a
    fragment, a cut copy), the statement nearly whole inside the quote (its fuller form), or a run
    of SAME_RUN words that is at least half of the shorter of the quote and the closest form; a
    run of LONG_RUN words by one named speaker (two parts of one speech, each quoted with more
    around it); most of a short quote. A common phrase ("the president of the United States") in
    two longer quotes is none of these, and neither is a fragment that two different longer
    quotes both hold: the second must match the first's fuller form."""
    shared, q = o.shared, o.quote
    if not shared:
        return False
    if shared >= ALL * q or shared >= ALL * o.longest:
        return True
    if shared >= SAME_RUN and shared >= HALF * min(q, o.form):
        return True
    if named_alike and shared >= LONG_RUN:
        return True
    return q < SAME_RUN and shared >= max(min(SHINGLE, q), MOST * q)


def one_statement(o: Overlap, quote: Speaker, statement: Speaker) -> bool:
    """The words and the speakers agree. Two people make two statements (one quoting the other);
    a person and an organisation or place given one long passage, nearly whole on both sides, make
    one (a copy whose speaker was read as the body the person speaks for, or as a place name)."""
    alike = bool(quote.actor_id and statement.actor_id) and named_alike(quote, statement)
    if not same_words(o, alike):
        return False
    if not quote.actor_id and not statement.actor_id:  # nobody named: the same words, nearly all of them
        return o.shared >= ALL * min(o.quote, o.longest)
    if compatible(quote, statement, o.shared):
        return True
    if quote.person and statement.person:
        return False
    return o.shared >= REPRINT and o.shared >= ALL * max(o.quote, o.longest)
