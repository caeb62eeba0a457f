"""One tree's statements state (its pipeline/ is imported: PYTHONPATH is the tree), driven by
bench/statements_cost.py: each line "round" on stdin assigns the next copy of the corpus in the
job's chunks and prints the CPU it took, in this process, in its PostgreSQL backend and in every
PostgreSQL process, as JSON.

    python bench/lib/statements_worker.py ANALYSES_FILE
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
from pipeline.schema import ArticleAnalysis
from pipeline.statements.store import StatementStore

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


def main() -> None:
    analyses = read_analyses(Path(sys.argv[1]))
    with temp_database("newsflow_statements_cost") as url, psycopg.connect(url) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        store = StatementStore(conn)
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
