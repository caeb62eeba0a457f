"""Latency of `newsflow serve` over a large sink: search, speaker, statement-list and statement pages.

    .venv/bin/python -m bench.serve [--quotes 1000000] [--articles 200000] [--clients 20] [--seconds 20]
                                    [--think 0] [--workers 1] [--keep]

Loads a synthetic archive into a database of its own (newsflow_bench_serve; --keep leaves it for the
next run, which reuses it when its size matches): --articles articles from 60 outlets over a year,
in English, German, French and Russian; --quotes statements, their words drawn from a Zipf
vocabulary (a few words in most quotes, most words in few), 85% attributed to one of 20,000 speakers
whose statement counts also follow Zipf (the busiest has about a tenth of them all), stored in the
order they were published; a fifth of them repeat an earlier statement (the earliest the likeliest),
so statements have from one to thousands of appearances. Then runs `newsflow serve` as its own
process and, for each page kind, --clients closed-loop clients for --seconds, with no pause between
pages (saturation) or --think seconds on average (people reading them): searches for words of every
frequency (with and without a language and an outlet), speaker pages of speakers from the busiest to
the rarest, and keyset-paged speaker searches, and statement pages of the most repeated statements
and of others at random. Prints per page kind p50/p95/p99 and the CPU a page took in the server's
processes and in PostgreSQL's, the indexes each query plan uses, and the speaker page's queries
for one page at a time by the speaker's rank."""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import httpx
import psycopg
from psycopg import sql

from bench.lib.job_run import cpu_seconds, postgres_cpu_seconds
from bench.lib.stack import PG_BASE
from pipeline.serve import queries
from pipeline.serve.db import ReadOnlyPool
from pipeline.serve.queries import Search
from pipeline.sinks.counts import fold
from pipeline.sinks.migrate import migrate

DB = "newsflow_bench_serve"
OUTLETS = [f"Outlet {i:02d}" for i in range(60)]
LANGUAGES = ["en"] * 14 + ["de"] * 4 + ["fr", "ru"]
SPEAKERS = 20_000
REPEATED = 0.2  # quotes that repeat an earlier statement (another outlet, another day)
VOCABULARY = 30_000
_SYLLABLES = ["ka", "lo", "mi", "ne", "ra", "to", "su", "ve", "di", "po", "an", "er", "in", "os", "ul", "ti"]


def words(rng: random.Random) -> list[str]:
    """Pseudo-words, so that every stemmer leaves them nearly as they are and their frequencies are
    the Zipf ranks the bench chooses."""
    out: set[str] = set()
    while len(out) < VOCABULARY:
        out.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(sorted(out), key=lambda w: rng.random())  # a set's order differs from process to process


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1 / (k**s) for k in range(1, n + 1)]


