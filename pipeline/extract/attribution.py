"""Who said each quote: a cue verb next to the quote (after it, before it in the same sentence, or
ending the previous sentence with a colon), a dash byline, then quote chains with no cue."""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from pipeline.extract import lexicon
from pipeline.extract.document import Doc
from pipeline.extract.lang import fr
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import ROLE_WORDS, Speaker, SpeakerFinder
from pipeline.extract.text import before_spaces, has_words

_AFTER_REACH = 14  # tokens after a closing mark in which the cue must appear
_APPOSITIVE_REACH = 30  # tokens of appositives and a relative clause between a name and its cue
_NAME_JOINERS = frozenset({".", "-", "de", "van", "von", "der", "bin", "al", "la", "le", "du", "da"})


class Attribution(NamedTuple):
    """A speaker and the cue that names them (a NamedTuple: dozens per article)."""

    speaker: Speaker
    cue: str
    cue_start: int
    confidence: float

    @property
    def actor(self) -> int:
        return self.speaker.actor


def prev_content(doc: Doc, i: int) -> int:
    """Index of the token before i, skipping adverbs and auxiliaries ("has also said", "a déclaré")."""
    j = i - 1
    intl = doc.lower[i] in lexicon.CUE_VERBS_INTL
    while j >= 0 and (doc.adverb(j) or (intl and doc.lower[j] in lexicon.AUXILIARIES_INTL)):
        j -= 1
    return j


_CASUALTIES = frozenset({"lives", "life"})  # what a disaster "claims"
_FINITE_AFTER_SUBJECT = frozenset("is was are were had have has would could will might may can".split())


def inverted_pronoun(word: str) -> str | None:
    """ "a-t-il" / "dit-elle" -> "il" / "elle": French inversion carries the speaker in the verb."""
    head, _, pronoun = word.rpartition("-")
    return pronoun if head and pronoun in lexicon.INVERTED_PRONOUN_SUFFIXES else None


def is_cue(doc: Doc, i: int) -> bool:
    """Token i is a cue verb here (memoised per document: every window asks about the same tokens)."""
    mask = doc.cue_mask
    if mask[i] is None:
        mask[i] = _is_cue(doc, i)
    return bool(mask[i])


def _capitalised_mid_sentence(doc: Doc, i: int) -> bool:
    return doc.tokens[i].is_capitalized and doc.sentence(doc.tokens[i].start)[0] != doc.tokens[i].start


def _is_cue(doc: Doc, i: int) -> bool:
    word = doc.lower[i]
    if word not in lexicon.ANY_CUE_WORD and "-" not in word:
        return False  # most tokens: no lexicon knows them, so no sentence look-up either
    if _capitalised_mid_sentence(doc, i):
        # "Wayne State University": a capitalised word mid-sentence is a name, not a verb; except in
        # a headline set in title case ("Obama Says Museum Will Open", "…, Graham Says")
        return word in _HEADLINE_CUES and _title_case_paragraph(doc, i)
    if word in lexicon.CUE_VERBS_EN:
        if word.startswith("claim") and _claims_lives(doc, i):
            return False  # "The storm claimed two lives": lives lost, nothing said
        j = prev_content(doc, i)
        before = doc.lower[j] if j >= 0 else ""
        if doc.lower[i - 1 : i] and doc.lower[i - 1] in _NOUN_MARKERS:
            return False  # "the report", "his tweets"
        if word in lexicon.AMBIGUOUS_NOUN_FORMS:
            if any(
                doc.lower[k] in _PREPOSITIONS and doc.lower[k + 1] in _NOUN_MARKERS for k in range(max(0, i - 3), i - 1)
            ):
                return False  # "said in her opening remarks that …": a noun inside a prepositional phrase
            if i + 1 < len(doc.tokens) and doc.lower[i + 1] == "that":
                return True  # "a poll shows that …": a noun is not followed by its clause
            if word.endswith("s") and _inverted_after_quote(doc, i):
                return True  # "“…,” comments Ana Lima": the verb between a quote and its subject
            if word in ("shows", "finds") and before in lexicon.RECORD_NOUNS:
                return True  # "the poll shows Clinton ahead"
            # a name before it is the subject, but not a possessive: "Clinton's remarks" is a noun
            # ("Trump's claim that …" above is a claim of Trump's, reported like speech)
            return j >= 0 and _subject_agrees(doc, j, word)
        return True
    if word in lexicon.CUE_VERBS_INTL or word in _ONE_WORD_SOURCES:
        return True
    if (pronoun := inverted_pronoun(word)) is not None:
        head = word[: -len(pronoun) - 1].removesuffix("-t")
        return head in lexicon.CUE_VERBS_INTL or head in fr.INVERTED_AUXILIARIES
    return i + 1 < len(doc.tokens) and f"{word} {doc.lower[i + 1]}" in lexicon.CUE_PHRASES


