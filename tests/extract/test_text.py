"""Tokens and sentences: the fast paths say exactly what their plain definitions say (property-based)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.budget import run_within
from pipeline.extract import text as text_module
from pipeline.extract.text import Token, _word_before, has_words, sentences, tokenize

# letters, digits, numerals that are not digits, periods, underscores, spaces and line breaks
PIECES = st.text(alphabet="ab.Z_ 1\n²½é,\t'", max_size=12)


@given(before=PIECES, piece=PIECES, after=PIECES)
def test_word_before_is_the_regex_search(before: str, piece: str, after: str) -> None:
    text = before + piece + after
    found = re.search(r"([\w.]+)$", piece)
    assert _word_before(text, len(before), len(before) + len(piece)) == (found.group(1) if found else "")


def test_tokens_are_tokens() -> None:
    tokens = tokenize("Sen. O'Brien said 30,000 U.S. jobs.")
    assert all(type(t) is Token for t in tokens)
    assert [t.text for t in tokens] == ["Sen", ".", "O'Brien", "said", "30,000", "U.S.", "jobs", "."]
    assert tokens[2] == Token(5, 12, "O'Brien") and tokens[2].is_capitalized


def test_a_period_before_a_lower_case_letter_joins_a_domain_or_a_name() -> None:
    words = [t.text for t in tokenize("Sie schrieb auf spiegel.de, die Gewerkschaft ver.di streikt. Ende.Dann")]
    assert words == ["Sie", "schrieb", "auf", "spiegel.de", ",", "die", "Gewerkschaft", "ver.di", "streikt", "."] + [
        "Ende",
        ".",
        "Dann",  # a capital after the period: two sentences run together, not one word
    ]


def test_abbreviations_initials_and_german_dates_end_no_sentence() -> None:
    text = "Dr. Ana Lima met George W. Bush. Am 21. November kam er. Then it rained."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Dr. Ana Lima met George W. Bush.",
        "Am 21. November kam er.",
        "Then it rained.",
    ]


@pytest.mark.parametrize(
    "expected",
    [
        # a full stop without its space still ends a sentence, but not inside a domain or after a title
        [
            "Der Zug kam zu spät.",
            "Die Bahn bat um Geduld.",
            "Mehr auf www.Hafenblatt.de lesen.",
            "Gesehen von Dr.Lenz.",
        ],
        # a German ordinal after a determiner ends none; a number with no determiner before it may
        [
            "Die Zahl stieg auf 90.",
            "Danach kam die Polizei.",
            "Er feierte seinen 90. Geburtstag.",
            "Im 19. Jahrhundert nicht.",
        ],
    ],
)
def test_sentences_end_where_a_reader_ends_them(expected: list[str]) -> None:
    text = " ".join(expected).replace("spät. Die", "spät.Die")
    assert [text[s:e] for s, e in sentences(text)] == expected


def test_spaces_and_line_breaks_after_the_last_sentence_are_read_once() -> None:
    """Each line break in the spaces after a sentence's end used to send the segmenter back to skip
    the rest of them: 50,000 such characters took 36 s; read once they take milliseconds."""
    text = "It rained. “Yes,” said Ann Lee." + " \n\t" * 40_000
    assert run_within(3.0, sentences, text) == [(0, 10), (11, 32)]
    assert run_within(3.0, tokenize, text)[-1] == Token(30, 31, ".")


def test_spaces_and_line_breaks_between_sentences_end_each_one_once() -> None:
    text = "It rained." + " \n" * 3 + "Then it stopped.\n \n"
    assert [text[s:e] for s, e in sentences(text)] == ["It rained.", "Then it stopped."]


@given(
    text=st.text(alphabet="ab \n\t\u00a0\u2003\x1c.", max_size=40),
    bounds=st.tuples(st.integers(0, 45), st.integers(0, 45)),
    n=st.integers(0, 6),
)
def test_has_words_counts_as_split_does(text: str, bounds: tuple[int, int], n: int) -> None:
    start, end = bounds
    assert has_words(text, start, end, n) == (len(text[start:end].split()) >= n)


@given(text=st.text(alphabet="ab  \n.", max_size=80))
def test_a_sentence_longer_than_the_limit_is_cut_at_spaces_into_bounded_pieces(text: str) -> None:
    limit = 10
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module, "MAX_SENTENCE", limit)
        pieces = text_module._cut(text, 0, len(text)) if text else []
    assert all(e - s <= limit for s, e in pieces)
    assert all(
        a[1] <= b[0] and not text[a[1] : b[0]].strip() for a, b in zip(pieces, pieces[1:], strict=False)
    )  # only spaces between
    assert all(e - s == limit or text[e].isspace() for s, e in pieces[:-1])  # a cut at a space, unless a word fills it
    assert " ".join(text[s:e] for s, e in pieces).split() == text.split() or any(e - s == limit for s, e in pieces)


def test_a_text_that_never_ends_a_sentence_is_read_in_bounded_windows() -> None:
    text = "the minister said the plan would work and " * 500
    spans = sentences(text)
    assert len(spans) > 1 and all(e - s <= text_module.MAX_SENTENCE for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans).split() == text.split()
