"""The pages over HTTP against the seeded sink: filters, pagination, downloads, escaping, headers,
read-only connections, and `newsflow serve` as a newcomer runs it."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.kafka.broker import free_port
from pipeline.serve import queries, web
from pipeline.serve.highlight import pieces
from pipeline.serve.queries import Quoted, Search
from tests.serve.conftest import Served, ann_id, ferry_statement
from tests.serve.seed import ANN_DAYS, FILLER, XSS_OUTLET, XSS_TITLE

PAGES = [
    "/",
    "/search?q=ferry",
    "/speaker/{ann}",
    "/statement/{ferry}",
    "/article/extracted-1",
    "/article/xss-1",
    "/pipeline",
]


def test_the_statement_page_lists_every_appearance(served: Served) -> None:
    html = httpx.get(f"{served.url}/statement/{ferry_statement(served)}").text
    assert html.count("<tr>") == 1 + len(ANN_DAYS)  # the header row, then one row per appearance
    assert f"{len(ANN_DAYS)} appearances in 1 outlet" in html and "first seen 2026-11-01 08:00 UTC" in html
    assert httpx.get(f"{served.url}/statement/nosuch").status_code == 404


def test_the_statement_pages_follow_one_another_through_every_appearance(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "APPEARANCES_SHOWN", 3)
    path, times = f"/statement/{ferry_statement(served)}", []
    for _ in range(len(ANN_DAYS)):
        html = httpx.get(served.url + path).text
        times += re.findall(r'<time datetime="([^"]+)"', html)
        following = re.search(r'<a rel="next" href="([^"]+)"', html)
        if following is None:
            break
        path = following.group(1).replace("&amp;", "&")
    assert len(times) == len(ANN_DAYS) and times == sorted(times) and len(set(times)) == len(times)
    assert "first seen 2026-11-01 08:00 UTC" in html  # on a later page too


def _ids(served: Served, **params: str) -> list[str]:
    return [s["quote_id"] for s in httpx.get(f"{served.url}/search.json", params=params).json()["statements"]]


def test_filters_narrow_the_search(served: Served) -> None:
    ann_total = sum(ANN_DAYS.values())
    assert len(_ids(served, speaker="ann lee")) == ann_total  # names match whatever their case
    assert len(_ids(served, q="ferry")) == len(ANN_DAYS)  # one ferry statement a day
    assert len(_ids(served, q="timetables")) == len(ANN_DAYS)  # the English stemmer
    odd = sum(count // 2 for count in ANN_DAYS.values())  # the second, fourth … statement of a day
    assert len(_ids(served, speaker="Ann Lee", outlet="Coast Daily")) == odd
    assert len(_ids(served, speaker="Ann Lee", since="2026-11-04", until="2026-11-08")) == 3
    assert len(_ids(served, q="Haushaltskürzung", lang="de")) == 1  # German stemming
    assert len(_ids(served, q="Haushaltskürzung", lang="en")) == 0
    assert len(_ids(served, q="Haushaltskürzungen")) == 1  # any language: every configuration reads it
    assert _ids(served, q="nothing like this anywhere") == []


def test_keyset_pages_cover_every_statement_once_newest_first(served: Served) -> None:
    seen: list[dict[str, str]] = []
    after = None
    for _ in range(10):
        params = {"speaker": "Ben Ortiz", **({"after": after} if after else {})}
        page = httpx.get(f"{served.url}/search.json", params=params).json()
        seen += page["statements"]
        after = page["next"]
        if after is None:
            break
    assert len(seen) == FILLER
    assert len({s["quote_id"] for s in seen}) == FILLER
    times = [datetime.fromisoformat(s["published_at"]) for s in seen]
    assert times == sorted(times, reverse=True)


def test_csv_and_json_hold_the_page_the_html_shows(served: Served) -> None:
    params = {"speaker": "Ann Lee"}
    as_json = _ids(served, **params)
    rows = list(csv.DictReader(io.StringIO(httpx.get(f"{served.url}/search.csv", params=params).text)))
    assert [r["quote_id"] for r in rows] == as_json
    html = httpx.get(f"{served.url}/search", params=params).text
    assert html.count('class="statement kind-direct"') == len(as_json)


def test_feed_strings_are_text_never_markup(served: Served) -> None:
    for path in ["/", "/search?q=bold", "/article/xss-1", "/pipeline"]:
        html = httpx.get(served.url + path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in httpx.get(f"{served.url}/article/xss-1").text
    assert XSS_TITLE and XSS_OUTLET  # the seed carries them


def test_every_page_sends_the_policy_and_only_its_own_scripts(served: Served) -> None:
    for path in PAGES:
        r = httpx.get(served.url + path.format(ann=ann_id(served), ferry=ferry_statement(served)))
        assert r.status_code == 200, path
        policy = r.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        assert "unsafe-inline" not in policy
        tags = _Tags()
        tags.feed(r.text)
        assert all(re.fullmatch(r"/static/[a-z]+\.js", src or "") for src in tags.scripts), tags.scripts
        # no inline style or event handler either (the policy would block them: a page needing one is broken)
        assert tags.inline == [], path


class _Tags(HTMLParser):
    """The scripts a page loads, and any inline style or event-handler attribute it has."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
        if tag == "style":
            self.inline.append("<style>")
        self.inline += [f"{tag} {name}" for name, _ in attrs if name == "style" or name.startswith("on")]


