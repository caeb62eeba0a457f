"""Titles and roles of persons: split off the front of a name ("Secretary of State John Kerry",
"Finanzminister Thomas Berger") or found beside it ("actress Kamala Lopez", "Michael McFaul, a
senior fellow at …"). Honorifics (Mr., Frau) separate a name but are not titles."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import compress

from pipeline.extract import lexicon
from pipeline.extract.lang.names import ENGLISH, NameRules
from pipeline.extract.text import Token

TITLE_WORDS: frozenset[str] = lexicon.TITLE_WORDS
HONORIFICS = frozenset("mr. mr mrs. mrs ms. ms miss herr herrn frau monsieur madame mme. m. sir dame".split())
# Role nouns: the head of a title.
HEADS = frozenset(
    """president minister secretary senator sen. sen rep. rep representative gov. gov governor mayor chancellor
    dr. dr general gen. lt. col. colonel sgt. capt. captain major judge justice speaker chairman chairwoman chair
    chairperson ceo cfo coo cto director chief ambassador attorney pope king queen prince princess sheikh
    ayatollah spokesman spokeswoman spokesperson leader commissioner deputy professor prof. prof rev. reverend lord
    lady candidate nominee premier congressman congresswoman councilman councilwoman councillor councilor
    sheriff adviser advisor aide host anchor founder co-founder executive owner editor columnist correspondent
    reporter writer author analyst economist strategist consultant official officer lawyer prosecutor
    actress actor activist singer rapper comedian billionaire businessman businesswoman entrepreneur investor
    lawmaker legislator politician fellow researcher scientist historian physician surgeon doctor pastor
    priest bishop cardinal rabbi imam coach manager head envoy diplomat commander admiral soldier veteran
    personality chairman partner economist pollster organizer spokesman treasurer delegate mogul tycoon
    mp mep msp star player striker goalkeeper president-elect vice-president whip emir monarch dictator member musician
    scholar moderator nurse commentator celebrity salesman saleswoman playwright mogul icon winner laureate
    counselor counsellor physician surgeon
    gastroenterologist cardiologist psychiatrist psychologist therapist dentist pharmacist engineer architect
    designer artist painter sculptor photographer filmmaker director producer composer poet novelist journalist
    blogger broadcaster presenter podcaster pundit critic activist campaigner advocate organizer organiser
    volunteer worker employee staffer intern student teacher principal dean provost rector chancellor lecturer
    instructor trainer athlete quarterback pitcher coach referee champion boxer runner swimmer cyclist driver
    pilot captain sergeant lieutenant corporal private officer detective inspector constable marshal ranger
    firefighter paramedic farmer rancher fisherman miner banker trader broker accountant auditor economist
    lobbyist donor fundraiser philanthropist heir heiress magnate baron entrepreneur chef owner landlord tenant
    resident citizen voter survivor victim witness suspect defendant plaintiff litigant juror attorney-general
    solicitor barrister notary clerk registrar governor-general viceroy regent ambassador-designate nominee-designate
    secretary-general director-general solicitor-general surgeon-general inspector-general auditor-general
    strategist pollster speechwriter spokesperson negotiator mediator envoy emissary observer inspector analyst
    researcher scientist physicist chemist biologist geologist astronomer mathematician statistician historian
    archaeologist anthropologist sociologist philosopher theologian cleric preacher minister missionary monk nun
    entertainer comedian musician guitarist drummer vocalist rapper dj actor actress model dancer
    bundeskanzler bundeskanzlerin kanzler kanzlerin ministerin präsident präsidentin bundespräsident
    innenminister innenministerin außenminister außenministerin ministerpräsident bürgermeister bürgermeisterin
    ministre président présidente maire député députée sénateur porte-parole
    министр президент премьер-министр мэр губернатор депутат сенатор глава пресс-секретарь""".split()
)
MODIFIERS = frozenset(
    """vice prime foreign former acting deputy assistant state defense defence interior finance health national
    security economic white house press senior majority minority first interim presidential democratic
    republican homeland justice energy education labor commerce transportation treasury agriculture
    executive managing general associate chief top supreme federal regional district circuit county city
    campaign communications policy political legal""".split()
)
_TITLE_LINKS = frozenset({"of", "the", "for", "and"})
_PLURAL_ABBREVIATIONS = frozenset({"sens.", "reps.", "govs.", "drs.", "mps", "meps", "msps"})


def is_plural(title: str) -> bool:
    """ "presidential candidates", "Sens.": a title shared by the names that follow it."""
    head = title.split()[-1].lower()
    return head in _PLURAL_ABBREVIATIONS or (head.endswith("s") and head[:-1] in HEADS)


TITLE_GENDER = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "herr": "m",
    "herrn": "m",  # German's dative and accusative: "von Herrn Berg"
    "frau": "f",
    "spokesman": "m",
    "spokeswoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "sir": "m",
    "lady": "f",
    "dame": "f",
    "lord": "m",
    "chairman": "m",
    "chairwoman": "f",
    "councilman": "m",
    "councilwoman": "f",
    "actress": "f",
    "businessman": "m",
    "businesswoman": "f",
}


PREFIXES = ("then-", "ex-", "former-", "acting-")


@lru_cache(maxsize=65536)  # a function of the word: asked for every word near every name
def is_head(word: str, names: NameRules = ENGLISH) -> bool:
    w = word.lower()
    if w.startswith(PREFIXES):
        w = w.split("-", 1)[1]  # "then-Secretary", "ex-President"
    if w in HEADS or w in _PLURAL_ABBREVIATIONS:
        return True
    if not names.compound_titles:
        return len(w) > 4 and w.endswith("s") and w[:-1] in HEADS  # "presidential candidates"
    if len(w) <= 4:
        return False
    # inflected forms too: "des Premierministers", "den Abgeordneten"
    ends = names.role_head_endings
    return w.endswith(ends) or w.rstrip("sn").endswith(ends)


@lru_cache(maxsize=65536)
def _is_title_word(word: str, names: NameRules) -> bool:
    w = word.lower()
    return is_head(w, names) or w in MODIFIERS or w in HONORIFICS or lexicon.is_demonym(w) or w in TITLE_WORDS


def leading_titles(words: list[str], names: NameRules = ENGLISH) -> tuple[list[str], int]:
    """(titles, number of leading words that are titles or honorifics) of a capitalised run."""
    titles, cut = _leading_titles(tuple(words), names)
    return list(titles), cut


def _two_name_words(words: tuple[str, ...], names: NameRules) -> bool:
    """Two words that may be a person's given name and surname: capitalised, neither a title, a
    body's word nor a function word ("Equal Justice Under Law")."""
    return all(
        w[:1].isupper()
        and w.isalpha()
        and not _is_title_word(w, names)
        and w.lower() not in lexicon.ORG_WORDS
        and w.lower() not in lexicon.NON_NAMES
        for w in words
    )


