"""The PostgreSQL sink against the machine's real server (a fresh database per test)."""

import psycopg

from pipeline.schema import Actor, ArticleAnalysis, Quote
from pipeline.sinks.migrate import migrate, migrations
from pipeline.sinks.postgres import write_analyses


def _analysis(article: str, quotes: list[tuple[str, str]]) -> ArticleAnalysis:
    a = ArticleAnalysis(article_id=article, url=f"https://x.example/{article}", extractor_version="t")
    a.actors.add(
        actor_id="act-ann", canonical_name="Ann Lee", type=Actor.TYPE_PERSON, titles=["Mayor"], mention_count=2
    )
    for qid, text in quotes:
        a.quotes.add(quote_id=qid, text=text, kind=Quote.KIND_DIRECT, speaker_actor_id="act-ann", start=0, end=4)
    return a


def _counts(url: str) -> tuple[int, ...]:
    with psycopg.connect(url) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("articles", "actors", "article_actors", "quotes", "quote_speakers")
        )


def test_replays_leave_one_copy(pg_url: str) -> None:
    batch = [_analysis("a1", [("q1", "One"), ("q2", "Two")]), _analysis("a2", [("q3", "Three")])]
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, batch)
        write_analyses(conn, batch)  # a retried batch
        write_analyses(conn, batch[:1])  # an overlapping re-cut batch
    assert _counts(pg_url) == (2, 1, 2, 3, 3)


def test_reprocessed_article_replaces_its_quotes(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [_analysis("a1", [("q1", "One"), ("q2", "Two")])])
        write_analyses(conn, [_analysis("a1", [("q9", "Nine")])])  # a newer extractor found other quotes
        rows = conn.execute(
            "SELECT q.quote_id, a.canonical_name FROM quotes q "
            "JOIN quote_speakers s USING (quote_id) JOIN actors a USING (actor_id)"
        ).fetchall()
    assert rows == [("q9", "Ann Lee")]


def _tables(conn: psycopg.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
        for t in ("articles", "actors", "article_actors", "quotes")
    }


def test_new_articles_and_stored_ones_end_in_the_same_rows(pg_url: str) -> None:
    """New articles are copied straight into the tables, a batch with a stored article goes through
    the staging merge: both must leave exactly the same rows."""
    batch = [_analysis("a1", [("q1", "One"), ("q2", "Two")]), _analysis("a2", [("q3", "Three")])]
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, batch)  # all new
        direct = _tables(conn)
        write_analyses(conn, batch)  # all stored
        assert _tables(conn) == direct
        assert len(direct["quotes"]) == 3 and len(direct["article_actors"]) == 2


def test_a_batch_of_new_and_stored_articles_is_merged_whole(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [_analysis("a1", [("q1", "One"), ("q2", "Two")])])
        write_analyses(conn, [_analysis("a2", [("q3", "Three")]), _analysis("a1", [("q9", "Nine")])])
        quotes = conn.execute("SELECT article_id, quote_id FROM quotes ORDER BY quote_id").fetchall()
    assert quotes == [("a2", "q3"), ("a1", "q9")]
    assert _counts(pg_url) == (2, 1, 2, 2, 2)


def test_an_actor_takes_its_latest_name_and_is_not_rewritten_without_a_change(pg_url: str) -> None:
    """Actors recur from article to article: a row rewritten with the same name would leave a dead
    row version per article naming it. A changed canonical name still replaces the old one."""

    def actor_row(conn: psycopg.Connection) -> tuple[str, str]:
        return conn.execute("SELECT canonical_name, xmin::text FROM actors").fetchone()  # type: ignore[return-value]

    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [_analysis("a1", [])])
        first = actor_row(conn)
        write_analyses(conn, [_analysis("a2", [])])
        assert actor_row(conn) == first
        renamed = _analysis("a3", [])
        renamed.actors[0].canonical_name = "Ann B. Lee"
        write_analyses(conn, [renamed])
        name, version = actor_row(conn)
    assert name == "Ann B. Lee" and version != first[1]


