"""Rule-based actor recognition: capitalised runs, cleaned of sentence openers and titles, typed by
gazetteers, name structure and the words around each mention, and merged so that "Lavrov",
"Mr. Lavrov" and "Foreign Minister Sergei Lavrov" are one actor.

German capitalises every noun, so there a run is a name only on evidence (see names_de.py)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise
from operator import attrgetter, itemgetter
from typing import NamedTuple

from pipeline.extract import acronyms, lexicon, names_de, roles
from pipeline.extract.lang.names import NameRules, name_rules
from pipeline.extract.model import Actor, ActorType, Mention
from pipeline.extract.text import Token, paragraphs, sentences, token_parts, tokens_with

# Particles inside personal names ("Ludwig van Beethoven", "Ursula von der Leyen", "Bashar al-Assad").
_PARTICLES = frozenset("de von van der den al bin ibn la le du del di da dos ter".split())
# Links inside organisation and place names ("Bank of America", "Commission on Presidential Debates").
_LINKS = frozenset({"of", "for", "on", "the", "and", "&"})
_POSSESSIVE = ("’s", "'s", "’", "'")
_POSSESSIVE_S = _POSSESSIVE[:2]
_JOINERS = _PARTICLES | _LINKS  # what may stand inside a run between capitalised words
_CONTRACTION = re.compile(r"[’'](?:re|m|ll|ve|d|t)$", re.IGNORECASE)
# "(D-N.Y.)", "(R-Ky.)", "(I-Vt.)": a party-and-state tag, never an actor of its own.
_PARTY_TAG = re.compile(
    r"\((?:[DRI]|Dem|Rep)\s*-\s*[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?\)"  # (D-N.Y.)
    r"|\((?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.)\)"  # (Ky.)
    r"|, [DRI]-[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?,"  # , R-Ky.,
)
_START, _TEXT = itemgetter(0), itemgetter(2)  # of a Token
_MENTION_START = attrgetter("start")
_SURNAME_F = ("ova", "eva", "ina", "ska", "skaya", "ова", "ева", "ина", "ская", "цкая")
_SURNAME_M = ("ov", "ev", "in", "sky", "skiy", "ski", "ов", "ев", "ин", "ский", "цкий")


def _surname_gender(word: str) -> str:
    """Slavic surnames mark gender in their ending (Lavrov / Lavrova)."""
    w = word.lower()
    if len(w) < 5:
        return ""
    if w.endswith(_SURNAME_F):
        return "f"
    return "m" if w.endswith(_SURNAME_M) else ""


class _Draft:
    """A mutable actor while mentions are being merged. A plain class, not a dataclass: one per
    name of every article, and the compiled build (make wheel) compiles its __init__, where a
    dataclass's is generated at import and interpreted."""

    def __init__(self, name: str, kind: ActorType | None) -> None:
        self.name = name
        self.type = kind
        self.titles: list[str] = []
        self.aliases: list[str] = []
        self.mentions: list[Mention] = []
        self.votes: dict[ActorType, int] = {}  # what the contexts said (a dict: one per draft)


@dataclass(frozen=True)
class ActorIndex:
    """Actors plus every mention sorted by offset, for attribution to look up what is near a cue."""

    actors: tuple[Actor, ...]
    mentions: tuple[tuple[int, int, int], ...]  # (start, end, actor index)


def _is_name_token(tok: Token) -> bool:
    """Capitalised, a name behind a lower-case article ("al-Farsi") or a title with a lower-case
    prefix: "then-Secretary", "ex-President"."""
    text = tok.text
    if text[:1].isupper():
        return True
    if "-" not in text:
        return False
    return lexicon.behind_article(text) or (text.startswith(roles.PREFIXES) and roles.is_head(text))


def _merge_abbreviations(tokens: list[Token], text: str) -> list[Token]:
    """'Sen' '.' -> 'Sen.', 'J' '.' -> 'J.', 'League-trained' -> 'League': the period of an
    abbreviation or initial belongs to the word, and a lower-case tail makes a compound an adjective."""
    return _merged_with_lower(tokens, text, None)[0]


def _merged_with_lower(
    tokens: list[Token], text: str, lower: list[str] | None, starts: list[int] | None = None
) -> tuple[list[Token], list[str], list[int]]:
    """_merge_abbreviations, with the merged tokens' words in lower case and their starts, copied
    from `lower` and `starts` (the given tokens' words in lower case and starts, when the caller
    has them) except where a token changed (a merged token starts where its first token did)."""
    if starts is None:
        starts = list(map(_START, tokens))
    out: list[Token] = []
    out_lower: list[str] = []
    out_starts: list[int] = []
    copied = 0  # tokens before this one are in out
    for i in _before_periods_or_hyphenated(tokens, text, starts):
        if i >= copied:  # (else a period merged into the word before it)
            tok, used = merged_token(tokens, i)
            if used == 1 and tok is tokens[i]:
                continue  # unchanged: copied with the tokens around it
            out.extend(tokens[copied:i])
            out.append(tok)
            out_starts.extend(starts[copied : i + 1])
            if lower is not None:
                out_lower.extend(lower[copied:i])
                out_lower.append(tok.text.lower())
            copied = i + used
    out.extend(tokens[copied:])
    out_starts.extend(starts[copied:])
    if lower is None:
        return out, list(map(str.lower, map(_TEXT, out))), out_starts
    out_lower.extend(lower[copied:])
    return out, out_lower, out_starts


def merged_token(tokens: list[Token], i: int) -> tuple[Token, int]:
    """Token i as _merge_abbreviations keeps it, and how many tokens that takes (2 when the period
    after it joins it)."""
    tok = tokens[i]
    word = tok.text
    if (
        i + 1 < len(tokens)
        and tokens[i + 1].text == "."
        and tokens[i + 1].start == tok.end
        and lexicon.takes_period(word)
    ):
        return Token(tok.start, tok.end + 1, word + "."), 2
    if "-" in word and word[:1].isupper() and not _given_name_of_two_syllables(tokens, i):
        parts = word.split("-")
        keep = 0
        while keep < len(parts) and parts[keep][:1].isupper():
            keep += 1
        if keep < len(parts):  # "GOP-heavy" -> "GOP"; "al-Assad" stays (lower-case head)
            head = "-".join(parts[:keep])
            return Token(tok.start, tok.start + len(head), head), 1
    return tok, 1


_SYLLABLES = re.compile(r"[A-Z][a-z]{1,3}-[a-z]{1,4}")


