"""English rules (French and Russian use them too, with their own cue words in the lexicon)."""

from __future__ import annotations

from pipeline.budget import checkpoint
from pipeline.extract.document import Doc
from pipeline.extract.lang.base import Attributed, LanguageRules, clause_rules, is_name
from pipeline.extract.lang.names import ENGLISH
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import SpeakerFinder

MINOR_WORDS = frozenset("of the a an and for in on at to de la le von der".split())


def names_something(text: str, q: QuoteSpan) -> bool:
    """A quoted Title Case run is a name or a title ("Coalition of the Willing"), not speech."""
    return is_name(text, q, MINOR_WORDS, 2)


def attribute(doc: Doc, finder: SpeakerFinder) -> Attributed:
    attributor, clauses = clause_rules(doc, finder)
    quoted = attributor.run()
    checkpoint()  # (between steps: see pipeline.budget)
    return Attributed(quoted, clauses.find(), clauses)


RULES = LanguageRules(
    "en", names_something, attribute, speaker_is_person=lambda name: True, nested_statements=False, names=ENGLISH
)

# interviews (pipeline/extract/interview.py): turn labels, the pronouns of a question put to
# someone, and the line that credits the interviewer
QUESTION_LABELS = frozenset({"q", "question", "interviewer"})
ANSWER_LABELS = frozenset({"a", "answer"})
SECOND_PERSON = frozenset("you You your Your yours yourself".split())
INTERVIEWER_CREDIT = r"interview(?:ed)? by|interview:|questions by"
FIRST_PERSON = frozenset("I me my mine we We us our Our".split())
