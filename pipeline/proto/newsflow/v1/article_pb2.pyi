import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RawArticle(_message.Message):
    __slots__ = ("article_id", "feed_url", "url", "guid", "title", "summary", "content_text", "content_html", "authors", "published_at", "fetched_at", "language", "source_name", "raw_entry", "published_at_assumed_utc", "detected_language")
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    FEED_URL_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    GUID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TEXT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_HTML_FIELD_NUMBER: _ClassVar[int]
    AUTHORS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    FETCHED_AT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    RAW_ENTRY_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_ASSUMED_UTC_FIELD_NUMBER: _ClassVar[int]
    DETECTED_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    article_id: str
    feed_url: str
    url: str
    guid: str
    title: str
    summary: str
    content_text: str
    content_html: str
    authors: _containers.RepeatedScalarFieldContainer[str]
    published_at: _timestamp_pb2.Timestamp
    fetched_at: _timestamp_pb2.Timestamp
    language: str
    source_name: str
    raw_entry: bytes
    published_at_assumed_utc: bool
    detected_language: str
    def __init__(self, article_id: _Optional[str] = ..., feed_url: _Optional[str] = ..., url: _Optional[str] = ..., guid: _Optional[str] = ..., title: _Optional[str] = ..., summary: _Optional[str] = ..., content_text: _Optional[str] = ..., content_html: _Optional[str] = ..., authors: _Optional[_Iterable[str]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fetched_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ..., source_name: _Optional[str] = ..., raw_entry: _Optional[bytes] = ..., published_at_assumed_utc: _Optional[bool] = ..., detected_language: _Optional[str] = ...) -> None: ...
