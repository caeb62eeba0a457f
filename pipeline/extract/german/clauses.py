"""The clause a partial quote's cue reports, with German's verb-second and verb-final order."""

from __future__ import annotations

from pipeline.extract.german.words import past_auxiliaries
from pipeline.extract.indirect import IndirectFinder

_COMMA = frozenset({","})
_CLAUSE_OPENERS = frozenset({"dass", "ob"})  # what opens the object clause after the main clause's comma
_CLAUSE_BREAKS = frozenset({"-", "–", "—", ":", ";"})  # one of these before the comma: another clause began


class GermanClauses(IndirectFinder):
    def clause(self, cue: int) -> tuple[int, int] | None:
        """In a verb-final clause the finite auxiliary follows the participle ("…, obwohl der Anwalt
        betont hatte, sein Mandant sei „…“"): the reported clause opens after the auxiliaries and
        their comma, not with them."""
        doc = self.doc
        k = past_auxiliaries(doc.lower, cue + 1)
        if k > cue + 1 and k < len(doc.tokens) and doc.tokens[k].text == ",":
            cue = k - 1
        found = super().clause(cue)
        return found if found is None else self._after_main_clause(cue, found)

    def _after_main_clause(self, cue: int, found: tuple[int, int]) -> tuple[int, int]:
        """What follows a cue up to ", dass" is the rest of the main clause, not what was said: the
        subject after the verb ("So erklärte die Ministerin, dass …"), a verb particle ("führte
        Weber aus, dass …"), an object or adverbial ("sagte der Zeitung am Montag, dass …")."""
        doc = self.doc
        first = doc.token_at(found[0])
        if first != cue + 1:
            return found  # the clause does not open right after the cue: the finder skipped what it must
        comma = doc.first_of(_COMMA, first, doc.token_at(found[1]))
        if comma is None or comma + 2 >= len(doc.tokens) or doc.lower[comma + 1] not in _CLAUSE_OPENERS:
            return found
        if any(doc.quoted[first:comma]) or doc.tokens[comma + 2].start >= found[1]:
            return found  # quoted words before the comma are what was said ("nannte es „…“, dass …")
        if doc.first_of(_CLAUSE_BREAKS, first, comma) is not None:
            return found
        return doc.tokens[comma + 2].start, found[1]
