"""Interviews and transcripts: turns without quotation marks, on texts written for these tests."""

from pipeline.extract import QuoteKind, extract


def turns(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(speaker, first paragraph) of each direct statement."""
    out = []
    for q in extract(text, language).quotes:
        if q.kind is QuoteKind.DIRECT:
            s, e = q.segments[0]
            out.append((q.speaker, text[s:e]))
    return out


TRANSCRIPT = """Marta Kowalczyk spoke to the podcast host Daniel Ferreira about bridges.

Daniel Ferreira: What got you into engineering in the first place?

Marta Kowalczyk: My father built fences, and I liked watching things stand up.

Then I studied steel at university, and I never looked back.

Ferreira: Do you still visit the sites?

Kowalczyk: Every week. You learn more on a site than in any office.

Ferreira: Thanks for coming on."""


def test_labelled_turns_are_direct_statements_of_the_label() -> None:
    found = turns(TRANSCRIPT)
    assert found == [
        ("Daniel Ferreira", "What got you into engineering in the first place?"),
        ("Marta Kowalczyk", "My father built fences, and I liked watching things stand up."),
        ("Daniel Ferreira", "Do you still visit the sites?"),
        ("Marta Kowalczyk", "Every week. You learn more on a site than in any office."),
        ("Daniel Ferreira", "Thanks for coming on."),
    ]


def test_paragraphs_after_a_label_go_on_with_its_turn() -> None:
    [answer] = [q for q in extract(TRANSCRIPT).quotes if q.text.startswith("My father")]
    assert len(answer.segments) == 2
    assert TRANSCRIPT[slice(*answer.segments[1])] == "Then I studied steel at university, and I never looked back."


def test_a_list_inside_a_turn_is_one_paragraph() -> None:
    text = TRANSCRIPT.replace(
        "Then I studied", "The three things I check are:\n\n- the welds;\n- the bolts;\n- the paint.\n\nThen I studied"
    )
    [answer] = [q for q in extract(text).quotes if q.text.startswith("My father")]
    assert text[slice(*answer.segments[2])] == "- the welds;\n- the bolts;\n- the paint."


def test_first_name_labels_take_the_full_name_from_the_introduction() -> None:
    text = TRANSCRIPT.replace("\n\nFerreira:", "\n\nDaniel:").replace("\n\nKowalczyk:", "\n\nMarta:")
    assert {speaker for speaker, _ in turns(text)} == {"Daniel Ferreira", "Marta Kowalczyk"}


def test_question_and_answer_labels() -> None:
    text = (
        "Oskar Lindqvist, who runs the ferry company, spoke about the winter timetable. Lindqvist has run it "
        "for ten years.\n\nQ: Why cut the evening crossings?\n\nA: Because we carry four people after eight.\n\n"
        "Q: Will the fares rise?\n\nA: Not this year, I promise you that.\n\nQ: And next year?\n\n"
        "A: We will see what the council decides."
    )
    assert turns(text) == [
        ("Oskar Lindqvist", "Because we carry four people after eight."),
        ("Oskar Lindqvist", "Not this year, I promise you that."),
        ("Oskar Lindqvist", "We will see what the council decides."),
    ]  # an unnamed interviewer's questions are no one's statements


EDITED = """The harbour master Ines Duarte has watched the port grow for two decades. Duarte talked about cranes.

What changed most since you started?

The ships. They are three times the size, and we had to dredge the channel twice.

Do you miss the old port?

I miss the noise of it, but not the accidents.

How do you spend your weekends?

Sailing, of course. My wife says I never leave the water.

Interview: Tomas Weber"""


def test_an_edited_interview_gives_answers_to_the_person_introduced() -> None:
    found = turns(EDITED)
    answers = [speaker for speaker, text in found if not text.endswith("?")]
    assert answers == ["Ines Duarte"] * 3
    assert ("", "Interview: Tomas Weber") not in found


def test_a_credited_interviewer_asks_the_questions() -> None:
    text = EDITED.replace("Interview: Tomas Weber", "Interview: Tomas Weber, harbour correspondent")
    text = "Tomas Weber reports on ports. " + text
    questions = [speaker for speaker, q in turns(text) if q.endswith("?")]
    assert questions == ["Tomas Weber"] * 3


def test_questions_of_an_explainer_are_no_interview() -> None:
    text = (
        "The city council voted on Tuesday to close the old bridge, Mayor Ana Ruiz said.\n\n"
        "What happens next?\n\nThe bridge shuts in May and traffic moves to the ring road.\n\n"
        "Why now?\n\nEngineers found cracks in two of the piers last winter.\n\n"
        "How long will it take?\n\nThe works are planned to last eighteen months."
    )
    assert all(speaker != "Ana Ruiz" or "voted" in content for speaker, content in turns(text))
    assert not any("cracks in two" in q.text for q in extract(text).quotes)


def test_a_table_of_names_and_numbers_is_no_transcript() -> None:
    text = "Votes so far.\n\nAnna Berg: 1,204.\n\nJonas Holm: 998.\n\nAnna Berg: 1,310.\n\nJonas Holm: 1,022."
    assert extract(text).quotes == ()


def test_someone_else_quoted_inside_a_turn_keeps_their_own_statement() -> None:
    text = TRANSCRIPT.replace(
        "Every week.", "Every week. My mentor Pavel Novak told me, “Never trust a drawing you have not walked.”"
    )
    speakers = {q.speaker for q in extract(text).quotes if "drawing" in q.text and not q.text.startswith("Every")}
    assert speakers == {"Pavel Novak"}


def test_german_interview_addressed_by_name() -> None:
    text = (
        "Jonas Albrecht leitet seit 2015 die Stadtbibliothek. Er hat die Ausleihe digitalisiert.\n\n"
        "Herr Albrecht, warum brauchen Sie noch Regale?\n\n"
        "Weil viele Menschen Bücher in der Hand halten wollen. Das wird sich so schnell nicht ändern.\n\n"
        "Was sagen Ihre Kollegen dazu?\n\n"
        "Die meisten sehen das genauso, einige wünschen sich mehr Platz für Veranstaltungen.\n\n"
        "Und was planen Sie für das nächste Jahr?\n\n"
        "Eine Leseecke für Kinder und längere Öffnungszeiten am Samstag."
    )
    answers = [speaker for speaker, content in turns(text, "de") if not content.endswith("?")]
    assert answers == ["Jonas Albrecht"] * 3
