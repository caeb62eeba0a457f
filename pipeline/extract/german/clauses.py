"""The clause a partial quote's cue reports, with German's verb-final order."""

from __future__ import annotations

from pipeline.extract.german_words import VERB_FINAL_AUXILIARIES
from pipeline.extract.indirect import IndirectFinder


class GermanClauses(IndirectFinder):
    def clause(self, cue: int) -> tuple[int, int] | None:
        """In a verb-final clause the finite auxiliary follows the participle ("…, obwohl der Anwalt
        betont hatte, sein Mandant sei „…“"): the reported clause opens after the auxiliaries and
        their comma, not with them."""
        doc = self.doc
        k = cue + 1
        while k < len(doc.tokens) and doc.lower[k] in VERB_FINAL_AUXILIARIES:
            k += 1
        if k > cue + 1 and k < len(doc.tokens) and doc.tokens[k].text == ",":
            cue = k - 1
        return super().clause(cue)
