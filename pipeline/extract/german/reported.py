"""Reported speech without quotation marks: a cue's clause, a source's statement, and speech that runs
on in the subjunctive."""

from __future__ import annotations

from bisect import bisect_left

from pipeline.budget import checkpoint
from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.german.quotes import QuoteSpeakers
from pipeline.extract.german.words import _TWO_WORDS, RELATIVE_PRONOUNS, _Found, judges
from pipeline.extract.german_words import (
    ADVERBS,
    AUSGEHEN,
    AUXILIARIES,
    PREPOSITIONAL_CUES,
    SOURCE_WORDS,
    SUBORDINATORS,
    VON,
)
from pipeline.extract.indirect import Reported
from pipeline.extract.speakers import Speaker, SpeakerFinder

# nouns of something said that "came from" someone, and the forms of "kommen"
_SPEECH_NOUNS = frozenset("kritik lob widerspruch zustimmung protest ablehnung warnung forderung unterstützung".split())
_CAME = frozenset("kam kamen kommt kommen".split())
_DEMONSTRATIVES = frozenset({"das", "dies", "dieses"})
# adverbs that name the source just mentioned: "Demnach …", "Demzufolge …" (according to it)
_ANAPHORIC_SOURCES = frozenset({"demnach", "demzufolge"})


_COMMA_COLON = frozenset({",", ":"})
# the words a reported statement can open with besides a cue: a source, "nach", "für" (an opinion
# holder), ", so"; every other word of a sentence is passed over
_REPORTING_WORDS = _ANAPHORIC_SOURCES | SOURCE_WORDS | {"nach", "für", "so"}


