"""Each language's rules in a module of its own, chosen once per article by `extract()` and used
from there: which quoted spans name something rather than say something, how quotes and reported
speech are attributed, when a name that speaks is a person, whether statements inside other
statements are kept, and how names and titles are written (`names.py`). A new language is a
module here and a line in MODULES. The modules are imported when first asked for: they use the
extractor's modules, which use `names.py` of this package."""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.extract.lang.base import LanguageRules

# language code -> module of this package with RULES; French and Russian use English's, with the
# cue words of their modules (fr.py, ru.py)
MODULES = {"en": "en", "de": "de"}
# modules whose SHARED_CUES (and SHARED_AUXILIARIES) the shared rules know in every language:
# "sagte", "a déclaré", "заявил" (pipeline/extract/lexicon.py joins them)
SHARED_WORDS = ("pipeline.extract.german_words", "pipeline.extract.lang.fr", "pipeline.extract.lang.ru")


@cache
def rules_for(language: str) -> LanguageRules:
    """The rules of an ISO 639-1 code; English's for a language without a module."""
    rules: LanguageRules = importlib.import_module(f"{__name__}.{MODULES.get(language, 'en')}").RULES
    return rules
