import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Statement(_message.Message):
    __slots__ = ("statement_id", "text", "speaker_actor_id", "speaker_name", "first_seen", "last_seen", "appearance_count", "outlet_count", "merged_into", "revision", "language")
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_NAME_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEEN_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_FIELD_NUMBER: _ClassVar[int]
    APPEARANCE_COUNT_FIELD_NUMBER: _ClassVar[int]
    OUTLET_COUNT_FIELD_NUMBER: _ClassVar[int]
    MERGED_INTO_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    statement_id: str
    text: str
    speaker_actor_id: str
    speaker_name: str
    first_seen: Appearance
    last_seen: Appearance
    appearance_count: int
    outlet_count: int
    merged_into: str
    revision: int
    language: str
    def __init__(self, statement_id: _Optional[str] = ..., text: _Optional[str] = ..., speaker_actor_id: _Optional[str] = ..., speaker_name: _Optional[str] = ..., first_seen: _Optional[_Union[Appearance, _Mapping]] = ..., last_seen: _Optional[_Union[Appearance, _Mapping]] = ..., appearance_count: _Optional[int] = ..., outlet_count: _Optional[int] = ..., merged_into: _Optional[str] = ..., revision: _Optional[int] = ..., language: _Optional[str] = ...) -> None: ...

class Appearance(_message.Message):
    __slots__ = ("article_id", "quote_id", "outlet", "url", "seen_at", "statement_id", "text", "word_count", "speaker_mention")
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTE_ID_FIELD_NUMBER: _ClassVar[int]
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    SEEN_AT_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    WORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_MENTION_FIELD_NUMBER: _ClassVar[int]
    article_id: str
    quote_id: str
    outlet: str
    url: str
    seen_at: _timestamp_pb2.Timestamp
    statement_id: str
    text: str
    word_count: int
    speaker_mention: str
    def __init__(self, article_id: _Optional[str] = ..., quote_id: _Optional[str] = ..., outlet: _Optional[str] = ..., url: _Optional[str] = ..., seen_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., statement_id: _Optional[str] = ..., text: _Optional[str] = ..., word_count: _Optional[int] = ..., speaker_mention: _Optional[str] = ...) -> None: ...