def _office_before_name(words: tuple[str, ...], k: int, names: NameRules) -> bool:
    """words[k] completes a title "head of X" and a person's name follows it: a first name, or the
    two words that end the run ("Chief of Staff Ann Lee", "Secretary of Energy Tom Reyes"); else X
    may open the name of the body the title belongs to ("CEO of Acme Corp")."""
    if k < 2 or words[k - 1].lower() != "of" or not is_head(words[k - 2], names):
        return False
    rest = words[k + 1 :]
    return bool(lexicon.first_name_gender(rest[0])) or (len(rest) == 2 and _two_name_words(rest, names))


@lru_cache(maxsize=16384)  # a function of the run's words, and names recur within and across articles
def _leading_titles(words: tuple[str, ...], names: NameRules) -> tuple[tuple[str, ...], int]:
    stop = 0
    while stop < len(words) - 1 and (
        _is_title_word(words[stop], names)
        or (words[stop].lower() in _TITLE_LINKS and stop > 0)
        or _office_before_name(words, stop, names)
    ):
        stop += 1
    cut = 0
    for k in range(stop):
        w = words[k].lower()
        if is_head(w, names) or w in HONORIFICS:
            cut = k + 1
        elif k >= 2 and words[k - 1].lower() == "of" and is_head(words[k - 2], names):
            cut = k + 1  # "Secretary of State", "Minister of Defense"
    # an organisation in front of the title: "Authority Chair Margaret Osei"
    for j in range(len(words) - 2, cut - 1, -1):
        if _is_title_word(words[j], names) and lexicon.first_name_gender(words[j + 1]):
            cut = j + 1
            break
        if j == len(words) - 3 and is_head(words[j], names) and _two_name_words(words[j + 1 :], names):
            cut = j + 1  # "… Committee Research Director Raj Shah": a head, then a name of two words
            break
    if cut == 0 or (cut < len(words) and words[cut].lower() in lexicon.ORG_WORDS):
        return (), 0  # (no person's name opens with "Union": "Teachers Union" is a body's name)
    title = [w for w in words[:cut] if w.lower() not in HONORIFICS]
    return ((" ".join(title),) if title else ()), cut


# Words that end a role phrase read leftwards or rightwards from a name.
_STOP = frozenset(
    """the a an his her their its our my your this that these those and or but nor to of in on at for with by
    from as into about after before than then who whom which whose what when where while is was were are be
    been has have had will would can could should may might must not no also said says told say tell asked
    according like including among between against during under over he she they it we i you him them
    alongside behind beside toward towards via per amid despite near next
    der die das den dem des ein eine einer einem einen und oder von vom zu zum zur im in am mit für bei nach
    sagte sagt erklärte""".split()
)
_MAX_TITLE_WORDS = 6


