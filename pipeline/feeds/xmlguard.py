"""Bound XML entity expansion before feedparser sees a document.

expat refuses billion-laughs documents, but feedparser then retries with its loose parser, which
substitutes every internal entity it kept: one 100 kB entity referenced 10,000 times becomes 1 GB
of text. Entities are declared only in the DOCTYPE's internal subset, so their declarations can be
read here, each entity's expanded size computed (nested references included), and the document
refused when its references would expand beyond a cap. Feeds that declare a few short entities
(`<!ENTITY nbsp "&#160;">`) pass unchanged."""

from __future__ import annotations

import re
from collections import Counter

MAX_EXPANSION = 2 * 1024 * 1024  # bytes that entity references may add to a document

_DECL_START = re.compile(rb"<!ENTITY", re.I)
_DECL = re.compile(rb"""<!ENTITY\s+(%\s+)?([^\s"'>%]+)\s+(?:"([^"]*)"|'([^']*)'|(?:SYSTEM|PUBLIC)\b[^>]*)\s*>""", re.I)
_REF = re.compile(rb"[&%]([A-Za-z_:][\w.:-]*);")


class EntityBomb(ValueError):
    """The document's entity references would expand beyond MAX_EXPANSION."""


def check_entities(body: bytes, cap: int = MAX_EXPANSION) -> None:
    """Raises EntityBomb with a reason; returns quietly for documents without entity declarations."""
    if not _DECL_START.search(body):
        return
    values: dict[bytes, bytes] = {}
    declarations = 0
    for m in _DECL.finditer(body):
        declarations += 1
        values.setdefault(m.group(2), m.group(3) if m.group(3) is not None else (m.group(4) or b""))
    if declarations != len(_DECL_START.findall(body)):
        raise EntityBomb("DOCTYPE with entity declarations that cannot be read; refused")
    sizes: dict[bytes, int] = {}

    def size(name: bytes, depth: int = 0) -> int:
        if name in sizes:
            return sizes[name]
        if depth > 32:
            raise EntityBomb("entity declarations nest too deeply (or refer to themselves); refused")
        value = values[name]
        total = len(_REF.sub(b"", value))
        for ref, n in Counter(_REF.findall(value)).items():
            if ref in values:
                total += n * size(ref, depth + 1)
                if total > cap:
                    break
        sizes[name] = total
        return total

    expansion = 0
    for ref, n in Counter(_REF.findall(body)).items():
        if ref in values:
            expansion += n * size(ref)
            if expansion > cap:
                raise EntityBomb(f"entity references would expand the document by more than {cap} bytes; refused")
