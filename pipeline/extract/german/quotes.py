"""Each quote's speaker: the cue after it („…“, sagte X), before it (X sagte: „…“), or its reported
clause."""

from __future__ import annotations

from bisect import bisect_left

from pipeline.extract.attribution import Attribution
from pipeline.extract.german.subjects import Subjects
from pipeline.extract.german.words import _HEISSEN, _VERB_FINAL_OPENERS, _Found
from pipeline.extract.german_words import (
    AUXILIARIES,
    REPORTED_MOOD,
)
from pipeline.extract.model import ActorType, QuoteSpan


class QuoteSpeakers(Subjects):
    # --- quotes ---------------------------------------------------------------------------------
    def _after_quote(self, q: QuoteSpan) -> Attribution | None:
        """„…“, sagte der Minister. / „…“, so Müller. / „…“, erklärte er gegenüber der Presse."""
        doc = self.doc
        sent_end = doc.sentence(q.outer_end - 1)[1]
        window = doc.token_range(q.outer_end, sent_end)
        k = window.start
        while k < window.stop and doc.tokens[k].text in (",", "–", "—", "-"):
            k += 1
        if k >= window.stop:
            return None
        if self._word(k) == "mit":  # „…“, mit diesen Worten meldete er sich zurück
            words = next((j for j in range(k + 1, min(k + 4, window.stop)) if self._word(j) == "worten"), None)
            if words is not None and words + 1 < window.stop:
                k = words + 1
        embedded = k == window.start and self._word(k) != "so"  # no comma: the quote is inside the clause
        if self._word(k) == "so" and k + 1 < window.stop and (self._is_cue(k + 1) or self._verb_like(k + 1)):
            k += 1  # „…“, so charakterisierte ihn der Funktionär: "so" then the verb
        if self._word(k) == "so" or self._is_cue(k) or self._verb_like(k):
            found = self._speaker_of(k, k, window.stop)
            if found is None and embedded and (att := self._verb_final(q, k) or self._reported_clause(q)) is not None:
                return att
            # „…“, begründet das Gericht: nouns are capitalised, so a lower-case word is a verb
            return self._attribution(_Found(found, k), 0.9 if self._word(k) == "so" or self._is_cue(k) else 0.75)
        if self._word(k) in AUXILIARIES:  # „…“, hatte VW-Chef Winterkorn in einem Interview erklärt.
            cue = self._first_cue(k + 1, window.stop)
            if cue is not None:
                return self._attribution(_Found(self._np_after(k + 1, window.stop), cue), 0.85)
        return None

    def _verb_final(self, q: QuoteSpan, verb: int) -> Attribution | None:
        """The quote sits inside a clause whose verb follows it ("…, weil die US-Regierung Georgien
        als „…“ bezeichnet hat"): in a subordinate clause the verb comes last, its subject right
        after the conjunction."""
        doc = self.doc
        lo = doc.token_range(doc.sentence(q.outer_start)[0], q.outer_start)
        if not self._is_cue(verb) or not len(lo):
            return None
        start = self._clause_start(lo.stop, lo.start)
        agent = self._passive_agent(verb, start, lo.stop)  # "Der Plan wurde von X als „…“ bezeichnet"
        if agent is not None:
            return self._attribution(_Found(agent, verb), 0.7)
        if start < lo.stop and self._word(start) in _VERB_FINAL_OPENERS:
            np = self._np_after(start + 1, lo.stop)
            if np is not None and not self._oblique(*np) and self._word(np[0]) != "es":
                return self._attribution(_Found(np, verb), 0.7)
        if (
            start > lo.start + 1
            and self._word(start) in ("der", "die", "welcher", "welche")
            and self._word(start - 1) == ","
        ):
            antecedent = self._antecedent(start - 1, lo.start)  # "ein Kommentar, der … als „…“ bezeichnet"
            if antecedent is not None:
                return self._attribution(_Found(antecedent, verb), 0.7)
        return None

    def _reported_clause(self, q: QuoteSpan) -> Attribution | None:
        """A quote inside a "dass"/"ob" clause whose verb follows it ("Mutlu prangerte an, dass die
        Lehrer „…“ dienten"): the words are the reporting clause's subject's."""
        _, tokens = self._words_before(q)
        if any(self._word(k) in ("dass", "ob") and self.doc.tokens[k - 1].text == "," for k in tokens):
            return self._before_quote(q)
        return None

    def _cue_before(self, tokens: range) -> Attribution | None:
        """The last cue among the words before a quote, with its subject: "Er sagte gegenüber der
        Zeitung, „…“", also a quote inside the reported clause ("prangerten an, dass die Lehrer
        „…“ dienten"). The cue may introduce reported speech around the quote: reported() decides."""
        cues = self._cues
        last = bisect_left(cues, tokens.stop) - 1
        if last < 0 or cues[last] < tokens.start:
            return None
        k = cues[last]
        return self._attribution(_Found(self._speaker_of(k, tokens.start, tokens.stop), k), 0.85)

    def _before_quote(self, q: QuoteSpan) -> Attribution | None:
        """Der Minister sagte: „…“ / Er sagte gegenüber der Zeitung, „…“ / Steinbrück: „…“."""
        doc = self.doc
        s, tokens = self._words_before(q)
        colon = tokens.stop - 1 if len(tokens) and doc.tokens[tokens.stop - 1].text == ":" else None
        if colon is not None and (listed := self._last_in_list(tokens.start, colon)) is not None:
            return self._attribution(_Found(listed, colon), 0.8)
        if (cued := self._cue_before(tokens)) is not None:
            return cued
        if colon is not None:
            label = self._label(self._skip_openers(tokens.start, colon), colon)
            if label is not None:  # colon attribution: "Steinbrück: „…“", "X, Präsident des Rats: „…“"
                return self._attribution(_Found(label, colon), 0.8)
            # "… brachte X zum Ausdruck: „…“"; after a subordinate clause or an apposition the
            # main clause's verb opens the clause before the colon ("…, lautete dazu: „…“")
            last = self._clause_start(colon, tokens.start)
            if self._word(last) == "so" and (np := self._np_after(last + 1, colon)) is not None:
                return self._attribution(_Found(np, last), 0.8)  # "…, so Elshorst weiter: „…“"
            verb = last if last > tokens.start and self._verb_like(last) else None
            if verb is None:  # "In einer Erklärung hatte es geheißen:": the verb that names the source
                verb = next((k for k in range(tokens.start, colon) if self._word(k) in _HEISSEN), None)
            if verb is None:
                verb = self._main_verb(tokens.start, colon)
            if verb is not None and self._word(verb) in REPORTED_MOOD:
                # reported speech before the colon ("Queensland sei zu Dank verpflichtet: „…“"): the
                # one reported goes on speaking (fill), not the sentence's subject
                return self._attribution(_Found(None, verb), 0.5)
            if verb is not None:
                att = self._attribution(_Found(self._speaker_of(verb, tokens.start, tokens.stop - 1), verb), 0.7)
                return self._only_person(tokens, att) or att
        elif (source := self._source_before(tokens)) is not None:
            return source
        elif len(tokens) > 2 and (verb := self._finite_verb(tokens.start, tokens.stop)) is not None:
            if self._subjunctive(s, q.outer_start):
                # reported speech running on ("Der Rücktritt sei ein „…“"): not the subject's words;
                # no speaker here, so the one before carries on (fill)
                return self._attribution(_Found(None, verb), 0.5)
            # a quoted fragment inside the reporter's sentence: the sentence's subject used the words
            # (an expletive "es" stays, for the statement's extent, unless a passive names the agent)
            clause = self._after_inner_colon(tokens)
            if clause.start > tokens.start and len(clause) > 2:
                verb = self._finite_verb(clause.start, clause.stop) or verb
            lo, hi = clause.start, clause.stop
            span = self._speaker_of(verb, lo, hi) or self._subject_of(verb, lo, hi)
            return self._attribution(_Found(span, verb), 0.5)
        return None

    def _last_in_list(self, lo: int, colon: int) -> tuple[int, int] | None:
        """The last of a list of people before a colon speaks: "Viele gratulierten, so die Ministerin
        Eva Roth und der Bürgermeister Paul Kern: „…“" (a named person after the last comma or "und")."""
        start = self._clause_start(colon, lo)
        if start == lo:
            return None
        und = next((k for k in range(colon - 1, start - 1, -1) if self._word(k) == "und"), None)
        if und is None:
            return None
        np = self._np_after(und + 1, colon)
        if np is None or np[1] != colon:
            return None
        toks = self.doc.tokens
        mentions = self.finder.mentions_within(toks[np[0]].start, toks[colon - 1].end)
        person = any(self.finder.index.actors[m[2]].type is ActorType.PERSON for m in mentions)
        return np if person else None

    def _parenthesised(self, q: QuoteSpan) -> Attribution | None:
        """„…“ (Anna Roth): the person in parentheses after the quote."""
        speaker = self.finder.parenthesised_after(q.outer_end)
        return Attribution(speaker, "(", speaker.start - 1, 0.8) if speaker else None

    def _previous_person(self, q: QuoteSpan) -> Attribution | None:
        """A quote opening its sentence after a sentence whose subject is a named person, in the
        same paragraph: that person goes on speaking, whatever the verb was ("Sadiq Khan
        verurteilte die Haltung der Regierung. „…“"); any other subject when the verb is a cue."""
        doc = self.doc
        s, _ = doc.sentence(q.outer_start)
        if len(doc.token_range(s, q.outer_start)):  # words before it in its sentence
            return None
        before = self._sentence_before(s)
        if before is None:
            return None
        tokens = doc.token_range(*before)
        if len(tokens) < 3:
            return None
        verb = self._main_verb(tokens.start, tokens.stop)
        if verb is None:
            return None
        span = self._subject_of(verb, tokens.start, tokens.stop)
        if span is None or span[1] > verb:
            return None
        att = self._attribution(_Found(span, verb), 0.5)
        if att.actor >= 0 and self.finder.index.actors[att.actor].type.value == "person":
            return att
        # anyone else goes on speaking when the verb says they spoke: "Die Opposition kritisierte
        # den Plan. „…“"
        return att if self._is_cue(verb) else None

    def attribute_quotes(self) -> list[Attribution | None]:
        out: list[Attribution | None] = []
        for qi, q in enumerate(self.doc.quotes):
            att = (
                self._parenthesised(q)
                or self._after_quote(q)
                or self._before_quote(q)
                or self._previous_person(q)
                or self._chain(qi, out)
            )
            if att and att.actor >= 0:
                self.finder.recent.append(att.actor)
            out.append(att)
        return out
