"""Stories on planted copies: PolNeAR dev and train articles, and for a sample of them a wire copy
(another outlet's first line and credit, one paragraph cut), an updated version (a sentence
changed, a paragraph added at the end) and a shortened copy (the first 60% of the paragraphs),
assigned through the real state (pipeline.statements.story_state) in a scratch database, in
publication order.

Pairwise precision and recall over the planted groups: a pair of one group in one story is right;
a planted article in a story with any article outside its group is wrong. Also: how many real
articles share a story with another (PolNeAR holds real updated versions of one article).

    python -m bench.eval_stories [--groups 150] [--cache DIR]
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from datetime import timedelta
from itertools import combinations
from pathlib import Path

import psycopg

from bench.lib.stack import temp_database
from bench.lib.statement_corpus import Article, analysed
from pipeline.schema import ArticleAnalysis
from pipeline.statements.store import StatementStore

CHUNK = 50


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def wire_copy(text: str) -> str:
    paragraphs = _paragraphs(text)
    cut = paragraphs[:2] + paragraphs[3:] if len(paragraphs) > 4 else paragraphs
    return "\n".join(["WASHINGTON (Wire) — " + cut[0], *cut[1:], "Reporting by the wire service's staff."])


def updated(text: str) -> str:
    paragraphs = _paragraphs(text)
    middle = len(paragraphs) // 2
    paragraphs[middle] = paragraphs[middle].replace(" the ", " this ", 2) + " Officials did not comment further."
    return "\n".join([*paragraphs, "This story has been updated with new information from the campaign."])


def shortened(text: str) -> str:
    paragraphs = _paragraphs(text)
    return "\n".join(paragraphs[: max(2, round(len(paragraphs) * 0.6))])


PLANTS = {"wire": wire_copy, "update": updated, "short": shortened}


def _planted(art: Article, a: ArticleAnalysis, kind: str, text: str) -> tuple[Article, ArticleAnalysis]:
    copy = replace(art, name=f"{art.name}#{kind}", outlet=f"{art.outlet}-{kind}", text=text)
    out = ArticleAnalysis()
    out.CopyFrom(a)
    del out.quotes[:]  # stories read the text only
    out.article_id, out.text, out.source_name = copy.article_id, text, copy.outlet
    out.url = f"https://{copy.outlet}.example/{copy.name}"
    out.published_at.FromDatetime(a.published_at.ToDatetime() + timedelta(hours=6))
    return copy, out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--groups", type=int, default=150, help="articles that get planted copies")
    ap.add_argument("--cache", type=Path, help="keep the analysed corpora in this directory")
    args = ap.parse_args(argv)
    docs = analysed(["polnear-train", "polnear-dev"], args.cache)
    if not docs:
        print("no corpus under ../shared/eval: nothing to score")
        return
    rng = random.Random(31)
    chosen = rng.sample([d for d in docs if len(_paragraphs(d[0].text)) >= 5], args.groups)
    group: dict[str, str] = {}  # article id -> its group (the original's id)
    everything = []
    for art, a in docs:
        everything.append((art, a))
    for art, a in chosen:
        group[a.article_id] = a.article_id
        for kind, plant in PLANTS.items():
            copy, out = _planted(art, a, kind, plant(art.text))
            group[out.article_id] = a.article_id
            everything.append((copy, out))
    everything.sort(key=lambda d: (d[1].published_at.ToSeconds(), d[0].name))
    stories: dict[str, str] = {}
    with temp_database("newsflow_stories") as url, psycopg.connect(url) as conn:
        store = StatementStore(conn)
        started = time.perf_counter()
        for n in range(0, len(everything), CHUNK):
            stories.update(store.assign([a for _, a in everything[n : n + CHUNK]]).stories)
        took = time.perf_counter() - started
        roots = dict(conn.execute("SELECT story_id, coalesce(merged_into, story_id) FROM stories").fetchall())
    story = {aid: roots.get(s, s) for aid, s in stories.items()}
    members: dict[str, list[str]] = {}
    for aid, s in story.items():
        members.setdefault(s, []).append(aid)
    right = wrong = missed = 0
    for a, b in (p for m in members.values() for p in combinations(sorted(m), 2)):
        ga, gb = group.get(a), group.get(b)
        if ga is None and gb is None:
            continue  # two real articles: scored below, not here
        if ga is not None and ga == gb:
            right += 1
        else:
            wrong += 1
    gold_pairs = sum(len(list(combinations(range(1 + len(PLANTS)), 2))) for _ in chosen)
    missed = gold_pairs - right
    precision = right / (right + wrong) if right + wrong else 0.0
    recall = right / gold_pairs if gold_pairs else 0.0
    real = [m for m in members.values() if len([x for x in m if x not in group]) > 1]
    print(f"{len(everything)} articles ({len(chosen)} with 3 planted copies each) in {took:.1f} s")
    pairs = f"pairs right {right}, wrong {wrong}, missed {missed}"
    print(f"planted stories: precision {precision:.3f} recall {recall:.3f} ({pairs})")
    for kind in PLANTS:
        found = sum(
            1 for art, a in chosen for c in [f"{art.name}#{kind}"] if _same(story, group, a.article_id, c, everything)
        )
        print(f"  {kind:7s} copies found with their original: {found}/{len(chosen)}")
    print(f"real articles sharing a story with another real one: {sum(len(m) for m in real)} in {len(real)} stories")


def _same(
    story: dict[str, str], group: dict[str, str], original: str, name: str, docs: list[tuple[Article, ArticleAnalysis]]
) -> bool:
    copy = next(a.article_id for art, a in docs if art.name == name)
    return story.get(copy) == story.get(original)


if __name__ == "__main__":
    main()
