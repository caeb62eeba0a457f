"""The speakers' counts per day and outlet (migration 0011) against the quotes they count, whatever
the sink writes, re-writes or deletes and whenever the changes are folded in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.schema import Actor, ArticleAnalysis, Quote
from pipeline.sinks.counts import Folder, fold
from pipeline.sinks.postgres import write_analyses

_DAY0 = datetime(2026, 3, 1, 22, 30, tzinfo=timezone.utc)  # late in the day: the UTC day is the key

_QUOTE = st.tuples(st.sampled_from(["", "s1", "s2"]), st.booleans())  # speaker, kept on re-analysis
_ARTICLE = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a1", "a2", "a3"]),
        "outlet": st.sampled_from(["", "Daily", "Weekly"]),
        "day": st.integers(0, 2),
        "dated": st.booleans(),
        "quotes": st.lists(_QUOTE, max_size=3),
    }
)
_STEP = st.one_of(
    st.tuples(st.just("write"), st.lists(_ARTICLE, min_size=1, max_size=3)),
    st.tuples(st.just("fold"), st.none()),
    st.tuples(st.just("delete"), st.sampled_from(["a1", "a2", "a3"])),
)


def _analysis(spec: dict) -> ArticleAnalysis:
    a = ArticleAnalysis(article_id=spec["id"], url=f"https://x.example/{spec['id']}", source_name=spec["outlet"])
    if spec["dated"]:
        a.published_at.FromDatetime(_DAY0 + timedelta(days=spec["day"]))
    for speaker in {s for s, _ in spec["quotes"] if s}:
        a.actors.add(actor_id=speaker, canonical_name=f"Speaker {speaker}", type=Actor.TYPE_PERSON)
    for i, (speaker, _) in enumerate(spec["quotes"]):
        a.quotes.add(quote_id=f"{spec['id']}-q{i}", text=f"words {i}", kind=Quote.KIND_DIRECT, speaker_actor_id=speaker)
    return a


def _kept(conn: psycopg.Connection) -> set[tuple[str, str, str, int]]:
    rows = conn.execute(
        "SELECT speaker_actor_id, per, key, sum(n) FROM (SELECT * FROM speaker_counts "
        "UNION ALL SELECT * FROM speaker_count_deltas) c GROUP BY 1, 2, 3 HAVING sum(n) <> 0"
    ).fetchall()
    return {(s, p, k, int(n)) for s, p, k, n in rows}


def _counted(conn: psycopg.Connection) -> set[tuple[str, str, str, int]]:
    rows = conn.execute(
        "SELECT speaker_actor_id, 'day', coalesce(to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ''), "
        "count(*) FROM quotes WHERE speaker_actor_id IS NOT NULL GROUP BY 1, 3 "
        "UNION ALL SELECT speaker_actor_id, 'outlet', source_name, count(*) FROM quotes "
        "WHERE speaker_actor_id IS NOT NULL GROUP BY 1, 3"
    ).fetchall()
    return {(s, p, k, int(n)) for s, p, k, n in rows}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_STEP, min_size=1, max_size=8))
def test_the_counts_equal_the_quotes_they_count_after_any_writes(pg_url: str, steps: list) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("TRUNCATE articles, actors, article_actors, quotes CASCADE")
        assert _kept(conn) == set()  # the truncation emptied the counts too
        for kind, arg in steps:
            if kind == "write":
                write_analyses(conn, [_analysis(spec) for spec in arg])
            elif kind == "fold":
                fold(conn)
            else:
                conn.execute("DELETE FROM articles WHERE article_id = %s", (arg,))
            assert _kept(conn) == _counted(conn)
        fold(conn)
        assert _kept(conn) == _counted(conn)
        assert conn.execute("SELECT count(*) FROM speaker_count_deltas").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM speaker_counts WHERE n = 0").fetchone() == (0,)


def test_a_quote_moved_to_another_speaker_day_and_outlet_moves_its_counts(pg_url: str) -> None:
    first = {"id": "a1", "outlet": "Daily", "day": 0, "dated": True, "quotes": [("s1", True)]}
    moved = {"id": "a1", "outlet": "Weekly", "day": 1, "dated": True, "quotes": [("s2", True)]}
    with psycopg.connect(pg_url, autocommit=True) as conn:
        write_analyses(conn, [_analysis(first)])
        fold(conn)
        write_analyses(conn, [_analysis(moved)])  # the same quote id, re-analysed
        assert _kept(conn) == {("s2", "day", "2026-03-02", 1), ("s2", "outlet", "Weekly", 1)}
        fold(conn)
        assert conn.execute("SELECT speaker_actor_id, per, key, n FROM speaker_counts ORDER BY 1, 2").fetchall() == [
            ("s2", "day", "2026-03-02", 1),
            ("s2", "outlet", "Weekly", 1),
        ]


def test_one_writer_folds_at_a_time_and_the_other_passes(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as one, psycopg.connect(pg_url, autocommit=True) as other:
        write_analyses(
            one, [_analysis({"id": "a1", "outlet": "Daily", "day": 0, "dated": True, "quotes": [("s1", True)]})]
        )
        with one.transaction():
            one.execute("SELECT pg_advisory_xact_lock(%s)", (0x636E7473,))  # as a fold in progress holds it
            assert fold(other) is None
        assert fold(other) == 2


def test_a_failed_fold_is_logged_and_the_writer_goes_on(pg_url: str, caplog: pytest.LogCaptureFixture) -> None:
    folder = Folder(every_s=0)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE speaker_counts RENAME TO speaker_counts_away")
        folder.maybe(conn)  # must not raise
        assert "left for the next time" in caplog.text
        conn.execute("ALTER TABLE speaker_counts_away RENAME TO speaker_counts")
        folder.maybe(conn)
