"""Quoted spans that name something (a word a cue calls something, a work's title) rather than report
speech."""

from __future__ import annotations

from pipeline.extract.german.words import _CALLED, _CALLED_OR_OWNED, _CLAUSE_END, _SO_CALLED, _WORD
from pipeline.extract.german_words import (
    CUES,
    FOREIGN_WORDS,
    GERMAN_FUNCTION_WORDS,
    REPORTIVE,
    SUBJUNCTIVE,
    TITLE_NOUNS,
)
from pipeline.extract.language import span_language
from pipeline.extract.model import QuoteSpan
from pipeline.extract.text import sentence_starts, sentences, span_index


def named_by_a_cue(text: str, q: QuoteSpan) -> bool:
    """A capitalised quote after a cue in its clause is what someone called something, not a name:
    "nannte die Absage einen „Vertrauensbruch“", "bezeichnete Stratfor als „Schatten-CIA“",
    "sprach von einer „Gefahr für Leib und Leben“"."""
    lead = text[max(0, q.outer_start - 200) : q.outer_start]
    ends = list(_CLAUSE_END.finditer(lead))
    clause = _WORD.findall(lead[ends[-1].end() :] if ends else lead)
    if not clause or clause[-1].lower() not in _CALLED:
        return False
    after = _WORD.findall(text[q.outer_end : q.outer_end + 40])[:1]  # "…, der es als „Fest“ bezeichnete"
    return any(w in CUES for w in clause + after if w[:1].islower())


def in_reported_speech(text: str, q: QuoteSpan) -> bool:
    """The quote's sentence speaks in reported mood outside the quote ("Afghanistan sei ein „Opfer
    des Terrorismus“"): a capitalised quote there is the speaker's words, not a name."""
    sents = sentences(text)
    start, end = sents[span_index(sentence_starts(text), q.outer_start)] if sents else (q.outer_start, q.outer_end)
    before = _WORD.findall(text[start : q.outer_start])
    if not before or before[-1].lower() not in _CALLED_OR_OWNED:
        return False  # a name takes a noun or the definite article: "die Nachrichtenagentur „Xinhua“"
    outside = text[start : q.outer_start] + " " + text[q.outer_end : end]
    return any(w.lower() in SUBJUNCTIVE or w.lower() in REPORTIVE for w in _WORD.findall(outside))


def names_a_work(text: str, q: QuoteSpan) -> bool:
    """A quoted title or name, told by what stands before it: a noun that names a work or a group
    ("mit dem Titel „…“", "die Organisation „…“"); a designation of a few words with a number in
    it; or a span in words of another language only ("Have a nice day", „La Gazetta dello Sport“).
    Measured on German news, an article right before the mark is no such sign: quoted fragments of
    speech take one too ("die „volle Verantwortung“")."""
    lead = text[max(0, q.outer_start - 40) : q.outer_start]
    before = _WORD.findall(lead)
    if before and lead.rstrip().endswith(before[-1]) and before[-1].lower() in TITLE_NOUNS:
        return True
    if before and before[-1].lower() in _SO_CALLED and lead.rstrip().endswith(before[-1]):
        return True  # "die so genannten „Einmannpackungen“": a term, not words someone said
    words = [w.lower() for w in _WORD.findall(text[q.start : q.end])]
    if len(words) <= 4 and any(c.isdigit() for c in text[q.start : q.end]):
        return True  # a designation: „Falcon 1“, „Mil Mi-8“, „HD 13189“
    if any(w in FOREIGN_WORDS for w in words) and not any(w in GERMAN_FUNCTION_WORDS for w in words):
        return True
    # a short span in another language is a name or a term („Deus caritas est“, „Correio da Manhã“);
    # a longer one may be a quote in that language
    return 2 <= len(words) <= 6 and span_language(text[q.start : q.end]) not in ("", "de")