def _given_name_of_two_syllables(tokens: list[Token], i: int) -> bool:
    """ "Kim Jong-un", "Ban Ki-moon", "Moon Jae-in": a hyphenated Korean or Chinese given name after
    the family name, whose lower-case second syllable is no English tail ("GOP-led", "Obama-era")."""
    return (
        i > 0
        and _SYLLABLES.fullmatch(tokens[i].text) is not None
        and tokens[i - 1].text[:1].isupper()
        and tokens[i - 1].text.isalpha()
        and tokens[i].start - tokens[i - 1].end == 1
    )


def _before_periods_or_hyphenated(tokens: list[Token], text: str, starts: list[int]) -> list[int]:
    """Indexes, in order, of the capitalised tokens right before a period token and of those holding
    a hyphen (starts: the tokens' starts): the only ones _merge_abbreviations may change."""
    before_periods = (
        k - 1
        for k in tokens_with(text, tokens, starts, ".")
        if k > 0 and tokens[k].text == "." and tokens[k - 1].text[:1].isupper()
    )
    hyphenated = (k for k in tokens_with(text, tokens, starts, "-") if tokens[k].text[:1].isupper())
    return sorted({*before_periods, *hyphenated})


@lru_cache(maxsize=65536)
def _is_org_word(word: str) -> bool:
    w = word.lower()
    return w in lexicon.ORG_WORDS or w.endswith(lexicon.ORG_SUFFIXES)


class _RunFacts:
    """What the link and particle rules ask of a run while _Capitals.run_from grows it, counted
    over the tokens that joined since the last question (asking the whole run at each link was
    quadratic)."""

    __slots__ = ("run", "counted", "lead", "first_names", "all_first_names", "features", "body_after_names")

    def __init__(self, run: list[Token]) -> None:
        self.run = run  # grown in place by _Capitals.run_from
        self.counted = 0
        self.lead = 0  # leading function words and links: "The Securities and …"
        self.first_names = 0  # first names after the lead
        self.all_first_names = 0
        self.features = 0  # words after the lead that read as an organisation, title or place feature
        # a body's word follows the last first name: the first names are part of a body's name
        # ("Wayne State University School of …"), not a person's ("House Speaker Paul Ryan of …")
        self.body_after_names = False

    def catch_up(self) -> None:
        for tok in self.run[self.counted :]:
            low = tok.text.lower()
            first_name = bool(lexicon.first_name_gender(tok.text))
            self.all_first_names += first_name
            if self.lead == self.counted and (low in lexicon.NON_NAMES or low in _LINKS):
                self.lead += 1
            else:
                self.first_names += first_name
                org = _is_org_word(low)
                self.body_after_names = org or (self.body_after_names and not first_name)
                self.features += (
                    org or low in lexicon.ORG_HEADS or low in lexicon.PLACE_FEATURES or low in roles.TITLE_WORDS
                )
            self.counted += 1

    def any_first_name(self) -> bool:
        self.catch_up()
        return self.all_first_names > 0


def _takes_link(facts: _RunFacts, link: str, following: list[Token], alone: bool = True) -> bool:
    """ "of"/"for"/"on" continue a name that already reads as an organisation, title or place
    feature ("Bank of", "Secretary of", "Gulf of"); a person's name stops there ("McConnell of
    Kentucky"), and so does a date ("Stumpf on Tuesday"). "and" joins only words of one
    organisation ("Securities and Exchange Commission"), not two names ("Trump and Clinton").
    The run's leading article or link is not part of the name. alone: the link is one word (not
    "and the")."""
    facts.catch_up()
    run, lead = facts.run, facts.lead
    if lead == len(run) or not following or following[0].text.lower() in lexicon.NON_NAMES:
        return False
    if facts.first_names and not facts.body_after_names:
        return False
    if link in ("and", "&"):
        return (
            len(run) - lead == 1
            and run[lead].text not in lexicon.places()
            and run[lead].text not in lexicon.KNOWN_ORGS
            and any(_is_org_word(t.text) for t in following)
        ) or (alone and _second_field(facts, following))
    return facts.features > 0


def _second_field(facts: _RunFacts, following: list[Token]) -> bool:
    """ "Department of Health and Human Services", "Center for Media and Public Affairs": after a
    body's "of"/"for" phrase, "and" adds a second field of its work, two or more capitalised words
    that open no body, place or person's name of their own ("University of Texas and Texas Tech",
    "Bank of England and Bank of France" are two; two words that are a name, "… and Carnegie
    Mellon", still read as a field)."""
    run = facts.run
    if facts.features == 0 or not any(t.text in ("of", "for") for t in run[facts.lead + 1 :]):
        return False
    words = [t.text for t in following]
    return (
        len(words) >= 2
        and words[0] != run[facts.lead].text  # "National Association of … and National Association of …"
        and not lexicon.first_name_gender(words[0])
        and not _is_org_word(words[0])
        and words[0].lower() not in roles.TITLE_WORDS  # "University of Chicago and Professor Knittel"
        and words[0] not in lexicon.places()
        and " ".join(words) not in lexicon.KNOWN_ORGS
    )


def _name_tokens(tokens: list[Token], upper: list[bool], hyphenated: list[int]) -> list[bool]:
    """_is_name_token of every token: the capitalised ones (upper: which start with a capital), and
    only the tokens holding a hyphen ("then-Secretary"; hyphenated: their indexes) asked in full."""
    named = upper.copy()
    for k in hyphenated:
        named[k] = _is_name_token(tokens[k])
    return named


def _caps_from(tokens: list[Token], k: int) -> list[Token]:
    """The capitalised words from k on, joined by single spaces."""
    out = [tokens[k]]
    for tok in tokens[k + 1 : k + 6]:
        if not _is_name_token(tok) or tok.start - out[-1].end > 1:
            break
        out.append(tok)
    return out