def _claims_lives(doc: Doc, i: int) -> bool:
    """ "lives" or "life" within the next four words of "claim", as its object ("claimed at least 30
    lives", "claimed the life of"), not a clause's subject ("claimed lives were at risk")."""
    lower = doc.lower
    for k in range(i + 1, min(i + 5, len(lower))):
        if lower[k] in _CASUALTIES:
            return k + 1 >= len(lower) or lower[k + 1] not in _FINITE_AFTER_SUBJECT
    return False


def _inverted_after_quote(doc: Doc, i: int) -> bool:
    """Token i follows a quote's closing mark (and its comma) and a name or a determiner follows
    it: "“…,” notes Ana Lima", "“…,” comments the report"."""
    k = i - 1
    if k >= 0 and doc.tokens[k].text == ",":
        k -= 1
    if k < 0 or not doc.quoted[k] or i + 1 >= len(doc.tokens) or doc.quoted[i]:
        return False
    return doc.tokens[i + 1].is_capitalized or doc.lower[i + 1] in _NOUN_MARKERS


def _subject_agrees(doc: Doc, j: int, word: str) -> bool:
    """Token j can be the subject of the ambiguous form `word`: a name or a pronoun that agrees
    with it. A capitalised determiner or modifier opening the sentence ("Some states", "Western
    states") makes a noun phrase, and a base form after a singular name is a compound noun
    ("Minnesota state delegate", "the Clinton report"), not a verb ("Republicans claim" is)."""
    before = doc.lower[j]
    if before in _PRONOUN_SUBJECTS:
        return before not in ("he", "she", "it") or word.endswith("s")
    if before == "to" or before in _QUANTIFIERS:  # "to attack", "Many fear" (but "Some states")
        return not word.endswith("s")
    tok = doc.tokens[j]
    adjective = lexicon.is_demonym(before) and not before.endswith("s")  # "Republican state", not "Republicans"
    if not tok.is_capitalized or _possessive(tok.text) or before in _NOUN_MODIFIERS or adjective:
        return False
    return word.endswith("s") or before.endswith("s")


def _possessive(word: str) -> bool:
    """ "Clinton's", "Trump’s": what follows is the owner's noun ("Clinton's remarks"), not a verb."""
    return word.endswith(("'s", "’s"))


# Determiners, quantifiers and modifiers that open a noun phrase when capitalised at a sentence start.
_QUANTIFIERS = frozenset("some many most all several both few others".split())
_NOUN_MODIFIERS = _QUANTIFIERS | frozenset(
    "other these those any each every such more western eastern northern southern federal state local national".split()
)
_RELATIVE_SUBJECTS = frozenset({"who", "which", "that"})
# Cues that stand before their subject after a quote ("…, said X", "…, wrote X").
_INVERTING_CUES = frozenset("said says added adds wrote writes asked asks explained noted recalled".split())
# What someone issues that then says something: "released a statement saying …".
_STATEMENT_NOUNS = frozenset(
    "statement statements letter letters release email emails tweet tweets post posts ad ads video message "
    "memo note report op-ed editorial column filing complaint petition".split()
)
# Verbs that report written words only right after them: "“…,” the editorial read", "read one".
_WRITTEN_CUES = frozenset({"read", "reads"})
_HEADLINE_CUES = frozenset("says said tells warns urges claims slams blasts vows calls".split())


