"""German attribution: who said what in German news, by sentence position rather than by
capitalisation (every German noun is capitalised, so "the nearest capitalised word" names
"Urteilsbegründung" or "Forderungen" as speakers).

German is verb-second: the finite cue verb is the second constituent of its clause. When the
clause opens with its subject ("Der Staatsanwalt sagte, …"), that is the speaker; when it opens
with anything else (an adverb, a prepositional phrase, a quote: "Zudem sagte er", "„…“, sagte der
Minister"), the subject follows the verb. Besides verbs: "so X" after a quote, "laut X", "X
zufolge", "nach Angaben von X", "wie X mitteilte", colon attributions ("Steinbrück: „…“"), and
reported speech that runs on in the subjunctive (Konjunktiv I: "Dies sei nachzuweisen.") with
the last speaker. The word lists are in pipeline/extract/german_words.py."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from pipeline.extract import roles
from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.german_words import (
    ADVERBS,
    AUXILIARIES,
    CLAUSE_OPENERS,
    CONJUNCTIONS,
    CUES,
    DETERMINERS,
    FOREIGN_WORDS,
    GERMAN_FUNCTION_WORDS,
    NACH_NOUNS,
    NEEDS_PARTICLE,
    NP_CONNECTORS,
    PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    REPORTIVE,
    SOURCE_WORDS,
    SUBJUNCTIVE,
    SUBORDINATORS,
    TITLE_NOUNS,
)
from pipeline.extract.indirect import Reported
from pipeline.extract.lang.names import GERMAN
from pipeline.extract.language import span_language
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import Speaker, SpeakerFinder
from pipeline.extract.text import sentences, span_index

_MAX_NP = 12
_END_NOUNS = frozenset("abend jugend tugend elend gegend".split())
RELATIVE_PRONOUNS = frozenset("der die das welcher welche welches".split())
_POSSESSIVES = {
    w: g
    for g, forms in (("m", "sein seine seiner seinem seinen seines"), ("f", "ihre ihrer ihrem ihren ihres"))
    for w in forms.split()
}
# words that open a second phrase after a noun ("der Randalierer den Fluggast", "das Gericht seine Entscheidung")
_NOT_GENITIVE = frozenset("den dem die das ein eine einen einem einigen mehreren vielen".split()) | frozenset(
    _POSSESSIVES
)


_WORD = re.compile(r"\w+")
_SO_CALLED = frozenset("genannte genannten genannter genanntes sogenannte sogenannten sogenannter sogenanntes".split())
_SOURCE_PREPOSITIONS = frozenset({"in", "im", "auf", "bei", "beim", "aus"})  # "Aus Paris hieß es"
_HEISSEN = frozenset({"hieß", "heißt", "geheißen"})
_OBJECT_REPORTS = ("forder", "verlang", "rät", "riet", "rat", "warn", "bericht", "sprach", "spricht", "sprech")


# what calls something a name: "als „…“", "einen „…“" (a newspaper after a cue takes a definite article)
_CALLED = frozenset("als ein eine einen einer einem".split())
_CALLED_OR_OWNED = _CALLED | frozenset(_POSSESSIVES)
_OPENS_QUOTE = re.compile(r':\s*[„»"]|; ')
_TWO_WORDS = re.compile(r"\S\s+\S")  # what str.split() needs to give two words
_CLAUSE_END = re.compile(r"[,;:.!?“”\"»«]")


def named_by_a_cue(text: str, q: QuoteSpan) -> bool:
    """A capitalised quote after a cue in its clause is what someone called something, not a name:
    "nannte die Absage einen „Vertrauensbruch“", "bezeichnete Stratfor als „Schatten-CIA“",
    "sprach von einer „Gefahr für Leib und Leben“"."""
    lead = text[max(0, q.outer_start - 200) : q.outer_start]
    ends = list(_CLAUSE_END.finditer(lead))
    clause = _WORD.findall(lead[ends[-1].end() :] if ends else lead)
    if not clause or clause[-1].lower() not in _CALLED:
        return False
    return any(w in CUES for w in clause if w[:1].islower())


def in_reported_speech(text: str, q: QuoteSpan) -> bool:
    """The quote's sentence speaks in reported mood outside the quote ("Afghanistan sei ein „Opfer
    des Terrorismus“"): a capitalised quote there is the speaker's words, not a name."""
    sents = sentences(text)
    start, end = sents[span_index(sents, q.outer_start)] if sents else (q.outer_start, q.outer_end)
    before = _WORD.findall(text[start : q.outer_start])
    if not before or before[-1].lower() not in _CALLED_OR_OWNED:
        return False  # a name takes a noun or the definite article: "die Nachrichtenagentur „Xinhua“"
    outside = text[start : q.outer_start] + " " + text[q.outer_end : end]
    return any(w.lower() in SUBJUNCTIVE or w.lower() in REPORTIVE for w in _WORD.findall(outside))


def names_a_work(text: str, q: QuoteSpan) -> bool:
    """A quoted title or name, told by what stands before it: a noun that names a work or a group
    ("mit dem Titel „…“", "die Organisation „…“"); a designation of a few words with a number in
    it; or a span in words of another language only ("Have a nice day", „La Gazetta dello Sport“).
    Measured on German news, an article right before the mark is no such sign: quoted fragments of
    speech take one too ("die „volle Verantwortung“")."""
    lead = text[max(0, q.outer_start - 40) : q.outer_start]
    before = _WORD.findall(lead)
    if before and lead.rstrip().endswith(before[-1]) and before[-1].lower() in TITLE_NOUNS:
        return True
    if before and before[-1].lower() in _SO_CALLED and lead.rstrip().endswith(before[-1]):
        return True  # "die so genannten „Einmannpackungen“": a term, not words someone said
    words = [w.lower() for w in _WORD.findall(text[q.start : q.end])]
    if len(words) <= 4 and any(c.isdigit() for c in text[q.start : q.end]):
        return True  # a designation: „Falcon 1“, „Mil Mi-8“, „HD 13189“
    if any(w in FOREIGN_WORDS for w in words) and not any(w in GERMAN_FUNCTION_WORDS for w in words):
        return True
    # a short span in another language is a name or a term („Deus caritas est“, „Correio da Manhã“);
    # a longer one may be a quote in that language
    return 2 <= len(words) <= 6 and span_language(text[q.start : q.end]) not in ("", "de")


# pronouns that are never a subject, skipped after a verb
_OBJECT_PRONOUNS = frozenset("sich ihn ihm ihnen mich mir dich dir uns euch".split())
_NAMING = ("nann", "nenn", "bezeichn")
# conjunctions opening a clause with its finite verb last
_VERB_FINAL_OPENERS = SUBORDINATORS | {"dass", "ob", "wie", "damit"}


@dataclass(frozen=True)
class _Found:
    speaker: tuple[int, int] | None  # token range
    cue: int


