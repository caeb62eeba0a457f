"""The clause a partial quote's cue reports, with German's verb-second and verb-final order."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.extract.attribution import Attributor
from pipeline.extract.document import Doc
from pipeline.extract.german.words import past_auxiliaries
from pipeline.extract.german_words import AUXILIARIES, REPORTIVE, SUBJUNCTIVE, SUBORDINATORS
from pipeline.extract.indirect import IndirectFinder

_COMMA = frozenset({","})
_CLAUSE_OPENERS = frozenset({"dass", "ob"})  # what opens the object clause after the main clause's comma
_CLAUSE_BREAKS = frozenset({"-", "–", "—", ":", ";"})  # one of these before the comma: another clause began
# after a comma, these open a relative or adverbial clause, or are an article as well as a relative
# pronoun ("…, die Lage sei ernst" / "die Pläne, die „überholt“ seien"): no reported clause is told by them
# (a verb first: "…, sollten sie gefallen sein, …" is a condition; a reported clause puts its verb second)
_NOT_A_CLAUSE_START = (
    frozenset(
        "der die das dem den des deren dessen denen welche welcher welches welchen welchem wo was wie "
        "als um und oder aber sondern vielmehr".split()
    )
    | SUBORDINATORS
    | SUBJUNCTIVE
    | REPORTIVE
    | AUXILIARIES
)


class GermanClauses(IndirectFinder):
    def __init__(self, doc: Doc, attributor: Attributor, reported_mood: Callable[[int, int], bool]) -> None:
        super().__init__(doc, attributor)
        self._reported_mood = reported_mood  # whether [start, end) speaks in reported mood

    def clause(self, cue: int) -> tuple[int, int] | None:
        """In a verb-final clause the finite auxiliary follows the participle ("…, obwohl der Anwalt
        betont hatte, sein Mandant sei „…“"): the reported clause opens after the auxiliaries and
        their comma, not with them."""
        doc = self.doc
        k = past_auxiliaries(doc.lower, cue + 1)
        if k > cue + 1 and k < len(doc.tokens) and doc.tokens[k].text == ",":
            cue = k - 1
        found: tuple[int, int] | None = super().clause(cue)
        return found if found is None else self._after_main_clause(cue, found)

    def _after_main_clause(self, cue: int, found: tuple[int, int]) -> tuple[int, int]:
        """What follows a cue up to ", dass", ", ob" or a comma and a clause in reported mood is the
        rest of the main clause, not what was said: the subject after the verb ("So erklärte die
        Ministerin, dass …"), a verb particle ("führte Weber aus, man habe …"), an object or an
        adverbial ("sagte der Zeitung am Montag, dass …")."""
        doc = self.doc
        first = doc.token_at(found[0])
        if first != cue + 1:
            return found  # the clause does not open right after the cue: the finder skipped what it must
        comma = doc.first_of(_COMMA, first, doc.token_at(found[1]))
        if comma is None or comma + 2 >= len(doc.tokens) or doc.tokens[comma + 2].start >= found[1]:
            return found
        if any(doc.quoted[first:comma]) or doc.first_of(_CLAUSE_BREAKS, first, comma) is not None:
            return found  # quoted words before the comma are what was said ("nannte es „…“, dass …")
        opener = doc.lower[comma + 1]
        if opener in _CLAUSE_OPENERS:
            return doc.tokens[comma + 2].start, found[1]
        if (
            doc.tokens[cue].text[:1].islower()  # a verb ("Worte, als er …" is a noun's)
            and opener not in _NOT_A_CLAUSE_START
            and not self._reported_mood(found[0], doc.tokens[comma].start)  # (else that part is said too)
            and self._reported_mood(doc.tokens[comma + 1].start, found[1])
        ):
            return doc.tokens[comma + 1].start, found[1]
        return found