def _title_word(tok: Token, word: str, names: NameRules) -> bool:
    """A word that may stand in a role phrase: not a function word, a verb form or an adverb
    (word: the token's text in lower case)."""
    return _title_word_of(tok.text, word, names.nouns_capitalised)


@lru_cache(maxsize=65536)  # a function of the word, asked for the words around every name and "the"
def _title_word_of(text: str, word: str, nouns_capitalised: bool) -> bool:
    if not text[:1].isalpha() or word in _STOP or word in lexicon.CUE_VERBS_EN:
        return False
    if word in lexicon.NON_NAMES and word not in MODIFIERS:
        return False
    if text.endswith(("’s", "'s")):
        return False
    if text[:1].islower() and not nouns_capitalised:
        if is_head(word) or word in MODIFIERS or lexicon.is_demonym(word):
            return True
        # a qualifying noun ("tax commissioner", "climate envoy"), not a verb ("met", "calls", "defeated")
        return (
            len(word) >= 4
            and not word.endswith(("ed", "ly", "ing"))
            and not (word.endswith("s") and not word.endswith("ss"))
        )
    return True


def _phrase_before(
    tokens: list[Token], lower: list[str], first: int, names: NameRules, titled: bool, openers: AbstractSet[int]
) -> list[str]:
    """ "Democratic presidential nominee Hillary Clinton", "the actress and activist Kamala Lopez",
    "his senior climate adviser, Brian Deese": the words before a name, read leftwards while they
    can be part of a title, ending in a role noun (or followed by the run's own title: "former" +
    "Secretary of State"); heads joined by "and" are separate titles."""
    end = first
    if not titled and end >= 2 and tokens[end - 1].text == "," and is_head(lower[end - 2], names):
        end -= 1  # a title set off by a comma before the name
    k = end - 1
    if k < 0 or tokens[first].start - tokens[first - 1].end > 1 or not _title_word(tokens[k], lower[k], names):
        return []
    if not titled and not is_head(lower[k], names):
        return []
    if names.compound_titles:  # one compound noun ("Finanzminister"): no phrase to extend
        return [] if titled else [tokens[k].text]
    titles: list[str] = []
    while (
        k - 1 >= 0
        and end - k < _MAX_TITLE_WORDS
        and tokens[k].start - tokens[k - 1].end <= 1
        and (
            tokens[k - 1].start not in openers
            or _is_title_word(tokens[k - 1].text, names)
            or tokens[k - 1].text in lexicon.places()  # "Iraq War veteran Tom Young" opens a sentence
        )
    ):
        if _title_word(tokens[k - 1], lower[k - 1], names):
            k -= 1
        elif lower[k - 1] == "and" and k >= 2 and is_head(lower[k - 2], names):
            titles.append(" ".join(t.text for t in tokens[k:end]))  # "actress and activist"
            end = k - 1
            k -= 2
        else:
            break
    owner = k > 0 and (lower[k - 1] in _DETERMINERS_POSSESSIVES or tokens[k - 1].text.endswith(("’s", "'s")))
    if end != first and not owner:
        return titles  # "..., NAME" is a title only after "the"/"his"/"Apple's": "his senior adviser, Brian"
    return [*titles, " ".join(t.text for t in tokens[k:end])]


_COPULAS = frozenset("is was remains became becomes".split())
_APPOSITIVE_LEAD = frozenset("who is was served as now also then currently still".split())
_DETERMINERS_POSSESSIVES = frozenset("the a an his her their its our my your another".split())


def _appositive(tokens: list[Token], lower: list[str], last: int, names: NameRules) -> str:
    """ "Michael McFaul, a senior fellow at …", "Tim Cook, Apple's chief executive": the role noun
    phrase after a comma, up to its head."""
    k = last + 1
    if k + 1 >= len(tokens):
        return ""
    if lower[k] == "of" and k + 2 < len(tokens) and tokens[k + 1].text in lexicon.places():
        k += 2  # "Mitch McConnell of Kentucky, the majority leader"
    if tokens[k].text == ",":
        k += 1
    elif lower[k] not in _COPULAS:  # "Aaron Kall is director of debate at …"
        return ""
    # "…, who is now secretary of state", "…, who served as U.S. ambassador", "…, now the leader"
    while k < len(tokens) and lower[k] in _APPOSITIVE_LEAD:
        k += 1
    if k < len(tokens) and lower[k] in ("a", "an", "the", "his", "her", "their", "ein", "eine", "der", "die"):
        k += 1
    if k < len(tokens) and tokens[k].text.endswith(("’s", "'s")):
        k += 1  # the owner is not part of the title: "Apple's chief executive"
    words: list[str] = []
    while k < len(tokens) and len(words) < _MAX_TITLE_WORDS and _title_word(tokens[k], lower[k], names):
        words.append(tokens[k].text)
        if is_head(lower[k], names) and not (k + 1 < len(tokens) and is_head(lower[k + 1], names)):
            return " ".join(words + _complement(tokens, lower, k + 1, names))
        k += 1
    return ""


