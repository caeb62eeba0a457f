"""Every page in a real headless Chromium (Debian's, driven by Playwright): no console error, no
request to another host, filters that change what is shown, the chart's points, the hostile feed
strings shown as text, keyboard and phone use. Screenshots go to each test's tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import psycopg
import pytest

from pipeline.sinks.postgres import write_analyses
from tests.serve.conftest import Served, ann_id, ferry_statement
from tests.serve.seed import ANN_DAYS, XSS_OUTLET, XSS_TITLE, _analysis, _at


class Watched:
    """A page with every console message, page error, dialog and request recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def foreign(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).hostname != "127.0.0.1"]


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield Watched(context.new_page())
    context.close()


def _pages(served: Served) -> dict[str, str]:
    return {
        "now": "/",
        "search": "/search?q=ferry",
        "speaker": f"/speaker/{ann_id(served)}",
        "statement": f"/statement/{ferry_statement(served)}",
        "article": "/article/extracted-1",
        "hostile-article": "/article/xss-1",
        "pipeline": "/pipeline",
    }


def test_every_page_loads_clean_and_stays_on_this_host(served: Served, watched: Watched, tmp_path: Path) -> None:
    for name, path in _pages(served).items():
        response = watched.page.goto(served.url + path)
        assert response is not None and response.status == 200, name
        watched.page.wait_for_load_state("networkidle")
        watched.page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        assert watched.page.locator("h1").count() == 1, name
    assert watched.errors == []
    assert watched.foreign() == []
    assert watched.dialogs == []
    assert len(list(tmp_path.glob("*.png"))) == len(_pages(served))


def test_search_form_and_filters_change_the_results(served: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{served.url}/search")
    everything = page.locator("#results > li").count()
    page.get_by_label("Words").fill("ferry")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=ferry*")
    assert page.locator("#results > li").count() == len(ANN_DAYS) < everything
    page.get_by_label("Outlet").select_option("Coast Daily")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert page.locator("#results > li").count() == 0  # Ann's ferry words all ran in the Gazette
    page.get_by_label("Outlet").select_option("Harbour Gazette")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert page.locator("#results > li").count() == len(ANN_DAYS)
    assert page.get_by_role("link", name="Older statements").count() == 0
    assert watched.errors == []


def test_the_speaker_chart_has_a_point_per_day_with_statements(served: Served, watched: Watched) -> None:
    watched.page.goto(f"{served.url}/speaker/{ann_id(served)}")
    points = watched.page.locator("svg.chart circle.point")
    assert points.count() == len(ANN_DAYS)
    titles = [points.nth(i).locator("title").text_content() for i in range(points.count())]
    assert titles == [f"{day}: {n}" for day, n in ANN_DAYS.items()]
    # the busiest day is the highest point
    ys = [float(points.nth(i).get_attribute("cy") or 0) for i in range(points.count())]
    assert ys.index(min(ys)) == list(ANN_DAYS.values()).index(max(ANN_DAYS.values()))


def test_the_statement_page_charts_its_spread_and_links_each_appearance(served: Served, watched: Watched) -> None:
    watched.page.goto(f"{served.url}/statement/{ferry_statement(served)}")
    assert watched.page.locator("svg.chart circle.point").count() == len(ANN_DAYS)  # one appearance a day
    rows = watched.page.locator("table.appearances tbody tr")
    assert rows.count() == len(ANN_DAYS)
    rows.first.get_by_role("link", name="article").click()
    watched.page.wait_for_load_state("networkidle")
    assert watched.page.locator("h1").text_content() == "Article ann-2026-11-01-0"
    assert watched.errors == []


def test_hostile_feed_strings_show_as_text(served: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{served.url}/article/xss-1")
    assert page.locator("h1").text_content() == XSS_TITLE
    assert XSS_OUTLET in (page.locator("p.note").first.text_content() or "")
    assert page.get_by_role("link", name="source").count() == 0  # its URL is javascript:
    page.goto(f"{served.url}/")
    page.goto(f"{served.url}/pipeline")
    assert "<script>alert(4)</script>" in (page.locator(".letters").text_content() or "")
    assert watched.dialogs == [] and watched.errors == []


def test_now_page_shows_new_statements_by_itself(served: Served, watched: Watched) -> None:
    page = watched.page
    page.clock.install()
    page.goto(f"{served.url}/")
    assert page.get_by_text("The lighthouse reopens at Easter").count() == 0
    fresh = _analysis(
        "fresh-1", _at("2026-12-01"), "Coast Daily", ("Ivo Brandt", ""), ["The lighthouse reopens at Easter."]
    )
    fresh.processed_at.GetCurrentTime()
    with psycopg.connect(served.pg_url) as conn:
        write_analyses(conn, [fresh])
    try:
        page.clock.run_for(16_000)
        page.get_by_text("The lighthouse reopens at Easter").wait_for(timeout=10_000)
        assert watched.errors == []
    finally:  # the other tests count the seed's statements
        with psycopg.connect(served.pg_url) as conn:
            conn.execute("DELETE FROM articles WHERE article_id = 'fresh-1'")


def test_keyboard_reaches_the_content_first(served: Served, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{served.url}/search")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "q"  # from the content on, the first field
    labels = page.evaluate("[...document.querySelectorAll('input, select')].every(e => e.labels.length > 0)")
    assert labels


def test_pages_fit_a_phone(served: Served, browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for name, path in _pages(served).items():
            page.goto(served.url + path)
            page.screenshot(path=str(tmp_path / f"phone-{name}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, name
    finally:
        context.close()
