"""Word lists the shared rules rely on, kept as data apart from the rules. A language's own words
are in its module (pipeline/extract/lang/); those the shared rules know too are joined here from
the modules lang.SHARED_WORDS names, so adding a language or a cue verb touches neither this file
nor the matching code."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from pipeline.extract.lang import SHARED_WORDS

_DATA = Path(__file__).with_name("data")


def _forms(lemmas: str, gerund: bool = True) -> set[str]:
    """Regular English inflections of each verb lemma ("say|said" lists irregular forms explicitly)."""
    out: set[str] = set()
    for spec in lemmas.split():
        base, *irregular = spec.split("|")
        out.add(base)
        out.update(irregular)
        stem = base[:-1] if base.endswith("e") else base
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            out.update({base[:-1] + "ies", base[:-1] + "ied"} | ({base + "ing"} if gerund else set()))
        else:
            if base in _DOUBLED:  # "admitted", "slammed", "planning"
                stem = base + base[-1]
            out.update({base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed"})
            if gerund:
                out.add(stem + "ing")
    return out


# Verbs that double their final consonant before -ed and -ing (a stressed final syllable).
_DOUBLED = frozenset("admit quip brag snap rebut concur slam plan".split())


# Verbs of saying: any form, including the gerund ("…, saying that …").
_SPEECH = (
    "say|said tell|told add state remark comment stress claim note explain insist argue declare announce "
    "warn write|wrote|written ask reply respond answer conclude acknowledge admit assert recall suggest "
    "emphasize emphasise observe predict promise report reiterate repeat tweet concede confirm deny "
    "complain joke quip boast vow urge caution contend maintain mention recount shout yell scream "
    "whisper cry|cried testify|testified allege counter retort lament muse elaborate demand proclaim "
    "affirm charge accuse speak|spoke|spoken estimate pledge reason hint disclose reveal interject call "
    "describe dismiss label brand term welcome criticize criticise praise scold blast slam exclaim "
    "recommend advise concur stipulate assure brag chide clarify decry grumble instruct lash mock murmur "
    "opine plead posit protest query rebut remind rule scoff sneer snap stammer tout continue "
    "characterize characterise attack rate defend chant sing|sang|sung recite quote cite object question "
    "summarize summarise counsel lecture preach pronounce inform notify relate exhort implore beg|begged "
    "testify outline sigh laugh"
)
# Verbs of thinking, knowing and showing: reported beliefs and findings, but their -ing forms are
# mostly not attributions ("feeling better", "showing up").
_COGNITION = (
    "believe think|thought feel|felt worry|worried wonder hope fear expect know|knew|known find|found "
    "show|showed|shown indicate signal learn|learnt agree disagree doubt acknowledge conclude determine "
    "estimate forecast project reckon suspect understand|understood insist affirm reaffirm"
)
CUE_VERBS_EN = frozenset(_forms(_SPEECH) | _forms(_COGNITION, gerund=False))
# -s forms that are as often plural nouns ("his tweets", "the reports"): cues only after a name or pronoun.
# Things whose findings are reported like speech: "the poll showed Trump losing supporters".
RECORD_NOUNS = frozenset(
    "poll polls survey surveys study studies data records report reports analysis review footage photos "
    "video videos emails documents figures numbers results research filings audit".split()
)
AMBIGUOUS_NOUN_FORMS = frozenset(
    "tweets posts reports claims notes comments remarks charges calls answers replies promises vows pledges "
    "jokes warnings estimates thoughts feels worries demands reasons signals offers counters fears hopes "
    "finds shows doubts forecasts projects rules protests queries labels brands terms states cries attacks "
    "questions "
    # base forms that are mostly nouns in news copy ("his mental state", "the report", "a tweet")
    "state report comment answer charge claim note reply estimate promise pledge question quote counter "
    "demand post tweet rule rate call term label brand signal offer fear hope doubt concern attack".split()
)
# Cues that need their following particle to count ("pointed out", "went on"); "according to" and
# its equivalents introduce the source rather than follow it.
CUE_PHRASES = ("according to", "pointed out", "went on", "goes on", "chimed in", "put it", "points out", "по словам")
ACCORDING_TO = frozenset({"according", "selon", "laut", "по"})

# German, French and Russian verbs of saying in the forms news uses, which the shared rules know
# too (each language's list is in its module). No noun look-alike checks: they are unambiguous verbs.
_SHARED = [importlib.import_module(name) for name in SHARED_WORDS]
CUE_VERBS_INTL: frozenset[str] = frozenset().union(*(m.SHARED_CUES for m in _SHARED))
# Cues that take a clause ("said the plan failed"): the only ones that make reported speech without
# quotation marks. Evaluative verbs ("defended her plan", "criticized the deal") take an object instead.
_CLAUSAL = (
    "say|said tell|told add state remark comment stress claim note explain insist argue declare announce warn "
    "write|wrote|written reply respond answer conclude acknowledge admit assert recall suggest emphasize "
    "emphasise observe predict promise report reiterate repeat concede confirm deny complain boast vow "
    "contend maintain mention allege counter retort caution testify|testified estimate pledge reveal disclose "
    "indicate signal clarify assure remind inform"
)
CLAUSAL_CUES = frozenset(_forms(_CLAUSAL)) | CUE_VERBS_INTL
# Thinking and knowing report speech only with an explicit "that": "experts believe that …".
NEEDS_THAT = frozenset(_forms(_COGNITION, gerund=False)) - CLAUSAL_CUES
# Cues whose object is what was said or meant: "criticized the deal", "called for a repeal",
# "wants to triple the program". Intransitive cues ("laughed", "joked") are not among them.
_OBJECT = (
    "criticize criticise attack blast slam praise cite defend dismiss condemn denounce question describe call "
    "urge demand propose recommend support oppose endorse back want plan intend seek refuse decline agree "
    "pledge vow threaten accuse blame thank mock ridicule welcome applaud hail discuss address highlight tout "
    "champion reject characterize characterise label brand term implore beg|begged lecture summarize summarise "
    "decry chide scold lament unveil outline tease preview rule|ruled order invite challenge"
)
OBJECT_CUES = frozenset(_forms(_OBJECT, gerund=False))
# Participles of speech acts whose object is what was said, in a clause of the sentence's subject:
# "voted against the bill, citing low growth", "…, calling Trump a fascist". Participles of
# stances ("supporting", "backing", "seeking") and of non-speech ("ruling", "inviting") are left out:
# mostly not attributions.
OBJECT_PARTICIPLES = frozenset(
    w
    for w in _forms(
        "cite describe criticize criticise denounce accuse praise dismiss blast tout pledge vow thank blame urge "
        "question call mock condemn reject propose defend highlight discuss outline"
    )
    if w.endswith("ing")
)
# Every word attribution.is_cue can accept (the French inversions "a-t-il" are told by their
# hyphen), and with the object cues every word reported speech can start from.
ANY_CUE_WORD = CUE_VERBS_EN | CUE_VERBS_INTL | ACCORDING_TO | frozenset(p.split()[0] for p in CUE_PHRASES)
CUE_OR_OBJECT_WORD = ANY_CUE_WORD | OBJECT_CUES | OBJECT_PARTICIPLES
# Verbs of commitment and intention whose to-infinitive is what was said or meant: "vowed to
# reverse job losses", "hopes to work across the aisle", "sought to reassure donors".
INFINITIVE_CUES = frozenset(
    _forms(
        "promise vow pledge threaten agree refuse decline offer decide plan intend hope seek|sought want "
        "swear|swore|sworn aim",
        gerund=True,
    )
)
# Cues of a thought, belief, finding, wish or stance rather than of words said (model.CueClass):
# "believes", "found", "wants to", "backed the plan"; a verb that is also one of saying ("insisted",
# "acknowledged") is speech.
STANCE_CUES: frozenset[str] = (
    frozenset(
        _forms(_COGNITION, gerund=False)
        | _forms("support oppose endorse back want plan intend seek|sought aim favor favour prefer refuse decide")
    )
    - frozenset(_forms(_SPEECH))
) | frozenset().union(*(getattr(m, "STANCE_CUES", ()) for m in _SHARED))


def is_stance(cue: str) -> bool:
    """The cue (one word or a phrase: "teilte mit", "’ve been hoping for") reports a stance."""
    return any(word in STANCE_CUES for word in cue.lower().split())


# Last words of the names of agreements and laws ("Paris Climate Accord", "Clean Air Act"): a
# document, not an actor, whatever a first name in front says.
DOCUMENT_WORDS = frozenset(
    "act accord accords agreement treaty protocol convention pact amendment charter declaration resolution doctrine "
    "abkommen vertrag gesetz".split()
)


def names_a_document(lowered: Sequence[str]) -> bool:
    """A name of two or more words (in lower case) ending in a document word: "paris climate accord",
    "voter registration act"."""
    return len(lowered) >= 2 and lowered[-1] in DOCUMENT_WORDS


# Nouns that refer back to an organisation named before: "according to the company", "the agency
# said", "das Unternehmen teilte mit" (SpeakerFinder.resolve).
BODY_NOUNS: frozenset[str] = frozenset(
    "company firm group agency organisation organization ministry department bank university institute "
    "foundation charity union council club team network startup retailer carrier airline insurer lender "
    "manufacturer maker broadcaster newspaper government party authority regulator board committee "
    "commission campaign association federation corporation conglomerate nonprofit operator developer "
    "publisher studio hospital school".split()
) | frozenset().union(*(getattr(m, "BODY_NOUNS", ()) for m in _SHARED))

# Particles of phrasal cues whose object follows them: "called for …", "called on …".
CUE_PARTICLES = frozenset({"for", "on", "upon"})
# Words that open a reported clause and are not part of it: "said that …", "sagte, dass …".
COMPLEMENTIZERS = frozenset({"that", "dass", "que", "qu", "что"})
# French inversion with the pronoun in the verb token: "a-t-il dit", "ajoute-t-elle", "dit-il".
INVERTED_PRONOUN_SUFFIXES = {"il": "m", "elle": "f", "ils": "", "elles": ""}
# Auxiliaries before a past participle cue: "a déclaré", "hat gesagt".
# English auxiliaries and modals that may stand between a subject and its verb ("have in the past said").
AUXILIARIES_EN = frozenset("have has had will would could should may might must".split())
# between a speaker and the participle: "a déclaré", "hat gesagt"
AUXILIARIES_INTL: frozenset[str] = frozenset().union(*(getattr(m, "SHARED_AUXILIARIES", ()) for m in _SHARED))

ADVERBS = frozenset(
    "also later then again further recently previously earlier once simply flatly bluntly "
    "repeatedly publicly privately quietly angrily sharply firmly has had have was is "
    "reportedly apparently frankly candidly subsequently would could should will can may might must "
    "does did do not never already just still first last even often always together jointly now too "
    "instead ever".split()
)


def is_adverb(word: str) -> bool:
    """Listed adverbs and auxiliaries, or an -ly adverb ("flatly", "egregiously"); lower-case input."""
    return word in ADVERBS or (len(word) > 4 and word.endswith("ly") and word not in _LY_NOT_ADVERBS)


_LY_NOT_ADVERBS = frozenset("family italy july reply supply apply rely ally bully belly jelly assembly anomaly".split())

PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "they": "",
    "i": "",
    "we": "",
    "er": "m",
    "sie": "",
    "il": "m",
    "elle": "f",
    "ils": "",
    "elles": "",
    "он": "m",
    "она": "f",
    "они": "",
}
SUBJECT_PRONOUNS = frozenset(
    {"he", "she", "they", "i", "we", "er", "sie", "il", "elle", "ils", "elles", "он", "она", "они"}
)

# Title words: a capitalised run that starts with these is a title in front of a name.
TITLE_WORDS: frozenset[str] = frozenset(
    "president vice prime minister foreign secretary senator sen. sen rep. rep representative gov. gov "
    "governor mayor chancellor mr. mr mrs. mrs ms. ms dr. dr general gen. gen lt. col. colonel sgt. capt. "
    "captain major judge justice speaker chairman chairwoman chair ceo cfo director chief ambassador "
    "attorney pope king queen prince princess sheikh ayatollah spokesman spokeswoman spokesperson leader "
    "commissioner deputy assistant acting former state defense defence interior finance health "
    "commander admiral professor prof. prof rev. reverend sir lord lady dame candidate nominee premier mp mep msp "
    "congressman congresswoman councilman councilwoman councillor sheriff chancellor adviser advisor "
    "press national security economic white house senior majority minority whip first lady "
    "bundeskanzler bundeskanzlerin kanzler kanzlerin ministerin präsident präsidentin bundespräsident "
    "innenminister innenministerin außenminister außenministerin ministerpräsident bürgermeister "
    "bürgermeisterin ministre président présidente maire député députée sénateur porte-parole "
    "министр президент премьер-министр мэр губернатор депутат сенатор глава пресс-секретарь".split()
)

DEMONYMS = frozenset(
    "american russian ukrainian european british french german chinese japanese israeli palestinian iranian "
    "iraqi syrian turkish indian pakistani afghan mexican canadian brazilian italian spanish polish dutch "
    "belgian swiss swedish norwegian danish finnish greek hungarian czech austrian irish scottish welsh "
    "korean north south saudi egyptian african asian western eastern arab latin democratic republican "
    "conservative liberal federal u.s. us u.k. uk un eu nato soviet kremlin hispanic latino latina muslim "
    "christian jewish islamic catholic protestant evangelical african-american asian-american native "
    "burmese rohingya hawaiian australian anglo-saxon democrat european southeast northeast southwest "
    "northwest midwestern southern northern palestinian kurdish shiite sunni "
    "deutsche deutscher deutschen amerikanische amerikanischer amerikanischen russische russischen "
    "französische französischen britische britischen europäische europäischen chinesische chinesischen".split()
)


def is_demonym(word: str) -> bool:
    """'russian', 'americans', 'hispanics': nationality and group words, singular or plural."""
    w = word.lower()
    return w in DEMONYMS or (w.endswith("s") and w[:-1] in DEMONYMS) or w in GROUP_WORDS


# Groups of people named like organisations but not organisations (the guidelines exclude them).
GROUP_WORDS = frozenset("democrats republicans liberals conservatives independents evangelicals".split())
# Letters after a person's name for an office or an honour (British and Commonwealth style: "Neil
# Ford QC", "Anna Lee MP", "Ian Wright OBE"): not part of the name.
POSTNOMINALS = frozenset("QC KC MP MSP MEP OBE CBE MBE DBE KBE GBE FRS PhD".split())
# Abbreviations that keep their period: titles, months, states, name suffixes.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st mt ft sen sens rep reps gov gen lt col sgt capt maj adm cmdr jr sr prof rev messrs "
    "jan feb mar apr aug sep sept oct nov dec inc corp co ltd bros "
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev "
    "okla ore pa tenn tex va vt wash wis wyo".split()
)


def takes_period(word: str) -> bool:
    """A capitalised abbreviation or an initial: the period written right after it is part of the
    word ("Sen.", "Prof.", "J."), not a sentence's end."""
    return word[:1].isupper() and (len(word) == 1 or word.lower() in ABBREVIATIONS)


