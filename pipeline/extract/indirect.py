"""Reported speech without quotation marks: "Lavrov stated that there are no plans …",
"The deal is off, officials said.", "According to the agency, prices rose."."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract import lexicon
from pipeline.extract.attribution import Attribution, Attributor, cue_width, is_cue
from pipeline.extract.document import Doc

_MIN_WORDS = 3
# verbs whose first object is the listener, not the content: "told reporters that …"
_LISTENER_VERBS = frozenset(
    "tell told tells telling warn warned warns urge urged remind reminded assure assured inform informed "
    "ask asked".split()
)
_NOT_CLAUSE_START = frozenset(
    "in on at during to with about for from by of into over after before as via through . , ; : ! ? ( ) — – -".split()
)
_END_PUNCT = ".!?;:…"


@dataclass(frozen=True)
class Reported:
    start: int
    end: int
    attribution: Attribution


class IndirectFinder:
    def __init__(self, doc: Doc, attributor: Attributor) -> None:
        self.doc = doc
        self.attributor = attributor

    def _content(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.doc.text
        while start < end and text[start] in " ,":
            start += 1
        while end > start and (text[end - 1] in _END_PUNCT or text[end - 1].isspace() or text[end - 1] in ',”"'):
            end -= 1
        if len(text[start:end].split()) < _MIN_WORDS:
            return None
        quoted = sum(q.end - q.start for q in self.doc.quotes if q.start >= start and q.end <= end)
        return None if quoted >= 0.5 * (end - start) else (start, end)

    def _that_within(self, j: int, sent_end: int, reach: int = 6) -> int:
        """Index of a "that" within reach of j ("told reporters that", "said on Friday that"), else -1."""
        doc = self.doc
        for k in range(j, min(len(doc.tokens), j + reach)):
            if doc.tokens[k].start >= sent_end or doc.in_quote(doc.tokens[k].start) or doc.tokens[k].text in ",;:":
                return -1
            if doc.lower[k] == "that":
                return k
        return -1

    def _forward(self, i: int, sent_end: int) -> tuple[int, int] | None:
        """Content after the cue: "said (that) …", "told reporters that …", "said on Friday that …"."""
        doc = self.doc
        j = i + cue_width(doc, i)
        if j >= len(doc.tokens) or doc.tokens[j].start >= sent_end:
            return None
        if doc.lower[i] in lexicon.NEEDS_THAT and doc.lower[j] != "that":
            return None
        if doc.lower[i] in _LISTENER_VERBS or doc.lower[j] in _NOT_CLAUSE_START:
            j = self._that_within(j, sent_end)
            if j < 0:
                return None
        if doc.lower[j] == "that":
            j += 1
        if j >= len(doc.tokens) or doc.in_quote(doc.tokens[j].start):
            return None
        return self._content(doc.tokens[j].start, sent_end)

    def _parenthetical(self, i: int, speaker_start: int, sent_start: int) -> bool:
        """ ", X said," in the middle of a sentence: commas on both sides, words before."""
        doc = self.doc
        nxt = i + cue_width(doc, i)
        phrase = self.attributor.finder.subject_before(i)  # "Mr. Brandt", not just the name inside it
        start = min(speaker_start, doc.tokens[phrase[0]].start) if phrase else speaker_start
        before = doc.text[sent_start:start].rstrip()
        return (
            nxt < len(doc.tokens) and doc.tokens[nxt].text == "," and before.endswith(",") and len(before.split()) >= 3
        )

    def _backward(self, i: int, sent_start: int, span_start: int) -> tuple[int, int] | None:
        """Content before a sentence-final "…, officials said.": from the sentence start to the comma."""
        comma = self.doc.text.rfind(",", sent_start, span_start)
        return self._content(sent_start, comma) if comma > sent_start else None

    def find(self) -> list[Reported]:
        doc = self.doc
        out: list[Reported] = []
        for sent_start, sent_end in doc.sents:
            for i in doc.token_range(sent_start, sent_end):
                tok = doc.tokens[i]
                if i in self.attributor.used_cues or doc.in_quote(tok.start) or not is_cue(doc, i):
                    continue
                if (
                    doc.lower[i] not in lexicon.CLAUSAL_CUES
                    and doc.lower[i] not in lexicon.NEEDS_THAT
                    and (doc.lower[i] not in lexicon.ACCORDING_TO)
                ):
                    continue
                if doc.lower[i] in lexicon.ACCORDING_TO:
                    found = self._according_to(i, sent_start, sent_end)
                    if found:
                        out.append(found)
                    continue
                att = self.attributor.subject_of_cue(i, 0.6)
                if att is None:
                    continue
                span = self._forward(i, sent_end)
                tail = doc.text[tok.end : sent_end].strip(" " + _END_PUNCT)
                if span is None and len(tail.split()) <= 3:
                    span = self._backward(i, sent_start, min(att.speaker.start, tok.start))
                if span is None and self._parenthetical(i, att.speaker.start, sent_start):
                    # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the whole sentence
                    span = self._content(sent_start, sent_end)
                if span:
                    self.attributor.used_cues.add(i)
                    out.append(Reported(span[0], span[1], att))
        return out

    def _according_to(self, i: int, sent_start: int, sent_end: int) -> Reported | None:
        """ "According to X, …" or "…, according to X."."""
        doc = self.doc
        obj = self.attributor.finder.object_after(i + cue_width(doc, i) - 1)
        if obj is None:
            return None
        speaker = self.attributor.finder.resolve(obj)
        att = Attribution(speaker, "according to", doc.tokens[i].start, 0.6)
        obj_end = doc.tokens[obj[1] - 1].end
        if doc.text[sent_start : doc.tokens[i].start].strip(" ,"):
            span = self._content(sent_start, doc.tokens[i].start)
        else:
            span = self._content(obj_end, sent_end)
        return Reported(span[0], span[1], att) if span else None
