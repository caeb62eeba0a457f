"""Follow-on quotes: a quote without a cue of its own is the last speaker's, when nothing between says
otherwise; and the attributor all the layers make."""

from __future__ import annotations

from bisect import bisect_right

from pipeline.extract.attribution import Attribution
from pipeline.extract.german.reported import ReportedSpeech
from pipeline.extract.indirect import Reported


class GermanAttributor(ReportedSpeech):
    """Same outputs as the English Attributor and IndirectFinder: an attribution per quote, and
    reported statements without quotation marks."""

    def fill(self, attributions: list[Attribution | None], reported: list[Reported]) -> list[Attribution | None]:
        """A quote with no cue of its own continues the statement just before it (in its
        paragraph, or ending the previous one): "X sagte, dass … . „…“"."""
        doc = self.doc
        done = [(q.outer_end, a) for q, a in zip(doc.quotes, attributions, strict=True) if a is not None]
        done += [(r.end, r.attribution) for r in reported]
        done.sort(key=lambda item: item[0])
        spoken = [(end, a) for end, a in done if a.speaker.start >= 0]
        spoken_ends = [end for end, _ in spoken]
        covering = self._covering_attributions(attributions)
        spoken_reports = sorted(
            ((r.start, r.end, r.attribution) for r in reported if r.attribution.speaker.start >= 0),
            key=lambda item: (item[0], item[1]),
        )
        report_starts = [start for start, _, _ in spoken_reports]
        out = list(attributions)
        for qi, q in enumerate(doc.quotes):
            own = out[qi]
            if own is not None and own.speaker.start >= 0:
                continue
            later = self._attributed_later(qi, covering, attributions)
            if later is not None:  # „A“ hätten „B“, so Murtha: the attribution at the end covers both
                out[qi] = later
                continue
            k = bisect_right(report_starts, q.outer_start) - 1
            if k >= 0 and spoken_reports[k][1] >= q.outer_end and spoken_reports[k][2].cue_start >= q.outer_end:
                # a fragment inside reported speech whose source closes it is that source's: "Die
                # Summe sei „mit Vorsicht zu genießen“, da …, so die Behörde."
                att = spoken_reports[k][2]
                out[qi] = Attribution(att.speaker, att.cue, att.cue_start, round(att.confidence * 0.8, 3))
                continue
            before = spoken[: bisect_right(spoken_ends, q.outer_start)]
            previous = self._previous_person(q)
            if previous is not None and (not before or before[-1][0] <= previous.cue_start):
                out[qi] = previous  # "Sadiq Khan verurteilte die Haltung der Regierung. „…“"
                continue
            if not before:
                continue
            end, att = before[-1]
            if doc.paragraph_index(q.outer_start) - doc.paragraph_index(end - 1) <= 1:
                # a cue without a subject ("„…“, so letztere") keeps its cue and takes the speaker
                cue = own if own is not None else att
                out[qi] = Attribution(att.speaker, cue.cue, cue.cue_start, round(att.confidence * 0.7, 3))
        return out
