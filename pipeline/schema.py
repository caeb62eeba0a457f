"""One import point for the protobuf contract, so callers never spell the generated module paths;
the one JSON form of its records, and which text of an article is analysed."""

from google.protobuf.json_format import MessageToJson
from google.protobuf.message import Message

from pipeline.proto.newsflow.v1.analysis_pb2 import Actor, ArticleAnalysis, Quote, Span
from pipeline.proto.newsflow.v1.article_pb2 import RawArticle
from pipeline.proto.newsflow.v1.deadletter_pb2 import DeadLetter
from pipeline.proto.newsflow.v1.statement_pb2 import Appearance, Statement
from pipeline.proto.newsflow.v1.story_pb2 import Story

__all__ = [
    "Actor",
    "Appearance",
    "ArticleAnalysis",
    "DeadLetter",
    "Quote",
    "RawArticle",
    "Span",
    "Statement",
    "Story",
    "article_text",
    "json_line",
]


def article_text(article: RawArticle) -> str:
    """The text quotes are extracted from and offsets refer to: the body, else the summary."""
    return article.content_text or article.summary


def json_line(record: Message) -> str:
    """Every command prints records this way (docs/cli.md): protobuf's JSON mapping with the .proto
    field names, non-ASCII as UTF-8, one record per line."""
    return MessageToJson(record, indent=None, preserving_proto_field_name=True, ensure_ascii=False)
