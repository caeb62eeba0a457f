"""How a language writes names and role titles: what actors.py and roles.py ask of it instead of
which language it is."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract import german_words


@dataclass(frozen=True, eq=False)  # one object per language: hashed by identity, a cheap cache key
class NameRules:
    # every noun is capitalised (German): a capital is weak evidence of a name, a title word is
    # never in lower case, and names are told from nouns by evidence (names_de.GermanNames)
    nouns_capitalised: bool = False
    # a role title is one compound noun ("Finanzminister"): no phrase to extend, no "of" complement;
    # role nouns are known by their endings, inflected ("des Premierministers")
    compound_titles: bool = False
    role_head_endings: tuple[str, ...] = ()
    # articles that end a run of capitalised words rather than join it ("… von der Leyen" is joined
    # by particles, "Schulz der SPD" is not)
    run_breaking_articles: frozenset[str] = frozenset()
    # "The Democratic nominee said": a definite description names the person mentioned last
    role_descriptions: bool = True


ENGLISH = NameRules()
GERMAN = NameRules(
    nouns_capitalised=True,
    compound_titles=True,
    role_head_endings=german_words.ROLE_HEADS,
    run_breaking_articles=frozenset({"der", "den", "des", "die", "dem"}),
    role_descriptions=False,
)


def name_rules(language: str) -> NameRules:
    return GERMAN if language.lower().startswith("de") else ENGLISH
