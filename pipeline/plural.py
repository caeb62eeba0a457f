"""Counts in sentences: every command's summary line says "1 article" and "2 articles"."""

from __future__ import annotations


def plural(n: int, noun: str) -> str:
    """ "1 batch", "3 batches", "2 entries", "1,204 articles"."""
    if n == 1:
        return f"1 {noun}"
    if noun.endswith(("s", "ch", "sh", "x")):
        return f"{n:,} {noun}es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return f"{n:,} {noun[:-1]}ies"
    return f"{n:,} {noun}s"
