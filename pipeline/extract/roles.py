"""Titles and roles of persons: split off the front of a name ("Secretary of State John Kerry",
"Finanzminister Thomas Berger") or found beside it ("actress Kamala Lopez", "Michael McFaul, a
senior fellow at …"). Honorifics (Mr., Frau) separate a name but are not titles."""

from __future__ import annotations

from pipeline.extract import lexicon
from pipeline.extract.text import Token

TITLE_WORDS = lexicon.TITLE_WORDS
HONORIFICS = frozenset("mr. mr mrs. mrs ms. ms miss herr frau monsieur madame mme. m. sir dame".split())
# Role nouns: the head of a title.
HEADS = frozenset(
    """president minister secretary senator sen. sen rep. rep representative gov. gov governor mayor chancellor
    dr. dr general gen. lt. col. colonel sgt. capt. captain major judge justice speaker chairman chairwoman chair
    chairperson ceo cfo coo cto director chief ambassador attorney pope king queen prince princess sheikh
    ayatollah spokesman spokeswoman spokesperson leader commissioner deputy professor prof. rev. reverend lord
    lady candidate nominee premier congressman congresswoman councilman councilwoman councillor councilor
    sheriff adviser advisor aide host anchor founder co-founder executive owner editor columnist correspondent
    reporter writer author analyst economist strategist consultant official officer lawyer prosecutor
    actress actor activist singer rapper comedian billionaire businessman businesswoman entrepreneur investor
    lawmaker legislator politician fellow researcher scientist historian physician surgeon doctor pastor
    priest bishop cardinal rabbi imam coach manager head envoy diplomat commander admiral soldier veteran
    personality chairman partner economist pollster organizer spokesman treasurer delegate mogul tycoon
    star player striker goalkeeper president-elect vice-president whip emir monarch dictator member musician
    scholar moderator nurse commentator
    bundeskanzler bundeskanzlerin kanzler kanzlerin ministerin präsident präsidentin bundespräsident
    innenminister innenministerin außenminister außenministerin ministerpräsident bürgermeister bürgermeisterin
    ministre président présidente maire député députée sénateur porte-parole
    министр президент премьер-министр мэр губернатор депутат сенатор глава пресс-секретарь""".split()
)
_MODIFIERS = frozenset(
    """vice prime foreign former acting deputy assistant state defense defence interior finance health national
    security economic white house press senior majority minority first interim presidential democratic
    republican homeland justice energy education labor commerce transportation treasury agriculture
    executive managing general associate chief top supreme federal regional district circuit county city
    campaign communications policy political legal""".split()
)
_TITLE_LINKS = frozenset({"of", "the", "for", "and"})
# German role nouns end in these (compounds included: "Bundesaußenminister", "Grünen-Politikerin").
_HEADS_DE = (
    "minister ministerin politiker politikerin präsident präsidentin kanzler kanzlerin chef chefin sprecher "
    "sprecherin vorsitzende vorsitzender leiter leiterin direktor direktorin abgeordnete abgeordneter "
    "trainer trainerin sekretär sekretärin bürgermeister bürgermeisterin berater beraterin experte expertin "
    "richter richterin anwalt anwältin professor professorin autor autorin reporter reporterin korrespondent "
    "korrespondentin botschafter botschafterin kommissar kommissarin senator senatorin gouverneur "
    "gouverneurin könig königin prinz prinzessin papst bischof pfarrer spieler spielerin stürmer torhüter "
    "schauspieler schauspielerin sänger sängerin musiker musikerin regisseur regisseurin gründer gründerin "
    "manager managerin unternehmer unternehmerin ökonom ökonomin forscher forscherin wissenschaftler "
    "wissenschaftlerin historiker historikerin kandidat kandidatin sprecher funktionär funktionärin "
    "general generalsekretär staatssekretär oberbürgermeister landrat landrätin chefredakteur intendant "
    "intendantin vorstand aktivist aktivistin analyst analystin"
).split()
_HEADS_DE_T = tuple(_HEADS_DE)
TITLE_GENDER = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "herr": "m",
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


def is_head(word: str, german: bool = False) -> bool:
    w = word.lower()
    if w in HEADS:
        return True
    if not german or len(w) <= 4:
        return False
    # inflected forms too: "des Premierministers", "den Abgeordneten"
    return w.endswith(_HEADS_DE_T) or w.rstrip("sn").endswith(_HEADS_DE_T)


def _is_title_word(word: str, german: bool) -> bool:
    w = word.lower()
    return is_head(w, german) or w in _MODIFIERS or w in HONORIFICS or lexicon.is_demonym(w) or w in TITLE_WORDS


