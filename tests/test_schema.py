"""The protobuf contract: round trips, JSON, and the evolution rules of schemas/."""

import json

from google.protobuf.json_format import MessageToDict, ParseDict

from pipeline.schema import ArticleAnalysis, DeadLetter, Quote, RawArticle
from tools.lock_schema import LOCK, field_table, reserved_numbers


def test_raw_article_round_trip() -> None:
    a = RawArticle(article_id="0" * 32, url="https://x.example/a", title="T", content_text="Body", authors=["A", "B"])
    a.published_at.FromSeconds(1_700_000_000)
    b = RawArticle()
    b.ParseFromString(a.SerializeToString())
    assert b == a and b.published_at.seconds == 1_700_000_000


def test_analysis_json_round_trip() -> None:
    msg = ArticleAnalysis(article_id="a" * 32, extractor_version="1")
    msg.quotes.add(quote_id="q", text="We won.", speaker_name="Ann Lee", kind=Quote.KIND_DIRECT, start=3, end=10)
    msg.actors.add(actor_id="x", canonical_name="Ann Lee", mention_count=2).mentions.add(start=0, end=7)
    as_json = MessageToDict(msg, preserving_proto_field_name=True)
    assert as_json["quotes"][0]["kind"] == "KIND_DIRECT"
    assert ParseDict(as_json, ArticleAnalysis()) == msg


def test_dead_letter_keeps_raw_bytes() -> None:
    dl = DeadLetter(stage="decode", reason="garbage", raw=b"\xff\x00", source_offset=7)
    assert DeadLetter.FromString(dl.SerializeToString()).raw == b"\xff\x00"


def test_no_field_was_renumbered_retyped_or_reused() -> None:
    """Evolution rule: every field in schemas/fields.lock.json keeps its number, name and type, or
    its number is `reserved`. New fields are fine (run tools/lock_schema.py to record them)."""
    lock = json.loads(LOCK.read_text())
    current = field_table()
    reserved = reserved_numbers()
    for message, fields in lock.items():
        assert message in current, f"message {message} was removed"
        for number, spec in fields.items():
            if int(number) in reserved.get(message, set()):
                continue
            assert current[message].get(number) == spec, (
                f"{message} field {number} changed: {spec} -> "
                f"{current[message].get(number)} (reserve the number instead)"
            )
