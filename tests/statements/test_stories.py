"""Stories: wire copies, rewrites and edits of an article share one story; other articles do not."""

from __future__ import annotations

import zlib
from typing import Iterator

import numpy as np
import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.schema import ArticleAnalysis, Story
from pipeline.statements.store import StatementStore
from pipeline.statements.stories import (
    _A,
    _B,
    _MIX,
    _PRIME,
    _WORD,
    SAME_STORY,
    _mod_prime,
    bands,
    signature,
    similarity,
)
from tests.statements.articles import article

REPORT = (
    "The harbour board voted on Tuesday to close the old ferry terminal at the end of the season. Members said "
    "the building had become too costly to heat and that the ferry company would move its ticket office to the "
    "new pier, where a waiting room with a café is to open in the spring. Residents of the north shore, who use "
    "the ferry to reach the hospital, asked the board to keep a shuttle bus running between the two piers. The "
    "board promised to study the request and to publish a timetable before the terminal closes in October. A "
    "petition against the closure gathered four hundred signatures in two weeks, its organisers said."
)
OTHER = (
    "The city council approved a budget on Wednesday that raises spending on schools and libraries while cutting "
    "the road maintenance fund. The mayor said the change reflected what residents asked for in the consultation "
    "held last spring, and that the potholes on the ring road would be repaired from the reserve. Opposition "
    "members voted against, arguing that the reserve was meant for floods and should not be spent on roads."
)


def _copy(text: str) -> str:
    """A wire copy as another outlet runs it: its own first line, one sentence cut, a credit."""
    sentences = text.split(". ")
    return "North Shore Daily — " + ". ".join(sentences[:3] + sentences[4:]) + " (Wire service)"


def test_a_copy_is_similar_and_another_article_is_not() -> None:
    assert similarity(signature(REPORT), signature(_copy(REPORT))) >= SAME_STORY
    assert similarity(signature(REPORT), signature(OTHER)) < 0.1
    assert set(bands(signature(REPORT))) & set(bands(signature(_copy(REPORT))))
    assert signature("too short") == b"" and bands(b"") == []


def _story(conn: psycopg.Connection, a: ArticleAnalysis) -> str:
    return StatementStore(conn).assign([a]).stories[a.article_id]