def test_missing_and_malformed(served: Served) -> None:
    assert httpx.get(f"{served.url}/article/none-such").status_code == 404
    assert httpx.get(f"{served.url}/speaker/none-such").status_code == 404
    bad = httpx.get(f"{served.url}/search", params={"since": "yesterday"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    # a cursor edited by hand starts over instead of failing
    assert httpx.get(f"{served.url}/search.json", params={"after": "%%%"}).status_code == 200


def test_connections_cannot_write(served: Served) -> None:
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        served.pool.rows("INSERT INTO actors VALUES ('x', 'X', 'person')")
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        served.pool.rows("DELETE FROM quotes WHERE quote_id = %s", ("ann-2026-11-01-0-q0",))
    assert served.pool.rows("SELECT count(*) AS n FROM actors WHERE actor_id = 'x'")[0]["n"] == 0


def test_the_speaker_counts_are_those_of_their_quotes_per_day_and_per_outlet(served: Served) -> None:
    """The one pass that counts a speaker's days and outlets agrees with a count of each."""
    speaker_id = ann_id(served)
    page = queries.speaker(served.pool, speaker_id)
    assert page is not None
    days = served.pool.rows(
        "SELECT (published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM quotes "
        "WHERE speaker_actor_id = %s AND published_at IS NOT NULL GROUP BY 1 ORDER BY 1",
        (speaker_id,),
    )
    outlets = served.pool.rows(
        "SELECT source_name, count(*) AS n FROM quotes WHERE speaker_actor_id = %s AND source_name <> '' "
        "GROUP BY 1 ORDER BY n DESC, 1",
        (speaker_id,),
    )
    total = served.pool.rows("SELECT count(*) AS n FROM quotes WHERE speaker_actor_id = %s", (speaker_id,))
    assert page.per_day == [(r["day"], r["n"]) for r in days] and len(page.per_day) == len(ANN_DAYS)
    assert page.outlets == [(r["source_name"], r["n"]) for r in outlets][:20] and len(page.outlets) >= 2
    assert page.total == total[0]["n"]


def test_a_speakers_most_repeated_statement_is_listed_with_its_count_and_link(served: Served) -> None:
    """Read from the statements across outlets; where statements are not kept, the same words are
    counted among the speaker's latest quotes, and both readings agree on the seed's mayor."""
    speaker_id, ferry = ann_id(served), ferry_statement(served)
    page = queries.speaker(served.pool, speaker_id)
    assert page is not None
    timetable = queries.Repeated("The ferry timetable stays as it is.", len(ANN_DAYS), 1, ferry)
    assert page.repeated[0] == timetable and all(r.times > 1 and r.statement_id for r in page.repeated)
    with served.pool.connection() as conn:
        by_text = queries._repeated(conn, speaker_id, kept=False)
    assert by_text == [queries.Repeated(timetable.text, timetable.times, timetable.outlets)]  # no other text twice
    html = httpx.get(f"{served.url}/speaker/{speaker_id}").text
    assert f'<a href="/statement/{ferry}">{len(ANN_DAYS)} times</a>' in html


def test_the_speaker_chart_titles_each_day_with_its_count(served: Served) -> None:
    html = httpx.get(f"{served.url}/speaker/{ann_id(served)}").text
    titles = re.findall(r'<circle class="point" cx="[\d.]+" cy="[\d.]+" r="3.5"><title>([^<]*)</title></circle>', html)
    assert titles == [f"{day}: {n}" for day, n in ANN_DAYS.items()]


def test_the_article_page_marks_each_statement_in_its_text(served: Served) -> None:
    html = httpx.get(f"{served.url}/article/extracted-1").text
    assert "We will open the new quay in March" in html
    assert html.count('<a class="in-text"') >= 2  # both statements of the text are marked
    assert "Nora Field" in html and "Tom Reyes" in html


_SPANS = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=8)


@given(st.text(max_size=50), _SPANS, _SPANS)
def test_highlighting_shows_every_character_once(
    text: str, spans: list[tuple[int, int]], speakers: list[tuple[int, int]]
) -> None:
    quotes = [
        Quoted("q", "", "direct", "", "", "", s, e, [], speakers[i] if i < len(speakers) else None)
        for i, (s, e) in enumerate(spans)
    ]
    out = pieces(text, quotes)
    assert "".join(p.text for p in out) == text
    assert all(p.text for p in out)


def _worker_processes(pid: int) -> int:
    """Child processes of pid that serve (uvicorn's workers are spawned multiprocessing children)."""
    found = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        found += int(fields[1]) == pid and b"spawn_main" in command
    return found


@pytest.mark.parametrize("workers", [1, 2])
def test_newsflow_serve_prints_the_address_and_serves_the_statements(seeded: tuple[str, object], workers: int) -> None:
    """As a newcomer runs it: the command, its first line, the page; with --workers, that many
    server processes."""
    url, data_dir = seeded
    port = free_port()
    env = {**os.environ, "NEWSFLOW_POSTGRES_URL": url}
    command = ["serve", "--port", str(port), "--data-dir", str(data_dir), "--workers", str(workers)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == f"newsflow serve: http://127.0.0.1:{port}/ (read-only; Ctrl-C stops)"
        deadline = time.monotonic() + 20
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        assert page.status_code == 200 and "We will open the new quay in March" in page.text
        assert _worker_processes(proc.pid) == (workers if workers > 1 else 0)
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_server_process_builds_its_app_without_beam_or_the_feed_reader(seeded: tuple[str, object]) -> None:
    """Each worker of `newsflow serve` imports the app alone: with Beam and the feed reader, which
    a read-only page never uses, a worker held about 200 MB instead of about 120."""
    url, data_dir = seeded
    code = (
        "import sys; import pipeline.serve.web as web; web.from_environment(); "
        "print(sorted(m for m in ('apache_beam', 'trafilatura', 'pipeline.app') if m in sys.modules))"
    )
    env = {**os.environ, "NEWSFLOW_POSTGRES_URL": url, "NEWSFLOW_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_ctrl_c_while_the_workers_start_stops_them_without_a_traceback(seeded: tuple[str, object]) -> None:
    """As a newcomer runs it, by the `newsflow` script: Ctrl-C reaches the whole process group,
    and each worker, still importing the command line a second after the address was printed,
    printed a traceback."""
    url, data_dir = seeded
    command = ["serve", "--port", str(free_port()), "--data-dir", str(data_dir), "--workers", "2"]
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "newsflow"), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NEWSFLOW_POSTGRES_URL": url},
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal gives a command
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("newsflow serve: http://127.0.0.1:")
        time.sleep(1)
        os.killpg(proc.pid, signal.SIGINT)
        output, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0 and "Traceback" not in output, output


def test_newsflow_serve_says_what_to_do_without_a_database() -> None:
    env = {**os.environ, "NEWSFLOW_POSTGRES_URL": "postgresql://postgres@127.0.0.1:5432/newsflow_never_created"}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1
    assert "newsflow_never_created" in done.stderr and "newsflow run" in done.stderr


@pytest.mark.parametrize(
    "search",
    [
        Search(q="budget"),
        Search(q="ferry timetable"),
        Search(q="harbour dues", limit=7),
        Search(q="rise", speaker="Ben Ortiz", limit=30),
        Search(q="review", outlet="Coast Daily", limit=2),
        Search(q="Schulen", language="de"),
        Search(q="dues", since=date(2026, 10, 2), until=date(2026, 10, 3), limit=5),
    ],
)
def test_both_steps_of_a_word_search_give_the_same_page(
    served: Served, search: Search, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest-statements step and the word-index step: with a window of 3 statements the
    second answers, with a window larger than the archive the first does."""
    monkeypatch.setattr(queries, "WINDOW", 10**6)
    whole = queries.search(served.pool, search)
    monkeypatch.setattr(queries, "WINDOW", 3)
    assert queries.search(served.pool, search) == whole
    assert whole, search


_URLS = st.text() | st.from_regex(r"[\x00-\x20]*(?i:https?|javascript|ftp)[\t\n]?:/{0,3}\[?[^\s]*", fullmatch=True)


@given(url=_URLS)
def test_a_link_is_kept_only_when_its_scheme_is_http_and_never_fails_a_page(url: str) -> None:
    try:
        http = urlsplit(url).scheme in ("http", "https")
    except ValueError:  # a page listing such a URL failed before: now it is a link when it opens with http
        http = url[:8].lower().startswith(("http://", "https://"))
    assert web.link(url) == (url if http else "")


_ALL_RARE = queries.WordStats(floor=0.0, rows=1.0)  # statistics by which no word matches a statement


@pytest.mark.parametrize(
    "search", [Search(q="budget"), Search(q="harbour dues", limit=7), Search(q="Schulen", language="de")]
)
def test_a_search_the_statistics_call_rare_goes_to_the_word_index_and_gives_the_same_page(
    served: Served, search: Search, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = queries.search(served.pool, search)
    steps = queries.search_sql(search)
    unfit = dataclasses.replace(steps, first="SELECT no_such_column", looked="SELECT no_such_column")
    monkeypatch.setattr(queries, "search_sql", lambda _: unfit)  # the window steps would fail if asked
    assert queries.search(served.pool, search, _ALL_RARE) == whole
    assert whole, search


@pytest.mark.parametrize(
    "search", [Search(q="budget"), Search(q="dues", limit=3), Search(q="rise", outlet="Coast Daily")]
)
def test_a_search_stale_statistics_call_rare_falls_back_to_the_steps_and_gives_the_same_page(
    served: Served, search: Search, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More matches than the word index step reads (WINDOW + 1, here 2) mean the statistics were
    wrong about the words: its page is not the page."""
    whole = queries.search(served.pool, search)
    assert len(whole) > 2, search
    monkeypatch.setattr(queries, "WINDOW", 1)
    assert queries.search(served.pool, search, _ALL_RARE) == whole


def test_the_statistics_of_the_word_index_are_read_and_bound_a_search(served: Served) -> None:
    with psycopg.connect(served.pg_url, autocommit=True) as conn:
        conn.execute("ANALYZE quotes")
        total = conn.execute("SELECT count(*) FROM quotes").fetchone()
        with_dues = conn.execute("SELECT count(*) FROM quotes WHERE search @@ to_tsquery('english', 'due')").fetchone()
    assert total and with_dues and with_dues[0]
    stats = queries.word_stats().get(served.pool)
    assert stats.rows == total[0]  # a small table is analysed whole: its shares are counts
    assert round(stats.shares["due"] * stats.rows) == with_dues[0]
    assert queries.matches_at_most(["'due'"], stats) == pytest.approx(with_dues[0])
    assert queries.search(served.pool, Search(q="dues"), stats) == queries.search(served.pool, Search(q="dues"))


def test_a_bound_on_the_matches_counts_the_rarest_word_of_each_reading_once() -> None:
    stats = queries.WordStats({"ferri": 0.1, "timet": 0.01, "it's": 0.2}, floor=0.001, rows=1000.0)
    assert queries.matches_at_most(["'ferri' & 'timet'"], stats) == pytest.approx(10)
    assert queries.matches_at_most(["'ferri' <-> 'timet'"], stats) == pytest.approx(10)  # a phrase: no more
    # two stemmers' readings: a statement matches either; the same reading twice counts once
    both = ["'ferri' & 'timet'", "'ferry' & 'timetabl'", "'ferri' & 'timet'"]
    assert queries.matches_at_most(both, stats) == pytest.approx(10 + 1)  # unknown words: the floor
    assert queries.matches_at_most(["'it''s'"], stats) == pytest.approx(200)
    assert queries.matches_at_most(["'a|b' & 'timet'"], stats) == pytest.approx(1)  # a bar inside a word
    assert queries.matches_at_most([""], stats) == 0  # stop words alone match nothing
    assert queries.matches_at_most(["'ferri' | 'timet'"], stats) is None  # either word: unbounded here
    assert queries.matches_at_most(["'ferri' & !'timet'"], stats) is None
    assert queries.matches_at_most(["'ferri'"], queries.WordStats()) is None  # never analysed


_SEARCHES = st.sampled_from(
    [Search(q="budget", limit=3), Search(q="dues", limit=10), Search(q="rise", outlet="Coast Daily", limit=4)]
)
_TIMES = st.datetimes(datetime(2026, 9, 25), datetime(2026, 11, 15), timezones=st.just(timezone.utc))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(search=_SEARCHES, data=st.data())
def test_a_word_search_gives_the_same_page_whatever_recent_span_it_asks_first(
    served: Served, search: Search, data: st.DataObject
) -> None:
    """The word index asked first for the statements since any time (the time of a statement of the
    page, so that the span holds part of it, or any other): a full page from there is the page, a
    short one falls back to every match."""
    with served.pool.connection() as conn, pytest.MonkeyPatch.context() as patch:
        patch.setattr(queries, "WINDOW", 10**6)
        whole = queries._search(conn, search)
        assert whole
        since = data.draw(st.sampled_from([s.published_at for s in whole]) | _TIMES)
        patch.setattr(queries, "WINDOW", 1)
        patch.setattr(queries, "recent_since", lambda *_: since)
        assert queries._search(conn, search) == whole


def test_the_recent_span_is_asked_first_only_for_words_the_window_found() -> None:
    newest = datetime(2026, 11, 10, tzinfo=timezone.utc)
    oldest = newest - timedelta(days=1)
    assert queries.recent_since(0, 50, oldest, newest) is None  # not in the window: every match, which are few
    assert queries.recent_since(10, 50, oldest, newest) == newest - timedelta(days=10)  # two pages at that rate
    assert queries.recent_since(4, 50, oldest, newest) is None  # 25 windows: too rare to ask a span first
    assert queries.recent_since(10, 50, None, None) is None  # the window's statements have no time
