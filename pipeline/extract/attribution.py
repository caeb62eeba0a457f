"""Who said each quote: cue verbs next to the quote, then pronouns, nominals and quote chains."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pipeline.extract import lexicon
from pipeline.extract.actors import ActorIndex
from pipeline.extract.model import Actor, ActorType, QuoteSpan
from pipeline.extract.text import Token, paragraphs, sentences, span_index, tokenize

_WINDOW_TOKENS = 20


@dataclass(frozen=True)
class Attribution:
    actor: int  # index into ActorIndex.actors, -1 if unresolved
    mention: str  # as written ("he", "Lavrov", "the minister")
    start: int
    end: int
    cue: str
    confidence: float
    cue_start: int = -1


class Attributor:
    def __init__(self, text: str, index: ActorIndex, quotes: list[QuoteSpan]) -> None:
        self.text = text
        self.index = index
        self.quotes = quotes
        self.paras = paragraphs(text)
        self.sents = sentences(text)
        self._inside = [(q.outer_start, q.outer_end) for q in quotes]
        self.resolved: list[Attribution | None] = []

    # --- helpers -------------------------------------------------------------------------------
    def _in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self._inside)

    def _actor_mention_at(self, start: int, max_skip: int = 0) -> tuple[int, int, int] | None:
        """The actor mention beginning at `start` (or after up to max_skip lowercase/title tokens)."""
        for m in self.index.mentions:
            if m[0] >= start and not self._in_quote(m[0]):
                gap = tokenize(self.text, start, m[0])
                if len(gap) <= max_skip and all(t.text[0].isalnum() for t in gap):
                    return m
                return None
        return None

    def _mention_ending_at(self, end: int) -> tuple[int, int, int] | None:
        for m in reversed(self.index.mentions):
            if m[1] <= end:
                between = self.text[m[1] : end]
                if not self._in_quote(m[0]) and (
                    between.strip() in ("", "’s", "'s") or between.strip(" ,").strip() == ""
                ):
                    return m
                return None
        return None

    def _is_cue(self, tokens: list[Token], i: int) -> bool:
        word = tokens[i].text.lower()
        if word in lexicon.CUE_VERBS_EN:
            return True
        nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
        return f"{word} {nxt}" in lexicon.CUE_PHRASES_EN

    def _speaker_token(self, tok: Token, cue: str, conf: float, tokens: list[Token], i: int) -> Attribution | None:
        """A pronoun or 'the <title>' at tokens[i] (tok) resolved to an actor."""
        word = tok.text.lower()
        if word in lexicon.SUBJECT_PRONOUNS:
            return Attribution(
                self._resolve_pronoun(tok.start, lexicon.PRONOUNS[word]), tok.text, tok.start, tok.end, cue, conf * 0.9
            )
        if word in ("the", "a") and i + 1 < len(tokens):
            noun = tokens[i + 1].text.lower()
            actor = self._resolve_nominal(tok.start, noun)
            if actor >= 0:
                return Attribution(
                    actor, f"{tok.text} {tokens[i + 1].text}", tok.start, tokens[i + 1].end, cue, conf * 0.8
                )
        return None

    def _from_mention(self, m: tuple[int, int, int], cue: str, conf: float) -> Attribution:
        return Attribution(m[2], self.text[m[0] : m[1]], m[0], m[1], cue, conf)

    def _used_cue_end(self) -> int:
        """End of the cue that attributed the previous quote: a cue serves one quote, not the next."""
        prev = self.resolved[-1] if self.resolved else None
        return prev.cue_start + len(prev.cue) if prev and prev.cue_start >= 0 else -1

    # --- resolution ----------------------------------------------------------------------------
    def _compatible(self, actor: Actor, gender: str) -> bool:
        return actor.type is ActorType.PERSON and (not gender or not actor.gender or actor.gender == gender)

    def _resolve_pronoun(self, pos: int, gender: str) -> int:
        """The subject (first person mentioned outside quotes) of this sentence before pos, else of
        the sentences before it, else the last compatible speaker."""
        si = span_index(self.sents, pos)
        for k in range(si, max(-1, si - 4), -1):
            s, e = self.sents[k]
            for ms, me, a in self.index.mentions:
                if (
                    ms >= s
                    and me <= min(e, pos)
                    and not self._in_quote(ms)
                    and self._compatible(self.index.actors[a], gender)
                ):
                    return a
        for att in reversed(self.resolved):
            if att and att.actor >= 0 and self._compatible(self.index.actors[att.actor], gender):
                return att.actor
        return -1

    def _resolve_nominal(self, pos: int, noun: str) -> int:
        for ms, _, a in reversed(self.index.mentions):
            actor = self.index.actors[a]
            if ms < pos and any(noun in t.lower().split() for t in actor.titles):
                return a
        return -1

    # --- windows -------------------------------------------------------------------------------
    def _after(self, q: QuoteSpan) -> Attribution | None:
        """`«…,» Lavrov told` / `«…,» said Lavrov` / `«…,» he added`."""
        para_end = self.paras[span_index(self.paras, q.outer_end - 1)][1]
        tokens = tokenize(self.text, q.outer_end, para_end)[:_WINDOW_TOKENS]
        words = [i for i, t in enumerate(tokens) if t.text[0].isalnum()]
        if not words or any(t.text in ".!?" for t in tokens[: words[0]]) or self._in_quote(tokens[words[0]].start):
            return None
        first = words[0]
        for i in range(first, min(len(tokens), first + 12)):
            if tokens[i].text in '.!?«“"„' or self._in_quote(tokens[i].start):
                break
            if not self._is_cue(tokens, i):
                continue
            cue = tokens[i].text
            # subject before the cue: "Lavrov told", "he also said", "the minister said"
            pre = self._mention_ending_at(self._skip_adverbs_back(tokens, i))
            if pre and pre[0] >= q.outer_end:
                return self._from_mention(pre, cue, 0.95)
            # appositive between subject and cue: "Janet Moore, the city's mayor, said"
            lead = self._actor_mention_at(tokens[first].start)
            between = self.text[lead[1] : tokens[i].start].strip() if lead else ""
            if lead and between.startswith(",") and between.endswith(","):
                return self._from_mention(lead, cue, 0.9)
            spoken = self._speaker_token(tokens[first], cue, 0.95, tokens, first)
            if spoken and i - first <= 3:
                return spoken
            # inverted: "said Lavrov", "said Russian Foreign Minister Sergei Lavrov", "said he"
            nxt = i + (
                2
                if f"{tokens[i].text.lower()} {tokens[i + 1].text.lower() if i + 1 < len(tokens) else ''}"
                in lexicon.CUE_PHRASES_EN
                else 1
            )
            if nxt < len(tokens):
                post = self._actor_mention_at(tokens[nxt].start, max_skip=6)
                if post:
                    return self._from_mention(post, cue, 0.9)
                spoken = self._speaker_token(tokens[nxt], cue, 0.9, tokens, nxt)
                if spoken:
                    return spoken
            return None
        return None

    def _skip_adverbs_back(self, tokens: list[Token], i: int) -> int:
        j = i
        while j > 0 and tokens[j - 1].text.lower() in lexicon.ADVERBS:
            j -= 1
        return tokens[j].start

    def _before(self, q: QuoteSpan) -> Attribution | None:
        """`Lavrov said: «…»` / `Trump told a host that he would know «within two weeks»`."""
        s, _ = self.sents[span_index(self.sents, q.outer_start)]
        para_start = self.paras[span_index(self.paras, q.outer_start)][0]
        lo = max(s, para_start, self._used_cue_end())
        tokens = [t for t in tokenize(self.text, lo, q.outer_start) if not self._in_quote(t.start)]
        for i in range(len(tokens) - 1, -1, -1):
            if not self._is_cue(tokens, i):
                continue
            cue = tokens[i].text
            pre = self._mention_ending_at(self._skip_adverbs_back(tokens, i))
            if pre:
                return self._from_mention(pre, cue, 0.85)
            j = i
            while j > 0 and tokens[j - 1].text.lower() in lexicon.ADVERBS:
                j -= 1
            if j > 0:
                spoken = self._speaker_token(tokens[j - 1], cue, 0.85, tokens, j - 1)
                if spoken:
                    return spoken
                if j > 1:
                    spoken = self._speaker_token(tokens[j - 2], cue, 0.85, tokens, j - 2)
                    if spoken and spoken.end == tokens[j - 1].end:
                        return spoken
            if i + 1 < len(tokens):
                nxt = i + (
                    2 if f"{tokens[i].text.lower()} {tokens[i + 1].text.lower()}" in lexicon.CUE_PHRASES_EN else 1
                )
                post = self._actor_mention_at(tokens[nxt].start, max_skip=6) if nxt < len(tokens) else None
                if post:
                    return self._from_mention(post, cue, 0.85)
            return None
        return None

    def _chain(self, qi: int) -> Attribution | None:
        """No cue: continue the previous quote's speaker in the same or the next paragraph."""
        if qi == 0 or self.resolved[qi - 1] is None:
            return None
        prev, q = self.quotes[qi - 1], self.quotes[qi]
        p_prev, p_cur = span_index(self.paras, prev.outer_start), span_index(self.paras, q.outer_start)
        para_start = self.paras[p_cur][0]
        opens_paragraph = not self.text[para_start : q.outer_start].strip()
        if p_cur == p_prev or (p_cur == p_prev + 1 and opens_paragraph):
            att = self.resolved[qi - 1]
            assert att is not None
            return Attribution(att.actor, att.mention, att.start, att.end, att.cue, att.confidence * 0.7)
        return None

    def run(self) -> list[Attribution | None]:
        for qi, q in enumerate(self.quotes):
            att = self._after(q) or self._before(q)
            if att is not None:
                att = dataclasses.replace(att, cue_start=self._cue_offset(q, att))
            self.resolved.append(att or self._chain(qi))
        return self.resolved

    def _cue_offset(self, q: QuoteSpan, att: Attribution) -> int:
        """Where the cue word stands: the occurrence nearest the speaker mention."""
        lo, hi = min(att.start, q.outer_start), max(att.end, q.outer_end) + 80
        hits = [t.start for t in tokenize(self.text, max(0, lo - 200), min(len(self.text), hi)) if t.text == att.cue]
        return min(hits, key=lambda h: abs(h - att.start)) if hits else -1
