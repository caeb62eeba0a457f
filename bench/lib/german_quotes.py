"""Read the German Wikinews quotation set (../shared/eval/german-quotes: one JSON per article with
`originalText`, `tokens` and `annotations`). Evaluation only: CC BY-NC-SA 4.0, never copied into
the repository, and nothing fitted on it ships (see ../shared/eval/README.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.lib.quote_scoring import Gold, chars


@dataclass
class GermanDoc:
    path: Path
    name: str
    text: str
    tokens: list[dict[str, Any]]
    golds: list[Gold] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


def _span_chars(role: dict[str, Any]) -> frozenset[int]:
    out: set[int] = set()
    for s in role.get("spans", []):
        out |= chars(s["charBegin"], s["charEnd"])
    return frozenset(out)


def load(directory: Path) -> list[GermanDoc]:
    docs = []
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        # nested statements (a quoted fragment inside reported speech) count, as in official_eval.py
        golds = [
            Gold(
                _span_chars(a["quote"]),
                a.get("type") == "Direct",
                _span_chars(a.get("speaker", {})),
                a.get("speaker", {}).get("text", ""),
                cue=_span_chars(a.get("cue", {})),
            )
            for a in raw["annotations"]
        ]
        docs.append(GermanDoc(path, raw["documentName"], raw["originalText"], raw["tokens"], golds, raw))
    return docs


def token_ids(doc: GermanDoc, span: frozenset[int]) -> list[int]:
    """The gold tokenisation's ids of the tokens a character set touches (for official_eval.py)."""
    return [t["id"] for t in doc.tokens if any(c in span for c in range(t["charBegin"], t["charEnd"]))]
