"""Colon attributions: a paragraph that opens with a speaker label and a colon.

Headlines ("Pence: Gennifer Flowers Won’t Be at Debate") and transcripts ("WALLACE: Let’s start
with …") name the speaker first; the rest of the paragraph is what was said. A label is a
transcript speaker in capitals or a name of one to four words; labels of the publication's own
("Related:", "Correction:", "Update:") are not speakers."""

from __future__ import annotations

import re

from pipeline.extract.attribution import Attribution
from pipeline.extract.document import Doc
from pipeline.extract.indirect import Reported
from pipeline.extract.speakers import SpeakerFinder
from pipeline.extract.text import has_words

LABEL = re.compile(r"[\"“„«]?\s*((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(?=\S)")
NOT_SPEAKERS = frozenset(
    "related correction corrections update updated breaking photo photos video watch read note editor source "
    "sources contributing listen subscribe advertisement more also see update exclusive report poll analysis "
    "opinion q a interview transcript summary background timeline warning caution latest "
    # a press release's closing sections: "About Acme:", "Contact:", "Über uns:", "Pressekontakt:"
    "about über contact contacts kontakt pressekontakt".split()
)
# labels of two words that are such sections ("Press Secretary Ann Cole:" is a speaker)
NOT_SPEAKER_LABELS = frozenset(
    f"{who} {what}" for who in ("media", "press") for what in ("contact", "contacts", "inquiries", "enquiries")
)


def colon_statements(doc: Doc, finder: SpeakerFinder) -> list[Reported]:
    out: list[Reported] = []
    text = doc.text
    for p_start, p_end in doc.paras:
        m = LABEL.match(text, p_start, p_end)
        if m is None:
            continue
        label = m.group(1)
        words = label.split()
        head = words[1] if words[0] == "The" and len(words) > 1 else words[0]  # "The Latest:"
        if head.lower().strip(".") in NOT_SPEAKERS or label.lower() in NOT_SPEAKER_LABELS:
            continue
        if len(label) < 3 and not label.isupper():
            continue
        transcript = label.isupper() and len(label) >= 3
        start, end = m.end(), p_end
        while end > start and text[end - 1] in ' \t"”»':
            end -= 1
        if not transcript and not _names_someone(doc, finder, m.start(1), m.end(1)):
            continue
        if not has_words(text, start, end, 3):
            continue
        first, last = doc.token_at(m.start(1)), doc.token_at(m.end(1))
        speaker = finder.resolve((first, last))
        colon = m.end(1)
        out.append(Reported(start, end, Attribution(speaker, ":", colon, 0.75 if transcript else 0.6)))
    return out


def _names_someone(doc: Doc, finder: SpeakerFinder, start: int, end: int) -> bool:
    """The label is an actor the article names (a person or an organisation), not a topic word."""
    return bool(finder.mentions_within(start, end))
