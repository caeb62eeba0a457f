"""The article's words as German grammar sees them: cue verbs and their particles, finite and
subjunctive verbs, where clauses and sentences are cut; the base of the attributor."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set
from itertools import accumulate, compress

from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.german_words import (
    ADJECTIVE_ENDINGS,
    ADVERBS,
    AUSGEHEN,
    AUXILIARIES,
    CONJUNCTIONS,
    CUES,
    DETERMINERS,
    JOINED_CUES,
    JUDGES_AS,
    NACH_NOUNS,
    NEEDS_PARTICLE,
    PREPOSITIONAL_CUES,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    REPORTIVE,
    SOURCE_WORDS,
    SUBJUNCTIVE,
    SUBORDINATORS,
    VERB_FINAL_AUXILIARIES,
    VON,
)
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import SpeakerFinder
from pipeline.extract.text import before_spaces

_SHOWS = frozenset({"zeigte", "zeigt", "zeigten"})  # "zeigte sich besorgt, dass …"
_CUE_WORDS = CUES | JOINED_CUES | JUDGES_AS  # what Words._cue_test can accept
_MARK_WORDS = SOURCE_WORDS | {":", ";", "nach", "für"}  # Words._source_marks, with the cues

# function words, made once (an expression "x in A | B" builds the union at every test)
_CLOSED_CLASS = DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | ADVERBS | RELATIVES
# pronouns that are a clause's whole first constituent: the finite verb follows them
# (third person only: "ich habe" is the indicative)
_ONE_WORD_CONSTITUENTS = frozenset({"er", "sie", "es", "man", "das", "dies", "dieses", "dieser", "diese"})

_MAX_NP = 12
_SHORT_WALK = 32  # tokens _clause_start walks back before it looks the clause's start up
_CLAUSE_MARKS = (",", ":", ";")  # what ends a clause before a token, besides a quote
# The source nouns that head a compound ("Militärangaben", "Expertenmeinung"); not "worten", the
# end of "Antworten" ("nach Antworten suchen").
_COMPOUND_HEADS = tuple(sorted(NACH_NOUNS - {"worten"}))
_END_NOUNS = frozenset("abend jugend tugend elend gegend".split())
# endings of adverbs that open a sentence like a noun would: "wörtlich", "normalerweise", "erstmals",
# "allerdings", "jedenfalls", and of adjectives used so: "offiziell", "aktuell", "traditionell",
# "politisch" (nouns in -lich, -erweise, -mals, -dings, -falls, -iell, -uell, -onell, -isch are rare,
# and one without an article is no subject: "Duell", "Tisch")
_ADVERB_ENDINGS = ("lich", "erweise", "mals", "dings", "falls", "iell", "uell", "onell", "isch")
RELATIVE_PRONOUNS = frozenset("der die das welcher welche welches".split())
_POSSESSIVES = {
    w: g
    for g, forms in (("m", "sein seine seiner seinem seinen seines"), ("f", "ihre ihrer ihrem ihren ihres"))
    for w in forms.split()
}
# words that open a second phrase after a noun ("der Randalierer den Fluggast", "das Gericht seine Entscheidung")
# ("seines", "ihres" are genitive only: "nach Angaben seines Anwalts" is one phrase)
_NOT_GENITIVE = frozenset("den dem die das ein eine einen einem einigen mehreren vielen".split()) | (
    frozenset(_POSSESSIVES) - {"seines", "ihres"}
)
_WORD = re.compile(r"\w+")
_SO_CALLED = frozenset("genannte genannten genannter genanntes sogenannte sogenannten sogenannter sogenanntes".split())
# "Aus Paris hieß es", "Seitens der Stadt hieß es", "Von der Polizei hieß es"
_SOURCE_PREPOSITIONS = frozenset({"in", "im", "auf", "bei", "beim", "aus", "seitens", "von", "vom"})
_PARTICLE_ARTICLES = frozenset({("von", "der"), ("van", "der"), ("van", "den"), ("van", "de"), ("de", "la")})
_HEISSEN = frozenset({"hieß", "heißt", "geheißen"})
# demanding, advising, warning, reporting on, speaking of, reproaching, putting a number on,
# justifying, pointing to: the object is what was said
_OBJECT_REPORTS = tuple(
    "forder verlang rät riet rat empf warn bericht sprach spricht sprech warf wirft werf beziffer schätz "
    "begründ verwies verweist".split()
)
# what "von X ausgeht" comes from X rather than assumes it
_EMANATING = frozenset("gefahr bedrohung risiko signal wirkung einfluss".split())
# what calls something a name: "als „…“", "einen „…“" (a newspaper after a cue takes a definite article)
_CALLED = frozenset("als ein eine einen einer einem".split())
_CALLED_OR_OWNED = _CALLED | frozenset(_POSSESSIVES)
_OPENS_QUOTE = re.compile(r':\s*[„»"]|; ')
_TWO_WORDS = re.compile(r"\S\s+\S")  # what str.split() needs to give two words
_CLAUSE_END = re.compile(r"[,;:.!?“”\"»«]")
# pronouns that are never a subject, skipped after a verb
_OBJECT_PRONOUNS = frozenset("sich ihn ihm ihnen mich mir dich dir uns euch".split())
_NAMING = ("nann", "nenn", "bezeichn")
# praising, criticising, describing: with an "als" complement the object is what was said
# ("kritisierte den Haushalt als unsozial"), without one it only sets who speaks next
_PRAISING = ("lob", "kritisier", "begrüß", "beschrieb", "beschreib")
# what a disaster "fordert": lives, not a demand
_CASUALTIES = frozenset("menschenleben todesopfer tote toten opfer leben verletzte verletzten".split())
# conjunctions opening a clause with its finite verb last
_VERB_FINAL_OPENERS = SUBORDINATORS | {"dass", "ob", "wie", "damit"}


class _Found:
    """A speaker found for a cue. A plain class, not a frozen dataclass: one per attribution tried,
    and the compiled build (make wheel) compiles its __init__, where a dataclass's is interpreted."""

    def __init__(self, speaker: tuple[int, int] | None, cue: int) -> None:
        self.speaker = speaker  # token range (None: the cue's speaker is not named)
        self.cue = cue


