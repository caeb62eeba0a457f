"""Each language's rules in a module of its own, chosen once per article by `extract()` and used
from there: which quoted spans name something rather than say something, how quotes and reported
speech are attributed, when a name that speaks is a person, whether statements inside other
statements are kept. A new language is a module here and a line in RULES."""

from __future__ import annotations

from pipeline.extract.lang import de, en
from pipeline.extract.lang.base import Attributed, LanguageRules

RULES: dict[str, LanguageRules] = {"en": en.RULES, "de": de.RULES}

__all__ = ["RULES", "Attributed", "LanguageRules", "rules_for"]


def rules_for(language: str) -> LanguageRules:
    """The rules of an ISO 639-1 code; English for the others (French and Russian attribution is
    English's with their cue words, lexicon.CUE_VERBS_INTL)."""
    return RULES.get(language, en.RULES)
