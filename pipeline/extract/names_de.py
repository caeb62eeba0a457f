"""Names in German text, where every noun is capitalised: a capitalised word is a name only on
evidence. Evidence: a gazetteer, an acronym, an organisation word, a first name or a title in front,
a run of two or more capitalised words mid-sentence (nouns compound into one word, names do not). A
single word that this text uses with an article or an inflected adjective ("der Plan", "einen
neuen Plan"), or that has a noun suffix ("-ung", "-heit"), is a common noun."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress, islice
from operator import itemgetter

from pipeline.extract import roles
from pipeline.extract.german_words import (
    ADJECTIVE_ENDINGS,
    ADVERBS,
    CONJUNCTIONS,
    NACH_NOUNS,
    PREPOSITIONS,
    SUBORDINATORS,
)
from pipeline.extract.lang.names import GERMAN
from pipeline.extract.lexicon import (
    KNOWN_ORGS,
    NON_NAMES,
    ORG_SUFFIXES,
    first_name_gender,
    is_acronym,
    is_club,
    longest_known_name,
    places,
    towns_de,
)
from pipeline.extract.model import ActorType
from pipeline.extract.text import Token

DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner keines
    im am zum zur vom beim ins ans aufs dieser diese dieses diesen diesem jeder jede jedes jeden jedem
    sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere mein meine dein deine euer
    welche welcher welches alle allen viele vielen einige einigen mehrere mehreren beide beiden""".split()
)
NOUN_SUFFIXES = tuple(
    """ung ungen heit heiten keit keiten schaft schaften tion tionen tät täten ismus nis nisse tum ment ments chen
    lein ling linge ie ien ik ei eien gesetz plan haushalt bremse politik jahr jahre jahren zeit woche wochen tag
    tage tagen geld preis preise zahl zahlen frage fragen werk haus häuser stelle stellen recht rechte kraft kräfte
    leute""".split()
)
# lower-case words with adjective endings that are no adjectives (a name may follow them)
_NOT_ADJECTIVES = frozenset(
    """sagte sagten meinte meinten erklärte betonte berichtete warnte forderte habe hatte wurde werde
    hier unter über oder aber denn wenn weder sowie gegen gegenüber wieder immer einer einem einen eines
    seine seiner seinem seinen ihre ihrer ihrem ihren diese dieser diesem diesen jene""".split()
)
# words of closed classes, capitalised only where they open a sentence: never part of a name
_CLOSED_CLASSES = PREPOSITIONS | CONJUNCTIONS | SUBORDINATORS | ADVERBS | DETERMINERS
_WEEKDAYS_MONTHS = frozenset(
    """montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli
    august september oktober november dezember""".split()
)


