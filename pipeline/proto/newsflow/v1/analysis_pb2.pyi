import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ArticleAnalysis(_message.Message):
    __slots__ = ("article_id", "extractor_version", "quotes", "actors", "url", "title", "source_name", "published_at", "processed_at", "language", "detected_language", "text", "story_id")
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    EXTRACTOR_VERSION_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    PROCESSED_AT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    DETECTED_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    STORY_ID_FIELD_NUMBER: _ClassVar[int]
    article_id: str
    extractor_version: str
    quotes: _containers.RepeatedCompositeFieldContainer[Quote]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    url: str
    title: str
    source_name: str
    published_at: _timestamp_pb2.Timestamp
    processed_at: _timestamp_pb2.Timestamp
    language: str
    detected_language: str
    text: str
    story_id: str
    def __init__(self, article_id: _Optional[str] = ..., extractor_version: _Optional[str] = ..., quotes: _Optional[_Iterable[_Union[Quote, _Mapping]]] = ..., actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., url: _Optional[str] = ..., title: _Optional[str] = ..., source_name: _Optional[str] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., processed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ..., detected_language: _Optional[str] = ..., text: _Optional[str] = ..., story_id: _Optional[str] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("quote_id", "text", "speaker_actor_id", "speaker_mention", "cue", "start", "end", "kind", "confidence", "speaker_name", "segments", "speaker_span", "cue_span", "cue_class", "statement_id")
    class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        KIND_UNSPECIFIED: _ClassVar[Quote.Kind]
        KIND_DIRECT: _ClassVar[Quote.Kind]
        KIND_PARTIAL: _ClassVar[Quote.Kind]
        KIND_INDIRECT: _ClassVar[Quote.Kind]
    KIND_UNSPECIFIED: Quote.Kind
    KIND_DIRECT: Quote.Kind
    KIND_PARTIAL: Quote.Kind
    KIND_INDIRECT: Quote.Kind
    class CueClass(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        CUE_CLASS_UNSPECIFIED: _ClassVar[Quote.CueClass]
        CUE_CLASS_SPEECH: _ClassVar[Quote.CueClass]
        CUE_CLASS_STANCE: _ClassVar[Quote.CueClass]
    CUE_CLASS_UNSPECIFIED: Quote.CueClass
    CUE_CLASS_SPEECH: Quote.CueClass
    CUE_CLASS_STANCE: Quote.CueClass
    QUOTE_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_MENTION_FIELD_NUMBER: _ClassVar[int]
    CUE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_NAME_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_SPAN_FIELD_NUMBER: _ClassVar[int]
    CUE_SPAN_FIELD_NUMBER: _ClassVar[int]
    CUE_CLASS_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    quote_id: str
    text: str
    speaker_actor_id: str
    speaker_mention: str
    cue: str
    start: int
    end: int
    kind: Quote.Kind
    confidence: float
    speaker_name: str
    segments: _containers.RepeatedCompositeFieldContainer[Span]
    speaker_span: Span
    cue_span: Span
    cue_class: Quote.CueClass
    statement_id: str
    def __init__(self, quote_id: _Optional[str] = ..., text: _Optional[str] = ..., speaker_actor_id: _Optional[str] = ..., speaker_mention: _Optional[str] = ..., cue: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., kind: _Optional[_Union[Quote.Kind, str]] = ..., confidence: _Optional[float] = ..., speaker_name: _Optional[str] = ..., segments: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., speaker_span: _Optional[_Union[Span, _Mapping]] = ..., cue_span: _Optional[_Union[Span, _Mapping]] = ..., cue_class: _Optional[_Union[Quote.CueClass, str]] = ..., statement_id: _Optional[str] = ...) -> None: ...

class Actor(_message.Message):
    __slots__ = ("actor_id", "canonical_name", "type", "titles", "aliases", "mention_count", "mentions")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TYPE_UNSPECIFIED: _ClassVar[Actor.Type]
        TYPE_PERSON: _ClassVar[Actor.Type]
        TYPE_ORGANIZATION: _ClassVar[Actor.Type]
        TYPE_PLACE: _ClassVar[Actor.Type]
        TYPE_OTHER: _ClassVar[Actor.Type]
    TYPE_UNSPECIFIED: Actor.Type
    TYPE_PERSON: Actor.Type
    TYPE_ORGANIZATION: Actor.Type
    TYPE_PLACE: Actor.Type
    TYPE_OTHER: Actor.Type
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLES_FIELD_NUMBER: _ClassVar[int]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    MENTION_COUNT_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    actor_id: str
    canonical_name: str
    type: Actor.Type
    titles: _containers.RepeatedScalarFieldContainer[str]
    aliases: _containers.RepeatedScalarFieldContainer[str]
    mention_count: int
    mentions: _containers.RepeatedCompositeFieldContainer[Span]
    def __init__(self, actor_id: _Optional[str] = ..., canonical_name: _Optional[str] = ..., type: _Optional[_Union[Actor.Type, str]] = ..., titles: _Optional[_Iterable[str]] = ..., aliases: _Optional[_Iterable[str]] = ..., mention_count: _Optional[int] = ..., mentions: _Optional[_Iterable[_Union[Span, _Mapping]]] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...
