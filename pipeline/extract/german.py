"""German attribution: who said what in German news, by sentence position rather than by
capitalisation (every German noun is capitalised, so "the nearest capitalised word" names
"Urteilsbegründung" or "Forderungen" as speakers).

German is verb-second: the finite cue verb is the second constituent of its clause. When the
clause opens with its subject ("Der Staatsanwalt sagte, …"), that is the speaker; when it opens
with anything else (an adverb, a prepositional phrase, a quote: "Zudem sagte er", "„…“, sagte der
Minister"), the subject follows the verb. Besides verbs: "so X" after a quote, "laut X", "X
zufolge", "nach Angaben von X", "wie X mitteilte", colon attributions ("Steinbrück: „…“"), and
reported speech that runs on in the subjunctive (Konjunktiv I: "Dies sei nachzuweisen.") with
the last speaker. The word lists are in pipeline/extract/german_words.py."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.german_words import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    CUES,
    DETERMINERS,
    NACH_NOUNS,
    NEEDS_PARTICLE,
    NP_CONNECTORS,
    PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    REPORTIVE,
    SOURCE_WORDS,
    SUBJUNCTIVE,
)
from pipeline.extract.indirect import Reported
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import Speaker, SpeakerFinder

_MAX_NP = 12


@dataclass(frozen=True)
class _Found:
    speaker: tuple[int, int] | None  # token range
    cue: int


class GermanAttributor:
    """Same outputs as the English Attributor and IndirectFinder: an attribution per quote, and
    reported statements without quotation marks."""

    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        self.doc = doc
        self.finder = finder
        self.used: set[int] = set()  # cue tokens already attributing something

    # --- noun phrases ---------------------------------------------------------------------------
    def _word(self, k: int) -> str:
        return self.doc.lower[k]

    def _starts_np(self, k: int) -> bool:
        tok = self.doc.tokens[k]
        w = self._word(k)
        if w in DETERMINERS or w in PRONOUNS:
            return True
        return tok.is_capitalized and w not in PREPOSITIONS | CONJUNCTIONS | ADVERBS | CUES | AUXILIARIES

    def _np_after(self, k: int, stop: int) -> tuple[int, int] | None:
        """A noun phrase starting at token k: a pronoun, or a determiner/name run with its
        attributes ("der Wissenschaftsjournalist Dirk Lorenzen", "Angaben von n24")."""
        toks = self.doc.tokens
        if k >= stop or not self._starts_np(k) or self.doc.in_quote(toks[k].start):
            return None
        if self._word(k) in PRONOUNS:
            return k, k + 1
        e = k + 1
        while e < stop and e - k < _MAX_NP and not self.doc.in_quote(toks[e].start):
            w, text = self._word(e), toks[e].text
            if text in (",", ".", ":", ";", "!", "?", "(", ")", "„", "“", '"') or w in CUES or w in PARTICLES:
                break
            if w in SUBJUNCTIVE | AUXILIARIES or (w in PREPOSITIONS and w not in NP_CONNECTORS):
                break
            if w in CONJUNCTIONS - {"und"}:
                break
            after_connector = self._word(e - 1) in NP_CONNECTORS
            if not (
                toks[e].is_capitalized
                or w in NP_CONNECTORS
                or w in DETERMINERS
                or any(c.isdigit() for c in text)
                or after_connector
                or text == "-"
                or w.endswith(("e", "en", "er", "es", "em"))
            ):
                break
            e += 1
        while e > k + 1 and self._word(e - 1) in NP_CONNECTORS | DETERMINERS:
            e -= 1
        return k, e

    def _clause_start(self, i: int, lo: int) -> int:
        """First token of the clause holding token i: after the last comma, colon or quote before it."""
        k = i - 1
        while (
            k >= lo
            and self.doc.tokens[k].text not in (",", ":", ";")
            and not self.doc.in_quote(self.doc.tokens[k].start)
        ):
            k -= 1
        return k + 1

    def _clean_np(self, k: int, end: int) -> bool:
        """Tokens [k, end) form one noun phrase: it opens like one and holds no verb, conjunction
        (but "und") or clause punctuation; a parenthesis inside is allowed ("Behörde (NEMA)")."""
        if k >= end or not self._starts_np(k) or end - k > 2 * _MAX_NP:
            return False
        depth = 0
        for j in range(k, end):
            text, w = self.doc.tokens[j].text, self._word(j)
            depth += (text == "(") - (text == ")")
            if depth:
                continue
            if text in (".", ":", ";", "!", "?", "„", "“", '"') or w in CUES | AUXILIARIES | SUBJUNCTIVE:
                return False
            if w in CONJUNCTIONS - {"und"} or (
                j > k
                and self._word(j - 1) == ","
                and w in DETERMINERS | PRONOUNS
                and self._word(j) in {"der", "die", "das", "dem", "den"}
            ):
                return False
        return depth == 0

    def _speaker_of(self, i: int, lo: int, hi: int) -> tuple[int, int] | None:
        """Subject of cue token i. Verb second: the phrase opening the clause when it runs up to
        the verb or its auxiliary ("Der Minister sagte", "Sie wird … zitiert", "von dem die
        Polizei glaubt"), appositions between commas included ("Granier, der Gouverneur von
        Tabasco, sagte"); else the phrase right after the verb ("Zudem sagte er", "äußerte sich
        der Präsident"). "hieß es" names its source in a prepositional phrase ("In einem
        Positionspapier … hieß es")."""
        toks = self.doc.tokens
        start = self._clause_start(i, lo)
        verb = i
        while verb - 1 >= start and self._word(verb - 1) in AUXILIARIES | ADVERBS:
            verb -= 1  # "hat angekündigt", "hatte zuvor erklärt"
        if self._word(i) in ("hieß", "heißt"):
            k = next((j for j in range(start, verb) if self._word(j) in ("in", "im")), None)
            return self._np_after(k + 1, verb) if k is not None else None
        if verb == start and start - 1 > lo and toks[start - 1].text == ",":
            # the clause is only the verb: an apposition ends before it; the subject opens the sentence
            sent = max(lo, self.doc.token_at(self.doc.sentence(toks[i].start)[0]))
            apposition = self._clause_start(start - 1, lo)
            if sent < apposition - 1 and self._clean_np(sent, apposition - 1) and self._clean_np(apposition, start - 1):
                return sent, start - 1
        slot = next((j for j in range(start, i) if self._word(j) in AUXILIARIES), i)
        if start < slot and self._clean_np(start, slot):  # main clause: subject, then the finite verb
            if not self._oblique(start, slot) or (after := self._np_after_verb(i, hi)) is None:
                return start, slot
            return after  # "Der englischsprachigen Zeitung sagte Karma": a dative first, the subject after
        k = start + (self._word(start) in PREPOSITIONS)
        if k < i and self._word(k) in RELATIVES:  # relative clause: "von dem die Polizei glaubt"
            end = next((j for j in range(k + 1, i + 1) if self._word(j) in AUXILIARIES or j == i), i)
            if self._clean_np(k + 1, end):
                return k + 1, end
        return self._np_after_verb(i, hi)

    def _np_after_verb(self, i: int, hi: int) -> tuple[int, int] | None:
        k = i + 1
        while k < hi and (self._word(k) in ADVERBS or self._word(k) == "sich"):
            k += 1
        return self._np_after(k, hi)

    def _oblique(self, start: int, end: int) -> bool:
        """The phrase is marked as dative or genitive, so not the subject: "dem Minister", "einer
        Zeitung", "der englischsprachigen Zeitung" (article "der" with a weak "-en" adjective)."""
        first = self._word(start)
        if first in ("dem", "einem", "einer", "eines", "des"):
            return True
        return first == "der" and end - start >= 3 and self._word(start + 1).endswith("en")

    # --- cues -----------------------------------------------------------------------------------
    def _is_cue(self, k: int) -> bool:
        w = self._word(k)
        if w not in CUES or self.doc.in_quote(self.doc.tokens[k].start):
            return False
        if w in NEEDS_PARTICLE and not self._particle_follows(k, NEEDS_PARTICLE[w]):
            return False
        # a capitalised form mid-sentence is a noun ("die Sagen", "Hoffen"), except sentence-initially
        return not (
            self.doc.tokens[k].is_capitalized
            and self.doc.sentence(self.doc.tokens[k].start)[0] != self.doc.tokens[k].start
        )

    def _particle_follows(self, k: int, particles: set[str]) -> bool:
        toks = self.doc.tokens
        for j in range(k + 1, min(len(toks), k + 25)):
            if toks[j].text in (",", ".", ":", ";", "!", "?"):
                return False
            if self._word(j) in particles:
                return True
        return False

    def _resolve(self, span: tuple[int, int]) -> Speaker:
        """The phrase as written is the mention; its actor is one named inside it (a person
        first), or a pronoun's antecedent. Never a capitalised word next to it."""
        toks = self.doc.tokens
        s, e = span
        if e - s == 1 and self._word(s) in PRONOUNS:
            return self.finder.resolve(span)
        start, end = toks[s].start, toks[e - 1].end
        inside = [m for m in self.finder.index.mentions if m[0] >= start and m[1] <= end]
        people = [m for m in inside if self.finder.index.actors[m[2]].type.value == "person"]
        actor = (people or inside)[-1][2] if inside else -1
        return Speaker(actor, self.doc.text[start:end], start, end)

    def _attribution(self, found: _Found, confidence: float) -> Attribution:
        if found.speaker is None:
            start = self.doc.tokens[found.cue].start
            return Attribution(Speaker(-1, "", -1, -1), self.doc.tokens[found.cue].text, start, confidence * 0.5)
        speaker = self._resolve(found.speaker)
        tok = self.doc.tokens[found.cue]
        return Attribution(speaker, tok.text, tok.start, confidence)

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
        if self._word(k) == "so" or self._is_cue(k):
            return self._attribution(_Found(self._speaker_of(k, k, window.stop), k), 0.9)
        if self._verb_like(k):  # „…“, begründet das Gericht: nouns are capitalised, so this is a verb
            return self._attribution(_Found(self._speaker_of(k, k, window.stop), k), 0.75)
        if self._word(k) in AUXILIARIES:  # „…“, hatte VW-Chef Winterkorn in einem Interview erklärt.
            cue = next((j for j in range(k + 1, window.stop) if self._is_cue(j)), None)
            if cue is not None:
                return self._attribution(_Found(self._np_after(k + 1, window.stop), cue), 0.85)
        return None

    def _before_quote(self, q: QuoteSpan) -> Attribution | None:
        """Der Minister sagte: „…“ / Er sagte gegenüber der Zeitung, „…“ / Steinbrück: „…“."""
        doc = self.doc
        s = max(doc.sentence(q.outer_start)[0], doc.paragraph(q.outer_start)[0])
        tokens = doc.token_range(s, q.outer_start)
        for k in reversed(tokens):
            if not self._is_cue(k):
                continue
            # the cue may also introduce reported speech around the quote: reported() decides
            return self._attribution(_Found(self._speaker_of(k, tokens.start, tokens.stop), k), 0.85)
        if len(tokens) and doc.tokens[tokens.stop - 1].text == ":":
            if 1 <= len(tokens) - 1 <= 8:
                np = self._np_after(tokens.start, tokens.stop - 1)  # colon attribution: "Steinbrück: „…“"
                if np and np[1] == tokens.stop - 1:
                    return self._attribution(_Found(np, tokens.stop - 1), 0.8)
            verb = self._finite_verb(tokens.start, tokens.stop - 1)  # "… brachte X zum Ausdruck: „…“"
            if verb is not None:
                return self._attribution(_Found(self._speaker_of(verb, tokens.start, tokens.stop - 1), verb), 0.7)
        elif len(tokens) > 2 and (verb := self._finite_verb(tokens.start, tokens.stop)) is not None:
            # a quoted fragment inside the reporter's sentence: the sentence's subject used the words
            return self._attribution(_Found(self._speaker_of(verb, tokens.start, tokens.stop), verb), 0.5)
        return None

    def _verb_like(self, k: int) -> bool:
        """A lower-case content word: in German, nouns are capitalised, so verbs are what is left."""
        tok, w = self.doc.tokens[k], self._word(k)
        return (
            tok.text[:1].islower()
            and tok.text.isalpha()
            and w not in DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | ADVERBS | RELATIVES
            and w not in {"nicht", "sich", "zu", "es", "man", "so", "noch", "auch", "nur", "sehr", "einer"}
        )

    def _finite_verb(self, start: int, end: int) -> int | None:
        """The verb in second position of the main clause [start, end): after its first phrase."""
        for k in range(start + 1, min(end, start + _MAX_NP + 1)):
            if self.doc.tokens[k].text in (",", "„", "“", '"'):
                return None
            if self._word(k) in AUXILIARIES or self._word(k) in CUES or self._verb_like(k):
                return k
        return None

    def attribute_quotes(self) -> list[Attribution | None]:
        out: list[Attribution | None] = []
        for qi, q in enumerate(self.doc.quotes):
            att = self._after_quote(q) or self._before_quote(q) or self._chain(qi, out)
            if att and att.actor >= 0:
                self.finder.recent.append(att.actor)
            out.append(att)
        return out

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

    # --- reported speech ------------------------------------------------------------------------
    def _content(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.doc.text
        while start < end and (text[start] in " ,:–—" or text.startswith(("dass ", "ob "), start)):
            start += 5 if text.startswith("dass ", start) else 3 if text.startswith("ob ", start) else 1
        while end > start and text[end - 1] in " .,;:!?":
            end -= 1
        if len(text[start:end].split()) < 2:
            return None
        quoted = sum(q.outer_end - q.outer_start for q in self.doc.quotes if q.outer_start >= start and q.end <= end)
        return None if quoted >= 0.8 * (end - start) else (start, end)

    def _verb_statement(self, i: int, s: int, e: int) -> Reported | None:
        doc = self.doc
        toks = doc.tokens
        speaker = self._speaker_of(i, doc.token_at(s), doc.token_at(e))
        after = doc.token_range(toks[i].end, e)
        comma_after = next((k for k in after if toks[k].text in (",", ":")), None)
        before = doc.text[s : toks[i].start].rstrip()
        inverted = speaker is None or speaker[0] > i
        if before.endswith(",") and doc.token_at(s) < i and inverted:  # "Die Lage sei ernst, sagte er."
            span = self._content(s, doc.text.rfind(",", s, toks[i].start))
        elif comma_after is not None:  # "Er sagte, die Lage sei ernst." / "teilte die Polizei mit, dass …"
            span = self._content(toks[comma_after].end, e)
        else:
            return None
        if span is None or doc.in_quote(span[0]):
            return None
        self.used.add(i)
        return Reported(span[0], span[1], self._attribution(_Found(speaker, i), 0.7))

    def _source_statement(self, i: int, s: int, e: int) -> Reported | None:
        """laut X / X zufolge / nach Angaben von X / so X / wie X mitteilte: the rest of the sentence."""
        doc = self.doc
        toks = doc.tokens
        w = self._word(i)
        lo, hi = doc.token_at(s), doc.token_at(e)
        if w == "zufolge":
            k = i - 1
            while k > lo and toks[k - 1].text not in (",",) and self._word(k - 1) not in PREPOSITIONS - NP_CONNECTORS:
                k -= 1
            speaker: tuple[int, int] | None = (k, i) if k < i else None
            phrase = (toks[k].start if speaker else toks[i].start, toks[i].end)
        elif w == "nach":
            if (
                i + 1 >= hi
                or self._word(i + 1) not in NACH_NOUNS
                and not (i + 2 < hi and self._word(i + 2) in NACH_NOUNS)
            ):
                return None
            speaker = self._np_after(i + 1, hi)
            phrase = (toks[i].start, toks[speaker[1] - 1].end if speaker else toks[i].end)
        else:  # laut, gemäß, so (after a clause)
            speaker = self._np_after(i + 1, hi)
            phrase = (toks[i].start, toks[speaker[1] - 1].end if speaker else toks[i].end)
        if speaker is None:
            return None
        before = self._content(s, phrase[0])
        span = before if before and doc.text[s : phrase[0]].strip(" ,") else self._content(phrase[1], e)
        if span is None:
            return None
        self.used.add(i)
        return Reported(span[0], span[1], self._attribution(_Found(speaker, i), 0.7))

    def reported(self) -> list[Reported]:
        doc = self.doc
        out: list[Reported] = []
        last: Reported | None = None
        last_para = -1
        for s, e in doc.sents:
            found: Reported | None = None
            for i in doc.token_range(s, e):
                if i in self.used or doc.in_quote(doc.tokens[i].start):
                    continue
                w = self._word(i)
                if w in SOURCE_WORDS or w == "nach" or (w == "so" and doc.tokens[i - 1].text == "," if i else False):
                    found = self._source_statement(i, s, e)
                elif self._is_cue(i):
                    found = self._verb_statement(i, s, e)
                if found:
                    break
            para = doc.paragraph_index(s)
            if found is None and last is not None and para - last_para <= 1 and self._subjunctive(s, e):
                span = self._content(s, e)  # reported speech running on in the subjunctive
                if span and not doc.in_quote(span[0]):
                    found = Reported(span[0], span[1], last.attribution)
            if found:
                out.append(found)
                last, last_para = found, para
            elif not self._quoted_sentence(s, e):
                last = None  # an indicative sentence of the reporter's own ends the run
        return out

    def fill(self, attributions: list[Attribution | None], reported: list[Reported]) -> list[Attribution | None]:
        """A quote with no cue of its own continues the statement just before it (in its
        paragraph, or ending the previous one): "X sagte, dass … . „…“"."""
        doc = self.doc
        done = [(q.outer_end, a) for q, a in zip(doc.quotes, attributions, strict=True) if a is not None]
        done += [(r.end, r.attribution) for r in reported]
        done.sort(key=lambda item: item[0])
        out = list(attributions)
        for qi, q in enumerate(doc.quotes):
            if out[qi] is not None:
                continue
            before = [(end, a) for end, a in done if end <= q.outer_start]
            if not before:
                continue
            end, att = before[-1]
            gap = doc.paragraph_index(q.outer_start) - doc.paragraph_index(end - 1)
            if gap <= 1 and att.speaker.start >= 0:
                out[qi] = Attribution(att.speaker, att.cue, att.cue_start, round(att.confidence * 0.7, 3))
        return out

    def _subjunctive(self, s: int, e: int) -> bool:
        """The sentence speaks in reported mood: a Konjunktiv form, "soll(en)", or a third-person
        Konjunktiv I next to its pronoun ("nehme er", "er gehöre"), which ends in -e."""
        tokens = self.doc.token_range(s, e)
        for k in tokens:
            w = self._word(k)
            if w in SUBJUNCTIVE or w in REPORTIVE:
                return True
            if w in ("er", "sie", "es", "man"):
                for j in (k - 1, k + 1):
                    if j in tokens and self._konjunktiv_i(j):
                        return True
        return False

    def _konjunktiv_i(self, k: int) -> bool:
        text, w = self.doc.tokens[k].text, self._word(k)
        return (
            text.islower()
            and len(w) >= 4
            and w.endswith("e")
            and not w.endswith("te")  # "regnete es", "sagte er": the past tense, indicative
            and w not in DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | ADVERBS | RELATIVES
            and w not in {"keine", "seine", "ihre", "diese", "jede", "alle", "viele", "beide", "eine", "ohne", "gerne"}
        )

    def _quoted_sentence(self, s: int, e: int) -> bool:
        return any(q.outer_start >= s and q.outer_end <= e for q in self.doc.quotes)
