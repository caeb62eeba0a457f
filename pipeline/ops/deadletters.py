"""`newsflow deadletters`: what failed, where and why, from the dead-letter topic and from the
Parquet `dead_letters` table (where runs without a broker, such as a backfill, put theirs)."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from pipeline.schema import DeadLetter
from pipeline.sinks.parquet_read import read_table

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PRINTABLE = set(string.printable) - set("\t\n\r\x0b\x0c")


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """ "30m", "2h", "7d" before now, or an ISO date/time ("2026-12-01", "2026-12-01T08:00Z")."""
    now = now or datetime.now(timezone.utc)
    if m := _DURATION.match(value.strip()):
        return now - timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2)])
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"--since {value!r}: use a duration (30m, 2h, 7d) or an ISO date (2026-12-01)") from exc
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Filter:
    stages: frozenset[str] = frozenset()
    since: datetime | None = None

    def keep(self, dl: DeadLetter) -> bool:
        if self.stages and dl.stage not in self.stages:
            return False
        return self.since is None or dl.failed_at.ToDatetime(tzinfo=timezone.utc) >= self.since


def excerpt(raw: bytes, width: int = 60) -> str:
    """The start of the original bytes, readable: undecodable bytes and controls become '·'."""
    text = raw[: width * 4].decode("utf-8", "replace")
    shown = "".join(
        " " if c.isspace() else c if c in _PRINTABLE or (c.isprintable() and c != "\ufffd") else "·" for c in text
    )
    return " ".join(shown.split())[:width]


def source(dl: DeadLetter) -> str:
    if dl.source_url:
        return dl.source_url
    return f"{dl.source_topic}:{dl.source_partition}@{dl.source_offset}" if dl.source_topic else "-"


def describe(dl: DeadLetter) -> str:
    """Two lines: when, stage and reason; then where it came from and the start of its bytes."""
    when = dl.failed_at.ToDatetime(tzinfo=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    return f"{when}  {dl.stage:<10} {dl.reason[:100]}\n    source: {source(dl)}  raw: {excerpt(dl.raw)!r}"


def from_parquet(parquet_root: Path) -> Iterator[DeadLetter]:
    """The dataset's dead letters as records, oldest first (a row's `source` is a URL or a topic)."""
    rows = read_table(parquet_root, "dead_letters").to_pylist()
    rows.sort(key=lambda row: row["failed_at"] or datetime.min.replace(tzinfo=timezone.utc))
    for row in rows:
        dl = DeadLetter(
            stage=row["stage"] or "",
            reason=row["reason"] or "",
            source_partition=row["source_partition"] or 0,
            source_offset=row["source_offset"] or 0,
            raw=row["raw"] or b"",
        )
        if "://" in (row["source"] or ""):
            dl.source_url = row["source"]
        else:
            dl.source_topic = row["source"] or ""
        if row["failed_at"]:
            dl.failed_at.FromDatetime(row["failed_at"])
        yield dl
