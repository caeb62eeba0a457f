"""Word lists the rules rely on. Kept as data, separate from the rules, so adding a language or a
cue verb never touches the matching code."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
            out.update({base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed"})
            if gerund:
                out.add(stem + "ing")
    return out


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
    "estimate forecast project reckon suspect understand|understood insist"
)
CUE_VERBS_EN = frozenset(_forms(_SPEECH) | _forms(_COGNITION, gerund=False))
# -s forms that are as often plural nouns ("his tweets", "the reports"): cues only after a name or pronoun.
AMBIGUOUS_NOUN_FORMS = frozenset(
    "tweets posts reports claims notes comments remarks charges calls answers replies promises vows pledges "
    "jokes warnings estimates thoughts feels worries demands reasons signals offers counters fears hopes "
    "finds shows doubts forecasts projects rules protests queries labels brands terms states cries "
    # base forms that are mostly nouns in news copy ("his mental state", "the report", "a tweet")
    "state report comment answer charge claim note reply estimate promise pledge question quote counter "
    "demand post tweet rule rate call term label brand signal offer fear hope doubt concern".split()
)
# Cues that need their following particle to count ("pointed out", "went on"); "according to" and
# its equivalents introduce the source rather than follow it.
CUE_PHRASES = ("according to", "pointed out", "went on", "goes on", "chimed in", "put it", "points out", "по словам")
ACCORDING_TO = frozenset({"according", "selon", "laut", "по"})

# German, French and Russian verbs of saying in the forms news uses (past and present, both genders
# for Russian). No noun look-alike checks: these forms are unambiguous verbs.
CUE_VERBS_INTL = frozenset(
    # German
    "sagte sagt sagten sagen gesagt erklärte erklärt erklärten betonte betont betonten fügte meinte meint "
    "warnte warnt kritisierte kritisiert schrieb schreibt forderte fordert räumte versicherte versichert "
    "bekräftigte unterstrich berichtete berichtet teilte sprach spricht antwortete antwortet ergänzte "
    "ergänzt zitierte mahnte verkündete verkündet "
    # French
    "dit déclaré déclare affirmé affirme ajouté ajoute expliqué explique estimé estime souligné souligne "
    "précisé précise indiqué indique assuré assure lancé lance confié confie martelé martèle insisté "
    "insiste répondu répond annoncé annonce prévenu prévient averti avertit rappelé rappelle dénoncé "
    "dénonce reconnu reconnaît poursuivi poursuit conclu conclut "
    # Russian
    "сказал сказала сказали говорит говорил говорила заявил заявила заявили отметил отметила отметили "
    "подчеркнул подчеркнула добавил добавила сообщил сообщила сообщили пояснил пояснила считает уверен "
    "уверена признал признала напомнил напомнила ответил ответила предупредил предупредила написал "
    "написала рассказал рассказала заметил заметила".split()
)
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
# Particles of phrasal cues whose object follows them: "called for …", "called on …".
CUE_PARTICLES = frozenset({"for", "on", "upon"})
# Words that open a reported clause and are not part of it: "said that …", "sagte, dass …".
COMPLEMENTIZERS = frozenset({"that", "dass", "que", "qu", "что"})
# French inversion with the pronoun in the verb token: "a-t-il dit", "ajoute-t-elle", "dit-il".
INVERTED_PRONOUN_SUFFIXES = {"il": "m", "elle": "f", "ils": "", "elles": ""}
# Auxiliaries before a past participle cue: "a déclaré", "hat gesagt".
AUXILIARIES_INTL = frozenset("a ont avait avaient hat haben hatte hatten habe".split())

ADVERBS = frozenset(
    "also later then again further recently previously earlier once simply flatly bluntly "
    "repeatedly publicly privately quietly angrily sharply firmly has had have was is "
    "reportedly apparently frankly candidly subsequently would could should will can may might must "
    "does did do not never already just still first last even often always".split()
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
TITLE_WORDS = frozenset(
    "president vice prime minister foreign secretary senator sen. sen rep. rep representative gov. gov "
    "governor mayor chancellor mr. mr mrs. mrs ms. ms dr. dr general gen. gen lt. col. colonel sgt. capt. "
    "captain major judge justice speaker chairman chairwoman chair ceo cfo director chief ambassador "
    "attorney pope king queen prince princess sheikh ayatollah spokesman spokeswoman spokesperson leader "
    "commissioner deputy assistant acting former state defense defence interior finance health "
    "commander admiral professor prof. rev. reverend sir lord lady dame candidate nominee premier "
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
    "conservative liberal federal u.s. us u.k. uk un eu nato soviet kremlin".split()
)

# Capitalised words that are never names on their own.
NON_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december i i'm i've i'd i'll the a an and but or if so yet it its "
    "this that these those there here he she they we you his her their our your mr mrs ms dr on in at for "
    "by with from to of as after before when while since although though because however meanwhile "
    "instead still also even just now then today yesterday tomorrow tonight last next new one two three "
    "what who why how where which yes no not all some many most more both each every other such "
    "despite during under over about against between into through according asked said says told "
    "one-third half oh okay ok well read watch sign see click der die das ein eine le la les un une des du "
    "selon laut".split()
)

ORG_WORDS = frozenset(
    "party ministry committee commission council agency bank court department university college institute "
    "foundation association union corporation corp corp. inc inc. ltd co. company group times post news "
    "journal network press television tv radio senate house congress parliament assembly administration "
    "campaign office bureau service services army navy force forces police fund board coalition "
    "alliance organization organisation federation league church school hospital center centre "
    "authority fbi cia pac super reuters "
    "airlines motors media magazine tribune herald gazette guardian telegraph broadcasting club".split()
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
        "Democrats",
        "Republicans",
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


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    lines = (_DATA / "places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _gender_detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gd  # lazily: its dictionary takes ~0.1 s to load

    return gd.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def first_name_gender(name: str) -> str:
    """'m', 'f', '?' (a first name of either gender) or '' (not a known first name)."""
    verdict = _gender_detector().get_gender(name)
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": "?"}.get(verdict, "")