class _Capitals(NamedTuple):
    """A text's tokens as the rules for runs of capitalised words read them (named: _name_tokens of
    the tokens; openers: _sentence_openers; lower: their words in lower case)."""

    tokens: list[Token]
    text: str
    names: NameRules
    named: list[bool]
    openers: AbstractSet[int]
    lower: list[str]

    def runs(self) -> list[list[Token]]:
        """Maximal runs of capitalised tokens joined by single spaces, with particles and links
        inside; a run ends where a sentence opens (inside a run only a sentence start can be an
        opener) with a word that is no name ("in Selma, Ala. But …")."""
        tokens, named, lower = self.tokens, self.named, self.lower
        runs: list[list[Token]] = []
        n = len(tokens)
        i = 0
        for first in compress(range(n), named):
            if first < i:
                continue
            i = first
            if i + 1 < n and not named[i + 1] and lower[i + 1] not in _JOINERS:
                run, j = [tokens[i]], i + 1  # nothing can join it (most runs): what run_from makes of it
            else:
                run, j = self.run_from(i)
            last = i + len(run) - 1  # (a run is the tokens from i on)
            while run and (lower[last] in _LINKS or lower[last] in _PARTICLES):
                run.pop()
                last -= 1
            if run:
                runs.append(run)
            i = max(j, i + 1)
        return runs

    def run_from(self, i: int) -> tuple[list[Token], int]:
        """The run that opens at token i, and the token after the words it took in (links and
        particles at its end are still in it)."""
        tokens, text, names, named, openers, lower = self
        n = len(tokens)
        run = [tokens[i]]
        facts: _RunFacts | None = None  # made at the run's first link (most runs have none)
        j = i + 1
        while j < n and not run[-1].text.endswith(_POSSESSIVE_S):
            tok = tokens[j]
            if tok.start - run[-1].end > 1 or (tok.start > run[-1].end and text[run[-1].end] not in " \u00a0"):
                break
            if named[j]:
                if tok.start in openers and lower[j] in lexicon.NON_NAMES:
                    break  # (a sentence end after an abbreviation: "D.C. Court" runs on, "D.C. He" does not)
                run.append(tok)
                j += 1
                continue
            k = j
            while k < n and lower[k] in _JOINERS and k - j < 3:
                k += 1
            if k == j or k >= n or not named[k] or tokens[k].start - tokens[k - 1].end > 1:
                break
            chain = lower[j:k]
            facts = facts or _RunFacts(run)
            if (
                all(w in _PARTICLES for w in chain)
                and not any(w in names.run_breaking_articles for w in chain)
                and facts.any_first_name()
                and len(_caps_from(tokens, k)) == 1  # "Richard von Weizsäcker", not "Sifton von Human Rights Watch"
            ):
                pass  # "Ludwig van Beethoven", "Charles de Gaulle"
            elif (
                chain[0] in _LINKS
                and all(w in _LINKS for w in chain)
                and _takes_link(facts, lower[j], _caps_from(tokens, k), len(chain) == 1)
            ):
                pass
            else:
                break
            run.extend(tokens[j:k])
            j = k
        return run, j