# AP-style state abbreviations: places ("Columbus, Ohio", "Ashton, Md.").
STATE_ABBREVIATIONS = frozenset(
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md. Mass. Mich. Minn. "
    "Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Tex. Va. "
    "Vt. Wash. W.Va. Wis. Wyo. D.C.".split()
)
# Last words of place names ("Pacific Ocean", "Kaneohe Bay", "Washington Monument") and first
# words ("Mount Everest", "Lake Erie").
PLACE_FEATURES = frozenset(
    "ocean sea bay gulf island islands atoll river lake lakes mountain mountains mount mt. valley canyon desert "
    "peninsula coast strait channel street avenue boulevard square park plaza bridge airport station "
    "monument memorial mall county province region district city town village heights falls beach harbor "
    "harbour port forest hills hill".split()
)
PLACE_HEADS = frozenset("mount mt. lake cape fort ft. port saint st. san santa".split())
# Words that open or close a sports club's name ("FC Barcelona", "Borussia Dortmund", "Leeds United
# AFC"): the name is the club, not the town in it. Case-sensitive, and only in names of two words or more.
CLUB_OPENERS = frozenset(
    "FC AFC SC SV TSV VfB VfL BV TSG SpVgg SSC AC AS RB FSV SG Borussia Eintracht Fortuna Hertha Werder "
    "Arminia Alemannia".split()
)
# ordinary words elsewhere ("Real wages", "Sporting Goods"): a club only with the town after them
CLUB_OPENERS_BEFORE_A_PLACE = frozenset("Real Atlético Sporting Olympique Dynamo Dinamo".split())
CLUB_CLOSERS = frozenset("FC CF AFC SC".split())


def is_club(words: list[str] | tuple[str, ...]) -> bool:
    if len(words) < 2:
        return False
    if words[0] in CLUB_OPENERS_BEFORE_A_PLACE:
        return words[1] in places()
    return words[0] in CLUB_OPENERS or words[-1] in CLUB_CLOSERS


# Words before a name that make it a person: honorifics and "said"-inversions are in speakers.py.
PERSON_CUES_BEFORE = frozenset("mr. mrs. ms. miss dr. sir dame herr frau senator sen. rep. gov. president".split())
# Words right after a name that make it a person (verbs of saying and thinking in the present/past).
SPEECH_AFTER = frozenset(
    "said says told tells added asked wrote writes explained argued claimed believes thinks thought "
    "sagte sagt erklärte meinte betonte".split()
)
# Prepositions that put a bare name in a place ("in Ohio", "near Kabul"); "at" and "from" are as
# often organisations, so they do not count.
PLACE_PREPOSITIONS = frozenset("in near across throughout outside inside".split())
# Suffixes of organisation words ("Subcommittee", "Bundesverfassungsgericht" is German, see names_de).
ORG_SUFFIXES = tuple(
    """committee commission institute institution university agency association
    ministerium gericht bundesamt kommission kabinett partei fraktion verband gewerkschaft universität behörde
    ausschuss stiftung konzern staatsanwaltschaft sicherheitsrat polizei bund""".split()
)  # the German ones name compounds: "Bundesverfassungsgericht", "Finanzministerium", "Fußball-Bund"


