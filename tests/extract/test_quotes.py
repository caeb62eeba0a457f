"""Quote-mark pairing, on sentences written for these tests."""

import pytest

from pipeline.extract import QuoteKind, extract
from pipeline.extract.quotes import find_quotes


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('He said "we will win" and left.', ["we will win"]),
        ("“We will win,” she said.", ["We will win"]),
        ("«Nous gagnerons», a-t-il dit.", ["Nous gagnerons"]),
        ("„Wir werden gewinnen“, sagte sie.", ["Wir werden gewinnen"]),
        ("``We will win,'' she said.", ["We will win"]),
        ("‘We will win,’ she said.", ["We will win"]),
        ("'We will win,' she said.", ["We will win"]),
        ("‘We will win,' she said, 'and soon.’", ["We will win", "and soon."]),
        ("'We can't lose the farmers' trust,' he said.", ["We can't lose the farmers' trust"]),
    ],
)
def test_quote_styles(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_apostrophes_are_not_quotes() -> None:
    assert spans("The minister’s plan won’t pass, and the workers’ union knows it.") == []
    assert spans("It's the voters' choice, isn't it?") == []


def test_elisions_open_no_single_quote() -> None:
    assert spans("Back in the '90s they played rock 'n' roll until 'em neighbours called.") == []


def test_single_marks_run_over_paragraphs() -> None:
    text = "Lena Brook told the paper: 'The first part ends here.\n\n'The second part goes on.\n\n'And it ends.'"
    [q] = find_quotes(text)
    parts = ["The first part ends here.", "The second part goes on.", "And it ends."]
    assert [text[s:e] for s, e in q.segments] == parts


def test_nested_quote_stays_inside() -> None:
    text = "“She told me ‘never again’ and meant it,” he said."
    assert spans(text) == ["She told me ‘never again’ and meant it"]


def test_multi_paragraph_quote_reopens_without_closing() -> None:
    text = "“The first part ends here.\n\n“The second part continues,” she said."
    [q] = find_quotes(text)
    assert text[q.start : q.end].startswith("The first part") and text[q.start : q.end].endswith("continues")
    assert len(q.segments) == 2


def test_unpaired_mark_is_ignored() -> None:
    assert spans("“This never closes.\n\nA new paragraph without a mark.") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("''The plan works, '' said Ana Lima. ''It always has.''", ["The plan works", "It always has."]),
        ("\"Nobody votes for 'Clinton,' \" said Ana Lima.", ["Nobody votes for 'Clinton,'"]),
        ("“They asked why. ” Ana Lima said so.", ["They asked why."]),
    ],
)
def test_a_spaced_closing_mark_after_punctuation_closes(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_a_spaced_mark_before_a_word_still_opens() -> None:
    assert spans('He called it, "a disaster" and left.') == ["a disaster"]


def test_a_nested_single_mark_closes_before_the_doubled_one() -> None:
    text = "''I would use the word 'old-school,''' said Gregory Slayton. ''It fits.''"
    assert spans(text) == ["I would use the word 'old-school,'", "It fits."]


@pytest.mark.parametrize("title", ["Harbour bridge to reopen", "Harbour bridge to reopen\n", "Harbour Bridge"])
def test_a_quote_under_a_line_without_a_stop_is_direct(title: str) -> None:
    """A subhead or a name on its own line above a quote: its last word is no part of
    a sentence the quote would be embedded in."""
    [q] = extract(f'{title}\n\n"The bridge will reopen in May," said Ana Lima.').quotes
    assert (q.kind, q.text, q.speaker) == (QuoteKind.DIRECT, "The bridge will reopen in May", "Ana Lima")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("The chefs urged the minister not to 'trade away our futures' in the talks.", ["trade away our futures"]),
        (
            "He said the plan was 'a disaster for the town's farmers' and should go.",
            ["a disaster for the town's farmers"],
        ),
        ("The party leaders' views were clear, and the members' votes counted.", []),
    ],
)
def test_a_single_mark_after_a_plural_closes_before_a_function_word(text: str, quoted: list[str]) -> None:
    """British style: 'our futures' in … closes the quote; the leaders' views is a possessive."""
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted
