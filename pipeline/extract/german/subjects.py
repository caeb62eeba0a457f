"""Who a cue's subject is: noun phrases, verb-second and verb-final clauses, appositions, sources
("laut X", "X zufolge"), and resolving them to speakers."""

from __future__ import annotations

import re
from bisect import bisect_left

from pipeline.extract import german_words as de
from pipeline.extract import lexicon, roles
from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.german.words import (
    _ADVERB_ENDINGS,
    _END_NOUNS,
    _HEISSEN,
    _MAX_NP,
    _NAMING,
    _NOT_GENITIVE,
    _OBJECT_PRONOUNS,
    _POSSESSIVES,
    _SO_CALLED,
    _SOURCE_PREPOSITIONS,
    RELATIVE_PRONOUNS,
    Words,
    _Found,
    past_auxiliaries,
)
from pipeline.extract.lang.names import GERMAN
from pipeline.extract.model import ActorType
from pipeline.extract.speakers import AGE, Speaker, SpeakerFinder
from pipeline.extract.text import Token

# unions asked per token, made once (an expression "x in A | B" builds the union at every test)
_NO_NP_OPENERS = de.PREPOSITIONS | de.CONJUNCTIONS | de.ADVERBS | de.CUES | de.AUXILIARIES
_SUBJUNCTIVE_OR_AUXILIARY = de.SUBJUNCTIVE | de.AUXILIARIES
_CONJUNCTIONS_BUT_UND = de.CONJUNCTIONS - {"und"}
_CONNECTORS_OR_DETERMINERS = de.NP_CONNECTORS | de.DETERMINERS
_VERB_WORDS = de.CUES | de.AUXILIARIES | de.SUBJUNCTIVE
_MAY_OPEN_BEFORE = frozenset({".", "!", "?", ":", ";", "„", "“", "»", "«", '"', "(", "–", "—", "-"})
_DETERMINERS_OR_PRONOUNS = de.DETERMINERS | de.PRONOUNS
_SOURCES_OR_VON = _SOURCE_PREPOSITIONS | {"von", "vom"}
_AUXILIARY_OR_ADVERB = de.AUXILIARIES | de.ADVERBS
_PREPOSITIONS_NOT_CONNECTORS = de.PREPOSITIONS - de.NP_CONNECTORS
# the suffixes of nouns of agents
_AGENT_SUFFIXES = ("er", "ist", "eur", "ant", "ent", "or")
_PHRASE_ENDS = frozenset({",", ".", ":", ";", "!", "?", "„", "“", '"', "(", ")"})
# a participle used as an adjective: "lebende", "nominierten", "gewählte"
_PARTICIPLE = re.compile(r"(?:end|t|en)(?:e|en|er|es|em)$")
_PASSIVE = frozenset({"wurde", "wurden", "wird", "werden", "worden"})
_AGENT_PREPOSITIONS = frozenset({"von", "vom", "seitens", "durch"})
# the past participles of strong cue verbs (a weak one ends in "-t": "gesagt", "mitgeteilt", "kritisiert")
_STRONG_PARTICIPLES = frozenset(
    "vorgeworfen angegeben bekanntgegeben entschieden versprochen geschrieben beschrieben verwiesen "
    "hervorgehoben gesprochen empfohlen geraten gestanden widersprochen zugesichert".split()
)
# words with an adjective's ending that are verbs, pronouns or particles, never an adjective
_NOT_ADJECTIVES = de.AUXILIARIES | de.SUBJUNCTIVE | de.CUES | de.PRONOUNS | de.ADVERBS | de.PREPOSITIONS | de.RELATIVES


# words in "-er" of the closed classes ("aber", "wieder", "später", "unser") and the quantifier
# "weniger" ("laut der Statistik weniger Gäste"): no genitive adjective
_NOT_GENITIVE_ADJECTIVES = (
    de.ADVERBS | de.CONJUNCTIONS | de.PREPOSITIONS | de.PRONOUNS | de.DETERMINERS | {"weniger", "minder"}
)
_NOMINATIVE_PRONOUNS = frozenset({"er", "ich", "wir", "du"})
# endings only a plural noun has: "-ungen" (a singular ends in "-ung"), "-innen", "-heiten", ...
_PLURAL_ENDINGS = ("ungen", "innen", "heiten", "keiten", "schaften", "ionen", "täten", "ismen")


# a demonstrative standing alone as the subject, and the gender of the person it points back to
_DEMONSTRATIVE_GENDER = {"dieser": "m", "diese": "f"}
# relative pronouns that open a clause as its subject: "der" is the masculine nominative (its
# feminine dative is rare after a comma); "die" and "das" are nominative or accusative, and only
# a phrase after them that cannot be a subject shows which ("…, die den Plan verteidigte")
_NOMINATIVE_RELATIVES = frozenset({"der", "welcher"})
_NOMINATIVE_OR_ACCUSATIVE_RELATIVES = frozenset({"die", "das", "welche", "welches"})
_SUBJECT_RELATIVES = _NOMINATIVE_RELATIVES | _NOMINATIVE_OR_ACCUSATIVE_RELATIVES
_NEVER_NOMINATIVE = frozenset(
    "den dem einen einem ihn ihm ihnen sich uns mir mich dir dich euch diesem diesen jedem jeden seinem seinen "
    "ihrem ihren unserem unseren keinem keinen".split()
)
# the articles a noun it could point to instead takes (not "der": a feminine dative or genitive too)
_DEMONSTRATIVE_ARTICLES = {
    "dieser": frozenset("den dem des ein eines einem einen".split()),
    "diese": frozenset("die eine".split()),
}
# the prefixes of participles and adjectives of feeling ("besorgt", "erleichtert", "zufrieden")
_PARTICIPLE_PREFIXES = ("be", "ver", "er", "ent", "über", "zer", "emp", "ge", "zu", "un")


def _singular_verb(word: str) -> bool:
    """A finite verb in the third person singular: "sagte", "nannte", "beschrieb", "hält", "kann";
    the plural ends in "-en" or is "sind"."""
    return not word.endswith("en") and word != "sind"


