"""Reported speech without quotation marks: "Lavrov stated that there are no plans …",
"The deal is off, officials said.", "According to the agency, prices rose."."""

from __future__ import annotations

from bisect import bisect_left
from typing import Callable, NamedTuple

from pipeline.extract import lexicon, roles
from pipeline.extract.attribution import Attribution, Attributor, cue_width, is_cue, is_object_cue, prev_content
from pipeline.extract.document import Doc
from pipeline.extract.model import ActorType
from pipeline.extract.speakers import Speaker
from pipeline.extract.text import has_words

_MIN_WORDS = 3
_OPENING_PHRASE_WORDS = 6  # "Fundraising, according to …, has surged": the subject or an adverbial
# verbs whose first object is the listener, not the content: "told reporters that …"
_LISTENER_VERBS = frozenset(
    "tell told tells telling warn warned warns urge urged remind reminded assure assured inform informed "
    "ask asked".split()
)
_NOT_CLAUSE_START = frozenset(
    "in on at during to with about for from by of into over after before as via through . , ; : ! ? ( ) — – -".split()
)
_DAY_WORDS = lexicon.DAY_WORDS
# prepositions that attach a phrase to a source ("a statement from the company", "data by the agency")
_SOURCE_ATTACHMENTS = frozenset("from by of at in on for with".split())
_MAX_ATTACHMENT = 12  # tokens of the attached phrases, up to the comma
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_PARTS_OF_DAY = frozenset("morning afternoon evening night".split())
_PERIODS = frozenset("week month year weekend".split())
_TIME_DETERMINERS = frozenset({"last", "this", "next"})
# what "last"/"this"/"next" make a time phrase of, right after a cue ("said last week …")
_TIME_NOUNS = _DAYS | _PARTS_OF_DAY | _PERIODS | frozenset("spring summer fall winter".split())
_END_PUNCT = ".!?;:…"
_TAIL_WINDOW = 1000  # characters: far more than four words
# after a sentence-final cue, phrases opening with these attach to the cue ("said in a statement")
_TAIL_PREPOSITIONS = frozenset("in at on during after before to with from via through over outside following".split())
_MAX_ADVERBIAL_TAIL = 12  # words of such phrases
_FEEL = frozenset({"feel", "feels", "felt"})  # also a copula: "feel betrayed", "felt very let down"
# what may follow a sentence-final "feel" that reports: a preposition or a time phrase ("felt at the
# time", "feel today", "felt last year")
_FEEL_TAILS = _TAIL_PREPOSITIONS | _DAYS | _DAY_WORDS | _TIME_DETERMINERS | {"earlier", "later", "now", "then"}
# the verbs of saying proper, which take no prepositional object ("believe in", "insist on" do)
_SAY_VERBS = frozenset(
    "say says said tell tells told write writes wrote add adds added state states stated note notes noted "
    "explain explains explained announce announces announced".split()
)
# what opens a subordinate clause at a sentence's start ("While …, …"): not "as" ("As she said, …")
_OPENING_SUBORDINATORS = frozenset(
    "while although though whereas because since if unless when once after before".split()
)
_THEN = frozenset({"then"})
# verbs whose "that" may be an object with its complement ("called that a disgrace")
_COMPLEMENT_VERBS = frozenset(
    "call calls called label labels labeled labelled brand brands branded term terms termed describe describes "
    "described characterize characterizes characterized characterise characterises characterised dub dubs "
    "dubbed rate rates rated".split()
)
# words that open a clause's subject after "that" (besides a name)
_SUBJECT_OPENERS = frozenset(
    "the a an this these those his her its their our my your he she it they we i you there some no many most "
    "all both every each nobody everyone everybody someone somebody nothing something everything".split()
)
# words that open a clause of its own: a tail holding one says more than where or when it was said
_CLAUSE_OPENERS = frozenset(
    "that which who whom whose when where whether because but and or if although though while since so until "
    "unless as".split()
)
_ADJUNCT_OPENERS = frozenset(
    "during after before when while because since amid despite following until although though".split()
)
_TIME_OPENERS = frozenset("on in last this next early late earlier".split())
_TIME_WORDS = lexicon.MONTHS | _DAYS | _PARTS_OF_DAY | _PERIODS | frozenset({"today", "yesterday"})
_CLAUSE_BREAKS = frozenset({"but", "while", "although", "though", "whereas", "yet"})
_BREAK_WORDS = frozenset({"and", "but", ";", "—", "–", "―"})  # (a mark's lower case is itself)
_PAIRED_DASHES = frozenset({"—", "–", "―"})
_RELATIVE_SPEAKERS = frozenset({"who", "which"})
# finite verbs that open a main clause after a comma
_FINITE = lexicon.AUXILIARIES_EN | {"is", "was", "are", "were", "can", "does", "did"}
_COMMA = frozenset({","})
_DASHES = frozenset({"—", "–", "-"})  # a dash right after "that" opens a parenthetical of its own
_MAX_PARENTHETICAL = 8  # words of an adverbial set off by commas between a cue and "that"
_CLAUSE_MARKS = frozenset({";", ":", "(", ")", "—", "–"})
_QUESTION_WORDS = frozenset({"how", "why", "whether", "what", "when", "where"})
_ASKED = _QUESTION_WORDS | {"if"}  # what opens a question after "asked": "asked if the plan …"
_SHOW = frozenset({"show", "shows", "showed", "shown", "found", "finds", "suggests", "suggested", "indicates"})
_ASK_VERBS = frozenset({"ask", "asks", "asked", "asking", "wondered", "wonders", "questioned"})
_REQUEST_VERBS = frozenset("ask asks asked asking urge urges urged urging tell tells told telling".split())
_OPENING_MARKS = frozenset("\"“„«‘'")
_CLOSING_MARKS = frozenset("\"”»’'")
# words that open a noun phrase object after a cue, not an adjunct: "expects more growth"
_OBJECT_OPENERS = frozenset("more less the a an his her their its our my this that these those some no".split())
_POSSESSIVES = ("’s", "'s", "s’", "s'")
_VIEW_NOUNS = frozenset("view opinion estimate estimation assessment judgment judgement words".split())
_PHRASE_ENDS = frozenset({",", ".", ";", "!", "?"})
_ROLE_JOINERS = frozenset("of the and for at ’s 's".split())
_MAX_ROLE_PHRASE = 12  # tokens of an owner, a role and a name after an inverted cue
_WH_WORDS = frozenset("who whom whose which what where when how why".split())
_CLAUSE_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i", "there"})
_SPEAKER_OPENERS = frozenset("a an the one two three several some many officials".split())
_ARTICLES = frozenset({"a", "an", "the"})
_CALL = frozenset({"call", "calls", "called", "calling"})
_POSSESSIVE_DETERMINERS = frozenset("his her their its our my your".split())
_DETERMINERS_THEN_NOUN = frozenset("the this that these those".split()) | _POSSESSIVE_DETERMINERS
_COMPLEMENT_OPENERS = _ARTICLES | _POSSESSIVE_DETERMINERS  # of what it is called
_ADJECTIVE_SUFFIXES = ("ful", "ous", "al", "ive", "ic", "able", "ible", "ent", "ant", "less", "ed", "ing", "ary")
_PREPOSITIONS_OF_AN_OBJECT = frozenset({"in", "of", "on", "at", "for", "with"})  # "corruption in politics"
# after "called X": a preposition, a particle or a time, not what X is called
_NOT_A_COMPLEMENT = frozenset(
    "to into in on at for from with by about after before during over back up out off down home again "
    "last next this yesterday today tonight and or but because when while as".split()
)
# what opens a phrase about a source after its comma (an article may open the clause's subject instead)
_APPOSITION_OPENERS = frozenset({"one", "which", "who", "whose"})
_POLLS = frozenset({"poll", "polls", "survey", "surveys"})
_NP_OPENERS = frozenset("the a an this that these those his her their its our my some many most few".split())
_BE_DO = frozenset(
    "is are was were am can cannot can't won't don't doesn't didn't isn't aren't wasn't do does did".split()
)
# a phrase holding an auxiliary or a copula is a clause, not a speaker
_CLAUSE_VERBS = lexicon.AUXILIARIES_EN | _BE_DO | {"be", "been"}


