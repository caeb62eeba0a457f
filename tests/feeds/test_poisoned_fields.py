"""One poisoned field (NUL, a lone surrogate, a control character; raw, as a character reference
or a JSON escape) in any field of an RSS, Atom or JSON Feed document costs nothing but that
character: every item is an article, and no article carries a character a sink refuses."""

from __future__ import annotations

import re

import pytest

from bench.feed_fuzz import FETCHED_AT
from pipeline.feeds.articles import read_document
from tests.feeds.poisoned import ITEMS, Poisoned, all_poisoned

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
