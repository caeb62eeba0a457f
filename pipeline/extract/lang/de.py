"""German rules: speakers by sentence position and the subjunctive of reported speech
(pipeline/extract/german/), nouns capitalised."""

from __future__ import annotations

from pipeline.budget import checkpoint
from pipeline.extract.attribution import Attributor
from pipeline.extract.document import Doc
from pipeline.extract.german import GermanAttributor, in_reported_speech, named_by_a_cue, names_a_work
from pipeline.extract.german.clauses import GermanClauses
from pipeline.extract.lang import en
from pipeline.extract.lang.base import Attributed, LanguageRules, is_name
from pipeline.extract.lang.names import GERMAN
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import SpeakerFinder

MINOR_WORDS = en.MINOR_WORDS | frozenset(
    "der die das des dem den ein eine einer eines einem einen und oder für von vom zu zum zur mit im in am an "
    "auf aus bei nach über unter gegen ohne um".split()
)


def names_something(text: str, q: QuoteSpan) -> bool:
    """Every noun is capitalised, so a quoted name is a run with no lower-case word but articles,
    prepositions and conjunctions („Kampagne für ein Freies Tibet“, „Amflora“); it is speech after
    all when a cue calls something by it or reported speech uses it („nannte es einen
    „Vertrauensbruch““). A quoted work's title is a name too."""
    if is_name(text, q, MINOR_WORDS, 1) and not (named_by_a_cue(text, q) or in_reported_speech(text, q)):
        return True
    return names_a_work(text, q)


def attribute(doc: Doc, finder: SpeakerFinder) -> Attributed:
    german = GermanAttributor(doc, finder)
    clauses = GermanClauses(doc, Attributor(doc, finder), german.reported_mood)
    quoted = german.attribute_quotes()
    checkpoint()  # (between steps: see pipeline.budget)
    reported = german.reported(quoted)
    checkpoint()
    return Attributed(german.fill(quoted, reported), reported, clauses)


def speaker_is_person(name: str) -> bool:
    """A lone capitalised word that speaks is as often a noun (Kraftfahrzeuge, a document, a body)
    as a surname: only a multi-word name becomes a person."""
    return " " in name


RULES = LanguageRules("de", names_something, attribute, speaker_is_person, nested_statements=True, names=GERMAN)