def leading_titles(words: list[str], german: bool = False) -> tuple[list[str], int]:
    """(titles, number of leading words that are titles or honorifics) of a capitalised run."""
    stop = 0
    while stop < len(words) - 1 and (
        _is_title_word(words[stop], german) or (words[stop].lower() in _TITLE_LINKS and stop > 0)
    ):
        stop += 1
    cut = 0
    for k in range(stop):
        w = words[k].lower()
        if is_head(w, german) or w in HONORIFICS:
            cut = k + 1
        elif k >= 2 and words[k - 1].lower() == "of" and is_head(words[k - 2], german):
            cut = k + 1  # "Secretary of State", "Minister of Defense"
    # an organisation in front of the title: "Authority Chair Margaret Osei"
    for j in range(len(words) - 2, cut - 1, -1):
        if _is_title_word(words[j], german) and lexicon.first_name_gender(words[j + 1]):
            cut = j + 1
            break
    if cut == 0:
        return [], 0
    title = [w for w in words[:cut] if w.lower() not in HONORIFICS]
    return ([" ".join(title)] if title else []), cut


# Words that end a role phrase read leftwards or rightwards from a name.
_STOP = frozenset(
    """the a an his her their its our my your this that these those and or but nor to of in on at for with by
    from as into about after before than then who whom which whose what when where while is was were are be
    been has have had will would can could should may might must not no also said says told say tell asked
    according like including among between against during under over he she they it we i you him them
    der die das den dem des ein eine einer einem einen und oder von vom zu zum zur im in am mit für bei nach
    sagte sagt erklärte""".split()
)
_MAX_TITLE_WORDS = 6


def _title_word(tok: Token, word: str, german: bool) -> bool:
    """A word that may stand in a role phrase: not a function word, a verb form or an adverb."""
    if not tok.text[:1].isalpha() or word in _STOP or word in lexicon.CUE_VERBS_EN or word in lexicon.NON_NAMES:
        return False
    if tok.text.endswith(("’s", "'s")):
        return False
    if tok.text[:1].islower() and not german:
        return is_head(word) or word in _MODIFIERS or not (word.endswith(("ed", "ly", "ing")) and len(word) > 4)
    return True


def _phrase_before(tokens: list[Token], lower: list[str], first: int, german: bool, titled: bool) -> str:
    """ "Democratic presidential nominee Hillary Clinton", "Wells Fargo board member Elaine Chao":
    the words before a name, read leftwards while they can be part of a title, ending in a role noun
    (or followed by the run's own title: "former" + "Secretary of State")."""
    k = first - 1
    if k < 0 or tokens[first].start - tokens[k].end > 1 or not _title_word(tokens[k], lower[k], german):
        return ""
    if not titled and not is_head(lower[k], german):
        return ""
    if german:  # German titles are one compound noun ("Finanzminister"): no phrase to extend
        return "" if titled else tokens[k].text
    while (
        k - 1 >= 0
        and first - k < _MAX_TITLE_WORDS
        and tokens[k].start - tokens[k - 1].end <= 1
        and _title_word(tokens[k - 1], lower[k - 1], german)
    ):
        k -= 1
    return " ".join(t.text for t in tokens[k:first])


def _appositive(tokens: list[Token], lower: list[str], last: int, german: bool) -> str:
    """ "Michael McFaul, a senior fellow at …", "Tim Cook, Apple's chief executive": the role noun
    phrase after a comma, up to its head."""
    k = last + 1
    if k + 1 >= len(tokens) or tokens[k].text != ",":
        return ""
    k += 1
    if lower[k] in ("a", "an", "the", "ein", "eine", "der", "die"):
        k += 1
    if k < len(tokens) and tokens[k].text.endswith(("’s", "'s")):
        k += 1  # the owner is not part of the title: "Apple's chief executive"
    words: list[str] = []
    while k < len(tokens) and len(words) < _MAX_TITLE_WORDS and _title_word(tokens[k], lower[k], german):
        words.append(tokens[k].text)
        if is_head(lower[k], german) and not (k + 1 < len(tokens) and is_head(lower[k + 1], german)):
            return " ".join(words)
        k += 1
    return ""


def titles_around(
    tokens: list[Token], lower: list[str], first: int, last: int, german: bool, leading: list[str]
) -> list[str]:
    """A person's titles: the run's own leading title extended leftwards ("former" + "Secretary of
    State"), or a role phrase before the run, and an appositive after the name. `first` is the
    run's first token, `last` the name's last."""
    before = _phrase_before(tokens, lower, first, german, bool(leading))
    if leading:
        titles = [f"{before} {leading[0]}" if before else leading[0], *leading[1:]]
    else:
        titles = [before] if before else []
    return [t for t in (*titles, _appositive(tokens, lower, last, german)) if t]


def merge_titles(titles: list[str]) -> list[str]:
    """Distinct titles, a title that ends a longer one dropped ("CEO" beside "Wells Fargo CEO")."""
    out: list[str] = []
    for t in titles:
        if t and t not in out:
            out.append(t)
    low = [f" {t.lower()}" for t in out]
    return [t for t, lt in zip(out, low, strict=True) if not any(o != lt and o.endswith(lt) for o in low)]