def _uncontracted(word: str) -> str:
    """ "he’s" -> "he", "they're" -> "they"."""
    return word.split("’")[0].split("'")[0]


class Reported(NamedTuple):
    """Reported speech found around a cue (a NamedTuple: a dozen per article)."""

    start: int
    end: int
    attribution: Attribution
    # a clause interrupted by its attribution ("The plan, she said, will fail"): its two parts
    parts: tuple[tuple[int, int], ...] = ()


class IndirectFinder:
    def __init__(self, doc: Doc, attributor: Attributor) -> None:
        self.doc = doc
        self.attributor = attributor
        self._clauses: dict[int, tuple[int, int] | None] = {}  # clause() per cue token
        self._memo_breaks: list[int] | None = None

    def _content(self, start: int, end: int, quoted_ok: bool = False) -> tuple[int, int] | None:
        """The clause [start, end) trimmed of edge punctuation; None when too short, or (unless
        quoted_ok) mostly quoted: that is a quote's business."""
        text = self.doc.text
        while start < end and text[start] in " ,":
            start += 1
        while end > start and (text[end - 1] in _END_PUNCT or text[end - 1].isspace() or text[end - 1] in ","):
            end -= 1
        if not has_words(text, start, end, 1 if quoted_ok else _MIN_WORDS):
            return None
        if quoted_ok:
            return start, end
        quoted = self.doc.inner_quoted_chars(start, end)
        return None if quoted >= 0.5 * (end - start) else (start, end)

    def _first_within(self, j: int, sent_end: int, reach: int, wanted: Callable[[int], bool]) -> int:
        """Index of the first token in [j, j + reach) that is `wanted`, before the sentence ends,
        a quote or a comma, colon or semicolon intervenes; else -1."""
        doc = self.doc
        for k in range(j, min(len(doc.tokens), j + reach)):
            if doc.tokens[k].start >= sent_end or doc.quoted[k] or doc.tokens[k].text in ",;:":
                return -1
            if wanted(k):
                return k
        return -1

    def _that_within(self, j: int, sent_end: int, asking: bool = False) -> int:
        """A "that" or a question word within reach of j ("told reporters that", "said on Friday
        that", "told the host how surprised he was", "asked the students if they were …"); eight
        tokens hold a named listener and a time phrase ("told The New York Times Tuesday morning
        that")."""
        lower = self.doc.lower
        questions = _ASKED if asking else _QUESTION_WORDS
        return self._first_within(
            j, sent_end, 8, lambda k: lower[k] in lexicon.COMPLEMENTIZERS or (k > j and lower[k] in questions)
        )

    def _request(self, i: int, j: int, sent_end: int) -> bool:
        """ "asked the network to donate the profits", "urged supporters to run": cue i makes a
        request of the listener opening at token j; its content is the listener with the infinitive."""
        doc = self.doc
        if doc.lower[i] not in _REQUEST_VERBS:
            return False
        to = self._first_within(j + 1, sent_end, 7, lambda k: doc.lower[k] == "to")
        if to <= j or any(_uncontracted(doc.lower[k]) in _CLAUSE_SUBJECTS for k in range(j, to)):
            return False  # "told the crowd he expects to win": a clause, not a request
        return self._infinitive_at(to)

    def _subject_after_adjunct(self, j: int, sent_end: int) -> int:
        """ "said after the convention he would …", "told reporters on Friday they had …": the
        clause starts at the first subject pronoun after a short phrase; or at a determiner
        opening a subject with its finite verb after a short listener ("told reporters the fault
        was serious", "told the paper the plant would close")."""
        lower = self.doc.lower
        pronoun = self._first_within(j + 1, sent_end, 6, lambda k: _uncontracted(lower[k]) in _CLAUSE_SUBJECTS)
        if pronoun >= 0:
            return pronoun
        return self._subject_before_finite(j + 1, sent_end)

    def _subject_before_finite(self, j: int, sent_end: int) -> int:
        """The determiner opening the noun phrase right before the first finite auxiliary or "be"
        within seven tokens of j ("the vote the road would …": "the road"), -1 if none."""
        doc = self.doc
        lower = doc.lower
        finite = self._first_within(j, sent_end, 7, lambda k: lower[k] in lexicon.AUXILIARIES_EN or lower[k] in _BE_DO)
        if not doc.tokens[j - 1].text[0].isalnum() or any(lower[k] in _WH_WORDS for k in range(j, finite)):
            return -1  # "explain to her who Ali was": a question or a relative clause, not a subject;
            # "noted; the …": a new clause
        for k in range(finite - 1, j - 1, -1):
            if doc.lower[k] in _NP_OPENERS:
                return k if finite - k >= 2 else -1
            if not doc.tokens[k].text[0].isalnum() or is_cue(doc, k):
                return -1
        return -1

    def _quote_after_adjunct(self, j: int, sent_end: int) -> int:
        """The quote opening within a short phrase after the cue (a listener or an adjunct, no comma
        between): a partial quote's clause starts there, at its opening mark."""
        doc = self.doc
        for k in range(j + 1, min(len(doc.tokens), j + 7)):
            tok = doc.tokens[k]
            if tok.start >= sent_end or tok.text in ",;:":
                return -1
            if tok.text in _OPENING_MARKS and doc.quoted[k]:
                return k
        return -1

    def _forward(self, i: int, sent_end: int, quoted_ok: bool = False) -> tuple[int, int] | None:
        """Content after the cue: "said (that) …", "told reporters that …", "said on Friday that …".
        quoted_ok: the clause may start with or consist mostly of quoted words (a partial quote)."""
        doc = self.doc
        j = i + cue_width(doc, i)
        if j >= len(doc.tokens) or doc.tokens[j].start >= sent_end:
            return None
        if self._infinitive(i, j):  # "vowed to reverse job losses": the commitment is the content
            start = doc.tokens[j].start
            return self._content(start, self._object_end(start, sent_end), quoted_ok)
        if doc.lower[i] in lexicon.NEEDS_THAT and doc.lower[j] not in lexicon.COMPLEMENTIZERS:
            if not self._record_shows(i) and not self._clause_follows(j):
                return None
        j = self._after_time_phrase(j)  # "announced today that …", "said last week the plant …"
        if doc.tokens[j].text == "," and doc.lower[i] not in _LISTENER_VERBS and j + 1 < len(doc.tokens):
            j += 1  # "advisers to Mr. Obama say, the president has grown exasperated"
            j = self._after_parenthetical(j, sent_end)  # "said, without evidence, that …"
        elif doc.lower[i] in _ASK_VERBS and doc.lower[j] in _ASKED:
            pass  # "asked whether the plan would work": the question is what was said
        elif doc.lower[i] in _LISTENER_VERBS or doc.lower[j] in _NOT_CLAUSE_START:
            k = self._that_within(j, sent_end, asking=doc.lower[i] in _ASK_VERBS)
            listener = j
            j = k if k >= 0 else self._subject_after_adjunct(j, sent_end)
            if j < 0 and doc.lower[listener] not in _NOT_CLAUSE_START and self._request(i, listener, sent_end):
                start = doc.tokens[listener].start
                return self._content(start, self._object_end(start, sent_end), quoted_ok)
            if j < 0 and quoted_ok and doc.lower[i] not in lexicon.AMBIGUOUS_NOUN_FORMS:
                # "acknowledged in an MSNBC forum “it will be hard” if …" (not after "his remarks")
                j = self._quote_after_adjunct(listener, sent_end)
            if j < 0:
                return None
        if j < len(doc.tokens) and doc.lower[j] in lexicon.COMPLEMENTIZERS:  # "that": not what was said
            j += 1
        if j >= len(doc.tokens) or (doc.quoted[j] and not quoted_ok):
            return None
        start = doc.tokens[j].start
        end = self._clause_end(start, sent_end)
        return self._content(start, min(end, self._subordinate_end(i, j, sent_end)), quoted_ok)

    def _after_parenthetical(self, j: int, sent_end: int) -> int:
        """ "claimed, without evidence, that …", "said, however, that …": words set off by commas
        between the cue and "that" are an adverbial of the cue (j: the first of them). The index
        of the "that" when one follows the closing comma within reach; j otherwise."""
        doc = self.doc
        for k in range(j, min(len(doc.tokens) - 1, j + _MAX_PARENTHETICAL + 1)):
            if doc.tokens[k].start >= sent_end or doc.quoted[k] or doc.tokens[k].text in _CLAUSE_MARKS:
                return j
            if doc.tokens[k].text == ",":
                after = doc.tokens[k + 2].text if k + 2 < len(doc.tokens) else ""
                return k + 1 if k > j and doc.lower[k + 1] == "that" and after not in _DASHES else j
        return j

    def _subordinate_end(self, i: int, j: int, sent_end: int) -> int:
        """Where the subordinate clause that opens the sentence and holds cue i ends: the first
        comma outside quotation marks after what was said starts at token j ("While Trump said
        that he likes Cruz, he also …": what follows is the main clause); sent_end when the cue
        stands in no such clause."""
        doc = self.doc
        first = doc.token_at(doc.sentence(doc.tokens[i].start)[0])
        if first >= i or doc.lower[first] not in _OPENING_SUBORDINATORS or doc.first_of(_COMMA, first, i) is not None:
            return sent_end
        commas, stop = doc.positions(_COMMA), doc.token_at(sent_end)
        for k in range(bisect_left(commas, j), bisect_left(commas, stop)):
            if not doc.quoted[commas[k]]:
                return doc.tokens[commas[k]].start
        return sent_end

    def _after_time_phrase(self, j: int) -> int:
        """The token after a time phrase opening at token j right after a cue ("Tuesday", "today",
        "last week", "earlier this month"): an adverbial of the cue, not the start of what was
        said. j itself when there is none, or when nothing follows it in the sentence."""
        lower, n = self.doc.lower, len(self.doc.tokens)
        k = j
        if k < n and lower[k] in ("earlier", "later") and k + 1 < n and lower[k + 1] in _TIME_DETERMINERS:
            k += 1
        if k < n and lower[k] in _TIME_DETERMINERS and k + 1 < n and lower[k + 1] in _TIME_NOUNS:
            k += 2
        elif k < n and (lower[k] in _DAYS or lower[k] in _DAY_WORDS):
            k += 1
        else:
            return j
        if k < n and lower[k - 1] in _DAYS and lower[k] in _PARTS_OF_DAY:
            k += 1  # "Friday afternoon"
        if k >= n or not self.doc.tokens[k].text[:1].isalnum():
            return j  # "said last week.": the phrase ends the clause
        return k

    def _clause_follows(self, j: int) -> bool:
        """A clause opens at token j with a subject pronoun and its verb: "I think it's going to be
        fine", "they believe he can win" (a thinking verb without "that")."""
        doc = self.doc
        word = _uncontracted(doc.lower[j])
        if word not in _CLAUSE_SUBJECTS and self._subject_then_finite(j):
            return True
        if word not in _CLAUSE_SUBJECTS or j + 1 >= len(doc.tokens):
            return False
        contracted = word != doc.lower[j]  # "he's", "it’s"
        nxt = doc.lower[j + 1]
        return contracted or nxt in lexicon.AUXILIARIES_EN or nxt in _BE_DO or nxt.endswith(("ed", "s"))

    def _subject_then_finite(self, j: int) -> bool:
        """A noun phrase opens at token j (a name or a determiner) and a finite auxiliary or form
        of "be" follows within six words: "economists believe this provides …" does not, "think
        Clinton is at risk", "believe the case is clear" do."""
        doc = self.doc
        if not (doc.tokens[j].is_capitalized or doc.lower[j] in _NP_OPENERS):
            return False
        for k in range(j + 1, min(len(doc.tokens), j + 7)):
            word = doc.lower[k]
            if word in lexicon.AUXILIARIES_EN or word in _BE_DO:
                return True
            if not doc.tokens[k].text[0].isalnum() or word in lexicon.COMPLEMENTIZERS or word in ("and", "or", "of"):
                return False
            if is_cue(doc, k):
                return False  # "voters who know the mayor said …": the phrase is the subject of a cue
        return False

    def _infinitive(self, i: int, j: int) -> bool:
        """Cue i takes the to-infinitive starting at token j: "pledged to spend", "hopes to win"."""
        return self.doc.lower[i] in lexicon.INFINITIVE_CUES and self._infinitive_at(j)

    def _infinitive_at(self, j: int) -> bool:
        """Token j is the "to" of an infinitive: a lower-case verb follows, not an article."""
        doc = self.doc
        verb = j + 1
        if verb < len(doc.tokens) and doc.tokens[verb].text in _OPENING_MARKS and doc.quoted[verb]:
            verb += 1  # vowed to "bomb the hell" out of …: the quoted words are the infinitive's
        elif verb + 1 < len(doc.tokens) and doc.lower[verb] == "be" and doc.tokens[verb + 1].text in _OPENING_MARKS:
            return doc.lower[j] == "to"  # pledged to be "the greatest jobs president"
        return (
            doc.lower[j] == "to"
            and verb < len(doc.tokens)
            and doc.tokens[verb].text.isalpha()
            and doc.tokens[verb].text.islower()
            and doc.lower[verb] not in ("the", "a", "an", "his", "her", "their", "its", "be")
        )

    def _clause_end(self, start: int, end: int) -> int:
        """Where a reported clause ends inside its sentence: before "…, but", a dash or semicolon,
        "…, while/although …", or "and" + a second verb of the speaker ("said X and urged Y")."""
        doc = self.doc
        breaks = self._breaks
        inside_dashes = False
        for k in breaks[bisect_left(breaks, doc.token_at(start)) : bisect_left(breaks, doc.token_at(end))]:
            tok, word = doc.tokens[k], doc.lower[k]
            if doc.quoted[k] or tok.start == start:
                continue
            prev = doc.lower[k - 1]
            if tok.text in _PAIRED_DASHES and inside_dashes:
                inside_dashes = False  # the second dash of a pair: the clause goes on after it
                continue
            if tok.text in _PAIRED_DASHES and doc.text.find(tok.text, tok.end, end) > 0:
                inside_dashes = True  # "to ban all Muslims — 1.6 billion people — from …": a parenthesis
                continue
            if tok.text == ";" or tok.text in _PAIRED_DASHES or (prev == "," and word in _CLAUSE_BREAKS):
                return tok.start
            if prev == "," and (word in ("which", "who", "whose") or (word.endswith("ing") and is_cue(doc, k))):
                if word in ("which", "who") and not has_words(doc.text, start, doc.tokens[k - 1].start, _MIN_WORDS):
                    continue  # "said the decision, which struck down …, illustrates …": the subject's relative clause
                return doc.tokens[k - 1].start  # ", which …", ", saying …": the reporter's addition
            nxt = k + 1 < len(doc.tokens) and doc.tokens[k + 1]
            if word in ("and", "but") and nxt and doc.lower[k + 1] == "that":
                continue  # "said the plan was dead and that …": a second clause of the same cue
            if word in ("and", "but") and nxt and not doc.quoted[k + 1] and self._second_verb(k + 1):
                return tok.start
            if word in ("and", "but") and self._next_attribution(k + 1, end) and k - doc.token_at(start) >= 3:
                return tok.start  # "… and she accused Trump of …", "… and one in four said …"
        return end

    def _relative_clause_end(self, span: tuple[int, int]) -> tuple[int, int]:
        """What a cue inside a relative clause reports ends with that clause: at its first comma
        when the main clause's verb follows it ("The senator, who said the tax was unfair, told
        voters …"). A later comma may close a parenthesis of the clause's own ("…, who said the
        two men, and one in particular, must …")."""
        doc = self.doc
        k = doc.first_of(_COMMA, doc.token_at(span[0]), doc.token_at(span[1]))
        if k is None or k + 1 >= len(doc.tokens) or doc.quoted[k + 1] or doc.tokens[k].start <= span[0]:
            return span
        if doc.lower[k + 1] in _FINITE or self._second_verb(k + 1):
            return (span[0], doc.tokens[k].start)
        return span

    @property
    def _breaks(self) -> list[int]:
        """Indexes of the only tokens _clause_end acts on: a dash or semicolon, "and" or "but", and
        a word after a comma (token 0 comes after the last token, as _clause_end reads it)."""
        if self._memo_breaks is None:
            self._memo_breaks = self._make_breaks()
        return self._memo_breaks

    def _make_breaks(self) -> list[int]:
        doc = self.doc
        n = len(doc.tokens)
        after_commas = [k + 1 if k + 1 < n else 0 for k in doc.positions(_COMMA)]
        return sorted({*after_commas, *doc.positions(_BREAK_WORDS)})

    def _next_attribution(self, k: int, end: int) -> bool:
        """A short subject then a cue: a second attribution starts at token k."""
        doc = self.doc
        for j in range(k + 1, min(k + 5, doc.token_at(end) if end < len(doc.text) else len(doc.tokens))):
            if doc.tokens[j].text in (",", ".", ";", ":") or doc.quoted[j]:
                return False
            if is_cue(doc, j):
                return True
        return False

    def _second_verb(self, k: int) -> bool:
        """Token k starts a second verb phrase of the same subject: a cue or a past tense."""
        word = self.doc.lower[k]
        return is_cue(self.doc, k) or is_object_cue(self.doc, k) or (word.endswith("ed") and len(word) > 4)

    def clause(self, cue: int) -> tuple[int, int] | None:
        """The reported clause that cue token `cue` introduces, quoted words included: the content
        of a partial quote's statement ("said the deal was “a disaster” and “a shame”"). Asked
        once per partial quote, and the quotes of one cue share it: found once per cue."""
        if cue not in self._clauses:
            sent_end = self.doc.sentence(self.doc.tokens[cue].start)[1]
            self._clauses[cue] = self._forward(cue, sent_end, quoted_ok=True)
        return self._clauses[cue]

    def clause_before(self, cue: int, speaker_start: int) -> tuple[int, int] | None:
        """The clause a sentence-final attribution reports, quoted words included: 'Fundraising
        was “stagnant for a month” as donors waited, he said.' (the sentence up to the comma)."""
        doc = self.doc
        sent_start, sent_end = doc.sentence(doc.tokens[cue].start)
        if not self._ends_sentence(cue, sent_end) or speaker_start < sent_start:
            return None
        return self._backward(cue, sent_start, min(speaker_start, doc.tokens[cue].start), quoted_ok=True)

    def _around_parenthetical(
        self, i: int, att: Attribution, sent_start: int, sent_end: int, after: tuple[int, int] | None
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """ ", X said," in the middle of a sentence (commas on both sides, words before): the part
        before the attribution and the clause after it ("Greensboro, Sexton said, made him
        question …"); None when the cue is not set off so."""
        doc = self.doc
        nxt = self._comma_after_cue(i, sent_end)
        if nxt < 0 or not (doc.lower[i] in lexicon.CLAUSAL_CUES or doc.lower[i] in lexicon.NEEDS_THAT):
            return None
        phrase = self.attributor.finder.subject_before(i)  # "Mr. Brandt", not just the name inside it
        start = min(att.speaker.start, doc.tokens[phrase[0]].start) if phrase else att.speaker.start
        before = doc.text[sent_start:start].rstrip()
        if not before.endswith(",") or doc.in_quote(sent_start) or self._in_quote_between(sent_start, start):
            return None
        head_start = self._after_last_break(sent_start, sent_start + len(before) - 1)
        head = self._content(head_start, sent_start + len(before) - 1, quoted_ok=True)
        rest = doc.tokens[nxt].end
        tail = after or self._content(rest, self._clause_end(rest, sent_end), quoted_ok=True)
        if tail is not None and tail[0] < rest:
            return None
        return self._both_parts(head, tail)

    def _both_parts(
        self, head: tuple[int, int] | None, tail: tuple[int, int] | None
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The two parts of a clause around its attribution, when both exist and hold a clause's
        worth of words together."""
        if head is None or tail is None:
            return None
        words = len(self.doc.text[head[0] : head[1]].split()) + len(self.doc.text[tail[0] : tail[1]].split())
        return (head, tail) if words >= _MIN_WORDS else None

    def _comma_after_cue(self, i: int, sent_end: int) -> int:
        """The comma closing a parenthetical attribution: right after the cue, or after a short
        listener ("the partner told them, was simple"); -1 if none."""
        doc = self.doc
        nxt = i + cue_width(doc, i)
        reach = nxt + (4 if doc.lower[i] in _LISTENER_VERBS else 1)
        for k in range(nxt, min(reach, len(doc.tokens))):
            if doc.tokens[k].start >= sent_end or doc.quoted[k]:
                return -1
            if doc.tokens[k].text == ",":
                return k
            if doc.lower[k] in lexicon.COMPLEMENTIZERS or is_cue(doc, k):
                return -1
        return -1

    def _after_last_break(self, start: int, end: int) -> int:
        """Where the phrase ending at `end` begins: after the last comma, colon, semicolon or dash
        before it ("…, all of whom, she explained, needed …"), else at start."""
        doc = self.doc
        for k in reversed(doc.token_range(start, end)):
            if doc.tokens[k].text in (",", ";", ":", "—", "–", "-") and not doc.quoted[k]:
                return doc.tokens[k].end
        return start

    def _in_quote_between(self, start: int, end: int) -> bool:
        return any(self.doc.quoted[k] for k in self.doc.token_range(start, end))

    def _inverted(self, i: int, sent_start: int) -> Reported | None:
        """ "…, the race will be tight, said Dan Gerstein, director of …": a cue after a comma with
        its subject after it (a name or a determiner phrase, then a comma or the sentence end)
        reports the words before the comma."""
        doc = self.doc
        j = prev_content(doc, i)
        if j < 0 or doc.tokens[j].text != "," or doc.tokens[j].start <= sent_start:
            return None
        np = self.attributor.finder.object_after(i + cue_width(doc, i) - 1)
        if np is None:
            return None
        np = self._through_role(np)
        if not (doc.tokens[np[0]].is_capitalized or doc.lower[np[0]] in _SPEAKER_OPENERS or self._names_person(np)):
            return None  # "…, warned computer expert Tony McDowell.": a role, then the person
        after = doc.tokens[np[1]].text if np[1] < len(doc.tokens) else "."
        if after not in _PHRASE_ENDS:
            return None  # "…, said the plan was …": a clause, not a speaker
        if any(doc.lower[k] in _CLAUSE_VERBS for k in range(*np)):
            return None  # "Anna Roth, an economist, said rates would rise.": the phrase has a verb
        if any(doc.lower[k] in _ARTICLES and doc.tokens[k - 1].text[:1].islower() for k in range(np[0] + 1, np[1])):
            return None  # "The striker, who scored, said the team deserved the win.": an article after a verb
        span = self._backward(i, sent_start, doc.tokens[j].end)
        if span is None:
            return None
        speaker = self._role_holder(np) or self.attributor.finder.resolve(np)
        return Reported(span[0], span[1], Attribution(speaker, doc.tokens[i].text, doc.tokens[i].start, 0.6))

    def _through_role(self, np: tuple[int, int]) -> tuple[int, int]:
        """ "said Acme Bank's chief economist Ana Ruiz", "said Acme Bank chief economist, Ana Ruiz":
        the phrase after an inverted cue runs on through a role and a name to the next comma or
        the sentence end; np itself when something else comes first."""
        doc = self.doc
        k = np[1]
        while k < len(doc.tokens) and k - np[0] < _MAX_ROLE_PHRASE and doc.tokens[k].text not in _PHRASE_ENDS:
            word = doc.tokens[k].text
            if not (word[:1].isupper() or doc.lower[k] in _ROLE_JOINERS or roles.is_head(word)):
                return np
            k += 1
        return (np[0], k) if k > np[1] and (k == len(doc.tokens) or doc.tokens[k].text in _PHRASE_ENDS) else np

    def _names_person(self, np: tuple[int, int]) -> bool:
        finder, doc = self.attributor.finder, self.doc
        mentions = finder.mentions_within(doc.tokens[np[0]].start, doc.tokens[np[1] - 1].end)
        return any(finder.index.actors[actor].type is ActorType.PERSON for _, _, actor in mentions)

    def _role_holder(self, np: tuple[int, int]) -> Speaker | None:
        """ "said the bank's chief economist, Ana Ruiz.": the person named right after the role,
        closing the sentence or the clause, holds it."""
        doc, finder = self.doc, self.attributor.finder
        k = np[1]
        if k + 1 >= len(doc.tokens) or doc.tokens[k].text != ",":
            return None
        for ms, me, actor in finder.mentions_within(doc.tokens[k + 1].start, doc.tokens[k + 1].end + 60)[:1]:
            end = doc.token_at(me)
            closes = end >= len(doc.tokens) or doc.tokens[end].text in _PHRASE_ENDS
            person = finder.index.actors[actor].type is ActorType.PERSON
            if ms == doc.tokens[k + 1].start and closes and person:
                return finder.of_mention((ms, me, actor))
        return None

    def _backward(self, i: int, sent_start: int, span_start: int, quoted_ok: bool = False) -> tuple[int, int] | None:
        """Content before a sentence-final "…, officials said.": from the sentence start to the comma.
        quoted_ok: quoted words may be in it, and a comma inside closing marks ends it after the
        marks (“… a shame,” he said)."""
        comma = self.doc.text.rfind(",", sent_start, span_start)
        if comma <= sent_start:
            return None
        if self._only_a_subordinate_clause(sent_start, comma):
            return None  # "Although the mayor said it was sound, critics disagreed": an adverbial clause
        inside = self.doc.quote_at(comma) if quoted_ok else None
        return self._content(sent_start, inside.outer_end if inside else comma, quoted_ok)

    def _only_a_subordinate_clause(self, start: int, comma: int) -> bool:
        """text[start:comma] is a subordinate clause alone ("Although the plan was sound"), not one
        with its main clause ("If it rains, the match is off"; "If X then Y")."""
        doc = self.doc
        first = doc.token_at(start)
        return (
            doc.lower[first] in _OPENING_SUBORDINATORS
            and doc.text.rfind(",", start, comma) < 0
            and doc.first_of(_THEN, first, doc.token_at(comma)) is None
        )

    def _ends_sentence(self, i: int, sent_end: int) -> bool:
        """Cue i ends its sentence but for a few words ("…, officials said on Monday.")."""
        start = self.doc.tokens[i].end
        if sent_end - start > _TAIL_WINDOW:  # a long tail: its start shows four words at once
            if len(self.doc.text[start : start + _TAIL_WINDOW].strip(" " + _END_PUNCT).split()) > 3:
                return False
        tail = self.doc.text[start:sent_end].strip(" " + _END_PUNCT).split()
        if tail and tail[0].lower() in _OBJECT_OPENERS and self.doc.lower[i] not in _LISTENER_VERBS:
            return False  # "…, and she expects more growth.": an object ("told the paper": a listener)
        if tail and self.doc.lower[i] in _FEEL and tail[0].lower() not in _FEEL_TAILS:
            return False  # "…, and fans feel let down.": a feeling, the verb a copula
        return len(tail) <= 3 or (len(tail) <= _MAX_ADVERBIAL_TAIL and self._adverbial_tail(i, sent_end))

    def _that_clause(self, i: int) -> bool:
        """ "tweeted that the bill would pass", "joked that she …": a verb of saying that lists no
        clause of its own reports one after "that" and a subject ("called that a disgrace",
        "praised that decision": "that" is the object there)."""
        doc, lower = self.doc, self.doc.lower
        k = i + 1
        if k + 1 >= len(lower) or lower[k] != "that" or lower[i] not in lexicon.CUE_VERBS_EN:
            return False
        if lower[i] in _COMPLEMENT_VERBS or lower[i] in lexicon.AMBIGUOUS_NOUN_FORMS:
            return False  # ("uttering charges that …": a noun)
        return lower[k + 1] in _SUBJECT_OPENERS or doc.tokens[k + 1].is_capitalized

    def _cue_between(self, start: int, end: int) -> bool:
        """Another cue stands between a clause before a sentence-final cue and that cue's subject:
        the clause is not what this cue's speaker said."""
        tokens = self.doc.token_range(start, end)
        return self.attributor.cue_within(tokens.start, tokens.stop)

    def _adverbial_tail(self, i: int, sent_end: int) -> bool:
        """What follows cue i to its sentence's end is phrases opening with a preposition, after
        a time phrase or a listener at most: "…, the bank said in a note to clients on Friday",
        "…, she told reporters at a briefing in Ottawa". No comma, mark, clause or cue in them."""
        doc, lower = self.doc, self.doc.lower
        if lower[i] not in _SAY_VERBS:
            return False
        subject = self.attributor.finder.subject_before(i)  # set off from what was said by a comma
        before = subject[0] - 1 if subject is not None else -1
        if before > 0 and lower[before] in _CLOSING_MARKS:
            before -= 1  # “…,” Ann Lee said in a statement
        elif before > 0 and lower[before] in _SOURCE_ATTACHMENTS:  # "…, economists at the bank wrote"
            before = next((k for k in range(before - 1, max(-1, before - 4), -1) if not lower[k].isalnum()), -1)
        if before < 0 or lower[before] != ",":
            return False  # "… as anything the senator said on stage", "… and wrote in Ron Paul"
        stop = doc.token_at(sent_end)
        while stop > i + 1 and lower[stop - 1] in _END_PUNCT:
            stop -= 1
        j = self._after_time_phrase(i + cue_width(doc, i))
        if lower[i] in _LISTENER_VERBS:  # the listener: "reporters", "The Financial Times"
            j = next((k for k in range(j, min(j + 4, stop)) if lower[k] in _TAIL_PREPOSITIONS), stop)
        if j >= stop or lower[j] not in _TAIL_PREPOSITIONS or (lower[j] == "to" and lower[i].startswith("add")):
            return False  # ("added to the picture": a verb of its own)
        return not any(
            doc.quoted[k] or not lower[k][:1].isalnum() or lower[k] in _CLAUSE_OPENERS or is_cue(doc, k)
            for k in range(i + 1, stop)
        )

    def find(self) -> list[Reported]:
        doc = self.doc
        out: list[Reported] = []
        # the loop below does nothing for a token that is no cue, object cue or participle
        candidates = doc.cue_candidates
        for sent_start, sent_end in doc.sents:
            tokens = doc.token_range(sent_start, sent_end)
            for c in range(bisect_left(candidates, tokens.start), bisect_left(candidates, tokens.stop)):
                i = candidates[c]
                tok = doc.tokens[i]
                if i in self.attributor.used_cues or doc.quoted[i]:
                    continue
                if not is_cue(doc, i):
                    if (is_object_cue(doc, i) or self._participle(i)) and (found := self._object(i, sent_end)):
                        out.append(found)
                    continue
                clausal = doc.lower[i] in lexicon.CLAUSAL_CUES or doc.lower[i] in lexicon.NEEDS_THAT
                clausal = clausal or self._asks_a_question(i, sent_end) or self._request(i, i + 1, sent_end)
                clausal = clausal or self._that_clause(i)
                if not clausal and doc.lower[i] not in lexicon.ACCORDING_TO:
                    found = self._object(i, sent_end) if self._object_cue_word(i) else None
                    if found:
                        out.append(found)
                    continue
                if doc.lower[i] in lexicon.ACCORDING_TO:
                    found = self._according_to(i, sent_start, sent_end)
                    if found:
                        out.append(found)
                    continue
                inverted = self._inverted(i, sent_start)
                if inverted is not None:
                    self.attributor.used_cues.add(i)
                    out.append(inverted)
                    continue
                att = self.attributor.subject_of_cue(i, 0.6)
                if att is None:
                    continue
                span = self._forward(i, sent_end)
                if span is None and self._ends_sentence(i, sent_end):
                    span = self._backward(i, sent_start, min(att.speaker.start, tok.start))
                    if span and self._cue_between(span[1], min(att.speaker.start, tok.start)):
                        span = None  # "His lawyer, Tom Reed, said he felt betrayed": "felt" is in what was said
                if span and att.speaker.mention.lower() in _RELATIVE_SPEAKERS:
                    span = self._relative_clause_end(span)
                parts = self._around_parenthetical(i, att, sent_start, sent_end, span)
                if parts:
                    # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": what stands
                    # on both sides of the attribution
                    self.attributor.used_cues.add(i)
                    out.append(Reported(parts[0][0], parts[1][1], att, parts))
                elif span:
                    self.attributor.used_cues.add(i)
                    out.append(Reported(span[0], span[1], att))
            opens_with_in = tokens.start < len(doc.lower) and doc.lower[tokens.start] == "in"  # (both need it)
            if opens_with_in and (
                found := self._poll_finding(sent_start, sent_end) or self._in_view(sent_start, sent_end)
            ):
                out.append(found)
        return out

    def _in_view(self, sent_start: int, sent_end: int) -> Reported | None:
        """ "In the IMF's view, growth will slow": a sentence opening with "In" and a possessive
        before a noun of opinion ("view", "opinion", "estimate") reports the owner's view."""
        doc = self.doc
        first = doc.token_at(sent_start)
        if first + 3 >= len(doc.tokens) or doc.lower[first] != "in":
            return None
        for k in range(first + 2, min(len(doc.tokens) - 1, first + 10)):
            if doc.tokens[k].start >= sent_end or not doc.tokens[k].text[0].isalnum():
                return None
            owner = doc.tokens[k - 1].text
            if doc.lower[k] in _VIEW_NOUNS and owner.endswith(_POSSESSIVES) and doc.tokens[k + 1].text == ",":
                rest = doc.tokens[k + 1].end
                span = self._content(rest, self._clause_end(rest, sent_end))
                if span is None:
                    return None
                finder = self.attributor.finder
                named = finder.mentions_within(doc.tokens[first + 1].start, doc.tokens[k - 1].end)[-1:]
                speaker = finder.of_mention(named[0]) if named else finder.resolve((first + 1, k))
                cue = doc.tokens[k]
                return Reported(span[0], span[1], Attribution(speaker, cue.text, cue.start, 0.6))
        return None

    def _poll_finding(self, sent_start: int, sent_end: int) -> Reported | None:
        """ "In an NBC News poll released Monday, 50 percent chose Clinton": a sentence opening
        with "In" and a poll or survey before its first comma reports that record's finding."""
        doc = self.doc
        first = doc.token_at(sent_start)
        if first + 2 >= len(doc.tokens) or doc.lower[first] != "in" or doc.lower[first + 1] not in _NP_OPENERS:
            return None
        for k in range(first + 2, min(len(doc.tokens), first + 16)):
            if doc.tokens[k].start >= sent_end or doc.quoted[k]:
                return None
            if doc.tokens[k].text == ",":
                if not any(doc.lower[j] in _POLLS for j in range(first + 2, k)):
                    return None
                rest = doc.tokens[k].end
                span = self._content(rest, self._clause_end(rest, sent_end))
                if span is None:
                    return None
                speaker = self.attributor.finder.resolve((first + 1, k))
                cue = doc.tokens[first]
                return Reported(span[0], span[1], Attribution(speaker, cue.text, cue.start, 0.6))
        return None

    def _record_shows(self, i: int) -> bool:
        """ "The poll showed Trump losing supporters", "FEC records show Eksili has donated …": a
        record's finding needs no "that"."""
        if self.doc.lower[i] not in _SHOW:
            return False
        k = i - 1
        while k >= 0 and self.doc.lower[k] in ("also", "now", "clearly", "still", "only", "again"):
            k -= 1
        if k >= 0 and self.doc.lower[k] in lexicon.RECORD_NOUNS:
            return True
        # the record heads a longer subject opening the sentence: "The poll by the Public Policy
        # Institute showed", "A poll from Marquette Law School released Wednesday found"
        doc = self.doc
        first = doc.token_at(doc.sentence(doc.tokens[i].start)[0])
        head = next((j for j in range(first, min(i, first + 5)) if doc.lower[j] in lexicon.RECORD_NOUNS), None)
        return head is not None and not any(is_cue(doc, j) for j in range(head + 1, i))

    def _asks_a_question(self, i: int, sent_end: int) -> bool:
        """ "asked whether …", "asked the crowd why …": a reported question."""
        if self.doc.lower[i] not in _ASK_VERBS:
            return False
        j = i + 1
        if j < len(self.doc.tokens) and self.doc.lower[j] in _ASKED:
            return True
        return self._that_within(j, sent_end, asking=True) >= 0

    def _participle(self, i: int) -> bool:
        """A speech act's participle after a comma: "…, citing low growth", "…, blaming the council"."""
        return self.doc.lower[i] in lexicon.OBJECT_PARTICIPLES and i > 0 and self.doc.lower[i - 1] == ","

    def _object_cue_word(self, i: int) -> bool:
        return self.doc.lower[i] in lexicon.OBJECT_CUES or self._participle(i)

    def _object(self, i: int, sent_end: int) -> Reported | None:
        """An evaluative or attitude cue with its object as content: "Clinton criticized the
        deal as a crazy system", "Trump called for a complete repeal of Obamacare"."""
        doc = self.doc
        att = self.attributor.subject_of_cue(i, 0.5)
        if att is None or att.speaker.start > doc.tokens[i].start:
            return None
        j = i + cue_width(doc, i)
        particle = j
        while (
            particle < len(doc.tokens)
            and particle - j < 3
            and (doc.adverb(particle) or doc.lower[particle] in _DAY_WORDS or doc.lower[particle] in _DAYS)
        ):
            particle += 1  # "called again for", "called Friday for"
        if particle < len(doc.tokens) and doc.lower[particle] in lexicon.CUE_PARTICLES:  # "called for", "called on"
            j = particle + 1
        elif doc.lower[i] in _CALL and not self._complement_after_object(j, sent_end):
            return None  # "He called Tom Reed on Monday": a call, not calling someone something
        if j >= len(doc.tokens) or doc.tokens[j].start >= sent_end or not doc.tokens[j].text[0].isalnum():
            return None
        if doc.lower[j] in ("and", "but", "or", "as", "by", "in", "at", "with", "after", "before"):
            return None  # "he laughed and said", "she agreed in 2015": no object
        start = doc.tokens[j].start
        span = self._content(start, self._object_end(start, sent_end, noun=True), quoted_ok=True)
        if span is None or (not has_words(doc.text, span[0], span[1], 2) and not self._person_object(j, span)):
            return None
        if self._finite_after_object(j):
            return None  # "A strike planned for Thursday has been called off": a participle modifier
        self.attributor.used_cues.add(i)
        return Reported(span[0], span[1], att)

    def _complement_after_object(self, j: int, sent_end: int) -> bool:
        """After the object at token j (a pronoun, a name, or an article and a noun), what it is
        called: an article or possessive, a quotation, or an adjective ("called the plan a
        disaster", "called him “dangerous”", "called it unfair"); not a preposition, a time or
        nothing ("called Tom Reed on Monday", "called reporters to his office")."""
        doc, n = self.doc, len(self.doc.tokens)
        if j >= n or doc.tokens[j].start >= sent_end:
            return False
        k = j + 1
        if doc.tokens[j].is_capitalized:
            while (
                k < n
                and not doc.quoted[k]
                and (
                    doc.tokens[k].is_capitalized
                    or (doc.tokens[k].text == "." and doc.tokens[k - 1].end == doc.tokens[k].start)
                )
            ):
                k += 1  # a name, with the periods of its honorific or initials: "Mrs. Clinton"
        elif doc.lower[j] in _DETERMINERS_THEN_NOUN:
            while k < n and k - j < 4 and doc.tokens[k].text[:1].isalpha() and doc.lower[k] not in _COMPLEMENT_OPENERS:
                k += 1  # "the plan", "his new budget"
            if k - j >= 3 and doc.lower[k - 1].endswith(_ADJECTIVE_SUFFIXES):
                return True  # "called the actions lawful"
        if k >= n or doc.tokens[k].start >= sent_end:
            return False
        word = doc.lower[k]
        if doc.quoted[k] or doc.tokens[k].text in _OPENING_MARKS or word in _COMPLEMENT_OPENERS:
            return True
        if word in _PREPOSITIONS_OF_AN_OBJECT:  # "called corruption in politics a major focus"
            return any(
                doc.lower[m] in ("a", "an") or doc.quoted[m]
                for m in range(k + 1, min(n, k + 7))
                if doc.tokens[m].start < sent_end and "," not in doc.text[doc.tokens[k].end : doc.tokens[m].start]
            )
        return doc.tokens[k].text[:1].isalpha() and word not in _NOT_A_COMPLEMENT and not self._time_adjunct(k)

    def _finite_after_object(self, j: int) -> bool:
        """An auxiliary or "be" right after a one- or two-word object: the cue was a participle
        modifying the sentence's subject, and the verb after the "object" is the sentence's own."""
        doc = self.doc
        for k in range(j + 1, min(len(doc.tokens), j + 3)):
            if doc.quoted[k] or not doc.tokens[k].text[0].isalnum():
                return False
            if doc.lower[k] in lexicon.AUXILIARIES_EN or doc.lower[k] in ("is", "are", "was", "were"):
                return True
        return False

    def _person_object(self, j: int, span: tuple[int, int]) -> bool:
        """A one-word object that is someone: "endorsed Clinton", "criticized her"."""
        doc = self.doc
        word = doc.tokens[j]
        return word.end >= span[1] and (word.is_capitalized or doc.lower[j] in ("her", "him", "them"))

    def _time_adjunct(self, k: int) -> bool:
        """ "on Tuesday", "last week", "in May", "this morning": when, not what was said."""
        lower = self.doc.lower
        return lower[k] in _TIME_OPENERS and k + 1 < len(lower) and lower[k + 1] in _TIME_WORDS

    def _object_end(self, start: int, end: int, noun: bool = False) -> int:
        """An object ends at the first comma or colon outside quotes ("defended the plan, said …",
        "addressed the supporters: “…”"); a noun phrase object also before an adjunct of time or
        occasion ("praised the plan during the debate", "endorsed Sanders after the rally")."""
        doc = self.doc
        for k in doc.token_range(start, end):
            if doc.quoted[k]:
                continue
            if doc.tokens[k].text in (",", ":"):
                return doc.tokens[k].start
            if noun and doc.tokens[k].start > start and doc.lower[k] in _ADJUNCT_OPENERS:
                return doc.tokens[k].start
            if noun and doc.tokens[k].start > start and self._time_adjunct(k):
                return doc.tokens[k].start
        return self._clause_end(start, end)

    def _according_to(self, i: int, sent_start: int, sent_end: int) -> Reported | None:
        """ "According to X, …" or "…, according to X."."""
        doc = self.doc
        obj = self.attributor.finder.object_after(i + cue_width(doc, i) - 1)
        if obj is None:
            return None
        opening = not doc.text[sent_start : doc.tokens[i].start].strip(" ,")
        # the source's prepositional phrases up to the comma that closes it (or, after what it
        # says, up to the sentence's end: "…, according to a report released by the IMF.")
        obj = self._with_source_attachments(obj, -1 if opening else sent_end)
        speaker = self.attributor.finder.resolve(obj)
        att = Attribution(speaker, "according to", doc.tokens[i].start, 0.6)
        obj_end = doc.tokens[obj[1] - 1].end
        if not opening:
            span = self._content(sent_start, doc.tokens[i].start)
            parts = self._around_according_to(i, obj[1], sent_start, sent_end)
            if parts:  # "Fundraising, according to the campaign, has surged": both sides
                return Reported(parts[0][0], parts[1][1], att, parts)
        else:
            span = self._content(obj_end, sent_end)
        return Reported(span[0], span[1], att) if span else None

    def _with_source_attachments(self, obj: tuple[int, int], sent_end: int = -1) -> tuple[int, int]:
        """ "According to a statement from the company, …": the prepositional phrases after the
        source up to the comma that closes it are part of it, not of what it says; up to the
        sentence's end instead when sent_end is given (a source closing its sentence)."""
        doc = self.doc
        k = obj[1]
        if k >= len(doc.tokens) or doc.lower[k] not in _SOURCE_ATTACHMENTS:
            return obj
        stop = min(len(doc.tokens), k + _MAX_ATTACHMENT)
        for j in range(k + 1, stop):
            if sent_end >= 0 and doc.tokens[j].text in _END_PUNCT and doc.tokens[j].end >= sent_end:
                return obj[0], j
            if doc.quoted[j] or doc.tokens[j].text in _END_PUNCT:
                return obj
            if doc.tokens[j].text == ",":
                return (obj[0], j) if sent_end < 0 else obj  # (after what it says, a comma may open an apposition)
        if sent_end >= 0 and stop == len(doc.tokens) and doc.tokens[-1].end >= sent_end:
            return obj[0], stop  # (a text ending without a stop)
        return obj

    def _around_according_to(
        self, i: int, after_obj: int, sent_start: int, sent_end: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """ "X, according to Y, Z": the parts before and after a parenthetical source."""
        doc = self.doc
        if i == 0 or after_obj >= len(doc.tokens) or doc.lower[i - 1] != "," or doc.tokens[after_obj].text != ",":
            return None
        comma = doc.tokens[i - 1].start
        if self._in_quote_between(sent_start, doc.tokens[after_obj].end):
            return None
        head = self._content(self._after_last_break(sent_start, comma), comma, quoted_ok=True)
        rest = doc.tokens[after_obj].end
        tail = self._content(rest, self._clause_end(rest, sent_end), quoted_ok=True)
        # a long clause before the source is complete, and what follows is an appositive of it
        # ("… 19.9 percent, according to the Tax Foundation, more than twice …")
        if head is not None and has_words(doc.text, head[0], head[1], _OPENING_PHRASE_WORDS + 1):
            return None
        if after_obj + 1 < len(doc.tokens) and doc.lower[after_obj + 1] in _APPOSITION_OPENERS:
            return None  # "…, according to the union, one of the groups that …": the source's apposition
        return self._both_parts(head, tail)
