"""The statements' state in a real PostgreSQL: identity across articles, merges, replays, linking
of surnames and two writers at once."""

from __future__ import annotations

import threading
from datetime import timezone
from typing import Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.lib.stack import temp_database
from pipeline.schema import ArticleAnalysis
from pipeline.statements.records import resolved
from pipeline.statements.store import StatementStore
from tests.conftest import require_postgres
from tests.statements.articles import article

PLEDGE = "We will open the new bridge to cyclists before the end of the summer, and not a day later."
REFUSAL = "I have no intention of resigning over a report that nobody in this council has read."


@pytest.fixture
def conn(pg_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(pg_url) as c:
        yield c


def _ids(conn: psycopg.Connection, analyses: list[ArticleAnalysis]) -> list[str]:
    assigned = StatementStore(conn).assign(analyses)
    return [assigned.ids[q.quote_id] for a in analyses for q in a.quotes]


def test_the_same_words_in_two_outlets_are_one_statement(conn: psycopg.Connection) -> None:
    a = article("a", "harbourpost", [("Mia Stone", PLEDGE)])
    b = article("b", "valleytimes", [("Mia Stone", PLEDGE.upper().replace(",", ""))], day=1)
    first, second = _ids(conn, [a]), _ids(conn, [b])
    assert first == second
    state = StatementStore(conn).assign([article("c", "citywire", [("Mia Stone", PLEDGE)], day=2)]).statements
    assert [(s.appearance_count, s.outlet_count, s.first_seen.outlet, s.last_seen.outlet) for s in state] == [
        (3, 3, "harbourpost", "citywire")
    ]


def test_a_fragment_joins_and_the_longest_form_is_kept(conn: psycopg.Connection) -> None:
    short = article("a", "harbourpost", [("Mia Stone", "open the new bridge to cyclists before the end of the summer")])
    full = article("b", "valleytimes", [("Mia Stone", PLEDGE)], day=1)
    assert _ids(conn, [short]) == _ids(conn, [full])
    (state,) = StatementStore(conn).assign([article("c", "citywire", [("Stone", PLEDGE)], day=1)]).statements
    assert state.text == PLEDGE and state.speaker_name == "Mia Stone"


def test_other_words_or_another_speaker_are_other_statements(conn: psycopg.Connection) -> None:
    ids = _ids(
        conn,
        [
            article("a", "harbourpost", [("Mia Stone", PLEDGE), ("Mia Stone", REFUSAL)]),
            article("b", "valleytimes", [("Leo Park", PLEDGE)]),
        ],
    )
    assert len(set(ids)) == 3


def test_a_replay_gives_the_same_ids_and_no_appearance_twice(conn: psycopg.Connection) -> None:
    batch = [article("a", "harbourpost", [("Mia Stone", PLEDGE)]), article("b", "valleytimes", [("", REFUSAL)])]
    stored = StatementStore(conn).assign(batch).appearances
    first = _ids(conn, batch)
    assert _ids(conn, batch + batch) == first + first
    assert StatementStore(conn).assign(batch).appearances == []
    rows = conn.execute("SELECT quote_id, statement_id, outlet, word_count, seen_at FROM statement_appearances")
    assert sorted(rows.fetchall()) == sorted(
        (a.quote_id, a.statement_id, a.outlet, a.word_count, a.seen_at.ToDatetime(tzinfo=timezone.utc)) for a in stored
    )
    assert len(stored) == 2 and {a.word_count for a in stored} == {19, 16}


def test_a_quote_that_bridges_two_fragments_merges_them(conn: psycopg.Connection) -> None:
    head = "We will open the new bridge to cyclists before the end"
    tail = "the end of the summer, and not a day later"
    (one,) = _ids(conn, [article("a", "harbourpost", [("Mia Stone", head)])])
    (two,) = _ids(conn, [article("b", "valleytimes", [("Mia Stone", tail)], day=1)])
    assert one != two
    merged = StatementStore(conn).assign([article("c", "citywire", [("Mia Stone", PLEDGE)], day=2)])
    by_id = {s.statement_id: s for s in merged.statements}
    assert by_id[two].merged_into == one and not by_id[one].merged_into
    assert by_id[one].appearance_count == 3
    with conn.cursor() as cur:
        assert resolved(cur, two) == one


def test_a_statement_merged_into_another_carries_the_ones_merged_into_it_before(conn: psycopg.Connection) -> None:
    """A fragment merged into a second statement, which a later quote merges into an older third:
    the fragment's state is emitted again, pointing at the oldest, though the last batch read only
    the statements it matched."""
    opening = "Nobody on this council should be surprised by what happens next at the harbour."
    (oldest,) = _ids(conn, [article("a", "harbourpost", [("Mia Stone", opening)])])
    head = "We will open the new bridge to cyclists before the end"
    tail = "the end of the summer, and not a day later"
    (one,) = _ids(conn, [article("b", "valleytimes", [("Mia Stone", head)], day=1)])
    (two,) = _ids(conn, [article("c", "citywire", [("Mia Stone", tail)], day=2)])
    assert _ids(conn, [article("d", "northshore", [("Mia Stone", PLEDGE)], day=3)]) == [one]
    last = StatementStore(conn).assign([article("e", "eastbay", [("Mia Stone", f"{opening} {PLEDGE}")], day=4)])
    by_id = {s.statement_id: s for s in last.statements}
    assert by_id[one].merged_into == oldest and by_id[two].merged_into == oldest
    assert not by_id[oldest].merged_into and by_id[oldest].appearance_count == 5
    with conn.cursor() as cur:
        assert resolved(cur, two) == oldest


def test_a_surname_is_linked_to_the_only_person_of_that_name(conn: psycopg.Connection) -> None:
    _ids(conn, [article("a", "harbourpost", [("Mia Stone", REFUSAL)])])
    (state,) = StatementStore(conn).assign([article("b", "valleytimes", [("Stone", PLEDGE)], day=3)]).statements
    assert state.speaker_name == "Mia Stone"


def test_a_surname_two_people_share_stays_unlinked(conn: psycopg.Connection) -> None:
    _ids(conn, [article("a", "harbourpost", [("Mia Stone", REFUSAL), ("Ned Stone", "The bridge is a waste of money")])])
    (state,) = StatementStore(conn).assign([article("b", "valleytimes", [("Stone", PLEDGE)], day=3)]).statements
    assert state.speaker_name == "Stone"


def test_two_writers_at_once_never_split_a_statement(pg_url: str) -> None:
    """Eight threads, each with its own connection, assign copies of one quote at the same time."""
    results: list[str] = []
    start = threading.Barrier(8)

    def write(n: int) -> None:
        with psycopg.connect(pg_url) as conn:
            start.wait()
            results.extend(_ids(conn, [article(f"copy{n}", f"outlet{n}", [("Mia Stone", PLEDGE)])]))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and len(set(results)) == 1


SENTENCES = [PLEDGE, REFUSAL, "The bridge is a waste of money", "We will open the new bridge to cyclists"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(["Mia Stone", "Stone", "Leo Park", ""]), st.sampled_from(SENTENCES)),
        min_size=1,
        max_size=8,
    ),
    st.integers(1, 4),
)
def test_any_replay_of_any_batching_changes_nothing(said: list[tuple[str, str]], size: int) -> None:
    """Whatever the quotes and however they are cut into batches, assigning everything again gives
    the same ids and adds no appearance."""
    require_postgres()
    batch = [article(f"n{i}", f"outlet{i % 3}", [s], day=i) for i, s in enumerate(said)]
    with temp_database("newsflow_test") as url, psycopg.connect(url) as conn:
        first = [i for n in range(0, len(batch), size) for i in _ids(conn, batch[n : n + size])]
        appearances = conn.execute("SELECT count(*) FROM statement_appearances").fetchone()
        assert _ids(conn, list(reversed(batch)))[::-1] == first
        assert conn.execute("SELECT count(*) FROM statement_appearances").fetchone() == appearances == (len(batch),)
        _kept_up_to_date(conn)


