"""Each transform on its own with TestPipeline + Create + assert_that."""

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.beam.records import SourceRecord
from pipeline.beam.transforms import Analyse, Encode
from pipeline.schema import ArticleAnalysis, DeadLetter, RawArticle

ARTICLE = RawArticle(
    article_id="ab" * 16,
    url="https://x.example/a",
    title="Vote",
    content_text="“We will appeal the ruling,” said lawyer Nina Brandt.",
)
OPTIONS = ["--runner=FnApiRunner"]


def _speakers(analyses: list[ArticleAnalysis]) -> list[tuple[str, str]]:
    return [(q.speaker_name, q.text) for a in analyses for q in a.quotes]


def test_analyse_extracts_and_dead_letters_bad_records() -> None:
    records = [
        SourceRecord(ARTICLE.SerializeToString(), b"k", "raw", 0, 10),
        SourceRecord(b"\xff\xfe garbage \x00", None, "raw", 0, 11),
        SourceRecord(None, None, "raw", 1, 3),
        SourceRecord(RawArticle(article_id="not-an-id", title="x").SerializeToString(), None, "raw", 1, 4),
    ]
    with TestPipeline(argv=OPTIONS) as p:
        analyses, dead = p | beam.Create(records) | Analyse()
        assert_that(
            analyses | "Speakers" >> beam.combiners.ToList() | beam.Map(_speakers),
            equal_to([[("Nina Brandt", "We will appeal the ruling")]]),
            label="quotes",
        )
        assert_that(
            dead | beam.Map(lambda d: (d.stage, d.source_partition, d.source_offset, d.raw != b"")),
            equal_to([("decode", 0, 11, True), ("decode", 1, 3, False), ("decode", 1, 4, True)]),
            label="dead",
        )


def test_dead_letter_reason_is_specific() -> None:
    with TestPipeline(argv=OPTIONS) as p:
        _, dead = p | beam.Create([SourceRecord(b"", None, "raw", 0, 1)]) | Analyse()
        assert_that(dead | beam.Map(lambda d: d.reason), equal_to(["InvalidRecord: empty record value"]))


def test_encode_keys_by_article_id() -> None:
    analysis = ArticleAnalysis(article_id="cd" * 16)
    dl = DeadLetter(stage="decode", source_topic="raw", source_partition=2, source_offset=9)
    with TestPipeline(argv=OPTIONS) as p:
        out = p | beam.Create([analysis, dl]) | Encode()
        assert_that(out | beam.Map(lambda kv: kv[0]), equal_to([b"cd" * 16, b"decode:raw:2:9"]))


def test_the_article_language_chooses_the_rules() -> None:
    """German rules by the article's language: "Zur Urteilsbegründung" is no speaker."""
    from pipeline.beam.transforms import analyse

    text = "Zur Urteilsbegründung sagte der Richter, die Beweise seien eindeutig."
    german = RawArticle(article_id="cd" * 16, content_text=text, language="de")
    [q] = analyse(german).quotes
    assert (q.speaker_mention, q.text) == ("der Richter", "die Beweise seien eindeutig")


def test_a_german_item_in_an_english_channel_gets_the_german_rules() -> None:
    """The feed says "en"; the text is German: detection chooses, and both languages are kept."""
    from pipeline.beam.transforms import analyse

    text = "Zur Urteilsbegründung sagte der Richter am Dienstag, die Beweise seien eindeutig und lückenlos."
    article = RawArticle(article_id="cd" * 16, content_text=text, language="en")
    out = analyse(article)
    assert (out.language, out.detected_language) == ("en", "de")
    assert [q.speaker_mention for q in out.quotes] == ["der Richter"]


def test_read_document_detects_each_articles_language() -> None:
    from datetime import datetime, timezone

    from pipeline.feeds.articles import read_document

    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><language>en</language>'
        b"<item><title>Eins</title><link>https://example.com/1</link><description>Die Regierung hat am Montag "
        b"beschlossen, die Steuern im kommenden Jahr nicht zu erh\xc3\xb6hen.</description></item>"
        b"<item><title>Two</title><link>https://example.com/2</link><description>The government decided on "
        b"Monday not to raise taxes next year, the minister said.</description></item></channel></rss>"
    )
    doc = read_document(feed, "https://example.com/feed", {}, datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert [(a.language, a.detected_language) for a in doc.articles] == [("en", "de"), ("en", "en")]