def _aged(word: str) -> bool:
    """One person called by age, in the nominative: "50-jährige", "71-jähriger" (not the plural or
    oblique "50-jährigen")."""
    return AGE.match(word) is not None and word.endswith(("e", "r"))


def _noun_like(tok: Token) -> bool:
    """Capitalised, or a compound whose head is ("dpa-Meldung", "ai-Bericht"): German writes a
    noun so even when its first part is a lower-case name or acronym."""
    return tok.is_capitalized or (
        tok.text[:1].isalpha() and "-" in tok.text and tok.text.rsplit("-", 1)[1][:1].isupper()
    )


class Subjects(Words):
    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        super().__init__(doc, finder)
        self._memo_surnames: dict[str, int] | None = None

    @property
    def _surnames(self) -> dict[str, int]:
        """The last word of each person's full name (lower case) -> that person; -1 when two
        people share it, so that a lone surname names nobody then."""
        if self._memo_surnames is None:
            self._memo_surnames = self._make_surnames()
        return self._memo_surnames

    def _make_surnames(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for actor, a in enumerate(self.finder.index.actors):
            if a.type is ActorType.PERSON and " " in a.canonical_name:
                surname = a.canonical_name.rsplit(" ", 1)[1].lower()
                out[surname] = actor if out.get(surname, actor) == actor else -1
        return out

    def _starts_np(self, k: int) -> bool:
        tok = self.doc.tokens[k]
        w = self._word(k)
        if tok.text in ("„", "»"):
            return self._quoted_name_end(k) is not None
        if w in de.DETERMINERS or w in de.PRONOUNS or tok.start in self._mention_starts:
            return True  # a name may open with a particle: "Von der Leyen betonte"
        if w in ("dessen", "deren") and k + 1 < len(self.doc.tokens) and self.doc.tokens[k + 1].is_capitalized:
            return True  # a possessive: "sagte dessen Chef Paul Kern"
        if tok.is_capitalized and w in _VERB_WORDS and self._inside_sentence(k):
            return True  # a verb's form written capitalised inside a sentence is a noun: "laut Berichten der Zeitung"
        return _noun_like(tok) and w not in _NO_NP_OPENERS

    def _inside_sentence(self, k: int) -> bool:
        """Token k neither opens its sentence nor follows a mark that may open one (a colon, a quote)."""
        toks = self.doc.tokens
        return (
            k > 0 and toks[k - 1].text not in _MAY_OPEN_BEFORE and self.doc.sentence(toks[k].start)[0] != toks[k].start
        )

    def _np_after(self, k: int, stop: int) -> tuple[int, int] | None:
        """A noun phrase starting at token k: a pronoun, or a determiner/name run with its
        attributes ("der Wissenschaftsjournalist Dirk Lorenzen", "Angaben von n24")."""
        toks = self.doc.tokens
        if k >= stop or not self._starts_np(k) or self.doc.quoted[k]:
            return None
        if self._word(k) in de.PRONOUNS:
            return k, k + 1
        e = self._quoted_name_end(k) or k + 1
        if e > k + 1 and e < stop and toks[e].is_capitalized:
            return k, e
        e = self._participial_attribute(k, stop) or e
        while e < stop and e - k < _MAX_NP and not self.doc.quoted[e]:
            w, text = self._word(e), toks[e].text
            if (named := self._quoted_name_end(e)) is not None:
                e = named
                if e < stop and toks[e].is_capitalized and self._word(e) not in de.NP_CONNECTORS:
                    break  # a second phrase: "zitiert die „Computerwoche“ Lynch"
                continue
            if text == "." and self._abbreviated(e, stop):
                e += 1  # "Prof. Dr. Anna K. Berg": the period of a title or an initial
                continue
            if text in (",", ".", ":", ";", "!", "?", "(", ")", "„", "“", '"') or w in de.CUES or w in de.PARTICLES:
                break
            if w in _SUBJUNCTIVE_OR_AUXILIARY or (w in de.PREPOSITIONS and w not in de.NP_CONNECTORS):
                break
            if w in _CONJUNCTIONS_BUT_UND:
                break
            if w in _NOT_GENITIVE and self._word(e - 1) not in de.NP_CONNECTORS:
                break  # a second phrase: "der Randalierer den Fluggast"
            if self._second_phrase(e, stop):
                break  # "der Verfasser folgenden Kommentar"
            after_connector = self._word(e - 1) in de.NP_CONNECTORS
            named = _noun_like(toks[e]) or lexicon.behind_article(text)  # "Ali al-Farsi"
            if self._after_head(k, e) and not (
                named or w in de.NP_CONNECTORS or w in de.DETERMINERS or self._genitive_adjective(e, stop)
            ):
                break  # "laut Anna Roth zudem", "nach Polizeiangaben wieder", "der Netzzeitung 40 Menschen"
            if not (
                named
                or w in de.NP_CONNECTORS
                or w in de.DETERMINERS
                or any(c.isdigit() for c in text)
                or after_connector
                or text == "-"
                or w.endswith(de.ADJECTIVE_ENDINGS)
            ):
                break
            e += 1
        while e > k + 1 and self._word(e - 1) in _CONNECTORS_OR_DETERMINERS:
            e -= 1
        return k, e

    def _genitive_adjective(self, e: int, stop: int) -> bool:
        """A genitive without an article, its adjective's strong "-er" before the noun: "nach
        Angaben libanesischer Sicherheitskreise", "laut Angaben westlicher Diplomaten"."""
        w = self._word(e)
        return (
            len(w) > 4
            and w.endswith("er")
            and w not in _NOT_GENITIVE_ADJECTIVES
            and e + 1 < stop
            and self.doc.tokens[e + 1].is_capitalized
            and not self.doc.tokens[e].is_capitalized
        )

    def _abbreviated(self, e: int, stop: int) -> bool:
        """The period at e closes an abbreviated title or an initial written right before it, and a
        capitalised word follows: the name goes on."""
        toks = self.doc.tokens
        return (
            toks[e].start == toks[e - 1].end
            and e + 1 < stop
            and toks[e + 1].is_capitalized
            and lexicon.takes_period(toks[e - 1].text)
        )

    def _participial_attribute(self, k: int, stop: int) -> int | None:
        """An article, then words of a phrase of their own, then a participle or adjective with its
        noun: "die seit Jahren hier lebende Autorin", "der von der Partei nominierte Kandidat".
        Returns the end of the noun, so that the walk goes on over the name after it; None when
        article k opens no such phrase."""
        toks = self.doc.tokens
        if self._word(k) not in de.DETERMINERS or k + 1 >= stop or toks[k + 1].is_capitalized:
            return None  # "die Partei …": the article has its noun
        for j in range(k + 1, min(stop - 1, k + _MAX_NP)):
            text, w = toks[j].text, self._word(j)
            if text in _PHRASE_ENDS or self.doc.quoted[j] or w in _VERB_WORDS:
                return None
            if not toks[j].is_capitalized and _PARTICIPLE.search(w) and toks[j + 1].is_capitalized:
                return j + 2 if j > k + 1 and self._word(j + 1) not in de.DETERMINERS else None
        return None

    def _after_head(self, k: int, e: int) -> bool:
        """A noun or a name already stands in the phrase [k, e) since its last article or
        connector: what follows it is an attribute (a genitive, "von …") or no part of it, since
        German adjectives and numbers stand before their noun."""
        for j in range(e - 1, k - 1, -1):
            w = self._word(j)
            if w in de.NP_CONNECTORS or w in de.DETERMINERS:
                return False
            if self.doc.tokens[j].is_capitalized:
                return True
        return False

    def _second_phrase(self, e: int, stop: int) -> bool:
        """Noun, inflected adjective, noun: the adjective opens a new phrase (an object), since a
        genitive after a noun takes an article ("der Chef des Verbands")."""
        toks = self.doc.tokens
        w = self._word(e)
        return (
            e + 1 < stop
            and toks[e].text[:1].islower()
            and w.endswith(("e", "en", "es"))
            and w not in _CONNECTORS_OR_DETERMINERS
            and toks[e - 1].is_capitalized
            and self._word(e - 1) not in de.DETERMINERS
            and toks[e + 1].is_capitalized
        )

    def _clean_np(self, k: int, end: int) -> bool:
        """Tokens [k, end) form one noun phrase: it opens like one and holds no verb, conjunction
        (but "und") or clause punctuation; a parenthesis inside is allowed ("Behörde (NEMA)")."""
        if k >= end or not self._starts_np(k) or end - k > 2 * _MAX_NP:
            return False
        depth = 0
        attribute = self._participial_attribute(k, end)  # "der als Gegner bekannte Unternehmer"
        for j in range(k if attribute is None else attribute - 1, end):
            text, w = self.doc.tokens[j].text, self._word(j)
            depth += (text == "(") - (text == ")")
            if depth:
                continue
            if text in ("„", "“", '"') and not self.doc.quoted[j]:
                continue  # the marks around a name: die Tageszeitung „The Guardian“
            if text in (".", ":", ";", "!", "?", "„", "“", '"') or w in _VERB_WORDS:
                return False
            if w in _CONJUNCTIONS_BUT_UND or (
                j > k
                and self._word(j - 1) == ","
                and w in _DETERMINERS_OR_PRONOUNS
                and self._word(j) in {"der", "die", "das", "dem", "den"}
            ):
                return False
        return depth == 0

    def _speaker_of(self, i: int, lo: int, hi: int) -> tuple[int, int] | None:
        """The subject of cue token i, unless it is the expletive "es" ("Es wurde von X die
        Vermutung geäußert", "Es gebe Kunden"): then the agent of a passive, or nobody."""
        start = self._clause_start(i, lo)
        passive = self._passive_agent(i, start, i)
        if passive is not None:
            return passive
        if self._agentless_passive(i, start):
            return None  # "Dem Minister wird vorgeworfen, …", "Der Plan wurde kritisiert": no speaker named
        found = self._subject_of(i, lo, hi)
        if found is not None and (found[1] - found[0] != 1 or self._word(found[0]) != "es"):
            return found
        if found is None and self._word(start) != "es":
            return None
        end = self.doc.sentence(self.doc.tokens[i].start)[1]
        stop = min(hi, self.doc.token_range(self.doc.tokens[i].start, end).stop)
        agent = next((k for k in range(start, stop) if self._word(k) == "von"), None)
        return self._np_after(agent + 1, stop) if agent is not None else None

    def _wie_opening(self, start: int, i: int, lo: int) -> int | None:
        """The "wie" that opens the clause of cue token i when the verb ends that clause, also
        across appositions set off by commas ("Wie die Sprecherin der Stadt, Eva Roth, am Abend
        mitteilte, …"); None when the clause [start, i) is not such a clause's end."""
        toks = self.doc.tokens
        if self._word(start) == "wie":
            return start
        last = past_auxiliaries(self.doc.lower, i + 1)  # "…, obwohl der Anwalt betont hatte, …"
        if last < len(toks) and toks[last].text not in (",", ".", ")"):
            return None  # the verb of a "wie" clause is its last word
        if self._word(start) in de.SUBORDINATORS and start + 1 < i and self._starts_np(start + 1):
            return start  # "Während die Ministerin erklärte, …", "Nachdem der Verein mitteilte, …"
        if any(self._word(k) in _VERB_WORDS for k in range(start, i)):
            return None
        commas = 0
        for k in range(start - 1, max(lo, start - 3 * _MAX_NP) - 1, -1):
            text, w = toks[k].text, self._word(k)
            if text in (".", ";", ":", "!", "?", "„", "“", '"') or w in _VERB_WORDS or self.doc.quoted[k]:
                return None
            commas += text == ","
            if commas > 2:
                return None
            if w == "wie":
                return k if k == lo or toks[k - 1].text in (",", "(") else None
        return None

    def _agentless_passive(self, i: int, start: int) -> bool:
        """Cue token i is a past participle in the passive ("wird … vorgeworfen", "ist … erklärt
        worden"): its subject or dative is what was spoken of or to, not the speaker. Not for
        "zitieren", whose passive subject is the one quoted."""
        w = self._word(i)
        if w.startswith("zitier") or not (w.endswith("t") or w in _STRONG_PARTICIPLES):
            return False
        worden = i + 1 < len(self.doc.tokens) and self._word(i + 1) == "worden"
        return worden or self.doc.first_of(_PASSIVE, start, i) is not None

    def _passive_agent(self, i: int, start: int, stop: int) -> tuple[int, int] | None:
        """In the passive the subject is what was spoken of and the speaker is the agent after
        "von", "seitens" or "durch": "Der Plan wurde von der Ministerin als „…“ bezeichnet".
        Cue token i; the clause's words [start, stop) before it. Not for "zitieren", whose
        passive subject is the one quoted ("Sie wird … zitiert")."""
        if self._word(i).startswith("zitier"):
            return None
        aux = self.doc.first_of(_PASSIVE, start, stop)
        if aux is None:
            return None
        for k in (*range(aux + 1, stop), start):
            if self._word(k) in _AGENT_PREPOSITIONS and not self.doc.quoted[k]:
                return self._np_after(k + 1, stop)
        return None

    def _named_in(self, start: int, verb: int, i: int, hi: int) -> tuple[int, int] | None:
        """The source of "hieß es" is in a prepositional phrase, before the verb ("In einem
        Positionspapier … hieß es") or after it ("„…“, heißt es auf der Webseite des Preises")."""
        k = next((j for j in range(start, verb) if self._word(j) in _SOURCE_PREPOSITIONS), None)
        if k is not None:
            return self._np_after(k + 1, verb)
        k = i + 1
        while k < hi and (self._word(k) in de.ADVERBS or self._word(k) in ("es", "so", "dazu", "darin", "weiter")):
            k += 1
        if k < hi and self._word(k) in _SOURCES_OR_VON:
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
        if self._word(i) in de.PREPOSITIONAL_CUES:  # "sprach die Ministerin von …": the object ends the subject
            objects = de.PREPOSITIONAL_CUES[self._word(i)]
            hi = next((j for j in range(i + 1, min(hi, i + 25)) if self._word(j) in objects), hi)
        start = self._clause_start(i, lo)
        start = self._skip_openers(start, i)  # "Aber auch die EU-Kommission kritisierte"
        verb = i
        while verb - 1 >= start and self._word(verb - 1) in _AUXILIARY_OR_ADVERB:
            verb -= 1  # "hat angekündigt", "hatte zuvor erklärt"
        if self._word(i - 1) == "und" and i - 1 > start:
            # coordinated verbs share the subject: "biss der Mann den Gast und rief: „…“"; what
            # follows the second verb is its object ("… und nannte den Plan „…“") unless a pronoun
            after = self._np_after_verb(i, hi)
            # after a naming verb "sie"/"es" is the object: "… und nannte sie „reine Spekulation“"
            naming = self._word(i).startswith(_NAMING)
            object_pronoun = naming and after is not None and self._word(after[0]) in ("sie", "es")
            if after is None or self._word(after[0]) not in de.PRONOUNS or object_pronoun:
                shared = self._shared_subject(start, i - 1, hi)
                if shared is not None or after is None:
                    return shared
        if self._relative_subject(start, verb, lo):
            return start, start + 1  # "…, der in seiner Rede betonte": the pronoun as written
        if self._word(i) in _HEISSEN:
            return self._named_in(start, verb, i, hi)
        if self._particle_name(start, i):
            return start, i  # "Von der Leyen betonte"
        wie = self._wie_opening(start, i, lo)
        if wie is not None:  # "Wie die Zeitung berichtete, …": the verb ends the clause
            first = wie + 1 + (self._word(wie + 1) == "sich")  # "wie sich Tauss ausdrückte"
            np = self._np_after(first, verb)
            if np is None and self._clean_np(first, verb):
                np = first, verb
            if np is not None:  # a dative is no subject: "…, indem den Banken signalisiert wurde"
                return None if self._oblique(*np) else np
        slot = self.doc.first_of(de.AUXILIARIES, start, i)
        slot = i if slot is None else slot
        if self._word(i).startswith("zitier") and slot == i and start < i:
            # active "zitieren": the one quoted is the object ("Der Spiegel zitiert den Prediger mit den Worten")
            quoted = self._np_after_verb(i, hi)
            if quoted is not None and self._word(quoted[0]) != "man":
                return quoted
        if (verb == start or slot == start) and start - 1 > lo and toks[start - 1].text == ",":
            # the clause opens with the verb: appositions end before it, the subject before them
            found = self._before_appositions(start - 1, lo)
            if found is not None and self._object_first(found[0], slot, i, hi):
                found = self._np_after_finite(slot, i, hi)
            if found is not None:
                return found
        if start < slot and self._subject_first(start) and self._clean_np(start, slot):
            # main clause: subject, then the finite verb
            if self._object_first(start, slot, i, hi):
                second = self._np_after_finite(slot, i, hi)
                if second is not None:
                    return second  # "Die neuen Regeln nannte er „…“": the subject follows the verb
            if not self._oblique(start, slot) or (after := self._np_after_verb(i, hi)) is None:
                return start, slot
            return after  # "Der englischsprachigen Zeitung sagte Karma": a dative first, the subject after
        k = start + (self._word(start) in de.PREPOSITIONS)
        sentence_initial = self.doc.tokens[k].is_capitalized and self._word(k) in de.SUBORDINATORS
        relative = start > lo and self.doc.tokens[start - 1].text == "," and not sentence_initial
        if k < i and self._word(k) in de.RELATIVES and relative:  # "…, von dem die Polizei glaubt"
            end = next((j for j in range(k + 1, i + 1) if self._word(j) in de.AUXILIARIES or j == i), i)
            if self._clean_np(k + 1, end):
                return k + 1, end
        if slot < i and (after_aux := self._np_after_verb(slot, i)) is not None:
            return after_aux  # "Zur Lage wird Watzke wie folgt zitiert", "Zudem hat er erklärt"
        return self._np_after_verb(i, hi)

    def _relative_subject(self, start: int, verb: int, lo: int) -> bool:
        """The clause of the cue is a relative clause whose pronoun is its subject: "…, der in einer
        Erklärung betonte", "…, die den Plan verteidigte". After "der" anything but a noun or an
        adjective it would be the article of; after "die" or "das" only a phrase that is no subject
        (a dative, an accusative), since "…, die die Polizei meldete" may be the object."""
        if start <= lo or start + 1 >= verb or self.doc.tokens[start - 1].text != ",":
            return False
        word, after = self._word(start), self._word(start + 1)
        if word in _NOMINATIVE_RELATIVES:
            return after in de.PREPOSITIONS or after in de.DETERMINERS or after in de.ADVERBS or after == "nicht"
        return word in _NOMINATIVE_OR_ACCUSATIVE_RELATIVES and after in _NEVER_NOMINATIVE

    def _before_appositions(self, comma: int, lo: int) -> tuple[int, int] | None:
        """Subject, appositions, verb: "Olli Rehn, EU-Kommissar, sagte", "Küng, der als Kritiker
        des Papstes gilt, hofft". The speaker is the subject with its noun-phrase appositions; a
        relative clause is left out."""
        toks = self.doc.tokens
        end = span_end = comma
        for n in range(4):
            piece = self._clause_start(end, lo)
            if piece <= lo or toks[piece - 1].text != ",":
                if n == 0:
                    # one comma between the clause's start and the verb sets off no apposition: what
                    # stands before it is a clause of its own ("Der Preis steigt weiter, sagte er")
                    return None
                piece = self._skip_openers(piece, end) + (self._word(piece) == "wie")  # "Wie X, Y, sagte"
                ok = piece < end and self._subject_first(piece) and self._clean_np(piece, end)
                return (piece, span_end) if ok else self._after_clause(end, span_end)
            if self._word(piece) in RELATIVE_PRONOUNS and not self._clean_np(piece, end):
                span_end = piece - 1
            elif end - piece == 1 and toks[piece].text.isdigit():
                pass  # an age set off by commas: "Maria Santos, 34, sagte"
            elif not self._clean_np(piece, end):
                if self._word(piece) in de.AUXILIARIES and self._clean_np(piece + 1, end):
                    return piece + 1, span_end  # "…, wird Mike Downey, Manager für Flash, zitiert"
                return self._after_clause(end, span_end)
            end = piece - 1
        return None

    def _after_clause(self, comma: int, span_end: int) -> tuple[int, int] | None:
        """Appositions after a clause of their own: "X wies das zurück, die Sprecherin der Fraktion,
        Sandra Boser, erklärte": the subject is what follows that clause's comma, when it opens
        with an article in the nominative."""
        first = comma + 1
        if comma < span_end and self._word(first) in de.DETERMINERS and not self._oblique(first, span_end):
            return first, span_end
        return None

    def _np_after_verb(self, i: int, hi: int) -> tuple[int, int] | None:
        k = i + 1
        while k < hi and (self._word(k) in de.ADVERBS or self._word(k) in _OBJECT_PRONOUNS):
            k += 1  # "so charakterisierte ihn der Funktionär", "äußerte sich der Präsident"
        np = self._np_after(k, hi)
        if np and self._word(i).startswith("zitier"):
            # the one quoted is the object after the subject: „…“, zitierte man Yolanda Alvarez / zitiert
            # die „Computerwoche“ Lynch
            quoted = self._np_after(np[1], hi) if np[1] < hi and self._word(np[1]) not in de.PREPOSITIONS else None
            if self._word(np[0]) == "man" or quoted is not None:
                return quoted
        return self._with_apposed_name(np, hi) if np else None

    def _with_apposed_name(self, np: tuple[int, int], hi: int) -> tuple[int, int]:
        """ "sagte der Vorsitzende des Vereins, Hans Müller.": a phrase naming no one and the name a
        comma sets after it are one phrase, whose person speaks."""
        toks, (s, e) = self.doc.tokens, np
        if not (e + 1 < hi and toks[e].text == "," and toks[e + 1].start in self._mention_starts):
            return np
        if toks[s].start in self._mention_starts or self._names_a_person(toks[s].start, toks[e - 1].end):
            return np  # the phrase names someone already: "sagte Anna Roth, Monika Weber …" is a list
        f = e + 1
        while f < hi and toks[f].is_capitalized and f - e <= 4:
            f += 1
        return (s, f) if f >= hi or toks[f].text in (",", ".", ";", "!", "?", "(") else np  # ("(CDU)")

    def _names_a_person(self, start: int, end: int) -> bool:
        """A person's mention lies in [start, end) (a body's or a common noun's does not: "die
        Chefin des Händlers Fruchthof, Anna Roth" names the one who speaks after the comma)."""
        actors = self.finder.index.actors
        return any(actors[a].type is ActorType.PERSON for _, _, a in self.finder.mentions_within(start, end))

    def _skip_openers(self, start: int, stop: int) -> int:
        k = start
        while k + 1 < stop and self._word(k) in de.CLAUSE_OPENERS:
            k += 1
        return k if k > start and self._starts_np(k) else start

    def _subject_first(self, start: int) -> bool:
        """The clause's first phrase can be its subject: it opens with an article, a pronoun or a
        name, not with an adverbial that only looks like a noun at the start of a sentence
        ("Passend zu den Gefahren warnte die Moderatorin", "Besonders …"): an uninflected word
        that the article writes in lower case elsewhere, or a participle in "-end"."""
        w = self._word(start)
        if w in de.DETERMINERS or w in de.PRONOUNS or not self.doc.tokens[start].is_capitalized:
            return True
        if self.doc.tokens[start].start in self._mention_starts:
            return True
        if w.endswith("end") and w not in _END_NOUNS:
            return False
        if w.endswith(_ADVERB_ENDINGS) and self.doc.tokens[start].start not in self._mention_starts:
            return False  # "Wörtlich sagte der Minister", "Normalerweise sagt …", "Erstmals …"
        if self._feeling_before_reflexive(start):
            return False  # "Besorgt äußerte sich die Ministerin": how, not who
        return w not in self._lower_words

    def _feeling_before_reflexive(self, k: int) -> bool:
        """A participle or adjective of feeling opens the clause before a reflexive verb ("Besorgt
        zeigte sich …", "Erleichtert äußerte sich …", "Zufrieden gab sich …"): an adverbial."""
        w = self._word(k)
        return (
            k + 2 < len(self.doc.tokens)
            and self._word(k + 2) == "sich"
            and w.startswith(_PARTICIPLE_PREFIXES)
            and w.endswith(("t", "en"))
        )

    def _shared_subject(self, start: int, und: int, hi: int) -> tuple[int, int] | None:
        """Coordinated verbs share their subject: the one of the first conjunct."""
        if self._verb_like(start) or self._is_cue(start):
            return self._np_after_verb(start, und)
        verb = self._finite_verb(start, und)
        if verb is None or verb == und:
            return None
        return self._speaker_of(verb, start, und)

    def _np_after_finite(self, slot: int, i: int, hi: int) -> tuple[int, int] | None:
        """The phrase after the finite verb at slot: before the cue i when slot is its auxiliary
        ("Den Plan hat er … genannt"), else after the cue."""
        return self._np_after_verb(slot, i) if slot < i else self._np_after_verb(i, hi)

    def _object_first(self, start: int, slot: int, i: int, hi: int) -> bool:
        """The phrase [start, slot) before the finite verb at slot is its object, not its subject:
        a nominative pronoun follows the verb ("Den Plan nannte er …", "Diese Zahlen halten wir
        für …"), or the phrase is plural and the verb singular ("Die hohen Preise kritisierte die
        Ministerin als …"). A clause has one nominative, and its verb agrees with it in number."""
        k = slot + 1
        while k < hi and self._word(k) in de.ADVERBS:
            k += 1
        if k < hi and self._word(k) in _NOMINATIVE_PRONOUNS and k != i:
            return True
        return _singular_verb(self._word(slot)) and self._plural_phrase(start, slot)

    def _plural_phrase(self, start: int, end: int) -> bool:
        """The phrase is marked as plural: "die" before an adjective in "-en" ("die neuen Regeln":
        the singular would be "die neue Regel"), or a head noun with a plural-only ending ("die
        Äußerungen", "die Mitarbeiterinnen")."""
        if self._word(start) != "die" or end - start < 2:
            return False
        head = start + 1
        if not self.doc.tokens[head].is_capitalized:
            if self._word(head).endswith("en") and self._word(head) not in _NOT_ADJECTIVES:
                return True
            while head < end and not self.doc.tokens[head].is_capitalized:
                head += 1
        return head < end and self._word(head).endswith(_PLURAL_ENDINGS)

    def _oblique(self, start: int, end: int) -> bool:
        """The phrase is marked as accusative, dative or genitive, so not the subject: "dem
        Minister", "den Unmut", "einer Zeitung", "der englischsprachigen Zeitung" (article "der"
        with a weak "-en" adjective)."""
        first = self._word(start)
        if first in ("dem", "den", "einem", "einen", "einer", "eines", "des", "deren", "dessen"):
            return True
        return first == "der" and end - start >= 3 and self._word(start + 1).endswith("en")

    def _resolve(self, span: tuple[int, int]) -> Speaker:
        """The phrase as written is the mention; its actor is one named inside it (a person
        first), or a pronoun's antecedent. Never a capitalised word next to it."""
        toks = self.doc.tokens
        s, e = span
        start, end = toks[s].start, toks[e - 1].end
        if e - s == 1 and self._word(s) in _DEMONSTRATIVE_GENDER:
            # "… lobte seinen Kapitän Jan Holm. Dieser sagte …": the person named last, not the subject
            before = self._previous_paragraph_start(start)
            actor = self.finder.last_person_within(start, _DEMONSTRATIVE_GENDER[self._word(s)], start - before)
            if actor >= 0 and not self._named_last_before(actor, before, s):
                actor = -1  # "… die Anzeige eines Detektivs. Dieser …": the noun after the name is meant
            return Speaker(actor, self.doc.text[start:end], start, end, True)
        if e - s == 1 and self._word(s) in de.PRONOUNS:
            return self.finder.resolve(span)
        if e - s == 1 and s > 0 and toks[s - 1].text == "," and self._word(s) in _SUBJECT_RELATIVES:
            # "…, der in seiner Rede betonte": written "der", meaning the phrase before the comma
            return Speaker(self._antecedent_actor(s - 1), self.doc.text[start:end], start, end, True)
        actor = self._last_named(self.finder.mentions_within(start, end))
        named_no_person = actor >= 0 and self.finder.index.actors[actor].type is not ActorType.PERSON
        if named_no_person and not self._person_apposed(e) and (gender := self._described_person(s, e)):
            # "die Prokuristin des Hamburger Importeurs": the role's holder speaks, not its owner
            holder = self.finder.last_person_within(start, gender, start - self._previous_paragraph_start(start))
            actor = holder if holder >= 0 and self._may_hold(holder, s, e) else actor
        if actor < 0:  # "kritisierte Lucke": a lone surname of the one person the text names so
            actor = next(
                (self._surnames.get(self._word(k), -1) for k in range(e - 1, s - 1, -1) if toks[k].is_capitalized), -1
            )
        if actor < 0 and self._word(s) in _POSSESSIVES:  # "Seine Meinung zu Kirchhoff:" is his
            actor = self.finder.resolve_pronoun(start, _POSSESSIVES[self._word(s)])
        if actor < 0 and (gender := self._described_person(s, e)) is not None:
            actor = self.finder.last_person_within(start, gender, start - self._previous_paragraph_start(start))
        return Speaker(actor, self.doc.text[start:end], start, end)

    def _previous_paragraph_start(self, start: int) -> int:
        """Where the paragraph before the one holding offset start begins (0 in the first): how far
        back a description or a demonstrative looks for the person it means."""
        paragraph = self.doc.paragraph_index(start)
        return self.doc.paras[paragraph - 1][0] if paragraph > 0 else 0

    def _named_last_before(self, actor: int, lo: int, k: int) -> bool:
        """The actor's last mention between offset lo and the demonstrative at token k is followed
        by no noun of the demonstrative's gender before it: none whose article only that gender
        takes ("eines Detektivs" for "dieser"; "mit der Familie" may stand between)."""
        toks = self.doc.tokens
        mentions = [m for m in self.finder.mentions_within(lo, toks[k].start) if m[2] == actor]
        if not mentions:
            return False
        articles = _DEMONSTRATIVE_ARTICLES[self._word(k)]
        after = self.doc.token_at(mentions[-1][1])
        return not any(self._word(j) in articles and toks[j + 1].is_capitalized for j in range(after, k - 1))

    def _may_hold(self, actor: int, s: int, e: int) -> bool:
        """The person may hold the role the phrase [s, e) names: no title, or one that shares the
        role's noun ("Der Gouverneur Rick Perry …" is not "der Bürgermeister von New Orleans")."""
        titles = [t.lower() for t in self.finder.index.actors[actor].titles]
        head = next((self._word(k) for k in range(s + 1, e) if self.doc.tokens[k].is_capitalized), "")
        return not titles or any(head in t or t.split()[-1] in head for t in titles if t)

    def _person_apposed(self, e: int) -> bool:
        """A comma and a person's name follow the phrase ending at token e ("der Ministerpräsident
        des Landes, Christian Wulff (CDU), …"): that person holds the role, no one named before."""
        toks = self.doc.tokens
        if e + 1 >= len(toks) or toks[e].text != ",":
            return False
        named = self.finder.mentions_within(toks[e + 1].start, toks[min(len(toks), e + 6) - 1].end)
        actors = self.finder.index.actors
        return bool(named) and named[0][0] == toks[e + 1].start and actors[named[0][2]].type is ActorType.PERSON

    def _described_person(self, s: int, e: int) -> str | None:
        """ "die Managerin", "der Übergangstrainer", "die 50-Jährige": a definite article and a
        noun of a person's role, age or trade, and no name, refer to a person named just before
        (German reporters vary how they call someone rather than repeat the name). Returns the
        gender the article and noun give, None when the phrase describes no one person."""
        article = self._word(s)
        if article not in ("der", "die"):
            return None
        head = next((k for k in range(s + 1, e) if self.doc.tokens[k].is_capitalized or _aged(self._word(k))), None)
        if head is None:
            return None
        w = self._word(head)
        if "sprecher" in w:
            return None  # a spokesperson speaks for a body, and is rarely the one named before
        if _aged(w):
            return "m" if article == "der" else "f"
        feminine = w.endswith(("frau", "in")) and (
            w.endswith("frau") or roles.is_head(w[:-2], GERMAN) or w[:-2].endswith(_AGENT_SUFFIXES)
        )
        if article == "die":
            return "f" if feminine else None  # "die Sprecher" is many
        return "m" if roles.is_head(w, GERMAN) and not feminine else None

    def _attribution(self, found: _Found, confidence: float) -> Attribution:
        if found.speaker is None:
            start = self.doc.tokens[found.cue].start
            return Attribution(Speaker(-1, "", -1, -1), self.doc.tokens[found.cue].text, start, confidence * 0.5)
        speaker = self._resolve(found.speaker)
        tok = self.doc.tokens[found.cue]
        return Attribution(speaker, tok.text, tok.start, confidence)

    def _antecedent(self, comma: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase a relative clause after `comma` refers to: the last phrase before it
        that opens with an article."""
        det = next(
            (k for k in range(comma - 1, max(lo, comma - _MAX_NP) - 1, -1) if self._word(k) in de.DETERMINERS), None
        )
        if det is None:
            return None
        np = self._np_after(det, comma)
        return np if np is not None and np[1] == comma and not self._oblique(*np) else None

    def _antecedent_actor(self, comma: int) -> int:
        """The actor a relative clause after `comma` refers to: one named right before the comma
        ("Alice Roth, die …"), else one named in the phrase with an article before it ("die
        Sprecherin der Behörde, die …"); -1 when neither names one."""
        toks = self.doc.tokens
        sentence = self.doc.sentence(toks[comma].start)[0]
        named = self.finder.mentions_within(sentence, toks[comma].start)
        if named and comma > 0 and named[-1][1] == toks[comma - 1].end:
            return named[-1][2]
        np = self._antecedent(comma, self.doc.token_at(sentence))
        return self._last_named(self.finder.mentions_within(toks[np[0]].start, toks[np[1] - 1].end) if np else [])

    def _last_named(self, mentions: list[tuple[int, int, int]]) -> int:
        """The actor a phrase with these mentions names: the last person in it, else its last
        actor; -1 when it names none."""
        people = [m for m in mentions if self.finder.index.actors[m[2]].type is ActorType.PERSON]
        return (people or mentions)[-1][2] if mentions else -1

    def _only_person(self, tokens: range, att: Attribution) -> Attribution | None:
        """The one person named before a colon speaks, when the subject found is nobody's ("Die
        praktische Anwendung stellte der SPD-Vorsitzende Franz Müntefering in Frage: „…“")."""
        if att.actor >= 0 and self.finder.index.actors[att.actor].type.value == "person":
            return None
        subject = self.doc.token_range(att.speaker.start, att.speaker.end) if att.speaker.start >= 0 else range(0)
        nouns = (k for k in subject if self.doc.tokens[k].is_capitalized and self._word(k) not in de.DETERMINERS)
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
            mentions = self.finder.mentions_within(toks[start].start, toks[colon - 1].end)
            named = any(self.doc.token_at(m[0]) < np[1] for m in mentions) or (
                2 <= np[1] - np[0] <= 4 and all(toks[k].is_capitalized for k in range(*np))
            )  # a name the actor rules did not know ("Erkki Tuomioja, Präsident …:")
            role_first = any(
                self.finder.index.actors[m[2]].type is ActorType.PERSON and self.doc.token_at(m[0]) > np[1]
                for m in mentions
            )  # "Sprecherin des Verbands, Anna Roth:"
            return (start, colon) if named or role_first else None
        if colon - start <= 8 and (np[1] == colon or not any(self._verb_like(k) for k in range(start, colon))):
            return np  # "Steinbrück:", "Seine Meinung zu Kirchhoff:", "Ein Kommissar nach der Festnahme:"
        return None

    def _source_phrase(self, i: int, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The source named by token i (laut X, X zufolge, nach Angaben von X, so X) within
        tokens [lo, hi): its noun phrase, and the character span of the whole phrase."""
        toks = self.doc.tokens
        w = self._word(i)
        if w == "zufolge":
            k = self._dative_before(i, lo)
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
            speaker = self._np_after(i + 1, hi) or self._adjectives_and_noun(i + 1, hi)
        return (speaker, (toks[i].start, toks[speaker[1] - 1].end)) if speaker else None

    def _strong_adjective(self, j: int) -> bool:
        tok, w = self.doc.tokens[j], self._word(j)
        return (
            tok.text[:1].islower()
            and tok.text.isalpha()
            and w.endswith(de.ADJECTIVE_ENDINGS)
            and w not in _NOT_ADJECTIVES
        )

    def _adjectives_and_noun(self, k: int, hi: int) -> tuple[int, int] | None:
        """A phrase with no article, strong adjectives before its noun: "laut neuer Statistik",
        "laut übereinstimmenden Berichten des Senders"."""
        j = k
        while j < min(hi, k + 3) and self._strong_adjective(j):
            j += 1
        if j == k or j >= hi:
            return None
        np = self._np_after(j, hi)
        return (k, np[1]) if np is not None and np[0] == j else None

    def _dative_before(self, i: int, lo: int) -> int:
        """Where the noun phrase that ends before postposed token i ("zufolge") begins: a head noun
        or name, adjectives before it, its article, and genitives or "von" phrases after an earlier
        noun ("dem Bericht der Kommission zufolge"). A verb or adverb before it ends the walk, so a
        phrase in the middle of its clause is no longer read to the clause's start ("Im Mai sank
        der Absatz neuen Zahlen zufolge")."""
        toks = self.doc.tokens
        lo = max(lo, i - 2 * _MAX_NP)  # a phrase is short: a long run of words is not one
        k = i - 1
        if k < lo:
            return i  # nothing before it: "zufolge" opening the text
        if k <= lo or not (toks[k].is_capitalized or toks[k].text in ("“", '"')):
            while k > lo and toks[k - 1].text != "," and self._word(k - 1) not in _PREPOSITIONS_NOT_CONNECTORS:
                k -= 1  # a relative or other head: back to the clause's edge
            return k
        if toks[k].text in ("“", '"'):  # a name in quotation marks: "dem „Figaro“ zufolge"
            opening = next((j for j in range(k - 1, max(lo, k - _MAX_NP) - 1, -1) if toks[j].text in ("„", '"')), None)
            k = k if opening is None else opening
        while k > lo:
            left, text = self._word(k - 1), toks[k - 1].text
            if toks[k - 1].is_capitalized or text in ("-", "„", "“", '"') or self.doc.quoted[k - 1]:
                if self._word(k) in de.DETERMINERS or not toks[k].is_capitalized and not self.doc.quoted[k]:
                    if left not in de.NP_CONNECTORS:
                        break  # a noun before an article or adjective belongs to another phrase
                k -= 1
            elif left in de.DETERMINERS:
                k -= 1
                if not (k - 1 > lo and self._word(k) in ("der", "des") and toks[k - 1].is_capitalized):
                    break  # the article opens the phrase, unless it opens a genitive after a noun
                k -= 1  # the noun the genitive follows: "Zahlen des Verbands"
            elif left in ("von", "vom") and toks[k].is_capitalized and k - 1 > lo and toks[k - 2].is_capitalized:
                k -= 2  # "Angaben von Anna Roth"
            elif (
                text.isalpha()
                and text.islower()
                and left.endswith(de.ADJECTIVE_ENDINGS)
                and left not in _NOT_ADJECTIVES
            ):
                k -= 1  # an adjective before its noun: "neuen Zahlen", "den ersten Angaben"
            else:
                break
        return k

    def _source_before(self, tokens: range) -> Attribution | None:
        """A fragment after a source in its clause, with no cue between them: "man könne laut
        Klinikdirektor Beckmann „jetzt Paaren helfen“", "nach Angaben des Leiters „die Moderne“"."""
        marks = self._source_marks
        for m in range(bisect_left(marks, tokens.stop) - 1, bisect_left(marks, tokens.start) - 1, -1):
            k = marks[m]
            text = self.doc.tokens[k].text
            if text in (":", ";") or self._is_cue(k):
                return None
            if self._source_word(k, tokens.stop) or self._postposed_nach(k, tokens.start) or self._opinion_holder(k):
                found = self._source_phrase(k, tokens.start, tokens.stop)
                return self._attribution(_Found(found[0], k), 0.6) if found else None
        return None

    def _opinion_holder(self, k: int) -> bool:
        """ "Für den Theologen Hans Küng sei der Rücktritt „verständlich“": a sentence opening with
        "für" and a phrase, in reported mood, gives that one's view; unless the sentence names its
        source ("Für den Auftrag soll sie laut der Anklage …": "für" then says what for)."""
        if self._word(k) != "für" or not self.doc.tokens[k].is_capitalized:
            return False
        s, e = self.doc.sentence(self.doc.tokens[k].start)
        if self.doc.tokens[k].start != s or not self._subjunctive(s, e):
            return False
        end = self.doc.token_at(e)
        np = self._np_after(k + 1, end)
        if np is None or np[1] >= len(self.doc.tokens) or self._word(np[1]) not in de.REPORTED_MOOD:
            return False
        return not any(self._source_word(j, end) for j in range(np[1] + 1, end))

    def _source_word(self, k: int, stop: int) -> bool:
        """Token k opens a source phrase before stop: "laut X", "X zufolge", "nach Angaben von X"."""
        w = self._word(k)
        return w in de.SOURCE_WORDS or (w == "nach" and k + 1 < stop and self._nach_noun_at(k))