# lower-case words of no open class that _CLOSED_CLASS leaves out
_NOT_VERBS = frozenset({"nicht", "sich", "zu", "es", "man", "so", "noch", "auch", "nur", "sehr", "einer"})


def judges(word: str) -> bool:
    """A verb of naming, judging, praising or describing: with an "als" complement, what it
    reports is its object ("bezeichnete den Streik als Erfolg", "würdigte sie als Vorbild")."""
    return word.startswith(_NAMING) or word.startswith(_PRAISING) or word in JUDGES_AS


def verb_like(word: str) -> bool:
    """A lower-case content word: in German, nouns are capitalised, so verbs are what is left."""
    w = word.lower()
    return word[:1].islower() and word.isalpha() and w not in _CLOSED_CLASS and w not in _NOT_VERBS


def past_auxiliaries(lower: list[str], k: int) -> int:
    """The first token from k on that is no finite auxiliary closing a verb-final clause after its
    participle ("betont hatte", "erklärt worden war")."""
    while k < len(lower) and lower[k] in VERB_FINAL_AUXILIARIES:
        k += 1
    return k


class Words:
    """The article, its tokens and what is known of its words; the layers above ask these."""

    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        self.doc = doc
        self.finder = finder
        self.used: set[int] = set()  # cue tokens already attributing something
        self._memo_cues: list[int] | None = None
        self._memo_cue_set: frozenset[int] | None = None
        self._memo_source_marks: list[int] | None = None
        self._memo_cuts: tuple[list[int], list[int]] | None = None
        self._memo_last_break: list[int] | None = None
        # words the article writes in lower case: a capitalised one at a sentence start is then no noun
        self._mention_starts = frozenset(m[0] for m in finder.index.mentions)
        # (a token's first character is the text's at its start)
        self._lower_words = frozenset(compress(doc.lower, map(str.islower, map(doc.text.__getitem__, doc.starts))))

    @property
    def _cues(self) -> list[int]:
        """Every cue token, in order (one pass; then the last cue before a quote is a bisection):
        asked of the tokens that are a cue word, the only ones _cue_test can accept."""
        if self._memo_cues is None:
            self._memo_cues = [k for k in self.doc.positions(_CUE_WORDS) if self._cue_test(k)]
        return self._memo_cues

    @property
    def _cue_set(self) -> frozenset[int]:
        if self._memo_cue_set is None:
            self._memo_cue_set = frozenset(self._cues)
        return self._memo_cue_set

    def _is_cue(self, k: int) -> bool:
        """Token k is a cue (_cue_test, asked once per token of the text: the rules ask the same
        tokens many times)."""
        return k in self._cue_set

    def _first_cue(self, lo: int, hi: int) -> int | None:
        """The first cue among tokens [lo, hi): a bisection, not a question per token."""
        cues = self._cues
        k = bisect_left(cues, lo)
        return cues[k] if k < len(cues) and cues[k] < hi else None

    @property
    def _source_marks(self) -> list[int]:
        """The tokens _source_before can stop at (punctuation, cues, source words): the rest it
        passes over, so it jumps between these instead of walking back over every word."""
        if self._memo_source_marks is None:
            self._memo_source_marks = sorted({*self.doc.positions(_MARK_WORDS), *self._cues})
        return self._memo_source_marks

    @property
    def _cuts(self) -> tuple[list[int], list[int]]:
        """Starts and ends of every _OPENS_QUOTE match (they cannot overlap), found once per text."""
        if self._memo_cuts is None:
            self._memo_cuts = self._make_cuts()
        return self._memo_cuts

    def _make_cuts(self) -> tuple[list[int], list[int]]:
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
        if toks[k].text not in ("„", "»") or self.doc.quoted[k]:
            return None
        if k + 1 >= len(toks) or not toks[k + 1].is_capitalized:
            return None
        close = next((j for j in range(k + 2, min(len(toks), k + 9)) if toks[j].text in ("“", "«", "”")), None)
        return close + 1 if close is not None else None

    def _clause_start(self, i: int, lo: int) -> int:
        """First token of the clause holding token i: after the last comma, colon or quote before it
        (lo: the first token it may be)."""
        tokens, quoted = self.doc.tokens, self.doc.quoted  # (read per step of the walk: looked up once)
        k, stop = i - 1, max(lo, i - _SHORT_WALK)
        while k >= stop and tokens[k].text not in _CLAUSE_MARKS and not quoted[k]:
            k -= 1
        if k >= lo and k == i - _SHORT_WALK - 1:  # a long clause: look the break up instead of walking on
            k = max(self._last_break[i - 1], lo - 1)
        return k + 1

    @property
    def _last_break(self) -> list[int]:
        """Per token, the last token at or before it that ends a clause (a comma, colon or semicolon,
        or a quoted token), -1 if none: built once, for clauses longer than _SHORT_WALK."""
        if self._memo_last_break is None:
            self._memo_last_break = self._make_last_break()
        return self._memo_last_break

    def _make_last_break(self) -> list[int]:
        doc = self.doc
        breaks = (k if doc.quoted[k] or t.text in _CLAUSE_MARKS else -1 for k, t in enumerate(doc.tokens))
        return list(accumulate(breaks, max))

    def _particle_name(self, start: int, verb: int) -> bool:
        """A surname with a particle right before its verb ("Von der Leyen", "De Maizière"), told
        from a prepositional phrase by its shape: particle, maybe an article, one capitalised word."""
        words = self.doc.lower[start:verb]
        if len(words) == 2:
            particle = words[0] in ("von", "van", "de", "zu")  # "Zu Guttenberg sagte"
        else:  # "Von der Leyen", "Van den Berg"; never "Zu den Vorwürfen", a preposition and article
            particle = len(words) == 3 and (words[0], words[1]) in _PARTICLE_ARTICLES
        return particle and self.doc.tokens[verb - 1].is_capitalized

    # --- cues -----------------------------------------------------------------------------------
    def _cue_test(self, k: int) -> bool:
        w = self._word(k)
        if w in JOINED_CUES and self.doc.tokens[k].text[:1].islower():
            return not self.doc.quoted[k]  # "wie die Polizei mitteilte"
        if w in JUDGES_AS:
            return not self.doc.quoted[k] and self.doc.tokens[k].text[:1].islower() and self._als_complement(k)
        if w not in CUES or self.doc.quoted[k]:
            return False
        colon = k + 1 < len(self.doc.tokens) and self.doc.tokens[k + 1].text == ":"  # "und rief: „…“"
        if w in PREPOSITIONAL_CUES and self._object_follows(k, PREPOSITIONAL_CUES[w]):
            return True
        if w in NEEDS_PARTICLE and not colon and not self._particle_follows(k, NEEDS_PARTICLE[w]):
            if not self._shows_attitude(k):
                return False
        # a capitalised form mid-sentence is a noun ("die Sagen", "Hoffen"), except sentence-initially
        return not (
            self.doc.tokens[k].is_capitalized
            and self.doc.sentence(self.doc.tokens[k].start)[0] != self.doc.tokens[k].start
        )

    def _shows_attitude(self, k: int) -> bool:
        """ "zeigte sich optimistisch, dass …", "zeigt sich besorgt: „…“": showing oneself in a
        state of mind (one adjective) reports the clause or the quote that follows."""
        toks = self.doc.tokens
        return (
            self._word(k) in _SHOWS
            and k + 3 < len(toks)
            and self._word(k + 1) == "sich"
            and toks[k + 2].text.isalpha()
            and toks[k + 2].text.islower()
            and toks[k + 3].text in (",", ":")
        )

    def _object_follows(self, k: int, prepositions: Set[str]) -> bool:
        """A preposition of the verb's object comes later in its clause (before a comma or the
        sentence's end)."""
        return self._first_following(k, prepositions) is not None

    def _first_following(self, k: int, words: Set[str]) -> int | None:
        """The first of `words` after k in its clause, within 25 tokens."""
        toks = self.doc.tokens
        for j in range(k + 1, min(len(toks), k + 25)):
            if toks[j].text in (".", ":", ";", "!", "?", ","):
                return None
            if self._word(j) in words:
                return j
        return None

    def _als_complement(self, k: int) -> bool:
        """ "als" follows the verb at k in its clause, not inside a "für" phrase ("würdigte ihn für
        seinen Einsatz als Soldat": the reason praised, not what he was called)."""
        first = self._first_following(k, {"als", "für"})
        return first is not None and self._word(first) == "als"

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

    def _sentence_before(self, s: int) -> tuple[int, int] | None:
        """The sentence before the one starting at s, when it stands in the same paragraph and
        holds no quote: narration a quote or a statement after it can point back to."""
        doc = self.doc
        if s == 0:
            return None
        ps, pe = doc.sentence(s - 1)
        if doc.paragraph_index(ps) != doc.paragraph_index(s) or doc.quote_at(ps) or doc.quote_within(ps, pe):
            return None
        return ps, pe

    def _words_before(self, q: QuoteSpan) -> tuple[int, range]:
        """The sentence's start (within the quote's paragraph) and its tokens before the quote; for
        a quote opening its paragraph after one that ends in a colon, that colon's sentence
        ("Die Ministerin erklärte dazu:" ¶ „…“)."""
        doc = self.doc
        paragraph = doc.paragraph(q.outer_start)[0]
        s = max(doc.sentence(q.outer_start)[0], paragraph)
        if s == q.outer_start and paragraph > 0:
            # the last character before the paragraph, read back over the spaces: a copy of the
            # text before it, for every quote opening a paragraph, grew with the text's square
            colon = before_spaces(doc.text, paragraph)
            if colon >= 0 and doc.text[colon] == ":" and not doc.in_quote(colon):
                s = max(doc.sentence(colon)[0], doc.paragraph(colon)[0])
        return s, doc.token_range(s, q.outer_start)

    def _after_inner_colon(self, tokens: range) -> range:
        """The tokens after the last colon among them ("Steuern: Die so genannte „Reichensteuer“:
        Die SPD will … („…“)": the fragment is in the SPD's clause)."""
        toks = self.doc.tokens
        colons = [k for k in tokens if toks[k].text == ":" and not self.doc.quoted[k]]
        return range(colons[-1] + 1, tokens.stop) if colons else tokens

    def _verb_like(self, k: int) -> bool:
        return verb_like(self.doc.tokens[k].text)

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
            and self._word(k).endswith(ADJECTIVE_ENDINGS)
            and self.doc.tokens[k + 1].is_capitalized
        )

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

    def _reports_object(self, att: Attribution) -> bool:
        """A verb of demanding, advising, warning, reporting on or calling something something,
        whose object is what was said: "forderte höhere Löhne", "warnte vor Glätte", "berichtete
        von 56 Opfern", "bezeichnete den Streik als Erfolg"."""
        w = att.cue.lower()
        k = self.doc.token_at(att.cue_start)
        if w in AUSGEHEN:  # "Die Polizei geht von Brandstiftung aus", not "Die Gefahr geht vom Fluss aus"
            head = att.speaker.mention.lower().split()[-1:]
            return not (head and head[0] in _EMANATING) and self._first_following(k, VON) is not None
        if w.startswith("ge"):
            return False  # a participle: "hatte gefordert"
        if w.startswith("bericht") and self._on_a_topic(k):
            return False  # "berichtete über die Proteste": what it was about, not what was said
        if w.startswith("forder") and self._first_following(k, _CASUALTIES) is not None:
            return False  # "Das Erdbeben forderte 30 Menschenleben": lives lost, no demand
        if w.startswith(_OBJECT_REPORTS):
            return True
        # calling something something: "Die Gewerkschaft bezeichnete den Streik als Erfolg"
        return judges(w) and self._als_complement(k)

    def _on_a_topic(self, k: int) -> bool:
        """The verb at k has an "über" object: after it in its clause, or opening the sentence
        ("Über die Proteste berichtete die Zeitung"). "über" before a number is "more than" ("über
        40 Verletzte"): what was reported."""
        at = self._first_following(k, {"über"})
        if at is None:
            first = self.doc.token_at(self.doc.sentence(self.doc.tokens[k].start)[0])
            at = first if self._word(first) == "über" else None
        toks = self.doc.tokens
        return at is not None and not any(t.text[:1].isdigit() for t in toks[at + 1 : at + 3])

    def _sentence_span(self, s: int, e: int) -> tuple[int, int] | None:
        text = self.doc.text
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".!?"):
            e -= 1
        return (s, e) if len(_WORD.findall(text[s:e])) >= 4 else None

    def _nach_noun(self, k: int) -> bool:
        """Angaben, Aussagen, … also as the head of a compound ("nach israelischen Militärangaben",
        "nach Expertenmeinung", "nach Medienberichten")."""
        w = self._word(k)
        return w in NACH_NOUNS or (self.doc.tokens[k].is_capitalized and w.endswith(_COMPOUND_HEADS))

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

    def _subjunctive(self, s: int, e: int) -> bool:
        """The sentence speaks in reported mood: a Konjunktiv form, "soll(en)", or a third-person
        Konjunktiv I next to its pronoun ("nehme er", "er gehöre"), which ends in -e."""
        tokens = self.doc.token_range(s, e)
        for k in tokens:
            w = self._word(k)
            if (w in SUBJUNCTIVE or w in REPORTIVE) and not self._first_person(k, tokens):
                return True
            if w in ("er", "sie", "es", "man"):
                for j in (k - 1, k + 1):
                    if j in tokens and self._konjunktiv_i(j):
                        return True
        return self._second_konjunktiv_i(tokens)

    def reported_mood(self, s: int, e: int) -> bool:
        """[s, e) speaks in reported mood (the clause layer asks it of what follows a comma)."""
        return self._subjunctive(s, e)

    def _first_person(self, k: int, tokens: range) -> bool:
        """ "ich" next to the verb: "ich habe", "habe ich" are the indicative."""
        return (k - 1 in tokens and self._word(k - 1) == "ich") or (k + 1 in tokens and self._word(k + 1) == "ich")

    def _second_konjunktiv_i(self, tokens: range) -> bool:
        """Verb second after a one-word first constituent, in Konjunktiv I: "Dies bedeute …",
        "Allerdings verlagere sich die Nachfrage". A word in "-e" there that a lower-case word
        follows is the verb; an adjective would be followed by its noun ("Das neue Gesetz")."""
        if len(tokens) < 3:
            return False
        first, verb, after = tokens.start, tokens.start + 1, tokens.start + 2
        opens = self._word(first) in _ONE_WORD_CONSTITUENTS or self._word(first) in ADVERBS
        return opens and self._konjunktiv_i(verb) and not self.doc.tokens[after].is_capitalized

    def _konjunktiv_i(self, k: int) -> bool:
        text, w = self.doc.tokens[k].text, self._word(k)
        return (
            text.islower()
            and len(w) >= 4
            and w.endswith("e")
            and not w.endswith("te")  # "regnete es", "sagte er": the past tense, indicative
            and w != "wurde"  # the past of "werden", indicative too
            and w not in _CLOSED_CLASS
            and w not in {"keine", "seine", "ihre", "diese", "jede", "alle", "viele", "beide", "eine", "ohne", "gerne"}
        )

    def _quoted_sentence(self, s: int, e: int) -> bool:
        return self.doc.quote_within(s, e)
