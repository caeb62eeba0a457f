"""Extraction result -> ArticleAnalysis protobuf. Pure, so the Beam transform stays a thin wrapper."""

from __future__ import annotations

from datetime import datetime, timezone

from pipeline import ids
from pipeline.budget import run_within
from pipeline.extract import EXTRACTOR_VERSION, ActorType, CueClass, Extraction, QuoteKind, extract
from pipeline.extract.language import detect_language, effective
from pipeline.extract.model import Actor as ExtractedActor
from pipeline.schema import Actor, ArticleAnalysis, Quote, RawArticle, Span, article_text

_ACTOR_TYPES = {
    ActorType.PERSON: Actor.TYPE_PERSON,
    ActorType.ORGANIZATION: Actor.TYPE_ORGANIZATION,
    ActorType.PLACE: Actor.TYPE_PLACE,
    ActorType.OTHER: Actor.TYPE_OTHER,
}
_CUE_CLASSES = {CueClass.SPEECH: Quote.CUE_CLASS_SPEECH, CueClass.STANCE: Quote.CUE_CLASS_STANCE}
_QUOTE_KINDS = {
    QuoteKind.DIRECT: Quote.KIND_DIRECT,
    QuoteKind.PARTIAL: Quote.KIND_PARTIAL,
    QuoteKind.INDIRECT: Quote.KIND_INDIRECT,
}


def _merge(msg: Actor, other: ExtractedActor) -> None:
    """Another name of the same actor (the same id): its name and aliases become aliases, its
    titles and mentions join, in text order."""
    known = {msg.canonical_name, *msg.aliases}
    msg.aliases.extend(n for n in dict.fromkeys((other.canonical_name, *other.aliases)) if n not in known)
    msg.titles.extend(t for t in other.titles if t not in msg.titles)
    msg.mention_count += other.mention_count
    spans = sorted({(m.start, m.end) for m in msg.mentions} | {(m.start, m.end) for m in other.mentions})
    del msg.mentions[:]
    for start, end in spans:
        msg.mentions.add(start=start, end=end)


def to_analysis(
    article: RawArticle,
    result: Extraction,
    processed_at: datetime | None = None,
    detected_language: str = "",
    text: str = "",
) -> ArticleAnalysis:
    out = ArticleAnalysis(
        article_id=article.article_id,
        text=text,
        extractor_version=EXTRACTOR_VERSION,
        url=article.url,
        title=article.title,
        source_name=article.source_name,
        language=article.language,
        detected_language=detected_language or article.detected_language,
    )
    if article.HasField("published_at"):
        out.published_at.CopyFrom(article.published_at)
    out.processed_at.FromDatetime((processed_at or datetime.now(timezone.utc)).replace(tzinfo=None))
    actor_ids: dict[str, str] = {}
    by_id: dict[str, Actor] = {}
    for a in result.actors:
        aid = ids.actor_id(a.canonical_name, a.type.value)
        actor_ids[a.canonical_name] = aid
        if aid in by_id:  # "Donald J. Trump" and "Donald Trump": one actor, one id, the other name an alias
            _merge(by_id[aid], a)
            continue
        msg = by_id[aid] = out.actors.add(
            actor_id=aid,
            canonical_name=a.canonical_name,
            type=_ACTOR_TYPES[a.type],
            titles=list(a.titles),
            aliases=list(a.aliases),
            mention_count=a.mention_count,
        )
        for m in a.mentions:
            msg.mentions.add(start=m.start, end=m.end)
    for q in result.quotes:
        quote = out.quotes.add(
            quote_id=ids.quote_id(article.article_id, q.start, q.end),
            text=q.text,
            speaker_actor_id=actor_ids.get(q.speaker, ""),
            speaker_name=q.speaker,
            speaker_mention=q.speaker_mention,
            cue=q.cue,
            start=q.start,
            end=q.end,
            kind=_QUOTE_KINDS[q.kind],
            confidence=q.confidence,
            cue_class=_CUE_CLASSES[q.cue_class],
        )
        for start, end in q.segments:
            quote.segments.add(start=start, end=end)
        if q.speaker_start >= 0:
            quote.speaker_span.CopyFrom(Span(start=q.speaker_start, end=q.speaker_end))
        if q.cue_start >= 0:
            quote.cue_span.CopyFrom(Span(start=q.cue_start, end=q.cue_end))
    return out


MAX_TEXT_CHARS = 200_000  # ~40x a long news article; longer bodies are extracted from their start


def analyse_article(article: RawArticle, max_chars: int = MAX_TEXT_CHARS, budget_s: float = 0.0) -> ArticleAnalysis:
    """Detect the language (unless the record carries it), extract with that language's rules, and
    build the record: what the job does per article, and `newsflow extract`. Raises
    BudgetExceeded when detection and extraction take longer than budget_s (0: no limit)."""
    text = article_text(article)[:max_chars]
    return run_within(budget_s, _analyse, article, text)


def _analyse(article: RawArticle, text: str) -> ArticleAnalysis:
    # records from producers before detection existed carry no detected language: detect it here
    detected = article.detected_language or detect_language(text)
    result = extract(text, language=effective(detected, article.language))
    return to_analysis(article, result, detected_language=detected, text=text)