def _is_headline(para: str, first: bool) -> bool:
    """Title Case lines capitalise every word, so capitalisation says nothing about names there."""
    if not first and para.rstrip().endswith((".", "»", "”", '"')):
        return False  # a sentence's end, asked first: it is cheap and most paragraphs have one
    words = [w for w in para.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _names_a_headline(text: str, run: list[Token], skipped: list[tuple[int, int]]) -> bool:
    """ "Mayor Ana Lima: Harbour Bridge Will Reopen": a headline's colon attribution is a name."""
    return (
        len(run) <= 4
        and any(run[0].start == s for s, _ in skipped)
        and text[run[-1].end : run[-1].end + 1] == ":"
        and any(lexicon.first_name_gender(t.text) or roles.is_head(t.text) for t in run)
    )


# Romance articles capitalised inside names: "Des Moines", "Le Monde", "La Paz", "Les Échos"
_NAME_ARTICLES = frozenset({"Des", "Le", "La", "Les", "Du", "Da"})


def _article_of_a_name(run: list[Token], k: int, openers: set[int], names: NameRules) -> bool:
    """Token k of the run is such an article, mid-sentence and before another capitalised word:
    part of the name, where English has no such article (German has "des" and a capitalised "Die"
    opens sentences only)."""
    return (
        not names.nouns_capitalised
        and run[k].text in _NAME_ARTICLES
        and k + 1 < len(run)
        and run[k].start not in openers
        and run[k + 1].text[:1].isupper()
    )


def _before_postnominal(word: str) -> bool:
    """The word before "QC", "MP", "OBE" ends a person's name, not a body's or a title's ("Labour
    Party MP", "Shadow Minister MP")."""
    return word[:1].isupper() and not _is_org_word(word) and not roles.is_head(word)


def _shouting(words: list[str]) -> bool:
    """Capitals for emphasis ("QUESTIONABLE MEDICAL CLAIMS"), not acronyms."""
    if not any(map(str.isupper, words)):
        return False  # most runs: asked in one pass over builtins
    long_caps = [w for w in words if len(w) > 3 and w.isupper()]
    return len(long_caps) >= 2 and len(long_caps) >= len(words) / 2


def _not_a_name(name: str, words: list[str]) -> bool:
    return _not_a_name_of(name, tuple(words))


@lru_cache(maxsize=16384)  # a function of the name alone, and names recur within and across articles
def _not_a_name_of(name: str, words: tuple[str, ...]) -> bool:
    if (
        name in lexicon.KNOWN_ORGS
        or name in lexicon.places()
        or name in lexicon.STATE_ABBREVIATIONS
        or name in lexicon.KNOWN_ALIASES
    ):
        return False
    low = name.lower()
    if low in lexicon.NON_NAMES or lexicon.is_demonym(low) or _CONTRACTION.search(name):
        return True
    if len(words) == 1:
        w = words[0].lower().rstrip(".")
        return w in roles.TITLE_WORDS or w in lexicon.ORG_WORDS or w in lexicon.ABBREVIATIONS or len(w) < 2
    return all(lexicon.is_demonym(w.lower()) or w.lower() in roles.TITLE_WORDS for w in words)


def _structural_type(name: str, words: list[str], has_title: bool) -> ActorType | None:
    """Type from the name itself: gazetteers first, then its words."""
    return _structural_type_of(name, tuple(words), has_title)


@lru_cache(maxsize=16384)  # a function of the name alone, and names recur within and across articles
def _structural_type_of(name: str, words: tuple[str, ...], has_title: bool) -> ActorType | None:
    lowered = list(map(str.lower, words))
    if name in lexicon.KNOWN_ORGS or lexicon.is_club(words):
        return ActorType.ORGANIZATION
    if name in lexicon.places() or name in lexicon.STATE_ABBREVIATIONS or name.title() in lexicon.places():
        return ActorType.PLACE  # also a dateline: "WASHINGTON (AP) —"
    if (
        len(words) == 1
        and lexicon.is_acronym(name)
        and name not in lexicon.ACRONYM_NOT_ORG
        and not any(map(str.isdigit, name))
    ):
        return ActorType.ORGANIZATION
    if (any(_is_org_word(w) for w in lowered) or _org_head(lowered)) and not has_title:
        return ActorType.ORGANIZATION
    if len(words) >= 2 and lowered[-1] in lexicon.PLACE_FEATURES or lowered[0] in lexicon.PLACE_HEADS:
        return ActorType.PLACE
    if lexicon.names_a_document(lowered):
        return ActorType.OTHER  # "Paris Climate Accord": an agreement, though "Paris" is a first name
    first = words[0].rstrip(".")
    if has_title or (len(words) >= 2 and lexicon.first_name_gender(first) and not _acronym_like(first)):
        return ActorType.PERSON  # a first name, not an acronym that spells one ("RIA Novosti")
    if len(words) >= 2 and any(len(w) == 2 and w.endswith(".") for w in words[1:]):
        return ActorType.PERSON  # a middle initial: "Jeffrey N. Trimble"
    if len(words) == 2 and _surname_gender(words[1]) and words[0][:1].isupper() and words[1] not in lexicon.places():
        return ActorType.PERSON  # not "Statistics Canada", "Radio France": a place names no person
    return None


def _org_head(lowered: list[str]) -> bool:
    """A name of two or more words headed by a word of lexicon.ORG_HEADS: the last word, or the
    one before "of" (the word alone is no name: "Watch", "Movement")."""
    heads = lexicon.ORG_HEADS
    return len(lowered) > 1 and (lowered[-1] in heads or any(w in heads and b == "of" for w, b in pairwise(lowered)))


def _acronym_like(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _surname_person(words: list[str], lowercase_words: set[str]) -> bool:
    """ "Mitt Romney": two capitalised words ending in a frequent surname, neither an ordinary word
    of this text ("Election Day": "day" appears in lower case)."""
    return (
        len(words) == 2
        and words[1] in lexicon.surnames()
        and words[1] not in lexicon.countries()  # "Statistics Canada"
        and words[0][:1].isupper()
        and not any(w.lower() in lowercase_words or w.lower() in lexicon.NON_NAMES for w in words)
        and not any(_is_org_word(w) or w.lower() in lexicon.PLACE_FEATURES for w in words)
    )


_ITS_DOING = frozenset("has had will would plans planned expects expected intends intended".split())


def _itself(lower: list[str], k: int) -> bool:
    """The speaker's words at k speak of it as "it" doing something ("its revenue", "it will hire";
    not the empty "it" of "it was too early", "it would be hard")."""
    if lower[k : k + 1] == ["on"]:
        k += 2  # "said on Monday it …"
    if lower[k : k + 1] and lower[k] in ("today", "yesterday", "that"):
        k += 1
    word = lower[k] if k < len(lower) else ""
    if word == "its":
        return True
    following = lower[k + 1 : k + 3]
    if word != "it" or len(following) < 2:
        return False
    return following[0] in _ITS_DOING and following[1] not in ("be", "been", "not")


# those who speak for a body, and the words that name it after them
_SPOKESPEOPLE = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople representative representatives "
    "sprecher sprecherin vertreter vertreterin".split()
)
_SPOKESPERSON_OF = frozenset({"for", "of", "at", "von"})  # (not "des Konzerns": a noun with its article)


def _context_vote(tokens: list[Token], lower: list[str], first: int, last: int) -> ActorType | None:
    """What the words around one mention say: "Mr. X", "X said", "in X", "X-based", "X, Ohio"."""
    before = lower[first - 1] if first > 0 else ""
    after = lower[last + 1] if last + 1 < len(lower) else ""
    after2 = lower[last + 2] if last + 2 < len(lower) else ""
    if before in lexicon.PERSON_CUES_BEFORE:
        return ActorType.PERSON
    if before in _SPOKESPERSON_OF and first > 1 and lower[first - 2] in _SPOKESPEOPLE:
        return ActorType.ORGANIZATION  # "a spokesman for Airbus said": the body the spokesman speaks for
    if after in lexicon.SPEECH_AFTER and _itself(lower, last + 2):
        return ActorType.ORGANIZATION  # "Acme Robotics said its revenue …", "said it will hire"
    if after in lexicon.SPEECH_AFTER or (after == "," and after2 == "who"):
        return ActorType.PERSON
    # "Selma, Ala.", "Columbus, Ohio": a place, then the state or country it is in
    state_after = after == "," and last + 2 < len(tokens) and _is_region(tokens, last + 2)
    if before in lexicon.PLACE_PREPOSITIONS or state_after or after == "-based":
        return ActorType.PLACE
    return None


def _is_region(tokens: list[Token], k: int) -> bool:
    word = tokens[k].text
    if word in lexicon.STATE_ABBREVIATIONS:
        return True
    two = f"{word} {tokens[k + 1].text}" if k + 1 < len(tokens) else ""
    return (word in lexicon.places() and word[:1].isupper()) or two in lexicon.places()


_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Herrn?|Frau|M|Mme)\.?\s+$")
_HONORIFIC_GENDER = {
    "mr": "m",
    "herr": "m",
    "herrn": "m",
    "m": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "frau": "f",
    "mme": "f",
}