@pytest.fixture
def conn(pg_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(pg_url) as c:
        yield c


def test_copies_in_other_outlets_join_the_story_and_others_do_not(conn: psycopg.Connection) -> None:
    first = _story(conn, article("ferry", "harbourpost", [], text=REPORT))
    assert _story(conn, article("ferry-copy", "valleytimes", [], text=_copy(REPORT), day=1)) == first
    assert _story(conn, article("budget", "harbourpost", [], text=OTHER)) != first
    count, outlets = conn.execute(
        "SELECT article_count, outlet_count FROM stories WHERE story_id = %s", (first,)
    ).fetchone()  # type: ignore[misc]
    assert (count, outlets) == (2, 2)


def test_an_edited_article_keeps_its_story(conn: psycopg.Connection) -> None:
    story = _story(conn, article("ferry", "harbourpost", [], text=REPORT))
    edited = article("ferry", "harbourpost", [], text=REPORT.replace("four hundred", "six hundred") + " Updated.")
    assert _story(conn, edited) == story
    assert conn.execute("SELECT count(*) FROM story_articles").fetchone() == (1,)


def _states(conn: psycopg.Connection, a: ArticleAnalysis) -> list[Story]:
    return StatementStore(conn).assign([a]).story_states


def test_each_change_of_a_story_is_a_new_state_and_a_replay_changes_none(conn: psycopg.Connection) -> None:
    [made] = _states(conn, article("ferry", "harbourpost", [], text=REPORT))
    assert (made.title, made.article_count, made.outlet_count, made.merged_into) == ("ferry", 1, 1, "")
    copy = article("ferry-copy", "valleytimes", [], text=_copy(REPORT), day=1)
    [grown] = _states(conn, copy)
    assert grown.story_id == made.story_id and (grown.article_count, grown.outlet_count) == (2, 2)
    assert grown.revision > made.revision
    assert grown.first_seen == made.first_seen and grown.last_seen.seconds == made.last_seen.seconds + 86_400
    assert _states(conn, copy) == []


def test_an_article_that_bridges_two_stories_merges_the_newer_into_the_older(conn: psycopg.Connection) -> None:
    sentences = REPORT.split(". ")
    head, tail = ". ".join(sentences[:4]), ". ".join(sentences[2:])
    assert similarity(signature(head), signature(tail)) < SAME_STORY <= similarity(signature(head), signature(REPORT))
    [older] = _states(conn, article("head", "harbourpost", [], text=head))
    [newer] = _states(conn, article("tail", "valleytimes", [], text=tail, day=1))
    assert older.story_id != newer.story_id
    states = {s.story_id: s for s in _states(conn, article("whole", "northshore", [], text=REPORT, day=2))}
    assert set(states) == {older.story_id, newer.story_id}
    assert states[newer.story_id].merged_into == older.story_id and states[newer.story_id].revision > newer.revision
    survivor = states[older.story_id]
    assert (survivor.article_count, survivor.outlet_count, survivor.merged_into) == (3, 3, "")


def test_a_story_merged_into_another_carries_the_ones_merged_into_it_before(conn: psycopg.Connection) -> None:
    """Three stories chained by two bridging articles: the first merged one's state is emitted
    again, pointing at the final survivor, though no article of it was in the last batch."""
    sentences = f"{REPORT} {OTHER}".split(". ")
    first, second, third = sentences[:4], sentences[2:6], sentences[3:]
    parts = [". ".join(p) for p in (first, second, third, sentences[2:], sentences)]
    sig = [signature(p) for p in parts]
    assert max(similarity(sig[a], sig[b]) for a, b in [(0, 1), (1, 2), (0, 2), (0, 3)]) < SAME_STORY
    assert min(similarity(sig[a], sig[b]) for a, b in [(3, 1), (3, 2), (4, 0), (4, 3)]) >= SAME_STORY
    made = [_states(conn, article(f"part{n}", f"outlet{n}", [], text=parts[n], day=n))[0] for n in range(3)]
    assert len({s.story_id for s in made}) == 3
    _states(conn, article("bridge", "outlet3", [], text=parts[3], day=3))
    states = {s.story_id: s for s in _states(conn, article("whole", "outlet4", [], text=parts[4], day=4))}
    root, middle, last = (s.story_id for s in made)
    assert states[middle].merged_into == root and states[last].merged_into == root
    assert (states[root].article_count, states[root].outlet_count, states[root].merged_into) == (5, 5, "")


def _plain_signature(text: str) -> bytes:
    """The signature's definition, one step at a time: the minimum over the text's runs of five
    words of each permutation (h * a + b, wrapping mod 2^64, then mod the prime)."""
    words = [w for w in _WORD.findall(text.casefold())]
    if len(words) < 5:
        return b""
    runs = set()
    for i in range(len(words) - 4):
        h = 0
        for w in words[i : i + 5]:
            h = (h * int(_MIX) + zlib.crc32(w.encode())) % 2**64
        runs.add(h >> 32)
    return np.array(
        [min((h * int(a) + int(b)) % 2**64 % int(_PRIME) for h in runs) for a, b in zip(_A, _B, strict=True)],
        dtype=np.uint64,
    ).tobytes()


@settings(max_examples=60, deadline=None)
@given(text=st.lists(st.sampled_from("the mayor said Über bridge will open a b c".split()), max_size=40).map(" ".join))
def test_the_signature_is_its_definition(text: str) -> None:
    assert signature(text) == _plain_signature(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=50))
def test_the_reduction_without_a_division_is_the_remainder(values: list[int]) -> None:
    p = int(_PRIME)
    edges = [0, 1, p - 1, p, p + 1, 2 * p - 1, 2 * p, 2 * p + 7, 2**64 - 1, 2**64 - p, (2**64 // p) * p]
    x = np.array(values + edges, dtype=np.uint64)
    assert _mod_prime(x.copy()).tolist() == [v % p for v in values + edges]
