"""The record of one article: one actor per actor id, whatever names the article gives it."""

from __future__ import annotations

from collections import Counter

from pipeline.analysis import analyse_article
from pipeline.schema import Quote, RawArticle

TEXT = (
    "Maria T. Lindqvist opened the new ferry terminal in Tromsø on Friday. "
    '"This harbour has waited long enough," Maria T. Lindqvist said.\n\n'
    "Later, Maria Lindqvist, the transport minister, told reporters the timetable would double. "
    '"Ask me again in a year," Lindqvist said.'
)


def test_two_names_of_one_person_are_one_actor_with_the_other_name_as_alias() -> None:
    analysis = analyse_article(RawArticle(article_id="a1", content_text=TEXT))
    counts = Counter(a.actor_id for a in analysis.actors)
    assert counts and max(counts.values()) == 1, [(a.canonical_name, a.actor_id) for a in analysis.actors]
    [person] = [a for a in analysis.actors if "Lindqvist" in a.canonical_name]
    assert {person.canonical_name, *person.aliases} >= {"Maria T. Lindqvist", "Maria Lindqvist"}
    assert person.mention_count == len(person.mentions) >= 3
    assert [m.start for m in person.mentions] == sorted(m.start for m in person.mentions)
    assert {q.speaker_actor_id for q in analysis.quotes if q.speaker_name} == {person.actor_id}


def test_each_quote_says_whether_it_reports_speech_or_a_stance() -> None:
    text = "Ines Duarte said the port would reopen in May. Tomas Weber believes that the ferries will stop."
    record = analyse_article(RawArticle(article_id="a1", url="https://x.example/a1", content_text=text, language="en"))
    classes = {q.speaker_name: q.cue_class for q in record.quotes}
    assert classes == {"Ines Duarte": Quote.CUE_CLASS_SPEECH, "Tomas Weber": Quote.CUE_CLASS_STANCE}