def _honorific_gender(text: str, start: int) -> str:
    """'m' or 'f' when "Mr.", "Mrs.", "Ms.", "Herr", "Frau" … stands right before offset start."""
    m = _HONORIFIC.search(text, max(0, start - 8), start)
    return _HONORIFIC_GENDER[m.group(1).lower()] if m else ""


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.drafts: list[_Draft] = []
        self.by_name: dict[str, int] = {}
        self.mentions: list[tuple[int, int, int]] = []
        self.written_forms: dict[str, list[str]] = {}
        self._by_key: dict[tuple[str, str], list[int]] = {}  # _alias_of's look-up: last/first word, acronym

    def alias(self, canonical: str, written: str) -> None:
        """Record that `written` is an inflected form of `canonical` (kept as an alias)."""
        self.written_forms.setdefault(canonical, []).append(written)

    def add(
        self, name: str, kind: ActorType | None, start: int, end: int, titles: list[str], vote: ActorType | None
    ) -> None:
        written, name = name, lexicon.KNOWN_ALIASES.get(name, name)
        idx = self.by_name.get(name)
        if idx is None:
            idx = self._alias_of(name, kind, start)
            if idx is not None:
                self.by_name[name] = idx
        if idx is None:
            idx = len(self.drafts)
            self.drafts.append(_Draft(name, kind))
            self.by_name[name] = idx
            full = name.split()
            if full:
                for key in (("last", full[-1]), ("first", full[0]), ("acronym", lexicon.acronym(name))):
                    self._by_key.setdefault(key, []).append(idx)
        draft = self.drafts[idx]
        if kind is not None and draft.type is None:
            draft.type = kind
        for form in (written, *self.written_forms.pop(name, ())):
            if form != draft.name and form not in draft.aliases:
                draft.aliases.append(form)
        if titles:
            draft.titles += [t for t in titles if t not in draft.titles]
        if vote is not None:
            draft.votes[vote] = draft.votes.get(vote, 0) + 1
        draft.mentions.append(Mention(start, end, self.text[start:end]))
        self.mentions.append((start, end, idx))

    def _alias_of(self, name: str, kind: ActorType | None, start: int) -> int | None:
        """A shorter mention of a person named in full earlier ("Lavrov" -> "Sergei Lavrov"), or an
        acronym of an organisation named in full ("DNC" -> "Democratic National Committee"). An
        honorific before start says which gender ("Mr. Obama" is not "Michelle Obama"); it is read
        only when a candidate's first name has one."""
        gender: str | None = None
        words = name.split()
        if kind not in (None, ActorType.PERSON) and not (len(words) == 1 and name.isupper()):
            return None
        # only drafts sharing the last word, the first word or the acronym can match: most recent first
        # (a draft found by its acronym alone can match only a one-word name in capitals)
        keys = [("last", words[-1]), ("first", words[0])] if words else []
        if len(words) == 1 and name.isupper():
            keys.append(("acronym", name.replace(".", "")))
        for idx in sorted({i for key in keys for i in self._by_key.get(key, ())}, reverse=True):
            d = self.drafts[idx]
            full = d.name.split()
            if len(full) > 1 and (first := lexicon.first_name_gender(full[0])) in ("m", "f"):
                gender = _honorific_gender(self.text, start) if gender is None else gender
                if gender and first != gender:
                    continue
            if d.type in (ActorType.PERSON, None) and len(full) > len(words) and kind in (None, ActorType.PERSON):
                # a person by the first word: a name whose family name comes first ("Xi" for Xi
                # Jinping), typed by its structure or by a title around it ("spokesman Geng Shuang")
                if full[-len(words) :] == words or (
                    len(words) == 1 and full[0] == words[0] and (d.type is ActorType.PERSON or d.titles)
                ):
                    return idx
            if (
                len(words) == 1
                and name.isupper()
                and len(full) > 1
                and lexicon.acronym(d.name) == name.replace(".", "")
            ):
                return idx
        if kind in (None, ActorType.PERSON) and words[-1][:1].isupper() and names_de.genitive_s(words[-1]):
            # a person's name with the genitive "-s" ("Joseph Konys", "Merkels") where the text
            # names them without it: the same person, by surname or whole name, never by a first
            # name ("Roberts" is not "Robert X")
            base = [*words[:-1], words[-1][:-1]]
            for idx in sorted(self._by_key.get(("last", base[-1]), ()), reverse=True):
                d = self.drafts[idx]
                if d.type is ActorType.PERSON and d.name.split()[-len(base) :] == base:
                    return idx
        return None

    def _same_gender(self, short: _Draft, full: _Draft) -> bool:
        """No honorific of the short name's mentions contradicts the full name's first name."""
        first = lexicon.first_name_gender(full.name.split()[0])
        said = {_honorific_gender(self.text, m.start) for m in short.mentions} - {""}
        return first not in ("m", "f") or not said or said == {first}

    def promote_full_names(self) -> None:
        """A short name met before the full one ("Putin ... Vladimir Putin") joins the full one;
        so does an acronym met before its expansion."""
        # full names by surname and by acronym, looked up instead of scanned for each short name
        # (none changes below: only one-word drafts give their mentions away)
        fulls: dict[tuple[str, str], list[int]] = {}
        for jdx, full in enumerate(self.drafts):
            words = full.name.split()
            if full.mentions and len(words) >= 2:
                fulls.setdefault(("last", words[-1]), []).append(jdx)
                fulls.setdefault(("acronym", lexicon.acronym(full.name)), []).append(jdx)
        moved: dict[int, int] = {}
        for idx, d in enumerate(self.drafts):
            if len(d.name.split()) != 1 or not d.mentions or d.name in lexicon.countries():
                continue  # "Canada" is no surname of "Statistics Canada"
            keys = [("last", d.name), ("acronym", d.name.replace(".", ""))] if d.name.isupper() else [("last", d.name)]
            for jdx in sorted({j for key in keys for j in fulls.get(key, ())}):
                full = self.drafts[jdx]
                surname = full.type is ActorType.PERSON and full.name.split()[-1] == d.name
                surname = surname and self._same_gender(d, full)
                acronym = d.name.isupper() and lexicon.acronym(full.name) == d.name.replace(".", "")
                if surname or acronym:
                    full.mentions.extend(d.mentions)
                    full.titles.extend(t for t in d.titles if t not in full.titles)
                    for kind, n in d.votes.items():
                        full.votes[kind] = full.votes.get(kind, 0) + n
                    if d.name not in full.aliases:
                        full.aliases.append(d.name)
                    d.mentions = []
                    moved[idx] = jdx
                    break
        if moved:
            self.mentions = [(s, e, moved.get(i, i)) for s, e, i in self.mentions]


def _next_in_list(tokens: list[Token], lower: list[str], previous: int, first: int) -> bool:
    """The run at `first` follows the name ending at `previous` in a list: "A and B", "A (D-Mont.), B"."""
    between = lower[previous + 1 : first]
    return (
        0 < len(between) <= 8
        and between[-1] in ("and", ",")
        and all(
            not w[:1].isalpha() or w == "and" or tokens[previous + 1 + i].text[:1].isupper()
            for i, w in enumerate(between)
        )
    )


def _add_title_owner(builder: _Builder, run: list[Token], words: list[str], k: int) -> None:
    """The longest of the words before the title (k: the title's first word) that names a place or
    organisation the gazetteers know, or that ends in an organisation word ("Acme Robotics")."""
    owner_words = next((n for n in range(k - 1, 1, -1) if _is_org_word(words[n - 1])), 0)
    for n in range(min(k - 1, lexicon.longest_known_name()), owner_words, -1):
        owner = " ".join(words[:n])
        if owner in lexicon.places() or owner in lexicon.KNOWN_ORGS or owner in lexicon.STATE_ABBREVIATIONS:
            owner_words = n  # (a known name is a place or an organisation by its gazetteer)
            break
    if owner_words:
        owner = " ".join(words[:owner_words])
        kind = _structural_type(owner, words[:owner_words], False)
        builder.add(owner, kind, run[0].start, run[owner_words - 1].end, [], None)


