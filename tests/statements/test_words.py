import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pipeline.schema import Quote
from pipeline.statements.words import (
    _APOSTROPHES,
    _WORD,
    SHINGLE,
    fold,
    longest_run,
    quote_words,
    shingles,
    words_of,
)


def test_case_accents_punctuation_and_quote_marks_do_not_matter() -> None:
    assert fold("“We’ll FIGHT,” she said — café!") == fold('"we\'ll fight" she said cafe')


def test_an_ellipsis_or_an_insertion_splits_the_words_into_pieces() -> None:
    assert words_of("The levy . . . will [the council] be repealed… soon").pieces == (
        ("the", "levy"),
        ("will",),
        ("be", "repealed"),
        ("soon",),
    )


def test_a_partial_quote_is_known_by_its_quoted_fragments() -> None:
    text = "The mayor said the levy was “a mistake we will undo” and “a burden on bakers”."
    quote = Quote(kind=Quote.KIND_PARTIAL, text=text[:-1])
    for fragment in ("a mistake we will undo", "a burden on bakers"):
        start = text.index(fragment)
        quote.segments.add(start=start, end=start + len(fragment))
    assert quote_words(text, quote).pieces == (("a", "mistake", "we", "will", "undo"), ("a", "burden", "on", "bakers"))


def test_the_same_run_of_words_gives_the_same_shingles_and_a_short_piece_one_key() -> None:
    long, short = words_of("we will reopen the old mill"), words_of("“We will reopen the old mill!”")
    assert shingles(long) == shingles(short) and len(shingles(long)[0]) == 6 - SHINGLE + 1
    assert len(shingles(words_of("not now"))[0]) == 1
    assert shingles(words_of("not now")) != shingles(words_of("now not"))


def test_shingle_keys_never_change() -> None:
    """Stored state is keyed by these hashes: a release that hashed otherwise would no longer find
    any statement stored before it."""
    keys = shingles(words_of("We are going to build the wall"))[0]
    assert keys[:2] == [-4148706468936875215, 6097610676092165167]
    assert shingles(words_of("not now")) == [[-7421294398623155130]]


def test_longest_run_counts_words_not_shingles() -> None:
    assert longest_run([True, True, False, True], 7) == 2 + SHINGLE - 1
    assert longest_run([False, False], 5) == 0
    assert longest_run([True], 2) == 2  # a piece shorter than a shingle is found whole


@given(st.text(max_size=60))
def test_fold_drops_exactly_the_combining_marks(text: str) -> None:
    """The one-pass expression agrees with the definition: NFKD, then every combining mark out."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    expected = _WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)))
    assert fold(text) == expected
