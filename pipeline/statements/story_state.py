"""Stories in PostgreSQL, assigned in the statements' transaction (under its lock): an article
joins the story of the stored articles its signature is close to, the oldest story when they are
in several (the others are merged into it); an article seen before keeps its story, edited or not."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

import psycopg

from pipeline.ids import story_id
from pipeline.schema import ArticleAnalysis
from pipeline.statements.stories import SAME_STORY, bands, signature, similarity

FANOUT = 64  # articles read per band key


def assign_stories(
    cur: psycopg.Cursor[Any], analyses: Iterable[ArticleAnalysis], seen: dict[str, datetime]
) -> dict[str, str]:
    """story_id per article_id of the analyses (seen: each article's time)."""
    articles = {a.article_id: a for a in analyses}
    if not articles:
        return {}
    cur.execute("SELECT article_id, story_id FROM story_articles WHERE article_id = ANY(%s)", (sorted(articles),))
    out: dict[str, str] = dict(cur.fetchall())
    new = [a for aid, a in articles.items() if aid not in out]
    if not new:
        return _roots(cur, out)
    sigs = {a.article_id: signature(a.text or a.title) for a in new}
    keys = {aid: bands(sig) for aid, sig in sigs.items()}
    cur.execute(
        "SELECT DISTINCT x.article_id, s.story_id, s.signature, st.created FROM unnest(%s::bigint[]) k "
        "CROSS JOIN LATERAL (SELECT article_id FROM story_bands WHERE band = k LIMIT %s) x "
        "JOIN story_articles s USING (article_id) JOIN stories st ON st.story_id = s.story_id",
        (sorted({k for ks in keys.values() for k in ks}), FANOUT),
    )
    near: list[tuple[str, str, bytes, int]] = [(a, s, bytes(sig), c) for a, s, sig, c in cur.fetchall()]
    order = {s: (0, c) for _, s, _, c in near}
    merged: dict[str, str] = {}
    made: list[str] = []
    rows = []
    for n, a in enumerate(new):
        aid, sig = a.article_id, sigs[a.article_id]
        found = {_follow(merged, s) for _, s, other, _ in near if sig and similarity(sig, other) >= SAME_STORY}
        if found:
            story = min(found, key=lambda s: order[s])
            merged.update({s: story for s in found if s != story})
        else:
            story = story_id(aid)
            order[story] = (1, n)
            made.append(story)
        out[aid] = story
        near.append((aid, story, sig, 0))
        rows.append((aid, story, a.source_name, a.url, seen[aid], sig))
    _write(cur, new, rows, made, merged, keys)
    return _roots(cur, out)


def _follow(merged: dict[str, str], story: str) -> str:
    while story in merged:
        story = merged[story]
    return story


def _write(
    cur: psycopg.Cursor[Any],
    new: list[ArticleAnalysis],
    rows: list[tuple[Any, ...]],
    made: list[str],
    merged: dict[str, str],
    keys: dict[str, list[int]],
) -> None:
    titles = {a.article_id: a.title for a in new}
    cur.executemany(
        "INSERT INTO stories (story_id, title) VALUES (%s, %s)", [(s, titles.get(_first(rows, s), "")) for s in made]
    )
    rows = [(aid, _follow(merged, s), *rest) for aid, s, *rest in rows]
    with cur.copy("COPY story_articles (article_id, story_id, outlet, url, seen_at, signature) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    pairs = sorted({(k, aid) for aid, ks in keys.items() for k in ks})
    cur.execute(
        "INSERT INTO story_bands SELECT * FROM unnest(%s::bigint[], %s::text[]) ON CONFLICT DO NOTHING",
        ([k for k, _ in pairs], [a for _, a in pairs]),
    )
    for old in sorted(merged):
        cur.execute(
            "UPDATE stories SET merged_into = %(root)s WHERE story_id = %(old)s OR merged_into = %(old)s",
            {"root": _follow(merged, old), "old": old},
        )
    touched = sorted({_follow(merged, s) for _, s, *_ in rows})
    cur.execute(
        "UPDATE stories st SET article_count = agg.n, outlet_count = agg.o, first_seen = agg.f, last_seen = agg.l "
        "FROM (SELECT coalesce(s.merged_into, s.story_id) AS root, count(*) AS n, "
        "count(DISTINCT nullif(a.outlet, '')) AS o, min(a.seen_at) AS f, max(a.seen_at) AS l "
        "FROM story_articles a JOIN stories s USING (story_id) "
        "WHERE s.story_id = ANY(%(t)s) OR s.merged_into = ANY(%(t)s) GROUP BY 1) agg WHERE st.story_id = agg.root",
        {"t": touched},
    )


def _first(rows: list[tuple[Any, ...]], story: str) -> str:
    return next(str(r[0]) for r in rows if r[1] == story)


def _roots(cur: psycopg.Cursor[Any], stories: dict[str, str]) -> dict[str, str]:
    """Each article's story as it stands now (a merged story's survivor)."""
    cur.execute(
        "SELECT story_id, coalesce(merged_into, story_id) FROM stories WHERE story_id = ANY(%s)",
        (sorted(set(stories.values())),),
    )
    root = dict(cur.fetchall())
    return {aid: root.get(s, s) for aid, s in stories.items()}
