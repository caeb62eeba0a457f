from pipeline.schema import Actor, ArticleAnalysis, Quote
from pipeline.statements.identity import (
    SAME_RUN,
    STRONG_RUN,
    Speaker,
    better,
    compatible,
    one_statement,
    overlap,
    same_words,
    speaker_of,
)
from pipeline.statements.words import Words, words_of


def _hits(quote: Words, statement: Words) -> list[list[bool]]:
    """Which of the quote's shingles the statement has (as the state's index answers)."""
    from pipeline.statements.words import shingles

    known = {h for piece in shingles(statement) for h in piece}
    return [[h in known for h in piece] for piece in shingles(quote)]


def _shared(quote: str, statement: str, named_alike: bool = False) -> int:
    """The words shared when they make one statement, else 0."""
    q, s = words_of(quote), words_of(statement)
    o = overlap(q, _hits(q, s), s.count, s.count)
    return o.shared if same_words(o, named_alike) else 0


FULL = "We are going to rebuild the harbour wall before the winter storms arrive, whatever it costs us."


def test_a_fragment_joins_the_full_quote_it_comes_from() -> None:
    assert _shared("rebuild the harbour wall before the winter storms", FULL) == 8
    assert _shared(FULL, "rebuild the harbour wall before the winter storms") == 8


def test_a_truncated_or_edited_copy_joins() -> None:
    assert _shared("We are going to rebuild the harbour wall before the winter storms arrive", FULL) >= SAME_RUN
    assert _shared("We are going to rebuild the harbour wall . . . whatever it costs us", FULL) >= SAME_RUN


def test_a_common_phrase_in_two_long_quotes_does_not() -> None:
    other = "Nobody in this town wants to rebuild the harbour wall, said the fisherman, it is pointless now."
    assert _shared(other, FULL) == 0


def test_two_parts_of_one_speech_share_a_long_run() -> None:
    """Each outlet quotes more around the same dozen words: one statement when one person said both."""
    run = "we are going to rebuild the harbour wall before the winter storms"
    one = f"The budget is a mess and the council knows it, so listen to me now: {run}, whatever it costs us all."
    two = f"I told the fishermen on Monday and I tell you today that {run}, and then we will talk about tolls."
    assert _shared(one, two) == 0
    assert _shared(one, two, named_alike=True) >= 10


def test_a_whole_passage_given_to_a_person_and_a_body_is_one_statement() -> None:
    q = words_of(FULL)
    o = overlap(q, _hits(q, q), q.count, q.count)
    assert not one_statement(o, _person("Ann Lee", "a1"), _person("Cy Moss", "c1"))  # one person quoting another
    board = Speaker("b1", "Harbour Board", "", True, person=False)
    assert one_statement(o, _person("Ann Lee", "a1"), board)  # a copy that gave her words to her board
    short = words_of("rebuild the harbour wall before the winter storms arrive")
    o = overlap(short, _hits(short, q), q.count, q.count)
    assert not one_statement(o, _person("Ann Lee", "a1"), board)  # part of it: the board quoting her


def test_a_fragment_two_longer_quotes_hold_does_not_join_them() -> None:
    """The second longer quote must match the first one's words, not only the phrase they share."""
    phrase, first = (
        words_of("a lifelong champion of the harbour"),
        words_of(FULL + " She is a lifelong champion of the harbour."),
    )
    second = words_of("He called himself a lifelong champion of the harbour, and nobody in the hall laughed at that.")
    assert same_words(overlap(first, _hits(first, phrase), phrase.count, phrase.count))  # the fuller form joins
    assert not same_words(overlap(second, _hits(second, phrase), phrase.count, first.count))


def test_a_short_quote_must_match_nearly_whole() -> None:
    assert _shared("before the winter storms arrive", FULL) == 5
    assert _shared("before the summer storms arrive", FULL) == 0
    # shorter than a shingle: only the same words as a whole piece
    assert _shared("the winter storms", "“The winter storms!”") == 3
    assert _shared("the winter storms", FULL) == 0


def _person(name: str, actor_id: str) -> Speaker:
    words = name.split()
    return Speaker(actor_id, name, words[-1].lower(), len(words) > 1)


def test_the_same_words_by_someone_else_are_another_statement() -> None:
    assert not compatible(_person("Ann Lee", "a1"), _person("Bo Lee", "b1"), 40)
    assert not compatible(_person("Ann Lee", "a1"), _person("Cy Moss", "c1"), 40)


def test_a_surname_speaker_is_compatible_with_the_full_name() -> None:
    assert compatible(_person("Lee", "l"), _person("Ann Lee", "a1"), SAME_RUN)
    assert better(_person("Lee", "l"), _person("Ann Lee", "a1")).name == "Ann Lee"


def test_an_unknown_speaker_joins_a_named_one_only_on_long_runs() -> None:
    assert not compatible(Speaker(), _person("Ann Lee", "a1"), SAME_RUN)
    assert compatible(Speaker(), _person("Ann Lee", "a1"), STRONG_RUN)


def test_speaker_of_reads_the_actor() -> None:
    a = ArticleAnalysis()
    a.actors.add(actor_id="x", canonical_name="Ann Lee", type=Actor.TYPE_PERSON)
    a.actors.add(actor_id="o", canonical_name="Harbour Board", type=Actor.TYPE_ORGANIZATION)
    assert speaker_of(a, Quote(speaker_actor_id="x")) == Speaker("x", "Ann Lee", "lee", True)
    assert speaker_of(a, Quote(speaker_actor_id="o")).full and not speaker_of(a, Quote(speaker_actor_id="o")).person
    assert speaker_of(a, Quote()) == Speaker()
