"""One tree's statements state (its pipeline/ is imported: PYTHONPATH is the tree), driven by
bench/statements_cost.py: each line "round" on stdin assigns the next copy of the corpus in the
job's chunks and prints the CPU it took, in this process, in its PostgreSQL backend and in every
PostgreSQL process, as JSON.

    python bench/lib/statements_worker.py ANALYSES_FILE [floor]

"floor" stores instead only what the issue asks to keep per quote, with no matching at all: each
quote its own statement (a row) and its appearance (a row), in one COPY each per chunk, and its
Statement and Appearance records. No assignment can cost less than that and keep those tables.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import psycopg

from bench.lib.job_run import cpu_seconds, postgres_cpu_seconds
from bench.lib.stack import temp_database
from pipeline.beam.statements import CHUNK  # analyses per transaction, as the job assigns them
from pipeline.ids import statement_id
from pipeline.schema import Appearance, ArticleAnalysis, Statement
from pipeline.statements.records import timestamp_of
from pipeline.statements.store import StatementStore, _seen_at

OUTLETS = 7


def read_analyses(path: Path) -> list[ArticleAnalysis]:
    data, out, at = path.read_bytes(), [], 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        out.append(ArticleAnalysis.FromString(data[at + 4 : at + 4 + size]))
        at += 4 + size
    return out


def copy_of(analyses: list[ArticleAnalysis], n: int) -> list[ArticleAnalysis]:
    """The corpus as another outlet ran it: new article and quote ids, the same words (a wire
    story's copy), so every statement and story recurs."""
    out = []
    for a in analyses:
        b = ArticleAnalysis()
        b.CopyFrom(a)
        b.article_id, b.url, b.source_name = f"{a.article_id}-{n}", f"{a.url}?copy={n}", f"outlet{n % OUTLETS}"
        for q in b.quotes:
            q.quote_id = f"{q.quote_id}-{n}"
        out.append(b)
    return out


class FloorStore:
    """The least any state keeping statements and appearances as rows writes and emits per quote."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def assign(self, analyses: list[ArticleAnalysis]) -> list[Statement | Appearance]:
        quotes = [
            (a, q, statement_id(q.quote_id), len(q.text.split()), _seen_at(a)) for a in analyses for q in a.quotes
        ]
        with self.conn.transaction(), self.conn.cursor() as cur:
            with cur.copy("COPY statements (statement_id, text, word_count, language) FROM STDIN") as copy:
                for a, q, sid, words, _ in quotes:
                    copy.write_row((sid, q.text, words, a.language))  # (created: from its sequence)
            with cur.copy(
                "COPY statement_appearances (quote_id, statement_id, article_id, outlet, url, seen_at, text, "
                "word_count, speaker_mention) FROM STDIN"
            ) as copy:
                for a, q, sid, words, when in quotes:
                    copy.write_row(
                        (q.quote_id, sid, a.article_id, a.source_name, a.url, when, q.text, words, q.speaker_mention)
                    )
        records: list[Statement | Appearance] = []
        for a, q, sid, words, when in quotes:
            seen = timestamp_of(when)
            first = Appearance(
                article_id=a.article_id, quote_id=q.quote_id, outlet=a.source_name, url=a.url, seen_at=seen
            )
            records.append(
                Statement(statement_id=sid, text=q.text, appearance_count=1, first_seen=first, last_seen=first)
            )
            # the stored appearance, as the real state emits it for Parquet (store._appearance)
            records.append(
                Appearance(
                    article_id=a.article_id,
                    quote_id=q.quote_id,
                    outlet=a.source_name,
                    url=a.url,
                    seen_at=seen,
                    statement_id=sid,
                    text=q.text,
                    word_count=words,
                    speaker_mention=q.speaker_mention,
                )
            )
        return records


def main() -> None:
    analyses = read_analyses(Path(sys.argv[1]))
    floor = sys.argv[2:] == ["floor"]
    with temp_database("newsflow_statements_cost") as url, psycopg.connect(url) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        store = FloorStore(conn) if floor else StatementStore(conn)
        for n, line in enumerate(sys.stdin):
            if line.strip() != "round":
                break
            batch = copy_of(analyses, n)
            wall, own, pg, every = (
                time.perf_counter(),
                time.process_time(),
                cpu_seconds(backend),
                postgres_cpu_seconds(),
            )
            for k in range(0, len(batch), CHUNK):
                store.assign(batch[k : k + CHUNK])
            result = {
                "articles": len(batch),
                "client": time.process_time() - own,
                "postgres": cpu_seconds(backend) - pg,
                # the server's own processes too (WAL writer, checkpointer, autovacuum: work the writes
                # cause, some of it done later, during the other tree's round)
                "postgres_all": postgres_cpu_seconds() - every,
                "wall": time.perf_counter() - wall,
            }
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
