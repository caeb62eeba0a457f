"""Hypothesis strategies for hostile feed documents, and the invariant they must keep, shared by the property tests
(tests/feeds/test_feed_properties.py) and the fuzz benchmark (bench/fuzz_feeds.py).

Every field an entry has is drawn from what real feeds get wrong: impossible dates, odd links,
plain text with markup characters, double-escaped entities, lone surrogates, internal entity
declarations, wrong or missing encodings (with and without byte-order marks and charset
headers), and the formats themselves (RSS 2.0, RSS 1.0, Atom, JSON Feed, garbage)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import strategies as st

BAD_DATES = [
    "0000-00-00T00:00:00Z",
    "0000-00-00 00:00:00",
    "9999-12-31T23:59:59-01:00",
    "Fri, 31 Dec 9999 23:00:00 -0500",
    "Mon, 01 Jan 0001 00:00:00 +1400",
    "0001-01-01T00:00:00+14:00",
    "2026-02-30T10:00:00Z",
    "2026-13-01",
    "Tue, 24 Nov 2026 25:61:61 GMT",
    "99999999999999999999",
    "-1",
    "1e308",
    "yesterday",
    "",
    " ",
    "Thu, 01 Jan 1970 00:00:00 +9999",
    "2026-11-24T10:00:00+99:99",
    "2026-W48-2",
    "\x00",
]
ODD_LINKS = [
    "http://0177.0.0.1:8080/",
    "http://2130706433/",
    "http://[::1/",
    "http://[::ffff:127.0.0.1]/x",
    "http://example.com:99999/",
    "http://example.com:-1/",
    "http://example.com:abc/",
    "http:///nohost",
    "https://",
    "//protocol-relative.example/a",
    "/relative/path.html",
    "relative.html?utm_source=x",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "urn:uuid:1234",
    "mailto:a@b.c",
    "http://exa mple.com/sp ace",
    "http://xn--nxasmq6b.example/ünïcode",
    "http://example.com/" + "a" * 5000,
    "\x00http://nul.example/",
    "",
]
FRAGMENTS = [
    "if a < b and c > d then",
    "&lt;p&gt;",
    "&amp;lt;",
    "&amp;amp;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&nbsp;",
    "&undefined;",
    "<![CDATA[",
    "]]>",
    "<script>alert(1)</script>",
    "<p>para</p>",
    "“quoted,” said Ana Lima.",
    "\u202e",
    "\ufeff",
    "\x07",
]
CHARSETS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "iso-8859-1", "windows-1252", "koi8-r", "bogus"]


def _dates() -> st.SearchStrategy[str]:
    moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))
    offsets = st.integers(min_value=-20 * 60, max_value=20 * 60).map(lambda m: timedelta(minutes=m))

    def rfc822(dt: datetime, off: timedelta) -> str:
        try:
            return format_datetime(dt.replace(tzinfo=timezone(off)))
        except ValueError:  # offsets beyond ±24 h are not representable: the ISO form then
            return dt.isoformat() + "+99:00"

    def iso(dt: datetime, off: timedelta) -> str:
        sign, minutes = ("-" if off < timedelta(0) else "+"), abs(int(off.total_seconds() // 60))
        return f"{dt.isoformat()}{sign}{minutes // 60:02d}:{minutes % 60:02d}"

    return st.one_of(
        st.sampled_from(BAD_DATES),
        st.builds(rfc822, moments, offsets),
        st.builds(iso, moments, offsets),
        st.text(max_size=40),
    )


def _links() -> st.SearchStrategy[str]:
    hosts = st.sampled_from(["example.com", "127.0.0.1", "[::1]", "xn--bcher-kva.example", "a" * 300, ""])
    ports = st.one_of(st.just(""), st.integers(min_value=-5, max_value=70000).map(lambda p: f":{p}"))
    paths = st.text(alphabet="abc/?&=#%.:@ü<>\"' ", max_size=30)
    built = st.builds(
        lambda s, h, p, q: f"{s}://{h}{p}/{q}", st.sampled_from(["http", "https", "ftp", ""]), hosts, ports, paths
    )
    return st.one_of(st.sampled_from(ODD_LINKS), built, st.text(max_size=60))


def _texts(surrogates: bool) -> st.SearchStrategy[str]:
    alphabet = st.characters(codec=None if surrogates else "utf-8", exclude_categories=())
    free = st.text(alphabet=alphabet, max_size=80)
    return st.lists(st.one_of(st.sampled_from(FRAGMENTS), free), max_size=4).map("".join)


@st.composite
def entries(draw: st.DrawFn, surrogates: bool = False) -> dict[str, Any]:
    fields = {
        "title": _texts(surrogates),
        "link": _links(),
        "guid": st.one_of(st.text(max_size=40), st.sampled_from(ODD_LINKS)),
        "date": _dates(),
        "summary": _texts(surrogates),
        "content": _texts(surrogates),
        "author": st.text(max_size=30),
    }
    return {k: draw(v) for k, v in fields.items() if draw(st.booleans()) or k in ("title", "link")}


@st.composite
def _doctype(draw: st.DrawFn) -> tuple[str, str]:
    """(DOCTYPE with internal entities, references to them): from harmless to bombs."""
    if not draw(st.booleans()):
        return "", ""
    size = draw(st.sampled_from([1, 10, 1_000, 100_000]))
    refs = draw(st.sampled_from([0, 1, 10, 1_000, 10_000]))
    nested = draw(st.booleans())
    decl = f'<!ENTITY e0 "{"x" * size}">' + ('<!ENTITY e1 "&e0;&e0;&e0;&e0;&e0;&e0;&e0;&e0;">' if nested else "")
    extra = draw(st.sampled_from(["", '<!ENTITY ext SYSTEM "file:///etc/passwd">', '<!ENTITY % p "x">', "<!ENTITY"]))
    name = "e1" if nested else "e0"
    return f"<!DOCTYPE feed [{decl}{extra}]>", f"&{name};" * refs + ("&ext;" if "ext" in extra else "")


def _field(value: str, raw: bool) -> str:
    return value if raw else escape(value)


# per format: element templates for the entry fields ({} is the field's value)
_RSS_FIELDS = {
    "guid": "<guid>{}</guid>",
    "date": "<pubDate>{}</pubDate>",
    "summary": "<description>{}</description>",
    "author": "<author>{}</author>",
}
_ATOM_FIELDS = {
    "guid": "<id>{}</id>",
    "date": "<updated>{0}</updated><published>{0}</published>",
    "summary": '<summary type="text">{}</summary>',
    "content": '<content type="html">{}</content>',
    "author": "<author><name>{}</name></author>",
}


def _optional(entry: dict[str, Any], templates: dict[str, str], raw: bool) -> str:
    return "".join(t.format(_field(entry[k], raw)) for k, t in templates.items() if k in entry)


def _rss(items: list[dict[str, Any]], raw: bool, refs: str) -> str:
    out = "".join(
        f"<item><title>{_field(e['title'], raw)}{refs}</title><link>{_field(e['link'], raw)}</link>"
        + _optional(e, _RSS_FIELDS, raw)
        + (f"<content:encoded><![CDATA[{e['content']}]]></content:encoded>" if "content" in e else "")
        + "</item>"
        for e in items
    )
    return (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fuzz</title>'
        f"<link>https://fuzz.example/</link>{out}</channel></rss>"
    )


def _atom(items: list[dict[str, Any]], raw: bool, refs: str) -> str:
    out = "".join(
        f'<entry><title type="{"text" if len(e["title"]) % 2 else "html"}">{_field(e["title"], raw)}{refs}</title>'
        f'<link href="{escape(e["link"], {chr(34): "&quot;"})}"/>' + _optional(e, _ATOM_FIELDS, raw) + "</entry>"
        for e in items
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Fuzz</title>{out}</feed>'


def _rdf(items: list[dict[str, Any]], raw: bool, refs: str) -> str:
    out = "".join(
        f'<item rdf:about="{escape(e["link"], {chr(34): "&quot;"})}"><title>{_field(e["title"], raw)}{refs}</title>'
        f"<link>{_field(e['link'], raw)}</link><dc:date>{_field(e.get('date', ''), raw)}</dc:date></item>"
        for e in items
    )
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Fuzz</title></channel>{out}</rdf:RDF>'
    )


def _json_feed(items: list[dict[str, Any]], draw: st.DrawFn) -> str:
    odd = st.one_of(
        st.none(), st.integers(), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(), st.text(), max_size=1)
    )
    docs = []
    for e in items:
        item: dict[str, Any] = {
            "id": e.get("guid", ""),
            "url": e["link"],
            "title": e["title"],
            "content_text": e.get("summary", ""),
            "content_html": e.get("content", ""),
            "date_published": e.get("date", ""),
            "authors": [{"name": e.get("author", "")}],
        }
        for key in draw(st.lists(st.sampled_from(sorted(item)), max_size=2)):
            item[key] = draw(odd)  # the wrong type where a string belongs
        docs.append(item)
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Fuzz", "items": docs})


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, dict[str, str]]:
    """(body, response headers) of one hostile feed document."""
    kind = draw(st.sampled_from(["rss", "atom", "rdf", "json", "garbage"]))
    if kind == "garbage":
        return draw(st.binary(max_size=2000)), {}
    items = draw(st.lists(entries(surrogates=kind == "json"), max_size=6))
    if kind == "json":
        text = _json_feed(items, draw)
        doctype = ""
    else:
        doctype, refs = draw(_doctype())
        raw = draw(st.booleans())  # unescaped markup: a malformed document for the loose parser
        text = {"rss": _rss, "atom": _atom, "rdf": _rdf}[kind](items, raw, refs)
    charset = draw(st.sampled_from(CHARSETS))
    declared = draw(st.sampled_from([charset, "utf-8", "utf-16", "iso-8859-1", None]))
    prolog = f'<?xml version="1.0" encoding="{declared}"?>' if declared and kind != "json" else ""
    try:
        body = (prolog + doctype + text).encode(charset if charset != "bogus" else "utf-8", errors="replace")
    except (LookupError, UnicodeEncodeError):
        body = (prolog + doctype + text).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        body = body[: draw(st.integers(min_value=0, max_value=len(body)))]  # truncated in transit
    header = draw(st.sampled_from(["", "application/rss+xml", "text/html", "application/json"]))
    header_charset = draw(st.sampled_from([None, *CHARSETS]))
    headers = {"content-type": f"{header}; charset={header_charset}" if header_charset else header} if header else {}
    return body, headers


FETCHED_AT = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def check_document(body: bytes, headers: dict[str, str], url: str = "https://fuzz.example/feed") -> int:
    """The invariant: a document becomes articles and dead letters, never an exception, and every
    article is a valid protobuf message that consumers can serialise and render as JSON (which
    also rejects timestamps out of range). Returns the number of articles."""
    from google.protobuf.json_format import MessageToJson

    from pipeline.feeds.articles import read_document

    result = read_document(body, url, headers, FETCHED_AT)
    if result.parsed.error:
        assert result.dead and not result.articles, "a refused document must be one dead letter"
    assert len(result.articles) + len(result.dead) >= (0 if result.parsed.error else result.entries)
    for article in result.articles:
        article.SerializeToString()
        MessageToJson(article)
        assert article.article_id and (article.url == "" or article.url.startswith(("http://", "https://")))
        if article.HasField("published_at"):
            assert article.published_at.ToDatetime(timezone.utc) <= FETCHED_AT + timedelta(days=2)
    for dead in result.dead:
        dead.SerializeToString()
        assert dead.stage and dead.reason
    return len(result.articles)
