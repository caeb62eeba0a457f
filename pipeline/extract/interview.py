"""Interviews and transcripts: turns of speech printed without quotation marks.

A Q&A prints each turn as paragraphs of its own. A transcript labels them ("Name: …", "Q: …",
"A: …"); the paragraphs after a labelled turn, up to the next label, go on with it. An edited
interview leaves them unlabelled: a question paragraph ending in a question mark and addressed to
someone ("you", "Sie"), then the answer. Each turn is a direct statement of its speaker: the
label's person, the interviewee (addressed by name in a question, else the person the
introduction names most) or the interviewer a credit line names ("Interview: …"). Words in
quotation marks inside a turn stay statements of their own only when the turn says who else
said them.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache

from pipeline.extract.attribution import Attribution
from pipeline.extract.colon import NOT_SPEAKERS
from pipeline.extract.document import Doc
from pipeline.extract.indirect import Reported
from pipeline.extract.lang import SHARED_WORDS
from pipeline.extract.model import ActorType, QuoteKind
from pipeline.extract.speakers import Speaker, SpeakerFinder
from pipeline.extract.statements import Statement

# "Name:", "**Name:**", "Q:", "ANNA ROTH:" at the start of a paragraph: one to four capitalised words
# (bold or italic marks of Markdown or wiki text around it)
_MARKUP = r"(?:\*+|'{2,3})?"
_LABEL_WORD = r"[^\W\d_][\w.’-]*+(?:'[\w.’-]++)*+"  # inner apostrophes only: "O'Hara", not "Pau''"
# (the runs are possessive: what may follow each one (a space, a mark, the colon) cannot start it,
# so giving characters back never makes a match, and trying it was most of the time a paragraph
# that is no label took; and two runs of spaces that may split the same spaces either way made a
# paragraph opening with thousands of spaces quadratic)
_LABEL = re.compile(rf"[ \t]*+{_MARKUP}[ \t]*({_LABEL_WORD}(?: {_LABEL_WORD}){{0,3}}+){_MARKUP}:{_MARKUP}[ \t]+(?=\S)")
_BULLET = re.compile(r"[ \t]*(?:[-*•–]|\d{1,2}[.)])[ \t]")
_QUESTION_END = re.compile(r"\?[\s\"”“»«’‘)*_]*$")
_OPENING_MARK = re.compile(r"\s*[\"“„«»‘'‹›]")
_MAX_QUESTION_WORDS = 120  # a longer paragraph ending in "?" is an answer that asks back
_MIN_PAIRS = 3  # question-answer pairs that make a text an interview rather than an explainer
_MIN_TURNS = 2  # labelled turns of each of two speakers at least: a dialogue, not a list of names
_MIN_TURN_WORDS = 4  # the median labelled turn: "Name: 1,769." lines are a table, not a transcript
_ADDRESS_REACH = 8  # characters before the name that addresses the interviewee ("Herr ", "Ms. ")


@dataclass(frozen=True)
class Words:
    """The words every language module lists for interviews (joined over the languages: a
    label or a pronoun of one language is no word of another)."""

    question_labels: frozenset[str]  # "q", "frage": the interviewer's turn
    answer_labels: frozenset[str]  # "a", "antwort": the interviewee's turn
    second_person: frozenset[str]  # "you", "Sie": a question addressed to someone
    first_person: frozenset[str]  # "I", "ich": an answer in the speaker's own voice
    credits: re.Pattern[str]  # "Interview: Anna Roth", "Das Interview führte Anna Roth"


@cache
def words() -> Words:
    modules = [importlib.import_module(name) for name in ("pipeline.extract.lang.en", *SHARED_WORDS)]
    credits = [m.INTERVIEWER_CREDIT for m in modules if hasattr(m, "INTERVIEWER_CREDIT")]

    def joined(name: str) -> frozenset[str]:
        return frozenset().union(*(getattr(m, name, frozenset()) for m in modules))

    return Words(
        joined("QUESTION_LABELS"),
        joined("ANSWER_LABELS"),
        joined("SECOND_PERSON"),
        joined("FIRST_PERSON"),
        re.compile(r"[ \t*]*(?:" + "|".join(credits) + r")[:\s]+", re.IGNORECASE),
    )


@dataclass(frozen=True)
class _Turn:
    speaker: Speaker
    cue: str
    cue_start: int
    confidence: float
    paragraphs: list[tuple[int, int]]


def interview_turns(doc: Doc, finder: SpeakerFinder) -> list[Statement]:
    """The turns of a transcript or an edited interview as direct statements, or [] when the
    text is neither."""
    turns = _Transcript(doc, finder).turns() or _Edited(doc, finder).turns()
    return [
        Statement(
            t.paragraphs[0][0],
            t.paragraphs[-1][1],
            QuoteKind.DIRECT,
            Attribution(t.speaker, t.cue, t.cue_start, t.confidence),
            tuple(t.paragraphs),
        )
        for t in turns
    ]


def _turn_at(turns: list[Statement], starts: list[int], offset: int) -> Statement | None:
    k = bisect_right(starts, offset) - 1
    return turns[k] if k >= 0 and offset < turns[k].end else None


def outside_turns(reported: list[Reported], turns: list[Statement]) -> list[Reported]:
    """The labelled paragraphs colon.py reports, but those a turn says already."""
    starts = [t.start for t in turns]
    return [r for r in reported if _turn_at(turns, starts, r.start) is None]


def with_turns(found: list[Statement], turns: list[Statement]) -> list[Statement]:
    """The statements found in marks and clauses, those inside a turn only when they stand on
    their own (_keeps_inside), and the turns."""
    starts = [t.start for t in turns]

    def kept(st: Statement) -> bool:
        turn = _turn_at(turns, starts, st.start)
        return turn is None or _keeps_inside(st, turn)

    return [st for st in found if kept(st)] + turns


def _keeps_inside(st: Statement, turn: Statement) -> bool:
    """A statement inside a turn stands on its own when the turn names its speaker, someone other
    than the turn's ("my editor told me …"); the turn's own words in marks, an unattributed quote
    or a speaker outside the turn are part of the turn."""
    att, own = st.attribution, turn.attribution
    if att is None or own is None or att.confidence < 0.6:
        return False
    inside = turn.start <= att.speaker.start < turn.end
    return inside and not att.speaker.pronoun and att.actor != own.actor and att.speaker.mention.lower() != "i"


def _go_on(text: str, turn: _Turn, start: int, end: int) -> None:
    """The next paragraph of a turn; the items of a list, one per line, make one paragraph."""
    last_start, last_end = turn.paragraphs[-1]
    if _BULLET.match(text, start) and _BULLET.match(text, text.rfind("\n", 0, last_end) + 1):
        if text[last_end:start].count("\n") == 1:
            turn.paragraphs[-1] = (last_start, end)
            return
    turn.paragraphs.append((start, end))


class _Interview:
    """What labelled and edited interviews share: who is interviewed and who asks."""

    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        self.doc, self.finder, self.words = doc, finder, words()

    def _person(self, actor: int) -> bool:
        return actor >= 0 and self.finder.index.actors[actor].type is ActorType.PERSON

    def _end(self, start: int, end: int) -> int:
        text = self.doc.text
        while end > start and text[end - 1] in " \t*":
            end -= 1
        return end

    def addressed(self, questions: list[tuple[int, int]]) -> Speaker | None:
        """The person a question addresses by name ("Ms Roth, why …?", "Herr Teuber, …")."""
        for q_start, q_end in questions:
            for ms, me, actor in self.finder.mentions_within(q_start, min(q_end, q_start + 40)):
                if ms - q_start <= _ADDRESS_REACH and self.doc.text.startswith(",", me) and self._person(actor):
                    return self.finder.of_mention((ms, me, actor))
        return None

    def interviewee(self, questions: list[tuple[int, int]], intro_end: int) -> Speaker | None:
        """The person a question addresses by name, else the one the introduction names most."""
        return self.addressed(questions) or self.introduced(intro_end)

    def introduced(self, intro_end: int) -> Speaker | None:
        """The person the introduction before intro_end names most often (the first on a tie)."""
        counts: Counter[int] = Counter()
        first: dict[int, tuple[int, int]] = {}
        for ms, me, actor in self.finder.mentions_within(0, intro_end):
            if self._person(actor) and not self.doc.in_quote(ms):
                counts[actor] += 1
                first.setdefault(actor, (ms, me))
        if not counts:
            return None
        actor = max(counts, key=lambda a: (counts[a], -first[a][0]))
        return self.finder.of_mention((*first[actor], actor))

    def credit(self) -> tuple[Speaker | None, int]:
        """The interviewer a credit line names ("Interview: Anna Roth") and where that line starts
        (len(text) when there is none): what follows it is no answer."""
        for p_start, p_end in self.doc.paras:
            m = self.words.credits.match(self.doc.text, p_start, p_end)
            if m is None:
                continue
            for ms, me, actor in self.finder.mentions_within(m.end(), p_end):
                if self._person(actor):
                    return self.finder.of_mention((ms, me, actor)), p_start
            return None, p_start
        return None, len(self.doc.text)


class _Transcript(_Interview):
    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        super().__init__(doc, finder)
        self._memo_full_names: dict[str, list[int]] | None = None

    def _label(self, p_start: int, p_end: int) -> tuple[re.Match[str], Speaker | str] | None:
        """The paragraph's label and its speaker: "q" or "a" for the interview's roles, the label
        itself for a name the article gives no person for (an outlet: "Wikinews:")."""
        m = _LABEL.match(self.doc.text, p_start, p_end) if self.doc.text.find(":", p_start, p_end) >= 0 else None
        if m is None:  # (most paragraphs hold no colon: one find rules the label out)
            return None
        label = m.group(1)
        if not all(w[0].isupper() for w in label.split()):
            return None
        head = label.lower().strip(".")
        if head in self.words.question_labels:
            return m, "q"
        if head in self.words.answer_labels:
            return m, "a"
        if head in NOT_SPEAKERS:
            return None
        actor = self._named(m.start(1), m.end(1), label)
        return (m, self.finder.of_mention((m.start(1), m.end(1), actor)) if actor >= 0 else label)

    @property
    def _full_names(self) -> dict[str, list[int]]:
        """Each word of a person's full name or alias -> those people (built once: a look-up per
        label, not a pass over every actor)."""
        if self._memo_full_names is None:
            self._memo_full_names = self._make_full_names()
        return self._memo_full_names

    def _make_full_names(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for k, a in enumerate(self.finder.index.actors):
            if a.type is ActorType.PERSON and len(a.canonical_name.split()) > 1:
                for word in {w.casefold() for n in (a.canonical_name, *a.aliases) for w in n.split()}:
                    out.setdefault(word, []).append(k)
        return out

    def _named(self, start: int, end: int, label: str) -> int:
        """The person a label names: the article's person with that name, the fullest one when the
        label gives a first or last name only ("Anna:" for Anna Roth) and only one person has it."""
        found = [a for ms, me, a in self.finder.mentions_within(start, end) if self._person(a)]
        people = self._full_names.get(label.split()[-1].casefold(), [])
        if found and (len(self.finder.index.actors[found[0]].canonical_name.split()) > 1 or len(people) != 1):
            return found[0]
        return people[0] if len(people) == 1 else (found[0] if found else -1)

    def turns(self) -> list[_Turn]:
        doc = self.doc
        labelled = [(p, found) for p in doc.paras if (found := self._label(*p)) is not None]
        if not labelled:
            return []  # (most articles: no Counter, whose methods are Python code)
        turns = Counter(s.actor if isinstance(s, Speaker) else s for _, (_, s) in labelled)
        if sum(n >= _MIN_TURNS for n in turns.values()) < 2:
            return []
        lengths = sorted(len(doc.text[m.end() : p_end].split()) for (_, p_end), (m, _) in labelled)
        if lengths[len(lengths) // 2] < _MIN_TURN_WORDS:
            return []
        first = labelled[0][0][0]
        interviewer, stop = self.credit()
        questions = [(m.end(), p_end) for (_, p_end), (m, s) in labelled if s == "q"]
        interviewee = self.interviewee(questions, first) if any(s == "a" for _, (_, s) in labelled) else None
        starts = {p[0]: found for p, found in labelled}
        out: list[_Turn] = []
        current: _Turn | None = None
        for p_start, p_end in doc.paras:
            if p_start < first or p_start >= stop:
                continue
            if p_start in starts:
                m, who = starts[p_start]
                speaker = interviewer if who == "q" else interviewee if who == "a" else who
                current = None
                if isinstance(speaker, Speaker):
                    current = _Turn(speaker, ":", m.end(1), 0.75, [(m.end(), self._end(m.end(), p_end))])
                    out.append(current)
            elif current is not None:
                _go_on(doc.text, current, p_start, self._end(p_start, p_end))
        return out


class _Edited(_Interview):
    def _is_question(self, p_start: int, p_end: int) -> bool:
        text = self.doc.text[p_start:p_end]
        return (
            _QUESTION_END.search(text) is not None
            and len(text.split()) <= _MAX_QUESTION_WORDS
            and not _OPENING_MARK.match(text)
        )

    def _has(self, pronouns: frozenset[str], p_start: int, p_end: int) -> bool:
        return any(w in pronouns for w in re.findall(r"\w+", self.doc.text[p_start:p_end]))

    def turns(self) -> list[_Turn]:
        paras = self.doc.paras
        asks = [self._is_question(*p) for p in paras]
        pairs = [k for k in range(len(paras) - 1) if asks[k] and not asks[k + 1]]
        addressed = sum(self._has(self.words.second_person, *paras[k]) for k in pairs)
        own_voice = sum(self._has(self.words.first_person, *paras[k + 1]) for k in pairs)
        if len(pairs) < _MIN_PAIRS or addressed < 2:
            return []
        by_name = self.addressed([paras[k] for k in pairs])
        if 2 * own_voice < len(pairs) and by_name is None:
            return []  # questions and answers of an explainer, not put to someone
        interviewer, stop = self.credit()
        interviewee = by_name or self.introduced(paras[pairs[0]][0])
        if interviewee is None:
            return []
        out: list[_Turn] = []
        current: _Turn | None = None
        for k in range(pairs[0], len(paras)):
            p_start, p_end = paras[k]
            if p_start >= stop:
                break
            if asks[k]:
                current = None
                if interviewer is not None:
                    out.append(_Turn(interviewer, "", -1, 0.6, [(p_start, self._end(p_start, p_end))]))
            elif current is None:
                current = _Turn(interviewee, "", -1, 0.6, [(p_start, self._end(p_start, p_end))])
                out.append(current)
            else:
                _go_on(self.doc.text, current, p_start, self._end(p_start, p_end))
        return out