def test_ids_with_commas_quotes_and_backslashes_are_replaced_like_any_other(pg_url: str) -> None:
    odd = 'feed,"guid"\\1 {x}'  # an article id from another producer of the raw topic
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [_analysis(odd, [("q,1", "One"), ('q"2', "Two")]), _analysis("a2", [("q3", "x")])])
        write_analyses(conn, [_analysis(odd, [("q\\9", "Nine")])])
        rows = conn.execute("SELECT article_id, quote_id FROM quotes ORDER BY quote_id").fetchall()
    assert rows == [("a2", "q3"), (odd, "q\\9")]


def test_duplicate_article_in_one_batch(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [_analysis("a1", [("q1", "One")]), _analysis("a1", [("q1", "One")])])
    assert _counts(pg_url) == (1, 1, 1, 1, 1)


def test_speakers_of_an_older_database_move_to_their_quotes(pg_url: str) -> None:
    """Migration 0004 folds the quote_speakers table into quotes.speaker_actor_id; readers of
    quote_speakers see the same rows through the view of that name."""
    with psycopg.connect(pg_url) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        conn.execute("CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)")
        for version, path in migrations():
            if version < 4:
                conn.execute(path.read_text(encoding="utf-8"))  # type: ignore[arg-type]
                conn.execute("INSERT INTO schema_migrations VALUES (%s, %s)", (version, path.name))
        conn.execute("INSERT INTO articles (article_id) VALUES ('a1')")
        conn.execute("INSERT INTO actors VALUES ('act-ann', 'Ann Lee', 'person')")
        conn.execute(
            "INSERT INTO quotes (quote_id, article_id, text, kind, start_offset, end_offset) "
            "VALUES ('q1', 'a1', 'One', 'direct', 0, 3), ('q2', 'a1', 'Two', 'direct', 4, 7)"
        )
        conn.execute("INSERT INTO quote_speakers VALUES ('q1', 'act-ann')")
        conn.commit()
        assert migrate(conn) == [v for v, _ in migrations() if v >= 4]
        assert conn.execute("SELECT quote_id, speaker_actor_id FROM quotes ORDER BY quote_id").fetchall() == [
            ("q1", "act-ann"),
            ("q2", None),
        ]
        assert conn.execute("SELECT quote_id, actor_id FROM quote_speakers").fetchall() == [("q1", "act-ann")]
        write_analyses(conn, [_analysis("a1", [("q1", "One")])])  # the sink writes the migrated schema
        conn.commit()
    assert _counts(pg_url) == (1, 1, 1, 1, 1)


def test_migrations_are_versioned_and_applied_once(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        assert migrate(conn) == []  # the fixture applied them already
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _ in migrations()]


def test_text_that_needs_escaping_and_ranges_round_trip(pg_url: str) -> None:
    a = _analysis("a1", [])
    a.title = 'tab\there, "quotes", back\\slash\nnew line'
    q = a.quotes.add(quote_id="q1", text='he said \\N and\t"hi"', kind=Quote.KIND_PARTIAL, start=1, end=9)
    q.segments.add(start=1, end=4)
    q.segments.add(start=5, end=9)
    q.speaker_span.start, q.speaker_span.end = 10, 12
    a.actors[0].titles.append('the "chief", {braces}')
    a.actors[0].aliases.extend(["back\\slash\ttab\nline", "NULL", ""])  # array literals inside COPY text
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [a])
        assert conn.execute("SELECT title FROM articles").fetchone() == (a.title,)
        text, segments, speaker, cue = conn.execute(
            "SELECT text, segments, speaker_span, cue_span FROM quotes"
        ).fetchone()
        titles, aliases = conn.execute("SELECT titles, aliases FROM article_actors").fetchone()  # type: ignore[misc]
    assert text == q.text and [(r.lower, r.upper) for r in segments] == [(1, 4), (5, 9)]
    assert (speaker.lower, speaker.upper, cue) == (10, 12, None)
    assert titles == ["Mayor", 'the "chief", {braces}']
    assert aliases == list(a.actors[0].aliases)


def _run_sink(url: str, analyses: list[ArticleAnalysis]) -> None:
    import apache_beam as beam

    from pipeline.sinks.postgres import WriteToPostgres

    with beam.Pipeline(argv=["--runner=FnApiRunner"]) as p:
        p | beam.Create(analyses, reshuffle=False) | WriteToPostgres(url)


def test_the_sink_writes_a_bundle_in_chunks_and_all_of_it(pg_url: str) -> None:
    analyses = [_analysis(f"a{i}", [(f"q{i}", "Said")]) for i in range(120)]  # three chunks
    _run_sink(pg_url, analyses)
    assert _counts(pg_url) == (120, 1, 120, 120, 120)


