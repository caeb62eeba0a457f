"""Language per article: detected from the text, the declared one kept apart; languages without
rules get quotes by their marks and no speakers."""

import pytest

from pipeline.extract import QuoteKind, extract
from pipeline.extract.language import detect_language, effective, primary

TEXTS = {
    "en": "The minister said on Monday that the new bridge would open next spring, despite delays with steel.",
    "de": "Der Minister sagte am Montag, die neue Brücke werde trotz Verzögerungen im Frühjahr eröffnet.",
    "fr": "Le ministre a déclaré lundi que le nouveau pont ouvrirait au printemps, malgré des retards.",
    "es": "El ministro dijo el lunes que el nuevo puente se abriría en primavera, a pesar de los retrasos.",
    "ru": "Министр заявил в понедельник, что новый мост откроется весной, несмотря на задержки с поставками стали.",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_detects_the_five_languages(lang: str) -> None:
    assert detect_language(TEXTS[lang]) == lang


@pytest.mark.parametrize("text", ["", "OK", "12:45 — 3:1", "Berlin"])
def test_too_little_text_is_unknown(text: str) -> None:
    assert detect_language(text) == ""


def test_detected_language_wins_over_the_declared_one() -> None:
    assert effective("de", "en-US") == "de"
    assert effective("", "de-DE") == "de"
    assert primary("EN_us") == "en"


def test_language_without_rules_gets_quotes_by_marks_and_no_speaker() -> None:
    text = "«No vamos a ceder ante ninguna presión», dijo Ana García, ministra de Economía, en Madrid."
    [q] = extract(text, language="es").quotes
    assert q.text == "No vamos a ceder ante ninguna presión" and q.kind is QuoteKind.DIRECT
    assert q.speaker == "" and q.speaker_start == -1