def _kept_up_to_date(conn: psycopg.Connection) -> None:
    """The counts, first and last appearance each surviving statement keeps as it goes equal what
    its appearances (its own and those of the statements merged into it) say."""
    kept = conn.execute(
        "SELECT statement_id, appearance_count, outlet_count, first_quote_id, last_quote_id FROM statements "
        "WHERE merged_into IS NULL ORDER BY statement_id"
    ).fetchall()
    counted = conn.execute(
        "SELECT coalesce(s.merged_into, s.statement_id) AS root, count(*), count(DISTINCT a.outlet), "
        "(array_agg(a.quote_id ORDER BY a.seen_at, a.quote_id))[1], "
        "(array_agg(a.quote_id ORDER BY a.seen_at DESC, a.quote_id DESC))[1] "
        "FROM statement_appearances a JOIN statements s USING (statement_id) GROUP BY root ORDER BY root"
    ).fetchall()
    assert kept == counted


def test_an_edited_article_no_longer_counts_the_quotes_it_lost(conn: psycopg.Connection) -> None:
    _ids(
        conn,
        [article("a", "harbourpost", [("Mia Stone", PLEDGE)]), article("b", "valleytimes", [("Mia Stone", PLEDGE)])],
    )
    edited = article("b", "valleytimes", [("Mia Stone", REFUSAL)], day=1, text="Updated: ")
    StatementStore(conn).assign([edited])
    counts = conn.execute("SELECT text, appearance_count, outlet_count FROM statements ORDER BY text").fetchall()
    assert counts == [(REFUSAL, 1, 1), (PLEDGE, 1, 1)]
    _kept_up_to_date(conn)
