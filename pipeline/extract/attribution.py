"""Who said each quote: a cue verb next to the quote (after it, before it in the same sentence, or
ending the previous sentence with a colon), a dash byline, then quote chains with no cue."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract import lexicon
from pipeline.extract.document import Doc
from pipeline.extract.model import QuoteSpan
from pipeline.extract.speakers import Speaker, SpeakerFinder

_AFTER_REACH = 14  # tokens after a closing mark in which the cue must appear


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker
    cue: str
    cue_start: int
    confidence: float

    @property
    def actor(self) -> int:
        return self.speaker.actor


def is_cue(doc: Doc, i: int) -> bool:
    word = doc.lower[i]
    if word in lexicon.CUE_VERBS_EN:
        return not (i > 0 and doc.lower[i - 1] in ("to", "the", "a", "an", "his", "her", "their"))
    return i + 1 < len(doc.tokens) and f"{word} {doc.lower[i + 1]}" in lexicon.CUE_PHRASES_EN


def _cue_width(doc: Doc, i: int) -> int:
    nxt = doc.lower[i + 1] if i + 1 < len(doc.tokens) else ""
    return 2 if f"{doc.lower[i]} {nxt}" in lexicon.CUE_PHRASES_EN else 1


class Attributor:
    def __init__(self, doc: Doc, finder: SpeakerFinder) -> None:
        self.doc = doc
        self.finder = finder
        self.resolved: list[Attribution | None] = []
        self.used_cues: set[int] = set()  # token indexes of cues that attributed a quote

    def _attribution(self, i: int, span: tuple[int, int] | None, confidence: float) -> Attribution | None:
        if span is None:
            return None
        speaker = self.finder.resolve(span)
        conf = confidence * (0.9 if speaker.pronoun else 1.0) * (1.0 if speaker.actor >= 0 else 0.8)
        return Attribution(speaker, self.doc.tokens[i].text, self.doc.tokens[i].start, round(conf, 3))

    def _around_cue(self, i: int, confidence: float) -> Attribution | None:
        """Subject before the cue, else the inverted subject after it."""
        return self._attribution(i, self.finder.subject_before(i), confidence) or self._attribution(
            i, self.finder.object_after(i + _cue_width(self.doc, i) - 1), confidence * 0.95
        )

    def _after(self, q: QuoteSpan) -> Attribution | None:
        """`«…,» Lavrov told` / `«…,» said Lavrov` / `«…,» he added` / `“…” ― Jorge Falcon`."""
        doc = self.doc
        para_end = doc.paragraph(q.outer_end - 1)[1]
        window = doc.token_range(q.outer_end, para_end)
        first = window.start
        while first < window.stop and doc.tokens[first].text in (",", ".", "!", "?"):
            first += 1
        if first >= window.stop or first > window.start + 1 and doc.tokens[first - 1].text in ".!?":
            return None
        dash = self.finder.dash_after(first)
        if dash:
            return self._attribution(first, dash, 0.85)
        for i in range(first, min(window.stop, first + _AFTER_REACH)):
            tok = doc.tokens[i]
            if tok.text in (".", "!", "?", ";") or doc.in_quote(tok.start):
                return None
            if is_cue(doc, i):
                self.used_cues.add(i)
                return self._around_cue(i, 0.95)
        return None

    def _before(self, q: QuoteSpan, lo: int) -> Attribution | None:
        """`Lavrov said: «…»` / `Trump told a host that he would know «within two weeks»`."""
        doc = self.doc
        for i in reversed(doc.token_range(lo, q.outer_start)):
            if i in self.used_cues or doc.in_quote(doc.tokens[i].start):
                continue
            if is_cue(doc, i):
                att = self._around_cue(i, 0.85)
                if att:
                    self.used_cues.add(i)
                    return att
                if doc.lower[i - 1 : i] == ["to"]:  # "took to Twitter to accuse": the sentence subject
                    return None
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
        return self._before(q, s)

    def _chain(self, qi: int) -> Attribution | None:
        """No cue: continue the previous quote's speaker in the same or the next paragraph."""
        if qi == 0 or self.resolved[qi - 1] is None:
            return None
        prev, q = self.doc.quotes[qi - 1], self.doc.quotes[qi]
        p_prev, p_cur = self.doc.paragraph_index(prev.outer_start), self.doc.paragraph_index(q.outer_start)
        opens_paragraph = not self.doc.text[self.doc.paras[p_cur][0] : q.outer_start].strip()
        if p_cur == p_prev or (p_cur == p_prev + 1 and opens_paragraph):
            att = self.resolved[qi - 1]
            assert att is not None
            return Attribution(att.speaker, att.cue, att.cue_start, round(att.confidence * 0.7, 3))
        return None

    def run(self) -> list[Attribution | None]:
        for qi, q in enumerate(self.doc.quotes):
            att = self._after(q) or self._after_colon(q) or self._in_sentence(q) or self._chain(qi)
            if att and att.actor >= 0:
                self.finder.recent.append(att.actor)
            self.resolved.append(att)
        return self.resolved
