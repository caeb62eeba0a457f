"""The Starlette app: one read-only route per page, each page also as data where a user would want
it (search as CSV and JSON). Every header that keeps a feed's words from acting as code is set here."""

from __future__ import annotations

import contextlib
import csv
import io
import logging
from dataclasses import asdict
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, AsyncIterator, Callable
from urllib.parse import urlencode, urlsplit

import psycopg
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pipeline.serve import queries
from pipeline.serve.chart import per_day
from pipeline.serve.db import ReadOnlyPool
from pipeline.serve.health import HealthReader
from pipeline.serve.highlight import pieces
from pipeline.statements.read import show as read_statement

log = logging.getLogger(__name__)
APPEARANCES_SHOWN = 100  # a statement page's appearances per page (keyset pages); the chart counts them all
HERE = Path(__file__).parent
# Scripts, styles and images from this server only, no inline script or style, no frames; the
# browser makes no request to another host.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class _SecurityHeaders:
    """Adds the headers to every response (a plain ASGI middleware: Starlette's BaseHTTPMiddleware
    costs a task and a stream per request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(_HEADERS)
            await send(message)

        await self.app(scope, receive, with_headers)


def link(url: str) -> str:
    """A feed's URL as a link target only when it is http(s): a `javascript:` URL stays text, and
    one urlsplit cannot read (`http://[`) no longer fails the page. Most start with the scheme,
    which needs no parse (a parse per listed link was a tenth of a speaker page's server time)."""
    if url[:8].lower().startswith(("http://", "https://")):
        return url
    try:
        return url if urlsplit(url).scheme in ("http", "https") else ""
    except ValueError:  # "http://[" and the like: urlsplit raised, and the page with it failed
        return ""


def when(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.auto_reload = False  # the templates ship with the package: no stat of each per page
    templates.env.filters.update(
        link=link, when=when, epoch=lambda t: when(datetime.fromtimestamp(t, timezone.utc)) if t else "—"
    )
    templates.env.globals["query"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v})
    return templates


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise HTTPException(400, f"not a date: {value!r} (use YYYY-MM-DD)") from None


def search_of(request: Request) -> queries.Search:
    p = request.query_params
    cursor = queries.decode_cursor(p["after"]) if p.get("after") else None
    after = (cursor[0], cursor[1]) if cursor and cursor[0] is not None else None
    return queries.Search(
        q=p.get("q", "")[:500],
        speaker=p.get("speaker", "")[:200],
        speaker_id=p.get("speaker_id", "")[:100],
        outlet=p.get("outlet", "")[:300],
        language=p.get("lang", "")[:10],
        since=_date(p.get("since")),
        until=_date(p.get("until")),
        after=after,
    )


def _statement_row(s: queries.Statement) -> dict[str, Any]:
    row = asdict(s)
    row["published_at"] = s.published_at.isoformat() if s.published_at else None
    return row


def from_environment() -> Starlette:
    """The app of one process of `newsflow serve` (each worker process makes its own): the
    database of NEWSFLOW_POSTGRES_URL and the broker and data dir of NEWSFLOW_*, closed when the
    process stops."""
    from pipeline.runtime import LOCAL_POSTGRES, configured_postgres
    from pipeline.runtime import settings as read_settings

    settings = read_settings()
    pool = ReadOnlyPool(configured_postgres(settings) or LOCAL_POSTGRES)
    health = HealthReader(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            health.close()
            pool.close()

    return create_app(pool, health, lifespan)


def create_app(
    pool: ReadOnlyPool, health: HealthReader, lifespan: Callable[[Starlette], Any] | None = None
) -> Starlette:
    templates = _templates()
    offered, words = queries.choices(), queries.word_stats()

    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def filters() -> queries.Choices:
        return offered.get(pool)

    def now(request: Request) -> Response:
        lang, outlet = request.query_params.get("lang", ""), request.query_params.get("outlet", "")
        rows = queries.latest(pool, language=lang, outlet=outlet)
        name = "now_rows.html" if request.query_params.get("rows") else "now.html"
        return page(request, name, statements=rows, lang=lang, outlet=outlet, choices=filters())

    def search(request: Request) -> Response:
        s = search_of(request)
        rows = queries.search(pool, s, words.get(pool))
        return page(request, "search.html", s=s, statements=rows, next_cursor=s.next_cursor(rows), choices=filters())

    def search_json(request: Request) -> Response:
        s = search_of(request)
        rows = queries.search(pool, s, words.get(pool))
        return JSONResponse({"statements": [_statement_row(r) for r in rows], "next": s.next_cursor(rows) or None})

    def search_csv(request: Request) -> Response:
        rows = queries.search(pool, search_of(request), words.get(pool))
        out = io.StringIO()
        columns = list(queries.Statement.__dataclass_fields__)
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for r in rows:
            writer.writerow(_statement_row(r))
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="newsflow-search.csv"'},
        )

    def speaker(request: Request) -> Response:
        found = queries.speaker(pool, request.path_params["actor_id"])
        if found is None:
            raise HTTPException(404, "no such speaker")
        return page(request, "speaker.html", speaker=found, chart=per_day(found.per_day), statements=found.latest)

    def article(request: Request) -> Response:
        found = queries.article(pool, request.path_params["article_id"])
        if found is None:
            raise HTTPException(404, "no such article")
        return page(request, "article.html", article=found, pieces=pieces(found.text, found.quotes))

    def statement(request: Request) -> Response:
        asked = request.path_params["statement_id"][:64]
        cursor = request.query_params.get("after", "")
        after = queries.decode_cursor(cursor) if cursor else None
        with pool.connection() as conn:
            shown = read_statement(conn, asked, limit=APPEARANCES_SHOWN, after=after)
        if shown is None:
            raise HTTPException(404, "no such statement")
        seen = shown.appearances
        last = seen[-1] if len(seen) == APPEARANCES_SHOWN else None
        first = shown.statement.first_seen
        return page(
            request,
            "statement.html",
            statement=shown.statement,
            asked=asked,
            appearances=seen,
            paged=after is not None,
            next_cursor=queries.encode_cursor(last.seen_at, last.quote_id) if last else "",
            merged=shown.merged,
            chart=per_day(shown.per_day),
            first_seen=first.seen_at.ToDatetime(tzinfo=timezone.utc) if first.HasField("seen_at") else None,
            first_outlet=first.outlet,
        )

    def pipeline(request: Request) -> Response:
        return page(request, "pipeline.html", health=health.read())

    async def error(request: Request, exc: Exception) -> Response:
        status, message = (exc.status_code, exc.detail) if isinstance(exc, HTTPException) else (500, "")
        if isinstance(exc, psycopg.OperationalError):
            log.warning("PostgreSQL: %s", exc)
            status, message = 503, "PostgreSQL is not answering; the page will work again when it does."
        return page(request, "error.html", status=status, status_code=status, message=message or "Something failed.")

    routes: list[Route | Mount] = [
        Route("/", now),
        Route("/search", search),
        Route("/search.json", search_json),
        Route("/search.csv", search_csv),
        Route("/speaker/{actor_id}", speaker),
        Route("/article/{article_id}", article),
        Route("/statement/{statement_id}", statement),
        Route("/pipeline", pipeline),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    handlers: dict[Any, Callable[..., Any]] = {HTTPException: error, psycopg.OperationalError: error, Exception: error}
    return Starlette(
        routes=routes, middleware=[Middleware(_SecurityHeaders)], exception_handlers=handlers, lifespan=lifespan
    )