class GermanAttributor:
    """Same outputs as the English Attributor and IndirectFinder: an attribution per quote, and
    reported statements without quotation marks."""

    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        self.doc = doc
        self.finder = finder
        self.used: set[int] = set()  # cue tokens already attributing something
        # words the article writes in lower case: a capitalised one at a sentence start is then no noun
        self._mention_starts = frozenset(m[0] for m in finder.index.mentions)
        self._lower_words = frozenset(w for w, t in zip(doc.lower, doc.tokens, strict=True) if t.text[:1].islower())

    @cached_property
    def _cues(self) -> list[int]:
        """Every cue token, in order (one pass; then the last cue before a quote is a bisection)."""
        return [k for k in range(len(self.doc.tokens)) if self._is_cue(k)]

    @cached_property
    def _source_marks(self) -> list[int]:
        """The tokens _source_before can stop at (punctuation, cues, source words): the rest it
        passes over, so it jumps between these instead of walking back over every word."""
        toks = self.doc.tokens
        return [
            k
            for k, w in enumerate(self.doc.lower)
            if toks[k].text in (":", ";") or w in SOURCE_WORDS or w in ("nach", "für") or self._is_cue(k)
        ]

    @cached_property
    def _cuts(self) -> tuple[list[int], list[int]]:
        """Starts and ends of every _OPENS_QUOTE match (they cannot overlap), found once per text."""
        found = [(m.start(), m.end()) for m in _OPENS_QUOTE.finditer(self.doc.text)]
        return [a for a, _ in found], [b for _, b in found]

    def _cut_after(self, start: int) -> tuple[int, int] | None:
        """The first _OPENS_QUOTE match at or after start: one look-up, not a scan of the sentence."""
        starts, ends = self._cuts
        k = bisect_left(starts, start)
        return (starts[k], ends[k]) if k < len(starts) else None

    # --- noun phrases ---------------------------------------------------------------------------
    def _word(self, k: int) -> str:
        return self.doc.lower[k]

    def _quoted_name_end(self, k: int) -> int | None:
        """After the quoted name opening at token k, if one does ("schrieb „Die Zeit“", "zitiert
        die „Computerwoche“"): names are not among the document's quotes."""
        toks = self.doc.tokens
        if toks[k].text not in ("„", "»") or self.doc.in_quote(toks[k].start):
            return None
        if k + 1 >= len(toks) or not toks[k + 1].is_capitalized:
            return None
        close = next((j for j in range(k + 2, min(len(toks), k + 9)) if toks[j].text in ("“", "«", "”")), None)
        return close + 1 if close is not None else None

    def _starts_np(self, k: int) -> bool:
        tok = self.doc.tokens[k]
        w = self._word(k)
        if tok.text in ("„", "»"):
            return self._quoted_name_end(k) is not None
        if w in DETERMINERS or w in PRONOUNS or tok.start in self._mention_starts:
            return True  # a name may open with a particle: "Von der Leyen betonte"
        return tok.is_capitalized and w not in PREPOSITIONS | CONJUNCTIONS | ADVERBS | CUES | AUXILIARIES

    def _np_after(self, k: int, stop: int) -> tuple[int, int] | None:
        """A noun phrase starting at token k: a pronoun, or a determiner/name run with its
        attributes ("der Wissenschaftsjournalist Dirk Lorenzen", "Angaben von n24")."""
        toks = self.doc.tokens
        if k >= stop or not self._starts_np(k) or self.doc.in_quote(toks[k].start):
            return None
        if self._word(k) in PRONOUNS:
            return k, k + 1
        e = self._quoted_name_end(k) or k + 1
        if e > k + 1 and e < stop and toks[e].is_capitalized:
            return k, e
        while e < stop and e - k < _MAX_NP and not self.doc.in_quote(toks[e].start):
            w, text = self._word(e), toks[e].text
            if (named := self._quoted_name_end(e)) is not None:
                e = named
                if e < stop and toks[e].is_capitalized and self._word(e) not in NP_CONNECTORS:
                    break  # a second phrase: "zitiert die „Computerwoche“ Lynch"
                continue
            if text in (",", ".", ":", ";", "!", "?", "(", ")", "„", "“", '"') or w in CUES or w in PARTICLES:
                break
            if w in SUBJUNCTIVE | AUXILIARIES or (w in PREPOSITIONS and w not in NP_CONNECTORS):
                break
            if w in CONJUNCTIONS - {"und"}:
                break
            if w in _NOT_GENITIVE and self._word(e - 1) not in NP_CONNECTORS:
                break  # a second phrase: "der Randalierer den Fluggast"
            if self._second_phrase(e, stop):
                break  # "der Verfasser folgenden Kommentar"
            after_connector = self._word(e - 1) in NP_CONNECTORS
            if not (
                toks[e].is_capitalized
                or w in NP_CONNECTORS
                or w in DETERMINERS
                or any(c.isdigit() for c in text)
                or after_connector
                or text == "-"
                or w.endswith(("e", "en", "er", "es", "em"))
            ):
                break
            e += 1
        while e > k + 1 and self._word(e - 1) in NP_CONNECTORS | DETERMINERS:
            e -= 1
        return k, e

    def _second_phrase(self, e: int, stop: int) -> bool:
        """Noun, inflected adjective, noun: the adjective opens a new phrase (an object), since a
        genitive after a noun takes an article ("der Chef des Verbands")."""
        toks = self.doc.tokens
        w = self._word(e)
        return (
            e + 1 < stop
            and toks[e].text[:1].islower()
            and w.endswith(("e", "en", "es"))
            and w not in NP_CONNECTORS | DETERMINERS
            and toks[e - 1].is_capitalized
            and self._word(e - 1) not in DETERMINERS
            and toks[e + 1].is_capitalized
        )

    def _clause_start(self, i: int, lo: int) -> int:
        """First token of the clause holding token i: after the last comma, colon or quote before it."""
        k = i - 1
        while (
            k >= lo
            and self.doc.tokens[k].text not in (",", ":", ";")
            and not self.doc.in_quote(self.doc.tokens[k].start)
        ):
            k -= 1
        return k + 1

    def _clean_np(self, k: int, end: int) -> bool:
        """Tokens [k, end) form one noun phrase: it opens like one and holds no verb, conjunction
        (but "und") or clause punctuation; a parenthesis inside is allowed ("Behörde (NEMA)")."""
        if k >= end or not self._starts_np(k) or end - k > 2 * _MAX_NP:
            return False
        depth = 0
        for j in range(k, end):
            text, w = self.doc.tokens[j].text, self._word(j)
            depth += (text == "(") - (text == ")")
            if depth:
                continue
            if text in ("„", "“", '"') and not self.doc.in_quote(self.doc.tokens[j].start):
                continue  # the marks around a name: die Tageszeitung „The Guardian“
            if text in (".", ":", ";", "!", "?", "„", "“", '"') or w in CUES | AUXILIARIES | SUBJUNCTIVE:
                return False
            if w in CONJUNCTIONS - {"und"} or (
                j > k
                and self._word(j - 1) == ","
                and w in DETERMINERS | PRONOUNS
                and self._word(j) in {"der", "die", "das", "dem", "den"}
            ):
                return False
        return depth == 0

    def _speaker_of(self, i: int, lo: int, hi: int) -> tuple[int, int] | None:
        """The subject of cue token i, unless it is the expletive "es" ("Es wurde von X die
        Vermutung geäußert", "Es gebe Kunden"): then the agent of a passive, or nobody."""
        found = self._subject_of(i, lo, hi)
        if found is not None and (found[1] - found[0] != 1 or self._word(found[0]) != "es"):
            return found
        start = self._clause_start(i, lo)
        if found is None and self._word(start) != "es":
            return None
        end = self.doc.sentence(self.doc.tokens[i].start)[1]
        stop = min(hi, self.doc.token_range(self.doc.tokens[i].start, end).stop)
        agent = next((k for k in range(start, stop) if self._word(k) == "von"), None)
        return self._np_after(agent + 1, stop) if agent is not None else None

    def _named_in(self, start: int, verb: int, i: int, hi: int) -> tuple[int, int] | None:
        """The source of "hieß es" is in a prepositional phrase, before the verb ("In einem
        Positionspapier … hieß es") or after it ("„…“, heißt es auf der Webseite des Preises")."""
        k = next((j for j in range(start, verb) if self._word(j) in _SOURCE_PREPOSITIONS), None)
        if k is not None:
            return self._np_after(k + 1, verb)
        k = i + 1
        while k < hi and (self._word(k) in ADVERBS or self._word(k) in ("es", "so", "dazu", "darin", "weiter")):
            k += 1
        if k < hi and self._word(k) in _SOURCE_PREPOSITIONS | {"von", "vom"}:
            return self._np_after(k + 1, hi)
        return None

    def _subject_of(self, i: int, lo: int, hi: int) -> tuple[int, int] | None:
        """Subject of cue token i. Verb second: the phrase opening the clause when it runs up to
        the verb or its auxiliary ("Der Minister sagte", "Sie wird … zitiert", "von dem die
        Polizei glaubt"), appositions between commas included ("Granier, der Gouverneur von
        Tabasco, sagte"); else the phrase right after the verb ("Zudem sagte er", "äußerte sich
        der Präsident"). "hieß es" names its source in a prepositional phrase ("In einem
        Positionspapier … hieß es")."""
        toks = self.doc.tokens
        start = self._clause_start(i, lo)
        start = self._skip_openers(start, i)  # "Aber auch die EU-Kommission kritisierte"
        verb = i
        while verb - 1 >= start and self._word(verb - 1) in AUXILIARIES | ADVERBS:
            verb -= 1  # "hat angekündigt", "hatte zuvor erklärt"
        if self._word(i - 1) == "und" and i - 1 > start:
            # coordinated verbs share the subject: "biss der Mann den Gast und rief: „…“"; what
            # follows the second verb is its object ("… und nannte den Plan „…“") unless a pronoun
            after = self._np_after_verb(i, hi)
            # after a naming verb "sie"/"es" is the object: "… und nannte sie „reine Spekulation“"
            naming = self._word(i).startswith(_NAMING)
            object_pronoun = naming and after is not None and self._word(after[0]) in ("sie", "es")
            if after is None or self._word(after[0]) not in PRONOUNS or object_pronoun:
                shared = self._shared_subject(start, i - 1, hi)
                if shared is not None or after is None:
                    return shared
        if self._word(i) in _HEISSEN:
            return self._named_in(start, verb, i, hi)
        if self._particle_name(start, i):
            return start, i  # "Von der Leyen betonte"
        if self._word(start) == "wie":  # "Wie die Zeitung berichtete, …": the verb ends the clause
            first = start + 1 + (self._word(start + 1) == "sich")  # "wie sich Tauss ausdrückte"
            if self._clean_np(first, verb):
                return first, verb
        slot = next((j for j in range(start, i) if self._word(j) in AUXILIARIES), i)
        if self._word(i).startswith("zitier") and slot == i and start < i:
            # active "zitieren": the one quoted is the object ("Der Spiegel zitiert den Prediger mit den Worten")
            quoted = self._np_after_verb(i, hi)
            if quoted is not None and self._word(quoted[0]) != "man":
                return quoted
        if (verb == start or slot == start) and start - 1 > lo and toks[start - 1].text == ",":
            # the clause opens with the verb: appositions end before it, the subject before them
            found = self._before_appositions(start - 1, lo)
            if found is not None:
                return found
        if start < slot and self._subject_first(start) and self._clean_np(start, slot):
            # main clause: subject, then the finite verb
            if not self._oblique(start, slot) or (after := self._np_after_verb(i, hi)) is None:
                return start, slot
            return after  # "Der englischsprachigen Zeitung sagte Karma": a dative first, the subject after
        k = start + (self._word(start) in PREPOSITIONS)
        sentence_initial = self.doc.tokens[k].is_capitalized and self._word(k) in SUBORDINATORS
        relative = start > lo and self.doc.tokens[start - 1].text == "," and not sentence_initial
        if k < i and self._word(k) in RELATIVES and relative:  # "…, von dem die Polizei glaubt"
            end = next((j for j in range(k + 1, i + 1) if self._word(j) in AUXILIARIES or j == i), i)
            if self._clean_np(k + 1, end):
                return k + 1, end
        if slot < i and (after_aux := self._np_after_verb(slot, i)) is not None:
            return after_aux  # "Zur Lage wird Watzke wie folgt zitiert", "Zudem hat er erklärt"
        return self._np_after_verb(i, hi)

    def _before_appositions(self, comma: int, lo: int) -> tuple[int, int] | None:
        """Subject, appositions, verb: "Olli Rehn, EU-Kommissar, sagte", "Küng, der als Kritiker
        des Papstes gilt, hofft". The speaker is the subject with its noun-phrase appositions; a
        relative clause is left out."""
        toks = self.doc.tokens
        end = span_end = comma
        for _ in range(4):
            piece = self._clause_start(end, lo)
            if piece <= lo or toks[piece - 1].text != ",":
                piece = self._skip_openers(piece, end) + (self._word(piece) == "wie")  # "Wie X, Y, sagte"
                ok = piece < end and self._subject_first(piece) and self._clean_np(piece, end)
                return (piece, span_end) if ok else self._after_clause(end, span_end)
            if self._word(piece) in RELATIVE_PRONOUNS and not self._clean_np(piece, end):
                span_end = piece - 1
            elif not self._clean_np(piece, end):
                if self._word(piece) in AUXILIARIES and self._clean_np(piece + 1, end):
                    return piece + 1, span_end  # "…, wird Mike Downey, Manager für Flash, zitiert"
                return self._after_clause(end, span_end)
            end = piece - 1
        return None

    def _after_clause(self, comma: int, span_end: int) -> tuple[int, int] | None:
        """Appositions after a clause of their own: "X wies das zurück, die Sprecherin der Fraktion,
        Sandra Boser, erklärte": the subject is what follows that clause's comma, when it opens
        with an article in the nominative."""
        first = comma + 1
        if comma < span_end and self._word(first) in DETERMINERS and not self._oblique(first, span_end):
            return first, span_end
        return None

    def _np_after_verb(self, i: int, hi: int) -> tuple[int, int] | None:
        k = i + 1
        while k < hi and (self._word(k) in ADVERBS or self._word(k) in _OBJECT_PRONOUNS):
            k += 1  # "so charakterisierte ihn der Funktionär", "äußerte sich der Präsident"
        np = self._np_after(k, hi)
        if np and self._word(i).startswith("zitier"):
            # the one quoted is the object after the subject: „…“, zitierte man Yolanda Alvarez / zitiert
            # die „Computerwoche“ Lynch
            quoted = self._np_after(np[1], hi) if np[1] < hi and self._word(np[1]) not in PREPOSITIONS else None
            if self._word(np[0]) == "man" or quoted is not None:
                return quoted
        return np

    def _particle_name(self, start: int, verb: int) -> bool:
        """A surname with a particle right before its verb ("Von der Leyen", "De Maizière"), told
        from a prepositional phrase by its shape: particle, maybe an article, one capitalised word."""
        words = self.doc.lower[start:verb]
        return (
            2 <= len(words) <= 3
            and words[0] in ("von", "van", "de", "zu")
            and (len(words) == 2 or words[1] in ("der", "den", "de"))
            and self.doc.tokens[verb - 1].is_capitalized
        )

    def _skip_openers(self, start: int, stop: int) -> int:
        k = start
        while k + 1 < stop and self._word(k) in CLAUSE_OPENERS:
            k += 1
        return k if k > start and self._starts_np(k) else start

    def _subject_first(self, start: int) -> bool:
        """The clause's first phrase can be its subject: it opens with an article, a pronoun or a
        name, not with an adverbial that only looks like a noun at the start of a sentence
        ("Passend zu den Gefahren warnte die Moderatorin", "Besonders …"): an uninflected word
        that the article writes in lower case elsewhere, or a participle in "-end"."""
        w = self._word(start)
        if w in DETERMINERS or w in PRONOUNS or not self.doc.tokens[start].is_capitalized:
            return True
        if self.doc.tokens[start].start in self._mention_starts:
            return True
        if w.endswith("end") and w not in _END_NOUNS:
            return False
        return w not in self._lower_words

    def _shared_subject(self, start: int, und: int, hi: int) -> tuple[int, int] | None:
        """Coordinated verbs share their subject: the one of the first conjunct."""
        if self._verb_like(start) or self._is_cue(start):
            return self._np_after_verb(start, und)
        verb = self._finite_verb(start, und)
        if verb is None or verb == und:
            return None
        return self._speaker_of(verb, start, und)

    def _oblique(self, start: int, end: int) -> bool:
        """The phrase is marked as accusative, dative or genitive, so not the subject: "dem
        Minister", "den Unmut", "einer Zeitung", "der englischsprachigen Zeitung" (article "der"
        with a weak "-en" adjective)."""
        first = self._word(start)
        if first in ("dem", "den", "einem", "einen", "einer", "eines", "des", "deren", "dessen"):
            return True
        return first == "der" and end - start >= 3 and self._word(start + 1).endswith("en")

    # --- cues -----------------------------------------------------------------------------------
    def _is_cue(self, k: int) -> bool:
        w = self._word(k)
        if w not in CUES or self.doc.in_quote(self.doc.tokens[k].start):
            return False
        colon = k + 1 < len(self.doc.tokens) and self.doc.tokens[k + 1].text == ":"  # "und rief: „…“"
        if w in NEEDS_PARTICLE and not colon and not self._particle_follows(k, NEEDS_PARTICLE[w]):
            return False
        # a capitalised form mid-sentence is a noun ("die Sagen", "Hoffen"), except sentence-initially
        return not (
            self.doc.tokens[k].is_capitalized
            and self.doc.sentence(self.doc.tokens[k].start)[0] != self.doc.tokens[k].start
        )

    def _particle_follows(self, k: int, particles: set[str]) -> bool:
        """The separable particle closes the clause ("teilte … mit.", "gab an, dass"), maybe after
        an apposition ("teilte der Direktor der Behörde, Bagus Puruhito, mit")."""
        toks = self.doc.tokens
        end = min(len(toks), k + 25)
        for j in range(k + 1, end):
            if toks[j].text in (".", ":", ";", "!", "?"):
                return False
            if self._word(j) in particles and (j + 1 == end or not toks[j + 1].text[:1].isalnum()):
                return True
        return False

    def _resolve(self, span: tuple[int, int]) -> Speaker:
        """The phrase as written is the mention; its actor is one named inside it (a person
        first), or a pronoun's antecedent. Never a capitalised word next to it."""
        toks = self.doc.tokens
        s, e = span
        if e - s == 1 and self._word(s) in PRONOUNS:
            return self.finder.resolve(span)
        start, end = toks[s].start, toks[e - 1].end
        inside = self.finder.mentions_within(start, end)
        people = [m for m in inside if self.finder.index.actors[m[2]].type.value == "person"]
        actor = (people or inside)[-1][2] if inside else -1
        if actor < 0 and self._word(s) in _POSSESSIVES:  # "Seine Meinung zu Kirchhoff:" is his
            actor = self.finder.resolve_pronoun(start, _POSSESSIVES[self._word(s)])
        return Speaker(actor, self.doc.text[start:end], start, end)

    def _attribution(self, found: _Found, confidence: float) -> Attribution:
        if found.speaker is None:
            start = self.doc.tokens[found.cue].start
            return Attribution(Speaker(-1, "", -1, -1), self.doc.tokens[found.cue].text, start, confidence * 0.5)
        speaker = self._resolve(found.speaker)
        tok = self.doc.tokens[found.cue]
        return Attribution(speaker, tok.text, tok.start, confidence)

    # --- quotes ---------------------------------------------------------------------------------
    def _after_quote(self, q: QuoteSpan) -> Attribution | None:
        """„…“, sagte der Minister. / „…“, so Müller. / „…“, erklärte er gegenüber der Presse."""
        doc = self.doc
        sent_end = doc.sentence(q.outer_end - 1)[1]
        window = doc.token_range(q.outer_end, sent_end)
        k = window.start
        while k < window.stop and doc.tokens[k].text in (",", "–", "—", "-"):
            k += 1
        if k >= window.stop:
            return None
        if self._word(k) == "mit":  # „…“, mit diesen Worten meldete er sich zurück
            words = next((j for j in range(k + 1, min(k + 4, window.stop)) if self._word(j) == "worten"), None)
            if words is not None and words + 1 < window.stop:
                k = words + 1
        embedded = k == window.start and self._word(k) != "so"  # no comma: the quote is inside the clause
        if self._word(k) == "so" and k + 1 < window.stop and (self._is_cue(k + 1) or self._verb_like(k + 1)):
            k += 1  # „…“, so charakterisierte ihn der Funktionär: "so" then the verb
        if self._word(k) == "so" or self._is_cue(k) or self._verb_like(k):
            found = self._speaker_of(k, k, window.stop)
            if found is None and embedded and (att := self._verb_final(q, k) or self._reported_clause(q)) is not None:
                return att
            # „…“, begründet das Gericht: nouns are capitalised, so a lower-case word is a verb
            return self._attribution(_Found(found, k), 0.9 if self._word(k) == "so" or self._is_cue(k) else 0.75)
        if self._word(k) in AUXILIARIES:  # „…“, hatte VW-Chef Winterkorn in einem Interview erklärt.
            cue = next((j for j in range(k + 1, window.stop) if self._is_cue(j)), None)
            if cue is not None:
                return self._attribution(_Found(self._np_after(k + 1, window.stop), cue), 0.85)
        return None

    def _verb_final(self, q: QuoteSpan, verb: int) -> Attribution | None:
        """The quote sits inside a clause whose verb follows it ("…, weil die US-Regierung Georgien
        als „…“ bezeichnet hat"): in a subordinate clause the verb comes last, its subject right
        after the conjunction."""
        doc = self.doc
        lo = doc.token_range(doc.sentence(q.outer_start)[0], q.outer_start)
        if not self._is_cue(verb) or not len(lo):
            return None
        start = self._clause_start(lo.stop, lo.start)
        if start < lo.stop and self._word(start) in _VERB_FINAL_OPENERS:
            np = self._np_after(start + 1, lo.stop)
            if np is not None and not self._oblique(*np) and self._word(np[0]) != "es":
                return self._attribution(_Found(np, verb), 0.7)
        if (
            start > lo.start + 1
            and self._word(start) in ("der", "die", "welcher", "welche")
            and self._word(start - 1) == ","
        ):
            antecedent = self._antecedent(start - 1, lo.start)  # "ein Kommentar, der … als „…“ bezeichnet"
            if antecedent is not None:
                return self._attribution(_Found(antecedent, verb), 0.7)
        return None

    def _antecedent(self, comma: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase a relative clause after `comma` refers to: the last phrase before it
        that opens with an article."""
        det = next(
            (k for k in range(comma - 1, max(lo, comma - _MAX_NP) - 1, -1) if self._word(k) in DETERMINERS), None
        )
        if det is None:
            return None
        np = self._np_after(det, comma)
        return np if np is not None and np[1] == comma and not self._oblique(*np) else None

    def _reported_clause(self, q: QuoteSpan) -> Attribution | None:
        """A quote inside a "dass"/"ob" clause whose verb follows it ("Mutlu prangerte an, dass die
        Lehrer „…“ dienten"): the words are the reporting clause's subject's."""
        _, tokens = self._words_before(q)
        if any(self._word(k) in ("dass", "ob") and self.doc.tokens[k - 1].text == "," for k in tokens):
            return self._before_quote(q)
        return None

    def _words_before(self, q: QuoteSpan) -> tuple[int, range]:
        """The sentence's start (within the quote's paragraph) and its tokens before the quote."""
        s = max(self.doc.sentence(q.outer_start)[0], self.doc.paragraph(q.outer_start)[0])
        return s, self.doc.token_range(s, q.outer_start)

    def _after_inner_colon(self, tokens: range) -> range:
        """The tokens after the last colon among them ("Steuern: Die so genannte „Reichensteuer“:
        Die SPD will … („…“)": the fragment is in the SPD's clause)."""
        toks = self.doc.tokens
        colons = [k for k in tokens if toks[k].text == ":" and not self.doc.in_quote(toks[k].start)]
        return range(colons[-1] + 1, tokens.stop) if colons else tokens

    def _cue_before(self, tokens: range) -> Attribution | None:
        """The last cue among the words before a quote, with its subject: "Er sagte gegenüber der
        Zeitung, „…“", also a quote inside the reported clause ("prangerten an, dass die Lehrer
        „…“ dienten"). The cue may introduce reported speech around the quote: reported() decides."""
        cues = self._cues
        last = bisect_left(cues, tokens.stop) - 1
        if last < 0 or cues[last] < tokens.start:
            return None
        k = cues[last]
        return self._attribution(_Found(self._speaker_of(k, tokens.start, tokens.stop), k), 0.85)

    def _before_quote(self, q: QuoteSpan) -> Attribution | None:
        """Der Minister sagte: „…“ / Er sagte gegenüber der Zeitung, „…“ / Steinbrück: „…“."""
        doc = self.doc
        s, tokens = self._words_before(q)
        if (cued := self._cue_before(tokens)) is not None:
            return cued
        if len(tokens) and doc.tokens[tokens.stop - 1].text == ":":
            colon = tokens.stop - 1
            label = self._label(self._skip_openers(tokens.start, colon), colon)
            if label is not None:  # colon attribution: "Steinbrück: „…“", "X, Präsident des Rats: „…“"
                return self._attribution(_Found(label, colon), 0.8)
            # "… brachte X zum Ausdruck: „…“"; after a subordinate clause or an apposition the
            # main clause's verb opens the clause before the colon ("…, lautete dazu: „…“")
            last = self._clause_start(colon, tokens.start)
            if self._word(last) == "so" and (np := self._np_after(last + 1, colon)) is not None:
                return self._attribution(_Found(np, last), 0.8)  # "…, so Elshorst weiter: „…“"
            verb = last if last > tokens.start and self._verb_like(last) else None
            if verb is None:  # "In einer Erklärung hatte es geheißen:": the verb that names the source
                verb = next((k for k in range(tokens.start, colon) if self._word(k) in _HEISSEN), None)
            if verb is None:
                verb = self._main_verb(tokens.start, colon)
            if verb is not None and self._word(verb) in SUBJUNCTIVE | REPORTIVE:
                # reported speech before the colon ("Queensland sei zu Dank verpflichtet: „…“"): the
                # one reported goes on speaking (fill), not the sentence's subject
                return self._attribution(_Found(None, verb), 0.5)
            if verb is not None:
                att = self._attribution(_Found(self._speaker_of(verb, tokens.start, tokens.stop - 1), verb), 0.7)
                return self._only_person(tokens, att) or att
        elif (source := self._source_before(tokens)) is not None:
            return source
        elif len(tokens) > 2 and (verb := self._finite_verb(tokens.start, tokens.stop)) is not None:
            if self._subjunctive(s, q.outer_start):
                # reported speech running on ("Der Rücktritt sei ein „…“"): not the subject's words;
                # no speaker here, so the one before carries on (fill)
                return self._attribution(_Found(None, verb), 0.5)
            # a quoted fragment inside the reporter's sentence: the sentence's subject used the words
            # (an expletive "es" stays, for the statement's extent, unless a passive names the agent)
            clause = self._after_inner_colon(tokens)
            if clause.start > tokens.start and len(clause) > 2:
                verb = self._finite_verb(clause.start, clause.stop) or verb
            lo, hi = clause.start, clause.stop
            span = self._speaker_of(verb, lo, hi) or self._subject_of(verb, lo, hi)
            return self._attribution(_Found(span, verb), 0.5)
        return None

    def _only_person(self, tokens: range, att: Attribution) -> Attribution | None:
        """The one person named before a colon speaks, when the subject found is nobody's ("Die
        praktische Anwendung stellte der SPD-Vorsitzende Franz Müntefering in Frage: „…“")."""
        if att.actor >= 0 and self.finder.index.actors[att.actor].type.value == "person":
            return None
        subject = self.doc.token_range(att.speaker.start, att.speaker.end) if att.speaker.start >= 0 else range(0)
        nouns = (k for k in subject if self.doc.tokens[k].is_capitalized and self._word(k) not in DETERMINERS)
        head = next(nouns, None)
        if head is not None and roles.is_head(self.doc.tokens[head].text, GERMAN):
            return None  # "Der Ermittler": a person, if unnamed (the phrase's first noun is its head)
        start, end = self.doc.tokens[tokens.start].start, self.doc.tokens[tokens.stop - 1].end
        mentions = [
            m
            for m in self.finder.index.mentions
            if start <= m[0] and m[1] <= end and self.finder.index.actors[m[2]].type.value == "person"
        ]
        if len({m[2] for m in mentions}) != 1:
            return None
        m = mentions[0]  # the person's first mention in the sentence
        speaker = Speaker(m[2], self.doc.text[m[0] : m[1]], m[0], m[1])
        return Attribution(speaker, att.cue, att.cue_start, 0.6)

    def _label(self, start: int, colon: int) -> tuple[int, int] | None:
        """A speaker label before a colon: a name or noun phrase, maybe with an apposition set
        off by a comma ("Erkki Tuomioja, Präsident des Rats der Europäischen Union:"). A term
        before a colon is no speaker ("Die so genannte „Reichensteuer“:")."""
        if not 1 <= colon - start <= 2 * _MAX_NP:
            return None
        if any(self._word(k) in _SO_CALLED or self._word(k) == "so" for k in range(start, colon)):
            return None
        np = self._np_after(start, colon)
        if np is None:
            return None
        toks = self.doc.tokens
        apposition = range(np[1] + 1, colon)
        plain = not any(toks[k].text == "," or self._verb_like(k) for k in apposition)
        if np[1] < colon and toks[np[1]].text == "," and plain and self._clean_np(np[1] + 1, colon):
            named = any(start <= self.doc.token_at(m[0]) < np[1] for m in self.finder.index.mentions) or (
                2 <= np[1] - np[0] <= 4 and all(toks[k].is_capitalized for k in range(*np))
            )  # a name the actor rules did not know ("Erkki Tuomioja, Präsident …:")
            return (start, colon) if named else None
        if colon - start <= 8 and (np[1] == colon or not any(self._verb_like(k) for k in range(start, colon))):
            return np  # "Steinbrück:", "Seine Meinung zu Kirchhoff:", "Ein Kommissar nach der Festnahme:"
        return None

    def _verb_like(self, k: int) -> bool:
        """A lower-case content word: in German, nouns are capitalised, so verbs are what is left."""
        tok, w = self.doc.tokens[k], self._word(k)
        return (
            tok.text[:1].islower()
            and tok.text.isalpha()
            and w not in DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | ADVERBS | RELATIVES
            and w not in {"nicht", "sich", "zu", "es", "man", "so", "noch", "auch", "nur", "sehr", "einer"}
        )

    def _finite_verb(self, start: int, end: int) -> int | None:
        """The verb in second position of the main clause [start, end): after its first phrase."""
        for k in range(start + 1, min(end, start + _MAX_NP + 1)):
            if self.doc.tokens[k].text in (",", "„", "“", '"'):
                return None
            if self._word(k) in AUXILIARIES or self._word(k) in CUES or self._verb_like(k):
                return k
        return None

    def _main_verb(self, start: int, end: int) -> int | None:
        """The finite verb of the main clause [start, end), also after appositions set off by
        commas ("Sadiq Khan, einer der Abgeordneten, verurteilte")."""
        toks = self.doc.tokens
        verb = self._finite_verb(start, end)
        while verb is not None and self._attributive(verb, end):  # "Der italienische Innenminister zeigte"
            verb = self._finite_verb(verb, end)
        if verb is None:
            verb = next((k for k in range(start + 1, end) if toks[k - 1].text == "," and self._verb_like(k)), None)
        return verb

    def _attributive(self, k: int, end: int) -> bool:
        """An inflected adjective between an article and its noun: "Die praktische Anwendung"."""
        return (
            k + 1 < end
            and self._word(k - 1) in DETERMINERS
            and self._word(k).endswith(("e", "en", "er", "es", "em"))
            and self.doc.tokens[k + 1].is_capitalized
        )

    def attribute_quotes(self) -> list[Attribution | None]:
        out: list[Attribution | None] = []
        for qi, q in enumerate(self.doc.quotes):
            att = self._after_quote(q) or self._before_quote(q) or self._chain(qi, out)
            if att and att.actor >= 0:
                self.finder.recent.append(att.actor)
            out.append(att)
        return out

    def _chain(self, qi: int, resolved: list[Attribution | None]) -> Attribution | None:
        if qi == 0 or resolved[qi - 1] is None:
            return None
        prev, q = self.doc.quotes[qi - 1], self.doc.quotes[qi]
        p_prev, p_cur = self.doc.paragraph_index(prev.outer_start), self.doc.paragraph_index(q.outer_start)
        if p_cur - p_prev > 1:
            return None
        att = resolved[qi - 1]
        assert att is not None
        return Attribution(att.speaker, att.cue, att.cue_start, round(att.confidence * 0.7, 3))

    # --- reported speech ------------------------------------------------------------------------
    def _content(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.doc.text
        while start < end and (text[start] in " ,:–—" or text.startswith(("dass ", "ob "), start)):
            start += 5 if text.startswith("dass ", start) else 3 if text.startswith("ob ", start) else 1
        cut = self._cut_after(start)  # a colon opening a quote, or a semicolon, ends it
        if cut is not None and cut[1] <= end and cut[0] > start:
            end = cut[0]
        while end > start and text[end - 1] in " .,;:!?":
            end -= 1
        if _TWO_WORDS.search(text, start, end) is None:
            return None
        quoted = self.doc.quoted_chars(start, end)
        return None if quoted >= 0.8 * (end - start) else (start, end)

    def _verb_statement(self, i: int, s: int, e: int) -> Reported | None:
        doc = self.doc
        toks = doc.tokens
        speaker = self._speaker_of(i, doc.token_at(s), doc.token_at(e))
        after = doc.token_range(toks[i].end, e)
        comma_after = next((k for k in after if toks[k].text in (",", ":")), None)
        before = doc.text[s : toks[i].start].rstrip()
        inverted = speaker is None or speaker[0] > i
        if before.endswith(",") and doc.token_at(s) < i and inverted:  # "Die Lage sei ernst, sagte er."
            span = self._content(s, doc.text.rfind(",", s, toks[i].start))
        elif comma_after is not None:  # "Er sagte, die Lage sei ernst." / "teilte die Polizei mit, dass …"
            span = self._content(toks[comma_after].end, e)
        else:
            return None
        if span is None or doc.in_quote(span[0]):
            return None
        self.used.add(i)
        return Reported(span[0], span[1], self._attribution(_Found(speaker, i), 0.7))

    def _source_phrase(self, i: int, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The source named by token i (laut X, X zufolge, nach Angaben von X, so X) within
        tokens [lo, hi): its noun phrase, and the character span of the whole phrase."""
        toks = self.doc.tokens
        w = self._word(i)
        if w == "zufolge":
            k = i - 1
            while k > lo and toks[k - 1].text not in (",",) and self._word(k - 1) not in PREPOSITIONS - NP_CONNECTORS:
                k -= 1
            return ((k, i), (toks[k].start, toks[i].end)) if k < i else None
        if w == "nach" and self._postposed_nach(i, lo):  # "Seiner Ansicht nach": the possessive's owner
            return (i - 2, i), (toks[i - 2].start, toks[i].end)
        if w == "nach":
            noun = next((j for j in (i + 1, i + 2) if j < hi and self._nach_noun(j)), None)
            if noun is None:
                return None
            speaker = self._np_after(i + 1, hi)
            if speaker is None and noun == i + 2:  # "nach palästinensischen Angaben"
                speaker = (i + 1, i + 3)
        else:  # laut, gemäß, so (after a clause)
            speaker = self._np_after(i + 1, hi)
        return (speaker, (toks[i].start, toks[speaker[1] - 1].end)) if speaker else None

    def _source_statement(self, i: int, s: int, e: int) -> Reported | None:
        """laut X / X zufolge / nach Angaben von X / so X / wie X mitteilte: the rest of the sentence."""
        doc = self.doc
        found = self._source_phrase(i, doc.token_at(s), doc.token_at(e))
        if found is None:
            return None
        speaker, phrase = found
        before = self._content(s, phrase[0])
        span = before if before and doc.text[s : phrase[0]].strip(" ,") else self._content(phrase[1], e)
        if span is None:
            return None
        self.used.add(i)
        return Reported(span[0], span[1], self._attribution(_Found(speaker, i), 0.7))

    def _source_before(self, tokens: range) -> Attribution | None:
        """A fragment after a source in its clause, with no cue between them: "man könne laut
        Klinikdirektor Beckmann „jetzt Paaren helfen“", "nach Angaben des Leiters „die Moderne“"."""
        marks = self._source_marks
        for m in range(bisect_left(marks, tokens.stop) - 1, bisect_left(marks, tokens.start) - 1, -1):
            k = marks[m]
            w, text = self._word(k), self.doc.tokens[k].text
            if text in (":", ";") or self._is_cue(k):
                return None
            if (
                w in SOURCE_WORDS
                or (w == "nach" and k + 1 < tokens.stop and self._nach_noun_at(k))
                or self._postposed_nach(k, tokens.start)
                or self._opinion_holder(k)
            ):
                found = self._source_phrase(k, tokens.start, tokens.stop)
                return self._attribution(_Found(found[0], k), 0.6) if found else None
        return None

    def _opinion_holder(self, k: int) -> bool:
        """ "Für den Theologen Hans Küng sei der Rücktritt „verständlich“": a sentence opening with
        "für" and a phrase, in reported mood, gives that one's view."""
        if self._word(k) != "für" or not self.doc.tokens[k].is_capitalized:
            return False
        s, e = self.doc.sentence(self.doc.tokens[k].start)
        if self.doc.tokens[k].start != s or not self._subjunctive(s, e):
            return False
        np = self._np_after(k + 1, self.doc.token_at(e))
        return np is not None and np[1] < len(self.doc.tokens) and self._word(np[1]) in SUBJUNCTIVE | REPORTIVE

    def _postposed_nach(self, k: int, lo: int) -> bool:
        """ "Seiner Ansicht nach", "ihrer Meinung nach": a possessive, a noun of opinion, "nach"."""
        return (
            self._word(k) == "nach"
            and k - 2 >= lo
            and self._word(k - 2) in _POSSESSIVES
            and self._word(k - 1) in NACH_NOUNS
        )

    def _nach_noun_at(self, k: int) -> bool:
        return any(j < len(self.doc.tokens) and self._nach_noun(j) for j in (k + 1, k + 2))

    def _cue_without_content(self, s: int, e: int) -> Attribution | None:
        """ "Wowereit bedauerte die Entscheidung.": a speaker and a cue, what was said follows."""
        lo, hi = self.doc.token_at(s), self.doc.token_at(e)
        for i in range(lo, hi):
            if self._is_cue(i):
                speaker = self._speaker_of(i, lo, hi)
                return self._attribution(_Found(speaker, i), 0.6) if speaker else None
        return None

    def _reports_object(self, att: Attribution) -> bool:
        """A verb of demanding, advising, warning or reporting on, whose object is what was said:
        "forderte höhere Löhne", "warnte vor Glätte", "berichtete von 56 Opfern"."""
        w = att.cue.lower()
        return w.startswith(_OBJECT_REPORTS) and not w.startswith("ge")

    def _sentence_span(self, s: int, e: int) -> tuple[int, int] | None:
        text = self.doc.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".!?"):
            e -= 1
        return (s, e) if len(_WORD.findall(text[s:e])) >= 4 else None

    def _nach_noun(self, k: int) -> bool:
        """Angaben, Aussagen, … also as the end of a compound ("nach israelischen Militärangaben")."""
        w = self._word(k)
        return w in NACH_NOUNS or (self.doc.tokens[k].is_capitalized and w.endswith(("angaben", "aussagen")))

    def reported(self, quoted: list[Attribution | None]) -> list[Reported]:
        """Reported statements, sentence by sentence. quoted: the quotes' attributions, so that
        reported speech in the subjunctive continues a quote's speaker as well as a statement's."""
        doc = self.doc
        by_sentence = {doc.sentence(q.outer_start)[0]: a for q, a in zip(doc.quotes, quoted, strict=True) if a}
        out: list[Reported] = []
        last: Attribution | None = None
        last_para = -1
        for s, e in doc.sents:
            found: Reported | None = None
            for i in doc.token_range(s, e):
                if i in self.used or doc.in_quote(doc.tokens[i].start):
                    continue
                w = self._word(i)
                if (
                    w in SOURCE_WORDS
                    or w == "nach"
                    or self._opinion_holder(i)
                    or (w == "so" and doc.tokens[i - 1].text == "," if i else False)
                ):
                    found = self._source_statement(i, s, e)
                elif self._is_cue(i):
                    found = self._verb_statement(i, s, e)
                if found:
                    break
            para = doc.paragraph_index(s)
            if found is None and last is not None and para - last_para <= 1 and self._subjunctive(s, e):
                span = self._content(s, e)  # reported speech running on in the subjunctive
                if span and not doc.in_quote(span[0]):
                    found = Reported(span[0], span[1], last)
            if found:
                out.append(found)
                last, last_para = found.attribution, para
            elif (att := by_sentence.get(s) or self._cue_without_content(s, e)) is not None and att.speaker.start >= 0:
                # a quote's speaker, or one who "criticised the decision", goes on in the subjunctive
                last, last_para = att, para
                if att is not by_sentence.get(s) and self._reports_object(att) and not self._quoted_sentence(s, e):
                    # "Die Polizei sprach von 800 Autos.": the sentence reports what was said
                    span = self._sentence_span(s, e)
                    if span is not None:
                        out.append(Reported(span[0], span[1], att))
            elif not self._quoted_sentence(s, e):
                last = None  # an indicative sentence of the reporter's own ends the run
        return out

    def fill(self, attributions: list[Attribution | None], reported: list[Reported]) -> list[Attribution | None]:
        """A quote with no cue of its own continues the statement just before it (in its
        paragraph, or ending the previous one): "X sagte, dass … . „…“"."""
        doc = self.doc
        done = [(q.outer_end, a) for q, a in zip(doc.quotes, attributions, strict=True) if a is not None]
        done += [(r.end, r.attribution) for r in reported]
        done.sort(key=lambda item: item[0])
        spoken = [(end, a) for end, a in done if a.speaker.start >= 0]
        spoken_ends = [end for end, _ in spoken]
        covering = self._covering_attributions(attributions)
        out = list(attributions)
        for qi, q in enumerate(doc.quotes):
            own = out[qi]
            if own is not None and own.speaker.start >= 0:
                continue
            later = self._attributed_later(qi, covering, attributions)
            if later is not None:  # „A“ hätten „B“, so Murtha: the attribution at the end covers both
                out[qi] = later
                continue
            before = spoken[: bisect_right(spoken_ends, q.outer_start)]
            previous = self._previous_person(q)
            if previous is not None and (not before or before[-1][0] <= previous.cue_start):
                out[qi] = previous  # "Sadiq Khan verurteilte die Haltung der Regierung. „…“"
                continue
            if not before:
                continue
            end, att = before[-1]
            if doc.paragraph_index(q.outer_start) - doc.paragraph_index(end - 1) <= 1:
                # a cue without a subject ("„…“, so letztere") keeps its cue and takes the speaker
                cue = own if own is not None else att
                out[qi] = Attribution(att.speaker, cue.cue, cue.cue_start, round(att.confidence * 0.7, 3))
        return out

    def _covering_attributions(self, attributions: list[Attribution | None]) -> list[int]:
        """Per quote, the first quote from it on whose attribution follows it (speaker and cue
        after the quote), len(quotes) for none: one pass from the end instead of a search from
        every quote."""
        quotes = self.doc.quotes
        nxt = [len(quotes)] * (len(quotes) + 1)
        for qj in range(len(quotes) - 1, -1, -1):
            att, end = attributions[qj], quotes[qj].outer_end
            follows = att is not None and att.speaker.start >= end and att.cue_start >= end
            nxt[qj] = qj if follows else nxt[qj + 1]
        return nxt

    def _attributed_later(
        self, qi: int, covering: list[int], attributions: list[Attribution | None]
    ) -> Attribution | None:
        """The attribution after a later quote of the same sentence ("„A“ hätten „B“, so Murtha");
        covering: _covering_attributions of these attributions (fill changes none after qi)."""
        doc = self.doc
        qj = covering[qi + 1]
        if qj == len(doc.quotes) or doc.quotes[qj].outer_start >= doc.sentence(doc.quotes[qi].outer_start)[1]:
            return None
        att = attributions[qj]
        assert att is not None
        return Attribution(att.speaker, att.cue, att.cue_start, round(att.confidence * 0.8, 3))

    def _previous_person(self, q: QuoteSpan) -> Attribution | None:
        """A quote opening its sentence after a sentence whose subject is a named person, in the
        same paragraph: that person goes on speaking, whatever the verb was ("Sadiq Khan
        verurteilte die Haltung der Regierung. „…“")."""
        doc = self.doc
        s, _ = doc.sentence(q.outer_start)
        if doc.text[s : q.outer_start].strip() or s == 0:
            return None
        ps, pe = doc.sentence(s - 1)
        if doc.paragraph_index(ps) != doc.paragraph_index(q.outer_start) or doc.quote_at(ps) is not None:
            return None
        tokens = doc.token_range(ps, pe)
        if len(tokens) < 3:
            return None
        verb = self._main_verb(tokens.start, tokens.stop)
        if verb is None:
            return None
        span = self._subject_of(verb, tokens.start, tokens.stop)
        if span is None or span[1] > verb:
            return None
        att = self._attribution(_Found(span, verb), 0.5)
        if att.actor < 0 or self.finder.index.actors[att.actor].type.value != "person":
            return None
        return att

    def _subjunctive(self, s: int, e: int) -> bool:
        """The sentence speaks in reported mood: a Konjunktiv form, "soll(en)", or a third-person
        Konjunktiv I next to its pronoun ("nehme er", "er gehöre"), which ends in -e."""
        tokens = self.doc.token_range(s, e)
        for k in tokens:
            w = self._word(k)
            if w in SUBJUNCTIVE or w in REPORTIVE:
                return True
            if w in ("er", "sie", "es", "man"):
                for j in (k - 1, k + 1):
                    if j in tokens and self._konjunktiv_i(j):
                        return True
        return False

    def _konjunktiv_i(self, k: int) -> bool:
        text, w = self.doc.tokens[k].text, self._word(k)
        return (
            text.islower()
            and len(w) >= 4
            and w.endswith("e")
            and not w.endswith("te")  # "regnete es", "sagte er": the past tense, indicative
            and w not in DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | ADVERBS | RELATIVES
            and w not in {"keine", "seine", "ihre", "diese", "jede", "alle", "viele", "beide", "eine", "ohne", "gerne"}
        )

    def _quoted_sentence(self, s: int, e: int) -> bool:
        return any(q.outer_start >= s and q.outer_end <= e for q in self.doc.quotes)
