"""The statements' state at scale: synthetic quotes assigned through the real state
(pipeline.statements.store) in a scratch PostgreSQL database until it holds --statements
statements; at each checkpoint, the time to assign a probe batch (half quotes already known, in
another outlet's words, half new) per quote, and the state's size per statement.

    python -m bench.statements_state [--statements 1000000] [--checkpoints 100000,300000,1000000]

Quotes are runs of words drawn from a Zipf distribution over 20,000 words (so common runs of words
recur, as in news), said by one of 50,000 speakers, 10 per article, 50 articles per transaction.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import psycopg

from bench.lib.stack import temp_database
from pipeline import ids
from pipeline.schema import Actor, ArticleAnalysis
from pipeline.statements.store import StatementStore

VOCABULARY = 20_000
SPEAKERS = 50_000
QUOTES_PER_ARTICLE = 10
CHUNK = 50
TABLES = ["statements", "statement_appearances", "statement_shingles", "statement_outlets", "statement_speakers"]
STORY_TABLES = ["stories", "story_articles", "story_bands"]


class Synth:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        weights = [1 / (r**1.1) for r in range(1, VOCABULARY + 1)]
        self.words = [f"w{r}" for r in range(VOCABULARY)]
        self.cum = list(_accumulate(weights))
        self.serial = 0

    def quote(self) -> tuple[str, str]:
        n = self.rng.randint(8, 30)
        words = self.rng.choices(self.words, cum_weights=self.cum, k=n)
        return f"Person {self.rng.randrange(SPEAKERS)} Surname{self.rng.randrange(SPEAKERS)}", " ".join(words)

    def article(self, said: list[tuple[str, str]]) -> ArticleAnalysis:
        self.serial += 1
        outlet = f"outlet{self.rng.randrange(300)}"
        a = ArticleAnalysis(article_id=ids.article_id(f"https://{outlet}.example/{self.serial}"), source_name=outlet)
        a.url = f"https://{outlet}.example/{self.serial}"
        a.published_at.FromSeconds(1_700_000_000 + self.serial * 10)
        body = ""
        for speaker, words in said:
            start = len(body) + 1
            body += f" “{words}.” "
            q = a.quotes.add(quote_id=ids.quote_id(a.article_id, start, start + len(words)), text=words, kind=1)
            q.start, q.end = start, start + len(words)
            q.segments.add(start=start, end=start + len(words))
            actor_id = ids.actor_id(speaker, "person")
            q.speaker_actor_id, q.speaker_name = actor_id, speaker
            a.actors.add(actor_id=actor_id, canonical_name=speaker, type=Actor.TYPE_PERSON)
        a.text = body
        return a


def _accumulate(values: list[float]) -> list[float]:
    total, out = 0.0, []
    for v in values:
        total += v
        out.append(total)
    return out


def _size(conn: psycopg.Connection, tables: list[str]) -> int:
    return sum(conn.execute("SELECT pg_total_relation_size(%s)", (t,)).fetchone()[0] for t in tables)  # type: ignore[index]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--checkpoints", default="100000,300000,1000000")
    ap.add_argument("--probes", type=int, default=5, help="probe batches per checkpoint")
    args = ap.parse_args()
    checkpoints = sorted(int(c) for c in args.checkpoints.split(",") if int(c) <= args.statements)
    synth = Synth(31)
    said: list[tuple[str, str]] = []  # a sample of what was said, to repeat in the probes
    with temp_database("newsflow_state") as url, psycopg.connect(url) as conn:
        store = StatementStore(conn)
        loaded, started = 0, time.perf_counter()
        head = ["statements", "load s", "probe ms/quote p50", "p95", "bytes/statement", "with stories"]
        print("  ".join(head))
        for target in checkpoints:
            while loaded < target:
                batch = []
                for _ in range(CHUNK):
                    quotes = [synth.quote() for _ in range(QUOTES_PER_ARTICLE)]
                    if synth.rng.random() < 0.01:
                        said.append(quotes[0])
                    batch.append(synth.article(quotes))
                store.assign(batch)
                loaded += CHUNK * QUOTES_PER_ARTICLE
            conn.execute("ANALYZE")
            per_quote = []
            for _ in range(args.probes):
                probe = []
                for _ in range(CHUNK):
                    quotes = [synth.rng.choice(said) if i % 2 else synth.quote() for i in range(QUOTES_PER_ARTICLE)]
                    probe.append(synth.article(quotes))
                t = time.perf_counter()
                store.assign(probe)
                per_quote.append(1000 * (time.perf_counter() - t) / (CHUNK * QUOTES_PER_ARTICLE))
                loaded += CHUNK * QUOTES_PER_ARTICLE // 2
            count = conn.execute("SELECT count(*) FROM statements").fetchone()[0]  # type: ignore[index]
            size = _size(conn, TABLES)
            stories = _size(conn, STORY_TABLES)
            p95 = sorted(per_quote)[max(0, int(len(per_quote) * 0.95) - 1)]
            row = [f"{count:,}", f"{time.perf_counter() - started:.0f}", f"{statistics.median(per_quote):.3f}"]
            row += [f"{p95:.3f}", f"{size / count:.0f}", f"{(size + stories) / count:.0f}"]
            print("  ".join(v.rjust(len(h)) for v, h in zip(row, head, strict=True)))


if __name__ == "__main__":
    main()
