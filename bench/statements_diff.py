"""Every row of the statements' state and every record assignment returns, for one fixed input:
PolNeAR dev and train and German train in order, a second and third outlet's copies of 300 of
them (so statements and stories recur and merge), then a replay of 100. Written as digests per
table to a JSON file, or compared with one written before: a change meant to leave statements as
they were (speed, restructuring) is checked by snapshotting the tree before it and comparing after.

    .venv/bin/python -m bench.statements_diff snapshot before.json   # on the old tree
    .venv/bin/python -m bench.statements_diff compare before.json    # on the new tree; exit 1 on a difference

A tree without this script is snapshotted by running this file with that tree first on the path:
`cd OLD && PYTHONPATH=. python NEW/bench/statements_diff.py snapshot before.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import psycopg

from bench.lib.stack import temp_database
from bench.lib.statement_corpus import analysed
from pipeline.statements.store import StatementStore

# the copies bench/statements_cost.py assigns, loaded by path (not as bench.lib.…): a tree without
# this script is snapshotted with its own bench/ first on the path
_SPEC = importlib.util.spec_from_file_location(
    "statements_worker", Path(__file__).parent / "lib" / "statements_worker.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_WORKER = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_WORKER)
TABLES = {
    "statements": "statement_id",
    "statement_appearances": "quote_id",
    "statement_outlets": "statement_id, outlet",
    "statement_shingles": "shingle, statement",
    "statement_speakers": "surname, actor_id",
    "stories": "story_id",
    "story_articles": "article_id",
    "story_bands": "band, article_id",
    "story_outlets": "story_id, outlet",
}


def state(cache: Path | None) -> dict[str, str]:
    """Digest of each table's rows in key order, and of the records every assignment returned."""
    docs = [a for _, a in analysed(["german-train", "polnear-dev", "polnear-train"], cache)]
    sequence = docs + _WORKER.copy_of(docs[:300], 1) + _WORKER.copy_of(docs[:300], 2) + docs[:100]
    records = hashlib.sha256()
    out: dict[str, str] = {}
    with temp_database("newsflow_statements_diff") as url, psycopg.connect(url) as conn:
        store = StatementStore(conn)
        for k in range(0, len(sequence), _WORKER.CHUNK):
            assigned = store.assign(sequence[k : k + _WORKER.CHUNK])
            for message in (*assigned.statements, *assigned.story_states, *assigned.appearances):
                records.update(message.SerializeToString(deterministic=True))
            records.update(repr((sorted(assigned.ids.items()), sorted(assigned.stories.items()))).encode())
        for table, key in TABLES.items():
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()
            out[table] = f"{len(rows)} rows, sha256 {hashlib.sha256(repr(rows).encode()).hexdigest()}"
    out["records"] = f"sha256 {records.hexdigest()}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["snapshot", "compare"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--cache", type=Path, help="keep the analysed corpora in this directory")
    args = ap.parse_args()
    now = state(args.cache)
    if args.mode == "snapshot":
        args.file.write_text(json.dumps(now, indent=1) + "\n", encoding="utf-8")
        print(f"{len(now)} digests written to {args.file}")
        return
    before = json.loads(args.file.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for k in differ:
        print(f"{k}: before {before.get(k)}, now {now.get(k)}")
    print("identical" if not differ else f"{len(differ)} of {len(now)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
