"""Statement identity against the labelled pairs of bench/gold/statement_pairs.tsv (drawn by
bench/statement_pairs.py, labelled by reading): the corpora's analyses are assigned statements by
the real state (pipeline.statements.store, in a scratch PostgreSQL database), in order of
publication, 50 articles per transaction as the job writes them; then each pair is SAME when both
quotes' statements resolve to one.

Pairwise precision and recall of SAME (PARAPHRASE pairs count neither way; a pair whose quote the
extractor no longer finds is reported, not scored), per drawing rule as well, and the speaker
links made (a surname alone linked to a full name), with a sample to read.

    python -m bench.eval_statements [--gold bench/gold/statement_pairs.tsv] [--cache DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import psycopg

from bench.lib.stack import temp_database
from bench.lib.statement_check import clusters
from bench.lib.statement_corpus import Article, analysed
from pipeline.schema import ArticleAnalysis
from pipeline.statements.identity import speaker_of
from pipeline.statements.store import StatementStore
from pipeline.statements.words import fold

GOLD = Path(__file__).with_name("gold") / "statement_pairs.tsv"
LINKS = Path(__file__).with_name("gold") / "speaker_links.tsv"
LINK_FIELDS = ["corpus", "file", "start", "end", "surname", "truth"]
CHUNK = 50


def score(pairs: list[tuple[str, bool]]) -> dict[str, float]:
    """(gold label, predicted same) -> precision, recall, F1 of SAME; PARAPHRASE is left out."""
    scored = [(g, p) for g, p in pairs if g in ("SAME", "DIFFERENT")]
    tp = sum(1 for g, p in scored if g == "SAME" and p)
    fp = sum(1 for g, p in scored if g == "DIFFERENT" and p)
    fn = sum(1 for g, p in scored if g == "SAME" and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _clusters(conn: psycopg.Connection) -> set[tuple[str, ...]]:
    """The statements of more than one quote, as their quote ids (ids aside, which name a first quote)."""
    return {c for c in clusters(conn) if len(c) > 1}


def _pairs(clusters: set[tuple[str, ...]]) -> set[tuple[str, str]]:
    return {(a, b) for c in clusters for a in c for b in c if a < b}


def _links(docs: list[tuple[Article, ArticleAnalysis]], speakers: dict[str, str], args: argparse.Namespace) -> None:
    """Quotes whose article names the speaker by surname only: how many got a full name from
    another article, and, against the labelled sample (truth = the full name a reader finds, "?"
    when the text does not tell), precision and recall of those links."""
    alone = [
        (art, a, q, sp)
        for art, a in docs
        for q in a.quotes
        if (sp := speaker_of(a, q)).actor_id and sp.person and not sp.full and sp.surname
    ]
    linked = {q.quote_id: speakers.get(q.quote_id, "") for _, _, q, _ in alone}
    made = sum(1 for v in linked.values() if v)
    print(f"speakers named by surname only: {len(alone)} quotes; linked to a full name: {made}")
    if args.draw_links:
        rng = random.Random(31)
        sample = rng.sample(alone, min(args.draw_links, len(alone)))
        with args.links.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, LINK_FIELDS, delimiter="\t")
            w.writeheader()
            for art, _, q, sp in sample:
                w.writerow(dict(zip(LINK_FIELDS, [art.corpus, art.name, q.start, q.end, sp.surname, ""], strict=True)))
                context = art.text[max(0, q.start - 300) : q.end].replace("\n", " ")
                print(f"--- {art.name} | {sp.name} -> {linked[q.quote_id] or '(unlinked)'}\n    …{context}")
        return
    if not args.links.exists():
        return
    by_span = {(art.corpus, art.name, q.start, q.end): q.quote_id for art, _, q, _ in alone}
    rows = [r for r in csv.DictReader(args.links.open(encoding="utf-8"), delimiter="\t") if r["truth"]]
    judged = [
        (r["truth"], linked.get(by_span.get((r["corpus"], r["file"], int(r["start"]), int(r["end"])), ""), ""))
        for r in rows
    ]
    links = [(t, got) for t, got in judged if got]
    right = sum(1 for t, got in links if t != "?" and fold(t) == fold(got))
    knowable = sum(1 for t, _ in judged if t != "?")
    precision = right / len(links) if links else 0.0
    recall = right / knowable if knowable else 0.0
    print(
        f"speaker links on {len(judged)} labelled surname-only quotes ({knowable} whose full name the text tells): "
        f"precision {precision:.3f} ({right}/{len(links)}), recall {recall:.3f} ({right}/{knowable})"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--cache", type=Path, help="keep the analysed corpora in this directory")
    ap.add_argument("--links", type=Path, default=LINKS, help="the labelled sample of surname-only speakers")
    ap.add_argument("--draw-links", type=int, default=0, help="draw this many surname-only speakers to label")
    ap.add_argument("--errors", action="store_true", help="name the pairs scored wrong")
    args = ap.parse_args(argv)
    rows = list(csv.DictReader(args.gold.open(encoding="utf-8"), delimiter="\t"))
    corpora = sorted({r["corpus_a"] for r in rows} | {r["corpus_b"] for r in rows})
    docs = analysed(corpora, args.cache)
    if not docs:
        print("no corpus under ../shared/eval: nothing to score")
        return
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    docs.sort(key=lambda d: (d[0].published or epoch, d[0].corpus, d[0].name))
    ids: dict[str, str] = {}
    with temp_database("newsflow_statements") as url, psycopg.connect(url) as conn:
        store = StatementStore(conn)
        started = time.perf_counter()
        quotes = 0
        for n in range(0, len(docs), CHUNK):
            chunk = [a for _, a in docs[n : n + CHUNK]]
            quotes += sum(len(a.quotes) for a in chunk)
            ids.update(store.assign(chunk).ids)
        took = time.perf_counter() - started
        roots = dict(
            conn.execute("SELECT statement_id, coalesce(merged_into, statement_id) FROM statements").fetchall()
        )
        grouped = _clusters(conn)
        totals = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE merged_into IS NULL), "
            "count(*) FILTER (WHERE merged_into IS NULL AND appearance_count > 1) FROM statements"
        ).fetchone()
        speakers = dict(
            conn.execute(
                "SELECT a.quote_id, CASE WHEN r.speaker_full THEN r.speaker_name ELSE '' END "
                "FROM statement_appearances a JOIN statements s USING (statement_id) "
                "JOIN statements r ON r.statement_id = coalesce(s.merged_into, s.statement_id)"
            ).fetchall()
        )
    by_span = {(art.corpus, art.name, q.start, q.end): q.quote_id for art, a in docs for q in a.quotes}
    results: list[tuple[str, str, bool]] = []
    missing = 0
    for r in rows:
        qa = by_span.get((r["corpus_a"], r["file_a"], int(r["start_a"]), int(r["end_a"])))
        qb = by_span.get((r["corpus_b"], r["file_b"], int(r["start_b"]), int(r["end_b"])))
        if qa is None or qb is None:
            missing += 1
            continue
        same = roots[ids[qa]] == roots[ids[qb]]
        results.append((r["rule"], r["label"], same))
        if args.errors and (r["label"] == "SAME") != same and r["label"] != "PARAPHRASE":
            print(f"  {'missed' if same is False else 'false'} pair #{rows.index(r)}")
    print(
        f"{len(docs)} articles, {quotes} quotes assigned in {took:.1f} s ({1000 * took / max(quotes, 1):.2f} ms/quote)"
    )
    print(f"statements: {totals[1]} ({totals[2]} with more than one appearance), {totals[0] - totals[1]} merged")
    print(f"gold pairs: {len(rows)} ({Counter(r['label'] for r in rows)}); quote no longer extracted: {missing}")
    overall = score([(g, p) for _, g, p in results])
    print(
        "SAME pairs: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  (tp {tp} fp {fp} fn {fn})".format(
            **overall
        )
    )
    for rule in sorted({r for r, _, _ in results}):
        s = score([(g, p) for r, g, p in results if r == rule])
        counts = f"(tp {s['tp']} fp {s['fp']} fn {s['fn']})"
        print(f"  {rule:8s} precision {s['precision']:.3f}  recall {s['recall']:.3f}  {counts}")
    shuffled = [a for _, a in docs]
    random.Random(7).shuffle(shuffled)
    with temp_database("newsflow_statements") as url, psycopg.connect(url) as conn:
        for n in range(0, len(shuffled), 7):
            StatementStore(conn).assign(shuffled[n : n + 7])
        other = _clusters(conn)
    print(
        f"order: shuffled, 7 articles per batch, gives {len(other)} statements of more than one quote against "
        f"{len(grouped)} in publication order; {len(grouped & other)} identical, quote pairs together in only "
        f"one of the two: {len(_pairs(grouped) ^ _pairs(other))} of {len(_pairs(grouped) | _pairs(other))}"
    )
    _links(docs, speakers, args)


if __name__ == "__main__":
    main()
