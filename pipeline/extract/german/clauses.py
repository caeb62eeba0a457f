"""The clause a partial quote's cue reports, with German's verb-final order."""

from __future__ import annotations

from pipeline.extract.german.words import past_auxiliaries
from pipeline.extract.indirect import IndirectFinder


class GermanClauses(IndirectFinder):
    def clause(self, cue: int) -> tuple[int, int] | None:
        """In a verb-final clause the finite auxiliary follows the participle ("…, obwohl der Anwalt
        betont hatte, sein Mandant sei „…“"): the reported clause opens after the auxiliaries and
        their comma, not with them."""
        doc = self.doc
        k = past_auxiliaries(doc.lower, cue + 1)
        if k > cue + 1 and k < len(doc.tokens) and doc.tokens[k].text == ",":
            cue = k - 1
        return super().clause(cue)
