"""Array literals for PostgreSQL parameters and COPY values, built with one join: psycopg dumps a
Python list element by element, which cost more client CPU than the statements they fed."""

from __future__ import annotations

from typing import Collection, Iterable


def text_array(values: Collection[str]) -> str:
    """A text[] literal, for a parameter or a COPY value: psycopg dumps a list element by element in
    Python, which cost more client CPU than the merge statements themselves (and the COPY of
    article_actors' titles and aliases 2.5 times what the literals cost)."""
    if not values:  # most actors have no titles or aliases
        return "{}"
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def int_array(values: Iterable[int]) -> str:
    """A bigint[] (or smallint[]) literal."""
    return "{" + ",".join(map(str, values)) + "}"