def _sentence_openers(text: str, starts: list[int], paras: list[tuple[int, int]]) -> set[int]:
    """Offsets of the tokens (starts: theirs, in order) that open a sentence or paragraph, or
    follow an opening mark there."""
    opening = {s for s, _ in sentences(text)} | {s for s, _ in paras}
    return {s for s in opening if _is_start(starts, s)} | {
        s + 1 for s in opening if text[s] in '«“"„‘(' and _is_start(starts, s + 1)
    }


def _is_start(starts: list[int], offset: int) -> bool:
    """A token starts at offset."""
    k = bisect_left(starts, offset)
    return k < len(starts) and starts[k] == offset


# A name as the German evidence is asked about it: (name, its words, start, end, structural type).
# A plain tuple, like _NamedRun: one or two per run of capitalised words, and where every noun is
# capitalised most words open one.
_Candidate = tuple[str, list[str], int, int, ActorType | None]


def _by_german_evidence(
    found: _Candidate,
    german_names: names_de.GermanNames,
    run: list[Token],
    titles: list[str],
    openers: set[int],
    lower: list[str],
    at: int,
    builder: _Builder,
) -> _Candidate | None:
    """Where every noun is capitalised: the run cut to the name the evidence supports, or None
    when it names nothing; declined names in their base form (the inflected one an alias). `run`
    starts at the name's first word, token `at`."""
    name, name_words, name_start, end, structural = found
    trimmed, hint = german_names.trim(name_words, opener=name_start in openers)
    if trimmed != name_words:
        i = next(i for i in range(len(name_words)) if name_words[i : i + len(trimmed)] == trimmed)
        if i + len(trimmed) < len(run):
            end = run[i + len(trimmed) - 1].end
        name_words, name, name_start, at = trimmed, " ".join(trimmed), run[i].start, at + i
        if _not_a_name(name, name_words):
            return None
        structural = _structural_type(name, name_words, bool(titles))
    genitive = at > 0 and lower[at - 1] in ("des", "eines")
    if structural is None and genitive and len(name_words) == 1 and (stem := _genitive_body(name)):
        builder.alias(stem, name)
        name, name_words, structural = stem, [stem], ActorType.ORGANIZATION
    if not german_names.is_name(name_words, structural, titles, name_start in openers):
        return None
    guessed = structural or hint or german_names.guess_type(name_words, lower, at)
    base = german_names.genitive_of(name_words) or names_de.base_form(name, genitive)
    if base != name:
        builder.alias(base, name)
        name, name_words = base, base.split()
    return name, name_words, name_start, end, _structural_type(name, name_words, bool(titles)) or guessed


# German bodies whose name goes on with what they are for or of: "Bundesamt für Migration und
# Flüchtlinge", "Bundesministerium des Innern"
_COMPLEMENTED_BODIES = ("ministerium", "amt", "anstalt", "institut", "stiftung", "agentur", "zentrale", "behörde")
_MAX_COMPLEMENT = 5


def _body_complement(tokens: list[Token], lower: list[str], k: int, name: str) -> int:
    """The end of "für X (und Y)" (capitalised nouns, "und" between two of them) or, after a
    ministry, "des/der X" at token k after a German body's name (k itself when there is none)."""
    head = name.split()[-1].lower()
    if k + 1 >= len(tokens) or not head.endswith(_COMPLEMENTED_BODIES):
        return k
    if lower[k] in ("des", "der") and head in ("ministerium", "bundesministerium"):
        # "Bundesministerium des Innern", "der Justiz": one noun of its field, not a genitive of
        # whose ministry it is ("das Außenministerium der Vereinigten Staaten")
        word = tokens[k + 1]
        return k + 2 if word.is_capitalized and word.text.isalpha() and word.text not in lexicon.places() else k
    if lower[k] != "für":
        return k
    e = k + 1
    while e < len(tokens) and e - k <= _MAX_COMPLEMENT and tokens[e].start == tokens[e - 1].end + 1:
        if tokens[e].is_capitalized and tokens[e].text.isalpha():
            e += 1
        elif lower[e] == "und" and e + 1 < len(tokens) and tokens[e + 1].is_capitalized and e > k + 1:
            e += 1
        else:
            break
    return e if e > k + 1 and tokens[e - 1].is_capitalized else k


def _genitive_body(word: str) -> str:
    """The nominative of "des Finanzministeriums", "des Bundesverfassungsgerichtes": the genitive of
    one body's compound name ("" for any other word, and for a generic one: "des Gerichts")."""
    for cut in (2, 1):
        stem = word[:-cut]
        low = stem.lower()
        suffix = next((x for x in lexicon.ORG_SUFFIXES if low.endswith(x)), "")
        if word.endswith("es"[2 - cut :]) and len(low) > len(suffix) > 0 and not names_de.generic_org(stem):
            return stem  # (a compound: "des Ministeriums" alone names no one body)
    return ""


# What a run of capitalised words names, once its front and titles are cut: (run, base: the index
# of its first token, end, titles, k: the name's first word in the run, name_words, name_start,
# name, structural type). A plain tuple, not a NamedTuple, whose Python-level __new__ the compiled
# build (make wheel) would call once per run.
_NamedRun = tuple[list[Token], int, int, list[str], int, list[str], int, str, ActorType | None]


