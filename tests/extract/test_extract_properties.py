"""Any text, in any language the job may pass, gives a well-formed extraction: no exception, spans
inside the text, actors typed, quotes' text taken from their spans (property-based)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import JOINER, ActorType, extract
from pipeline.extract.language import detect_language

WORDS = st.sampled_from(
    "the Mr. Dr. Sen. said sagte „ “ ” « » \" ' : , . ; ( ) — - der die Finanzminister Thomas Berger Berlin "
    "New York U.S. FBI of and in von Bank Anna Smith told that dass er she he Republican nominee "
    "Deutsche Frankfurter J. D.C. (D-N.Y.) ' s ’s \n \n\n "
    # the words of the rules for sources, roles, "call" and German main clauses
    "according to by Inc. called a today chief economist governor who published comments notes however "
    "laut nach Angaben seines zufolge so weiter dieser diese Besorgt äußerte sich Sprecher ob "
    # and of this stop's: judging with "als", topics, lives, dashes in pairs, relative speakers
    "würdigte als für berichtete über forderte Menschenleben 1600 feel felt claimed lives ― which "
    "Kim Jong-un ver.di spiegel.de Secretary-General "
    # and of bodies' names: heads, documents, "of" titles, fields, genitives and "für"
    "Watch International Act Agreement Chief Staff CEO Director Center for Health Human Services "
    "University School Wayne Raj Shah Bundesamt Finanzministeriums Bundesministerium Innern Migration "
    # and of British titles: letters after a name, "Prof" and "MP" without periods
    "QC MP MPs OBE Prof Labour Party Judge sprechen spricht Agenturen".split(" ")
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=120).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, language=st.sampled_from(["", "en", "de", "fr", "ru", "es", "de-DE", "xx"]))
def test_extraction_is_well_formed(text: str, language: str) -> None:
    result = extract(text, language=language)
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert all(q.start <= s <= e <= q.end for s, e in q.segments)
        parts = [text[s:e] for s, e in q.segments]
        assert q.text in (text[q.start : q.end], JOINER.join(parts))
        if q.speaker_start >= 0:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(text)
    for a in result.actors:
        assert a.canonical_name and a.type is not ActorType.OTHER
        assert all(0 <= m.start <= m.end <= len(text) and text[m.start : m.end] == m.text for m in a.mentions)


# German sentences of the shapes the German rules read (sentences written for this test), put
# together in any order and number: run-on reported speech, sources before and after, demonstratives
GERMAN_SENTENCES = st.sampled_from(
    [
        "Anna Roth plant den Umbau.",
        "Es sollen bereits Pläne existieren.",
        "Das berichtet die Zeitung Nordkurier.",
        "Dies bestätigte die Ministerin am Montag.",
        "Demnach sollen die Werke länger laufen.",
        "Die Lage sei ernst, hatte die Ministerin gesagt.",
        "Wie die Polizei mitteilte, wurde niemand verletzt.",
        "Dem Bericht zufolge fehlen „mindestens 300“ Lehrer.",
        "„Wir sind bereit“, sagte der Trainer Paul Weber.",
        "Der Plan wurde von der Ministerin als „unausgegoren“ bezeichnet.",
        "Die Summe sei „zu hoch“, so die Behörde.",
        "Sie schrieb: »Drückt uns die Daumen.«",
        "„Das ist ein Fehler“, sagt die 48-Jährige.",
        "Die Opposition kritisierte den Plan.",
        "Kritik kam von den Grünen.",
        "Er erklärte dazu:",
        "\n\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences=st.lists(GERMAN_SENTENCES, max_size=12))
def test_german_sentences_in_any_order_give_one_statement_per_span(sentences: list[str]) -> None:
    text = " ".join(sentences)
    result = extract(text, language="de")
    spans = [(q.start, q.end) for q in result.quotes]
    assert len(spans) == len(set(spans)), result.quotes
    assert all(0 <= s <= e <= len(text) for s, e in spans)


@settings(deadline=None)  # the first call loads the model
@given(text=st.text(max_size=2000))
def test_language_detection_never_fails(text: str) -> None:
    lang = detect_language(text)
    assert lang == "" or (lang.isalpha() and lang.islower() and 2 <= len(lang) <= 3)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The reef is dying, according to Ana Lima of", "en"),  # a source's preposition ends the text
        ("zufolge. Die Brücke werde im Mai geöffnet, so er", "de"),  # a postposed source with nothing before it
    ],
)
def test_a_source_at_the_edge_of_the_text_is_no_exception(text: str, language: str) -> None:
    extract(text, language=language)