def test_a_refused_record_costs_only_itself_not_its_chunk(pg_url: str) -> None:
    analyses = [_analysis(f"a{i}", [(f"q{i}", "Said")]) for i in range(60)]
    analyses[55].quotes[0].speaker_actor_id = "act-unknown"  # no such actor: the second chunk is refused
    _run_sink(pg_url, analyses)
    assert _counts(pg_url)[0] == 59  # both chunks stored, but for the one article


def test_an_outage_fails_the_bundle(pg_url: str) -> None:
    """PostgreSQL going away is no record's fault: the bundle fails and the batch is retried."""
    import pytest

    gone = psycopg.conninfo.make_conninfo(pg_url, port="1")
    with pytest.raises(Exception, match="connection"):
        _run_sink(gone, [_analysis("a1", [("q1", "One")])])


def test_a_failed_first_write_on_a_connection_leaves_it_usable(pg_url: str) -> None:
    import pytest

    broken = _analysis("a1", [("q1", "One")])
    broken.quotes[0].speaker_actor_id = "act-unknown"  # the first transaction fails, staging tables and all
    with psycopg.connect(pg_url) as conn:
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            write_analyses(conn, [broken])
        write_analyses(conn, [_analysis("a2", [("q2", "Two")])])
    assert _counts(pg_url) == (1, 1, 1, 1, 1)


def test_a_record_postgresql_refuses_is_a_dead_letter_and_the_rest_is_stored(pg_url: str) -> None:
    """One article whose quote names an actor it does not carry (a foreign-key violation, as any
    record-level refusal) costs only that article, not its chunk."""
    import apache_beam as beam
    from apache_beam.testing.test_pipeline import TestPipeline
    from apache_beam.testing.util import assert_that

    from pipeline.schema import DeadLetter
    from pipeline.sinks.postgres import WriteToPostgres

    good = [_analysis(f"g{i}", [(f"q{i}", "Fine")]) for i in range(3)]
    bad = _analysis("bad", [])
    bad.quotes.add(quote_id="qb", text="Orphan", kind=Quote.KIND_DIRECT, speaker_actor_id="act-nobody")

    def one_refusal(letters: list[DeadLetter]) -> None:
        assert [(d.stage, d.source_url) for d in letters] == [("postgres", "https://x.example/bad")]
        assert "ForeignKeyViolation" in letters[0].reason
        assert ArticleAnalysis.FromString(letters[0].raw).article_id == "bad"

    with TestPipeline() as p:
        refused = p | beam.Create([good[0], bad, *good[1:]]) | WriteToPostgres(pg_url)
        assert_that(refused, one_refusal)
    assert _counts(pg_url) == (3, 1, 3, 3, 3)


def test_the_cue_class_is_stored_and_older_quotes_read_as_empty(pg_url: str) -> None:
    a = _analysis("a1", [])
    a.quotes.add(quote_id="said", text="we will win", kind=Quote.KIND_INDIRECT, cue_class=Quote.CUE_CLASS_SPEECH)
    a.quotes.add(quote_id="thinks", text="they will win", kind=Quote.KIND_INDIRECT, cue_class=Quote.CUE_CLASS_STANCE)
    a.quotes.add(quote_id="older", text="who knows", kind=Quote.KIND_DIRECT)  # written before the field
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [a])
        rows = dict(conn.execute("SELECT quote_id, cue_class FROM quotes").fetchall())  # type: ignore[arg-type]
    assert rows == {"said": "speech", "thinks": "stance", "older": ""}


def test_quotes_are_searched_with_the_stemmer_of_the_rules_that_ran(pg_url: str) -> None:
    """A feed that declares "en-US" and a text too short to detect: English rules ran, so the quote
    is stored as English and stemmed as English ("timetables" finds "timetable")."""
    a = _analysis("a1", [("q1", "The timetable stays")])
    a.language = "en-US"
    with psycopg.connect(pg_url) as conn:
        write_analyses(conn, [a])
        row = conn.execute(
            "SELECT language, search @@ websearch_to_tsquery('english', 'timetables') FROM quotes"
        ).fetchone()
    assert row == ("en", True)