# Transliterated Arabic articles written before a name with a hyphen: "Hamid al-Farsi", "Nasr ad-Din".
_ARTICLE_PREFIXES = ("al-", "el-", "ad-", "ud-", "ul-", "ash-", "az-", "as-", "ar-")


def behind_article(word: str) -> bool:
    """A name written behind a lower-case article: "al-Farsi", "el-Amin" (a name token, though not
    capitalised)."""
    if not word.startswith(_ARTICLE_PREFIXES):
        return False
    cut = word.index("-") + 1
    return word[cut : cut + 1].isupper()


@lru_cache(maxsize=16384)  # names recur within and across articles
def is_acronym(word: str) -> bool:
    """ "FBI", "U.S.", "AfD", "CDU/CSU": two or more capitals and no lower-case run of three."""
    letters = list(filter(str.isalpha, word))
    capitals = sum(map(str.isupper, letters))
    if word.endswith("s") and word[:-1].isupper():
        return False  # a plural: "PACs", "CEOs"
    return capitals >= 2 and capitals * 2 >= len(letters) and len(letters) <= 7


@lru_cache(maxsize=16384)  # asked for every name an article adds, and names recur across articles
def acronym(name: str) -> str:
    """Initials of the capitalised words: 'Democratic National Committee' -> 'DNC'."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


DAY_WORDS = frozenset({"today", "yesterday", "tonight"})  # when, said as a word: no name, no object
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Capitalised words that are never names on their own.
NON_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december i i'm i've i'd i'll the a an and but or if so yet it its "
    "this that these those there here he she they we you his her their our your mr mrs ms dr on in at for "
    "by with from to of as after before when while since although though because however meanwhile "
    "instead still also even just now then today yesterday tomorrow tonight last next one two three "
    "what who why how where which yes no not all some many most more both each every other such "
    "despite during under over about against between into through according asked said says told "
    "one-third half oh okay ok well read watch sign see click der die das ein eine le la les un une des du "
    "selon laut sept perhaps hopefully throughout meanwhile thousands millions dozens hundreds wait look "
    "internet web online god lord christ satan year week day month am pm edt est pdt later earlier soon "
    "finally first second my among amid amidst toward towards upon unlike besides "
    # German function words that open sentences
    "im am seit bei nur ende nach vor mit für von zu aus auf unter über durch gegen ohne um trotz wegen "
    "während er es wir ihr ich du man dies diese dieser dieses nun auch doch noch schon so wie wo wann "
    "warum was wer weil wenn als ob bis dann denn damit dass daher deshalb jedoch zudem außerdem bereits "
    "laut sowie sondern aber oder und beim zum zur vom ins da bereits dabei dazu danach damals dort hier heute "
    "gestern morgen inzwischen zuvor zuletzt erst jetzt kaum fast etwa rund andere anderen viele vielen einige "
    "alle beide manche mehrere anfang mitte".split()
)

ORG_WORDS = frozenset(
    "party ministry committee commission council agency bank court department university college institute "
    "foundation association union corporation corp corp. inc inc. ltd co. company group times post news "
    "journal network press television tv radio senate house congress parliament assembly administration "
    "campaign office bureau service services army navy force forces police fund board coalition "
    "alliance organization organisation federation league church school hospital center centre "
    "authority fbi cia pac super reuters subcommittee society institution energy inc. corp. llc "
    "airlines motors media magazine tribune herald gazette guardian telegraph broadcasting club "
    "cavaliers warriors party's embassy consulate report daily weekly journal review network ag gmbh kg online "
    "racing team".split()
)
# Words that name a body only as the head of its name, last or before "of" ("Human Rights Watch",
# "Koch Industries", "Amnesty International", "Academy of Sciences"): inside a name they may
# describe something else ("International Airport", "Caucus Night").
ORG_HEADS = frozenset(
    "watch international holdings partners industries enterprises technologies laboratories labs airways "
    "pharmaceuticals securities insurance studios tribunal secretariat caucus academy movement brigade brigades".split()
)
KNOWN_ORGS = frozenset(
    {
        "NATO",
        "Kremlin",
        "White House",
        "Pentagon",
        "Congress",
        "Senate",
        "United Nations",
        "European Union",
        "Supreme Court",
        "Federal Reserve",
        "State Department",
        "Justice Department",
        "Downing Street",
        "Elysee",
        "Bundestag",
        "Duma",
        "Politburo",
        "Hamas",
        "Hezbollah",
        "Taliban",
        "Google",
        "Apple",
        "Microsoft",
        "Amazon",
        "Facebook",
        "Twitter",
        "Meta",
        "Tesla",
        "OpenAI",
        "Reuters",
        "Fox News",
        "CNN",
        "MSNBC",
        "BBC",
        "NBC",
        "ABC",
        "CBS",
        "NPR",
        "Politico",
        "Breitbart",
        "Gazprom",
        "Wells Fargo",
        "Goldman Sachs",
        "GOP",
        "Democratic Party",
        "Republican Party",
        "Obamacare",
        "Medicare",
        "Medicaid",
        "Interpol",
        "Europol",
        "WHO",
        "IMF",
        "World Bank",
        "OPEC",
        "House",
        "FBI",
        "CIA",
        "NSA",
        "Navy",
        "Army",
        "Air Force",
        "Marine Corps",
        "Associated Press",
        "New York Times",
        "Washington Post",
        "Wall Street Journal",
        "Los Angeles Times",
        "USA Today",
        "USA TODAY",
        "Daily Beast",
        "Huffington Post",
        "HuffPost",
        "Washington Times",
        "New Yorker",
        "Time",
        "Newsweek",
        "Bloomberg",
        "Vox",
        "Slate",
        "Salon",
        "Axios",
        "ProPublica",
        "Drudge Report",
        "WikiLeaks",
        "PolitiFact",
        "Politifact",
        "Snopes",
        "Hulu",
        "Netflix",
        "YouTube",
        "Instagram",
        "Sony",
        "Nike",
        "Walmart",
        "Boeing",
        "Exxon",
        "ExxonMobil",
        "Chevron",
        "Pfizer",
        "Uber",
        "Airbnb",
        "Harvard",
        "Yale",
        "Princeton",
        "Stanford",
        "Oxford",
        "Cambridge",
        "Smithsonian",
        "Ivy League",
        "Al Qaeda",
        "Al-Qaeda",
        "ISIS",
        "Islamic State",
        "Bundesrat",
        "Bundesregierung",
        "Bundeswehr",
        "Bundesliga",
        "Deutsche Bahn",
        "Deutsche Bank",
        "Siemens",
        "Volkswagen",
        "Daimler",
        "Lufthansa",
        "Europäische Union",
        "Vereinte Nationen",
        "Grünen",
        "Grüne",
        "Linke",
        "Linken",
        "Die Linke",
        "CDU/CSU",
        "Rote Kreuz",
        "Roten Kreuz",
        "Roten Kreuzes",
        "Bundesministerium",
        "Bundeskanzleramt",
    }
)
# Organisations named by their building or city; canonical name as written.
ACRONYM_NOT_ORG = frozenset(
    {
        "U.S.",
        "US",
        "USA",
        "U.K.",
        "UK",
        "PTSD",
        "PKW",
        "LKW",
        "PS",
        "KW",
        "MW",
        "GW",
        "KM",
        "DAX",
        "AG",
        "CC",
        "AIDS",
        "HIV",
        "MBA",
        "EDT",
        "EST",
        "PDT",
        "OMG",
        "LOL",
        "FAQ",
        "RSS",
        "TV",
        "CEO",
        "OK",
        "AM",
        "PM",
        "A.M.",
        "P.M.",
        "I",
        "II",
        "III",
        "IV",
        "Q",
        "A",
        "ID",
        "DNA",
        "GDP",
        "AI",
        "PDF",
        "URL",
    }
)


# Short forms of countries, merged into the full name as aliases.
KNOWN_ALIASES = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "U.N.": "United Nations",
    "UN": "United Nations",
    "EU": "European Union",
    "E.U.": "European Union",
}


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Frequent surnames (1990 US Census): evidence for a person when the first name is unknown."""
    lines = (_DATA / "surnames.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Countries and US states (no first names among them): never a person's surname in news."""
    lines = (_DATA / "countries.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def towns_de() -> frozenset[str]:
    """Small towns of German-speaking countries: evidence for German text only."""
    lines = (_DATA / "towns_de.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    lines = (_DATA / "places.txt").read_text(encoding="utf-8").splitlines()
    names = {line for line in lines if line and not line.startswith("#")}
    return frozenset(names | {"U.S.", "US", "USA", "U.S.A.", "U.K.", "UK"})


@lru_cache(maxsize=1)
def longest_known_name() -> int:
    """Words in the longest place or organisation the gazetteers know: no longer run of words can be
    one, so a search for a known name in a run need not try longer pieces (a run of thousands of
    capitalised words asked about every length of piece was quadratic)."""
    return max(name.count(" ") + 1 for name in (*places(), *KNOWN_ORGS, *STATE_ABBREVIATIONS))


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """The name lists, without words of organisations' names: the lists hold a few ("Council",
    "Media", "Press"), and "Leeds City Council" then read as a title and a person."""
    rows = (_DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
    pairs = (row.split("\t", 1) for row in rows if row and not row.startswith("#"))
    return {name: gender for name, gender in pairs if name not in ORG_WORDS}


@lru_cache(maxsize=65536)
def first_name_gender(name: str) -> str:
    """'m', 'f', '?' (a first name of either gender) or '' (not a known first name)."""
    return _first_names().get(name.casefold(), "")