def _title_case_paragraph(doc: Doc, i: int) -> bool:
    para = doc.token_range(*doc.paragraph(doc.tokens[i].start))
    words = [t.text for t in doc.tokens[para.start : para.stop] if t.text[0].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def is_object_cue(doc: Doc, i: int) -> bool:
    """Token i is a verb whose object is what was said or meant ("wants to …", "called for …").
    These words are nouns as often as verbs, so the word before must be a name or a pronoun
    (after adverbs and auxiliaries) unless the form is a past tense."""
    word = doc.lower[i]
    if word not in lexicon.OBJECT_CUES or (i > 0 and doc.lower[i - 1] in _NOUN_MARKERS):
        return False
    if _capitalised_mid_sentence(doc, i):
        return False
    j = prev_content(doc, i)
    return j >= 0 and (word.endswith("ed") or doc.tokens[j].is_capitalized or doc.lower[j] in lexicon.SUBJECT_PRONOUNS)


def _is_sentence_end(doc: Doc, k: int) -> bool:
    tok = doc.tokens[k].text
    if tok in ("!", "?", ";"):
        return True
    if tok != ".":
        return False
    prev = doc.lower[k - 1] if k > 0 else ""
    nxt = doc.tokens[k + 1].text if k + 1 < len(doc.tokens) else ""
    if nxt in (")", ",") or nxt[:1].islower():
        return False  # "(D-Mo.) said", "U.S. officials"
    return prev not in _ABBREVIATIONS and not (len(prev) == 1 and prev.isalpha())


_NOUN_MARKERS = frozenset("the a an his her their its our my your this that these those of ’s 's".split())
_PREPOSITIONS = frozenset("in on at during with of from after before".split())
_ABBREVIATIONS = frozenset("sen rep gov gen lt col sgt capt maj dr mr mrs ms st jr sr prof rev del adm".split())
_SUBORDINATORS = frozenset("when while because although though since until unless whereas if".split())
_COORDINATORS = frozenset({"and", "but", "then", "before", "after", "while", "as", ","})
_BE = frozenset("be been being is are was were am 's 're".split())
# unions asked per token, made once (an expression "x in A | B" builds the union at every test)
_BE_OR_AUXILIARY = _BE | lexicon.AUXILIARIES_EN
_PASSIVE_BE = _BE - {"'s", "am"}  # ("she's said" is "she has said")
_IRREGULAR_PARTICIPLES = frozenset("told said shown given written spoken taught".split())
_SPEAKER_PASSIVES = frozenset({"quoted", "cited"})  # "was quoted as saying": the subject speaks
_QUOTED = _SPEAKER_PASSIVES | {"reported"}  # "was reported as saying"
_MAX_QUOTING_AGENT = 6  # tokens of "by state media" between the participle and "as"
_LINKING_WORDS = _COORDINATORS | {"to", "by"}
_PRONOUN_SUBJECTS = lexicon.SUBJECT_PRONOUNS | {"it", "you"}
_ONE_WORD_SOURCES = lexicon.ACCORDING_TO - {"according", "по"}  # "selon", "laut"


def cue_width(doc: Doc, i: int) -> int:
    nxt = doc.lower[i + 1] if i + 1 < len(doc.tokens) else ""
    return 2 if f"{doc.lower[i]} {nxt}" in lexicon.CUE_PHRASES else 1


_LEAD_WINDOW = 1000  # characters: far more than two words


class Attributor:
    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        self.doc = doc
        self.finder = finder
        self.resolved: list[Attribution | None] = []
        self.used_cues: set[int] = set()  # token indexes of cues that attributed a quote
        self._memo_free_cues: list[int] | None = None

    def _attribution(self, i: int, span: tuple[int, int] | None, confidence: float) -> Attribution | None:
        if span is None:
            return None
        speaker = self._speaker(span, i)
        conf = confidence * (0.9 if speaker.pronoun else 1.0) * (1.0 if speaker.actor >= 0 else 0.8)
        return Attribution(speaker, self.doc.tokens[i].text, self.doc.tokens[i].start, round(conf, 3))

    def _speaker(self, span: tuple[int, int], i: int) -> Speaker:
        """The subject phrase `span` of the verb at token i, resolved."""
        speaker = self.finder.resolve(span)
        rel = self._relative_subject(span[1], i)
        if rel is not None:  # "Jeb Bush, who said …": written "who", meaning Jeb Bush
            tok = self.doc.tokens[rel]
            speaker = speaker._replace(mention=tok.text, start=tok.start, end=tok.end)
        return speaker

    def _relative_subject(self, after: int, i: int) -> int | None:
        """The relative pronoun between a subject phrase ending at token `after` and cue i, when
        only adverbs and auxiliaries separate it from the cue ("the agency, which has said"): the
        speaker as written at the cue, standing for that phrase."""
        lower = self.doc.lower
        for k in range(i - 1, after - 1, -1):
            if lower[k] in _RELATIVE_SUBJECTS:
                return k
            if not (self.doc.adverb(k) or lower[k] in lexicon.AUXILIARIES_EN):
                return None
        return None

    def subject_of_cue(self, i: int, confidence: float) -> Attribution | None:
        """The speaker of cue token i from its left: its subject phrase, or the sentence subject
        when the cue is a gerund, an infinitive or a coordinated verb ("… and said")."""
        doc = self.doc
        j = prev_content(doc, i)
        if self._agentless_passive(i):
            return None
        if j > 0 and doc.lower[j] == "as" and (quoted := self._quoted_subject(j)) is not None:
            return self._attribution(i, quoted, confidence)  # "The minister was quoted as saying …"
        if j >= 0 and doc.lower[j] == ",":  # "Culpepper, who runs the effort, said": an appositive first
            found = self._attribution(i, self.finder.subject_before(i), confidence)
            if found:
                return found
        if doc.lower[i].endswith("ing") and j >= 0 and doc.lower[j] in _BE:
            # progressive, not a participial clause: "critics had been predicting" has its own subject
            k = j
            while k > 0 and doc.lower[k - 1] in _BE_OR_AUXILIARY or doc.adverb(k - 1):
                k -= 1
            found = self._attribution(i, self.finder.subject_before(k), confidence)
            if found:
                return found
        linked = j >= 0 and doc.lower[j] in _LINKING_WORDS  # ", saying", "and said"
        if doc.lower[i].endswith("ing") or linked:
            # "she released a statement saying …": a participle after a noun is what the subject
            # of the verb before it put out
            after_noun = not linked and j >= 0 and doc.lower[j] in _STATEMENT_NOUNS
            speaker = (self._clause_subject(j if linked else i) if linked or after_noun else None) or (
                self.finder.sentence_subject(i)
            )
            return Attribution(speaker, doc.tokens[i].text, doc.tokens[i].start, confidence * 0.85) if speaker else None
        return self._attribution(i, self.finder.subject_before(i), confidence)

    def _quoted_subject(self, as_: int) -> tuple[int, int] | None:
        """The subject of "was quoted (by state media) as saying", "is reported as telling": the
        one quoted speaks, not the medium that quotes them. as_ is the token "as"."""
        doc, lower = self.doc, self.doc.lower
        p = next((k for k in range(as_ - 1, max(-1, as_ - _MAX_QUOTING_AGENT - 2), -1) if lower[k] in _QUOTED), -1)
        if p < 0 or (p + 1 < as_ and lower[p + 1] != "by"):
            return None
        if any(not lower[k][:1].isalnum() for k in range(p + 1, as_)):
            return None  # ("quoted by the paper, as saying": not one phrase)
        k = p - 1
        while k >= 0 and doc.adverb(k) and lower[k] not in _PASSIVE_BE:
            k -= 1
        return self.finder.subject_before(p) if k >= 0 and lower[k] in _PASSIVE_BE else None

    def _agentless_passive(self, i: int) -> bool:
        """ "The mayor was told that …", "Residents were also asked whether …": the subject of a
        cue in the passive is its listener or its topic, not its speaker. Not "was quoted as
        saying" (the one quoted speaks), nor with an agent ("by …")."""
        doc = self.doc
        word = doc.lower[i]
        if not (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES) or word in _SPEAKER_PASSIVES:
            return False
        if i + 1 < len(doc.tokens) and doc.lower[i + 1] == "by":
            return False
        k = i - 1  # back over the auxiliaries and adverbs before the cue: "has also been", "were"
        while k >= 0 and doc.adverb(k):
            if doc.lower[k] in _PASSIVE_BE:
                return True
            k -= 1
        return False

    def _clause_subject(self, i: int) -> Speaker | None:
        """ "Mrs. Clinton echoed the criticism, saying …", "the affidavit cited interviews with
        Fields and said …": a participle or a coordinated cue shares the subject of the verb before
        it in its sentence (a cue or a past tense), not the first name the sentence mentions. i is
        the link: the comma before the participle, the "and" before the cue."""
        doc = self.doc
        start = doc.token_at(doc.sentence(doc.tokens[i].start)[0])
        for k in range(i - 1, max(start, i - 25) - 1, -1):
            word = doc.lower[k]
            if doc.quoted[k] or word in (";", ":"):
                return None
            if word in lexicon.AMBIGUOUS_NOUN_FORMS:
                continue  # "the Orlando attacks": no verb
            verb = is_cue(doc, k) or is_object_cue(doc, k) or (word.endswith("ed") and len(word) > 4 and word.isalpha())
            if verb and k > start and doc.lower[k - 1] not in _NOUN_MARKERS:
                span = self.finder.subject_before(k)
                if span is None:
                    return None
                speaker = self._speaker(span, k)  # "Mitt Romney, who campaigned … and sought …"
                return speaker if speaker.actor >= 0 or speaker.pronoun else None
        return None

    def _after(self, q: QuoteSpan) -> Attribution | None:
        """`«…,» Lavrov told` / `«…,» said Lavrov` / `«…,» he added` / `“…” ― Jorge Falcon`."""
        doc = self.doc
        para_end = doc.paragraph(q.outer_end - 1)[1]
        window = doc.token_range(q.outer_end, para_end)
        first = window.start
        while first < window.stop and doc.tokens[first].text in (",", "!", "?"):
            first += 1
        if first + 1 < window.stop and doc.tokens[first].text in "—–-" and is_cue(doc, first + 1):
            first += 1  # Russian: «…», — заявил Лавров
        dash = self.finder.dash_after(first)
        if dash:
            return self._attribution(first, dash, 0.85)
        if doc.text[q.start : q.end].rstrip().endswith(".") and not self._cue_sentence(first, window.stop):
            return None  # the sentence ended inside the quote (but “… missing.” Trump said.)
        if first >= window.stop or (first < window.stop and _is_sentence_end(doc, first)):
            return None
        appositive = self._name_then_appositives(first, window.stop)
        if appositive is not None:
            return appositive
        for i in range(first, min(window.stop, first + _AFTER_REACH)):
            if _is_sentence_end(doc, i) or doc.quoted[i]:
                return None
            if doc.lower[i] in _SUBORDINATORS:
                return None  # "“…,” when Clinton blasted him": the cue belongs to another clause
            if not (is_cue(doc, i) or doc.lower[i] in _WRITTEN_CUES):
                continue
            self.used_cues.add(i)
            if inverted_pronoun(doc.lower[i]):  # « … », a-t-il ajouté / dit-elle
                return self._attribution(i, (i, i + 1), 0.9)
            lead = prev_content(doc, i) < first  # nothing but adverbs between quote and cue
            if lead:  # inverted: "said Lavrov", "said the city's mayor"
                return self._attribution(i, self.finder.object_after(i + cue_width(doc, i) - 1), 0.9)
            span = self.finder.subject_before(i)
            if span and doc.tokens[span[0]].start >= q.outer_end:
                return self._attribution(i, span, 0.95)
            if doc.lower[first] in _COORDINATORS:
                return self.subject_of_cue(i, 0.8)
            if doc.lower[i - 1] == "," and doc.lower[i] in _INVERTING_CUES:
                # “We’re extremely happy” about the decision, said RoseAnn DeMoro: the quoted words
                # go on outside the marks, then the inverted attribution
                return self._attribution(i, self.finder.object_after(i), 0.8)
            return None
        return None

    def _name_then_appositives(self, first: int, stop: int) -> Attribution | None:
        """“…,” Harry Bond, 30, of Raleigh, N.C., who was among those polled, said: a name set off
        by a comma, appositives and a relative clause, then the cue. The speaker is the name."""
        doc = self.doc
        end = self.finder.name_before_comma(first, stop, _NAME_JOINERS)
        if end is None:
            return None
        for i in range(end + 1, min(stop, end + _APPOSITIVE_REACH)):
            if _is_sentence_end(doc, i) or doc.quoted[i] or doc.tokens[i].text in ("“", '"'):
                return None
            if is_cue(doc, i) and doc.lower[i - 1] == "," and doc.lower[i] not in _SUBORDINATORS:
                self.used_cues.add(i)
                return self._attribution(i, (first, end), 0.9)
        return None

    def _cue_sentence(self, first: int, stop: int) -> bool:
        """A short sentence of a speaker and a cue only ("Trump said.") after a quote that ended
        its own sentence: a copy-editing slip for “…,” Trump said."""
        doc = self.doc
        for i in range(first, min(stop, first + 6)):
            if _is_sentence_end(doc, i):
                return i > first + 1 and is_cue(doc, i - 1) and doc.tokens[first].is_capitalized
        return False

    @property
    def _free_cues(self) -> list[int]:
        """Every cue token outside the quotes, in order: one pass, so that the search for the cue
        before a quote is a bisection, not a walk back over its whole sentence for every quote."""
        if self._memo_free_cues is None:
            self._memo_free_cues = self._make_free_cues()
        return self._memo_free_cues

    def _make_free_cues(self) -> list[int]:
        doc = self.doc
        return [i for i in doc.cue_candidates if is_cue(doc, i) and not doc.quoted[i]]

    def cue_within(self, lo: int, hi: int) -> bool:
        """A cue outside the quotes among tokens [lo, hi): a bisection of the free cues."""
        cues = self._free_cues
        k = bisect_left(cues, lo)
        return k < len(cues) and cues[k] < hi

    def _before(self, q: QuoteSpan, lo: int) -> Attribution | None:
        """`Lavrov said: «…»` / `Trump told a host that he would know «within two weeks»`."""
        doc = self.doc
        tokens, cues = doc.token_range(lo, q.outer_start), self._free_cues
        for k in range(bisect_left(cues, tokens.stop) - 1, bisect_left(cues, tokens.start) - 1, -1):
            i = cues[k]
            if i in self.used_cues:
                continue
            att = self.subject_of_cue(i, 0.85)
            if att is None:
                obj = self.finder.object_after(i + cue_width(doc, i) - 1)
                # "said Lavrov: «…»" — the inverted subject must run up to the quote
                if obj and doc.text[doc.tokens[obj[1] - 1].end : q.outer_start].strip() in (":", ","):
                    att = self._attribution(i, obj, 0.8)
            if att:
                self.used_cues.add(i)
            return att
        return None

    def _in_sentence(self, q: QuoteSpan) -> Attribution | None:
        s, _ = self.doc.sentence(q.outer_start)
        return self._before(q, max(s, self.doc.paragraph(q.outer_start)[0]))

    def _after_colon(self, q: QuoteSpan) -> Attribution | None:
        """A quote opening its sentence after `…, she said:` ending the previous one."""
        doc = self.doc
        k = doc.token_at(q.outer_start) - 1
        if k < 0 or doc.tokens[k].text != ":":
            return None
        s, _ = doc.sentence(doc.tokens[k].start)
        return self._before(q, s) or self._colon_subject(k, s)

    def _colon_subject(self, k: int, s: int) -> Attribution | None:
        """ "Hillary Clinton addressed the supporters again: “…”": no verb of saying, but the
        colon hands the quote to the clause before it, whose subject opens the sentence."""
        speaker = self.finder.sentence_subject(k)
        if speaker is None or speaker.actor < 0:
            return None
        # only a title before the name: "Mayor Ana Lima", "Acme chief economist Ana Lima"
        title = self.doc.text[s : speaker.start].split()
        if len(title) > 5 or not all(w[:1].isupper() or w in ROLE_WORDS for w in title):
            return None
        return Attribution(speaker, ":", self.doc.tokens[k].start, 0.6)

    def _previous_sentence(self, q: QuoteSpan) -> Attribution | None:
        """`…, Schiff said. "…"`: a quote opening a sentence right after one that ends on its cue."""
        doc = self.doc
        s, _ = doc.sentence(q.outer_start)
        para_start = doc.paragraph(q.outer_start)[0]
        if s <= para_start or not doc.blank(s, q.outer_start):
            return None
        prev_start, _ = doc.sentence(s - 1)
        tokens = doc.token_range(max(prev_start, para_start), s)
        for i in reversed(tokens):
            if tokens.stop - i > 4:
                return None
            if is_cue(doc, i) and i not in self.used_cues and not doc.quoted[i]:
                if self._in_subordinate_clause(i, tokens.start):
                    return None  # "…,” Obama said at the gala, where Mrs. Clinton also spoke. “…”
                return self.subject_of_cue(i, 0.75)
        return None

    def _in_subordinate_clause(self, i: int, start: int) -> bool:
        """Cue i stands in a relative or subordinate clause opened after the last comma before it."""
        for k in range(i - 1, max(start, i - 6) - 1, -1):
            word = self.doc.lower[k]
            if word in (",", ";", ":") or self.doc.quoted[k]:
                return False
            if word in _SUBORDINATORS or word in ("where", "who", "which", "whom", "whose"):
                return True
        return False

    def _embedded(self, q: QuoteSpan) -> bool:
        """True for a quote inside the reporter's sentence ("said the plan was “a disaster”")."""
        text, end = self.doc.text, q.outer_start
        s, _ = self.doc.sentence(end)
        start = max(s, self.doc.paragraph(end)[0])
        # the last stretch decides unless it holds a single word. Its words are counted only up to
        # the second, so a quote costs a short read, not a copy and a split of the stretch: a
        # sentence of many quotes asks it of each one
        lead = max(start, end - _LEAD_WINDOW)
        if not has_words(text, lead, end, 2) and (lead == start or not has_words(text, start, end, 2)):
            return False
        return text[before_spaces(text, end, start)] not in (":", ",")

    def _chain(self, qi: int) -> Attribution | None:
        """No cue: continue the previous quote's speaker in the same or the next paragraph."""
        if qi == 0 or self.resolved[qi - 1] is None:
            return None
        prev, q = self.doc.quotes[qi - 1], self.doc.quotes[qi]
        # where the previous quote ends: one running over paragraphs ends in a later one
        p_prev, p_cur = self.doc.paragraph_index(prev.outer_end - 1), self.doc.paragraph_index(q.outer_start)
        opens_paragraph = self.doc.blank(self.doc.paras[p_cur][0], q.outer_start)
        if p_cur == p_prev or (p_cur == p_prev + 1 and opens_paragraph):
            att = self.resolved[qi - 1]
            assert att is not None
            return Attribution(att.speaker, att.cue, att.cue_start, round(att.confidence * 0.7, 3))
        return None

    def _previous_paragraph(self, q: QuoteSpan) -> Attribution | None:
        """A paragraph that is one quote and nothing else, after a paragraph of narration about a
        person ("Roth took the stage at noon." then "“We are ready …”"): that person speaks."""
        doc = self.doc
        k = doc.paragraph_index(q.outer_start)
        p_start, p_end = doc.paras[k]
        # (a multi-paragraph quote ends in a later paragraph: then nothing of this one follows it)
        if k == 0 or not doc.blank(p_start, q.outer_start) or not doc.blank(q.outer_end, p_end):
            return None
        prev_start, prev_end = doc.paras[k - 1]
        if doc.quoted_chars(prev_start, prev_end) or doc.quote_at(prev_end - 1) is not None:
            return None
        speaker = self.finder.paragraph_subject(prev_start, prev_end)
        return Attribution(speaker, "", -1, 0.5) if speaker is not None else None

    def run(self) -> list[Attribution | None]:
        for qi, q in enumerate(self.doc.quotes):
            if self._embedded(q):
                att = self._in_sentence(q) or self._after(q) or self._chain(qi)
            else:
                att = (
                    self._after(q)
                    or self._after_colon(q)
                    or self._in_sentence(q)
                    or self._previous_sentence(q)
                    or self._chain(qi)
                    or self._previous_paragraph(q)
                )
            if att and att.actor >= 0:
                self.finder.recent.append(att.actor)
            self.resolved.append(att)
        return self.resolved