def _complement(tokens: list[Token], lower: list[str], k: int, names: NameRules) -> list[str]:
    """ "of state", "to Russia", "of surgery" after a role noun, up to two words, no article."""
    if names.compound_titles or k + 1 >= len(tokens) or lower[k] not in ("of", "to", "for"):
        return []
    out = [tokens[k].text]
    j = k + 1
    if j < len(tokens) and tokens[j].text in lexicon.places():
        out.append(tokens[j].text)  # "governor of Virginia", "ambassador to Russia"
        j += 1
    while j < len(tokens) and len(out) < 3 and tokens[j].text[:1].islower() and lower[j] not in _STOP:
        out.append(tokens[j].text)
        j += 1
    ends = j >= len(tokens) or not tokens[j].text[:1].isalpha() or lower[j] in _STOP
    return out if len(out) > 1 and ends else []


def titles_around(
    tokens: list[Token],
    lower: list[str],
    first: int,
    last: int,
    names: NameRules,
    leading: list[str],
    openers: AbstractSet[int] = frozenset(),
) -> list[str]:
    """A person's titles: the run's own leading title extended leftwards ("former" + "Secretary of
    State"), or a role phrase before the run, and an appositive after the name. `first` is the
    run's first token, `last` the name's last."""
    found = _phrase_before(tokens, lower, first, names, bool(leading), openers)
    before = found[-1] if found else ""
    if leading and before and " " not in leading[0] and leading[0].endswith("."):
        titles = [*found, *leading]  # "former presidential candidate" and "Sen." are two titles
    elif leading:
        titles = [*found[:-1], f"{before} {leading[0]}" if before else leading[0], *leading[1:]]
    else:
        titles = found
    return [t for t in (*titles, _appositive(tokens, lower, last, names)) if t]


def merge_titles(titles: list[str]) -> list[str]:
    """Distinct titles, a title that ends a longer one dropped ("CEO" beside "Wells Fargo CEO")."""
    out: list[str] = []
    for t in titles:
        if t and t not in out:
            out.append(t)
    low = [f" {t.lower()}" for t in out]
    return [t for t, lt in zip(out, low, strict=True) if not any(o != lt and o.endswith(lt) for o in low)]


def descriptions(tokens: list[Token], lower: list[str]) -> list[tuple[int, str]]:
    """(token index, role phrase) for the roles a text gives a person without naming them there:
    "The Republican nominee also outlined …", "as governor of Virginia he …", "he's a salesman".
    A phrase in front of a name, or followed by "of"/"'s" (someone else's role), does not count."""
    out: list[tuple[int, str]] = []
    n = len(tokens)
    openers = _DESCRIPTION_OPENERS
    for k in compress(range(n - 1), map(openers.__contains__, lower)):
        word = lower[k]
        if word == "the":
            start, bare_ok = k + 1, False  # a bare "the president" is too vague to attach
        elif word == "as" or word in _PRONOUN_COPULAS or (word in ("he", "she") and lower[k + 1] in _COPULAS):
            start = k + 1 if word == "as" or word in _PRONOUN_COPULAS else k + 2
            if start < n and lower[start] in ("a", "an", "the"):
                start += 1
            bare_ok = True
        else:
            continue
        j = start
        while j < n and j - start < _MAX_TITLE_WORDS and _title_word(tokens[j], lower[j], ENGLISH):
            if is_head(lower[j]) and lower[j] not in _VAGUE_HEADS:
                after = lower[j + 1] if j + 1 < n else ""
                nxt = tokens[j + 1].text if j + 1 < n else ""
                complement = _complement(tokens, lower, j + 1, ENGLISH) if bare_ok else []
                after2 = lower[j + 2] if j + 2 < n else ""
                continues = (after == "to" and after2 in ("be", "have", "take", "make")) or (
                    after == "and" and after2 in _DETERMINERS_POSSESSIVES
                )  # "the nominee to be taken …", "the businessman and his companies"
                if (
                    not complement
                    and not continues
                    and (is_head(after) or after in ("of", "for", "to", "and", "’s", "'s") or nxt[:1].isupper())
                ):
                    break
                if j > start or bare_ok:
                    out.append((k, " ".join([*(t.text for t in tokens[start : j + 1]), *complement])))
                break
            j += 1
    return out


_PRONOUN_COPULAS = frozenset({"he's", "she's", "he’s", "she’s"})
_DESCRIPTION_OPENERS = _PRONOUN_COPULAS | {"the", "as", "he", "she"}  # the words a description follows
_VAGUE_HEADS = frozenset("member head star player owner resident citizen voter worker employee".split())
