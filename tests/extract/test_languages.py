"""Quote styles and cue verbs of German, French and Russian news, on sentences written for these tests."""

import pytest

from pipeline.extract import extract

CASES = {
    "de": [
        (
            "„Wir werden nicht nachgeben“, sagte Bundeskanzler Olaf Scholz am Montag.",
            "Wir werden nicht nachgeben",
            "Olaf Scholz",
        ),
        (
            "Die Ministerin Anna Berger erklärte: „Die Lage ist ernst, aber beherrschbar.“",
            "Die Lage ist ernst, aber beherrschbar.",
            "Anna Berger",
        ),
        (
            "„Das Gesetz kommt zu spät“, kritisierte Thomas Krüger von der Opposition.",
            "Das Gesetz kommt zu spät",
            "Thomas Krüger",
        ),
    ],
    "fr": [
        (
            "« Nous ne céderons pas », a déclaré Emmanuel Martin devant les députés.",
            "Nous ne céderons pas",
            "Emmanuel Martin",
        ),
        (
            "Claire Dubois était à Lyon. « La situation reste très préoccupante », a-t-elle ajouté.",
            "La situation reste très préoccupante",
            "Claire Dubois",
        ),
        (
            "Le ministre Paul Girard a affirmé : « Nous sommes prêts à négocier. »",
            "Nous sommes prêts à négocier.",
            "Paul Girard",
        ),
    ],
    "ru": [
        ("«Мы не отступим», — заявил Сергей Лавров журналистам.", "Мы не отступим", "Сергей Лавров"),
        (
            "Министр Игорь Петров сказал: «Встреча пока не запланирована».",
            "Встреча пока не запланирована",
            "Игорь Петров",
        ),
        (
            "Анна Смирнова выступила в Думе. «Это решение неприемлемо», — добавила она.",
            "Это решение неприемлемо",
            "Анна Смирнова",
        ),
    ],
}


@pytest.mark.parametrize(
    "lang,text,quote,speaker",
    [(lang, *c) for lang, cases in CASES.items() for c in cases],
    ids=[f"{lang}-{i}" for lang, cases in CASES.items() for i in range(len(cases))],
)
def test_quote_and_speaker(lang: str, text: str, quote: str, speaker: str) -> None:
    found = [(q.text, q.speaker) for q in extract(text, language=lang).quotes]
    assert (quote, speaker) in found, found


@pytest.mark.parametrize(
    "lang,text,speaker",
    [
        ("de", "Laut Innenminister Klaus Weber wurden 300 Menschen evakuiert.", "Klaus Weber"),
        ("fr", "Selon Marie Laurent, le projet sera abandonné cette année.", "Marie Laurent"),
        ("ru", "По словам Ивана Козлова, переговоры продолжатся в пятницу.", "Ивана Козлова"),  # as inflected
    ],
)
def test_according_to(lang: str, text: str, speaker: str) -> None:
    [q] = extract(text, language=lang).quotes
    assert q.kind.value == "indirect" and q.speaker == speaker
