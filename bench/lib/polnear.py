"""Read a PolNeAR-format directory: text/*.txt plus brat attributions/*.ann (Source / Cue / Content
spans linked by Attribution events). Evaluation only: the corpus is never copied into the repo."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_MARKS = set('"“”«»„')


@dataclass(frozen=True)
class Span:
    fragments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    def chars(self) -> set[int]:
        return {i for s, e in self.fragments for i in range(s, e)}


@dataclass
class GoldAttribution:
    content: Span
    source: Span | None
    content_text: str
    source_text: str = ""
    cue: Span | None = None

    def has_quote_marks(self, text: str) -> bool:
        """Any quotation mark, including the doubled-apostrophe and backtick styles ('' and ``)."""
        return any(
            text[i] in QUOTE_MARKS or text.startswith(("''", "``"), i)
            for s, e in self.content.fragments
            for i in range(s, e)
        )


@dataclass
class Document:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")
_E = re.compile(r"^E\d+\t(\S+)")


def _parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if m := _T.match(line):
            frags = tuple(sorted(tuple(map(int, part.split())) for part in m.group(3).split(";")))
            spans[m.group(1)] = (m.group(2), Span(frags))  # type: ignore[arg-type]
        elif _E.match(line):
            args = dict(part.split(":", 1) for part in line.split("\t")[1].split())
            events.append(args)
    out: list[GoldAttribution] = []
    for ev in events:
        kind = next(iter(ev))  # "Attribution" or "Attribution-no-source"
        if not kind.startswith("Attribution") or "Content" not in ev:
            continue
        content = spans[ev["Content"]][1]
        source = spans[ev["Source"]][1] if "Source" in ev and ev["Source"] in spans else None
        cue = spans[ev["Cue"]][1] if "Cue" in ev and ev["Cue"] in spans else None
        out.append(
            GoldAttribution(
                content,
                source,
                text[content.start : content.end],
                text[source.start : source.end] if source else "",
                cue,
            )
        )
    return out


def load(directory: Path) -> list[Document]:
    """One document per text; where several annotators' files exist, the first by name is used."""
    docs: list[Document] = []
    anns = sorted((directory / "attributions").glob("*.ann"))
    for txt in sorted((directory / "text").glob("*.txt")):
        matches = [a for a in anns if a.stem.startswith(txt.stem)]
        if not matches:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(Document(txt.stem, text, _parse_ann(matches[0].read_text(encoding="utf-8"), text)))
    return docs
