"""Extraction results as frozen dataclasses: the extractor has no protobuf or Beam dependency."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ActorType(str, Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    OTHER = "other"


class CueClass(str, Enum):
    """What the cue reports: words said or written, or a thought, belief, finding, wish or stance
    ("believes", "found", "wants", "backed"), which consumers may want apart."""

    SPEECH = "speech"
    STANCE = "stance"


class QuoteKind(str, Enum):
    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"


@dataclass(frozen=True)
class Mention:
    """A name, pronoun or nominal ("the minister") as written at [start, end)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    canonical_name: str
    type: ActorType
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    gender: str = ""  # "m", "f" or "" (unknown): used only to resolve pronouns

    @property
    def mention_count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted text at [start, end) (marks excluded); `segments` are the per-paragraph pieces of a
    multi-paragraph quote."""

    start: int
    end: int
    open_mark: str
    segments: tuple[tuple[int, int], ...] = ()
    outer_start: int = -1  # including the marks
    outer_end: int = -1


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str = ""  # canonical name of the speaker actor, "" if unknown
    speaker_mention: str = ""  # as written at the attribution
    speaker_start: int = -1
    speaker_end: int = -1
    cue: str = ""
    confidence: float = 0.0
    cue_start: int = -1
    cue_end: int = -1
    # the quoted parts inside [start, end): one for a direct quote, the fragments of a partial one
    segments: tuple[tuple[int, int], ...] = ()
    cue_class: CueClass = CueClass.SPEECH


@dataclass(frozen=True)
class Extraction:
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = field(default=())
