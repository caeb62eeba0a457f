"""One poisoned field (NUL, a lone surrogate, a control character; raw, as a character reference
or a JSON escape) in any field of an RSS, Atom or JSON Feed document costs nothing but that
character: every item is an article, and no article carries a character a sink refuses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.lib.feed_strategies import FETCHED_AT
from pipeline.feeds.articles import read_document
from tests.feeds.poisoned import (
    ATOM_FIELDS,
    ITEMS,
    JSON_FIELDS,
    RSS_FIELDS,
    Poisoned,
    all_poisoned,
    atom,
    json_feed,
    rss,
)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _strings(article: object) -> list[str]:
    out = []
    for field, value in article.ListFields():  # type: ignore[attr-defined]
        if isinstance(value, str):
            out.append(value)
        elif field.label == field.LABEL_REPEATED and value and isinstance(value[0], str):
            out.extend(value)
    return out


@pytest.mark.parametrize("doc", all_poisoned(), ids=str)
def test_every_item_survives_a_poisoned_field(doc: Poisoned) -> None:
    result = read_document(doc.body, "https://harbour.example/feed", {}, FETCHED_AT)
    assert not result.parsed.error, result.parsed.error
    assert len(result.articles) == ITEMS and not result.dead, [d.reason for d in result.dead]
    for article in result.articles:
        bad = [s for s in _strings(article) if _UNSTORABLE.search(s)]
        assert not bad, bad
        article.SerializeToString()


_CONTROLS = st.characters(min_codepoint=0, max_codepoint=31) | st.sampled_from(["\x7f", "\ud800", "\udbff", "\udc00"])


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.sampled_from(["rss", "atom", "json"]),
    st.data(),
    st.integers(min_value=0, max_value=ITEMS - 1),
)
def test_generated_poisons_in_any_field_cost_no_item(kind: str, data: st.DataObject, item: int) -> None:
    """Any mixture of control characters, NUL and surrogates (raw; in XML also as references) in
    any field of any item: still every item, and only storable text."""
    fields = {"rss": RSS_FIELDS, "atom": ATOM_FIELDS, "json": JSON_FIELDS}[kind]
    field = data.draw(st.sampled_from(fields))
    if kind == "json":
        poison = data.draw(st.text(_CONTROLS, min_size=1, max_size=4))
        body = json_feed(field, poison, item)
    else:
        refs = st.sampled_from(["&#0;", "&#xD800;", "&#57343;", "&#x110000;", "&#1;"])
        raw = _CONTROLS.filter(lambda c: c not in "\t\n\r")
        poison = "".join(data.draw(st.lists(refs | raw, min_size=1, max_size=4)))
        body = (rss if kind == "rss" else atom)(field, poison, item)
    result = read_document(body, "https://harbour.example/feed", {}, FETCHED_AT)
    assert len(result.articles) == ITEMS, (result.parsed.error, [d.reason for d in result.dead])
    for article in result.articles:
        assert not [s for s in _strings(article) if _UNSTORABLE.search(s)]
        article.SerializeToString()
