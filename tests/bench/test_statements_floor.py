"""bench/lib/statements_worker.py's floor: what issue 31 asks to keep per quote, stored with no
matching, so the cost it measures is the least any assignment keeping those rows pays."""

from __future__ import annotations

import psycopg

from bench.lib.stack import temp_database
from bench.lib.statements_worker import FloorStore
from pipeline.schema import Appearance, Statement
from tests.conftest import require_postgres
from tests.statements.articles import article


def test_the_floor_stores_a_statement_and_an_appearance_per_quote_and_emits_both() -> None:
    require_postgres()
    said = [("Mia Stone", "The ferry will run every hour from May."), ("", "Nobody told us about the closure.")]
    analyses = [article("a", "harbourpost", said), article("b", "valleytimes", said[:1], day=1)]
    with temp_database("newsflow_floor_test") as url, psycopg.connect(url) as conn:
        records = FloorStore(conn).assign(analyses)
        statements = conn.execute("SELECT statement_id, text FROM statements ORDER BY created").fetchall()
        appearances = conn.execute("SELECT quote_id, outlet FROM statement_appearances ORDER BY quote_id").fetchall()
    quotes = [(a.source_name, q) for a in analyses for q in a.quotes]
    assert [text for _, text in statements] == [q.text for _, q in quotes]  # every quote its own statement
    assert appearances == sorted((q.quote_id, outlet) for outlet, q in quotes)
    assert [type(r) for r in records] == [Statement, Appearance] * len(quotes)
    assert [r.first_seen.outlet for r in records if isinstance(r, Statement)] == ["harbourpost"] * 2 + ["valleytimes"]