def _name_of_run(
    text: str,
    run: list[Token],
    base: int,
    lower: list[str],
    openers: set[int],
    lowercase_words: set[str],
    names: NameRules,
    builder: _Builder,
) -> _NamedRun | None:
    """A run cut to the name it holds (None: it names nothing): words in front that open a
    sentence or link, titles before the name (their owner added to builder). find_actors gives it
    runs of two or more tokens; _lone_word, which says the same of one, takes the others."""
    words = list(map(_TEXT, run))
    if _shouting(words):
        return None
    words[-1], end = _without_possessive(words[-1], run[-1].end)
    if len(run) > 2 and words[-1] in lexicon.POSTNOMINALS and _before_postnominal(words[-2]):
        run, words, end = run[:-1], words[:-1], run[-2].end  # "Neil Ford QC": the name is "Neil Ford"
    # openers and function words in front: "The", "When Clinton", "Like President Obama" (counted,
    # then cut once: a run of thousands of such words cut one at a time was quadratic)
    front = 0
    while (
        front < len(run)
        and (
            lower[base + front] in lexicon.NON_NAMES
            or run[front].text.lower() in _LINKS
            or (
                run[front].start in openers
                and len(run) - front > 1
                and run[front].text.lower() in lowercase_words
                and not lexicon.first_name_gender(run[front].text)
                and run[front].text not in lexicon.places()
            )
        )
        and not _article_of_a_name(run, front, openers, names)  # (asked last: it is rarely needed)
    ):
        front += 1
    if front:
        run, words, base = run[front:], words[front:], base + front
    if not run:
        return None
    titles, k = roles.leading_titles(words, names)
    name_words = words[k:]
    whole = " ".join(words)
    if whole in lexicon.KNOWN_ORGS or whole in lexicon.places():
        titles, k, name_words = [], 0, words
    if not name_words:
        return None
    if titles:  # a place or organisation in front of a title: "Indiana Gov. Mike Pence"
        _add_title_owner(builder, run, words, k)
    if titles and k < len(words) - 1 and words[k].lower() in _LINKS:
        # "CEO of Ohio Farmers United": what follows the title's "of" is its body, not a person
        # the title names (and no name opens with "of")
        while k < len(words) - 1 and words[k].lower() in _LINKS:
            k += 1
        titles, name_words = [], words[k:]
    name_start = run[k].start
    name = text[name_start:end] if len(name_words) == len(run) - k else " ".join(name_words)
    name = " ".join(name.split())
    if _not_a_name(name, name_words):
        return None
    structural = _structural_type(name, name_words, bool(titles))
    if (
        structural is None
        and not names.nouns_capitalised
        and name_start not in openers
        and _surname_person(name_words, lowercase_words)
    ):
        structural = ActorType.PERSON
    return run, base, end, titles, k, name_words, name_start, name, structural


def _lone_word(run: list[Token], base: int, lower: list[str]) -> _NamedRun | None:
    """_name_of_run of a run of one token (most runs), without its steps for several words: one
    word has no title before it and nothing to cut, and its name is the word."""
    if lower[base] in lexicon.NON_NAMES or lower[base] in _LINKS:
        return None  # "The", "But" opening a sentence
    name, end = _without_possessive(run[0].text, run[0].end)
    name_words = [name]
    if _not_a_name(name, name_words):
        return None
    return run, base, end, [], 0, name_words, run[0].start, name, _structural_type(name, name_words, False)


def _without_possessive(word: str, end: int) -> tuple[str, int]:
    """The word without a possessive ending ("Obama’s" -> "Obama") and where it then ends."""
    for suffix in _POSSESSIVE if word.endswith(_POSSESSIVE) else ():
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)], end - len(suffix)
    return word, end


def find_actors(
    text: str,
    tokens: list[Token] | None = None,
    language: str = "",
    names: NameRules | None = None,
    lower: list[str] | None = None,
    starts: list[int] | None = None,
) -> ActorIndex:
    """Untyped names come out as OTHER; extract() makes the ones that speak persons. names: the
    language's NameRules (extract() passes its language's), else those of `language`. lower and
    starts: the tokens' words in lower case and their starts (Doc.lower, Doc.starts), which saves
    computing them again."""
    names = names or name_rules(language)
    if tokens is None:
        (tokens, starts, _), lower = token_parts(text), None
    tokens, lower, starts = _merged_with_lower(tokens, text, lower, starts)
    # per-token passes as maps over builtins (a token's first character is text[start]); a run's
    # tokens are consecutive, so its first one's index (by bisection) gives the others'
    paras = paragraphs(text)
    openers = _sentence_openers(text, starts, paras)
    firsts = list(map(text.__getitem__, starts))
    lowercase_words = set(compress(lower, map(str.islower, firsts)))
    upper = list(map(str.isupper, firsts))
    # (capitalised and not a sentence's opener: True > False)
    mid_sentence_caps = {tokens[k].text for k in compress(range(len(upper)), upper) if starts[k] not in openers}
    skipped = [(s, e) for n, (s, e) in enumerate(paras) if _is_headline(text[s:e], n == 0 and len(paras) > 1)]
    skipped += [(m.start(), m.end()) for m in _PARTY_TAG.finditer(text)]
    # the tokens starting inside a skipped span, by index: one look-up per run instead of a scan of the spans
    in_skipped = {k for s, e in skipped for k in range(bisect_left(starts, s), bisect_left(starts, e))}
    hyphenated = tokens_with(text, tokens, starts, "-")
    runs = _Capitals(tokens, text, names, _name_tokens(tokens, upper, hyphenated), openers, lower).runs()
    shared: tuple[int, str] | None = None  # (last token, plural title) of the person before
    german_names = None
    if names.nouns_capitalised:
        german_names = names_de.GermanNames(tokens, lower, runs, [tokens[k] for k in hyphenated])
    builder = _Builder(text)
    defined = _Defined(tokens, text, starts, names)
    for run in runs:
        if defined.spans and defined.take(run, builder):
            continue
        base = bisect_left(starts, run[0].start)  # (run[n] is token base + n)
        if base in in_skipped and not _names_a_headline(text, run, skipped):
            continue
        named = (
            _lone_word(run, base, lower)
            if len(run) == 1
            else _name_of_run(text, run, base, lower, openers, lowercase_words, names, builder)
        )
        if named is None:
            continue
        run, base, end, titles, k, name_words, name_start, name, structural = named
        if (
            len(name_words) == 1
            and name_start in openers
            and name not in mid_sentence_caps
            and structural is None
            and not lexicon.first_name_gender(name)
            and not (german_names and name in german_names.bodies)  # "Airbus liefert …" beside "Airbus-Chef"
        ):
            continue  # a capitalised sentence opener seen nowhere else is an ordinary word
        if german_names:
            found = (name, name_words, name_start, end, structural)
            settled = _by_german_evidence(found, german_names, run[k:], titles, openers, lower, base + k, builder)
            if settled is None:
                continue
            name, name_words, name_start, end, structural = settled
        if german_names and structural is ActorType.ORGANIZATION and end == run[-1].end:
            next_k = base + len(run)
            after = _body_complement(tokens, lower, next_k, name)
            if after > next_k:
                end = tokens[after - 1].end
                name = f"{name} {' '.join(t.text for t in tokens[next_k:after])}"
                name_words = name.split()
        first, last = base, base + len(run) - 1
        if structural in (None, ActorType.PERSON):
            titles = roles.titles_around(tokens, lower, first, last, names, titles, openers)
            # "Presidential candidates Hillary Clinton and Donald Trump": a plural title is each one's
            if shared and _next_in_list(tokens, lower, shared[0], first):
                titles.append(shared[1])
            plural = [t for t in titles if roles.is_plural(t)]
            if structural is not ActorType.PERSON:
                titles = [t for t in titles if t not in plural]  # "candidates" alone does not make a person
            shared = (
                (last, plural[0])
                if plural
                else (shared if shared and _next_in_list(tokens, lower, shared[0], first) else None)
            )
        vote = _context_vote(tokens, lower, first, last)
        if names.nouns_capitalised and vote is ActorType.PLACE and len(name_words) == 1:
            vote = None  # "in Höhe von", "in diesem Zusammenhang": names_de.guess_type decides places
        builder.add(name, structural, name_start, end, titles, vote)
    defined.add_rest(builder)
    builder.promote_full_names()
    if names.role_descriptions:
        _add_descriptions(builder, tokens, lower)
    return _index(builder)