def _copy(conn: psycopg.Connection, table: str, columns: str, rows: Iterator[tuple[object, ...]]) -> None:
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def load(url: str, n_articles: int, n_quotes: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    vocab = words(rng)
    word_weights = zipf_weights(VOCABULARY)
    speaker_weights = zipf_weights(SPEAKERS)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    t0 = time.perf_counter()
    with psycopg.connect(url) as conn:
        migrate(conn)
        speakers = [(f"s{i:05d}", f"Speaker{i:05d} Person", "person") for i in range(SPEAKERS)]
        _copy(conn, "actors", "actor_id, canonical_name, type", iter(speakers))
        articles = []
        for i in range(n_articles):
            when = start + timedelta(seconds=rng.randrange(365 * 86400))
            articles.append((f"a{i:07d}", OUTLETS[rng.randrange(len(OUTLETS))], rng.choice(LANGUAGES), when))
        # stored in the order they were published, as a live job stores them (a time window of the
        # archive is then a run of neighbouring pages, not one page per statement)
        articles.sort(key=lambda article: article[3])
        _copy(
            conn,
            "articles",
            "article_id, url, title, source_name, language, detected_language, published_at, processed_at, text",
            (
                (aid, f"https://news.example/{aid}", f"Title {aid}", outlet, lang, lang, when, when, "")
                for aid, outlet, lang, when in articles
            ),
        )
        picks = rng.choices(range(SPEAKERS), weights=speaker_weights, k=n_quotes)
        lengths = [rng.randint(6, 30) for _ in range(n_quotes)]
        drawn = iter(rng.choices(vocab, weights=word_weights, k=sum(lengths)))

        said: list[tuple[str, str, str | None]] = []  # statements made so far: id, words, speaker
        appearances: list[tuple[object, ...]] = []

        def quotes() -> Iterator[tuple[object, ...]]:
            for i in range(n_quotes):
                aid, outlet, lang, when = articles[i * n_articles // n_quotes]
                if said and rng.random() < REPEATED:  # the same words again, the earliest the likeliest
                    sid, text, speaker = said[int(len(said) * rng.random() ** 3)]
                else:
                    text = " ".join(next(drawn) for _ in range(lengths[i]))
                    speaker = speakers[picks[i]][0] if rng.random() < 0.85 else None
                    sid = f"st{i:08d}"
                    said.append((sid, text, speaker))
                appearances.append((f"q{i:08d}", sid, aid, outlet, f"https://news.example/{aid}", when, text))
                yield (
                    f"q{i:08d}",
                    aid,
                    text,
                    "direct",
                    speaker,
                    "",
                    "said",
                    0,
                    len(text),
                    0.9,
                    lang,
                    when,
                    outlet,
                    sid,
                )

        _copy(
            conn,
            "quotes",
            "quote_id, article_id, text, kind, speaker_actor_id, speaker_mention, cue, start_offset, end_offset, "
            "confidence, language, published_at, source_name, statement_id",
            quotes(),
        )
        _statements(conn, said, appearances, {sid: name for sid, name, _ in speakers})
        _copy(
            conn,
            "article_actors",
            "article_id, actor_id, titles, aliases, mention_count",
            (
                (aid, speakers[p][0], "{Minister}" if p % 7 == 0 else "{}", "{}", 1)
                for aid, p in {(articles[i * n_articles // n_quotes][0], picks[i]) for i in range(n_quotes)}
            ),
        )
    with psycopg.connect(url, autocommit=True) as conn:
        fold(conn)  # the speakers' counts, as the sink keeps them
        conn.execute("VACUUM ANALYZE")
    print(f"loaded {n_articles:,} articles and {n_quotes:,} quotes in {time.perf_counter() - t0:.0f} s", flush=True)


def _statements(
    conn: psycopg.Connection,
    said: list[tuple[str, str, str | None]],
    appearances: list[tuple[object, ...]],
    names: dict[str, str],
) -> None:
    """The statements of the archive (the repeated quotes' state, as pipeline.statements keeps it)
    and their appearances."""
    seen: dict[str, list[tuple[object, ...]]] = {}
    for a in appearances:
        seen.setdefault(str(a[1]), []).append(a)
    rows = []
    for number, (sid, text, speaker) in enumerate(said, 1):
        apps = sorted(seen[sid], key=lambda a: (str(a[5]), str(a[0])))
        outlets = len({a[3] for a in apps})
        first, last = apps[0], apps[-1]
        name = names.get(speaker or "", "")
        rows.append(
            (
                sid,
                number,
                text,
                len(text.split()),
                speaker,
                name,
                len(apps),
                outlets,
                first[0],
                first[5],
                last[0],
                last[5],
            )
        )
    _copy(
        conn,
        "statements",
        "statement_id, created, text, word_count, speaker_actor_id, speaker_name, appearance_count, outlet_count, "
        "first_quote_id, first_seen, last_quote_id, last_seen",
        iter(rows),
    )
    _copy(
        conn,
        "statement_appearances",
        "quote_id, statement_id, article_id, outlet, url, seen_at, text, word_count",
        ((*a, len(str(a[6]).split())) for a in appearances),
    )


def database(name: str, n_articles: int, n_quotes: int, keep: bool) -> str:
    url = psycopg.conninfo.make_conninfo(PG_BASE, dbname=name)
    with psycopg.connect(PG_BASE, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if exists:
        try:
            with psycopg.connect(url) as conn:
                have = conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)").fetchone()
                migrated = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
            if keep and have == (n_articles, n_quotes) and migrated and migrated[0] >= 6:
                print(f"reusing database {name} ({n_articles:,} articles, {n_quotes:,} quotes)", flush=True)
                with psycopg.connect(url, autocommit=True) as conn:
                    if migrate(conn):  # a later tree's indexes, then their visibility for index-only scans
                        conn.execute("VACUUM ANALYZE")
                return url
        except psycopg.Error:
            pass
        with psycopg.connect(PG_BASE, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
    with psycopg.connect(PG_BASE, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    load(url, n_articles, n_quotes)
    return url


@contextlib.contextmanager
def server(url: str, port: int, workers: int = 1) -> Iterator[int]:
    """`newsflow serve` as its own process, once it answers; yields its process id."""
    env = {**os.environ, "NEWSFLOW_POSTGRES_URL": url}
    command = ["serve", "--port", str(port), "--workers", str(workers), "--data-dir", "/nonexistent-bench-dir"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/search?q=x", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("newsflow serve did not start") from None
                time.sleep(0.2)
        yield proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def server_cpu_seconds(pid: int) -> float:
    """CPU of the server process and of its children (the worker processes of --workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return sum(map(cpu_seconds, (pid, *map(int, children))))


def speaker_ids(url: str, rng: random.Random) -> list[str]:
    """Speakers across the whole range: the busiest, and ranks 2 to 20,000 spread evenly in log scale."""
    ranks = sorted({0, *(int(10 ** rng.uniform(0, 4.3)) for _ in range(40))})
    return [f"s{min(r, SPEAKERS - 1):05d}" for r in ranks]


def targets(url: str, seed: int = 11) -> dict[str, list[str]]:
    rng = random.Random(seed)
    vocab = words(random.Random(7))
    by_rank = [vocab[r] for r in (0, 2, 5, 10, 30, 100, 300, 1000, 3000, 10000, 25000)]
    searches = []
    for w in by_rank:
        searches += [f"/search?q={w}", f"/search?q={w}&lang=en", f"/search?q={w}&outlet=Outlet+{rng.randrange(60):02d}"]
    searches += [f"/search?q={a}+{b}" for a, b in zip(by_rank, reversed(by_rank), strict=True)]
    searches += [f"/search?q={w}&since=2026-06-01&until=2026-06-30" for w in by_rank[:5]]
    speakers = speaker_ids(url, rng)
    with psycopg.connect(url) as conn:  # the most repeated statements, and others at random
        spread = [
            r[0] for r in conn.execute("SELECT statement_id FROM statements ORDER BY appearance_count DESC LIMIT 20")
        ]
        spread += [r[0] for r in conn.execute("SELECT statement_id FROM statements TABLESAMPLE SYSTEM (1) LIMIT 40")]
    return {
        "search": searches,
        "speaker": [f"/speaker/{s}" for s in speakers],
        "speaker statements": [f"/search?speaker_id={s}" for s in speakers],
        "statement": [f"/statement/{s}" for s in spread],
    }


def _client(port: int, paths: list[str], until: float, out: list[float], seed: int, think_s: float) -> None:
    """One closed-loop client on a kept-alive connection (http.client: a small share of a core for
    all 20, where httpx took most of one, on the machine that also runs the server and PostgreSQL)."""
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        while time.monotonic() < until:
            path = rng.choice(paths)
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
            except (http.client.RemoteDisconnected, ConnectionError):
                # the server closed a connection idle past its keep-alive (5 s): a browser reconnects
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                t = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
            response.read()
            out.append(time.perf_counter() - t)
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            if think_s:  # a person reading the page before the next (exponential, mean think_s)
                time.sleep(rng.expovariate(1 / think_s))
    finally:
        conn.close()


def run(port: int, paths: list[str], clients: int, seconds: float, think_s: float = 0.0) -> list[float]:
    out: list[float] = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, paths, until, out, i, think_s)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def pct(values: list[float], p: float) -> float:
    return sorted(values)[min(len(values) - 1, int(p / 100 * len(values)))] * 1000


def plans(url: str) -> None:
    """The indexes each step of a word search uses, and a speaker's list (EXPLAIN, not run)."""
    vocab = words(random.Random(7))
    cases = {
        "common word": Search(q=vocab[0]),
        "rare word": Search(q=vocab[10000]),
        "word + language": Search(q=vocab[100], language="de"),
        "word + outlet": Search(q=vocab[100], outlet="Outlet 07"),
        "speaker's statements": Search(speaker_id="s00000"),
    }
    with psycopg.connect(url) as conn:
        for name, s in cases.items():
            sql = queries.search_sql(s)
            steps = {
                "newest": sql.first,
                "recent span": sql.recent,
                "word index": sql.matches,
                "word index, rare words": sql.rare,
            }
            params = sql.params | {"since": datetime(2026, 12, 1, tzinfo=timezone.utc)}  # the archive's last month
            shown = []
            for step, text in steps.items():
                if text is None:
                    continue
                plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN {text}", params))
                used = sorted(set(re.findall(r"(?:Index(?: Only)? Scan using|Bitmap Index Scan on) (\w+)", plan)))
                shown.append(f"{step}: {', '.join(used) or 'no index'}")
            print(f"  {name}: {'; '.join(shown)}")


def speaker_alone(url: str, ranks: tuple[int, ...] = (0, 10, 100, 1000, 10000), repeat: int = 7) -> None:
    """The speaker page's queries for one page at a time, by the speaker's rank (median of repeat):
    what a page costs as a speaker's record grows, apart from the queueing of closed loops."""
    pool = ReadOnlyPool(url, size=1)
    try:
        shown = []
        for rank in ranks:
            sid = f"s{rank:05d}"
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                found = queries.speaker(pool, sid)
                times.append(1000 * (time.perf_counter() - t))
            total = found.total if found else 0
            shown.append(f"{sid} ({total:,} statements) {statistics.median(times):.1f} ms")
        print("speaker page queries alone: " + ", ".join(shown))
    finally:
        pool.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=200_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a client waits between pages (0: none, saturation)"
    )
    ap.add_argument("--port", type=int, default=8097)
    ap.add_argument("--workers", type=int, default=1, help="newsflow serve --workers")
    ap.add_argument("--database", default=DB, help="the database it loads (dropped after the run unless --keep)")
    ap.add_argument("--keep", action="store_true", help="leave the database for the next run (and reuse one left)")
    args = ap.parse_args(argv)
    url = database(args.database, args.articles, args.quotes, args.keep)
    try:
        with server(url, args.port, args.workers) as pid:
            for kind, paths in targets(url).items():
                run(args.port, paths, args.clients, 2)  # warm the caches (and the connections) of this kind
                cpu, served, postgres = time.process_time(), server_cpu_seconds(pid), postgres_cpu_seconds()
                times = run(args.port, paths, args.clients, args.seconds, args.think)
                client_cpu = (time.process_time() - cpu) / args.seconds
                per_page = 1000 / max(len(times), 1)
                served, postgres = server_cpu_seconds(pid) - served, postgres_cpu_seconds() - postgres
                print(
                    f"{kind:<20} {len(times) / args.seconds:6.1f} pages/s  p50 {pct(times, 50):6.1f} ms  "
                    f"p95 {pct(times, 95):6.1f} ms  p99 {pct(times, 99):6.1f} ms  CPU a page: server "
                    f"{served * per_page:.1f} ms, PostgreSQL {postgres * per_page:.1f} ms  ({len(times)} pages, "
                    f"{args.clients} clients, think {args.think:g} s; the clients used {client_cpu:.0%} of a core)",
                    flush=True,
                )
        print("query plans:")
        plans(url)
        speaker_alone(url)
    finally:
        if not args.keep:
            with psycopg.connect(PG_BASE, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(args.database)))


if __name__ == "__main__":
    main()
