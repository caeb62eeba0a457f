"""Text every sink can store. PostgreSQL's text type refuses NUL, and protobuf strings (so Kafka
and Parquet) refuse lone surrogates, which feeds carry through character references and JSON
escapes. One place, so that every sink stores the same characters."""

from __future__ import annotations

import re
from typing import TypeVar

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

M = TypeVar("M", bound=Message)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _fix(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def storable(text: str) -> str:
    """NUL removed (it carries no meaning in news text), a lone surrogate replaced by U+FFFD."""
    return _UNSTORABLE.sub(_fix, text) if _UNSTORABLE.search(text) else text


def clean_strings(message: M) -> M:
    """Every string field of `message`, repeated ones too, made storable in place (nested
    messages included); returns the message."""
    for field, value in message.ListFields():
        if field.type == FieldDescriptor.TYPE_STRING:
            if field.is_repeated:
                if any(_UNSTORABLE.search(v) for v in value):
                    value[:] = [storable(v) for v in value]
            elif _UNSTORABLE.search(value):
                setattr(message, field.name, storable(value))
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            for item in value if field.is_repeated else (value,):
                clean_strings(item)
    return message
