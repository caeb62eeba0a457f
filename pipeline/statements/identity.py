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


def speaker_of(analysis: ArticleAnalysis, quote: Quote) -> Speaker:
    if not quote.speaker_actor_id:
        return Speaker()
    actor = next((a for a in analysis.actors if a.actor_id == quote.speaker_actor_id), None)
    name = actor.canonical_name if actor is not None else quote.speaker_name
    if actor is not None and actor.type != Actor.TYPE_PERSON:
        return Speaker(quote.speaker_actor_id, name, "", True)
    words = fold(name)
    return Speaker(quote.speaker_actor_id, name, words[-1] if words else "", len(words) > 1)


def compatible(quote: Speaker, statement: Speaker, shared: int) -> bool:
    """The same speaker, or one a surname of the other; an unknown speaker only on long shared runs."""
    if quote.actor_id and statement.actor_id:
        if quote.actor_id == statement.actor_id:
            return True
        partial = not (quote.full and statement.full)
        return partial and bool(quote.surname) and quote.surname == statement.surname
    if not quote.actor_id and not statement.actor_id:
        return True
    return shared >= STRONG_RUN


def better(current: Speaker, other: Speaker) -> Speaker:
    """The speaker a statement keeps: a full name over a surname over nobody."""
    if not current.actor_id or (other.full and not current.full and other.surname == current.surname):
        return other if other.actor_id else current
    return current


def shared_words(words: Words, hits: Sequence[Sequence[bool]], statement_words: int) -> int:
    """Words the quote shares with a statement, in one run per part of the quote, when that is
    enough for them to be one statement (0 otherwise): nearly all of the shorter of the two, or a
    run of SAME_RUN words that is at least half of it; a short quote, most of it. A common phrase
    ("the president of the United States") in two longer quotes is none of these."""
    shared = sum(longest_run(h, len(p)) for h, p in zip(hits, words.pieces, strict=True))  # parts each count
    shorter = min(words.count, statement_words)
    if not shared:
        return 0
    if shared >= ALL * shorter or (shared >= SAME_RUN and shared >= HALF * shorter):
        return shared
    if shorter < SAME_RUN and shared >= max(min(SHINGLE, words.count), MOST * shorter):
        return shared
    return 0