def _noun_contexts(tokens: list[Token], lower: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words this text puts after an article or a determiner, and those after a
    lower-case inflected adjective: common nouns (a place may follow an adjective too: "im
    ostfriesischen Emden")."""
    out: set[str] = set()
    after_article: set[str] = set()
    first_letters = map(itemgetter(0), map(itemgetter(2), tokens))  # (a token's text is never empty)
    capitalised = compress(range(len(tokens)), map(str.isupper, first_letters))
    for k in capitalised:
        if k == 0:
            continue
        prev = lower[k - 1]
        if prev in DETERMINERS:
            after_article.add(tokens[k].text)
        if prev in DETERMINERS or (
            tokens[k - 1].text[:1].islower()
            and len(prev) > 3
            and prev.endswith(ADJECTIVE_ENDINGS)
            and prev not in _NOT_ADJECTIVES
        ):
            out.add(tokens[k].text)
    return frozenset(out), frozenset(after_article)


@lru_cache(maxsize=65536)  # a function of the word, asked of most capitalised words of a German text
def _reads_as_noun(word: str) -> bool:
    """A word of a closed set of common nouns (weekdays, months, numbers, the nouns of a source:
    "nach Ansicht der Experten"), or one with a noun's ending that is no acronym or place."""
    low = word.lower()
    if low in _WEEKDAYS_MONTHS or low in _NUMBERS or low in NACH_NOUNS:
        return True
    if is_acronym(word) or word in places():
        return False
    # dative plurals ("nach Angaben", "in Flammen", "aus Unternehmenskreisen") and noun suffixes
    return low.endswith(NOUN_SUFFIXES) or (len(low) > 5 and low.endswith(("en", "ern")))


class GermanNames:
    """Per text: decides whether a capitalised run is a name."""

    def __init__(
        self, tokens: list[Token], lower: list[str], runs: list[list[Token]], hyphenated: Iterable[Token]
    ) -> None:
        """hyphenated: the text's tokens holding a hyphen (text.tokens_with), read for compounds."""
        # surnames: the last word of a run with a first name before it, titles before that
        # notwithstanding ("Dirk Lorenzen", "Staatspräsident Nicolas Sarkozy" make a later
        # "Lorenzen" or "zwischen Sarkozy" a name, though it ends like a plural noun or follows a
        # word ending like an adjective; in "Joseph Konys Truppen" the surname is "Konys")
        self.surnames = frozenset(filter(None, map(_surname_of, [r for r in runs if len(r) > 1])))
        nouns, after_article = _noun_contexts(tokens, lower)
        self.nouns = nouns - self.surnames
        self.after_article = after_article
        self.bodies = _compound_bodies(hyphenated) - self.surnames
        self.run_names = frozenset(" ".join(t.text for t in r) for r in runs if len(r) >= 2)

    def _noun(self, word: str) -> bool:
        """A common noun: one this text puts after an article or an adjective, unless it gives a
        person that surname, or a word that reads as one (_reads_as_noun)."""
        return word not in self.surnames and (word in self.nouns or _reads_as_noun(word))

    def _descriptor(self, word: str, opener: bool) -> bool:
        """A word before a name that describes it: a common noun, an inflected adjective or a number
        at a sentence start ("Sieben Hauptverdächtige", "Beste Österreicherin")."""
        low = word.lower()
        if low in NON_NAMES or low in _WEEKDAYS_MONTHS or low in _CLOSED_CLASSES:
            return True  # "Ende April", "Seit Montag", "Obwohl Steinbrück …" opening a sentence
        if first_name_gender(word):
            return False
        if self._noun(word) or low in _NUMBERS or low in _ORDINALS:
            return True  # ("als Vierte Jacqueline Seifriedsberger": a place in a ranking)
        return opener and low.endswith(ADJECTIVE_ENDINGS) and not first_name_gender(word) and word not in places()

    def trim(self, words: list[str], opener: bool = False) -> tuple[list[str], ActorType | None]:
        """Common nouns around a name: "Fernsehsender Sky News" -> "Sky News", "Ende April" -> [];
        whatever stands before a first name ("Japanerin Izumi Yamada", "Airbus-Chefs Christian
        Streiff") is a description, not part of the name."""
        out = list(words)
        hint: ActorType | None = None
        if len(out) == 1:
            return out, hint  # nothing around one word (most runs): every step below keeps it
        if " ".join(out) in places() or " ".join(out) in KNOWN_ORGS:
            return out, hint  # "der New York Times", "nach Den Haag"
        for i in range(len(out) - 1):
            if kind := _descriptor_type(out[i]):
                # "Fluggesellschaft Ryanair", "im Greifswalder Fluss Ryck", "Musikband Landser"
                out, hint = out[i + 1 :], kind
                break
        if is_club(out) and not any(first_name_gender(w) for w in out[1:]):
            # "beim FC Bayern München": the club, not the town in it ("des FC Bayern München Michael
            # Ballack" runs on into a person, whom the cuts below find)
            return out, ActorType.ORGANIZATION
        if len(out) > 1 and out[-1] in _LEGAL_FORMS:
            # "der DaimlerChrysler AG": a company's whole name, after its descriptor ("Firma …")
            return out, ActorType.ORGANIZATION
        for i in range(1, len(out) - 1):
            if first_name_gender(out[i].split("-")[0]) and all(
                _describes_a_person(w) or (self._descriptor(w, opener and j == 0) and not first_name_gender(w))
                for j, w in enumerate(islice(out, i))  # (no copy per first name: a long run was quadratic)
            ):
                out = out[i:]
                break
        if len(out) > 1 and out[0].endswith("s") and out[0][:-1] in places():
            return out[:1], ActorType.PLACE  # "Russlands Rolle": the country, then a noun
        # the words cut from either end are counted, then cut once (one list copy per word was
        # quadratic in a long run)
        end = len(out)
        while end > 1 and roles.is_head(out[end - 1], GERMAN):
            end -= 1  # "Peter Jonas Professor": the role after the name is not the name
        whole = end == len(out) and out == words
        front = 0
        while (
            end - front > 1
            and self._descriptor(out[front], opener and whole and front == 0)
            and not _kept_head(out[front], end - front)
            and not (not opener and _name_adjective(out[front]))
        ):
            front += 1
        while end - front > 1 and (out[end - 1].lower() in _WEEKDAYS_MONTHS or out[end - 1].lower() in _TIME_WORDS):
            end -= 1  # "Kevin Lynch Anfang April": a date after the name
        out = out[front:end]
        # a surname the text gives a person, which is no first name too, ends the name before a noun
        # or a nominalised adjective: "hatte Steinbrück Positives zu melden" (but "Gerhard Schröder"
        # beside a "Wolfgang Gerhard", and "Sonthi Boonyaratglin" beside a "General Sonthi")
        for i in range(len(out) - 1):
            nxt = out[i + 1]
            noun_like = self._noun(nxt) or (len(nxt) > 3 and nxt.lower().endswith(ADJECTIVE_ENDINGS))
            if out[i] in self.surnames and not first_name_gender(out[i]) and not first_name_gender(nxt) and noun_like:
                out = out[: i + 1]
                break
        for i in range(len(out) - 1):
            # a name in the genitive before what is theirs ends the name: "Barack Obamas Wahlkampf",
            # where the text names "Barack Obama" too, or a person's before a noun ("Stanley Kubricks
            # Film"; not "Hilda Morales Trujillo")
            person = first_name_gender(out[0]) and self._noun(out[i + 1])
            if _saxon_genitive(out[i]) and (person or self.genitive_of(out[: i + 1])):
                out = out[: i + 1]
                break
        if first_name_gender(out[0]) and out[0].lower() not in _WEEKDAYS_MONTHS:
            return out, hint  # a surname may look like anything: "Wieland", "Stüken"
        end = len(out)
        while end > 1 and self._noun(out[end - 1]):
            end -= 1
        out = out[:end]
        # a known name after other words: "gegen 1:56 Uhr MEZ Großbritannien"
        for i in range(max(1, len(out) - longest_known_name()), len(out)):
            tail = " ".join(out[i:])
            if (tail in places() or tail in KNOWN_ORGS) and not any(_name_adjective(w) for w in out[:i]):
                return out[i:], hint
        # a known name and a noun after it: "in Mannheim Automobilgeschichte", "Nordmalaysia Richtung Timor"
        for i in range(min(len(out) - 1, longest_known_name()), 0, -1):
            if " ".join(out[:i]) in places() and (self._noun(out[i]) or len(out[i]) >= 12):
                return out[:i], hint
        return out, hint

    def genitive_of(self, words: list[str]) -> str | None:
        """The nominative of a name written in the genitive, where the text names it so too:
        "Barack Obamas" -> "Barack Obama", "Merkels" -> "Merkel" (a surname of the text); None otherwise."""
        if not words or not _saxon_genitive(words[-1]):
            return None
        base = " ".join([*words[:-1], words[-1][:-1]])
        return base if base in (self.run_names if len(words) > 1 else self.surnames) else None

    def guess_type(self, words: list[str], lower: list[str], k: int) -> ActorType | None:
        """Names the gazetteers do not know: a place after "in"/"nach"/"aus", else two or three
        capitalised words that are no nouns read as a person ("Hidetsugu Aneha")."""
        if k > 0 and lower[k - 1] in ("in", "nach", "aus") and len(words) == 1 and not _noun_like(words[0]):
            return ActorType.PLACE
        if " ".join(words) in towns_de() and not (len(words) == 1 and words[0] in self.after_article):
            return ActorType.PLACE  # a town, unless the text says "die Lage", "das Wetter"
        if 2 <= len(words) <= 3 and not any(self._noun(w) or w.isupper() for w in words):
            return ActorType.PERSON
        if len(words) == 1 and words[0] in self.bodies:
            return ActorType.ORGANIZATION  # "Audi" where the text writes "Audi-Werk", "Airbus-Chef"
        if len(words) >= 2 and _name_adjective(words[0]) and len(words[0]) <= 11:
            # "Frankfurter Rundschau", "Deutsche Umwelthilfe", "Rote Kreuz"; long adjectives are
            # descriptions ("Gerichtsmedizinischen Institut")
            return ActorType.ORGANIZATION
        return None

    def is_name(self, words: list[str], structural: ActorType | None, titles: list[str], opener: bool) -> bool:
        if len(words) == 1 and generic_org(words[0]):
            return False
        if not _QUANTITIES.isdisjoint(map(str.lower, words)):
            return False
        if structural is not None or titles:
            return True
        if len(words) >= 2:
            # two capitalised words mid-sentence: a name ("Northwest Airlines", "Thomas Berger"); at
            # a sentence start the first may be any noun ("Schuldenbremse Plan …" is rare, but
            # "Am Dienstag" is stripped before we get here)
            return not any(w.lower() in _WEEKDAYS_MONTHS for w in words)
        if words[0] in towns_de() and words[0] not in self.after_article:
            return True  # "im ostfriesischen Emden": a town after an adjective; guess_type types it
        if words[0] in self.bodies:
            return True
        if self._noun(words[0]):
            return False
        return not opener


_TIME_WORDS = frozenset("anfang mitte ende beginn".split())
# the legal forms that end a company's registered name
_LEGAL_FORMS = frozenset("AG GmbH SE KG KGaA OHG eG mbH Holding".split())
# nouns of a body's parts after a hyphen: "Audi-Werk", "Siemens-Konzern", "Bayer-Aktie"
_BODY_PARTS = ("werk", "werke", "konzern", "konzerns", "tochter", "zentrale", "aktie", "aktien", "gruppe")


def _compound_bodies(hyphenated: Iterable[Token]) -> frozenset[str]:
    """Names a text writes before a hyphen and a role or a body's part ("Airbus-Chef",
    "PDS-Abgeordnete", "Audi-Stammwerk"): a German compound of a proper name, whose holder of a
    role or whose plant or share makes the name a body's (the caller leaves out the surnames of
    the text's persons: "Merkel-Sprecher")."""
    out = set()
    for tok in hyphenated:
        head, dash, tail = tok.text.partition("-")
        if not dash or not head[:1].isupper() or not tail[:1].isupper() or "-" in tail:
            continue
        low = tail.lower()
        if roles.is_head(tail, GERMAN) or low.endswith(_BODY_PARTS):
            out.add(head)
    return frozenset(out)


_NUMBERS = frozenset(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig hundert tausend dessen deren".split()
)
# ordinal numbers and rankings as nouns ("Vierte", "Letzter", "Zweitbeste"), every ending
_ORDINALS = frozenset(
    stem + ending
    for stem in "erst zweit dritt viert fünft sechst siebt acht neunt zehnt elft zwölft letzt best zweitbest".split()
    for ending in ("e", "en", "er", "es", "em")
)
_QUANTITIES = frozenset("millionen milliarden tausende hunderte dutzende euro dollar us-dollar prozent".split())
_SPECIFIC_PREFIXES = ("bundes", "landes", "eu-", "un-", "uno-")


def generic_org(word: str) -> bool:
    """ "Polizei", "Staatsanwaltschaft", "Sonderkommission": an organisation word that names no
    one organisation; "Bundesverfassungsgericht", "EU-Kommission", "Umweltbundesamt" do."""
    low = word.lower()
    if not low.endswith(ORG_SUFFIXES) or word.isupper():
        return False
    return not (low.startswith(_SPECIFIC_PREFIXES) or "bundes" in low or "ministerium" in low)


# Nouns that introduce a name and say what it is: "der Autobauer Audi", "die Insel Saipan".
_ORG_DESCRIPTORS = (
    "bauer",
    "hersteller",
    "konzern",
    "unternehmen",
    "gesellschaft",
    "partei",
    "zeitung",
    "agentur",
    "sender",
    "verband",
    "verein",
    "gruppe",
    "firma",
    "marke",
    "band",
    "club",
    "klub",
    "mannschaft",
    "airline",
    "magazin",
    "portal",
    "dienst",
    "kette",
    "händler",
    "betreiber",
    "anbieter",
    "bank",
    "versicherer",
    "zeitschrift",
    "gewerkschaft",
    "institut",
    "bewegung",
    "miliz",
    "netzwerk",
)
_PLACE_DESCRIPTORS = (
    "stadt",
    "ort",
    "gemeinde",
    "insel",
    "dorf",
    "region",
    "provinz",
    "bundesland",
    "kreis",
    "bezirk",
    "stadtteil",
    "distrikt",
    "fluss",
    "berg",
    "staat",
    "hauptstadt",
    "metropole",
    "halbinsel",
    "landkreis",
    "ortsteil",
)


def _descriptor_type(word: str) -> ActorType | None:
    low = word.lower()
    forms = (low, low[:-1]) if low.endswith("s") else (low,)  # genitive: "des Konzerns"
    if any(f.endswith(_ORG_DESCRIPTORS) for f in forms):
        return ActorType.ORGANIZATION
    if any(f.endswith(_PLACE_DESCRIPTORS) for f in forms):
        return ActorType.PLACE
    return None


_ADJECTIVE = re.compile(r"(isch|lich|ig|sch|ot|eu|ün|ig?t|al|an)(e|en|er|es|em)$")


def _name_adjective(word: str) -> bool:
    """A capitalised adjective mid-sentence belongs to a name: "Deutsche Bank", "Rote Kreuz",
    "Frankfurter Rundschau" (a city adjective: the city plus -er)."""
    low = word.lower()
    return bool(_ADJECTIVE.search(low)) or (low.endswith("er") and word[:-2] in places())


def _describes_a_person(word: str) -> bool:
    """ "Japanerin", "Airbus-Chefs", "Vorstandsmitglied": a role or origin before a first name, not
    a first name or initial itself ("Jose Luis Guterres", "J.P. Morgan Chase", "Nakhon Si Thammarat")."""
    if first_name_gender(word) or word.isupper() or word.endswith(".") or word in places():
        return False
    low = word.lower()
    return roles.is_head(low, GERMAN) or low.endswith(("in", "er", "erin", "ers", "mitglied", "vorgänger"))


def _noun_like(word: str) -> bool:
    """Endings of common nouns that also stand without an article ("in Höhe", "in Zusammenhang")."""
    return word.lower().endswith(("e", "hang", "fang", "gang", "tritt", "stand", "satz", "schluss"))


def _surname_of(run: list[Token]) -> str:
    """A run's last word when a first name stands before it, or a word in the genitive between them
    ("Joseph Konys Truppen"); "" when no first name is followed by a word."""
    last = next((k for k in range(len(run) - 2, -1, -1) if first_name_gender(run[k].text)), -1)
    if last < 0:
        return ""
    return next((t.text for t in islice(run, last + 1, len(run) - 1) if _saxon_genitive(t.text)), run[-1].text)


def genitive_s(word: str) -> bool:
    """A name that may be written with the genitive "-s" ("Obamas", "Merkels"; not "Strauss")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss")


def _saxon_genitive(word: str) -> bool:
    """A surname with the genitive "-s", not a first name ("Thomas")."""
    return genitive_s(word) and not first_name_gender(word)


def base_form(name: str, genitive: bool = False) -> str:
    """The nominative of an inflected German name: "Myanmars" -> "Myanmar", "Deutschen Bank" ->
    "Deutsche Bank", "des Deutschen Fußball-Bundes" -> "Deutsche Fußball-Bund"."""
    words = name.split()
    if name in places() or name in KNOWN_ORGS or first_name_gender(words[0]):
        return name
    if len(words) == 1:
        for cut in (1, 2):
            if words[0].endswith("es"[2 - cut :]) and words[0][:-cut] in places():
                return words[0][:-cut]
        return name
    changed = False
    for i, w in enumerate(words[:-1]):
        if _name_adjective(w) and not (w.endswith("er") and w[:-2] in places()):
            stem = re.sub(r"(en|er|es|em)$", "e", w)
            changed = changed or stem != w
            words[i] = stem
    last = words[-1]
    changed = changed or genitive  # "des Berliner Kammergerichtes"
    if changed and last.endswith("es") and len(last) > 5:
        words[-1] = last[:-2]
    elif changed and last.endswith("s") and not last.endswith("ss") and len(last) > 4:
        words[-1] = last[:-1]
    return " ".join(words)


def _kept_head(first: str, words: int) -> bool:
    """A facility named with its common noun: "Flughafen Guam", "Universität Greifswald" (first: the
    first of the name's words)."""
    return first.lower() in ("flughafen", "universität", "bahnhof", "hauptbahnhof", "stadion") and words == 2
