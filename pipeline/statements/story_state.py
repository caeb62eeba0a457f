"""Stories in PostgreSQL, assigned in the statements' transaction (under its lock): an article
joins the story of the stored articles its signature is close to, the oldest story when they are
in several (the others are merged into it); an article seen before keeps its story, edited or not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

import psycopg

from pipeline.ids import story_id
from pipeline.schema import ArticleAnalysis, Story
from pipeline.sinks.literals import int_array, text_array
from pipeline.statements.records import rows_by_id, set_time
from pipeline.statements.stories import SAME_STORY, bands, signature, similarity

FANOUT = 8  # articles read per band key: a few of a wire story's copies tell which story it is
TRIES = 3  # articles of a candidate story compared


def signatures(analyses: Iterable[ArticleAnalysis]) -> dict[str, bytes]:
    """Each article's signature: computed before the lock is taken, it holds no one up."""
    return {a.article_id: signature(a.text or a.title) for a in analyses}


@dataclass
class Stories:
    """story_id per article_id, and the stories the batch changed (their articles' and the ones
    merged into another)."""

    ids: dict[str, str] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)


def assign_stories(
    cur: psycopg.Cursor[Any], analyses: Iterable[ArticleAnalysis], seen: dict[str, datetime], sigs: dict[str, bytes]
) -> Stories:
    """Each article's story (seen: each article's time; sigs: signatures)."""
    articles = {a.article_id: a for a in analyses}
    if not articles:
        return Stories()
    cur.execute("SELECT article_id, story_id FROM story_articles WHERE article_id = ANY(%s)", (sorted(articles),))
    out: dict[str, str] = dict(cur.fetchall())
    new = [a for aid, a in articles.items() if aid not in out]
    if not new:
        return Stories(_roots(cur, out))
    keys = {aid: bands(sig) for aid, sig in sigs.items()}  # all are stored; the new ones' are looked up
    looked = [keys[a.article_id] for a in new]
    # each band's first articles as one array (a row per band key, not per article found), then
    # the stories of the distinct articles: a wire story's copies share most of their bands
    cur.execute(
        "SELECT k, array(SELECT article_id FROM story_bands WHERE band = k ORDER BY article_id LIMIT %s) "
        "FROM unnest(%s::bigint[]) k",
        (FANOUT, int_array(sorted({k for ks in looked for k in ks}))),
    )
    banded: list[tuple[int, list[str]]] = [(band, others) for band, others in cur.fetchall() if others]
    cur.execute(
        "SELECT s.article_id, s.story_id, st.created FROM story_articles s JOIN stories st USING (story_id) "
        "WHERE s.article_id = ANY(%s::text[])",
        (text_array(sorted({other for _, others in banded for other in others})),),
    )
    known: dict[str, tuple[str, bytes]] = {}  # article -> (story, signature, read when compared)
    order: dict[str, tuple[int, int]] = {}
    for other, story, created in cur.fetchall():
        known[other] = (story, b"")
        order[story] = (0, created)
    by_band: dict[int, list[str]] = {}
    for band, others in banded:
        by_band[band] = [other for other in others if other in known]
    _read_signatures(cur, known, looked, by_band)
    merged: dict[str, str] = {}
    made: list[tuple[str, str]] = []  # new stories and their first article's title
    rows = []
    for n, a in enumerate(new):
        aid, sig = a.article_id, sigs[a.article_id]
        found = _similar_stories(sig, keys[aid], by_band, known, merged)
        if found:
            story = min(found, key=lambda s: order[s])
            merged.update({s: story for s in found if s != story})
        else:
            story = story_id(aid)
            order[story] = (1, n)
            made.append((story, a.title))
        out[aid] = story
        known[aid] = (story, sig)
        for k in keys[aid]:
            by_band.setdefault(k, []).append(aid)
        rows.append((aid, story, a.source_name, a.url, seen[aid], sig))
    repointed = _write(cur, rows, made, merged, keys)
    ids = _roots(cur, out)
    return Stories(ids, {ids[a.article_id] for a in new} | repointed)


def _closest(
    keys: list[int], by_band: dict[int, list[str]], known: dict[str, tuple[str, bytes]], merged: dict[str, str]
) -> dict[str, list[str]]:
    """Per candidate story, its articles that share the most bands with an article of these band
    keys (at most TRIES): those are compared, not every copy of a wire story."""
    shared: dict[str, int] = {}
    for k in keys:
        for other in by_band.get(k, ()):
            shared[other] = shared.get(other, 0) + 1
    per_story: dict[str, list[tuple[int, str]]] = {}
    for other, n in shared.items():
        per_story.setdefault(_follow(merged, known[other][0]), []).append((-n, other))
    return {story: [other for _, other in sorted(c)[:TRIES]] for story, c in per_story.items()}


def _read_signatures(
    cur: psycopg.Cursor[Any], known: dict[str, tuple[str, bytes]], keys: list[list[int]], by_band: dict[int, list[str]]
) -> None:
    """The signatures (a kilobyte each) of the stored articles that will be compared."""
    wanted = {other for ks in keys for closest in _closest(ks, by_band, known, {}).values() for other in closest}
    if not wanted:
        return
    cur.execute(
        "SELECT article_id, signature FROM story_articles WHERE article_id = ANY(%s::text[])",
        (text_array(sorted(wanted)),),
    )
    for other, sig in cur.fetchall():
        known[other] = (known[other][0], bytes(sig))