class _Defined:
    """The names that define an acronym ("Verband der Automobilindustrie (VDA)"): each is one actor,
    its acronym an alias of it wherever the text uses it, whatever the runs of capitalised words
    inside the name would have made of themselves."""

    def __init__(self, tokens: list[Token], text: str, starts: list[int], names: NameRules) -> None:
        self.text = text
        # German names are declined, and their compounds give an acronym letters from inside them
        self.declined = names.nouns_capitalised
        found = acronyms.definitions(tokens, text, starts, compounds=self.declined)
        self.spans = [(tokens[d.start].start, tokens[d.end - 1].end, d.acronym) for d in found]
        # the genitive article before a name says which form it is in
        self.genitive = [d.start > 0 and tokens[d.start - 1].text.lower() in ("des", "eines") for d in found]
        self.added: set[int] = set()
        self.next = 0  # the first span that does not end before the runs asked so far

    def take(self, run: list[Token], builder: _Builder) -> bool:
        """True when the run lies in a defining name (which is then added, once). Runs are asked in
        text order, so the spans before a run are passed once, not scanned again for each run."""
        while self.next < len(self.spans) and self.spans[self.next][1] <= run[0].start:
            self.next += 1
        if self.next < len(self.spans) and self.spans[self.next][0] < run[-1].end:
            self._add(self.next, builder)
            return True
        return False

    def add_rest(self, builder: _Builder) -> None:
        for n in range(len(self.spans)):
            self._add(n, builder)

    def _add(self, n: int, builder: _Builder) -> None:
        if n in self.added:
            return
        self.added.add(n)
        start, end, acronym = self.spans[n]
        name = " ".join(self.text[start:end].split())
        if self.declined and (base := names_de.base_form(name, self.genitive[n])) != name:
            builder.alias(base, name)
            name = base
        words = name.split()
        # a body or a place: a person is rarely given an acronym, and "Young Americans for Freedom" or
        # "Robert Koch-Institut" are none
        kind = ActorType.PLACE if _structural_type(name, words, False) is ActorType.PLACE else ActorType.ORGANIZATION
        builder.add(name, kind, start, end, [], None)
        builder.by_name[acronym] = builder.mentions[-1][2]


_DESCRIPTION_REACH = 400  # characters back to the person a definite description refers to


def _add_descriptions(builder: _Builder, tokens: list[Token], lower: list[str]) -> None:
    """ "The Democratic presidential nominee says …": a definite description names the role of
    the person mentioned last before it (news refers back to people this way)."""
    people = {i for i, d in enumerate(builder.drafts) if d.mentions and _final_type(d) is ActorType.PERSON}
    persons = sorted((e, i) for _, e, i in builder.mentions if i in people)
    if not persons:
        return
    keys = [e for e, _ in persons]
    for k, phrase in roles.descriptions(tokens, lower):
        at = tokens[k].start
        hi = bisect_right(keys, at)
        lo = bisect_right(keys, at - _DESCRIPTION_REACH)
        if hi == lo:
            continue
        # of the persons just mentioned, the article's main one ("The nominee said" after a
        # bystander's name still means the candidate the story is about)
        near = {persons[j][1] for j in range(lo, hi)}
        draft = builder.drafts[max(near, key=lambda i: len(builder.drafts[i].mentions))]
        if phrase not in draft.titles:
            draft.titles.append(phrase)


def _final_type(d: _Draft) -> ActorType:
    if d.type is not None:
        return d.type
    if d.titles or any(len(a.split()) >= 2 and lexicon.first_name_gender(a.split()[0]) for a in d.aliases):
        return ActorType.PERSON
    if d.votes:
        kind, count = max(d.votes.items(), key=itemgetter(1))  # the first of the most voted
        if count * 2 > sum(d.votes.values()) or len(d.votes) == 1:
            return kind
    return ActorType.OTHER


def _fullest(d: _Draft) -> str:
    """A person's fullest name: the most words, then the longest, not a genitive of another of
    their names ("Barack Obamas" beside "Barack Obama")."""
    names = [d.name, *d.aliases]
    plain = [n for n in names if not (n.endswith("s") and n[:-1] in names)]
    return max(plain or names, key=lambda n: (len(n.split()), len(n)))


def _index(builder: _Builder) -> ActorIndex:
    actors: list[Actor] = []
    remap: dict[int, int] = {}
    for idx, d in enumerate(builder.drafts):
        if not d.mentions:
            continue
        kind = _final_type(d)
        name = _fullest(d) if kind is ActorType.PERSON else d.name
        aliases = tuple(a for a in (d.name, *d.aliases) if a != name)
        remap[idx] = len(actors)
        actors.append(
            Actor(
                name,
                kind,
                tuple(roles.merge_titles(d.titles)) if kind is ActorType.PERSON else (),
                aliases,
                tuple(sorted(d.mentions, key=_MENTION_START)),
                _gender(d, kind),
            )
        )
    mentions = tuple(sorted((s, e, remap[i]) for s, e, i in builder.mentions if i in remap))
    return ActorIndex(tuple(actors), mentions)


def _gender(d: _Draft, kind: ActorType) -> str:
    if kind is not ActorType.PERSON:
        return ""
    for title in d.titles:
        for word in title.lower().split():
            if word in roles.TITLE_GENDER:
                return roles.TITLE_GENDER[word]
    words = d.name.split()
    g = lexicon.first_name_gender(words[0]) if len(words) > 1 else ""
    return g if g in ("m", "f") else _surname_gender(words[-1])
