"""Acronyms a text defines: the name before the bracket is one actor, the acronym its alias."""

from __future__ import annotations

import pytest

from pipeline.extract import extract
from pipeline.extract.acronyms import definitions
from pipeline.extract.model import ActorType
from pipeline.extract.text import tokenize


def _defined(sentence: str, compounds: bool = False) -> list[tuple[str, str]]:
    tokens = tokenize(sentence)
    found = definitions(tokens, sentence, [t.start for t in tokens], compounds)
    return [(" ".join(t.text for t in tokens[d.start : d.end]), d.acronym) for d in found]


@pytest.mark.parametrize(
    ("sentence", "compounds", "name", "acronym"),
    [
        ("Gestern warnte der Verband der Kältetechnik (VDK) vor Engpässen.", True, "Verband der Kältetechnik", "VDK"),
        ("Laut dem Bund für Wald und Moor (BWM) ist der Plan falsch.", True, "Bund für Wald und Moor", "BWM"),
        ("Die Landesvereinigung Ostsee (LVO) lud ein.", True, "Landesvereinigung Ostsee", "LVO"),
        ("Das Landeskriminalamt (LKA) ermittelt.", True, "Landeskriminalamt", "LKA"),
        ("said the Harbor Safety Board (HSB) on Friday.", False, "Harbor Safety Board", "HSB"),
        ("the Council for Coastal Towns (CCT) wrote.", False, "Council for Coastal Towns", "CCT"),
    ],
)
def test_the_words_before_the_bracket_that_spell_the_acronym(
    sentence: str, compounds: bool, name: str, acronym: str
) -> None:
    assert _defined(sentence, compounds) == [(name, acronym)]


@pytest.mark.parametrize(
    ("sentence", "compounds"),
    [
        ("Die Ministerin Anna Roth (SPD) sagte nichts.", True),  # a party after a person defines nothing
        ("Er leitete damals die Abteilung Grenzen (EDA).", True),  # "Er" and a long verb give no letters
        ("the Global Aviation Federation (FAI) met.", False),  # no letter from inside an English word
        ("Der Verband (VDK ist neu) tagt.", True),  # no acronym alone in the bracket
    ],
)
def test_no_definition(sentence: str, compounds: bool) -> None:
    assert _defined(sentence, compounds) == []


def test_a_defined_name_is_one_organisation_and_the_acronym_its_alias() -> None:
    text = (
        "Der Verband der Kältetechnik (VDK) rechnet mit Engpässen. Der VDK fordert mehr Geld. "
        "Auch die Gewerkschaft Fairkauf protestierte."
    )
    actors = {a.canonical_name: a for a in extract(text, language="de").actors}
    vdk = actors["Verband der Kältetechnik"]
    assert vdk.type is ActorType.ORGANIZATION and "VDK" in vdk.aliases and len(vdk.mentions) == 3
    assert "VDK" not in actors and "Kältetechnik" not in actors
    assert actors["Fairkauf"].type is ActorType.ORGANIZATION  # "die Gewerkschaft X"


def test_an_english_definition_and_its_later_mentions() -> None:
    text = (
        "The Harbor Safety Board (HSB) said the pier would close. "
        "“We cannot wait,” an HSB spokesman said. The HSB meets again in May."
    )
    actors = {a.canonical_name: a for a in extract(text, language="en").actors}
    assert actors["Harbor Safety Board"].type is ActorType.ORGANIZATION
    assert "HSB" not in actors and len(actors["Harbor Safety Board"].mentions) == 4
