"""One import point for the protobuf contract, so callers never spell the generated module paths."""

from pipeline.proto.newsflow.v1.analysis_pb2 import Actor, ArticleAnalysis, Quote, Span
from pipeline.proto.newsflow.v1.article_pb2 import RawArticle
from pipeline.proto.newsflow.v1.deadletter_pb2 import DeadLetter

__all__ = ["Actor", "ArticleAnalysis", "DeadLetter", "Quote", "RawArticle", "Span"]
