"""What a language's rules are made of (pipeline/extract/lang/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from pipeline.extract.attribution import Attribution, Attributor
from pipeline.extract.document import Doc
from pipeline.extract.indirect import IndirectFinder, Reported
from pipeline.extract.lang.names import NameRules
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import SpeakerFinder

WORD = re.compile(r"\w+")
_NINE_WORDS = re.compile(r"(?:\W*+\w++){9}")  # nine or more of WORD's matches


@dataclass(frozen=True)
class Attributed:
    """A text's attributions: one per quote span (None: no speaker found), the reported speech,
    and the clause rules statements() applies to partial statements."""

    quotes: list[Attribution | None]
    reported: list[Reported]
    clauses: IndirectFinder


@dataclass(frozen=True)
class LanguageRules:
    code: str
    names_something: Callable[[str, QuoteSpan], bool]  # a quoted name or title, not speech
    attribute: Callable[[Doc, SpeakerFinder], Attributed]
    speaker_is_person: Callable[[str], bool]  # an untyped name that speaks: a person?
    nested_statements: bool  # keep statements inside others (else only the outermost)
    names: NameRules


def clause_rules(doc: Doc, finder: SpeakerFinder) -> tuple[Attributor, IndirectFinder]:
    attributor = Attributor(doc, finder)
    return attributor, IndirectFinder(doc, attributor)


def is_name(text: str, q: QuoteSpan, minor: frozenset[str], min_words: int) -> bool:
    """A quoted run of capitalised words but `minor` ones, min_words to 8 long."""
    if _NINE_WORDS.match(text, q.start, q.end):
        return False  # (most quotes: nine words or more, found without reading them all)
    words = WORD.findall(text, q.start, q.end)
    if not min_words <= len(words) <= 8:
        return False
    content = [w for w in words if w.lower() not in minor]
    return bool(content) and all(w[0].isupper() for w in content)