class ReportedSpeech(QuoteSpeakers):
    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        super().__init__(doc, finder)
        self._memo_statement_openers: list[int] | None = None

    # --- reported speech ------------------------------------------------------------------------
    def _content(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.doc.text
        while start < end and (text[start] in " ,:–—" or text.startswith(("dass ", "ob "), start)):
            start += 5 if text.startswith("dass ", start) else 3 if text.startswith("ob ", start) else 1
        cut = self._cut_after(start)  # a colon opening a quote, or a semicolon, ends it
        if cut is not None and cut[1] <= end and cut[0] > start:
            end = cut[0]
        while end > start and text[end - 1] in " .,;:!?":
            end -= 1
        if _TWO_WORDS.search(text, start, end) is None:
            return None
        quoted = self.doc.quoted_chars(start, end)
        return None if quoted >= 0.8 * (end - start) else (start, end)

    def _verb_statement(self, i: int, s: int, e: int) -> Reported | None:
        doc = self.doc
        toks = doc.tokens
        speaker = self._speaker_of(i, doc.token_at(s), doc.token_at(e))
        after = doc.token_range(toks[i].end, e)
        comma_after = self._comma_outside_brackets(after.start, after.stop)
        if speaker is not None and comma_after is not None and speaker[0] < comma_after < speaker[1]:
            # "erwartet der Vorsitzende, Hans Roth, einen Anstieg": the comma is inside the speaker
            comma_after = self.doc.first_of(_COMMA_COLON, speaker[1], after.stop)
        before = doc.text[s : toks[i].start].rstrip()
        if before.endswith((", so", ",so")) and comma_after is None:  # "…, so heißt es in der Mitteilung."
            before = before[:-2].rstrip()
        inverted = speaker is None or speaker[0] > i
        aux = self._clause_start(i, doc.token_at(s))  # "Die Lage sei ernst, hatte sie gesagt.": verb last
        after_aux = (
            aux > doc.token_at(s)
            and toks[aux - 1].text == ","
            and self._word(aux) in AUXILIARIES
            and self._word(doc.token_at(s)) not in SUBORDINATORS
            and self._subjunctive(s, toks[aux - 1].start)  # reported speech is in reported mood
        )
        if after_aux and speaker is not None and speaker[0] > aux and comma_after is None:
            span = self._content(s, toks[aux - 1].start)
        elif (
            i == doc.token_at(s) + 1
            and self._word(i - 1) in _DEMONSTRATIVES
            and (subject := self._np_after_verb(i, doc.token_at(e))) is not None
        ):
            # "Die Reform kommt im Mai. Dies bestätigte die Ministerin.": the demonstrative is the
            # object, the subject follows the verb, and the sentence before is what was said
            speaker = subject
            span = self._said_before(s)
        elif before.endswith(",") and doc.token_at(s) < i and inverted:  # "Die Lage sei ernst, sagte er."
            if self._word(doc.token_at(s)) in SUBORDINATORS:
                return None  # "Wenn X verurteilt wird, drohe ihm …": an adverbial clause, not what was said
            span = self._content(s, doc.text.rfind(",", s, toks[i].start))
        elif comma_after is not None and self._assumes_object(i, comma_after, e):
            # "Die Polizei geht von einer Brandstiftung aus, die …": what is assumed is the object;
            # a relative clause after it describes it, and a clause in the indicative is the
            # reporter's own ("…, ein Verfahren wurde eingeleitet"): the sentence says what was assumed
            span = self._sentence_span(s, e)
        elif comma_after is not None and self._judged_as_before(i, comma_after):
            # "Sie würdigte ihn als einen Mann, der …": the relative clause describes the "als"
            # complement; the sentence says what was said
            span = self._sentence_span(s, e)
        elif comma_after is not None:  # "Er sagte, die Lage sei ernst." / "teilte die Polizei mit, dass …"
            span = self._content(toks[comma_after].end, e)
        else:
            return None
        if span is None or doc.in_quote(span[0]):
            return None
        self.used.add(i)
        return Reported(span[0], span[1], self._attribution(_Found(speaker, i), 0.7))

    def _comma_outside_brackets(self, start: int, stop: int) -> int | None:
        """The first comma or colon in [start, stop) that stands outside parentheses: one inside
        them ("(Hugo Chávez, Präsident Venezuelas)") separates the parenthesis's own items."""
        doc = self.doc
        at = doc.first_of(_COMMA_COLON, start, stop)
        lo = doc.tokens[start].start if at is not None else 0  # what is read for "(" (each part once)
        while at is not None:
            opened = doc.text.rfind("(", lo, doc.tokens[at].start)
            if opened < 0 or ")" in doc.text[opened : doc.tokens[at].start]:
                return at
            close = doc.text.find(")", doc.tokens[at].end, doc.tokens[stop - 1].end)
            if close < 0:
                return at
            lo = close + 1
            at = doc.first_of(_COMMA_COLON, doc.token_at(close), stop)
        return None

    def _judged_as_before(self, i: int, comma: int) -> bool:
        """A naming or judging cue with its "als" complement before the comma, and a relative
        pronoun after it."""
        return (
            judges(self._word(i))
            and comma + 1 < len(self.doc.tokens)
            and self._word(comma + 1) in RELATIVE_PRONOUNS
            and any(self._word(k) == "als" for k in range(i + 1, comma))
        )

    def _assumes_object(self, i: int, comma: int, e: int) -> bool:
        """ "von X ausgehen" or "von X sprechen" with X before the comma, and after it no clause that
        says what is assumed or said (one with "dass" or in reported mood: "…, eine Gruppe habe Geld
        veruntreut"): "Die Veranstalter sprachen von 900 Gästen, die …" said the object."""
        toks = self.doc.tokens
        word = self._word(i)
        if not (
            ((word in AUSGEHEN and self._word(comma - 1) == "aus") or word in PREPOSITIONAL_CUES)
            and comma + 1 < len(toks)
            and any(self._word(k) in VON for k in range(i + 1, comma))
        ):
            return False
        return self._word(comma + 1) != "dass" and not self._subjunctive(toks[comma].end, e)

    def _own_speaker(self, att: Attribution | None) -> bool:
        """A quote of the sentence has a cue and a speaker of its own: no run-on of the last speaker."""
        return att is not None and att.speaker.start >= 0 and self._is_cue(self.doc.token_at(att.cue_start))

    def _said_before(self, s: int) -> tuple[int, int] | None:
        """What the sentence before s says, when it is narration of the same paragraph."""
        before = self._sentence_before(s)
        return self._content(*before) if before else None

    def _source_statement(self, i: int, s: int, e: int) -> Reported | None:
        """laut X / X zufolge / nach Angaben von X / so X / wie X mitteilte: the rest of the sentence."""
        doc = self.doc
        found = self._source_phrase(i, doc.token_at(s), doc.token_at(e))
        if found is None:
            return None
        speaker, phrase = found
        phrase = (phrase[0], self._past_insertion(phrase[1], e))
        s = max(s, doc.text.rfind(";", s, phrase[0]) + 1)  # "…; nach Polizeiangaben waren es 1.000."
        before = self._content(s, phrase[0])
        after = self._content(phrase[1], e)
        attribution = self._attribution(_Found(speaker, i), 0.7)
        if before and self._word(i) == "so" and (parts := self._around_so(phrase, before, s, e)) is not None:
            self.used.add(i)
            return Reported(parts[0][0], parts[1][1], attribution, parts)
        if before and after and self._embedded(phrase, s, e):
            # "Die Boote sind laut Roth zu klein.": one statement around its source, in two parts
            self.used.add(i)
            return Reported(before[0], after[1], attribution, (before, after))
        span = before if before and doc.text[s : phrase[0]].strip(" ,") else after
        if span is None:
            return None
        self.used.add(i)
        return Reported(span[0], span[1], attribution)

    def _around_so(
        self, phrase: tuple[int, int], before: tuple[int, int], s: int, e: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """ "Die Brücke, so Berger weiter, werde im Mai geöffnet": "so X", set off by commas inside
        its clause (adverbs after the name included), reports the clause on both sides of it."""
        doc = self.doc
        toks = doc.tokens
        if not doc.text[s : phrase[0]].rstrip().endswith(","):
            return None
        k = doc.token_at(phrase[1])
        while k < len(toks) and toks[k].start < e and self._word(k) in ADVERBS:
            k += 1  # "so Berger weiter", "so die Stadt zudem"
        if k >= len(toks) or toks[k].start >= e or toks[k].text != ",":
            return None
        rest = self._content(toks[k].end, e)
        if rest is None or not (
            any(self._word(j) in AUXILIARIES for j in doc.token_range(*rest)) or self._subjunctive(*rest)
        ):
            return None  # "…, so Frank Karl, Leiter der Abteilung": an apposition, no clause
        return before, rest

    def _past_insertion(self, end: int, e: int) -> int:
        """The end of a source phrase with what commas set off right after it: an apposition or a
        relative clause ("laut dem Ankläger, Luis Ocampo, sollen …", "laut der Stimme, die ihm
        gehören soll, hat …"), when a comma closes it before the sentence's end."""
        text = self.doc.text
        if not text.startswith(",", end):
            return end
        close = text.find(",", end + 1, e)
        if close < 0:
            return end
        k = self.doc.token_at(end + 1)
        if k >= len(self.doc.tokens) or self.doc.tokens[k].start >= close:
            return end
        inserted = self._word(k) in RELATIVE_PRONOUNS or bool(
            self.finder.mentions_within(self.doc.tokens[k].start, close)
        )
        return close + 1 if inserted and text[close + 1 : e].strip(" .!?") else end

    def _anaphoric_source(self, i: int, e: int, last: Attribution | None, last_para: int, para: int) -> Reported | None:
        """ "Demnach sollen die Werke länger laufen.": "demnach" (according to it) opens a sentence
        that reports what the source just named says; the adverb is the mention, the source before
        it the speaker when there is one in this paragraph or the one before."""
        span = self._content(self.doc.tokens[i].end, e)
        if span is None:
            return None
        self.used.add(i)
        tok = self.doc.tokens[i]
        actor = last.actor if last is not None and para - last_para <= 1 else -1
        speaker = Speaker(actor, tok.text, tok.start, tok.end)
        return Reported(span[0], span[1], Attribution(speaker, tok.text, tok.start, 0.6))

    def _embedded(self, phrase: tuple[int, int], s: int, e: int) -> bool:
        """The source phrase stands inside its clause, words on both sides and no comma setting it
        off: the statement is the clause on both sides of it."""
        text = self.doc.text
        before, after = text[s : phrase[0]].rstrip(), text[phrase[1] : e].lstrip()
        return (
            bool(before.strip(' ,„“"'))
            and bool(after.strip(' .!?;:„“"'))
            and not before.endswith((",", ":", "(", "–", "—"))
            and not after.startswith((",", ")", "–", "—", "."))
        )

    def _speech_came_from(self, s: int, e: int) -> Attribution | None:
        """ "Kritik kam dagegen von den Grünen.": a noun of speech that came from someone names
        the speaker of the reported speech that follows."""
        lo, hi = self.doc.token_at(s), self.doc.token_at(e)
        if hi - lo < 4 or self._word(lo) not in _SPEECH_NOUNS:
            return None
        came = next((k for k in range(lo + 1, min(hi, lo + 3)) if self._word(k) in _CAME), None)
        if came is None:
            return None
        von = next((k for k in range(came + 1, min(hi, came + 4)) if self._word(k) in ("von", "vom")), None)
        speaker = self._np_after(von + 1, hi) if von is not None else None
        if speaker is None:
            return None
        return self._attribution(_Found(speaker, came), 0.6)

    def _cue_without_content(self, s: int, e: int) -> Attribution | None:
        """ "Wowereit bedauerte die Entscheidung.": a speaker and a cue, what was said follows."""
        lo, hi = self.doc.token_at(s), self.doc.token_at(e)
        i = self._first_cue(lo, hi)
        if i is None:
            return None
        speaker = self._speaker_of(i, lo, hi)
        return self._attribution(_Found(speaker, i), 0.6) if speaker else None

    @property
    def _statement_openers(self) -> list[int]:
        """The tokens a reported statement can be found at, in order: the cues and the reporting
        words (one pass, where the sentences asked each token several questions)."""
        if self._memo_statement_openers is None:
            self._memo_statement_openers = sorted({*self._cues, *self.doc.positions(_REPORTING_WORDS)})
        return self._memo_statement_openers

    def reported(self, quoted: list[Attribution | None]) -> list[Reported]:
        """Reported statements, sentence by sentence. quoted: the quotes' attributions, so that
        reported speech in the subjunctive continues a quote's speaker as well as a statement's."""
        doc = self.doc
        by_sentence = {doc.sentence(q.outer_start)[0]: a for q, a in zip(doc.quotes, quoted, strict=True) if a}
        out: list[Reported] = []
        last: Attribution | None = None
        last_para = -1
        openers = self._statement_openers
        for s, e in doc.sents:
            checkpoint()  # (sentence by sentence: see pipeline.budget)
            found: Reported | None = None
            tokens = doc.token_range(s, e)
            for i in openers[bisect_left(openers, tokens.start) : bisect_left(openers, tokens.stop)]:
                if i in self.used or doc.quoted[i]:
                    continue
                w = self._word(i)
                if w in _ANAPHORIC_SOURCES and doc.tokens[i].start == s:
                    found = self._anaphoric_source(i, e, last, last_para, doc.paragraph_index(s))
                elif (
                    w in SOURCE_WORDS
                    or w == "nach"
                    or self._opinion_holder(i)
                    or (w == "so" and doc.tokens[i - 1].text == "," if i else False)
                ):
                    found = self._source_statement(i, s, e)
                elif self._is_cue(i):
                    found = self._verb_statement(i, s, e)
                if found:
                    break
            para = doc.paragraph_index(s)
            if (
                found is None
                and last is not None
                and para - last_para <= 1
                and not self._own_speaker(by_sentence.get(s))
                and self._subjunctive(s, e)
            ):
                span = self._content(s, e)  # reported speech running on in the subjunctive
                if span and not doc.in_quote(span[0]):
                    found = Reported(span[0], span[1], last)
            if found and out and (out[-1].start, out[-1].end) == (found.start, found.end):
                out[-1] = found  # "…. Das berichtet X.": the source named for it outranks a run-on
                last, last_para = found.attribution, para
            elif found:
                out.append(found)
                last, last_para = found.attribution, para
            elif (att := by_sentence.get(s) or self._cue_without_content(s, e)) is not None and att.speaker.start >= 0:
                # a quote's speaker, or one who "criticised the decision", goes on in the subjunctive
                last, last_para = att, para
                if att is not by_sentence.get(s) and self._reports_object(att) and not self._quoted_sentence(s, e):
                    # "Die Polizei sprach von 800 Autos.": the sentence reports what was said
                    span = self._sentence_span(s, e)
                    if span is not None:
                        out.append(Reported(span[0], span[1], att))
            elif (came := self._speech_came_from(s, e)) is not None:
                last, last_para = came, para  # "Kritik kam von den Grünen. Die Fähre sei zu teuer."
            elif not self._quoted_sentence(s, e):
                last = None  # an indicative sentence of the reporter's own ends the run
        return out