def _similar_stories(
    sig: bytes,
    keys: list[int],
    by_band: dict[int, list[str]],
    known: dict[str, tuple[str, bytes]],
    merged: dict[str, str],
) -> set[str]:
    """The stories one of whose closest articles is close enough to this one."""
    return {
        story
        for story, closest in _closest(keys, by_band, known, merged).items()
        if any(similarity(sig, known[other][1]) >= SAME_STORY for other in closest)
    }


def _follow(merged: dict[str, str], story: str) -> str:
    while story in merged:
        story = merged[story]
    return story


def _write(
    cur: psycopg.Cursor[Any],
    rows: list[tuple[Any, ...]],
    made: list[tuple[str, str]],
    merged: dict[str, str],
    keys: dict[str, list[int]],
) -> set[str]:
    """Store the batch; returns the stories merged into another, with those merged into them
    before (their merged_into changes too)."""
    repointed: set[str] = set()
    cur.executemany("INSERT INTO stories (story_id, title) VALUES (%s, %s)", made)
    rows = [(aid, _follow(merged, s), *rest) for aid, s, *rest in rows]
    with cur.copy("COPY story_articles (article_id, story_id, outlet, url, seen_at, signature) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    pairs = sorted({(k, aid) for aid, ks in keys.items() for k in ks})
    cur.execute(
        "INSERT INTO story_bands SELECT * FROM unnest(%s::bigint[], %s::text[]) ON CONFLICT DO NOTHING",
        (int_array(k for k, _ in pairs), text_array([a for _, a in pairs])),
    )
    for old in sorted(merged):  # the survivor takes the merged story's counts and outlets
        ids = {"root": _follow(merged, old), "old": old}
        cur.execute(
            "UPDATE stories r SET article_count = r.article_count + o.article_count, "
            "first_seen = least(r.first_seen, o.first_seen), last_seen = greatest(r.last_seen, o.last_seen), "
            "revision = r.revision + 1 "
            "FROM stories o WHERE o.story_id = %(old)s AND r.story_id = %(root)s",
            ids,
        )
        cur.execute(
            "UPDATE stories SET merged_into = %(root)s, revision = revision + 1 "
            "WHERE story_id = %(old)s OR merged_into = %(old)s RETURNING story_id",
            ids,
        )
        repointed.update(story for (story,) in cur.fetchall())
        cur.execute(
            "INSERT INTO story_outlets SELECT %(root)s, outlet FROM story_outlets WHERE story_id = %(old)s "
            "ON CONFLICT DO NOTHING",
            ids,
        )
    added: dict[str, list[Any]] = {}
    for _, story, outlet, _, seen, _ in rows:
        added.setdefault(story, []).append((outlet, seen))
    outlets = sorted({(story, o) for story, v in added.items() for o, _ in v if o})
    cur.execute(
        "INSERT INTO story_outlets SELECT * FROM unnest(%s::text[], %s::text[]) ON CONFLICT DO NOTHING",
        (text_array([st for st, _ in outlets]), text_array([o for _, o in outlets])),
    )
    counted = sorted(added.items())  # then each story written once, its outlet count with it
    cur.execute(
        _ADD,
        (
            text_array([story for story, _ in counted]),
            int_array(len(v) for _, v in counted),
            text_array([min(t for _, t in v).isoformat() for _, v in counted]),
            text_array([max(t for _, t in v).isoformat() for _, v in counted]),
        ),
    )
    return repointed


_ADD = """
UPDATE stories s
   SET article_count = s.article_count + v.n, first_seen = least(s.first_seen, v.earliest),
       last_seen = greatest(s.last_seen, v.latest), revision = s.revision + 1,
       outlet_count = (SELECT count(*) FROM story_outlets o WHERE o.story_id = s.story_id)
  FROM unnest(%s::text[], %s::int[], %s::timestamptz[], %s::timestamptz[]) AS v(id, n, earliest, latest)
 WHERE s.story_id = v.id
"""


def _roots(cur: psycopg.Cursor[Any], stories: dict[str, str]) -> dict[str, str]:
    """Each article's story as it stands now (a merged story's survivor)."""
    cur.execute(
        "SELECT story_id, coalesce(merged_into, story_id) FROM stories WHERE story_id = ANY(%s)",
        (sorted(set(stories.values())),),
    )
    root = dict(cur.fetchall())
    return {aid: root.get(s, s) for aid, s in stories.items()}


_STATE = """
SELECT story_id, title, article_count, outlet_count, first_seen, last_seen, coalesce(merged_into, ''), revision
  FROM stories WHERE story_id = ANY(%s) ORDER BY created
"""


def story_states(cur: psycopg.Cursor[Any], ids: Iterable[str]) -> list[Story]:
    """The stored state of these stories, in the order they were made."""
    out = []
    for story, title, articles, outlets, first, last, merged, revision in rows_by_id(cur, _STATE, ids):
        msg = Story(
            story_id=story,
            title=title,
            article_count=articles,
            outlet_count=outlets,
            merged_into=merged,
            revision=revision,
        )
        set_time(msg.first_seen, first)
        set_time(msg.last_seen, last)
        out.append(msg)
    return out
